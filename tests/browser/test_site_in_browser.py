"""Search finds pages by their words; charts are there without JavaScript; an indicator page
stays light."""

from __future__ import annotations


import pytest

from browser.conftest import first_load_bytes, page_paths

pytestmark = pytest.mark.browser

PAGES = page_paths()
FIRST_LOAD_BUDGET = 150 * 1024  # bytes, compressed: issue 4's budget for an indicator page


def search_results(visit, query: str) -> list[str]:
    page = visit.open(f"search/?q={query.replace(' ', '+')}")
    page.wait_for_function("() => /found/.test(document.getElementById('search-status').textContent)")
    return page.eval_on_selector_all("#search-results a", "links => links.map(a => a.getAttribute('href'))")


def test_search_finds_both_authorities_return_home_interview_pages(visit):
    found = search_results(visit, "return home interviews")
    assert any("/northam/indicators/rhi/" in url for url in found), found
    assert any("/southby/indicators/rhi-offered/" in url for url in found), found


def test_search_finds_actions_and_findings_by_their_words(visit):
    assert any("/plan/" in url for url in search_results(visit, "early help hub"))
    assert any("/journey/" in url for url in search_results(visit, "managers know their teams"))


def test_search_results_link_to_pages_that_exist(visit):
    for url in search_results(visit, "return home interviews"):
        response = visit.page.request.get(url)
        assert response.ok, url


def test_search_form_on_every_page_leads_to_results(visit):
    page = visit.open(PAGES["plan"])
    page.fill("#site-search-query", "return home interviews")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert "/search/?q=return+home+interviews" in page.url
    page.wait_for_function("() => /found/.test(document.getElementById('search-status').textContent)")
    assert page.locator("#search-results li").count() >= 2


def test_chart_is_present_without_javascript(visit_without_javascript):
    page = visit_without_javascript.open(PAGES["indicator"])
    chart = page.locator("figure.chart svg[role=img]")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 300 and box["height"] > 150
    name = page.evaluate("() => document.getElementById(document.querySelector('figure.chart svg')"
                         ".getAttribute('aria-labelledby')).textContent")
    assert "Return home interviews" in name
    caption = page.locator("figure.chart figcaption").inner_text()
    assert "Return home interviews" in caption and "70.0%" in caption
    assert page.locator("table[aria-labelledby=figures-table] tbody tr").count() == 4


def test_suppressed_value_is_never_shown(visit):
    page = visit.open(PAGES["indicator"])
    rows = page.eval_on_selector_all("table[aria-labelledby=figures-table] tbody tr",
                                     "rows => rows.map(r => [...r.cells].map(c => c.innerText))")
    october = next(row for row in rows if row[0].startswith("October 2016"))
    assert october[1].startswith("c: confidential")
    assert page.locator("figure.chart svg text", has_text="c").count() >= 1  # the gap's mark


def test_indicator_page_first_load_is_light(visit, built_site):
    """Everything the browser fetches for an indicator page, gzipped as a server would send it."""
    total = first_load_bytes(visit, built_site, PAGES["indicator"])
    assert 0 < total <= FIRST_LOAD_BUDGET, f"{total} bytes compressed"


def test_on_paper_the_page_keeps_its_chart_and_drops_the_controls(visit):
    page = visit.open(PAGES["indicator"])
    page.emulate_media(media="print")
    assert page.locator("figure.chart svg").is_visible()
    assert page.locator("table[aria-labelledby=figures-table]").is_visible()
    for chrome in (".md-header", ".site-search", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), chrome
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_search_results_show_the_key_fact_and_the_words_in_context(visit):
    """Issue 16.6: excerpts opened with the 'Figures as at … historical record' line of every page."""
    page = visit.open("search/?q=return+home+interviews")
    page.wait_for_function("() => /found/.test(document.getElementById('search-status').textContent)")
    results = page.eval_on_selector_all("#search-results li", """items => items.map(li => ({
        href: li.querySelector('a').getAttribute('href'),
        fact: (li.querySelector('.search-result-fact') || {}).textContent || '',
        excerpt: li.querySelector('.search-result-excerpt').textContent,
        marked: [...li.querySelectorAll('.search-result-excerpt mark')].map(m => m.textContent.toLowerCase())}))""")
    assert results
    opening = [r["excerpt"] for r in results if "Figures as at" in r["excerpt"] or "historical record" in r["excerpt"]]
    assert opening == []
    assert all(r["marked"] for r in results), results  # every excerpt shows where the words matched
    rhi = next(r for r in results if "/northam/indicators/rhi/" in r["href"])
    # The indicator's chart summary: its latest figure and where it stands against its target.
    assert rhi["fact"].startswith("Return home interviews completed within 72 hours: 70.0% in November 2016")
    assert "The target for 2016/17 is 75.0%: within tolerance." in rhi["fact"]


def test_the_header_search_box_sits_in_the_header_colours(visit):
    page = visit.open(PAGES["plan"])
    colours = page.evaluate("""() => {
        const colour = selector => getComputedStyle(document.querySelector(selector)).backgroundColor;
        const header = document.querySelector('.md-header').getBoundingClientRect();
        const band = document.querySelector('.site-search').getBoundingClientRect();
        return {header: colour('.md-header'), band: colour('.site-search'), gap: band.top - header.bottom,
                width: band.width - header.width};
    }""")
    assert colours["band"] == colours["header"], colours
    assert abs(colours["gap"]) <= 1 and colours["width"] == 0, colours
