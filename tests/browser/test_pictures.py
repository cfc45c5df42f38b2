"""Charts and pictures on a phone: at 320 px their text stays 12 px or more, and a picture wider
than the column scrolls inside its own labelled region while the page itself does not."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest

from browser.conftest import first_load_bytes, page_paths
from browser.test_accessibility import every_page

pytestmark = pytest.mark.browser

PAGES = page_paths()

# For each drawing on the page: its name, the smallest text in it as drawn on screen (the font
# size times the drawing's scale), and whether a box narrower than it can be scrolled by keyboard.
DRAWINGS = """() => [...document.querySelectorAll('svg[role=img]')].map(svg => {
    const scale = svg.getScreenCTM().a;
    const sizes = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
        .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
    const box = svg.closest('.chart-scroll');
    const fits = svg.getBoundingClientRect().width <= svg.parentElement.clientWidth + 1;
    const name = document.getElementById(svg.getAttribute('aria-labelledby'));
    return {name: name ? name.textContent.trim() : '(no name)', texts: sizes.length,
            smallest: sizes.length ? Math.min(...sizes) : null,
            scrollable: fits || (box !== null && box.tabIndex === 0 && box.getAttribute('role') === 'region'
                                 && getComputedStyle(box).overflowX === 'auto')};
})"""


def test_at_320_pixels_every_drawing_keeps_its_text_at_12_pixels(visit, built_site):
    visit.page.set_viewport_size({"width": 320, "height": 800})
    drawn, problems = 0, []
    for path in every_page(built_site):
        page = visit.open(path)
        if page.evaluate("() => document.documentElement.scrollWidth") > 320:
            problems.append((path, "the page scrolls sideways"))
        for drawing in page.evaluate(DRAWINGS):
            drawn += drawing["texts"] > 0
            if drawing["smallest"] is not None and drawing["smallest"] < 11.99:
                problems.append((path, drawing["name"], f"text drawn at {drawing['smallest']:.1f} px"))
            if not drawing["scrollable"]:
                problems.append((path, drawing["name"], "wider than its column and cannot be scrolled"))
    assert drawn >= 5, "the site should have charts with text on several pages"
    assert problems == [], "\n".join(map(str, problems))


OVERVIEW_BUDGET = 150 * 1024  # bytes, compressed: issue 16's budget for the overview with its pictures
REFERENCES = Path(__file__).parent / "references"
# Each new picture on the overview: its name in the reference files, and the element to photograph.
PICTURES = {"timeline": "#timeline", "plan-progress": "#plan-progress", "indicators-glance": "ul.glance",
            "standings": "#standings"}


def test_overview_with_its_pictures_is_light(visit, built_site):
    """Everything the browser fetches for an overview, gzipped as a server would send it."""
    total = first_load_bytes(visit, built_site, PAGES["overview"])
    print(f"overview: {total} bytes compressed")
    assert 0 < total <= OVERVIEW_BUDGET, f"{total} bytes compressed"


def test_overview_pictures_are_named_described_and_tabled(visit):
    page = visit.open(PAGES["overview"])
    for picture in ("timeline", "plan-progress"):
        named = page.evaluate("""id => {
            const svg = document.querySelector('#' + id + ' svg[role=img]');
            const text = ref => document.getElementById(svg.getAttribute(ref)).textContent.trim();
            return [text('aria-labelledby'), text('aria-describedby')];
        }""", picture)
        assert named[0] and len(named[1]) > 20, (picture, named)
        assert page.locator(f"#{picture}-table + .table-wrap tbody tr").count() >= 1
    cards = page.locator("ul.glance > li")
    assert cards.count() >= 2
    first = cards.first
    assert first.locator("a").get_attribute("href").startswith("indicators/")
    assert first.locator("svg[role=img]").count() == 1
    assert "Latest" in first.locator(".glance-status").inner_text()


@pytest.mark.parametrize("width", [1280, 320])
def test_each_picture_matches_its_reference_screenshot_size(visit, width):
    """Screenshots of each picture at 1280 and 320 px, kept in tests/browser/references/ to look at.
    JOURNEYS_REFERENCES=write rewrites them; otherwise each must still draw at its reference's size."""
    visit.page.set_viewport_size({"width": width, "height": 900})
    for name, selector in PICTURES.items():
        page = visit.open(PAGES["home" if name == "standings" else "overview"])
        element = page.locator(selector).first
        # Laid out before it is measured: a block below the screen keeps a guessed height until it
        # nears the screen (content-visibility: auto), and a screenshot would take that guess.
        element.scroll_into_view_if_needed()
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        shot = element.screenshot(animations="disabled")
        reference = REFERENCES / f"{name}-{width}.png"
        if os.environ.get("JOURNEYS_REFERENCES") == "write":
            REFERENCES.mkdir(exist_ok=True)
            reference.write_bytes(shot)
        assert reference.is_file(), f"no reference screenshot {reference.name}: run with JOURNEYS_REFERENCES=write"
        assert png_size(shot) == png_size(reference.read_bytes()), name


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    return struct.unpack(">II", png[16:24])


