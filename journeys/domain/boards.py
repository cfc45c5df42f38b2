"""Improvement board updates (issue 15): the latest update's key messages and risks, worked out
once from the model for the overview (and anything else that shows them). Pure."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from journeys.model import Authority

KIND_ORDER = ("key message", "risk", "progress", "decision", "next step")


@dataclass(frozen=True)
class BoardMessage:
    kind: str
    message: str
    source: str
    source_section: str
    note: str


@dataclass(frozen=True)
class BoardUpdate:
    board: str
    date_label: str        # as precise as the paper: "March 2019", never an invented day
    first_day: pd.Timestamp
    messages: tuple[BoardMessage, ...]


def board_updates(authority: Authority) -> list[BoardUpdate]:
    """Every board update, oldest first; an update is one board on one date."""
    table = authority.table("board_updates")
    if table.empty:
        return []
    ordered = table.sort_values(["date_date", "date_last"], kind="stable")
    updates = []
    for (_, board, label), rows in ordered.groupby(["date_date", "board", "date_label"], sort=False):
        rank = {kind: i for i, kind in enumerate(KIND_ORDER)}
        records = sorted(rows.to_dict("records"), key=lambda r: rank.get(r["kind"], len(rank)))
        updates.append(BoardUpdate(board, label, rows["date_date"].iloc[0], tuple(
            BoardMessage(r["kind"], r["message"], r["source"], r["source_section"], r["note"]) for r in records)))
    return updates


def latest_board_update(authority: Authority) -> BoardUpdate | None:
    updates = board_updates(authority)
    return updates[-1] if updates else None
