"""How current the record is: the "as at" of what a page shows, and where the record ends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from journeys.model import Authority, per_table
from journeys.model.periods import date_label

# The tables whose rows are figures: the "as at" of an overview or of the home page comes from the
# latest paper that carries one, not from a later paper that only reports a meeting (issue 15).
FIGURE_TABLES = ("observations", "targets", "comparators", "progress", "rag_tallies")


@dataclass(frozen=True)
class AsAt:
    """The paper a page's figures are as at."""

    day: pd.Timestamp | None  # its first day, to compare papers (and authorities) by; None when undated
    label: str                # its date exactly as precise as the paper gives it: "March 2019", never an invented day
    paper: str                # its title
    kind: str = ""            # what sort of paper: documents.csv's kind ("committee paper", "press", …; "" unknown)
    accessed: str = ""        # for an undated paper, the day it was read: "2 May 2021"

    @property
    def undated(self) -> bool:
        return self.day is None


def as_at(authority: Authority, *tables: pd.DataFrame) -> AsAt | None:
    """The latest paper cited by these rows: how current a page is.

    With no tables: the latest paper that carries figures (FIGURE_TABLES), or the latest cited by
    any table when none has a figure. Papers dated alike are ordered by their last day (the day
    2019-03-31 after the month March 2019). When every paper cited is undated (a web page): the
    one read most recently, with the day it was read."""
    if not tables:
        tables = tuple(authority.table(name) for name in FIGURE_TABLES if not authority.table(name).empty)
        tables = tables or tuple(authority.tables.values())
    cited = set()
    for table in tables:
        if "source" in table:
            cited.update(table["source"][table["source"] != ""])
    documents = authority.table("documents")
    order = _in_date_order(documents)
    latest = max((order[paper] for paper in cited if paper in order), default=None, key=lambda row: row[0])
    if latest is not None:
        row = latest[1]
        return AsAt(row["date_date"], row["date_label"], row["title"], row["kind"])
    return _undated(documents[documents["document_id"].isin(cited)])


def _undated(documents: pd.DataFrame) -> AsAt | None:
    """The undated paper read most recently (one with no day read on comes first)."""
    undated = documents[documents["date_precision"] == "undated"]
    if undated.empty:
        return None
    row = undated.sort_values("accessed_date", kind="stable", na_position="first").iloc[-1]
    return AsAt(None, row["date_label"], row["title"], row["kind"], date_label(row["accessed_date"]))


@per_table  # every page of an authority asks (as_at)
def _in_date_order(documents: pd.DataFrame) -> dict[str, tuple[int, dict]]:
    """document_id -> (its place in _latest's order, its row), for the dated papers."""
    dated = documents.dropna(subset=["date_date"]).sort_values(["date_date", "date_last"], kind="stable")
    return {row["document_id"]: (place, row) for place, row in enumerate(dated.to_dict("records"))}


def latest_paper(authority: Authority) -> pd.Series | None:
    """The authority's latest paper of any kind (its documents row)."""
    return _latest(authority.table("documents"))


def _latest(documents: pd.DataFrame) -> pd.Series | None:
    # By first day, then last day: the day 2019-03-31 comes after the month March 2019.
    dated = documents.dropna(subset=["date_date"])
    return None if dated.empty else dated.sort_values(["date_date", "date_last"], kind="stable").iloc[-1]


def record_ends(authority: Authority, now: datetime | None = None) -> pd.Timestamp | None:
    """The last day the published record speaks for: its latest paper's date, or the build date
    if that is earlier. A work programme lists meetings beyond it; no paper says they took place."""
    latest = authority.table("documents")["date_date"].max()
    days = [day for day in (latest, pd.Timestamp(now.date()) if now else None) if day is not None and pd.notna(day)]
    return min(days) if days else None


def record_ends_label(authority: Authority, now: datetime | None = None) -> str | None:
    """record_ends in words, as precise as the paper that ends the record: "March 2019", not "1 March 2019"."""
    ends, paper = record_ends(authority, now), latest_paper(authority)
    if ends is None:
        return None
    if paper is not None and ends == paper["date_date"]:
        return paper["date_label"]
    return date_label(ends)


def is_planned(days: pd.Series, ends: pd.Timestamp | None) -> pd.Series:
    """Which dates lie after the record ends: what was planned, not (yet) what happened."""
    return days > ends if ends is not None else pd.Series(False, index=days.index)


# --- How old a figure is beside the papers a page is as at --------------------------------------

# A figure whose period ended this many whole months or more before the date of the papers a page
# is as at is called old there, with how much older (docs/how-to-read.md states the rule).
STALE_AFTER_MONTHS = 12


@dataclass(frozen=True)
class Staleness:
    """A figure much older than the papers it is shown with."""

    months: int    # whole months from the last day of the figure's period to the papers' date
    papers: str    # the papers' date, as precise as they give it: "12 January 2017"


def whole_months(start: pd.Timestamp, end: pd.Timestamp) -> int:
    """Whole calendar months from one day to a later one (31 December 2013 to 24 October 2017: 45)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)


def staleness(period_end: pd.Timestamp | None, papers: AsAt | None) -> Staleness | None:
    """How much older a figure (by its period's last day) is than the papers, when that is
    STALE_AFTER_MONTHS or more; None otherwise, or when either is undated."""
    if papers is None or papers.day is None or period_end is None or pd.isna(period_end):
        return None
    months = whole_months(period_end, papers.day)
    return Staleness(months, papers.label) if months >= STALE_AFTER_MONTHS else None