@pytest.mark.parametrize("width", [1280, 320])
def test_comparison_panels_match_their_reference_screenshot_size(browser, width):
    """The fixture comparison (months beside financial years), a panel per kind of period, in a
    chart region as pages show it; its text stays 12 px and more at 320 px."""
    from test_compare import the_comparison

    from journeys.outputs import vega
    from journeys.outputs.compare_chart import comparison_spec, panels_by_kind
    from journeys.outputs.drawing import Drawing
    from journeys.outputs.markup import chart_region

    drawing = Drawing()
    svg = vega.embed_svg(vega.svg(panels_by_kind(comparison_spec(the_comparison(), drawing)), drawing),
                         "chart", "chart-label", "chart-summary")
    css = (Path(__file__).parents[2] / "journeys/theme/assets/stylesheets/site.css").read_text(encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.set_content(f'<style>{css}</style><article class="md-typeset" style="padding:0 16px">'
                         f'<p id="chart-label">Comparison</p><figure class="chart">{chart_region(svg, "chart-label")}'
                         '<figcaption id="chart-summary">Summary</figcaption></figure></article>')
        [drawing] = page.evaluate(DRAWINGS)
        assert drawing["smallest"] >= 11.99 and drawing["scrollable"], drawing
        shot = page.locator("figure.chart").screenshot()
    finally:
        page.close()
    reference = REFERENCES / f"comparison-panels-{width}.png"
    if os.environ.get("JOURNEYS_REFERENCES") == "write":
        reference.write_bytes(shot)
    assert reference.is_file(), f"no reference screenshot {reference.name}: run with JOURNEYS_REFERENCES=write"
    assert png_size(shot) == png_size(reference.read_bytes())


def test_home_table_sorts_by_any_column_and_filters_by_judgement_and_region(visit):
    page = visit.open(PAGES["home"])
    page.wait_for_selector("#standings-tools:not([hidden])")
    names = "() => [...document.querySelectorAll('#authorities-table + .table-wrap tbody tr')]" \
            ".filter(r => !r.hidden).map(r => r.cells[0].textContent.trim())"
    improving = "() => [...document.querySelectorAll('#authorities-table + .table-wrap tbody tr')]" \
                ".map(r => Number(r.cells[7].querySelector('[data-value]').dataset.value))"
    everyone = page.evaluate(names)
    assert len(everyone) == 3
    page.get_by_role("button", name="Indicators improving").click()
    ascending = page.evaluate(improving)
    assert ascending == sorted(ascending)
    page.get_by_role("button", name="Indicators improving").click()
    assert page.evaluate(improving) == sorted(ascending, reverse=True)
    header = page.locator("#authorities-table + .table-wrap th", has_text="Indicators improving")
    assert header.get_attribute("aria-sort") == "descending"
    for option in page.locator("#standings-judgement option").all()[1:]:
        wanted, label = option.get_attribute("value"), option.inner_text()
        page.select_option("#standings-judgement", wanted)
        shown = page.evaluate(names)
        assert f"({len(shown)})" in label, (label, shown)
        assert "shown" in page.locator("#standings-status").inner_text()
    page.select_option("#standings-judgement", "")
    assert sorted(page.evaluate(names)) == sorted(everyone)
    regions = [option.get_attribute("value") for option in page.locator("#standings-region option").all()[1:]]
    assert regions == ["North East", "South West", "Region not given"]
    page.select_option("#standings-region", "North East")
    assert page.evaluate(names) == ["Northam City Council"]
    page.select_option("#standings-judgement", page.locator("#standings-judgement option").all()[1].get_attribute("value"))
    both = page.evaluate(names)
    assert set(both) <= {"Northam City Council"}  # both filters hold at once
    page.select_option("#standings-judgement", "")
    page.select_option("#standings-region", "")
    assert sorted(page.evaluate(names)) == sorted(everyone)


def test_home_table_is_complete_without_javascript(visit_without_javascript):
    page = visit_without_javascript.open(PAGES["home"])
    assert page.locator("#authorities-table + .table-wrap tbody tr").count() == 3
    assert not page.locator("#standings-tools").is_visible()
    assert page.locator("#standings svg[role=img]").is_visible()


# --- The home page's one table, by keyboard and as a screen reader hears it (issue 23) ---------------

def test_home_table_sorts_from_the_keyboard_and_says_the_order(visit):
    page = visit.open(PAGES["home"])
    page.wait_for_selector("#standings-tools:not([hidden])")
    table = page.get_by_role("table", name="Every authority on this site and where it stands")
    assert table.count() == 1  # one table of every authority, named by its caption
    headings = [cell.inner_text() for cell in table.get_by_role("columnheader").all()]
    assert headings == ["Authority", "Region", "Latest Ofsted judgement", "Judged", "DfE intervention",
                        "Latest report", "Ratings now", "Indicators improving", "Indicators worsening"]
    for name in headings:  # each heading is a button a keyboard reaches, named by the heading
        assert table.get_by_role("button", name=name, exact=True).count() == 1
    button = table.get_by_role("button", name="Latest report", exact=True)
    button.focus()
    page.keyboard.press("Enter")
    header = table.get_by_role("columnheader", name="Latest report")
    assert header.get_attribute("aria-sort") == "ascending"
    assert page.get_by_role("status").inner_text() == "Sorted by Latest report, ascending."
    reports = "() => [...document.querySelectorAll('#authorities-table + .table-wrap tbody tr')]" \
              ".map(r => r.cells[5].querySelector('[data-value]').dataset.value).filter(v => v)"
    ascending = page.evaluate(reports)
    assert ascending == sorted(ascending) and len(ascending) >= 2
    page.keyboard.press("Space")  # a button answers Space as well as Enter
    assert header.get_attribute("aria-sort") == "descending"
    assert page.evaluate(reports) == sorted(ascending, reverse=True)
    assert page.get_by_role("status").inner_text() == "Sorted by Latest report, descending."
    page.keyboard.press("Tab")  # on to the next heading's button
    assert page.evaluate("() => document.activeElement.textContent") == "Ratings now"
    assert table.locator("th[aria-sort]").count() == 1  # only the column sorted by says so


def test_home_table_reads_in_full_without_javascript_in_one_table(visit_without_javascript):
    page = visit_without_javascript.open(PAGES["home"])
    assert page.locator("table").count() == 1  # not a list of authorities and then a table of them again
    rows = page.locator("#authorities-table + .table-wrap tbody tr")
    assert rows.count() == 3
    northam = page.locator("#authorities-table + .table-wrap tbody tr", has_text="Northam City Council")
    assert "12 January 2017: report to the Scrutiny Board (2)" in northam.inner_text()  # the paper its ratings cite
    assert page.locator("#authorities-table + .table-wrap th button").count() == 0  # headings, plain


# --- The timeline's words never overlap (issue 23) ----------------------------------------------------

TEXT_BOXES = """() => [...document.querySelectorAll('svg[role=img] text')].filter(t => t.textContent.trim())
    .map(t => { const r = t.getBoundingClientRect();
                return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })"""


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]]


