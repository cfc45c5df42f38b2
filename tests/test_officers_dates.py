"""Dates as precise as the papers give them (issue 15): parsed, validated, typed and shown
without inventing a day; notes and kinds of source shown where the reader needs them."""

from __future__ import annotations

import html
from datetime import date, datetime

import pytest

from conftest import DEFAULT_TABLES, make_package
from journeys.outputs.drawing import Drawing
from journeys.model import load_authority
from journeys.model.periods import parse_dated
from journeys.outputs.page import Entry, SiteContext
from journeys.build.validation import validate_package

CONTEXT = SiteContext(site_name="Test journeys", mode="national", built_at=datetime(2026, 1, 1),
                      authorities=(Entry("demo", "Demo"),))


@pytest.mark.parametrize("text, precision, start, end, label", [
    ("2017-01-31", "day", date(2017, 1, 31), date(2017, 1, 31), "31 January 2017"),
    ("31/01/2017", "day", date(2017, 1, 31), date(2017, 1, 31), "31 January 2017"),
    ("2021-03", "month", date(2021, 3, 1), date(2021, 3, 31), "March 2021"),
    ("2010", "year", date(2010, 1, 1), date(2010, 12, 31), "2010"),
    ("undated", "undated", None, None, "undated"),
])
def test_a_date_keeps_the_precision_it_was_written_with(text, precision, start, end, label):
    parsed = parse_dated(text)
    assert (parsed.precision, parsed.start, parsed.end, parsed.label) == (precision, start, end, label)


@pytest.mark.parametrize("text", ["2021-13", "31/02/2017", "March 2021", "2021-3", ""])
def test_what_is_not_a_date_is_refused(text):
    assert parse_dated(text) is None


def _documents(**changes):
    first = {**DEFAULT_TABLES["documents"][0], **changes}
    return [first, *DEFAULT_TABLES["documents"][1:]]


def test_documents_accept_a_month_a_year_or_undated_with_the_day_read(tmp_path):
    for i, changes in enumerate([{"date": "2017-01"}, {"date": "2017"},
                                 {"date": "undated", "accessed": "2019-11-20", "kind": "web page"}]):
        assert validate_package(make_package(tmp_path / str(i), documents=_documents(**changes))) == [], changes


def test_an_undated_paper_needs_the_day_it_was_read(tmp_path):
    [found] = validate_package(make_package(tmp_path, documents=_documents(date="undated")))
    assert (found.slug, found.row, found.column) == ("required-missing", 2, "accessed")
    assert "the day you read the paper" in found.hint


def test_a_document_date_that_is_no_date_says_what_to_write(tmp_path):
    [found] = validate_package(make_package(tmp_path, documents=_documents(date="March 2017")))
    assert found.slug == "not-a-date" and "Write it as 2017-03." in found.hint and "undated" in found.hint


def test_a_milestone_may_be_dated_by_its_year(tmp_path):
    milestones = [{**DEFAULT_TABLES["milestones"][0], "date": "2010", "published": ""},
                  DEFAULT_TABLES["milestones"][1]]
    assert validate_package(make_package(tmp_path, milestones=milestones)) == []


def test_the_model_carries_each_dates_precision_and_label(tmp_path):
    authority = load_authority(make_package(tmp_path, documents=_documents(date="2017-01", kind="board update")))
    documents = authority.table("documents").set_index("document_id")
    assert documents.loc["doc-1", ["date_label", "date_precision"]].tolist() == ["January 2017", "month"]
    assert documents.loc["doc-1", "date_last"].date() == date(2017, 1, 31)
    assert documents.loc["doc-2", "date_label"] == "15 March 2014"
    milestones = authority.table("milestones").set_index("milestone_id")
    assert milestones.loc["insp-2014", "date_label"] == "January 2014"
    assert milestones.loc["insp-2014", "published_label"] == "March 2014"


def test_sources_show_a_month_as_a_month_with_the_kind_and_note(tmp_path):
    from journeys.outputs.pages import journey

    docs = _documents(date="2017-01", kind="board update", note="The day of the meeting is not given.")
    body = html.unescape(journey.page(load_authority(make_package(tmp_path, documents=docs)), CONTEXT).body)
    assert "Board update. Scrutiny Board (2), January 2017. Note: The day of the meeting is not given." in body
    assert "1 January 2017" not in body
    assert "Figures as at January 2017 (Children's services improvement: progress report)" in body


