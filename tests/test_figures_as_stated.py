"""Figures as the papers state them (issue 25, point 5): bounds, changes with no level, rolling
periods, runs of months, periods not stated, strict and ranged targets, "close to target", and
ratings whose meaning is not published. Each is recorded, shown as the paper states it, and never
drawn or compared as a plain figure; what a chart, a comparison or a summary leaves out, it says."""

from __future__ import annotations

import html
import math
import re
from datetime import date, datetime, timezone

import numpy as np
import pytest

from conftest import DEFAULT_TABLES, DOCUMENT, comparisons, make_package
from journeys.build.validation import validate_package
from journeys.domain import summarise
from journeys.domain.changes import what_changed
from journeys.domain.disclosure import protect
from journeys.domain.figures import directions, indicator_statuses
from journeys.domain.ratings import NOT_PUBLISHED, rag_meanings
from journeys.domain.standing import (
    DECREASING,
    IMPROVING,
    MET,
    MISSED,
    WITHIN,
    WORSENING,
    bound_status,
    direction,
    target_statuses,
)
from journeys.model import load_authority
from journeys.model.periods import parse_period
from journeys.model.values import parse_figure, parse_target
from journeys.outputs import charts, pictures
from journeys.outputs.drawing import Drawing
from journeys.outputs.page import Entry, SiteContext
from journeys.outputs.pages import authority_pages
from journeys.outputs.pages.compare import summary as comparison_summary
from journeys.outputs.wording import stated_target as target_words, stated_words

BUILT = datetime(2026, 11, 1, tzinfo=timezone.utc)
CONTEXT = SiteContext(site_name="Test journeys", mode="national", built_at=BUILT, authorities=(Entry("demo", "Demo"),))
LOWER, HIGHER, CLOSE = "lower is better", "higher is better", "close to target"


def observation(period: str, value: str, indicator: str = "re-referrals", **more) -> dict:
    return {"indicator_id": indicator, "period": period, "value": value, **DOCUMENT, **more}


def authority(tmp_path, **tables):
    folder = make_package(tmp_path, **tables)
    assert validate_package(folder, "data/demo") == []
    return protect(load_authority(folder))


def pages(tmp_path, **tables) -> dict[str, str]:
    found = authority(tmp_path, **tables)
    return {page.path: html.unescape(page.body)
            for page in authority_pages(found, CONTEXT, summarise(found, BUILT), Drawing())}


def status_of(tmp_path, indicator: str = "re-referrals", **tables):
    return next(s for s in indicator_statuses(authority(tmp_path, **tables)) if s.indicator_id == indicator)


# --- The forms, read ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, kind, start, end, label", [
    ("12 months to 2018-09", "rolling", date(2017, 10, 1), date(2018, 9, 30), "12 months to September 2018"),
    ("3 months to 2018-02", "rolling", date(2017, 12, 1), date(2018, 2, 28), "3 months to February 2018"),
    ("2018-05 to 2018-07", "months", date(2018, 5, 1), date(2018, 7, 31), "May to July 2018"),
    ("2017-11 to 2018-02", "months", date(2017, 11, 1), date(2018, 2, 28), "November 2017 to February 2018"),
    ("unstated 2018-09", "unstated", date(2018, 9, 1), date(2018, 9, 30),
     "period not stated, reported by September 2018"),
    ("unstated 2018-11-05", "unstated", date(2018, 11, 5), date(2018, 11, 5),
     "period not stated, reported by 5 November 2018"),
])
def test_periods_as_papers_state_them(text, kind, start, end, label):
    period = parse_period(text)
    assert (period.kind, period.start, period.end, period.label) == (kind, start, end, label)


@pytest.mark.parametrize("text", ["1 months to 2018-09", "12 months to September 2018", "2018-07 to 2018-05",
                                  "2018-05 to 2018-05", "unstated", "unstated undated", "unstated 2018-13"])
