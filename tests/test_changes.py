"""What changed since the previous report, on tiny packages."""

import html
from datetime import date, datetime, timezone

import markdown
import pytest

from journeys.domain.changes import ReportChanges, what_changed
from journeys.domain.dates import as_at
from conftest import target_status
from journeys.domain.figures import MET, MISSED, WITHIN
from journeys.domain.ratings import complete_ratings
from journeys.outputs.changes import changes_markdown, short, summary
from journeys.outputs.markup import text
from publishing_support import authority

THEMES = [{"theme_id": "t", "title": "Theme", "order": "1", "source": "doc"}]


def actions(*ids):
    return [{"action_id": i, "theme_id": "t", "action": f"Action text {i}", "source": "doc"} for i in ids]


def progress(*rows):
    return [{"action_id": a, "report_date": d, "rating": r, "source": "doc"} for a, d, r in rows]


def report(reports, day) -> ReportChanges:
    return next(r for r in reports if r.date == day)


def plan(tmp_path, rows, scale=None):
    tables = {"themes": THEMES, "actions": actions(*sorted({a for a, _, _ in rows})), "progress": progress(*rows)}
    if scale:
        tables["rag_scale"] = [{"scale": "plan", "rating": r, "meaning": m, "rank": str(k), "source": "doc"}
                               for r, m, k in scale]
    return what_changed(authority(tmp_path, **tables))


def test_transitions_forwards_and_backwards(tmp_path):
    reports = plan(tmp_path, [("1", "2016-10-13", "Amber"), ("1", "2017-01-12", "Green"),
                              ("2", "2016-10-13", "Green"), ("2", "2017-01-12", "Red"),
                              ("3", "2016-10-13", "Amber"), ("3", "2017-01-12", "Amber")])
    january = report(reports, date(2017, 1, 12))
    assert january.previous == date(2016, 10, 13)
    assert [(c.action_id, c.before, c.after, c.direction) for c in january.rag_changes] == [
        ("1", "Amber", "Green", "forwards"), ("2", "Green", "Red", "backwards")]
    assert january.added == () and january.closed == ()


def test_actions_are_added_when_they_first_appear(tmp_path):
    reports = plan(tmp_path, [("1", "2016-10-13", "Amber"), ("1", "2017-01-12", "Amber"),
                              ("2", "2017-01-12", "Red")])
    assert [(e.action_id, e.rating) for e in report(reports, date(2016, 10, 13)).added] == [("1", "Amber")]
    assert [(e.action_id, e.rating) for e in report(reports, date(2017, 1, 12)).added] == [("2", "Red")]


def test_a_report_with_no_change_is_still_a_report_date(tmp_path):
    reports = plan(tmp_path, [("1", "2016-10-13", "Amber"), ("1", "2017-01-12", "Amber")])
    assert [r.date for r in reports] == [date(2016, 10, 13), date(2017, 1, 12)]
    assert reports[1].is_empty() and not reports[0].is_empty()


def test_actions_close_when_they_reach_blue_by_default(tmp_path):
    reports = plan(tmp_path, [("1", "2016-10-13", "Green"), ("1", "2017-01-12", "Blue"),
                              ("2", "2016-10-13", "Green"), ("2", "2017-01-12", "Green")])
    january = report(reports, date(2017, 1, 12))
    assert [e.action_id for e in january.closed] == ["1"]
    assert [(c.action_id, c.direction) for c in january.rag_changes] == [("1", "forwards")]


def test_closing_follows_the_authoritys_own_scale(tmp_path):
    scale = [("Complete", "action completed", 1), ("Green", "on track", 2), ("Amber", "some slippage", 3),
             ("Red", "off track", 4)]
    reports = plan(tmp_path, [("1", "2016-10-13", "Green"), ("1", "2017-01-12", "Complete")], scale)
    assert [e.rating for e in report(reports, date(2017, 1, 12)).closed] == ["Complete"]


def test_a_best_ranked_green_that_means_progress_does_not_close(tmp_path):
    scale = [("Green", "good progress and moving towards completion", 1), ("Amber", "on track", 2),
             ("Red", "further focused work", 3)]
    tables = {"themes": THEMES, "actions": actions("1"),
              "progress": progress(("1", "2016-10-13", "Amber"), ("1", "2017-01-12", "Green")),
              "rag_scale": [{"scale": "plan", "rating": r, "meaning": m, "rank": str(k), "source": "doc"}
                            for r, m, k in scale]}
    leicestershire = authority(tmp_path, **tables)
    assert complete_ratings(leicestershire) == set()
    january = report(what_changed(leicestershire), date(2017, 1, 12))
    assert january.closed == () and [c.direction for c in january.rag_changes] == ["forwards"]