def test_an_undated_web_page_shows_the_day_it_was_read(tmp_path):
    from journeys.outputs.pages import journey

    docs = _documents(date="undated", accessed="2019-11-20", kind="web page")
    body = html.unescape(journey.page(load_authority(make_package(tmp_path, documents=docs)), CONTEXT).body)
    assert "Web page. Scrutiny Board (2), undated; read on 20 November 2019." in body


def test_notes_on_milestones_judgements_and_findings_are_shown(tmp_path):
    from journeys.outputs.pages import journey

    milestones = [{**DEFAULT_TABLES["milestones"][0], "note": "The report gives only the month."},
                  DEFAULT_TABLES["milestones"][1]]
    judgements = [{**DEFAULT_TABLES["judgements"][0], "note": "Read from the DfE letter, not the report."}]
    findings = [{**DEFAULT_TABLES["findings"][0], "note": "Two papers word this differently."}]
    folder = make_package(tmp_path, milestones=milestones, judgements=judgements, findings=findings)
    body = html.unescape(journey.page(load_authority(folder), CONTEXT).body)
    for note in ("The report gives only the month.", "Read from the DfE letter, not the report.",
                 "Note: Two papers word this differently."):
        assert note in body, note
    assert ">Note</th>" in body  # the grades table gains a Note column only when a grade has a note


def test_a_progress_note_is_shown_beside_its_rating(tmp_path):
    from journeys.outputs.pages import plan

    progress = [dict(DEFAULT_TABLES["progress"][0]),
                {**DEFAULT_TABLES["progress"][1], "note": "Deduced from the totals."}]
    body = plan.page(load_authority(make_package(tmp_path, progress=progress)), CONTEXT, Drawing()).body
    assert "Deduced from the totals." in html.unescape(body)


def test_a_short_grade_is_answered_with_the_full_one(tmp_path):
    milestones = [{"milestone_id": "insp-2019", "kind": "inspection", "date": "2019-03", "framework": "ilacs-2018",
                   "title": "ILACS inspection", "source": "doc-1"}]
    for short in ("requires improvement", "RI"):
        judgements = [{"milestone_id": "insp-2019", "judgement": "Overall effectiveness", "grade": short,
                       "source": "doc-1"}]
        [found] = validate_package(make_package(tmp_path / short, milestones=milestones, judgements=judgements,
                                                findings=None))
        assert found.slug == "grade-unknown"
        assert found.hint.startswith('Did you mean "Requires improvement to be good"?'), found.hint


# ---------------------------------------------------------------- the shipped packages, as pages

def _shipped(slug):
    from pathlib import Path
    return load_authority(Path(__file__).resolve().parent.parent / "data" / slug)


def test_coventry_scrutiny_page_shows_both_trackers_and_the_work_programme():
    from journeys.outputs.pages import scrutiny

    body = html.unescape(scrutiny.page(_shipped("coventry"), CONTEXT).body)
    assert "Supervision task and finish group: recommendations of 14 April 2016" in body
    assert "Meeting of 21 July 2016" in body
    assert "## Work programme {#work-programme}" in body
    assert "John Gregg; Terri Cartwright; Cllr Ruane" in body
    assert "recorded as open until the twelve-month report" in body  # the tracker's note


def test_coventry_plan_page_shows_the_vision_progress_and_making_a_difference():
    from journeys.outputs.pages import plan

    body = html.unescape(plan.page(_shipped("coventry"), CONTEXT, Drawing()).body)
    assert "## The plan's vision {#vision}" in body and "Top class early help." in body
    assert "Progress: Launched MASH" in body
    assert "## What making a difference looks like {#making-a-difference}" in body


def test_coventry_conception_rates_name_each_authority():
    from journeys.domain.figures import indicator_statuses
    from journeys.outputs.pages import indicators

    authority = _shipped("coventry")
    pages = indicators.pages(authority, CONTEXT, {}, tuple(indicator_statuses(authority)))
    page = next(p for p in pages if "u18-conception-rate" in p.path)
    body = html.unescape(page.body)
    for area in ("Birmingham", "Wolverhampton", "Stoke", "England", "Region"):
        assert area in body, area
    assert "Table 1 gives the change 2002-2014 as 32%." in body


