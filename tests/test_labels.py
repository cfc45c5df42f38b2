"""Labels that say what is true (issue 23, section 1): each fact worked out once in the domain, and
every page that shows it saying the same.

The fixture is a small authority as an officer might add it from its papers: a committee paper of
October 2017 that quotes a December 2013 figure, a target set for a later day than the latest
figure, a board update that is a committee's own minutes, a newspaper report, and a figure from an
undated web page."""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from conftest import DEFAULT_TABLES, make_package
from journeys.domain.dates import Staleness, as_at, staleness, whole_months
from journeys.domain.figures import Target
from journeys.domain.reports import latest_report
from journeys.domain.summary import standing, summarise
from journeys.model import load_authority
from journeys.outputs import wording
from journeys.outputs.drawing import Drawing
from journeys.outputs.page import Entry, SiteContext
from journeys.outputs.pages import home, indicators, overview

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 1, 15)
CONTEXT = SiteContext(site_name="Test journeys", mode="national", built_at=NOW, authorities=(Entry("oldtown", "Old"),))
PANEL = "Children and Families Overview and Scrutiny Panel"
PAPER = {"source": "panel-2017-10", "source_section": "p. 4"}
INDICATOR = {"unit": "percentage", "frequency": "monthly", "decimals": "0", "counts_children": "no",
             "definition": "As the paper defines it", **PAPER}

TABLES = {
    "documents": [
        {"document_id": "panel-2017-10", "date": "2017-10-24", "body": PANEL, "kind": "committee paper",
         "title": "Update on the improvement plan"},
        {"document_id": "press-2017-11", "date": "2017-11-01", "body": "Worcester News", "kind": "press",
         "title": "Council says children's services are improving"},
        {"document_id": "web-page", "date": "undated", "accessed": "2021-05-02", "body": "Old Town Council",
         "kind": "web page", "title": "Our children's services"},
    ],
    "indicators": [
        {"indicator_id": "rhi", "title": "Return home interviews", "polarity": "higher is better", **INDICATOR},
        {"indicator_id": "visits", "title": "Visits in time", "polarity": "higher is better", **INDICATOR},
        {"indicator_id": "leavers", "title": "Care leavers in touch", "polarity": "higher is better",
         **{**INDICATOR, "source": "web-page"}},
    ],
    "observations": [
        {"indicator_id": "rhi", "period": "2013-11", "value": "61", **PAPER},
        {"indicator_id": "rhi", "period": "2013-12", "value": "58", **PAPER},
        {"indicator_id": "visits", "period": "2017-08", "value": "70", **PAPER},
        {"indicator_id": "visits", "period": "2017-09", "value": "74", **PAPER},
        {"indicator_id": "leavers", "period": "2021-03", "value": "88", "source": "web-page"},
    ],
    "targets": [{"indicator_id": "visits", "period": "2019-03-31", "target": "90", **PAPER}],
    "board_updates": [{"message_id": "m-1", "date": "2017-10-24", "board": PANEL, "kind": "key message",
                       "message": "Progress is steady", **PAPER}],
    "progress": None, "rag_tallies": None, "comparators": None, "scrutiny": None,
    "milestones": DEFAULT_TABLES["milestones"][:1], "judgements": DEFAULT_TABLES["judgements"],
    "findings": None,
}


@pytest.fixture(scope="module")
def authority(tmp_path_factory):
    folder = make_package(tmp_path_factory.mktemp("labels"), "oldtown",
                          **{**TABLES, "documents": TABLES["documents"] + DEFAULT_TABLES["documents"][1:]})
    return load_authority(folder)


@pytest.fixture(scope="module")
def summary(authority):
    return summarise(authority, NOW)


def by_id(summary):
    return {status.indicator_id: status for status in summary.statuses}


# --- The facts, once --------------------------------------------------------------------------------

@pytest.mark.parametrize("start, end, months", [
    ("2013-12-31", "2017-10-24", 45), ("2016-11-30", "2017-11-30", 12), ("2016-11-30", "2017-11-29", 11),
    ("2014-12-31", "2017-01-12", 24)])
def test_whole_months_between_two_days(start, end, months):
    assert whole_months(pd.Timestamp(start), pd.Timestamp(end)) == months


def test_a_figure_is_old_from_a_year_before_its_papers(authority):
    papers = as_at(authority)
    assert staleness(pd.Timestamp("2016-10-24"), papers) == Staleness(12, "24 October 2017")
    assert staleness(pd.Timestamp("2016-10-31"), papers) is None  # 11 whole months: not old
    assert staleness(pd.Timestamp("2013-12-31"), None) is None


