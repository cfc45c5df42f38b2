"""What each paper recommended its meeting do (paper_recommendations.csv), paper by paper.

A meeting's agenda pack may hold several papers (a progress report, a briefing note on
supervision, another on health visiting): each is its own group, in the order the package
lists them, and the groups run in the order of the documents' dates.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from journeys.model import Authority


@dataclass(frozen=True)
class PaperAsks:
    """One paper's recommendations to the meeting it went to."""
    source: str                 # the document_id the rows cite
    item: str                   # the paper within it, by its title
    date: pd.Timestamp | None   # the document's date (for ordering)
    date_label: str             # the document's date, as precisely as it is given
    to: tuple[str, ...]         # whom the paper asks, in its words (usually one)
    rows: tuple[dict, ...]      # its recommendations, in the paper's order


def paper_recommendations(authority: Authority) -> list[PaperAsks]:
    asked = authority.table("paper_recommendations")
    if asked.empty:
        return []
    documents = authority.table("documents").set_index("document_id")
    groups = []
    for (source, item), rows in asked.groupby(["source", "item"], sort=False):
        known = source in documents.index
        day = documents.at[source, "date_date"] if known else None
        groups.append(PaperAsks(source, item, None if day is None or pd.isna(day) else day,
                                documents.at[source, "date_label"] if known else "",
                                tuple(dict.fromkeys(rows["to"])), tuple(rows.to_dict("records"))))
    # Papers in date order (undated last), keeping the package's order within a day.
    return sorted(groups, key=lambda group: (group.date is None, pd.Timestamp.min if group.date is None else group.date))


def count(groups: list[PaperAsks]) -> int:
    return sum(len(group.rows) for group in groups)
