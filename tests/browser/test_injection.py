"""Markup in every free-text field of a package appears as text and runs nothing: in pages,
navigation, charts, tooltips and search results, in a real browser."""

from __future__ import annotations

import pytest

from browser.conftest import page_paths
from browser.packages import free_text_fields, injection_tables

pytestmark = pytest.mark.browser

PAGES = page_paths(slug="injection", indicator="re-referrals")
# Anything the payloads would create if they were ever parsed as markup.
INJECTED = """() => ({
  pwned: window.__pwned || null,
  images: document.querySelectorAll('img[src="x"], img[onerror]').length,
  handlers: [...document.querySelectorAll('*')].filter(el => [...el.attributes].some(a => a.name.startsWith('on'))).length,
  scriptLinks: [...document.querySelectorAll('a[href]')].filter(a => /^\\s*javascript:/i.test(a.getAttribute('href'))).length,
  bold: [...document.querySelectorAll('b')].filter(b => b.textContent === 'not bold').length,
  scripts: [...document.scripts].filter(s => s.textContent.includes('__pwned')).length,
})"""
CLEAN = {"pwned": None, "images": 0, "handlers": 0, "scriptLinks": 0, "bold": 0, "scripts": 0}


def visible_text(page) -> str:
    """The page's text as a reader selects and copies it. Not innerText: long blocks are laid out only
    near the screen (content-visibility: auto), and innerText leaves out the ones not laid out yet,
    though a reader scrolls to them, finds them and copies them."""
    return page.evaluate("() => { const s = getSelection(); s.selectAllChildren(document.body); "
                         "const t = String(s); s.removeAllRanges(); return t; }")


@pytest.mark.parametrize("name", [name for name in PAGES if name not in ("glossary", "how to read", "accessibility")])
def test_markup_in_data_runs_nothing(visit, name):
    page = visit.open(PAGES[name])
    for _ in range(60):  # focus every control in turn: tooltips and menus render on focus
        page.keyboard.press("Tab")
    page.mouse.move(200, 300)
    assert page.evaluate(INJECTED) == CLEAN
    assert visit.dialogs == []


@pytest.mark.parametrize("name", ["overview", "plan", "journey", "scrutiny", "indicator", "data"])
def test_markup_in_data_is_shown_as_text(visit, name):
    page = visit.open(PAGES[name])
    shown = visible_text(page)
    assert "PAYLOAD <script>window.__pwned=" in shown
    assert "[click me](javascript:alert(3))" in shown
    assert '*[CAF]: pwned {: onclick="alert(5)" }' in shown


def test_every_free_text_field_reaches_a_page_as_text(visit):
    """Each field's own payload is found, literally, on some page of the authority."""
    shown = " ".join(visible_text(visit.open(path)) for name, path in PAGES.items() if name != "search")
    expected = {f"{table}.{field}.0-PAYLOAD <script>" for table, rows in injection_tables().items() if rows
                for field in free_text_fields(table)}
    missing = sorted(marker for marker in expected if marker not in shown)
    # Where a paper came from is shown in the sources list; these are the fields the site shows.
    assert missing == [], f"fields never shown on a page: {missing}"


def test_chart_text_from_data_is_text(visit):
    page = visit.open(PAGES["indicator"])
    chart = page.locator("figure.chart svg")
    assert chart.count() == 1
    assert "re-referrals" in (chart.text_content() or "").lower() or "PAYLOAD" in (chart.text_content() or "")
    assert chart.locator("script, img, foreignObject, a").count() == 0


def test_search_results_show_markup_as_text(visit):
    page = visit.open("search/?q=PAYLOAD")
    page.wait_for_function("() => document.getElementById('search-status').textContent.includes('found')")
    results = page.locator("#search-results li")
    assert results.count() > 0
    assert page.evaluate(INJECTED) == CLEAN
    assert "<script>" in page.locator("#search-results").inner_text()


def test_paper_links_are_only_http(visit):
    page = visit.open(PAGES["plan"])
    hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
    assert hrefs and all(href.startswith(("http://", "https://")) for href in hrefs)
