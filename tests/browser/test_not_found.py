"""The 404 page under a project address, as GitHub Pages serves it: the shipped site, built for
https://example.github.io/journeys/, served under /journeys/ on 127.0.0.1, with 404.html (status
404) for every address that is not a file, at any depth."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browser.conftest import Quiet, served
from conftest import SHIPPED_URL

pytestmark = pytest.mark.browser

PREFIX = urlsplit(SHIPPED_URL).path  # /journeys/


class ProjectPages(Quiet):
    """A site served under PREFIX, as GitHub Pages serves a project site; anything else is its 404 page."""

    def send_head(self):
        path = unquote(urlsplit(self.path).path)
        local = Path(self.directory) / path.removeprefix(PREFIX)
        if path.startswith(PREFIX) and (local.is_file() or (local / "index.html").is_file()):
            self.path = "/" + self.path.removeprefix(PREFIX)
            return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)  # send_head returns a file the handler copies, then closes



@pytest.fixture(scope="module")
def project_address(shipped_site):
    with served(shipped_site, ProjectPages, PREFIX) as url:
        yield url


@pytest.mark.parametrize("missing", ["no-such-page/", "coventry/indicators/no-such-indicator/", "a/b/c/d/e"])
def test_the_404_page_keeps_its_styles_and_links_at_any_depth(browser, project_address, missing):
    context = browser.new_context()
    page = context.new_page()
    fetched = []
    page.on("response", lambda response: fetched.append((response.url, response.status)))
    response = page.goto(project_address + missing, wait_until="load")
    assert response.status == 404
    assets = [(url, status) for url, status in fetched if "/assets/" in url]
    assert assets and all(status == 200 and url.startswith(project_address) for url, status in assets), assets
    # Material's stylesheet applied: the header takes the site's primary colour, not the browser's default
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == \
        "rgb(18, 67, 109)"
    home = page.locator("a.md-header__button.md-logo")
    assert home.evaluate("link => link.href") == project_address
    home.click()
    page.wait_for_load_state("load")
    assert page.url == project_address and page.title().startswith("Children")
    context.close()