def test_what_is_not_such_a_period_is_refused(text):
    assert parse_period(text) is None


@pytest.mark.parametrize("text, levels", [
    ("67.8", (67.8, 67.8, False, False)), (">200", (200, math.inf, True, True)),
    ("<=45", (-math.inf, 45, True, False)), ("change -28", (-math.inf, math.inf, True, True)),
])
def test_a_figure_allows_the_levels_it_states(text, levels):
    assert parse_figure(text).low_high == levels


# --- The domain: standing and direction ------------------------------------------------------------

@pytest.mark.parametrize("value, target, tolerance, polarity, status", [
    (19.0, "<20", None, LOWER, MET), (20.0, "<20", None, LOWER, MISSED), (20.0, "<20", 1, LOWER, WITHIN),
    (20.0, "20", None, LOWER, MET), (45.0, "<=45", None, LOWER, MET), (95.0, ">=95", None, HIGHER, MET),
    (15.0, "20-25", None, LOWER, MET), (26.0, "20-25", None, LOWER, MISSED), (26.0, "20-25", 1, LOWER, WITHIN),
    (30.0, "20-25", None, HIGHER, MET), (19.0, "20-25", 1, HIGHER, WITHIN),
    (22.0, "20-25", None, CLOSE, MET), (26.0, "20-25", 1, CLOSE, WITHIN), (19.0, "20-25", None, CLOSE, MISSED),
    (40.0, "40", None, CLOSE, MET), (41.0, "40", 2, CLOSE, WITHIN), (37.0, "40", 2, CLOSE, MISSED),
])
def test_strict_and_ranged_targets_and_close_to_target(value, target, tolerance, polarity, status):
    tolerance = np.nan if tolerance is None else tolerance
    assert target_statuses([value], [target], [tolerance], [polarity], [0])[0] == status


@pytest.mark.parametrize("figure, target, tolerance, polarity, status", [
    (">200", "150", None, HIGHER, MET),       # every level over 200 meets 150: the bound settles it
    ("<100", "150", 20, HIGHER, MISSED),      # every level under 100 is more than 20 short
    ("<100", "90", None, HIGHER, None),       # 95 would meet it, 50 would not: not settled
    ("<15", "20-25", None, LOWER, MET),
    (">30", "20-25", 2, LOWER, MISSED),
    (">90", "20-25", None, CLOSE, MISSED),
    ("<30", "20-25", None, CLOSE, None),
])
def test_a_bound_has_a_standing_only_when_it_settles_it(figure, target, tolerance, polarity, status):
    assert bound_status(parse_figure(figure), target, tolerance, polarity, 0) == status


def test_close_to_target_improves_towards_its_target():
    assert direction(20, 22, CLOSE, 0, "20-25") == DECREASING  # both within the range: no nearer
    assert direction(26, 28, CLOSE, 0, "20-25") == IMPROVING
    assert direction(30, 28, CLOSE, 0, "20-25") == WORSENING
    assert direction(26, 28, CLOSE, 0, None) == DECREASING      # no target: which way it moved, only


def test_a_change_has_no_level_so_no_standing_and_no_direction(tmp_path):
    status = status_of(tmp_path, observations=[observation("2016-10", "24.1"), observation("2016-11", "change -2")])
    assert status.latest.value == "change -2" and status.latest.stated == "change"
    assert (status.status, status.direction) == (None, None)


def test_a_bound_settles_a_standing_and_a_direction_when_it_can(tmp_path):
    status = status_of(tmp_path, observations=[observation("2016-10", "24.1"), observation("2016-11", "<20")])
    assert (status.status, status.direction) == (MET, IMPROVING)  # target 22, lower is better
    status = status_of(tmp_path / "b", observations=[observation("2016-10", "24.1"), observation("2016-11", "<23")])
    assert (status.status, status.direction) == (None, IMPROVING)  # 22.5 would meet 22, 22.9 would be within 2
    status = status_of(tmp_path / "c", observations=[observation("2016-10", "24.1"), observation("2016-11", ">20")])
    assert (status.status, status.direction) == (None, None)


