"""Indicators: each one's latest figure, its standing against target and its direction of travel.

The latest figure is the most recent of the indicator's main kind of period: the kind most of
its figures use (months beside a year to date) or, of kinds with as many, the one reported most
recently. Every page that names an indicator's latest figure names this one.

One rounding rule for both, so that what a page says agrees with the figures it prints:
**compare at the indicator's published decimals.** The value, the target and the tolerance are
each rounded to the indicator's `decimals` (as the site prints them: Python's round, which
rounds the exact binary value half to even, like format()), and so is their difference. Then:

  met               the value is at or beyond the target (by polarity);
  within tolerance  it falls short by no more than the tolerance (a shortfall equal to the
                    tolerance is within it; no tolerance given counts as 0);
  missed            it falls short by more.

Higher is better, 64.8 against 65.0 with tolerance 0.2: short by 0.2, within tolerance.
Direction compares the latest figure with the one before it (same kind of period), both
rounded the same way: equal as printed is "no change". Activity measures (polarity none)
have no target status, and their direction is increasing or decreasing, never better or worse.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from journeys.domain.dates import Staleness, as_at, staleness
from journeys.model import Authority
from journeys.model.vocabulary import HIGHER, LOWER, PERIOD_KINDS


@dataclass(frozen=True)
class Status:
    """How a standing against target is worded: on pages, in "What changed" and in feeds."""
    words: str     # "Met target": the tag on indicator pages and the overview
    rag: str       # "Green": the RAG it is, as "What changed" names it
    phrase: str    # "on target": what that RAG means, after it


MET, WITHIN, MISSED = "met", "within tolerance", "missed"
STATUSES = {  # best first
    MET: Status("Met target", "Green", "on target"),
    WITHIN: Status("Within tolerance", "Amber", "within tolerance"),
    MISSED: Status("Missed target", "Red", "off target"),
}
IMPROVING, WORSENING, INCREASING, DECREASING, NO_CHANGE = (
    "improving", "worsening", "increasing", "decreasing", "no change")


def places(decimals) -> int:
    """An indicator's decimals as a number of places (none given: whole numbers)."""
    return 0 if decimals is None or pd.isna(decimals) else int(decimals)


def published(numbers, decimals) -> np.ndarray:
    """Numbers as the site prints them: each rounded to its decimals (NaN stays NaN)."""
    numbers = np.atleast_1d(np.asarray(numbers, dtype=float))
    decimals = np.broadcast_to(np.asarray(decimals, dtype=object), numbers.shape)
    return np.array([round(number, places(d)) if number == number else number
                     for number, d in zip(numbers.tolist(), decimals.tolist())], dtype=float)


def target_statuses(values, targets, tolerances, polarities, decimals) -> np.ndarray:
    """The standing of many figures at once (see the module's rule): MET, WITHIN, MISSED, or
    None where there is no figure, no target or no polarity."""
    values, targets = published(values, decimals), published(targets, decimals)
    tolerances = published(np.nan_to_num(np.asarray(tolerances, dtype=float)), decimals)
    polarities = np.broadcast_to(np.asarray(polarities, dtype=object), values.shape)
    shortfall = published(np.where(polarities == LOWER, values - targets, targets - values), decimals)
    statuses = np.where(shortfall <= 0, MET, np.where(shortfall <= tolerances, WITHIN, MISSED)).astype(object)
    statuses[~np.isin(polarities, [HIGHER, LOWER]) | np.isnan(values) | np.isnan(targets)] = None
    return statuses


def target_status(value: float | None, target: float | None, tolerance: float | None, polarity: str,
                  decimals) -> str | None:
    """One figure's standing against its target, by the rule for many (import-xlsx checks a workbook's
    ratings by it, so the scorecard and the site never disagree)."""
    missing = lambda number: np.nan if number is None else number  # noqa: E731
    return target_statuses([missing(value)], [missing(target)], [missing(tolerance)], [polarity], [decimals])[0]


def direction(latest: float | None, previous: float | None, polarity: str, decimals) -> str | None:
    """Improving, worsening or no change (increasing or decreasing for an activity measure)."""
    if latest is None or previous is None:
        return None
    now, before = published([latest, previous], decimals)
    change = published(now - before, decimals)[0]
    if change == 0:
        return NO_CHANGE
    if polarity not in (HIGHER, LOWER):
        return INCREASING if change > 0 else DECREASING
    return IMPROVING if (change > 0) == (polarity == HIGHER) else WORSENING


