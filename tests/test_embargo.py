"""Embargo: until a paper's publish_after, it and everything citing it is absent (clock injected)."""

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from journeys.cli import main
from journeys.domain.embargo import apply_embargo, embargo_ended_within
from journeys.model import load_authority
from publishing_support import MARKER, embargo_package, write_package

UTC = timezone.utc
# 2017-03-01 10:00 in London is 10:00 UTC (GMT); 2017-06-01 10:00 is 09:00 UTC (BST).
BEFORE = datetime(2017, 3, 1, 9, 59, tzinfo=UTC)
AT = datetime(2017, 3, 1, 10, 0, tzinfo=UTC)


def marked_rows(authority) -> dict[str, int]:
    """How many rows of each table mention MARKER in any column."""
    counts = {}
    for name, table in authority.tables.items():
        text = table.astype(str).apply(lambda column: column.str.contains(MARKER)).any(axis=1)
        if text.any():
            counts[name] = int(text.sum())
    return counts


@pytest.fixture
def package(tmp_path):
    return load_authority(embargo_package(tmp_path / "testshire"))


def test_the_fixture_marks_rows_in_every_kind_of_table(package):
    assert marked_rows(package) == {"documents": 1, "themes": 1, "actions": 2, "progress": 2, "indicators": 1,
                                     "observations": 2, "milestones": 1, "findings": 2}


def test_before_publish_after_nothing_citing_the_paper_remains(package):
    public, held = apply_embargo(package, BEFORE)
    assert marked_rows(public) == {}
    assert set(public.table("documents")["document_id"]) == {"doc-public"}
    assert list(public.table("actions")["action_id"]) == ["1.1"]
    assert list(public.table("progress")["report_date"]) == ["2017-01-12"]
    assert list(public.table("observations")["period"]) == ["2016-11"]
    assert list(public.table("findings")["finding_id"]) == ["mv-1-s1"]
    assert len(held) == 1


def test_rows_that_refer_only_to_kept_rows_stay(package):
    public, _ = apply_embargo(package, BEFORE)
    kept = {name: len(table) for name, table in public.tables.items()}
    assert kept == {"documents": 1, "themes": 1, "objectives": 1, "actions": 1, "progress": 1, "indicators": 1, "observations": 1,
                    "targets": 1, "milestones": 1, "findings": 1}


def test_from_publish_after_everything_is_present(package):
    public, held = apply_embargo(package, AT)
    assert held == []
    assert public is package
    assert marked_rows(public) == marked_rows(package)


