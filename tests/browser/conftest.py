"""One real site, built once from tiny packages, served on 127.0.0.1, read by headless Chromium.

Every page opened through the `visit` fixture records each request it makes (anything not
for this server is aborted and recorded), every dialog and every console error, so each
browser test also checks that nothing leaves localhost and nothing pops up.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browser.packages import write_packages
from journeys.build.pipeline import build
from journeys.build.config import load_config

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
BUILT_AT = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)

# One page of each type, for the good authority and for the one full of markup.
PAGE_TYPES = {
    "home": "", "overview": "{slug}/", "plan": "{slug}/plan/", "indicators": "{slug}/indicators/",
    "indicator": "{slug}/indicators/{indicator}/", "journey": "{slug}/journey/", "scrutiny": "{slug}/scrutiny/",
    "data": "{slug}/data/", "glossary": "glossary/", "how to read": "how-to-read/",
    "officers' guide": "officers-guide/", "accessibility": "accessibility/",
    "search": "search/?q=return+home+interviews",
    "compare": "compare/271-re-referrals-within-12-months/",  # issue 7: northam and injection both report 271
}


def first_load_bytes(visit, built_site, path: str) -> int:
    """Everything the browser fetches to show a page, gzipped as a server would send it."""
    visit.open(path)
    total = 0
    for url in set(visit.requests):
        found = built_site / unquote(urlsplit(url).path).lstrip("/")
        file = found / "index.html" if found.is_dir() else found
        total += len(gzip.compress(file.read_bytes(), 9))
    return total


def page_paths(slug: str = "northam", indicator: str = "rhi") -> dict[str, str]:
    return {name: path.format(slug=slug, indicator=indicator) for name, path in PAGE_TYPES.items()}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site, built for real (validation, pages, charts, engine, search index, swap)."""
    base = tmp_path_factory.mktemp("site")
    write_packages(base)
    (base / "site.yml").write_text("name: Test journeys\ndata_dir: data\nsite_dir: site\n"
                                  "paper:\n  on_site: true\n  committee: Scrutiny Board (2)\n", encoding="utf-8")
    config, problems = load_config(base / "site.yml")
    assert not problems
    assert build(config, now=BUILT_AT) == 0
    return config.site_dir


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] = Quiet, path: str = "/"):
    """The folder served by a thread on 127.0.0.1 and a free port; its address (ending in `path`)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{path}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site, served."""
    with served(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium; if it is missing these tests fail (they are never skipped)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """What the pages opened in one test did."""
    page: object
    base: str
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str):
        response = self.page.goto(self.base + path, wait_until="load")
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        return self.page


def _recorder(visit: Visit, host: str):
    def handle(route):
        url = route.request.url
        visit.requests.append(url)
        if urlsplit(url).netloc != host:
            visit.foreign.append(url)
            return route.abort()
        return route.continue_()
    return handle


def _open_context(browser, site_url: str, **options) -> Visit:
    context = browser.new_context(**options)
    page = context.new_page()
    visit = Visit(page=page, base=site_url)
    context.route("**/*", _recorder(visit, urlsplit(site_url).netloc))
    page.on("dialog", lambda dialog: (visit.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: visit.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    return visit


@pytest.fixture
def visit(browser, site_url):
    """A fresh browser context; after the test, nothing may have left localhost or popped up."""
    opened = _open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    yield opened
    opened.page.context.close()
    assert opened.foreign == [], f"requests left localhost: {opened.foreign}"
    assert opened.dialogs == [], f"dialogs opened: {opened.dialogs}"


@pytest.fixture
def visit_without_javascript(browser, site_url):
    opened = _open_context(browser, site_url, java_script_enabled=False, viewport={"width": 1280, "height": 900})
    yield opened
    opened.page.context.close()
    assert opened.foreign == []