def test_a_figure_whose_period_is_not_stated_is_shown_never_judged(tmp_path):
    status = status_of(tmp_path, observations=[observation("unstated 2017-01", "19")])
    assert status.latest.label == "period not stated, reported by January 2017"
    assert status.target is not None and (status.status, status.direction) == (None, None)
    assert status.stated == "unstated"


def test_summary_counts_leave_out_what_the_figures_cannot_say(tmp_path):
    statuses = indicator_statuses(authority(tmp_path, observations=[
        observation("2016-10", "24.1"), observation("2016-11", "change -2")]))
    moved = directions(statuses)
    assert moved.moving == () and [s.indicator_id for s in moved.unsettled] == ["re-referrals"]


# --- Pages, charts and summaries ----------------------------------------------------------------

def test_the_indicator_page_shows_a_bound_as_the_paper_words_it_and_never_draws_it(tmp_path):
    found = pages(tmp_path, observations=[observation("2016-10", "24.1"), observation("2016-11", ">23")])
    page = found["indicators/re-referrals.md"]
    assert "more than 23.0% (November 2016)" in page
    assert "Not said: the paper gives a bound, not an exact figure, and it does not settle this" in page
    assert "Not drawn: more than 23.0% (November 2016), a bound, not an exact figure." in page
    spec = charts.indicator_specs(authority(tmp_path / "b", observations=[
        observation("2016-09", "25.0"), observation("2016-10", "24.1"), observation("2016-11", ">23")]),
        Drawing())["re-referrals"]
    drawn = [row for name, rows in spec["datasets"].items() for row in rows
             if name in ("points", "gaps") and "comparator" not in row]  # the authority's own, not England's
    assert [(row["date"][:7], row["value"]) for row in drawn] == [("2016-09", 25.0), ("2016-10", 24.1)]


def test_a_change_reads_as_a_change_in_percentage_points():
    assert stated_words("change -2.5", "percentage", 1) == "down 2.5 percentage points"
    assert stated_words("change +28", "count", 0) == "up 28"
    assert stated_words("change 0", "count", 0) == "no change"
    assert stated_words("<6", "count", 0) == "fewer than 6"
    assert stated_words("<6", "percentage", 0) == "less than 6%"


@pytest.mark.parametrize("target, unit, words", [
    ("22", "percentage", "22%"), ("<20", "number", "below 20"), (">90", "percentage", "above 90%"),
    ("<=26", "weeks", "at most 26 weeks"), (">=95", "percentage", "at least 95%"), ("20-25", "number", "20 to 25")])
def test_a_target_reads_as_the_paper_sets_it(target, unit, words):
    assert target_words(target, unit, 0) == words


def test_a_ranged_target_is_drawn_at_both_ends_with_its_tolerance_outside(tmp_path):
    found = authority(tmp_path, targets=[{"indicator_id": "re-referrals", "period": "2016/17", "target": "20-25",
                                          "tolerance": "1", **DOCUMENT}])
    spec = charts.indicator_specs(found, Drawing())["re-referrals"]
    assert sorted(row["value"] for row in spec["datasets"]["targets"]) == [20, 25]
    assert [(band["low"], band["high"]) for band in spec["datasets"]["bands"]] == [(25, 26)]  # lower is better
    page = pages(tmp_path / "b", targets=[{"indicator_id": "re-referrals", "period": "2016/17", "target": "20-25",
                                           "tolerance": "1", **DOCUMENT}])["indicators/re-referrals.md"]
    assert "20.0 to 25.0% (2016/17)" in page and "Met target" in page  # 22.5, in the range


