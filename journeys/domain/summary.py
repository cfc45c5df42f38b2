"""An authority's facts, worked out once: what its overview, the home page, the comparison pages
and the feeds all show of it. A plain picklable value, so a build can keep it between runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from journeys.domain.boards import BoardUpdate, latest_board_update
from journeys.domain.changes import ReportChanges, what_changed
from journeys.domain.dates import AsAt, as_at
from journeys.domain.figures import IndicatorStatus, directions, indicator_statuses
from journeys.domain.journey import Inspection, intervention_status, latest_inspection
from journeys.domain.ratings import (
    RatingCount,
    RatingsLag,
    Tally,
    is_green,
    latest_report_date,
    latest_tallies,
    rag_summary,
    ratings_lag,
)
from journeys.domain.reports import Report, latest_report
from journeys.model import Authority

# The reports that changed something that a summary keeps: the most any output shows (the feeds;
# the overview shows three). A build holds every authority's summary at once, and at national
# scale ten years of monthly reports were half of each one.
RECENT_REPORTS = 20


@dataclass(frozen=True)
class Summary:
    slug: str
    name: str
    inspection: Inspection | None
    intervention: str
    latest_report: pd.Timestamp | None          # the latest report that rated the plan's actions
    ratings: list[RatingCount]
    tallies: list[Tally]
    as_at: AsAt | None                           # the latest paper with figures (dates.as_at)
    statuses: tuple[IndicatorStatus, ...] = ()   # every indicator, in the order of indicators.csv
    changes: tuple[ReportChanges, ...] = ()      # what changed at the latest RECENT_REPORTS, oldest first
    board: BoardUpdate | None = None             # the latest improvement board update
    ratings_lag: RatingsLag | None = None        # set when later papers than the latest ratings give none
    region: str = ""                             # England's region, when datapackage.json gives it
    report: Report | None = None                 # the latest report, rated or not (reports.latest_report)


def summarise(authority: Authority, now: datetime | None = None) -> Summary:
    """Everything the site says of an authority beyond its own tables, worked out once."""
    return Summary(authority.slug, authority.name, latest_inspection(authority, now),
                   intervention_status(authority, now), latest_report_date(authority), rag_summary(authority),
                   latest_tallies(authority), as_at(authority), tuple(indicator_statuses(authority)),
                   recent_changes(what_changed(authority, now)), latest_board_update(authority), ratings_lag(authority),
                   str(authority.descriptor.get("region") or ""), latest_report(authority))


def recent_changes(reports: list[ReportChanges]) -> tuple[ReportChanges, ...]:
    """The latest RECENT_REPORTS reports that changed something, oldest first."""
    return tuple([report for report in reports if not report.is_empty()][-RECENT_REPORTS:])


def most_current(summaries: list[Summary]) -> Summary | None:
    """The authority whose figures are the most recent (by the first day of its as-at paper): the
    site's "as at". None when no authority's figures are dated."""
    dated = [s for s in summaries if s.as_at is not None and not s.as_at.undated]
    return max(dated, key=lambda s: s.as_at.day) if dated else None


@dataclass(frozen=True)
class Standing:
    """One authority's line on the home page: where it stands, from its Summary."""
    slug: str
    name: str
    region: str                    # "" when the package does not say
    judgement: str | None          # the latest graded inspection's overall effectiveness
    judged: pd.Timestamp | None    # when that inspection was published (or held)
    judged_label: str
    green: int                     # plan actions whose latest rating is the authority's green
    rated: int                     # plan actions with a rating
    improving: int                 # indicators improving / worsening since their previous figure
    worsening: int
    improving_old: int = 0         # of those, how many by a figure much older than the papers (figures.Directions)
    worsening_old: int = 0


def standing(summary: Summary) -> Standing:
    inspection, moved = summary.inspection, directions(summary.statuses)
    return Standing(summary.slug, summary.name, summary.region, inspection and inspection.overall,
                    inspection.day if inspection else None, inspection.when if inspection else "",
                    sum(c.count for c in summary.ratings if is_green(c.rating)), sum(c.count for c in summary.ratings),
                    moved.improving, moved.worsening, moved.improving_old, moved.worsening_old)