def test_what_changed_names_a_month_dated_milestone_by_its_month(tmp_path):
    from journeys.domain.changes import what_changed
    from journeys.outputs.changes import changes_markdown, report_title

    milestones = [*DEFAULT_TABLES["milestones"],
                  {"milestone_id": "board-2016-12", "kind": "improvement board", "date": "2016-12",
                   "title": "Improvement board", "source": "doc-1"}]
    authority = load_authority(make_package(tmp_path, milestones=milestones))
    reports = {r.date: r for r in what_changed(authority, datetime(2026, 1, 1))}
    december = reports[date(2016, 12, 1)]
    assert [m.milestone_id for m in december.milestones] == ["board-2016-12"]
    assert report_title(december).startswith("December 2016")
    after = next(r for r in reports.values() if r.previous == date(2016, 12, 1))
    assert "(since December 2016)" in report_title(after)
    assert "1 December 2016" not in changes_markdown(list(reports.values()))
    # a day the papers give stays a day
    assert report_title(reports[date(2016, 11, 8)]).startswith("8 November 2016")


# ---------------------------------------------------------------- the overview's gaps (issue 15, point 6)

BOARD_ROWS = [{"message_id": "b-1", "date": "2017-03", "board": "Improvement Board", "kind": "key message",
               "message": "Actions on track", "source": "doc-3"},
              {"message_id": "b-2", "date": "2017-03", "board": "Improvement Board", "kind": "risk",
               "message": "Capacity to manage early help", "source": "doc-3"}]
BOARD_PAPER = {"document_id": "doc-3", "date": "2017-03", "body": "Improvement Board", "kind": "board update",
               "title": "Board update, March 2017"}


def _overview(folder):
    from journeys.domain.summary import summarise
    from journeys.outputs.pages import overview
    authority = load_authority(folder)
    return html.unescape(overview.page(authority, CONTEXT, summarise(authority, CONTEXT.built_at), Drawing()).body)


def test_board_updates_without_a_rated_report_are_not_none_published(tmp_path):
    folder = make_package(tmp_path, documents=[*DEFAULT_TABLES["documents"], BOARD_PAPER], board_updates=BOARD_ROWS,
                          progress=None, rag_tallies=None)
    body = _overview(folder)
    assert "None published" not in body
    # The board's own paper is the latest report, named by the body it went to (issue 23).
    assert "Latest report</dt>\n<dd markdown=\"span\">March 2017: board update to the Improvement Board" in body
    assert "Improvement Board, March 2017" in body and "Capacity to manage early help" in body


def test_ratings_older_than_the_latest_paper_say_so(tmp_path):
    folder = make_package(tmp_path, documents=[*DEFAULT_TABLES["documents"], BOARD_PAPER], board_updates=BOARD_ROWS)
    body = _overview(folder)
    assert "Plan actions by their latest rating (reported 12 January 2017)" in body
    assert ("These ratings are from the report of 12 January 2017; the later papers, to March 2017, give no new "
            "ratings.") in body
    # the figures are as at the latest paper that carries figures, not the later board update
    assert "Figures as at 12 January 2017 (Children's services improvement: progress report)" in body


def test_ratings_as_current_as_the_papers_need_no_warning(tmp_path):
    body = _overview(make_package(tmp_path))
    assert "give no new ratings" not in body
    assert '<dl class="rag-key"' in body  # the ratings' meanings are given with or without a warning


def test_as_at_is_the_latest_paper_with_figures_named_as_precisely_as_it_is_dated(tmp_path):
    from journeys.domain.dates import as_at
    from journeys.domain.summary import most_current, summarise

    docs = [{**DEFAULT_TABLES["documents"][0], "date": "2017-01"}, DEFAULT_TABLES["documents"][1], BOARD_PAPER]
    authority = load_authority(make_package(tmp_path, documents=docs, board_updates=BOARD_ROWS))
    latest = as_at(authority)  # the board update of March 2017 carries no figures
    assert (latest.day.date(), latest.label, latest.paper) == (
        date(2017, 1, 1), "January 2017", "Children's services improvement: progress report")
    # any table's rows may be asked for: the board update is the latest paper they cite
    assert as_at(authority, authority.table("board_updates")).label == "March 2017"
    summary = summarise(authority, CONTEXT.built_at)
    assert summary.as_at == latest and most_current([summary]) is summary


