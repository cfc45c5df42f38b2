"""Facts in words (issue 23): each wording is a function of the facts alone, checked case by case,
for one and for many, for every kind of period and every kind of paper."""

from __future__ import annotations

import pandas as pd
import pytest

from journeys.domain.dates import AsAt, Staleness
from journeys.domain.figures import Directions, IndicatorStatus, Reading, Target
from journeys.domain.reports import Report
from journeys.model.periods import parse_period
from journeys.model.vocabulary import DOCUMENT_KINDS, PERIOD_KINDS
from journeys.outputs import wording

# Every kind of period, as an officer writes one, and how a figure of it is said.
PERIODS = [
    ("month", "2016-11", "in November 2016", "(November 2016)"),
    ("quarter", "2018-Q3", "in Jul-Sep 2018", "(Jul-Sep 2018)"),
    ("financial quarter", "2017/18 Q4", "in 2017/18 Q4 (Jan-Mar 2018)", "(2017/18 Q4, Jan-Mar 2018)"),
    ("financial year", "2016/17", "in 2016/17", "(2016/17)"),
    ("year", "2016", "in 2016", "(2016)"),
    ("year to date", "YTD 2016-11", "in 2016/17 to November 2016", "(2016/17 to November 2016)"),
    ("day", "2018-09-30", "as at 30 September 2018", "(as at 30 September 2018)"),
    # periods as papers state them (issue 25): rolling, a run of months, and a period not stated
    ("rolling", "12 months to 2018-09", "in the 12 months to September 2018", "(12 months to September 2018)"),
    ("months", "2018-05 to 2018-07", "in May to July 2018", "(May to July 2018)"),
    ("unstated", "unstated 2018-09", "(period not stated, reported by September 2018)",
     "(period not stated, reported by September 2018)"),
]


def test_the_cases_cover_every_kind_of_period():
    assert sorted(kind for kind, *_ in PERIODS) == sorted(PERIOD_KINDS)


@pytest.mark.parametrize("kind, period, said, bracketed", PERIODS)
def test_a_period_beside_a_figure(kind, period, said, bracketed):
    parsed = parse_period(period)
    assert parsed.kind == kind
    assert wording.in_period(parsed.label) == said  # never "24 in as at 30 September 2018"
    assert wording.bracketed(parsed.label) == bracketed  # never "(2017/18 Q4 (Jan-Mar 2018))"
    assert wording.bracketed(parsed.label).count("(") == 1
    assert wording.for_period(parsed.label) == said.replace("in ", "for ", 1)


PERCENT = {"indicator_id": "i", "title": "Audits rated good", "unit": "percentage", "decimals": 0,
           "polarity": "higher is better"}
COUNT = {**PERCENT, "unit": "count", "title": "Children in care", "polarity": "none"}


@pytest.mark.parametrize("period, indicator, number, said", [
    ("2017/18 Q4", PERCENT, 88, "88% (2017/18 Q4, Jan-Mar 2018)"),
    ("2018-09-30", COUNT, 24, "24 (as at 30 September 2018)"),
    ("2016-11", COUNT, 1722, "1,722 (November 2016)"),
])
def test_a_figure_and_its_period(period, indicator, number, said):
    assert wording.figure_words(number, parse_period(period).label, indicator) == said


@pytest.mark.parametrize("months, said", [(11, "11 months"), (12, "1 year"), (13, "1 year and 1 month"),
                                          (24, "2 years"), (27, "2 years and 3 months"), (1, "1 month")])
def test_how_much_older(months, said):
    assert wording.age_words(months) == said


def reading(period: str, number: float, basis: str = "") -> Reading:
    parsed = parse_period(period)
    return Reading(period, parsed.label, pd.Timestamp(parsed.end), number, parsed.kind, basis)


def target(period: str, number: float) -> Target:
    parsed = parse_period(period)
    return Target(parsed.label, number, None, parsed.kind)


