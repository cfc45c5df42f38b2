"""The journey: milestones so far and planned, the latest graded inspection, DfE intervention."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from journeys.domain.dates import is_planned, record_ends
from journeys.model import Authority
from journeys.model.periods import date_label, parse_dated
from journeys.model.vocabulary import INTERVENTIONS, OVERALL, frameworks


@dataclass(frozen=True)
class Inspection:
    milestone_id: str
    title: str
    when: str          # the date as the papers give it: published, else held (periods.date_label)
    overall: str | None
    judgements: list[tuple[str, str]]
    day: pd.Timestamp | None = None  # the first day of that date, to say how long ago it was


def milestones_in_order(authority: Authority) -> pd.DataFrame:
    # By first day, then last day: 2016-11-01 before the month 2016-11, the month before the year 2016
    # only where they start together (dates of mixed precision, issue 15).
    return authority.table("milestones").sort_values(["date_date", "date_last", "milestone_id"], kind="stable")


def journey_so_far(authority: Authority, now: datetime | None = None) -> pd.DataFrame:
    """Milestones up to the end of the record, in date order."""
    milestones = milestones_in_order(authority)
    return milestones[~is_planned(milestones["date_date"], record_ends(authority, now))]


def planned_milestones(authority: Authority, now: datetime | None = None) -> pd.DataFrame:
    """Milestones dated after the end of the record (boards and meetings scheduled), in date order."""
    milestones = milestones_in_order(authority)
    return milestones[is_planned(milestones["date_date"], record_ends(authority, now))]


def judgements_of(authority: Authority, milestone_id: str) -> list[tuple[str, str]]:
    """(judgement, grade) pairs, overall effectiveness first."""
    table = authority.table("judgements")
    rows = table[table["milestone_id"] == milestone_id]
    pairs = list(zip(rows["judgement"], rows["grade"]))
    return sorted(pairs, key=lambda pair: pair[0] != OVERALL)


def latest_inspection(authority: Authority, now: datetime | None = None) -> Inspection | None:
    """The latest milestone so far that carries grades."""
    graded = set(authority.table("judgements")["milestone_id"])
    milestones = journey_so_far(authority, now)
    rows = milestones[milestones["milestone_id"].isin(graded)]
    if rows.empty:
        return None
    row = rows.iloc[-1]
    judgements = judgements_of(authority, row["milestone_id"])
    overall = next((grade for judgement, grade in judgements if judgement == OVERALL), None)
    given = row["published"] or row["date"]
    dated = parse_dated(str(given))
    day = pd.Timestamp(dated.start) if dated and dated.start else row["date_date"]
    return Inspection(row["milestone_id"], row["title"], date_label(given), overall, judgements, day)


def framework_title(framework_id: str) -> str:
    return frameworks().get(framework_id, {}).get("title", framework_id)


def intervention_status(authority: Authority, now: datetime | None = None) -> str:
    """'Improvement notice in force since 30 June 2014', or what was lifted, or none recorded.
    A review or lifting that is only planned does not count."""
    state: dict[str, tuple[bool, str]] = {}
    for _, row in journey_so_far(authority, now).iterrows():
        if row["kind"] in INTERVENTIONS:
            name, in_force = INTERVENTIONS[row["kind"]]
            since = state.get(name, (False, ""))
            started = since[1] if (since[0] and in_force) else date_label(row["date"])
            state[name] = (in_force, started)
    for name in ("Statutory direction", "Children's services commissioner", "Improvement notice"):
        if state.get(name, (False,))[0]:
            verb = "appointed" if name.startswith("Children") else "in force since"
            return f"{name} {verb} {state[name][1]}"
    lifted = [f"{name} lifted {when}" for name, (on, when) in state.items() if not on]
    return lifted[0] if lifted else "No DfE intervention recorded"
