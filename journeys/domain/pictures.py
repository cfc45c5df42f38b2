"""The facts the overview's and the home page's pictures draw (issue 16), worked out once.

    journey_timeline    inspections (with grades), visits, notices and boards, up to the end of the record
    plan_progress       for each report, its actions counted by the authority's own ratings
    indicators_glance   each indicator's recent figures, its target and its standing
    judgement_counts    how many authorities have each latest judgement (the home page)

journeys.outputs.pictures draws each of these, says it in a sentence and shows it as a table:
all three from the same facts, never from the tables again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from journeys.domain.dates import record_ends, record_ends_label
from journeys.domain.figures import IndicatorStatus, main_kinds, theme_of, theme_order
from journeys.domain.ratings import RatingCount, plan_ranks, rag_meanings
from journeys.domain.summary import Standing
from journeys.model import Authority
from journeys.model.periods import date_label
from journeys.model.vocabulary import GRADES_BEST_FIRST, OVERALL, UNSTATED

# --- The journey on a timeline -------------------------------------------------------------------

# Which milestones the timeline draws, on which line. Plans, scrutiny meetings, reviews and
# other events are on the journey page; the timeline keeps to what the issue asks for.
LANES = {
    "inspection": "Inspections", "joint targeted area inspection": "Inspections",
    "monitoring visit": "Visits", "focused visit": "Visits",
    "improvement notice issued": "Notices and directions", "improvement notice reviewed": "Notices and directions",
    "improvement notice lifted": "Notices and directions", "statutory direction issued": "Notices and directions",
    "statutory direction lifted": "Notices and directions", "commissioner appointed": "Notices and directions",
    "improvement board": "Improvement boards",
}
LANE_ORDER = ["Inspections", "Visits", "Notices and directions", "Improvement boards"]


@dataclass(frozen=True)
class JourneyEvent:
    day: pd.Timestamp
    date_label: str
    lane: str
    what: str            # "Inspection", "Re-inspection", "Monitoring visit", "Improvement notice issued", …
    title: str
    grade: str | None    # overall effectiveness, for a graded inspection


@dataclass(frozen=True)
class JourneyTimeline:
    events: list[JourneyEvent]
    record_ends: pd.Timestamp | None
    ends_label: str | None = None  # as precise as the paper that ends the record


def journey_timeline(milestones: pd.DataFrame, judgements: pd.DataFrame,
                     record_ends: pd.Timestamp | None, ends_label: str | None = None) -> JourneyTimeline:
    """The milestones the timeline draws, up to the end of the record, in date order. An inspection
    after the first is a re-inspection."""
    overall = {row["milestone_id"]: row["grade"] for row in judgements.to_dict("records")
               if row["judgement"] == OVERALL}
    rows = milestones[milestones["kind"].isin(LANES) & milestones["date_date"].notna()]
    if record_ends is not None:
        rows = rows[rows["date_date"] <= record_ends]
    events, inspected = [], False
    for row in rows.sort_values(["date_date", "milestone_id"], kind="stable").to_dict("records"):
        what = str(row["kind"]).capitalize()
        if row["kind"] == "inspection":
            what, inspected = ("Re-inspection" if inspected else "Inspection"), True
        events.append(JourneyEvent(row["date_date"], date_label(row["date"]), LANES[row["kind"]], what,
                                   row["title"], overall.get(row["milestone_id"])))
    return JourneyTimeline(events, record_ends, ends_label or (record_ends and date_label(record_ends)))


def authority_timeline(authority: Authority, now: datetime) -> JourneyTimeline:
    return journey_timeline(authority.table("milestones"), authority.table("judgements"),
                            record_ends(authority, now), record_ends_label(authority, now))


# --- The plan's ratings at each report ---------------------------------------------------------

@dataclass(frozen=True)
class ReportRatings:
    day: pd.Timestamp
    date_label: str
    counts: list[RatingCount]   # in the authority's rating order, best first

    @property
    def total(self) -> int:
        return sum(c.count for c in self.counts)


def plan_progress(authority: Authority) -> list[ReportRatings]:
    """For each report, how many actions it rated with each rating: every rating of the authority's
    plan scale in its order (zero where none), then any rating the scale does not name."""
    rank, meanings = plan_ranks(authority), rag_meanings(authority)
    rated = authority.table("progress").dropna(subset=["report_date_date"])
    scale = authority.table("rag_scale")
    named = set(scale[scale["scale"] == "plan"]["rating"])
    order = sorted(named | set(rated["rating"]), key=lambda rating: (rank.get(rating, 99), rating))
    reports = []
    for day, rows in rated.groupby("report_date_date", sort=True):
        counted = rows["rating"].value_counts()
        reports.append(ReportRatings(day, date_label(day), [
            RatingCount(rating, int(counted.get(rating, 0)), meanings.get(rating, "")) for rating in order]))
    return reports


# --- The indicators at a glance ----------------------------------------------------------------

RECENT = 12  # figures per sparkline: about a year of monthly figures


@dataclass(frozen=True)
class Figure:
    number: float
    label: str           # its period, as a reader reads it


@dataclass(frozen=True)
class Glance:
    status: IndicatorStatus
    theme: str
    points: list[tuple[pd.Timestamp, float]]   # the recent plain figures of the indicator's main kind of period
    first: Figure | None                        # the first of them (the latest is status.latest); None: none to draw

    @property
    def indicator_id(self) -> str:
        return self.status.indicator_id

    @property
    def title(self) -> str:
        return self.status.indicator["title"]


def indicators_glance(statuses: list[IndicatorStatus], observations: pd.DataFrame,
                      themes: pd.DataFrame) -> list[Glance]:
    """Every indicator with figures, in theme order: its recent series, its target and its status.
    Only plain figures of a stated period are drawn: a bound, a change or a figure whose period
    the paper does not state is named (status.latest), never drawn."""
    order = theme_order(themes)
    grouped = dict(tuple(observations.groupby("indicator_id", sort=False)))
    kinds = dict(main_kinds(observations).itertuples(index=False))
    glances = []
    for status in statuses:
        rows = grouped.get(status.indicator_id)
        if status.latest is None or rows is None:
            continue
        series = rows[(rows["period_kind"] == kinds.get(status.indicator_id)) & rows["value_number"].notna()
                      & (rows["period_kind"] != UNSTATED)]
        series = series.sort_values("period_end").tail(RECENT)
        first = series.iloc[0] if len(series) else None
        glances.append(Glance(
            status, theme_of(status.indicator, order)[1],
            [(day, float(number)) for day, number in zip(series["period_end"], series["value_number"])],
            None if first is None else Figure(float(first["value_number"]), first["period_label"])))
    places = {title: place for place, title in order.values()}
    glances.sort(key=lambda g: places.get(g.theme, len(order)))
    return glances


# --- Where every authority stands (the home page) ---------------------------------------------

def months_since(day: pd.Timestamp | None, now: datetime) -> int | None:
    """Whole calendar months from a day to the build date (None without a day)."""
    if day is None:
        return None
    return max(0, (now.year - day.year) * 12 + now.month - day.month)


def green_share(entry: Standing) -> float | None:
    return entry.green / entry.rated if entry.rated else None


NO_GRADE = "No graded inspection"


def judgement_counts(standings: list[Standing]) -> list[tuple[str, int]]:
    """How many authorities have each latest judgement, best grade first, then none recorded."""
    order = GRADES_BEST_FIRST
    counted = Counter(entry.judgement or NO_GRADE for entry in standings)
    ranked = sorted(counted, key=lambda grade: (order.index(grade) if grade in order else len(order), grade))
    return [(grade, counted[grade]) for grade in ranked]
