"""The plan's actions grouped by their latest rating, each with the evidence that rating was given on."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from journeys.domain.ratings import current_ratings, plan_ranks, rag_meanings
from journeys.model import Authority


@dataclass(frozen=True)
class RatedAction:
    action_id: str
    action: str
    theme_id: str
    reported: pd.Timestamp   # the report its latest rating is from
    evidence: str
    next_steps: str
    source: str
    source_section: str


@dataclass(frozen=True)
class RatingGroup:
    rating: str
    meaning: str             # the authority's own meaning of the rating, "" when it gives none
    actions: tuple[RatedAction, ...]


def actions_by_rating(authority: Authority) -> list[RatingGroup]:
    """Every rated action under its latest rating, the best rating first (the authority's own order),
    actions in the plan's order within each."""
    latest = current_ratings(authority)
    if latest.empty:
        return []
    actions = authority.table("actions")
    place = {action_id: index for index, action_id in enumerate(actions["action_id"])}
    words = dict(zip(actions["action_id"], actions["action"]))
    themes = dict(zip(actions["action_id"], actions["theme_id"]))
    ranks, meanings = plan_ranks(authority), rag_meanings(authority)
    groups = []
    for rating in sorted(set(latest["rating"]), key=lambda rating: (ranks.get(rating, 99), rating)):
        rows = latest[latest["rating"] == rating].to_dict("records")
        rows.sort(key=lambda row: (place.get(row["action_id"], len(place)), row["action_id"]))
        groups.append(RatingGroup(rating, meanings.get(rating, ""), tuple(
            RatedAction(row["action_id"], words.get(row["action_id"], ""), themes.get(row["action_id"], ""),
                        row["report_date_date"], row["evidence"], row["next_steps"], row["source"],
                        row["source_section"]) for row in rows)))
    return groups
