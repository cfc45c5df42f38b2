"""The committee paper on the site (issue 26): the overview links it, the PDF and the page are
there, and the page passes axe (every page of the site does, in test_accessibility.py: it is
checked here on its own, on screen and as printed) and asks for nothing from anywhere."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser.test_accessibility import AXE_OPTIONS, AXE_RUN
from journeys.outputs.page import PAPER_HTML, PAPER_PDF

pytestmark = pytest.mark.browser


def test_the_overview_links_the_paper_for_the_latest_report(visit, built_site):
    page = visit.open("northam/")
    hrefs = [link.get_attribute("href") for link in page.locator("p.committee-paper a").all()]
    assert hrefs == [PAPER_PDF, PAPER_HTML]  # relative to the overview, northam/
    assert (built_site / "northam" / PAPER_PDF).read_bytes().startswith(b"%PDF-")
    assert visit.open("northam/" + PAPER_HTML).locator("h1").inner_text().startswith("Northam")


@pytest.mark.parametrize("media", ["screen", "print"])
def test_the_paper_page_passes_axe_and_loads_nothing(visit, media):
    visit.page.context.add_init_script(Axe().axe_script)
    visit.page.emulate_media(media=media)
    page = visit.open(f"northam/{PAPER_HTML}")
    assert page.locator("h1").count() == 1 and page.locator("svg[role=img]").count() > 0
    assert page.evaluate(AXE_RUN, AXE_OPTIONS) == []
    assert [url for url in visit.requests if not url.endswith(PAPER_HTML)] == []
