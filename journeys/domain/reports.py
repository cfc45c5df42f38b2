"""An authority's latest report: the latest paper that reports its improvement to the body that
oversees it, worked out once for the overview, the home page and anything else that names it.

A report is a paper whose `kind` says it reports progress (a committee paper, a board update),
or one that the plan's ratings cite, whatever its kind: a briefing note to a scrutiny board with
no ratings is a report all the same (issue 23). It names the body it was written for."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from journeys.model import Authority

REPORT_KINDS = ("committee paper", "board update")
RATING_TABLES = ("progress", "rag_tallies")  # a paper these cite rates the plan's actions


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
    documents = authority.table("documents")
    rating = set().union(*(set(authority.table(name)["source"]) for name in RATING_TABLES)) - {""}
    reports = documents[(documents["kind"].isin(REPORT_KINDS) | documents["document_id"].isin(rating))
                        & documents["date_date"].notna()]
    if reports.empty:
        return None
    row = reports.sort_values(["date_date", "date_last"], kind="stable").iloc[-1]
    return Report(row["date_date"], row["date_label"], row["body"], row["title"], row["kind"],
                  row["document_id"] in rating)
