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
from journeys.domain.dates import Staleness, as_at, staleness
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
    later_target: Target | None = None    # with no target for the latest figure: the next one set (or the first)
    earlier_target: Target | None = None  # … and with none later: the last one set before it
    stale: Staleness | None = None      # the latest figure is much older than the authority's papers (dates.as_at)

    @property
    def stated(self) -> str:
        """Why the latest figure may leave its standing or direction unsaid: BOUND, CHANGE, UNSTATED, or ''."""
        return self.latest.stated if self.latest is not None else ""

    @property
    def indicator_id(self) -> str:
        return self.indicator["indicator_id"]


def indicator_statuses(authority: Authority) -> list[IndicatorStatus]:
    """Every indicator's standing, in the order of indicators.csv (whole tables at once: a
    national authority has hundreds of indicators). How old each latest figure is, is measured
    against the authority's "as at" (dates.as_at: its latest paper with figures)."""
    readings = latest_readings(authority.table("observations"))
    latest = {key: pair[-1] for key, pair in readings.items()}
    targets = targets_in_force(authority.table("targets"), {key: reading.end for key, reading in latest.items()})
    later, earlier = other_targets(authority.table("targets"), {key: reading.end for key, reading in latest.items()})
    papers = as_at(authority)
    indicators = [_plain(row) for row in authority.table("indicators").to_dict("records")]
    judged = [(row, latest.get(row["indicator_id"]), targets.get(row["indicator_id"])) for row in indicators]
    statuses = target_statuses([r.number if r and t else np.nan for _, r, t in judged],
                               [t.written if r and t else np.nan for _, r, t in judged],
                               [t.tolerance if t and t.tolerance is not None else np.nan for _, _, t in judged],
                               [row["polarity"] for row, _, _ in judged], [row["decimals"] for row, _, _ in judged])
    found = []
    for (row, reading, target), status in zip(judged, statuses):
        key = row["indicator_id"]
        pair = readings.get(key, ())
        previous = pair[0] if len(pair) == 2 else None
        if reading is not None and target is not None and reading.stated == BOUND:
            status = bound_status(reading.figure, target.written, target.tolerance, row["polarity"], row["decimals"])
        elif reading is not None and reading.stated == UNSTATED:
            status = None  # the target in force when the figure was counted is not known
        moved = direction(reading, previous, row["polarity"], row["decimals"], target and target.written)
        found.append(IndicatorStatus(row, reading, previous, target, status, moved,
                                     None if target else later.get(key),
                                     None if target or key in later else earlier.get(key),
                                     staleness(reading.end, papers) if reading else None))
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
    for key, period, label, end, number, value, kind, basis in zip(
            series["indicator_id"], series["period"], series["period_label"], series["period_end"],
            series["value_number"], series["value"], series["period_kind"], series["basis"]):
        found[key] = (*found.get(key, ()), Reading(period, label, end, float(number), kind, basis, value))
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
    return _targets(rows)


def other_targets(targets: pd.DataFrame, days: dict[str, pd.Timestamp]) -> tuple[dict[str, Target], dict[str, Target]]:
    """For what a page says instead of "none set" when the latest figure has no target but the
    indicator has others (a target for March 2019 beside a figure for September 2018):
    indicator_id -> its first target for a period ending after that indicator's day (the latest
    figure's; any target, for an indicator with no figure), and -> its last target ending before."""
    if targets.empty:
        return {}, {}
    rows = targets[targets["target_form"] != ""].sort_values(["period_end", "period_start"], kind="stable")
    day = pd.to_datetime(rows["indicator_id"].map(days))  # all NaN (no figures) would be floats
    after = day.isna() | (rows["period_end"] > day)  # an indicator with no figure: every target is after
    return (_targets(rows[after].drop_duplicates("indicator_id", keep="first")),
            _targets(rows[~after].drop_duplicates("indicator_id", keep="last")))


def _targets(rows: pd.DataFrame) -> dict[str, Target]:
    return {key: _target(label, text, target, tolerance, kind) for key, label, text, target, tolerance, kind in zip(
        rows["indicator_id"], rows["period_label"], rows["target"], rows["target_number"], rows["tolerance_number"],
        rows["period_kind"])}


def _target(label: str, text: str, target: float, tolerance: float, kind: str = "") -> Target:
    """A target as the pages name it: its number, or (a strict target or a range) its text as written."""
    plain = not pd.isna(target)
    return Target(label, float(target), None if pd.isna(tolerance) else float(tolerance), kind,
                  "" if plain else str(text))


def target_lookup(targets: pd.DataFrame):
    """A function day -> Target | None, for looking up many days against one indicator's targets."""
    spans = [(r["period_start"], r["period_end"],
              _target(r["period_label"], r["target"], r["target_number"], r["tolerance_number"], r["period_kind"]))
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


def not_printed(observations: pd.DataFrame) -> pd.DataFrame:
    """Figures the papers do not print as they are (basis deduced or inferred), in time order."""
    return observations[(observations["basis"] != "") & observations["value_number"].notna()].sort_values(
        "period_end", kind="stable")


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
    previous comparable figure, in the indicators' order. The overview lists them; the home page
    counts them, and how many of each are old figures (IndicatorStatus.stale).
    `unsettled`: those whose latest figure, a bound, a change or of a period not stated, leaves it unsaid."""
    moving: tuple[IndicatorStatus, ...]
    unsettled: tuple[IndicatorStatus, ...] = ()

    @property
    def improving(self) -> int:
        return sum(status.direction == IMPROVING for status in self.moving)

    @property
    def worsening(self) -> int:
        return sum(status.direction == WORSENING for status in self.moving)

    @property
    def improving_old(self) -> int:
        return sum(status.direction == IMPROVING and status.stale is not None for status in self.moving)

    @property
    def worsening_old(self) -> int:
        return sum(status.direction == WORSENING and status.stale is not None for status in self.moving)


def directions(statuses) -> Directions:
    return Directions(tuple(status for status in statuses if status.direction in (IMPROVING, WORSENING)),
                      tuple(status for status in statuses if status.direction is None and status.stated
                            and status.indicator.get("polarity") in POLARISED))