def status(indicator=PERCENT, latest=None, previous=None, target_=None, direction=None, later=None, earlier=None,
           stale=None, state=None) -> IndicatorStatus:
    return IndicatorStatus(indicator, latest, previous, target_, state, direction, later, earlier, stale)


def test_an_old_latest_figure_says_how_much_older_than_the_papers():
    old = status(latest=reading("2013-12", 40), stale=Staleness(45, "24 October 2017"))
    assert wording.latest_words(old) == "40% (December 2013), 3 years and 9 months older than the papers of 24 October 2017"
    assert wording.latest_words(status(latest=reading("2017-09", 40))) == "40% (September 2017)"
    assert wording.latest_words(status()) == "No figures"


@pytest.mark.parametrize("case, said", [
    (status(latest=reading("2016-11", 30), target_=target("2016/17", 40)), "40% (2016/17)"),
    (status(latest=reading("2018-09", 30), later=target("2019/20", 22)), "None for September 2018; 22% is set for 2019/20"),
    (status(latest=reading("2018-09", 30), later=target("2019-03-31", 20)),
     "None for September 2018; 20% is set as at 31 March 2019"),
    (status(latest=reading("YTD 2018-09", 30), earlier=target("2017/18", 80)),
     "None for 2018/19 to September 2018; the last set was 80% for 2017/18"),
    (status(later=target("2017/18", 15)), "None for any figure published; 15% is set for 2017/18"),
    (status(latest=reading("2016-11", 30)), "None set"),
    (status(COUNT, latest=reading("2016-11", 30)), "None (activity measure)"),
])
def test_a_target_says_what_it_is_and_when_it_applies(case, said):
    assert wording.target_words(case) == said  # never "None set" while a target is set for later


def moving(improving: int, worsening: int, old: int = 0) -> Directions:
    statuses = [status(direction="improving") for _ in range(improving)]
    statuses += [status(direction="worsening") for _ in range(worsening)]
    stale = Staleness(24, "12 January 2017")
    statuses = [status(direction=s.direction, stale=stale) if i < old else s for i, s in enumerate(statuses)]
    return Directions(tuple(statuses))


@pytest.mark.parametrize("moved, said", [
    (moving(1, 0), "1 of 1 indicator with two comparable figures is improving; 0 are worsening."),
    (moving(0, 1), "0 of 1 indicator with two comparable figures are improving; 1 is worsening."),
    (moving(2, 1), "2 of 3 indicators with two comparable figures are improving; 1 is worsening."),
    (moving(1, 2, old=1), "1 of 3 indicators with two comparable figures is improving; 2 are worsening. "
                          "1 of these figures is 1 year or more older than the papers of 12 January 2017."),
    (moving(2, 2, old=2), "2 of 4 indicators with two comparable figures are improving; 2 are worsening. "
                          "2 of these figures are 1 year or more older than the papers of 12 January 2017."),
])
def test_improving_and_worsening_agree_in_number(moved, said):
    assert wording.moving_words(moved) == said  # never "1 are worsening"


@pytest.mark.parametrize("count, old, said", [(6, 0, "6"), (6, 1, "6 (1 old figure)"), (2, 2, "2 (2 old figures)")])
def test_a_home_page_count_says_how_many_are_old(count, old, said):
    assert wording.moved_words(count, old) == said


def as_at(kind: str, day: str | None = "2017-01-12") -> AsAt:
    if day is None:
        return AsAt(None, "undated", "Children's services", kind, "2 May 2021")
    return AsAt(pd.Timestamp(day), "12 January 2017", "Briefing note", kind)


def test_every_kind_of_paper_has_its_words():
    assert set(DOCUMENT_KINDS) | {""} == set(wording.PAPERS_OF_THAT_TIME) == set(wording.A_PAPER)


