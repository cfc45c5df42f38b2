"""The plan's RAG ratings: each action's latest, tallies, the authority's own scale and what
counts as complete."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from journeys.domain.dates import latest_paper
from journeys.model import Authority

# Without a rag_scale.csv the standard accepts these ratings (see schemas/rag_scale.json);
# Blue is the conventional "complete".
DEFAULT_PLAN_RANKS = {"Blue": 1, "Green": 2, "Amber": 3, "Red": 4}
PLAIN_RAG = {"red", "amber", "green"}
# A rating the papers use without publishing what it means (rag_scale.csv's meaning left empty),
# e.g. "Amber E": shown as given, with these words where its meaning would be.
NOT_PUBLISHED = "meaning not published"
COMPLETE_WORDS = re.compile(r"\b(complete|completed|closed|achieved|done)\b", re.IGNORECASE)


@dataclass(frozen=True)
class RatingCount:
    rating: str
    count: int
    meaning: str


@dataclass(frozen=True)
class Tally:
    subject: str
    report_date: pd.Timestamp
    counts: list[RatingCount]
    source: str = ""
    source_section: str = ""


def is_green(rating: str) -> bool:
    """A rating the authority words as green ("Green", "Green - on track"), whatever else it says."""
    return "green" in re.findall(r"[a-z]+", str(rating).lower())


def rag_meanings(authority: Authority, scale: str = "plan") -> dict[str, str]:
    """Rating -> its meaning in the authority's words (NOT_PUBLISHED where the papers give none), best first."""
    table = authority.table("rag_scale")
    rows = table[table["scale"] == scale].sort_values("rank", na_position="last", kind="stable")
    return {rating: meaning.strip() or NOT_PUBLISHED for rating, meaning in zip(rows["rating"], rows["meaning"])}


def _rank(authority: Authority, scale: str) -> dict[str, int]:
    table = authority.table("rag_scale")
    rows = table[table["scale"] == scale]
    return {rating: int(rank) for rating, rank in zip(rows["rating"], rows["rank"]) if not pd.isna(rank)}


def current_ratings(authority: Authority) -> pd.DataFrame:
    """Each action's most recent progress row."""
    progress = authority.table("progress").sort_values(["report_date_date", "action_id"], kind="stable")
    return progress.drop_duplicates("action_id", keep="last")


def latest_report_date(authority: Authority) -> pd.Timestamp | None:
    dates = pd.concat([authority.table("progress")["report_date_date"],
                       authority.table("rag_tallies")["report_date_date"]]).dropna()
    return dates.max() if len(dates) else None


@dataclass(frozen=True)
class RatingsLag:
    """The latest ratings are older than the latest paper: later papers gave no new ratings."""

    reported: pd.Timestamp  # the report the latest ratings are from
    papers_to: str          # the latest paper's date, as precise as it is given ("March 2019")


def ratings_lag(authority: Authority) -> RatingsLag | None:
    """When later papers than the latest ratings exist (a board update, a letter): None otherwise."""
    reported, latest = latest_report_date(authority), latest_paper(authority)
    if reported is None or latest is None or latest["date_date"] <= reported:
        return None
    return RatingsLag(reported, latest["date_label"])


def rag_summary(authority: Authority) -> list[RatingCount]:
    """How many actions have each rating now (their latest), best rating first."""
    ratings = current_ratings(authority)["rating"].value_counts()
    return _ordered_counts(authority, dict(ratings.items()))


def _ordered_counts(authority: Authority, counts: dict[str, int]) -> list[RatingCount]:
    rank, meanings = _rank(authority, "plan"), rag_meanings(authority)
    ordered = sorted(counts, key=lambda rating: (rank.get(rating, 99), rating))
    return [RatingCount(rating, int(counts[rating]), meanings.get(rating, "")) for rating in ordered]


def latest_tallies(authority: Authority) -> list[Tally]:
    """Counts of ratings that a paper gives without the items behind them, latest per subject."""
    table = authority.table("rag_tallies")
    tallies = []
    for subject, rows in table.groupby("subject", sort=False):
        latest = rows[rows["report_date_date"] == rows["report_date_date"].max()]
        counts = dict(zip(latest["rating"], latest["count"].astype(int)))
        first = latest.iloc[0]
        tallies.append(Tally(subject, first["report_date_date"], _ordered_counts(authority, counts),
                             first["source"], first["source_section"]))
    return tallies


def plan_ranks(authority: Authority) -> dict[str, int]:
    """Rating -> rank (1 is best) for the plan scale; the standard's defaults without rag_scale."""
    scale = authority.table("rag_scale")
    plan = scale[scale["scale"] == "plan"]
    if plan.empty:
        return dict(DEFAULT_PLAN_RANKS)
    # A rating whose place in the scale is not published has no rank: a move to or from it is sideways.
    return {rating: int(rank) for rating, rank in zip(plan["rating"], plan["rank"]) if not pd.isna(rank)}


def complete_ratings(authority: Authority) -> set[str]:
    """The best-ranked ratings that mean done: Blue, Complete… but not a best-ranked Green
    meaning "good progress" (Leicestershire), unless its meaning says it is complete."""
    ranks = plan_ranks(authority)
    scale = authority.table("rag_scale")
    plan = scale[scale["scale"] == "plan"]
    meanings = dict(zip(plan["rating"], plan["meaning"]))
    best = min(ranks.values(), default=None)
    return {rating for rating, rank in ranks.items() if rank == best
            and (rating.casefold() not in PLAIN_RAG or COMPLETE_WORDS.search(meanings.get(rating, "")))}