def test_ratings_lag_is_a_fact_of_the_summary(tmp_path):
    from journeys.domain.summary import summarise

    folder = make_package(tmp_path, documents=[*DEFAULT_TABLES["documents"], BOARD_PAPER], board_updates=BOARD_ROWS)
    summary = summarise(load_authority(folder), CONTEXT.built_at)
    assert (summary.ratings_lag.reported.date(), summary.ratings_lag.papers_to) == (date(2017, 1, 12), "March 2017")
    assert summary.board.date_label == "March 2017" and [m.kind for m in summary.board.messages] == [
        "key message", "risk"]
    assert summarise(load_authority(make_package(tmp_path / "plain")), CONTEXT.built_at).ratings_lag is None


def test_what_changed_gives_a_new_inspections_grades(tmp_path):
    from journeys.domain.changes import what_changed
    from journeys.outputs.changes import change_lines

    authority = load_authority(make_package(tmp_path))
    reports = {r.date: r for r in what_changed(authority, datetime(2026, 1, 1))}
    lines = change_lines(reports[date(2014, 1, 1)])
    assert "New milestone: Ofsted inspection (inspection), judged Overall effectiveness: Inadequate" in lines


def test_the_home_page_is_as_at_the_latest_paper_with_figures_at_its_own_precision(tmp_path):
    from journeys.domain.summary import summarise
    from journeys.outputs.pages import home

    docs = [{**DEFAULT_TABLES["documents"][0], "date": "2017-01"}, DEFAULT_TABLES["documents"][1], BOARD_PAPER]
    authority = load_authority(make_package(tmp_path, documents=docs, board_updates=BOARD_ROWS))
    body = html.unescape(home.page([summarise(authority, CONTEXT.built_at)], CONTEXT, Drawing()).body)
    assert "Figures as at January 2017 (Children's services improvement: progress report, Demo City Council)" in body
    assert "1 January 2017" not in body and "March 2017" not in body.split("Page built")[0]


@pytest.mark.parametrize("framework, written, full", [
    ("ilacs-2018", "help and protection", "The experiences and progress of children who need help and protection"),
    ("ilacs-2018", "impact of leaders", "The impact of leaders on social work practice with children and families"),
    ("ilacs-2023", "care leavers", "The experiences and progress of care leavers"),
    ("sif-2013", "LSCB", "Review of the Local Safeguarding Children Board"),
])
def test_a_short_judgement_name_is_answered_with_the_full_one(tmp_path, framework, written, full):
    milestones = [{"milestone_id": "insp", "kind": "inspection", "date": "2023-03", "framework": framework,
                   "title": "Inspection", "source": "doc-1"}]
    judgements = [{"milestone_id": "insp", "judgement": "Overall effectiveness", "grade": "Good", "source": "doc-1"},
                  {"milestone_id": "insp", "judgement": written, "grade": "Good", "source": "doc-1"}]
    [found] = validate_package(make_package(tmp_path, milestones=milestones, judgements=judgements, findings=None))
    assert (found.slug, found.row) == ("judgement-unknown", 3)
    assert found.hint.startswith(f'Did you mean "{full}"?'), found.hint


def test_full_judgement_names_pass_and_2009_names_are_only_a_guide(tmp_path):
    milestones = [{"milestone_id": "insp", "kind": "inspection", "date": "2012-11", "framework": "ofsted-2009",
                   "title": "Inspection", "source": "doc-1"}]
    judgements = [{"milestone_id": "insp", "judgement": "Safeguarding services", "grade": "Adequate",
                   "source": "doc-1"}]
    assert validate_package(make_package(tmp_path, milestones=milestones, judgements=judgements, findings=None)) == []


def test_the_overview_timeline_marks_a_month_as_a_month(tmp_path):
    body = _overview(make_package(tmp_path))
    assert '<time datetime="2014-01">January 2014</time>' in body  # insp-2014 is dated 2014-01
    assert '<time datetime="2016-11-08">8 November 2016</time>' in body


def test_milestones_of_mixed_precision_sort_by_span(tmp_path):
    from journeys.domain.journey import milestones_in_order

    rows = [{"milestone_id": f"a-{i}", "kind": "other", "date": day, "title": day, "source": "doc-1"}
            for i, day in enumerate(["2016-11", "2016", "2016-11-01", "2016-10-31"])]
    authority = load_authority(make_package(tmp_path, milestones=rows, judgements=None, findings=None))
    assert list(milestones_in_order(authority)["date"]) == ["2016", "2016-10-31", "2016-11-01", "2016-11"]
