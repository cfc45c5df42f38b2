"""Issue 22.1: small counts that could still be worked out. Each case was accepted before, and put a
suppressed count on the pages, in the search fragment and in the downloads."""

from __future__ import annotations

import pytest

from conftest import DEFAULT_TABLES, make_package
from journeys.build.validation import validate_package
from journeys.domain.disclosure import protect
from journeys.domain.written_numbers import numbers_in
from journeys.model import load_authority

SOURCE = {"source": "doc-1"}
CHILDREN = {"unit": "count", "polarity": "none", "frequency": "monthly", "definition": "Children looked after",
            "decimals": "0", "counts_children": "yes", **SOURCE}
COUNTS = ("cla", "cla-boys", "cla-girls", "cla-girls-young", "cla-girls-older")
INDICATORS = DEFAULT_TABLES["indicators"] + [dict(CHILDREN, indicator_id=name, title=name) for name in COUNTS]


def found(tmp_path, **tables) -> list[tuple[str, str, int, str]]:
    tables.setdefault("indicators", INDICATORS)
    problems = validate_package(make_package(tmp_path, **tables), "data/demo")
    return [(p.slug, p.file.rsplit("/", 1)[-1], p.row, p.column) for p in problems]


def rows(*figures: tuple) -> list[dict]:
    """Observations from (indicator, period, value[, note]) tuples."""
    return [dict(SOURCE, indicator_id=figure[0], period=figure[1], value=figure[2],
                 note=figure[3] if len(figure) > 3 else "") for figure in figures]


# --- Periods compared by what they mean ---------------------------------------------------------

@pytest.mark.parametrize("total_day, parts_day", [("31/03/2017", "2017-03-31"), ("1/4/2017", "01/04/2017")])
def test_parts_dated_in_another_spelling_of_their_totals_day_are_related(tmp_path, total_day, parts_day):
    observations = rows(("cla", total_day, "5432"), ("cla-boys", parts_day, "5429"), ("cla-girls", parts_day, "c"))
    parts = [{"total_id": "cla", "part_id": "cla-boys"}, {"total_id": "cla", "part_id": "cla-girls"}]
    assert found(tmp_path, observations=observations, parts=parts) == [("parts-derivable", "observations.csv", 4, "value")]


def test_a_part_of_a_part_is_worked_out_through_the_whole_chain(tmp_path):
    observations = rows(("cla", "2017-03", "5432"), ("cla-boys", "2017-03", "5000"),
                        ("cla-girls-young", "2017-03", "c"), ("cla-girls-older", "2017-03", "429"))
    parts = [{"total_id": "cla", "part_id": "cla-boys"}, {"total_id": "cla", "part_id": "cla-girls"},
             {"total_id": "cla-girls", "part_id": "cla-girls-young"},
             {"total_id": "cla-girls", "part_id": "cla-girls-older"}]
    assert found(tmp_path, observations=observations, parts=parts) == [("parts-derivable", "observations.csv", 4, "value")]


def test_the_problem_names_the_figures_that_give_it_away(tmp_path):
    observations = rows(("cla", "31/03/2017", "5432"), ("cla-boys", "2017-03-31", "5429"),
                        ("cla-girls", "2017-03-31", "c"))
    parts = [{"total_id": "cla", "part_id": "cla-boys"}, {"total_id": "cla", "part_id": "cla-girls"}]
    [problem] = validate_package(make_package(tmp_path, indicators=INDICATORS, observations=observations, parts=parts),
                                 "data/demo")
    assert "cla 31/03/2017 (5432) and cla-boys 2017-03-31 (5429)" in problem.message


# --- Every relation the periods imply ------------------------------------------------------------

def test_a_month_between_two_years_to_date_is_their_difference_less_the_next_month(tmp_path):
    observations = rows(("cla", "YTD 2017-01", "6400"), ("cla", "2017-02", "c"), ("cla", "2017-03", "7"),
                        ("cla", "YTD 2017-03", "6410"))
    assert found(tmp_path, observations=observations) == [("suppression-derivable-sum", "observations.csv", 3, "value")]


@pytest.mark.parametrize("quarter", ["2016-Q4", "2016/17 Q3"])
def test_a_quarter_less_two_published_months_gives_the_third(tmp_path, quarter):
    observations = rows(("cla", quarter, "2100"), ("cla", "2016-10", "700"), ("cla", "2016-11", "698"),
                        ("cla", "2016-12", "c"))
    assert found(tmp_path, observations=observations) == [("suppression-derivable-sum", "observations.csv", 5, "value")]


def test_a_financial_year_less_its_other_eleven_months_gives_the_twelfth(tmp_path):
    months = [f"2016-{month:02d}" for month in range(4, 13)] + ["2017-01", "2017-02"]
    observations = rows(("cla", "2016/17", "9000"), *[("cla", month, "800") for month in months], ("cla", "2017-03", "c"))
    assert found(tmp_path, observations=observations) == [("suppression-derivable-sum", "observations.csv", 14, "value")]


def test_sums_with_two_unknowns_are_accepted(tmp_path):
    """Secondary suppression done right: the quarter less the published month leaves two suppressed."""
    observations = rows(("cla", "2016-Q4", "2100"), ("cla", "2016-10", "700"), ("cla", "2016-11", "c"),
                        ("cla", "2016-12", "c"), ("cla", "YTD 2016-10", "5000"))
    assert found(tmp_path, observations=observations) == []


