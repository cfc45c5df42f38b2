"""What changed since the previous report: RAG moves, actions added or closed, indicators that
crossed a target or tolerance, new milestones and findings.

Each change is dated by the report it belongs to:
  a RAG rating, an added or closed action  -> the progress report_date;
  an indicator's crossing                  -> the date of the document that brought the newer
                                              value (its period's end if that is unknown);
  a milestone                              -> its own date; its findings -> the date it was
                                              published, else its date.
`what_changed(authority, now)` groups them by date, oldest first; planned milestones are not
changes. An indicator's standing is the one its page shows (figures.target_statuses). Pure:
no reading, no writing, no words (journeys.render.changes words them).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

import pandas as pd

from journeys.domain.figures import better, places, target_statuses
from journeys.domain.journey import journey_so_far
from journeys.domain.ratings import complete_ratings, plan_ranks
from journeys.model import Authority
from journeys.model.vocabulary import CLOSE, HIGHER, LOWER, OVERALL, UNSTATED


@dataclass(frozen=True)
class RagChange:
    action_id: str
    action: str
    before: str
    after: str
    direction: str  # forwards, backwards, or sideways (two ratings of the same rank)


@dataclass(frozen=True)
class ActionEvent:
    action_id: str
    action: str
    rating: str


@dataclass(frozen=True)
class IndicatorCrossing:
    indicator_id: str
    title: str
    period_label: str
    value: float
    unit: str
    decimals: int
    target: float   # a plain target; NaN for a strict target or a range (target_text says which)
    tolerance: float
    before: str  # the previous figure's standing: figures.MET, WITHIN or MISSED
    after: str   # this figure's
    direction: str  # improved or worsened
    target_text: str = ""  # the target as written: 22, <20, 20-25


@dataclass(frozen=True)
class NewMilestone:
    milestone_id: str
    kind: str
    title: str
    grades: tuple[tuple[str, str], ...] = ()  # (judgement, grade), overall effectiveness first


@dataclass(frozen=True)
class NewFinding:
    finding_id: str
    milestone_id: str
    milestone_title: str
    kind: str
    text: str


@dataclass(frozen=True)
class ReportChanges:
    """Everything that changed at one report date since the one before it."""

    date: date
    previous: date | None
    labels: tuple[str, str] = ("", "")  # this date and the previous when known only by month or year ("March 2019")
    rag_changes: tuple[RagChange, ...] = ()
    added: tuple[ActionEvent, ...] = ()
    closed: tuple[ActionEvent, ...] = ()
    crossings: tuple[IndicatorCrossing, ...] = ()
    milestones: tuple[NewMilestone, ...] = ()
    findings: tuple[NewFinding, ...] = ()

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self) if f.name not in ("date", "previous", "labels"))


def what_changed(authority: Authority, now: datetime | None = None) -> list[ReportChanges]:
    """One ReportChanges per report date, oldest first (dates with no change included).

    Milestones dated after the record ends (dates.record_ends: the latest paper, or `now`, the
    build's time, if earlier) are planned, not changes, and are left out.
    """
    journey = journey_so_far(authority, now)
    events = (_progress_events(authority) + _indicator_events(authority)
              + _milestone_events(journey, authority.table("judgements"))
              + _finding_events(journey, authority.table("findings")))
    dates = sorted({day for day, _, _ in events} | _progress_dates(authority))
    by_date = {day: {} for day in dates}
    for day, kind, change in events:
        by_date[day].setdefault(kind, []).append(change)
    previous = [None, *dates[:-1]]
    labels = _coarse_labels(authority, journey, dates)
    return [ReportChanges(day, before, (labels.get(day, ""), labels.get(before, "")),
                          **{kind: tuple(items) for kind, items in by_date[day].items()})
            for day, before in zip(dates, previous)]


def _coarse_labels(authority: Authority, journey: pd.DataFrame, dates: list[date]) -> dict[date, str]:
    """A date known only by its month or year ("March 2019"), for each change date that no paper
    or milestone gives as a day: a month-dated milestone is never shown as the 1st (issue 15)."""
    coarse, exact = {}, set(_progress_dates(authority))
    for table, column in ((journey, "date"), (journey, "published"), (authority.table("documents"), "date")):
        rows = table.dropna(subset=[f"{column}_date"])
        for day, precision, label in zip(rows[f"{column}_date"], rows[f"{column}_precision"], rows[f"{column}_label"]):
            (exact.add(day.date()) if precision == "day" else coarse.setdefault(day.date(), label))
    return {day: label for day, label in coarse.items() if day in dates and day not in exact}


# --- plan: ratings per action ----------------------------------------------------------------

def _progress_dates(authority: Authority) -> set[date]:
    return {day.date() for day in authority.table("progress")["report_date_date"].dropna()}


def _progress_events(authority: Authority) -> list[tuple[date, str, object]]:
    progress = authority.table("progress").dropna(subset=["report_date_date"])
    actions = dict(zip(authority.table("actions")["action_id"], authority.table("actions")["action"]))
    ranks, complete = plan_ranks(authority), complete_ratings(authority)
    events = []
    for action_id, history in progress.sort_values("report_date_date").groupby("action_id", sort=True):
        events += _action_history(action_id, actions.get(action_id, ""), history, ranks, complete)
    return events


def _action_history(action_id, action, history, ranks, complete) -> list[tuple[date, str, object]]:
    events, before = [], None
    for day, rating in zip(history["report_date_date"], history["rating"]):
        day = day.date()
        if before is None:
            events.append((day, "added", ActionEvent(action_id, action, rating)))
        elif rating != before:
            events.append((day, "rag_changes", RagChange(action_id, action, before, rating,
                                                         _direction(ranks, before, rating))))
        if rating in complete and before not in complete:
            events.append((day, "closed", ActionEvent(action_id, action, rating)))
        before = rating
    return events


def _direction(ranks: dict[str, int], before: str, after: str) -> str:
    old, new = ranks.get(before), ranks.get(after)
    if old is None or new is None or old == new:
        return "sideways"
    return "forwards" if new < old else "backwards"


# --- indicators: standing against target -------------------------------------------------------

def rated_observations(authority: Authority) -> pd.DataFrame:
    """Plain figures of indicators with a polarity, each with the target in force at the end of its
    period and the standing that gives; one row per observation that has a target. A bound or a
    change is not a plain figure, so it crosses nothing (journeys.domain.standing)."""
    indicators = authority.table("indicators")
    indicators = indicators[indicators["polarity"].isin([HIGHER, LOWER, CLOSE])]
    observations = authority.table("observations").dropna(subset=["value_number", "period_end"])
    observations = observations[observations["period_kind"] != UNSTATED]  # when it was counted is not known
    observations = observations.merge(indicators[["indicator_id", "title", "unit", "polarity", "decimals"]],
                                      on="indicator_id")
    targets = authority.table("targets")[["indicator_id", "period_start", "period_end", "target", "target_number",
                                          "tolerance_number"]]
    joined = observations.merge(targets.rename(columns={"period_start": "target_start", "period_end": "target_end"}),
                                on="indicator_id")
    joined = joined[(joined["target_start"] <= joined["period_end"]) & (joined["period_end"] <= joined["target_end"])]
    joined = joined.sort_values("target_start").drop_duplicates(["indicator_id", "period"], keep="last")
    joined["status"] = target_statuses(joined["value_number"], joined["target"].tolist(), joined["tolerance_number"],
                                       joined["polarity"], joined["decimals"])
    return joined


def _indicator_events(authority: Authority) -> list[tuple[date, str, object]]:
    # Compare like with like: a month with the month before, a financial year with the last one.
    rated = rated_observations(authority).sort_values(["indicator_id", "period_kind", "period_end"])
    rated["before"] = rated.groupby(["indicator_id", "period_kind"])["status"].shift()
    crossed = rated[rated["before"].notna() & (rated["status"] != rated["before"])]
    documents = authority.table("documents")
    reported = crossed["source"].map(dict(zip(documents["document_id"], documents["date_date"])))
    days = pd.to_datetime(reported).fillna(crossed["period_end"])
    columns = ["indicator_id", "title", "period_label", "value_number", "unit", "decimals", "target_number",
               "tolerance_number", "before", "status", "target"]
    rows = zip(*(crossed[column].tolist() for column in columns))
    return [(day.date(), "crossings", _crossing(*row)) for day, row in zip(days, rows)]


def _crossing(indicator_id, title, period_label, value, unit, decimals, target, tolerance, before, after, text):
    return IndicatorCrossing(indicator_id, title, period_label, float(value), unit, places(decimals), float(target),
                             0.0 if pd.isna(tolerance) else float(tolerance), before, after,
                             "improved" if better(after, before) else "worsened", str(text))


# --- the journey: milestones and findings ----------------------------------------------------

def _milestone_events(milestones: pd.DataFrame, judgements: pd.DataFrame) -> list[tuple[date, str, object]]:
    """Each milestone, with its grades when it was graded: a new inspection's grades are news."""
    milestones = milestones.dropna(subset=["date_date"])
    grades: dict[str, list[tuple[str, str]]] = {}
    for mid, judgement, grade in zip(judgements["milestone_id"], judgements["judgement"], judgements["grade"]):
        grades.setdefault(mid, []).append((judgement, grade))
    overall_first = lambda pairs: tuple(sorted(pairs, key=lambda p: p[0] != OVERALL))  # noqa: E731
    return [(day.date(), "milestones", NewMilestone(mid, kind, title, overall_first(grades.get(mid, []))))
            for mid, kind, title, day in zip(milestones["milestone_id"], milestones["kind"], milestones["title"],
                                             milestones["date_date"])]


def _finding_events(milestones: pd.DataFrame, findings: pd.DataFrame) -> list[tuple[date, str, object]]:
    when = milestones["published_date"].fillna(milestones["date_date"])
    dated = dict(zip(milestones["milestone_id"], when))
    titles = dict(zip(milestones["milestone_id"], milestones["title"]))
    return [(dated[mid].date(), "findings", NewFinding(fid, mid, titles[mid], kind, text))
            for fid, mid, kind, text in zip(findings["finding_id"], findings["milestone_id"],
                                            findings["kind"], findings["text"])
            if mid in dated and pd.notna(dated[mid])]