def test_an_indicators_latest_figure_knows_how_much_older_than_the_papers_it_is(summary):
    statuses = by_id(summary)
    assert statuses["rhi"].stale == Staleness(45, "24 October 2017") and statuses["rhi"].direction == "worsening"
    assert statuses["visits"].stale is None and statuses["visits"].direction == "improving"
    assert (standing(summary).worsening, standing(summary).worsening_old) == (1, 1)
    assert (standing(summary).improving, standing(summary).improving_old) == (1, 0)


def test_a_target_set_for_a_later_day_is_known_when_none_applies_to_the_latest_figure(summary):
    visits = by_id(summary)["visits"]
    assert visits.target is None and visits.later_target == Target("as at 31 March 2019", 90.0, None, "day")
    assert wording.target_words(visits) == "None for September 2017; 90% is set as at 31 March 2019"


def test_the_latest_report_is_the_latest_committee_paper_or_board_update_not_a_newspaper(authority, summary):
    report = latest_report(authority)
    assert (report.label, report.body, report.kind, report.rated) == ("24 October 2017", PANEL, "committee paper", False)
    assert summary.report == report


def test_a_paper_the_ratings_cite_is_a_report_whatever_its_kind(tmp_path):
    letter = {"document_id": "letter", "date": "2018-02-01", "body": "Ofsted", "kind": "Ofsted letter",
              "title": "Monitoring visit letter"}
    progress = [{**DEFAULT_TABLES["progress"][0], "report_date": "2018-02-01", "source": "letter"}]
    authority = load_authority(make_package(tmp_path, documents=DEFAULT_TABLES["documents"] + [letter],
                                            progress=progress, rag_tallies=None))
    report = latest_report(authority)
    assert (report.label, report.kind, report.rated) == ("1 February 2018", "Ofsted letter", True)


def test_an_undated_source_is_as_at_the_day_it_was_read(authority):
    found = as_at(authority, authority.table("observations").query("indicator_id == 'leavers'"))
    assert (found.undated, found.label, found.accessed, found.kind) == (True, "undated", "2 May 2021", "web page")


# --- Every page says the same ----------------------------------------------------------------------

def text_of(page) -> str:
    return html.unescape(page.body)


@pytest.fixture(scope="module")
def pages(authority, summary):
    found = {"overview": text_of(overview.page(authority, CONTEXT, summary, Drawing())),
             "home": text_of(home.page([summary], CONTEXT, Drawing()))}
    for page in indicators.pages(authority, CONTEXT, {}, summary.statuses):
        found[page.path] = text_of(page)
    return found


def test_an_old_figure_is_said_old_wherever_it_is_shown(pages, summary):
    rhi = by_id(summary)["rhi"]
    said = wording.latest_words(rhi)
    assert said == "58% (December 2013), 3 years and 9 months older than the papers of 24 October 2017"
    overview_page = pages["overview"]
    assert overview_page.count(said) == 3  # the glance's card and its table, and the list of indicators moving
    assert "1 of these figures is 1 year or more older than the papers of 24 October 2017." in overview_page
    assert said in pages["indicators/index.md"]  # the list of indicators
    assert said in pages["indicators/rhi.md"] and "This figure is 3 years and 9 months older" in pages["indicators/rhi.md"]
    assert "1 (1 old figure)" in pages["home"] and "An old figure is one whose period ended 1 year or more" in pages["home"]


def test_the_latest_report_is_named_alike_on_the_overview_and_the_home_page(pages):
    said = f"24 October 2017: committee paper to the {PANEL}"
    assert f"Latest report</dt>\n<dd markdown=\"span\">{said}" in pages["overview"]
    assert said in pages["home"] and "None published" not in pages["home"]


def test_a_committees_minutes_are_headed_by_the_committee_not_an_improvement_board(pages):
    assert f"## {PANEL}: latest update {{#board-update}}" in pages["overview"]
    assert "improvement board update" not in pages["overview"].lower()


def test_the_target_is_said_alike_on_the_list_and_the_indicator_page(pages):
    said = "None for September 2017; 90% is set as at 31 March 2019"
    assert said in pages["indicators/index.md"] and said in pages["indicators/visits.md"]
    assert "None set" not in pages["indicators/visits.md"]


def test_the_as_at_line_is_worded_by_the_kind_of_paper(pages):
    assert "from the council's committee papers of that time" in pages["overview"]
    undated = pages["indicators/leavers.md"]
    assert "Figures from a web page (Our children's services), undated; read on 2 May 2021" in undated
    assert "council papers" not in undated


def test_how_to_read_states_the_rule_for_old_figures_the_domain_applies():
    from journeys.domain.dates import STALE_AFTER_MONTHS

    guide = " ".join((ROOT / "docs" / "how-to-read.md").read_text(encoding="utf-8").split())
    assert STALE_AFTER_MONTHS == 12 and wording.age_words(STALE_AFTER_MONTHS) == "1 year"
    assert "A figure whose period ended a year or more before the date of an authority's latest papers" in guide
    assert "counted in whole months from the last day of the figure's period" in guide