# --- Numbers without digits, wherever free text sits near a `c` ---------------------------------

@pytest.mark.parametrize("note", ["just two children", "one child", "a handful (three)", "children³", "②", "III",
                                  "fewer than 2", "more than 4", "a single child", "Ⅳ in all", "❸"])
def test_a_number_in_any_form_beside_a_c_is_refused(tmp_path, note):
    assert found(tmp_path, observations=rows(("cla", "2016-11", "c", note))) == [
        ("note-reveals-suppressed", "observations.csv", 2, "note")]


@pytest.mark.parametrize("note", ["A count of 1 to 5 children: suppressed (c).", "Suppressed: fewer than six children",
                                  "As at 30 September 2018; see paragraph IV", "Within twelve months of 2015-16"])
def test_what_a_c_already_says_and_dates_stay_allowed(tmp_path, note):
    assert found(tmp_path, observations=rows(("cla", "2016-11", "c", note))) == []


def test_a_number_in_the_next_months_note_is_refused(tmp_path):
    observations = rows(("cla", "2017-01", "c"), ("cla", "2017-02", "40", "up from 3 in January"))
    assert found(tmp_path, observations=observations) == [("text-reveals-suppressed", "observations.csv", 3, "note")]


def test_a_number_in_a_targets_note_is_refused(tmp_path):
    targets = DEFAULT_TABLES["targets"] + [dict(SOURCE, indicator_id="cla", period="2016/17", target="40",
                                                note="Last year's figure was just two")]
    indicators = [dict(row, polarity="lower is better") if row["indicator_id"] == "cla" else row for row in INDICATORS]
    assert found(tmp_path, indicators=indicators, observations=rows(("cla", "2016-11", "c")), targets=targets) == [
        ("text-reveals-suppressed", "targets.csv", 3, "note")]


def test_a_small_number_in_a_board_update_after_a_c_is_refused(tmp_path):
    updates = [dict(SOURCE, message_id="m1", date="2016-12-05", board="Improvement board", kind="key message",
                    message="Three children were placed out of area in November."),
               dict(SOURCE, message_id="m2", date="2018-12-05", board="Improvement board", kind="key message",
                    message="Three new team managers started.")]
    assert found(tmp_path, observations=rows(("cla", "2016-11", "c")), board_updates=updates) == [
        ("text-reveals-suppressed", "board_updates.csv", 2, "message")]


def test_the_written_forms_of_numbers_are_read():
    assert [(w.text, w.low, w.high) for w in numbers_in("a handful (three), ³, ② and III; fewer than 2")] == [
        ("three", 3, 3), ("³", 3, 3), ("②", 2, 2), ("III", 3, 3), ("fewer than 2", float("-inf"), 1)]


# --- Small counts outside observations ------------------------------------------------------------

def test_a_comparators_small_count_of_children_is_refused(tmp_path):
    comparators = DEFAULT_TABLES["comparators"] + [dict(SOURCE, indicator_id="cla", period="2016/17",
                                                        comparator="another authority", statistic="value", value="3")]
    assert found(tmp_path, comparators=comparators) == [("small-count", "comparators.csv", 3, "value")]


def test_a_rate_per_10000_with_its_denominator_that_gives_a_small_count_is_refused(tmp_path):
    indicators = INDICATORS + [dict(CHILDREN, indicator_id="rate", title="Rate", unit="rate per 10,000 children",
                                    decimals="1")]
    observations = [dict(SOURCE, indicator_id="rate", period="2016-11", value="0.4", denominator="80000")]
    assert found(tmp_path, indicators=indicators, observations=observations) == [
        ("percentage-reveals-small-count", "observations.csv", 2, "value")]


@pytest.mark.parametrize("share, count", [("7.5", "3"), ("97.5", "1 (the rest of the 40)")])
def test_a_percentage_of_another_indicators_published_count_is_refused(tmp_path, share, count):
    observations = rows(("cla", "2016-11", "40"), ("re-referrals", "2016-11", share))
    problems = validate_package(make_package(tmp_path, indicators=INDICATORS, observations=observations), "data/demo")
    assert [(p.slug, p.row) for p in problems] == [("percentage-reveals-small-count", 3)]
    assert f"gives away a count of {count} children" in problems[0].message and "counted by cla" in problems[0].message


def test_a_percentage_beside_a_numerator_that_leaves_a_small_rest_is_refused(tmp_path):
    observations = [dict(SOURCE, indicator_id="re-referrals", period="2016-11", value="97.5", numerator="39")]
    assert found(tmp_path, observations=observations) == [("percentage-reveals-small-count", "observations.csv", 2, "value")]


def test_the_build_suppresses_a_small_comparator_count_that_reached_it(tmp_path):
    """The second line of defence: what validation refuses, the model never publishes either."""
    comparators = DEFAULT_TABLES["comparators"] + [dict(SOURCE, indicator_id="cla", period="2016/17",
                                                        comparator="another authority", statistic="value", value="3")]
    authority = protect(load_authority(make_package(tmp_path, indicators=INDICATORS, comparators=comparators)))
    table = authority.table("comparators")
    assert table.loc[table["indicator_id"] == "cla", "value"].tolist() == ["c"]
