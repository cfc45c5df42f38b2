"""An authority's facts, worked out once: what its overview, the home page, the comparison pages
and the feeds all show of it. A plain picklable value, so a build can keep it between runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from journeys.domain.changes import ReportChanges, what_changed
from journeys.domain.dates import as_at
from journeys.domain.figures import IndicatorStatus, indicator_statuses
from journeys.domain.journey import Inspection, intervention_status, latest_inspection
from journeys.domain.ratings import RatingCount, Tally, latest_report_date, latest_tallies, rag_summary
from journeys.model import Authority


@dataclass(frozen=True)
class Summary:
    slug: str
    name: str
    inspection: Inspection | None
    intervention: str
    latest_report: pd.Timestamp | None
    ratings: list[RatingCount]
    tallies: list[Tally]
    as_at: pd.Timestamp | None
    statuses: tuple[IndicatorStatus, ...] = ()   # every indicator, in the order of indicators.csv
    changes: tuple[ReportChanges, ...] = ()      # what changed at each report, oldest first

    def status_of(self, indicator_id: str) -> IndicatorStatus | None:
        return next((s for s in self.statuses if s.indicator_id == indicator_id), None)


def summarise(authority: Authority, now: datetime | None = None) -> Summary:
    """Everything the site says of an authority beyond its own tables, worked out once."""
    return Summary(authority.slug, authority.name, latest_inspection(authority, now),
                   intervention_status(authority, now), latest_report_date(authority), rag_summary(authority),
                   latest_tallies(authority), as_at(authority), tuple(indicator_statuses(authority)),
                   tuple(what_changed(authority, now)))
