"""How current the record is: the "as at" date of what a page shows, and where the record ends."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from journeys.model import Authority


def as_at(authority: Authority, *tables: pd.DataFrame) -> pd.Timestamp | None:
    """The latest date among the documents cited by these rows (by all the authority's tables
    when none are given): how current a page is."""
    cited = set()
    for table in tables or authority.tables.values():
        if "source" in table:
            cited.update(table["source"][table["source"] != ""])
    documents = authority.table("documents")
    dates = documents.loc[documents["document_id"].isin(cited), "date_date"].dropna()
    return dates.max() if len(dates) else None


def record_ends(authority: Authority, now: datetime | None = None) -> pd.Timestamp | None:
    """The last day the published record speaks for: its latest paper's date, or the build date
    if that is earlier. A work programme lists meetings beyond it; no paper says they took place."""
    latest = authority.table("documents")["date_date"].max()
    days = [day for day in (latest, pd.Timestamp(now.date()) if now else None) if day is not None and pd.notna(day)]
    return min(days) if days else None


def is_planned(days: pd.Series, ends: pd.Timestamp | None) -> pd.Series:
    """Which dates lie after the record ends: what was planned, not (yet) what happened."""
    return days > ends if ends is not None else pd.Series(False, index=days.index)