@pytest.mark.parametrize("value, polarity, expected", [
    (80, "higher is better", MET), (75, "higher is better", MET), (71, "higher is better", WITHIN),
    (70, "higher is better", WITHIN), (69.9, "higher is better", MISSED),
    (70, "lower is better", MET), (79.9, "lower is better", WITHIN), (80.1, "lower is better", MISSED),
    (1000, "none", None),
])
def test_standing_from_target_tolerance_and_polarity(value, polarity, expected):
    assert target_status(value, 75, 5, polarity, 1) == expected


def test_floating_point_does_not_push_a_value_out_of_tolerance():
    assert target_status(89.9, 90, 0.1, "higher is better", 1) == WITHIN


INDICATOR = {"indicator_id": "rhi", "title": "Return home interviews in 72 hours", "unit": "percentage",
             "polarity": "higher is better", "frequency": "monthly", "definition": "On time", "decimals": "1",
             "counts_children": "no", "source": "doc"}


def indicator_reports(tmp_path, values, polarity="higher is better", tolerance="5", documents=None):
    observations = [{"indicator_id": "rhi", "period": p, "value": v, "source": s} for p, v, s in values]
    tables = {"indicators": [{**INDICATOR, "polarity": polarity}], "observations": observations,
              "targets": [{"indicator_id": "rhi", "period": "2016/17", "target": "75", "tolerance": tolerance,
                           "source": "doc"}]}
    if documents:
        tables["documents"] = documents
    return what_changed(authority(tmp_path, **tables))


DOCS = [{"document_id": "oct", "date": "2016-11-10", "body": "Board", "title": "October"},
        {"document_id": "nov", "date": "2016-12-08", "body": "Board", "title": "November"},
        {"document_id": "doc", "date": "2016-04-01", "body": "Board", "title": "Targets"}]


def test_an_indicator_crossing_its_target_is_dated_by_the_report_that_brought_it(tmp_path):
    reports = indicator_reports(tmp_path, [("2016-09", "60", "oct"), ("2016-10", "72", "oct"),
                                           ("2016-11", "78", "nov")], documents=DOCS)
    crossings = [(r.date, c.period_label, c.before, c.after, c.direction) for r in reports for c in r.crossings]
    assert crossings == [(date(2016, 11, 10), "October 2016", MISSED, WITHIN, "improved"),
                         (date(2016, 12, 8), "November 2016", WITHIN, MET, "improved")]


def test_an_indicator_worsening_across_the_tolerance(tmp_path):
    reports = indicator_reports(tmp_path, [("2016-10", "76", "doc"), ("2016-11", "69", "doc")])
    [crossing] = [c for r in reports for c in r.crossings]
    assert (crossing.before, crossing.after, crossing.direction) == (MET, MISSED, "worsened")
    assert crossing.target == 75 and crossing.tolerance == 5 and crossing.value == 69


def test_no_crossing_within_a_band_for_symbols_or_for_activity_measures(tmp_path):
    same_band = indicator_reports(tmp_path / "a", [("2016-10", "76", "doc"), ("2016-11", "90", "doc")])
    assert not any(r.crossings for r in same_band)
    suppressed = indicator_reports(tmp_path / "b", [("2016-10", "60", "doc"), ("2016-11", "c", "doc"),
                                                    ("2016-12", "61", "doc")])
    assert not any(r.crossings for r in suppressed)
    activity = indicator_reports(tmp_path / "c", [("2016-10", "60", "doc"), ("2016-11", "90", "doc")],
                                 polarity="none")
    assert not any(r.crossings for r in activity)


def test_periods_of_different_kinds_are_not_compared(tmp_path):
    reports = indicator_reports(tmp_path, [("2016-11", "60", "doc"), ("YTD 2016-11", "80", "doc")])
    assert not any(r.crossings for r in reports)


