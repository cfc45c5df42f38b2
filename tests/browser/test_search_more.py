"""Search says how many pages Pagefind found, however many, and every one of them can be reached: a
button loads the next twenty, by keyboard too, and says what it did. On the shipped data's site,
where a common word matches far more than twenty pages."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from browser.conftest import served

pytestmark = pytest.mark.browser

QUERY = "children"
STATUS = "document.getElementById('search-status').textContent"


@pytest.fixture(scope="module")
def shipped_url(shipped_site):
    with served(shipped_site) as url:
        yield url


@contextmanager
def searched(browser, shipped_url: str, query: str):
    """The search page, its results for the query shown."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{shipped_url}search/?q={query}", wait_until="load")
    page.wait_for_function(f"() => /found/.test({STATUS})")
    try:
        yield page
    finally:
        context.close()


def test_the_true_count_is_shown_and_every_result_can_be_reached_by_keyboard(browser, shipped_url):
    with searched(browser, shipped_url, QUERY) as page:
        total = page.evaluate("""async query => {
            const pagefind = await import(new URL('pagefind/pagefind.js', new URL('../', location.href)).href);
            await pagefind.options({baseUrl: new URL('../', location.href).pathname});
            return (await pagefind.search(query)).results.length;
        }""", QUERY)
        assert total > 40, "the query should match more than two pages of results"
        assert page.evaluate(STATUS) == f"{total} pages found for \u201c{QUERY}\u201d; showing 1 to 20."
        assert page.locator("#search-results li").count() == 20
        more = page.locator("#search-more")
        assert more.is_visible() and more.inner_text() == f"Show 20 more results (of {total - 20} not shown)"

        more.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelectorAll('#search-results li').length === 40")
        assert page.evaluate(STATUS) == f"{total} pages found for \u201c{QUERY}\u201d; showing 1 to 40."
        # the first new result has the focus: a keyboard user reads on from there
        assert page.evaluate("document.activeElement === document.querySelectorAll('#search-results li a')[20]")

        for _ in range(total // 20):
            if not more.is_visible():
                break
            more.click()
            page.wait_for_function("() => !document.getElementById('search-more').disabled")
        assert page.locator("#search-results li").count() == total
        assert page.evaluate(STATUS) == f"{total} pages found for \u201c{QUERY}\u201d; showing all."
        links = page.eval_on_selector_all("#search-results li a.search-result-title", "links => links.map(a => a.href)")
        assert len(set(links)) == total
        assert page.get_attribute("#search-status", "role") == "status"  # each change is announced


def test_twenty_or_fewer_results_need_no_button(browser, shipped_url):
    with searched(browser, shipped_url, "apprenticeships") as page:
        count = page.locator("#search-results li").count()
        assert 0 < count <= 20
        assert page.evaluate(STATUS) == f"{count} page{'s' if count != 1 else ''} found for \u201capprenticeships\u201d."
        assert page.locator("#search-more").is_hidden()