def better(after: str, before: str) -> bool:
    """Whether a standing is better than another (met before within tolerance before missed)."""
    order = list(STATUSES)
    return order.index(after) < order.index(before)


# --- Each indicator's standing ------------------------------------------------------------------

@dataclass(frozen=True)
class Reading:
    period: str
    label: str
    end: pd.Timestamp
    number: float
    kind: str = ""          # the kind of period: month, financial year, day ("as at"), …
    basis: str = ""         # "" as printed; "deduced" or "inferred" (observations' basis)


@dataclass(frozen=True)
class Target:
    label: str
    target: float
    tolerance: float | None
    kind: str = ""          # the kind of period the target is for


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
                               [t.target if r and t else np.nan for _, r, t in judged],
                               [t.tolerance if t and t.tolerance is not None else np.nan for _, _, t in judged],
                               [row["polarity"] for row, _, _ in judged], [row["decimals"] for row, _, _ in judged])
    found = []
    for (row, reading, target), status in zip(judged, statuses):
        key = row["indicator_id"]
        pair = readings.get(key, ())
        previous = pair[0] if len(pair) == 2 else None
        moved = direction(reading and reading.number, previous and previous.number, row["polarity"], row["decimals"])
        found.append(IndicatorStatus(row, reading, previous, target, status, moved,
                                     None if target else later.get(key),
                                     None if target or key in later else earlier.get(key),
                                     staleness(reading.end, papers) if reading else None))
    return found


def latest_readings(observations: pd.DataFrame) -> dict[str, tuple[Reading, ...]]:
    """indicator_id -> (the figure before the latest, the latest), or just (the latest,), of each
    indicator's main kind of period: the kind most of its figures use (monthly figures beside a
    YTD one); of kinds with as many, the one with the most recent figure (a year's outturn beside
    this year's figure to date: the figure to date); then the shorter kind."""
    figures = observations[observations["value_number"].notna()]
    if figures.empty:
        return {}
    series = figures.merge(main_kinds(figures), on=["indicator_id", "period_kind"])
    series = series.sort_values(["indicator_id", "period_end"], kind="stable").groupby("indicator_id").tail(2)
    found: dict[str, tuple[Reading, ...]] = {}
    for key, period, label, end, number, kind, basis in zip(
            series["indicator_id"], series["period"], series["period_label"], series["period_end"],
            series["value_number"], series["period_kind"], series["basis"]):
        found[key] = (*found.get(key, ()), Reading(period, label, end, float(number), kind, basis))
    return found


def main_kinds(observations: pd.DataFrame) -> pd.DataFrame:
    """Each indicator's main kind of period (indicator_id, period_kind), by the rule above."""
    figures = observations[observations["value_number"].notna()]
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
    rows = targets[targets["target_number"].notna()].sort_values(["period_end", "period_start"], kind="stable")
    after = rows["period_end"] > rows["indicator_id"].map(days).fillna(pd.Timestamp.min)
    return (_targets(rows[after].drop_duplicates("indicator_id", keep="first")),
            _targets(rows[~after].drop_duplicates("indicator_id", keep="last")))


def _targets(rows: pd.DataFrame) -> dict[str, Target]:
    return {key: _target(label, target, tolerance, kind) for key, label, target, tolerance, kind in zip(
        rows["indicator_id"], rows["period_label"], rows["target_number"], rows["tolerance_number"],
        rows["period_kind"])}


def _target(label: str, target, tolerance, kind: str) -> Target:
    return Target(label, float(target), None if pd.isna(tolerance) else float(tolerance), kind)


def target_lookup(targets: pd.DataFrame):
    """A function day -> Target | None, for looking up many days against one indicator's targets."""
    spans = [(r["period_start"], r["period_end"],
              _target(r["period_label"], r["target_number"], r["tolerance_number"], r["period_kind"]))
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
    return observations[observations["value_number"].isna()].sort_values("period_end")


def not_printed(observations: pd.DataFrame) -> pd.DataFrame:
    """Figures the papers do not print as they are (basis deduced or inferred), in time order."""
    return observations[(observations["basis"] != "") & observations["value_number"].notna()].sort_values(
        "period_end", kind="stable")


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
    counts them, and how many of each are old figures (IndicatorStatus.stale)."""
    moving: tuple[IndicatorStatus, ...]

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
    return Directions(tuple(status for status in statuses if status.direction in (IMPROVING, WORSENING)))