def test_the_timelines_words_never_overlap_when_inspections_are_close(browser):
    """Inspections two years apart on a ten-year line, a re-inspection months later and a notice between:
    every word on the drawing, as the browser lays it out, clear of every other."""
    import pandas as pd

    from journeys.domain.pictures import JourneyEvent, JourneyTimeline
    from journeys.outputs import picture_specs, vega
    from journeys.outputs.drawing import Drawing

    def event(day, lane, what, grade=None):
        return JourneyEvent(pd.Timestamp(day), day, lane, what, what, grade)
    events = [event("2013-06-01", "Inspections", "Inspection", "Inadequate"),
              event("2015-03-01", "Inspections", "Re-inspection", "Requires improvement to be good"),
              event("2015-09-01", "Inspections", "Re-inspection", "Good"),
              event("2015-06-01", "Notices and directions", "Improvement notice lifted"),
              event("2014-01-01", "Notices and directions", "Improvement notice issued"),
              event("2023-01-01", "Inspections", "Re-inspection", "Outstanding")]
    timeline = JourneyTimeline(sorted(events, key=lambda e: e.day), pd.Timestamp("2023-06-01"), "June 2023")
    svg = vega.embed_svg(vega.svg(picture_specs.timeline_spec(timeline), Drawing()), "timeline", "t", "s")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.set_content(f'<p id="t">Timeline</p><p id="s">Summary</p>{svg}')
        boxes = page.evaluate(TEXT_BOXES)
    finally:
        page.close()
    words = [box["text"] for box in boxes]
    assert {"Inadequate", "Requires improvement", "Good", "Outstanding", "Notice issued", "Notice lifted"} <= set(words)
    assert overlapping(boxes) == []
