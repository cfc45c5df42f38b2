"""Long tables on a desktop page: they fit the content column, and their sources stay readable."""

from __future__ import annotations

import pytest

from browser.conftest import page_paths

pytestmark = pytest.mark.browser

PAGES = page_paths()


def test_the_figures_table_fits_a_desktop_page_with_its_sources_readable(visit):
    page = visit.open(PAGES["indicator"])  # 1280 x 900, both sidebars showing
    sizes = page.evaluate("""() => {
        const wrap = document.querySelector('#figures-table + .table-wrap');
        const headers = [...wrap.querySelectorAll('thead th')];
        const source = headers.find(th => th.textContent.trim() === 'Source');
        const fontSize = parseFloat(getComputedStyle(source).fontSize);
        return {overflow: wrap.scrollWidth - wrap.clientWidth, source: source.getBoundingClientRect().width / fontSize,
                article: document.querySelector('article').getBoundingClientRect().right,
                table: wrap.querySelector('table').getBoundingClientRect().right};
    }""")
    assert sizes["overflow"] <= 1, sizes  # nothing hidden off to the right
    assert sizes["table"] <= sizes["article"] + 1, sizes
    # In ems: "Source 1, Appendix A, para 10" wraps into a few lines, not a letter a line.
    assert sizes["source"] >= 9, sizes


def test_notes_beside_the_figures_are_still_found_by_search(visit):
    # The figures' cells are left out of the search index; the notes in the same rows are not.
    page = visit.open("search/?q=fewer+than+six+children")
    page.wait_for_function("() => /found/.test(document.getElementById('search-status').textContent)")
    found = page.eval_on_selector_all("#search-results a", "links => links.map(a => a.getAttribute('href'))")
    assert any("/northam/indicators/rhi/" in url for url in found), found


def test_the_figures_table_is_named_by_its_caption_not_the_heading_above_it(visit):
    page = visit.open(PAGES["indicator"])
    name = page.evaluate("""() => {
        const table = document.querySelector('#figures-table + .table-wrap table');
        const ids = table.getAttribute('aria-labelledby');
        return [document.querySelectorAll(`[id="${ids}"]`).length, document.getElementById(ids).textContent];
    }""")
    assert name == [1, "Return home interviews completed within 72 hours: every published figure"]


def test_figures_are_right_aligned_and_the_words_beside_them_are_not(visit):
    # The table names its columns of numbers once (data-num); site.css aligns them by position.
    page = visit.open(PAGES["indicator"])
    aligned = page.evaluate("""() => {
        const table = document.querySelector('#figures-table + .table-wrap table');
        const titles = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
        const row = table.querySelector('tbody tr');
        const align = title => getComputedStyle(row.children[titles.indexOf(title)]).textAlign;
        return {figure: align('Figure'), period: align('Period'), source: align('Source'),
                header: getComputedStyle(table.querySelectorAll('thead th')[titles.indexOf('Figure')]).textAlign};
    }""")
    assert aligned == {"figure": "right", "period": "left", "source": "left", "header": "right"}, aligned


def test_each_figures_source_is_named_in_its_row_and_linked_from_the_data_page(visit):
    # Every figure names its paper and where in it, in words, on its own page: read out by a screen
    # reader with the row, and printed; the paper's address is on the data page, one link away.
    page = visit.open(PAGES["indicator"])
    cited = """() => {
        const table = document.querySelector('#figures-table + .table-wrap table');
        const titles = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
        const cell = table.querySelector('tbody tr').children[titles.indexOf('Source')];
        return {text: cell.innerText.trim(), shown: getComputedStyle(cell).display !== 'none'
                && getComputedStyle(table).display !== 'none'};
    }"""
    on_screen = page.evaluate(cited)
    page.emulate_media(media="print")
    in_print = page.evaluate(cited)
    page.emulate_media(media="screen")
    assert on_screen == in_print and on_screen["shown"], (on_screen, in_print)
    papers = page.get_by_role("link", name="the papers these figures come from")
    assert papers.get_attribute("href").endswith("/data/#papers")
    papers.click()
    page.wait_for_load_state()
    listed = page.eval_on_selector_all("#papers ~ ul.sources li a", "links => links.map(a => a.textContent.trim())")
    assert any(on_screen["text"].startswith(f"{title}, ") for title in listed), (on_screen, listed)