@pytest.mark.parametrize("kind, source", [
    ("committee paper", "the council's committee papers of that time"),
    ("board update", "the improvement board's papers of that time"),
    ("Ofsted report", "Ofsted's report of that time"), ("Ofsted letter", "Ofsted's letter of that time"),
    ("DfE letter", "the Department for Education's letter of that time"),
    ("press", "a newspaper report of that time"), ("web page", "a web page of that time"),
    ("other", "the papers of that time"), ("", "the papers of that time"),
])
def test_the_as_at_line_names_its_kind_of_paper(kind, source):
    assert wording.as_at_sentence(as_at(kind)) == (
        f"Figures as at 12 January 2017 (Briefing note), from {source}: a historical record, not current performance.")
    assert "council" not in wording.as_at_sentence(as_at(kind)) or kind == "committee paper"


@pytest.mark.parametrize("kind, paper", [("web page", "a web page"), ("press", "a newspaper report"), ("", "a paper")])
def test_an_undated_paper_gives_the_day_it_was_read(kind, paper):
    assert wording.as_at_sentence(as_at(kind, None), "Demo") == (
        f"Figures from {paper} (Children's services, Demo), undated; read on 2 May 2021: "
        "a historical record, not current performance.")


@pytest.mark.parametrize("report, said", [
    (Report(pd.Timestamp("2017-01-12"), "12 January 2017", "Scrutiny Board (2)", "Briefing note", "committee paper", False),
     "12 January 2017: committee paper to the Scrutiny Board (2)"),
    (Report(pd.Timestamp("2019-03-01"), "March 2019", "Improvement Board", "Update", "board update", False),
     "March 2019: board update to the Improvement Board"),
    (Report(pd.Timestamp("2013-06-12"), "12 June 2013", "Cabinet", "Progress", "Ofsted report", True),
     "12 June 2013: report to the Cabinet"),
])
def test_the_latest_report_names_the_body_it_went_to(report, said):
    assert wording.report_words(report) == said


def rows(*pairs: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame({"period_label": [parse_period(period).label for period, _ in pairs],
                         "basis": [basis for _, basis in pairs]})


@pytest.mark.parametrize("unprinted, drawn, said", [
    (rows(("2016-10", "deduced")), True,
     "The figure for October 2016 is deduced from other figures the papers print. The chart draws it as a hollow point."),
    (rows(("2016-10", "deduced"), ("2016-11", "deduced")), True,
     "The figures for October 2016 and for November 2016 are deduced from other figures the papers print. "
     "The chart draws them as hollow points."),
    (rows(("2018-09-30", "inferred")), False,
     "The figure as at 30 September 2018 is inferred: the papers imply it but do not print it."),
    (rows(("2016/17", "inferred"), ("2017/18", "deduced"), ("2018/19", "inferred")), True,
     "The figure for 2017/18 is deduced from other figures the papers print. The figures for 2016/17 and for "
     "2018/19 are inferred: the papers imply them but do not print them. The chart draws them as hollow points."),
])
def test_figures_not_printed_as_they_are_are_said_so(unprinted, drawn, said):
    assert wording.unprinted_words(unprinted, drawn) == said


def test_the_chart_summary_says_as_at_a_day_old_figures_and_later_targets():
    gaps = pd.DataFrame({"value": [], "period_label": []})
    case = status(COUNT, latest=reading("2018-09-30", 24), previous=reading("2017-09-30", 20), direction="increasing",
                  stale=Staleness(13, "5 November 2019"))
    assert wording.describe(case, gaps) == (
        "Children in care: 24 as at 30 September 2018, increasing from 20 as at 30 September 2017. "
        "This figure is 1 year and 1 month older than the papers of 5 November 2019.")
    later = status(latest=reading("2018-09", 31), later=target("2019-03-31", 20))
    assert wording.describe(later, gaps) == (
        "Audits rated good: 31% in September 2018. No target is set for September 2018; 20% is set as at 31 March 2019.")