def test_held_back_says_what_and_until_when(package):
    _, [held] = apply_embargo(package, BEFORE)
    assert held.document_id == "doc-embargoed"
    assert held.publish_after == datetime(2017, 3, 1, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    assert held.rows == marked_rows(package)
    line = held.line()
    assert "1 March 2017 10:00 (UK time)" in line and "doc-embargoed" in line and "11 rows citing it" in line


def test_the_cascade_does_not_depend_on_the_order_of_the_tables(package):
    # Referring tables first: one pass over the tables would miss the rows two steps away.
    backwards = replace(package, tables=dict(reversed(list(package.tables.items()))))
    assert list(backwards.tables)[-1] == "documents"
    public, _ = apply_embargo(backwards, BEFORE)
    assert marked_rows(public) == {}


def test_the_input_authority_is_not_changed(package):
    before = {name: len(table) for name, table in package.tables.items()}
    apply_embargo(package, BEFORE)
    assert {name: len(table) for name, table in package.tables.items()} == before


def test_publish_after_is_uk_time_in_summer(tmp_path):
    authority = load_authority(embargo_package(tmp_path / "summer", publish_after="2017-06-01 10:00"))
    assert apply_embargo(authority, datetime(2017, 6, 1, 8, 59, tzinfo=UTC))[1]
    assert not apply_embargo(authority, datetime(2017, 6, 1, 9, 0, tzinfo=UTC))[1]


def test_a_naive_now_is_uk_local_time(tmp_path):
    authority = load_authority(embargo_package(tmp_path / "summer", publish_after="01/06/2017 10:00"))
    assert apply_embargo(authority, datetime(2017, 6, 1, 9, 59))[1]
    assert not apply_embargo(authority, datetime(2017, 6, 1, 10, 0))[1]


def test_a_date_without_a_time_means_from_midnight(tmp_path):
    authority = load_authority(embargo_package(tmp_path / "day", publish_after="2017-06-01"))
    assert apply_embargo(authority, datetime(2017, 5, 31, 22, 59, tzinfo=UTC))[1]
    assert not apply_embargo(authority, datetime(2017, 5, 31, 23, 0, tzinfo=UTC))[1]


def test_two_embargoed_papers_are_listed_in_order_of_release(tmp_path):
    tables = {
        "documents": [
            {"document_id": "late", "date": "2017-05-01", "body": "Board", "title": "Late", "publish_after": "2017-05-01"},
            {"document_id": "early", "date": "2017-04-01", "body": "Board", "title": "Early", "publish_after": "2017-04-01"},
            {"document_id": "open", "date": "2017-01-01", "body": "Board", "title": "Open"},
        ],
    }
    authority = load_authority(write_package(tmp_path / "two", **tables))
    public, held = apply_embargo(authority, datetime(2017, 3, 1, tzinfo=UTC))
    assert [h.document_id for h in held] == ["early", "late"]
    assert list(public.table("documents")["document_id"]) == ["open"]
    public, held = apply_embargo(authority, datetime(2017, 4, 2, tzinfo=UTC))
    assert [h.document_id for h in held] == ["late"]


def test_an_empty_optional_reference_does_not_cascade(tmp_path):
    tables = {
        "documents": [{"document_id": "d", "date": "2017-01-01", "body": "B", "title": "T"},
                      {"document_id": "e", "date": "2017-01-01", "body": "B", "title": "T", "publish_after": "2030-01-01"}],
        "themes": [{"theme_id": "t", "title": "Theme", "order": "1", "source": "d"}],
        "objectives": [{"objective_id": "o", "theme_id": "t", "kind": "objective", "title": "Held", "source": "e"}],
        "actions": [{"action_id": "1", "theme_id": "t", "objective_id": "", "action": "No objective", "source": "d"},
                    {"action_id": "2", "theme_id": "t", "objective_id": "o", "action": "Under o", "source": "d"}],
    }
    authority = load_authority(write_package(tmp_path / "optional", **tables))
    public, _ = apply_embargo(authority, datetime(2020, 1, 1, tzinfo=UTC))
    assert list(public.table("actions")["action_id"]) == ["1"]


def test_the_scheduled_gate_reports_papers_released_in_its_window(tmp_path, capsys):
    embargo_package(tmp_path)
    window = timedelta(minutes=120)
    assert embargo_ended_within(tmp_path / "data", AT + timedelta(minutes=30), window) == ["testshire/doc-embargoed"]
    assert embargo_ended_within(tmp_path / "data", BEFORE, window) == []
    assert embargo_ended_within(tmp_path / "data", AT + timedelta(hours=3), window) == []
    assert main(["embargo-ended", "--within-minutes", "1", str(tmp_path / "data")]) == 0
    assert capsys.readouterr().out == "ended=false\n"


def test_a_note_that_names_an_embargoed_paper_is_held_back_with_it(tmp_path):
    """Issue 22.4: a note naming the embargoed paper by id or title was published before the paper."""
    secret = "doc-embargoed"
    observations = [
        {"indicator_id": "rhi-timeliness", "period": "2016-11", "value": "61.5", "source": "doc-public",
         "note": f"Revised in {secret}."},
        {"indicator_id": "rhi-timeliness", "period": "2016-10", "value": "60.5", "source": "doc-public",
         "note": "The figure in papers  zqxembargoed   TITLE is higher."},
        {"indicator_id": "rhi-timeliness", "period": "2016-09", "value": "59.5", "source": "doc-public",
         "note": "As the Progress report says."},
    ]
    actions = [{"action_id": "1.1", "theme_id": "t-public", "action": f"Act on {secret}", "source": "doc-public"}]
    folder = embargo_package(tmp_path / "testshire", observations=observations, actions=actions, progress=None)
    public, [held] = apply_embargo(load_authority(folder), BEFORE)
    notes = public.table("observations").set_index("period")["note"].to_dict()
    # the notes are emptied, their figures stay; a title a public paper shares names nothing
    assert notes == {"2016-11": "", "2016-10": "", "2016-09": "As the Progress report says."}
    assert list(public.table("actions")["action_id"]) == []  # required text naming it: the row goes
    assert held.texts == 2 and "2 notes naming it" in held.line()
    released, _ = apply_embargo(load_authority(folder), AT)
    assert released.table("observations").set_index("period")["note"]["2016-11"] == f"Revised in {secret}."