def test_pages_agree_on_a_latest_figure_as_the_paper_states_it(tmp_path):
    found = pages(tmp_path, observations=[observation("2016-10", "24.1"), observation("2016-11", "change -2")])
    words = "down 2.0 percentage points (November 2016)"
    assert words in found["indicators/re-referrals.md"] and words in found["indicators/index.md"]
    assert words in found["index.md"]  # the overview's glance
    assert "Not counted: 1 indicator whose latest figure is a bound, a change or of a period the paper does not " \
           "state (Re-referrals within 12 months)." in found["index.md"]


def test_the_glance_names_what_it_does_not_draw(tmp_path):
    found = authority(tmp_path, observations=[observation("2016-11", ">23")])
    glances = pictures.indicators_glance(indicator_statuses(found), found.table("observations"),
                                         found.table("themes"))
    [glance] = glances
    assert glance.points == [] and glance.first is None
    assert pictures.glance_words(glance) == (
        "Standing not said. Latest more than 23.0% (November 2016) (not drawn: a bound, not an exact figure); "
        "target 22.0% (2016/17).")
    assert pictures.glance_summary(glances) == (
        "1 indicator with figures: 1 whose latest figure (a bound, a change or of a period not stated) does not "
        "settle its target.")


def test_a_comparison_says_which_figures_it_leaves_out(tmp_path):
    one = authority(tmp_path / "a", observations=[observation("2016-10", "24.1"), observation("2016-11", "<30")])
    other = load_authority(make_package(tmp_path / "b", slug="other"))
    [comparison] = comparisons([one, other])
    assert comparison_summary(comparison).endswith(
        "Latest values: Demo City Council, less than 30.0% (November 2016); Demo City Council, 22.5% (November 2016). "
        "Not drawn or compared, as the papers give them only as a bound, a change or without a period: "
        "Demo City Council, less than 30.0% (November 2016).")
    demo = next(s for s in comparison.series if s.slug == "demo")
    assert [p.period for p in demo.observations] == ["2016-10"] and [p.stated for p in demo.stated] == ["<30"]


def test_what_changed_judges_a_plain_figure_against_a_ranged_target(tmp_path):
    found = authority(tmp_path, targets=[{"indicator_id": "re-referrals", "period": "2016/17", "target": "20-23",
                                          **DOCUMENT}])
    crossings = [c for report in what_changed(found, BUILT) for c in report.crossings]
    assert [(c.period_label, c.before, c.after, c.target_text) for c in crossings] == [
        ("November 2016", MISSED, MET, "20-23")]


# --- Ratings whose meaning is not published ---------------------------------------------------------

def test_a_rating_with_no_published_meaning_is_shown_as_given(tmp_path):
    scale = DEFAULT_TABLES["rag_scale"] + [{"scale": "plan", "rating": "Amber E", "meaning": "", "rank": "",
                                            **DOCUMENT}]
    progress = DEFAULT_TABLES["progress"] + [{"action_id": "2", "report_date": "2017-01-12", "rating": "Amber E",
                                              **DOCUMENT}]
    found = authority(tmp_path, rag_scale=scale, progress=progress)
    assert rag_meanings(found)["Amber E"] == NOT_PUBLISHED == "meaning not published"
    plan = pages(tmp_path / "b", rag_scale=scale, progress=progress)["plan.md"]
    # the scale's table, the rating's tooltip wherever it is shown, and the progress picture's counts
    assert 'Amber E</strong></th><td markdown="span">meaning not published</td>' in plan
    assert 'title="meaning not published">Amber E<' in plan
    assert "1 Green, 0 Amber, 0 Red, 1 Amber E" in plan


def test_a_move_to_or_from_a_rating_with_no_rank_is_neither_forwards_nor_backwards(tmp_path):
    scale = DEFAULT_TABLES["rag_scale"] + [{"scale": "plan", "rating": "Amber E", "meaning": "", "rank": "",
                                            **DOCUMENT}]
    progress = [dict(DEFAULT_TABLES["progress"][0]), dict(DEFAULT_TABLES["progress"][1], rating="Amber E")]
    found = authority(tmp_path, rag_scale=scale, progress=progress)
    moves = [(c.before, c.after, c.direction) for report in what_changed(found, BUILT) for c in report.rag_changes]
    assert moves == [("Amber", "Amber E", "sideways")]


