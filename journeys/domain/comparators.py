"""Comparators beside an indicator's latest figure: each comparator's own latest figure."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from journeys.model import Authority


@dataclass(frozen=True)
class ComparatorFigure:
    comparator: str     # England, statistical neighbours, region, top quartile, another authority
    statistic: str      # value, mean, median
    area: str           # the other authority's or region's name, when the paper gives it
    period_label: str
    value: str          # as published: a number or a GSS symbol
    number: float | None
    source: str
    source_section: str


def latest_comparators(authority: Authority) -> dict[str, tuple[ComparatorFigure, ...]]:
    """indicator_id -> the latest figure of each of its comparators (by period end), in the order
    the comparators first appear in comparators.csv."""
    table = authority.table("comparators").dropna(subset=["period_end"])
    if table.empty:
        return {}
    table = table.reset_index(drop=True).reset_index()
    keys = ["indicator_id", "comparator", "statistic", "area"]
    order = table.groupby(keys, sort=False)["index"].min().rename("first")
    latest = table.sort_values(["period_end", "index"], kind="stable").drop_duplicates(keys, keep="last")
    latest = latest.merge(order.reset_index(), on=keys).sort_values("first", kind="stable")
    found: dict[str, tuple[ComparatorFigure, ...]] = {}
    for row in latest.to_dict("records"):
        number = None if pd.isna(row["value_number"]) else float(row["value_number"])
        figure = ComparatorFigure(row["comparator"], row["statistic"], row["area"], row["period_label"], row["value"],
                                  number, row["source"], row["source_section"])
        found[row["indicator_id"]] = (*found.get(row["indicator_id"], ()), figure)
    return found
