"""Issue 12.5 and 12.6: no count of 1 to 5 children is published, or can be worked out from what is."""

from __future__ import annotations

import pytest

from conftest import DEFAULT_TABLES, make_package
from journeys.checks.disclosure import published
from journeys.build.validation import validate_package

OBSERVATION = {"source": "doc-1"}
CONTACTS = dict(OBSERVATION, indicator_id="contacts")        # a count of children, 0 decimals
REREFERRALS = dict(OBSERVATION, indicator_id="re-referrals")  # a percentage of children, 1 decimal


def slugs(tmp_path, observations: list[dict]) -> list[tuple[str, int, str]]:
    found = validate_package(make_package(tmp_path, observations=observations), "data/demo")
    return [(p.slug, p.row, p.column) for p in found]


@pytest.mark.parametrize("value, shown", [("4.6", "5"), ("0.6", "1"), ("5.4", "5"), ("1.2", "1")])
def test_a_count_that_rounds_to_a_small_count_is_refused(tmp_path, value, shown):
    found = validate_package(make_package(tmp_path, observations=[dict(CONTACTS, period="2016-11", value=value)]),
                             "data/demo")
    assert [(p.slug, p.value) for p in found] == [("small-count-rounded", value)]
    assert f"published as {shown} " in found[0].message


@pytest.mark.parametrize("value", ["0.4", "5.6", "6", "0", "1722"])
def test_a_count_that_rounds_to_0_or_more_than_5_is_published(tmp_path, value):
    assert slugs(tmp_path, [dict(CONTACTS, period="2016-11", value=value)]) == []


def test_rounding_is_the_sites_own():
    assert published(4.6, 0) == 5 and published(0.96, 1) == 1.0 and published(2.5, 0) == 2  # half to even


def test_a_suppressed_month_inside_published_years_to_date_is_refused(tmp_path):
    rows = [dict(CONTACTS, period="YTD 2016-10", value="6400"), dict(CONTACTS, period="2016-11", value="c"),
            dict(CONTACTS, period="YTD 2016-11", value="6403")]
    assert slugs(tmp_path, rows) == [("suppression-derivable-sum", 3, "value")]


@pytest.mark.parametrize("rows, row", [
    # April's year to date is April itself
    ([dict(CONTACTS, period="2016-04", value="c"), dict(CONTACTS, period="YTD 2016-04", value="12")], 2),
    # the suppressed figure is a year to date, its month and the month before published
    ([dict(CONTACTS, period="YTD 2016-10", value="6400"), dict(CONTACTS, period="2016-11", value="3000"),
      dict(CONTACTS, period="YTD 2016-11", value="c")], 4),
])
def test_any_one_suppressed_figure_of_a_year_to_date_sum_is_refused(tmp_path, rows, row):
    assert slugs(tmp_path, rows) == [("suppression-derivable-sum", row, "value")]


def test_year_to_date_figures_with_two_suppressed_are_accepted(tmp_path):
    rows = [dict(CONTACTS, period="YTD 2016-10", value="6400"), dict(CONTACTS, period="2016-11", value="c"),
            dict(CONTACTS, period="YTD 2016-11", value="c")]
    assert slugs(tmp_path, rows) == []


def test_a_percentage_of_a_published_denominator_that_reveals_a_small_count_is_refused(tmp_path):
    rows = [dict(REREFERRALS, period="2016-10", value="7.5", denominator="40")]
    assert slugs(tmp_path, rows) == [("percentage-reveals-small-count", 2, "value")]


def test_a_percentage_whose_numerator_is_not_small_is_accepted(tmp_path):
    assert slugs(tmp_path, [dict(REREFERRALS, period="2016-10", value="17.5", denominator="40"),
                            dict(REREFERRALS, period="2016-11", value="1.0", denominator="10000")]) == []


@pytest.mark.parametrize("note, refused", [
    ("3 children", True),
    ("c: the figure was 4", True),
    ("Suppressed: fewer than 6 children", False),
    ("A count of 1 to 5 children: suppressed (c).", False),
    ("Plans beginning in September 2018; within 12 months of 2015-16", False),
    ("Given in the evidence for recommendations 8 and 14 (paras 3, 4 and 5)", False),
    ("Recommendation 8: 4 children", True),
])
def test_a_note_beside_a_c_may_not_hold_the_number(tmp_path, note, refused):
    rows = [dict(CONTACTS, period="2016-11", value="c", note=note)]
    assert slugs(tmp_path, rows) == ([("note-reveals-suppressed", 2, "note")] if refused else [])


def test_the_default_package_still_passes(tmp_path):
    assert slugs(tmp_path, DEFAULT_TABLES["observations"]) == []


CHILDREN = {"unit": "count", "polarity": "none", "frequency": "monthly", "definition": "Children looked after",
            "decimals": "0", "counts_children": "yes", "source": "doc-1"}
LOOKED_AFTER = DEFAULT_TABLES["indicators"] + [dict(CHILDREN, indicator_id=name, title=name)
                                               for name in ("cla", "cla-boys", "cla-girls")]
PARTS = [{"total_id": "cla", "part_id": "cla-boys"}, {"total_id": "cla", "part_id": "cla-girls"}]


def figures(total: str, boys: str, girls: str, period: str = "2016-11") -> list[dict]:
    return [dict(OBSERVATION, indicator_id=name, period=period, value=value)
            for name, value in (("cla", total), ("cla-boys", boys), ("cla-girls", girls))]


@pytest.mark.parametrize("total, boys, girls, row", [("5432", "5429", "c", 4), ("c", "5429", "3000", 2)])
def test_a_suppressed_part_or_total_that_the_others_give_away_is_refused(tmp_path, total, boys, girls, row):
    found = validate_package(make_package(tmp_path, indicators=LOOKED_AFTER, observations=figures(total, boys, girls),
                                          parts=PARTS), "data/demo")
    assert [(p.slug, p.row) for p in found] == [("parts-derivable", row)]


def test_parts_with_two_suppressed_or_in_other_periods_are_accepted(tmp_path):
    rows = figures("5432", "c", "c") + figures("5000", "4990", "c", period="2016-10")[:2]
    assert validate_package(make_package(tmp_path, indicators=LOOKED_AFTER, observations=rows, parts=PARTS),
                            "data/demo") == []