# --- The standard and the guide ---------------------------------------------------------------------

def test_the_officers_guide_shows_every_form():
    from journeys.outputs.pages import guide
    page = html.unescape(guide.page(CONTEXT).body)
    for form in (">200", "<100", "change -28", "<20 or >90", "20-25", "close to target", "meaning not published",
                 "12 months to 2018-09", "2018-05 to 2018-07", "unstated 2018-09"):
        assert form in page, form


@pytest.mark.parametrize("due", ["12 months to 2018-09", "unstated 2018-09", "2018-05 to 2018-07"])
def test_an_action_is_due_by_a_calendar_period_only(tmp_path, due):
    actions = [dict(DEFAULT_TABLES["actions"][0], due=due), DEFAULT_TABLES["actions"][1]]
    found = validate_package(make_package(tmp_path, actions=actions), "data/demo")
    assert [(p.slug, p.column) for p in found] == [("not-a-period", "due")]


def test_every_form_validates_in_a_package_and_loads(tmp_path):
    observations = [observation("12 months to 2016-10", "24.1"), observation("2016-05 to 2016-07", ">20"),
                    observation("unstated 2017-01", "change -2"), observation("2016-11", "1722", "contacts")]
    found = authority(tmp_path, observations=observations, targets=[
        {"indicator_id": "re-referrals", "period": "12 months to 2017-03", "target": "<=22", **DOCUMENT}])
    table = found.table("observations")
    assert table["value_form"].tolist() == ["number", "bound", "change", "number"]
    assert table["period_kind"].tolist() == ["rolling", "months", "unstated", "month"]
    assert found.table("targets")["target_form"].tolist() == ["bound"]


def test_a_figure_whose_period_is_not_stated_is_set_beside_no_target_and_crosses_none(tmp_path):
    observations = [observation("2016-10", "24.1"), observation("unstated 2017-01", "19")]
    page = pages(tmp_path, observations=observations)["indicators/re-referrals.md"]
    row = next(line for line in page.splitlines() if "period not stated, reported by January 2017" in line
               and "<td" in line)
    assert "22.0%" not in row  # the target in force when it was counted is not known
    found = authority(tmp_path / "b", observations=observations)
    assert not [c for report in what_changed(found, BUILT) for c in report.crossings]


def test_close_to_target_directions_on_the_page(tmp_path):
    indicators = [dict(DEFAULT_TABLES["indicators"][0], polarity=CLOSE, lait_code=""), DEFAULT_TABLES["indicators"][1]]
    targets = [{"indicator_id": "re-referrals", "period": "2016/17", "target": "20-22", **DOCUMENT}]
    status = status_of(tmp_path, indicators=indicators, targets=targets)  # 24.1 then 22.5
    assert (status.status, status.direction) == (MISSED, IMPROVING)
    status = status_of(tmp_path / "b", indicators=indicators, targets=targets, observations=[
        observation("2016-10", "24.1"), observation("2016-11", "<19")])
    assert (status.status, status.direction) == (MISSED, None)  # below 19 is out of the range; nearer? not said
    status = status_of(tmp_path / "d", indicators=indicators, targets=targets, observations=[
        observation("2016-10", "24.1"), observation("2016-11", "<20")])
    assert status.status is None  # 19.96 is printed 20.0, in the range: "below 20" does not settle it
    page = pages(tmp_path / "c", indicators=indicators, targets=targets)["indicators/re-referrals.md"]
    assert "Close to target: the nearer its target, the better" in page


