"""Indicators: each one's latest figure, its standing against target and its direction of travel.

The latest figure is the most recent of the indicator's main kind of period: the kind most of
its figures use (months beside a year to date) or, of kinds with as many, the one reported most
recently. Every page that names an indicator's latest figure names this one. Its standing and
direction follow the rules of journeys.domain.standing (compare at the published decimals;
figures and targets as the papers state them).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from journeys.domain.standing import (  # noqa: F401 (the rules' names, as the pages know them)
    DECREASING,
    POLARISED,
    IMPROVING,
    INCREASING,
    MET,
    MISSED,
    NO_CHANGE,
    STATUSES,
    WITHIN,
    WORSENING,
    Reading,
    Status,
    Target,
    better,
    bound_status,
    direction,
    places,
    published,
    target_levels,
    target_status,
    target_statuses,
)
from journeys.model import Authority
from journeys.model.values import BOUND, CHANGE, NUMBER
from journeys.model.vocabulary import PERIOD_KINDS, UNSTATED


@dataclass(frozen=True)
class IndicatorStatus:
    indicator: dict         # the indicators.csv row, typed
    latest: Reading | None
    previous: Reading | None
    target: Target | None
    status: str | None      # MET, WITHIN or MISSED
    direction: str | None   # IMPROVING, WORSENING, INCREASING, DECREASING or NO_CHANGE

    @property
    def stated(self) -> str:
        """Why the latest figure may leave its standing or direction unsaid: BOUND, CHANGE, UNSTATED, or ''."""
        return self.latest.stated if self.latest is not None else ""

    @property
    def indicator_id(self) -> str:
        return self.indicator["indicator_id"]


def indicator_statuses(authority: Authority) -> list[IndicatorStatus]:
    """Every indicator's standing, in the order of indicators.csv (whole tables at once: a
    national authority has hundreds of indicators)."""
    readings = latest_readings(authority.table("observations"))
    latest = {key: pair[-1] for key, pair in readings.items()}
    targets = targets_in_force(authority.table("targets"), {key: reading.end for key, reading in latest.items()})
    indicators = [_plain(row) for row in authority.table("indicators").to_dict("records")]
    judged = [(row, latest.get(row["indicator_id"]), targets.get(row["indicator_id"])) for row in indicators]
    statuses = target_statuses([r.number if r and t else np.nan for _, r, t in judged],
                               [t.text if r and t else np.nan for _, r, t in judged],
                               [t.tolerance if t and t.tolerance is not None else np.nan for _, _, t in judged],
                               [row["polarity"] for row, _, _ in judged], [row["decimals"] for row, _, _ in judged])
    found = []
    for (row, reading, target), status in zip(judged, statuses):
        pair = readings.get(row["indicator_id"], ())
        previous = pair[0] if len(pair) == 2 else None
        if reading is not None and target is not None and reading.stated == BOUND:
            status = bound_status(reading.figure, target.text, target.tolerance, row["polarity"], row["decimals"])
        elif reading is not None and reading.stated == UNSTATED:
            status = None  # the target in force when the figure was counted is not known
        moved = direction(reading, previous, row["polarity"], row["decimals"], target and target.text)
        found.append(IndicatorStatus(row, reading, previous, target, status, moved))
    return found


STATED_FIGURES = (NUMBER, BOUND, CHANGE)  # what a latest figure may be: not a symbol


def latest_readings(observations: pd.DataFrame) -> dict[str, tuple[Reading, ...]]:
    """indicator_id -> (the figure before the latest, the latest), or just (the latest,), of each
    indicator's main kind of period: the kind most of its figures use (monthly figures beside a
    YTD one); of kinds with as many, the one with the most recent figure (a year's outturn beside
    this year's figure to date: the figure to date); then the shorter kind. A figure is a number,
    a bound or a change as the paper states it; a symbol is not a figure."""
    figures = observations[observations["value_form"].isin(STATED_FIGURES)]
    if figures.empty:
        return {}
    series = figures.merge(main_kinds(figures), on=["indicator_id", "period_kind"])
    series = series.sort_values(["indicator_id", "period_end"], kind="stable").groupby("indicator_id").tail(2)
    found: dict[str, tuple[Reading, ...]] = {}
    for key, period, label, end, number, value, kind in zip(
            series["indicator_id"], series["period"], series["period_label"], series["period_end"],
            series["value_number"], series["value"], series["period_kind"]):
        found[key] = (*found.get(key, ()), Reading(period, label, end, float(number), value, kind))
    return found


def main_kinds(observations: pd.DataFrame) -> pd.DataFrame:
    """Each indicator's main kind of period (indicator_id, period_kind), by the rule above."""
    figures = observations[observations["value_form"].isin(STATED_FIGURES)]
    kinds = figures.groupby(["indicator_id", "period_kind"], sort=False)["period_end"].agg(["size", "max"])
    kinds = kinds.reset_index()
    kinds["order"] = kinds["period_kind"].map({kind: i for i, kind in enumerate(PERIOD_KINDS)}).fillna(99)
    main = kinds.sort_values(["size", "max", "order"], ascending=[False, False, True], kind="stable")
    return main.drop_duplicates("indicator_id")[["indicator_id", "period_kind"]]


def targets_in_force(targets: pd.DataFrame, days: dict[str, pd.Timestamp]) -> dict[str, Target]:
    """indicator_id -> the target whose period contains that indicator's day (targets may not overlap)."""
    if targets.empty or not days:
        return {}
    wanted = pd.DataFrame({"indicator_id": list(days), "day": list(days.values())})
    rows = targets.reset_index(drop=True).reset_index().merge(wanted, on="indicator_id")
    rows = rows[(rows["period_start"] <= rows["day"]) & (rows["day"] <= rows["period_end"])]
    rows = rows.sort_values("index").drop_duplicates("indicator_id", keep="last")
    return {key: _target(label, text, target, tolerance)
            for key, label, text, target, tolerance in zip(rows["indicator_id"], rows["period_label"], rows["target"],
                                                           rows["target_number"], rows["tolerance_number"])}


def _target(label: str, text: str, target: float, tolerance: float) -> Target:
    return Target(label, float(target), None if pd.isna(tolerance) else float(tolerance), str(text))


def target_lookup(targets: pd.DataFrame):
    """A function day -> Target | None, for looking up many days against one indicator's targets."""
    spans = [(r["period_start"], r["period_end"],
              _target(r["period_label"], r["target"], r["target_number"], r["tolerance_number"]))
             for r in targets.to_dict("records")]

    def lookup(day: pd.Timestamp) -> Target | None:
        return next((target for start, end, target in reversed(spans) if start <= day <= end), None)
    return lookup


def _plain(row: dict) -> dict:
    # pandas' NA in an empty integer cell cannot be compared (NA == NA is NA, not True), so a
    # Summary holding it could not be compared either: an empty cell is None.
    return {key: None if value is pd.NA else value for key, value in row.items()}


def gaps(observations: pd.DataFrame) -> pd.DataFrame:
    """Periods the indicator reports with a symbol instead of a figure."""
    return observations[observations["value_form"] == "symbol"].sort_values("period_end")


def not_drawn(observations: pd.DataFrame) -> pd.DataFrame:
    """Figures a chart leaves out though the paper gives them: bounds and changes (never a plain
    figure), and figures whose period is not stated (their time is not known)."""
    stated = observations["value_form"].isin(STATED_FIGURES)
    left = stated & ((observations["value_form"] != NUMBER) | (observations["period_kind"] == UNSTATED))
    return observations[left].sort_values("period_end")


NO_THEME = "Other indicators"


def theme_order(themes: pd.DataFrame) -> dict[str, tuple[int, str]]:
    """theme_id -> (its place in the plan's order, its title): indicators are grouped by theme in
    this order, and one with no theme (or an unknown one) comes last, under NO_THEME."""
    ordered = themes.sort_values("order", kind="stable")
    return {theme_id: (place, title) for place, (theme_id, title)
            in enumerate(zip(ordered["theme_id"], ordered["title"]))}


def theme_of(indicator: dict, order: dict[str, tuple[int, str]]) -> tuple[int, str]:
    """The indicator's theme as (place, title), from theme_order()."""
    return order.get(indicator.get("theme_id"), (len(order), NO_THEME))


@dataclass(frozen=True)
class Directions:
    """The indicators whose latest figure moved, by polarity: improving or worsening since their
    previous comparable figure, in the indicators' order. The overview lists them; the home page counts them.
    `unsettled`: those whose latest figure, a bound, a change or of a period not stated, leaves it unsaid."""
    moving: tuple[IndicatorStatus, ...]
    unsettled: tuple[IndicatorStatus, ...] = ()

    @property
    def improving(self) -> int:
        return sum(status.direction == IMPROVING for status in self.moving)

    @property
    def worsening(self) -> int:
        return sum(status.direction == WORSENING for status in self.moving)


def directions(statuses) -> Directions:
    return Directions(tuple(status for status in statuses if status.direction in (IMPROVING, WORSENING)),
                      tuple(status for status in statuses if status.direction is None and status.stated
                            and status.indicator.get("polarity") in POLARISED))
