"""A chart's data: an authority's tables as the plain records a chart's datasets hold.

The tables become plain records once per authority (vectorised), grouped by indicator in
Python: filling one chart (journeys.outputs.charts) touches no DataFrame. Figures as the papers
state them are kept out here: a bound or a change is never drawn as a plain figure, nor a figure
whose period is not stated; a target is drawn at its number, a strict target at its edge, a
range at both ends, with the tolerance on the side a figure falls short on.
"""

from __future__ import annotations

import pandas as pd

from journeys.model import Authority
from journeys.model.values import NUMBER, RANGE, SYMBOL, parse_target
from journeys.model.vocabulary import CLOSE, HIGHER, NO_POLARITY, UNSTATED

TOLERANCE = "Within tolerance of target"


def comparator_label(comparator: str, statistic: str, area: str = "") -> str:
    name = area or comparator[:1].upper() + comparator[1:]  # another authority is shown by its name
    return f"{name} ({statistic})" if statistic in ("mean", "median") else name


def tolerance_bands(targets: list[dict], polarity: str) -> list[dict]:
    """Between the target and the tolerance: the amber zone, on the side a figure falls short on
    (both sides of a "close to target" target; outside a range's ends)."""
    bands = []
    for row in targets:
        if row["tolerance"] is None or polarity == NO_POLARITY:
            continue
        side = row.get("side", "")
        short = {"low": (-1,), "high": (1,), "": (-1, 1)} if polarity == CLOSE else (
            {"low": (-1,), "high": (), "": (-1,)} if polarity == HIGHER else {"low": (), "high": (1,), "": (1,)})
        for sign in short[side]:
            edge = row["value"] + sign * row["tolerance"]
            bands.append({"start": row["start"], "end": row["end"], "low": min(edge, row["value"]),
                          "high": max(edge, row["value"]), "label": TOLERANCE})
    return bands


def days(column: pd.Series) -> list[str]:
    """Timestamps as ISO days, vectorised (strftime per value is far slower)."""
    return column.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype(str).tolist()


def numbers(column: pd.Series) -> list[float | None]:
    return [None if value != value else float(value) for value in column.tolist()]


def grouped(table: pd.DataFrame, **fields: list) -> dict[str, list[dict]]:
    """indicator_id -> rows as plain dicts (period midpoint, start, end, and `fields`), in time order."""
    if table.empty:
        return {}
    start, end = table["period_start"], table["period_end"]
    columns = {"date": days(start + (end - start) / 2), "start": days(start), "end": days(end), **fields}
    names = list(columns)
    order = sorted(range(len(table)), key=end.tolist().__getitem__)
    ids, values = table["indicator_id"].tolist(), list(columns.values())
    groups: dict[str, list[dict]] = {}
    for i in order:
        groups.setdefault(ids[i], []).append({name: column[i] for name, column in zip(names, values)})
    return groups


def observation_rows(authority: Authority) -> dict[str, list[dict]]:
    """The figures a chart draws, and the symbols it marks: never a bound or a change (drawn, they
    would read as plain figures), nor a figure whose period is not stated (its time is not known).
    The chart's summary names what is left out (journeys.domain.figures.not_drawn)."""
    table = authority.tables.get("observations")
    if table is None or table.empty:
        return {}
    table = table[table["value_form"].isin([NUMBER, SYMBOL]) & (table["period_kind"] != UNSTATED)]
    figures = numbers(table["value_number"])
    symbols = [symbol if number is None else None for symbol, number in zip(table["value"].tolist(), figures)]
    return grouped(table, value=figures, kind=table["period_kind"].tolist(), symbol=symbols,
                    basis=table["basis"].tolist())


def target_rows(authority: Authority) -> dict[str, list[dict]]:
    """A target's line at its number: a strict target's at its edge, a range's at both ends."""
    table = authority.tables.get("targets")
    if table is None or table.empty:
        return {}
    stated = [parse_target(text) for text in table["target"].tolist()]
    lines = [[] if t is None else [(t.number, "low"), (t.high, "high")] if t.form == RANGE else [(t.number, "")]
             for t in stated]
    table = table.assign(line=lines).explode("line").dropna(subset=["line"])
    return grouped(table, value=[value for value, _ in table["line"]], tolerance=numbers(table["tolerance_number"]),
                    side=[side for _, side in table["line"]])


def comparator_rows(authority: Authority) -> dict[str, list[dict]]:
    table = authority.tables.get("comparators")
    if table is None or table.empty:
        return {}
    series = [comparator_label(c, s, a) for c, s, a in zip(table["comparator"], table["statistic"], table["area"])]
    return grouped(table, value=numbers(table["value_number"]), series=series,
                    comparator=table["comparator"].tolist())