def test_new_milestones_and_findings(tmp_path):
    tables = {
        "milestones": [
            {"milestone_id": "insp", "kind": "inspection", "date": "2016-11", "published": "2017-01-24",
             "title": "Inspection", "source": "doc"},
            {"milestone_id": "mv", "kind": "monitoring visit", "date": "2017-05-10", "title": "Visit",
             "source": "letter"}],
        "findings": [
            {"finding_id": "f1", "milestone_id": "insp", "kind": "recommendation", "text": "Improve RHIs", "source": "doc"},
            {"finding_id": "f2", "milestone_id": "mv", "kind": "strength", "text": "Stable staff", "source": "letter"},
            {"finding_id": "f3", "milestone_id": "mv", "kind": "area for improvement", "text": "Plans",
             "source": "letter"}],
        # The visit is on the record because a paper after it reports it (else it was only planned).
        "documents": [{"document_id": "doc", "date": "2017-01-12", "body": "Board", "title": "Paper"},
                      {"document_id": "letter", "date": "2017-06-08", "body": "Ofsted", "title": "Visit letter"}],
    }
    reports = what_changed(authority(tmp_path, **tables))
    by_date = {r.date: ([m.milestone_id for m in r.milestones], [f.finding_id for f in r.findings]) for r in reports}
    assert by_date == {date(2016, 11, 1): (["insp"], []), date(2017, 1, 24): ([], ["f1"]),
                       date(2017, 5, 10): (["mv"], ["f2", "f3"])}
    assert summary(report(reports, date(2017, 5, 10))) == "1 new milestone, 2 new findings"


def test_markdown_escapes_csv_text(tmp_path):
    tables = {"themes": THEMES,
              "actions": [{"action_id": "1", "theme_id": "t", "action": "<script>alert(1)</script> *now*",
                           "source": "doc"}],
              "progress": progress(("1", "2016-10-13", "Amber"), ("1", "2017-01-12", "Green"))}
    rendered = changes_markdown(what_changed(authority(tmp_path, **tables)))
    assert "<script>" not in rendered and "*now*" not in rendered
    assert text("<script>") in rendered
    assert rendered.index("12 January 2017") < rendered.index("13 October 2016")  # newest first
    assert "moved forwards from Amber to Green" in rendered


def test_the_changes_render_as_literal_text_through_markdown(tmp_path):
    raw = "<img src=x onerror=alert(1)> [link](javascript:alert(1)) _x_ & `code`"
    tables = {"themes": THEMES,
              "actions": [{"action_id": "1", "theme_id": "t", "action": raw, "source": "doc"}],
              "progress": progress(("1", "2016-10-13", "Amber"), ("1", "2017-01-12", "Green"))}
    page = markdown.markdown(changes_markdown(what_changed(authority(tmp_path, **tables))),
                             extensions=["attr_list", "md_in_html"])
    assert "<img" not in page and "<a " not in page and "<em>" not in page and "<code>" not in page
    assert f"Action 1 ({short(raw, 60)}) moved forwards" in html.unescape(page)


def test_as_at_is_the_latest_paper_cited(tmp_path):
    documents = [{"document_id": d, "date": day, "body": "Board", "title": d}
                 for d, day in [("a", "2016-10-13"), ("b", "12/01/2017"), ("c", "2016-12-08"), ("d", "2018-01-01")]]
    themes = [{"theme_id": d, "title": "Theme", "order": "1", "source": d} for d in "abc"]
    loaded = authority(tmp_path, documents=documents, themes=themes)
    latest = as_at(loaded, loaded.table("themes"))
    assert (latest.day.date(), latest.label, latest.paper) == (date(2017, 1, 12), "12 January 2017", "b")


def test_planned_milestones_are_not_changes(tmp_path):
    # The paper of 12 January 2017 lists a board for February: planned, not news.
    tables = {"milestones": [
        {"milestone_id": "mv", "kind": "monitoring visit", "date": "2016-11-08", "title": "Visit", "source": "doc"},
        {"milestone_id": "ib", "kind": "improvement board", "date": "2017-02-15", "title": "Board", "source": "doc"}]}
    reports = what_changed(authority(tmp_path, **tables))
    assert [m.milestone_id for r in reports for m in r.milestones] == ["mv"]
    built_before_the_visit = datetime(2016, 11, 1, tzinfo=timezone.utc)
    assert not any(r.milestones for r in what_changed(authority(tmp_path / "b", **tables), built_before_the_visit))
