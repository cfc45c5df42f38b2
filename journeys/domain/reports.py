"""Reports: an authority's latest report, the record as it stood at a report, the report before it,
and what changed between two.

A report is a paper whose `kind` says it reports progress (a committee paper, a board update),
or one that the plan's ratings cite, whatever its kind: a briefing note to a scrutiny board with
no ratings is a report all the same (issue 23). It names the body it was written for. The latest
is worked out once, for the overview, the home page, the committee paper and anything else that
names it.

A committee paper is written for one report and compares it with the one before. Both are the
authority as it stood then: only the papers dated up to that day, and nothing that cites a later
one (the rows go as an embargo takes them). A paper known only by its month or year counts from
its first day, as "as at" orders papers; an undated web page counts from the day it was read.

The report before is the latest earlier date on which the domain reports changes
(changes.what_changed), as each overview's "What changed since the previous report" says. What
changed since then is every change the record holds at the report that it did not hold at the
previous one: those dated after it, and those dated earlier that only a later paper reported
(a monitoring visit in November, first reported in January).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time, timezone

import pandas as pd

from journeys.domain.changes import ReportChanges, what_changed
from journeys.domain.embargo import without_documents
from journeys.model import Authority
from journeys.model.periods import format_date

REPORT_KINDS = ("committee paper", "board update")
RATING_TABLES = ("progress", "rag_tallies")  # a paper these cite rates the plan's actions
CHANGE_KINDS = tuple(f.name for f in fields(ReportChanges) if f.name not in ("date", "previous", "labels"))


@dataclass(frozen=True)
class Report:
    day: pd.Timestamp   # its first day, to order by
    label: str          # its date as precise as the paper gives it: "March 2019", never an invented day
    body: str           # who it was written for: "Education and Children's Services Scrutiny Board (2)"
    title: str
    kind: str           # documents.csv's kind ("committee paper", "board update", … or "")
    rated: bool         # it rates the plan's actions


def latest_report(authority: Authority) -> Report | None:
    """The latest dated report (papers dated alike: by their last day, then their order in documents.csv)."""
    documents, rating = authority.table("documents"), _rating_papers(authority)
    reports = documents[(documents["kind"].isin(REPORT_KINDS) | documents["document_id"].isin(rating))
                        & documents["date_date"].notna()]
    if reports.empty:
        return None
    return _report(reports.sort_values(["date_date", "date_last"], kind="stable").iloc[-1], rating)


def _rating_papers(authority: Authority) -> set[str]:
    return set().union(*(set(authority.table(name)["source"]) for name in RATING_TABLES)) - {""}


def _report(row: pd.Series, rating: set[str]) -> Report:
    return Report(row["date_date"], row["date_label"], row["body"], row["title"], row["kind"],
                  row["document_id"] in rating)


def on_the_day(day: date) -> Report:
    """A report known by its day alone (a paper chosen by its date, the report before one)."""
    return Report(pd.Timestamp(day), format_date(day), "", "", "", False)


def report_of(authority: Authority, chosen: str) -> Report | None:
    """The report a document id or an ISO day (2017-01-12) names; None when it names neither."""
    documents = authority.table("documents")
    row = documents[documents["document_id"] == chosen]
    if not row.empty and pd.notna(row["date_date"].iloc[0]):
        return _report(row.iloc[0], _rating_papers(authority))
    try:
        return on_the_day(date.fromisoformat(chosen))
    except (TypeError, ValueError):
        return None


def later_papers(documents: pd.DataFrame, day: pd.Timestamp) -> set[str]:
    """The papers not out by `day`: dated after it (by their first day), or undated and read after it."""
    after = documents["date_date"] > day
    if "accessed_date" in documents:
        after |= documents["date_date"].isna() & (documents["accessed_date"] > day)
    return set(documents.loc[after, "document_id"])


def as_it_stood(authority: Authority, day: pd.Timestamp) -> Authority:
    """The authority as its papers up to `day` tell it: later papers and whatever cites them left out."""
    return without_documents(authority, later_papers(authority.table("documents"), day))


def end_of(day: pd.Timestamp) -> datetime:
    """The last moment of a report's day: what was planned after it had not yet happened."""
    return datetime.combine(day.date(), time(23, 59), tzinfo=timezone.utc)


def previous_report(authority: Authority, day: pd.Timestamp) -> Report | None:
    """The report before `day`: the latest earlier date on which the domain reports changes, named as
    precisely as its papers give it ("November 2016", never an invented 1st)."""
    reports = [report for report in what_changed(authority, end_of(day)) if report.date < day.date()]
    if not reports:
        return None
    latest = reports[-1]
    return replace(on_the_day(latest.date), label=latest.labels[0] or format_date(latest.date))


def changes_since(now: list[ReportChanges], then: list[ReportChanges]) -> tuple[ReportChanges, ...]:
    """What `now` (what_changed at the report) holds that `then` (at the previous report) did not,
    by report date, oldest first; dates left with no change are dropped."""
    known = {(report.date, kind, item) for report in then for kind in CHANGE_KINDS for item in getattr(report, kind)}
    found = []
    for report in now:
        kept = {kind: tuple(item for item in getattr(report, kind) if (report.date, kind, item) not in known)
                for kind in CHANGE_KINDS}
        report = replace(report, **kept)
        if not report.is_empty():
            found.append(report)
    return tuple(found)


def changed_between(authority: Authority, report: Report, since: Report | None) -> tuple[ReportChanges, ...]:
    """What changed from the previous report (None: the start of the record) to this one. `authority`
    is the record as it stood at `report` (as_it_stood)."""
    now = what_changed(authority, end_of(report.day))
    if since is None:
        return changes_since(now, [])
    return changes_since(now, what_changed(as_it_stood(authority, since.day), end_of(since.day)))