@pytest.mark.parametrize("words, target, form", [
    ("over 200", False, ">200"), ("fewer than 100", False, "<100"), ("at least 30", False, ">=30"),
    ("fell by 28", False, "change -28"), ("an increase of 29", False, "change +29"), ("≥ 95%", False, ">=95"),
    ("about 19", False, None), ("20-25", False, None), ("67.8", False, None),
    ("below 20", True, "<20"), ("above 90%", True, ">90"), ("20–25", True, "20-25"), ("between 20 and 25", True, "20-25"),
    ("within 45 days", True, "<=45"), ("22", True, None)])
def test_words_a_scorecard_prints_become_the_standards_forms(words, target, form):
    from journeys.checks.forms import stated_form
    assert stated_form(words, target) == form


def test_the_published_rounding_is_exactly_pythons_round_a_column_at_a_time():
    from journeys.domain.standing import published
    rng = np.random.default_rng(7)
    values = np.concatenate([rng.uniform(-1000, 1000, 20000), np.arange(-5000, 5000) / 1000,
                             [2.675, 0.125, 64.85, 1.005, 0.5, 1.5, 2.5, -2.5, 1e15 + 0.5, np.inf, np.nan]])
    decimals = rng.choice(np.array([0, 1, 2, 3, None], dtype=object), len(values))
    expected = [round(v, 0 if d is None else d) if v == v else v for v, d in zip(values.tolist(), decimals.tolist())]
    assert np.array_equal(published(values, decimals), np.array(expected, dtype=float), equal_nan=True)


# --- The Excel import reads the same forms (journeys/workbook/values.py) -----------------------------

def test_a_scorecard_s_words_are_imported_as_the_standards_forms(tmp_path):
    import workbooks as W
    mapping = W.TINY_MAPPING + "columns:\n  Target: {role: target, period: 2017/18}\n"
    rows = [["Indicator", "Aug-16", "Sep-16", "Target"],
            ["Contacts received", "over 1500", "fell by 28", None],
            ["Re-referrals within 12 months", 0.24, 0.231, "below 25%"]]
    outcome, folder = W.tiny_import(tmp_path, rows, mapping=mapping, formats={"B3": "0.0%", "C3": "0.0%"})
    assert outcome.problems == []
    observations = (folder / "observations.csv").read_text(encoding="utf-8")
    assert "contacts,2016-08,>1500," in observations and "contacts,2016-09,change -28," in observations
    assert "re-referrals,2017/18,<25," in (folder / "targets.csv").read_text(encoding="utf-8")


def test_a_scorecard_s_range_is_a_target_never_a_figure(tmp_path):
    import workbooks as W
    mapping = W.TINY_MAPPING + "columns:\n  Target: {role: target, period: 2017/18}\n"
    rows = [["Indicator", "Aug-16", "Sep-16", "Target"], ["Re-referrals within 12 months", 0.24, 0.231, "20–25"]]
    outcome, folder = W.tiny_import(tmp_path, rows, mapping=mapping, formats={"B2": "0.0%", "C2": "0.0%"})
    assert outcome.problems == []
    assert "re-referrals,2017/18,20-25," in (folder / "targets.csv").read_text(encoding="utf-8")


def test_the_scorecard_download_words_a_bound_and_a_change_never_a_number(tmp_path):
    import io

    import openpyxl

    from journeys.outputs.scorecard import scorecard_xlsx
    found = authority(tmp_path, observations=[observation("2016-10", ">23"), observation("2016-11", "change -2")])
    sheet = openpyxl.load_workbook(io.BytesIO(scorecard_xlsx(found, summarise(found, BUILT).statuses)))["Scorecard"]
    header = [cell.value for cell in sheet[4]]
    row = next(dict(zip(header, r)) for r in sheet.iter_rows(min_row=5, values_only=True)
               if r[1] == "Re-referrals within 12 months")
    assert (row["October 2016"], row["November 2016"]) == ("more than 23.0%", "down 2.0 percentage points")
    assert row["Against target"] == "Not said"
