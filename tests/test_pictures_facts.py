"""The overview's pictures (issue 16): the facts each one draws, its summary stating the same facts
as its drawing's data, its table, and the size budget of every picture."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pytest

from conftest import DEFAULT_TABLES, DOCUMENT, make_package
from journeys.domain import pictures as facts
from journeys.outputs import charts, picture_specs, pictures, vega
from journeys.outputs.drawing import Drawing
from journeys.outputs.pages import home
from journeys.outputs.pages.home import how_long_ago

DRAWING = Drawing()
from journeys.model import load_authority
from journeys.domain.dates import record_ends
from journeys.domain.figures import indicator_statuses
from journeys.domain.summary import Standing, standing, summarise
from journeys.domain.disclosure import protect

NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)
PICTURE_BUDGET = 20 * 1024  # bytes: issue 16's budget for each picture

MILESTONES = DEFAULT_TABLES["milestones"] + [
    {"milestone_id": "notice-2014", "kind": "improvement notice issued", "date": "2014-06-30",
     "title": "Improvement notice issued", **DOCUMENT},
    {"milestone_id": "board-2014", "kind": "improvement board", "date": "2014-07", "title": "Board meets", **DOCUMENT},
    {"milestone_id": "plan-2014", "kind": "plan published", "date": "2014-08", "title": "Plan published", **DOCUMENT},
    {"milestone_id": "insp-2016", "kind": "inspection", "date": "2016-12", "framework": "sif-2013",
     "title": "Ofsted re-inspection", **DOCUMENT},
    {"milestone_id": "notice-lifted", "kind": "improvement notice lifted", "date": "2017-01-10",
     "title": "Improvement notice lifted", **DOCUMENT},
    {"milestone_id": "board-2018", "kind": "improvement board", "date": "2018-01", "title": "Planned board",
     **DOCUMENT},  # after the latest paper (12 January 2017): planned, not on the timeline
]
JUDGEMENTS = DEFAULT_TABLES["judgements"] + [
    {"milestone_id": "insp-2016", "judgement": "Overall effectiveness", "grade": "Requires improvement to be good",
     **DOCUMENT}]
PROGRESS = DEFAULT_TABLES["progress"] + [
    {"action_id": "2", "report_date": "2016-10-13", "rating": "Red", **DOCUMENT},
    {"action_id": "2", "report_date": "2017-01-12", "rating": "Amber", **DOCUMENT}]


@pytest.fixture
def authority(tmp_path):
    return protect(load_authority(make_package(tmp_path, milestones=MILESTONES, judgements=JUDGEMENTS,
                                               progress=PROGRESS)))


def timeline_of(authority):
    return facts.journey_timeline(authority.table("milestones"), authority.table("judgements"),
                                     record_ends(authority, NOW))


def data_rows(spec: dict) -> list[dict]:
    """The rows a drawing shows: every inline dataset of its layers (the end-of-record rule aside)."""
    for layer in spec.get("layer", [spec]):
        rows = layer.get("data", {}).get("values", [])
        if rows and ("lane" in rows[0] or "count" in rows[0]):
            return rows
    return []


# --- The journey timeline ----------------------------------------------------------------------

def test_timeline_keeps_inspections_visits_notices_and_boards_up_to_the_end_of_the_record(authority):
    timeline = timeline_of(authority)
    assert [(e.date_label, e.what, e.grade) for e in timeline.events] == [
        ("January 2014", "Inspection", "Inadequate"),
        ("30 June 2014", "Improvement notice issued", None),
        ("July 2014", "Improvement board", None),
        ("8 November 2016", "Monitoring visit", None),
        ("December 2016", "Re-inspection", "Requires improvement to be good"),
        ("10 January 2017", "Improvement notice lifted", None),
    ]
    assert timeline.record_ends == pd.Timestamp("2017-01-12")


def test_timeline_summary_states_what_the_picture_draws(authority):
    timeline = timeline_of(authority)
    spec = picture_specs.timeline_spec(timeline)
    drawn = data_rows(spec)
    summary = pictures.timeline_summary(timeline)
    for lane, number in Counter(row["lane"] for row in drawn).items():
        singular, plural = pictures.LANE_NOUNS[lane]
        assert f"{number} {singular if number == 1 else plural}" in summary, (lane, summary)
    for note in (row["note"] for row in drawn if row["note"] in picture_specs.SHORT_GRADES.values()
                 or row["note"] in {"Inadequate", "Good", "Outstanding"}):
        grade = next(full for full, short in [*picture_specs.SHORT_GRADES.items(), (note, note)] if short == note)
        assert grade in summary
    assert summary == ("From January 2014 to 10 January 2017: 2 inspections, 1 visit, 2 notice and direction "
                       "events and 1 improvement board. Overall judgements: Inadequate (January 2014); "
                       "Requires improvement to be good (December 2016). The record ends with the latest papers, "
                       "12 January 2017.")
    end = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rule"]
    assert end and end[0]["data"]["values"][0]["day"] == "2017-01-12"


def test_timeline_marks_notices_issued_and_lifted_in_words(authority):
    notes = [row["note"] for row in data_rows(picture_specs.timeline_spec(timeline_of(authority)))]
    assert notes == ["Inadequate", "Notice issued", "", "", "Requires improvement", "Notice lifted"]


def test_timeline_without_events_says_so(tmp_path):
    bare = protect(load_authority(make_package(tmp_path, milestones=None, judgements=None, findings=None)))
    timeline = facts.journey_timeline(bare.table("milestones"), bare.table("judgements"), None)
    assert timeline.events == [] and pictures.timeline_picture(timeline, DRAWING) == ""
    assert pictures.timeline_summary(timeline) == "No inspections, visits, notices or boards are recorded."


# --- Plan progress -----------------------------------------------------------------------------

def test_plan_progress_counts_each_reports_actions_in_the_authoritys_rating_order(authority):
    reports = facts.plan_progress(authority)
    assert [(r.date_label, [(c.rating, c.count) for c in r.counts]) for r in reports] == [
        ("13 October 2016", [("Green", 0), ("Amber", 1), ("Red", 1)]),
        ("12 January 2017", [("Green", 1), ("Amber", 1), ("Red", 0)]),
    ]
    assert reports[-1].counts[0].meaning == "good progress"


def test_plan_progress_summary_states_the_counts_the_bars_draw(authority):
    reports = facts.plan_progress(authority)
    spec = picture_specs.progress_spec(reports)
    bars: dict[str, dict[str, int]] = {}
    for row in data_rows(spec):
        bars.setdefault(row["report"], {})[row["rating"].split(":")[0]] = row["count"]
    summary = pictures.progress_summary(reports)
    for report in (reports[0], reports[-1]):
        drawn = bars[report.date_label]
        said = re.search(rf"{report.date_label}: (\d+) actions? rated: ([^.]*)\.", summary)
        assert said, summary
        assert int(said[1]) == sum(drawn.values())
        assert dict((rating, int(n)) for n, rating in re.findall(r"(\d+) (\w+)", said[2])) == drawn
    assert summary.startswith("2 reports. Latest, 12 January 2017: 2 actions rated: 1 Green, 1 Amber, 0 Red.")


def test_plan_progress_legend_gives_the_authoritys_meanings_in_its_order(authority):
    reports = facts.plan_progress(authority)
    colour = picture_specs.progress_spec(reports)["encoding"]["color"]
    assert colour["scale"]["domain"] == ["Green: good progress", "Amber: on track in a longer timescale",
                                         "Red: further focused work needed"]
    assert colour["scale"]["range"] == [picture_specs.RAG_COLOURS[c] for c in ("green", "amber", "red")]


def test_plan_progress_without_ratings_draws_nothing(tmp_path):
    bare = protect(load_authority(make_package(tmp_path, progress=None)))
    reports = facts.plan_progress(bare)
    assert reports == [] and pictures.progress_picture(reports, DRAWING) == ""


# --- Indicators at a glance ----------------------------------------------------------------------

def test_each_sparkline_draws_the_indicators_recent_figures_and_its_target(authority):
    glances = facts.indicators_glance(indicator_statuses(authority), authority.table("observations"),
                                         authority.table("themes"))
    by_id = {g.indicator_id: g for g in glances}
    spec = pictures.sparkline_spec(by_id["re-referrals"], DRAWING)
    assert [row["value"] for row in spec["datasets"]["points"]] == [24.1, 22.5]
    assert spec["datasets"]["latest"] == spec["datasets"]["points"][-1:]
    assert spec["datasets"]["target"] == [{"value": 22.0}]
    assert pictures.status_words(by_id["re-referrals"].status) == "Within tolerance; improving"
    assert pictures.glance_words(by_id["re-referrals"]) == (
        "Within tolerance; improving. Latest 22.5% (November 2016); target 22.0% (2016/17).")
    assert by_id["contacts"].status.target is None and pictures.status_words(by_id["contacts"].status) == "Activity measure"
    assert [g.theme for g in glances] == ["Early help", "Other indicators"]


def test_glance_summary_counts_the_statuses_the_cards_show(authority):
    glances = facts.indicators_glance(indicator_statuses(authority), authority.table("observations"),
                                         authority.table("themes"))
    summary = pictures.glance_summary(glances)
    assert summary == "2 indicators with figures: 1 within tolerance and 1 without a target."
    html = pictures.glance_picture("demo", glances, DRAWING)
    assert len(glances) == 2  # contacts has one figure: shown as the figure, not a line
    assert html.count('<svg role="img"') == 1 and '<p class="glance-figure">1,722</p>' in html
    import html as markup
    said = markup.unescape(html)
    assert "Only figure 1,722 (November 2016)" in said and "An indicator with one figure shows the figure." in said
    assert 'href="indicators/re-referrals/"' in html


# --- Budgets --------------------------------------------------------------------------------------

@pytest.mark.parametrize("slug", ["coventry", "kent", "leicestershire", "worcestershire"])
def test_every_picture_of_the_shipped_authorities_is_at_most_20_kb(slug):
    authority = protect(load_authority(Path("data") / slug))
    statuses = indicator_statuses(authority)
    specs = [picture_specs.timeline_spec(timeline_of(authority))]
    reports = facts.plan_progress(authority)
    specs += [picture_specs.progress_spec(reports)] if reports else []
    glances = facts.indicators_glance(statuses, authority.table("observations"), authority.table("themes"))
    specs += [pictures.sparkline_spec(g, DRAWING) for g in glances]
    sizes = [len(vega.svg(spec, DRAWING).encode()) for spec in specs]
    assert sizes and max(sizes) <= PICTURE_BUDGET, sizes


def test_the_overview_shows_all_three_pictures_and_the_plan_page_its_progress(authority):
    from journeys.outputs.page import OVERVIEW, PLAN, Entry, SiteContext
    from journeys.outputs.pages import authority_pages

    context = SiteContext(site_name="Test", mode="national", built_at=NOW, authorities=(Entry("demo", "Demo"),))
    pages = {page.path: page.body for page in authority_pages(authority, context, summarise(authority, NOW), DRAWING)}
    for picture in ('id="timeline"', 'id="plan-progress"', '<ul class="glance"', 'id="timeline-table"',
                    'id="plan-progress-table"', 'id="glance-table"'):
        assert picture in pages[OVERVIEW], picture
    assert 'id="plan-progress"' in pages[PLAN] and 'id="timeline"' not in pages[PLAN]
    # the overview's summary of the plan is the one the picture's own function writes
    reports = facts.plan_progress(authority)
    assert str(text_of(pictures.progress_summary(reports))) in pages[OVERVIEW]


def text_of(sentence: str) -> str:
    from journeys.outputs.markup import text

    return text(sentence)


# --- Comparison charts: a panel per kind of period ---------------------------------------------

def test_a_comparison_of_months_and_financial_years_draws_a_panel_for_each_never_joined():
    from test_compare import the_comparison

    from journeys.outputs.compare_chart import comparison_spec, panels_by_kind, point_kind

    spec = comparison_spec(the_comparison(), DRAWING)
    panelled = panels_by_kind(spec)
    assert [panel["title"]["text"] for panel in panelled["vconcat"]] == ["Monthly figures", "Financial years"]
    drawn = []
    for panel in panelled["vconcat"]:
        [points] = [layer["data"]["name"] for layer in panel["layer"] if layer["mark"]["type"] == "line"]
        kinds = {point_kind(row) for row in panelled["datasets"][points]}
        assert len(kinds) == 1, kinds  # a line can only join values of one kind of period
        drawn += panelled["datasets"][points]
    assert sorted(map(str, drawn)) == sorted(map(str, spec["datasets"]["lines"]))  # every value, once
    assert panelled["resolve"] == {"scale": {"x": "shared", "y": "shared"}}
    svg = vega.svg(panelled, DRAWING)
    assert svg.count(">Monthly figures<") == 1 and svg.count(">Financial years<") == 1


def test_a_comparison_of_one_kind_of_period_stays_one_chart():
    from journeys.outputs.compare_chart import panels_by_kind

    spec = {"datasets": {"points": [{"line": "a|A|month", "value": 1}]}, "layer": []}
    assert panels_by_kind(spec) is spec


def test_search_indexes_the_pictures_summaries_but_not_their_tables(authority):
    timeline = timeline_of(authority)
    html = pictures.timeline_picture(timeline, DRAWING)
    caption = re.search(r'<figcaption id="timeline-summary"([^>]*)>', html)
    assert caption and "data-pagefind-ignore" not in caption[1]
    cells = re.findall(r"<(?:th|td)\b[^>]*>", html.split('id="timeline-table"', 1)[1])
    assert cells and all("data-pagefind-ignore" in cell for cell in cells if "scope=\"col\"" not in cell)


# --- The home page: where every authority stands ---------------------------------------------------

def test_an_authoritys_standing_gives_its_judgement_its_age_green_actions_and_indicators(authority):
    entry = standing(summarise(authority, NOW))
    assert (entry.judgement, entry.judged_label) == ("Requires improvement to be good", "December 2016")
    assert (facts.months_since(entry.judged, NOW), how_long_ago(entry.judged, NOW)) == (119, "9 years and 11 months ago")
    assert (entry.green, entry.rated) == (1, 2) and facts.green_share(entry) == 0.5
    statuses = indicator_statuses(authority)
    assert (entry.improving, entry.worsening) == (sum(s.direction == "improving" for s in statuses),
                                                  sum(s.direction == "worsening" for s in statuses)) == (1, 0)


def test_how_long_ago_in_words():
    for day, months, words in ((pd.Timestamp("2026-09-15"), 2, "2 months ago"),
                               (pd.Timestamp("2025-11-01"), 12, "1 year ago"),
                               (None, None, "No graded inspection recorded")):
        assert (facts.months_since(day, NOW), how_long_ago(day, NOW)) == (months, words)


def test_standings_summary_states_the_counts_the_chart_draws(authority):
    entries = [standing(summarise(authority, NOW)),
               Standing("b", "B", "", "Inadequate", pd.Timestamp("2016-01-01"), "January 2016", 0, 0, 0, 0),
               Standing("c", "C", "", "Inadequate", None, "", 0, 0, 0, 0),
               Standing("d", "D", "", None, None, "", 0, 0, 0, 0)]
    drawn = {row["grade"]: row["count"] for row in data_rows_with(picture_specs.standings_spec(entries), "grade")}
    assert drawn == {"Requires improvement to be good": 1, "Inadequate": 2, "No graded inspection": 1}
    summary = home.standings_summary(entries)
    for grade, number in drawn.items():
        said = "with no graded inspection" if grade == "No graded inspection" else grade.lower()
        assert f"{number} {said}" in summary
    assert summary == ("4 authorities by latest Ofsted judgement: 1 requires improvement to be good, "
                       "2 inadequate and 1 with no graded inspection.")


def test_the_home_page_table_lists_every_authority_with_sortable_values(authority):
    html = home.standings_picture([summarise(authority, NOW)], NOW, "assets/javascripts/standings.js", DRAWING)
    assert 'id="authorities-table"' in html and 'data-value="119"' in html and 'data-value="0.5000"' in html
    assert 'data-judgement="Requires improvement to be good"' in html and "(50% green)" in html
    assert 'data-value="20170112"' in html  # the latest report, sortable by its day
    assert '<script src="assets/javascripts/standings.js" defer></script>' in html
    assert "No authorities are published" in home.standings_picture([], NOW, "x.js", DRAWING)


def data_rows_with(spec: dict, field: str) -> list[dict]:
    """The rows holding `field`, from the chart's own data or its layers'."""
    for layer in [spec, *spec.get("layer", [])]:
        rows = layer.get("data", {}).get("values", [])
        if rows and field in rows[0]:
            return rows
    return []


def test_the_home_page_table_gives_each_authoritys_region_and_filters_by_it(tmp_path):
    from conftest import edit_descriptor

    from dataclasses import replace

    folder = make_package(tmp_path, "northam")
    edit_descriptor(folder, region="North East")
    placed = summarise(load_authority(folder), NOW)
    unplaced = replace(placed, slug="b", name="B", region="")
    assert standing(placed).region == "North East"
    html = home.standings_picture([placed, unplaced], NOW, "standings.js", DRAWING)
    assert '<span data-region="North East">North East</span>' in html
    assert '<span data-region="Region not given">Region not given</span>' in html
    assert '<option value="North East">North East (1)</option>' in html
    assert html.index('value="North East"') < html.index('value="Region not given"')


def test_a_region_outside_englands_nine_is_a_problem_with_a_suggestion(tmp_path):
    from conftest import edit_descriptor
    from journeys.build.validation import validate_package

    folder = make_package(tmp_path, "northam")
    edit_descriptor(folder, region="West Midland")
    found = [p for p in validate_package(folder) if p.slug == "package-property"]
    assert len(found) == 1 and 'Did you mean "West Midlands"?' in found[0].hint
    edit_descriptor(folder, region="West Midlands")
    assert validate_package(folder) == []
