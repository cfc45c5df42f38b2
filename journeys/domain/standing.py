"""An indicator's standing against its target and its direction of travel: the rules, once.

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

Figures and targets as the papers state them (journeys.model.values, issue 25). A target is the
levels that meet it: a plain number is met at or beyond it by polarity; "<20" below 20, ">=95" at
95 or above; a range "20-25" anywhere in it and, where higher or lower is better, beyond it on
the better side. "Close to target" (Kent's scorecards) is met at the target, or in its range;
short means outside it, by the distance to its nearest end. Then:
  - a bound (">200") has a standing only when every level it allows has the same one: it
    settles the standing, or the standing is left unsaid;
  - a change with no level ("change -28") has no level: no standing, and no direction;
  - a figure whose period the paper does not state has no standing and no direction: neither
    the target in force nor the figure before it is known.
Direction between a bound and another figure is said only when the levels they allow do not
meet. `Reading.stated` says why a standing or a direction is left unsaid.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from journeys.model.values import BOUND, CHANGE, NUMBER, RANGE, Stated, parse_figure, parse_target
from journeys.model.vocabulary import CLOSE, HIGHER, LOWER, UNSTATED

POLARISED = (HIGHER, LOWER, CLOSE)  # the polarities a target can be met by


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
    """Numbers as the site prints them: each rounded to its decimals (NaN stays NaN), exactly as
    Python's round does it.

    numpy rounds a whole column at once (x * 10**n, to the nearest whole, / 10**n) and agrees with
    Python's round wherever x * 10**n is not within a hair of a half: there its own rounding error
    could tip it, so those few (and any too large for that test) are rounded by Python's round."""
    numbers = np.atleast_1d(np.asarray(numbers, dtype=float))
    decimals = np.broadcast_to(np.asarray(decimals, dtype=object), numbers.shape).ravel()
    codes, distinct = pd.factorize(pd.Series(decimals, dtype=object), use_na_sentinel=False)
    digits = np.array([places(d) for d in distinct], dtype=int)[codes].reshape(numbers.shape)
    found = np.empty_like(numbers)
    for n in np.unique(digits):
        at = digits == n
        values = numbers[at]
        with np.errstate(invalid="ignore"):
            scaled = values * 10.0 ** n
            tipping = np.isfinite(values) & ((np.abs(scaled) > 1e9) | (np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6))
        rounded = np.round(values, int(n))
        rounded[tipping] = [round(value, int(n)) for value in values[tipping].tolist()]
        found[at] = rounded
    return found


def target_levels(target, polarity: str) -> tuple[float, float, bool, bool] | None:
    """The levels that meet a target, (low, high, low end open, high end open), by the module's rule;
    None for no target (NaN, '') or an indicator no target applies to. `target` is its text or a number."""
    if target is None or (isinstance(target, float) and target != target) or polarity not in POLARISED:
        return None
    stated = parse_target(target if isinstance(target, str) else f"{float(target):.15g}")
    if stated is None:
        return None
    low, high = stated.number, stated.high if stated.form == RANGE else stated.number
    if stated.form == BOUND:
        return stated.low_high
    if polarity == HIGHER:
        return low, np.inf, False, True
    if polarity == LOWER:
        return -np.inf, high, True, False
    return low, high, False, False


def target_statuses(values, targets, tolerances, polarities, decimals) -> np.ndarray:
    """The standing of many plain figures at once (see the module's rule): MET, WITHIN, MISSED, or
    None where there is no figure, no target or no polarity. `targets`: texts as written, or numbers."""
    values = published(values, decimals)
    polarities = np.broadcast_to(np.asarray(polarities, dtype=object), values.shape)
    low, high, low_open, high_open, absent = _many_levels(targets, polarities)
    low, high = published(low, decimals), published(high, decimals)
    tolerances = published(np.nan_to_num(np.asarray(tolerances, dtype=float)), decimals)
    with np.errstate(invalid="ignore"):
        met = (((values > low) | ((values == low) & ~low_open.astype(bool)))
               & ((values < high) | ((values == high) & ~high_open.astype(bool))))
        shortfall = published(np.fmax(np.fmax(low - values, values - high), 0), decimals)
    within = (tolerances > 0) & (shortfall <= tolerances)
    statuses = np.where(met, MET, np.where(within, WITHIN, MISSED)).astype(object)
    statuses[absent | np.isnan(values)] = None
    return statuses


def target_status(value: float | None, target, tolerance: float | None, polarity: str, decimals) -> str | None:
    """One figure's standing against its target, by the rule for many (import-xlsx checks a workbook's
    ratings by it, so the scorecard and the site never disagree)."""
    missing = lambda number: np.nan if number is None else number  # noqa: E731
    return target_statuses([missing(value)], [missing(target)], [missing(tolerance)], [polarity], [decimals])[0]


def _many_levels(targets, polarities: np.ndarray):
    """target_levels for many rows at once: each distinct target parsed once (a national site judges
    hundreds of thousands of figures against a few thousand targets), the polarity applied by numpy."""
    column = targets if isinstance(targets, pd.Series) else pd.Series(
        targets if isinstance(targets, np.ndarray) else list(targets))
    codes, distinct = pd.factorize(column)
    parsed = [parse_target(t if isinstance(t, str) else f"{float(t):.15g}") for t in distinct]
    form = np.array([p.form if p else "" for p in parsed] + [""], dtype=object)[codes]
    number = np.array([p.number if p else np.nan for p in parsed] + [np.nan])[codes]
    high_end = np.array([p.high if p else np.nan for p in parsed] + [np.nan])[codes]
    relation = np.array([p.relation if p else "" for p in parsed] + [""], dtype=object)[codes]
    higher, lower, close = polarities == HIGHER, polarities == LOWER, polarities == CLOSE
    ranged, bound = form == RANGE, form == BOUND
    top = np.where(ranged, high_end, number)
    above = bound & np.isin(relation, [">", ">="])
    below = bound & np.isin(relation, ["<", "<="])
    low = np.where(above | (~bound & (higher | close)), number, -np.inf)
    high = np.where(below | (~bound & (lower | close)), top, np.inf)
    low_open = np.where(bound, (relation == ">") | below, lower)
    high_open = np.where(bound, (relation == "<") | above, higher)
    absent = (form == "") | ~(higher | lower | close)
    return low, high, low_open.astype(bool), high_open.astype(bool), absent


def bound_status(figure: Stated, target, tolerance, polarity: str, decimals) -> str | None:
    """A bound's standing when every level it allows has the same one (it settles it); None otherwise.

    The standing changes only at the target's ends and their tolerances, so the bound's own ends,
    those points and the points between them are every standing the bound allows."""
    levels = target_levels(target, polarity)
    if levels is None:
        return None
    low, high, _, _ = figure.low_high
    tolerance = 0.0 if tolerance is None or tolerance != tolerance else float(tolerance)
    edges = {level + shift for level in levels[:2] if np.isfinite(level) for shift in (-tolerance, 0, tolerance)}
    points = sorted({point for point in edges | {low, high} if np.isfinite(point) and low <= point <= high})
    middles = [(a + b) / 2 for a, b in zip(points, points[1:])]
    reach = max(map(abs, points), default=0.0) + 1e6  # beyond every end: stands for an open end's far side
    points += middles + ([-reach] if not np.isfinite(low) else []) + ([reach] if not np.isfinite(high) else [])
    found = set(target_statuses(points, [target] * len(points), [tolerance] * len(points), polarity, decimals))
    return found.pop() if len(found) == 1 else None


def direction(latest, previous, polarity: str, decimals, target=None) -> str | None:
    """Improving, worsening or no change (increasing or decreasing for an activity measure); for
    "close to target", nearer the `target` in force (its text or number) is improving.

    `latest` and `previous` are plain numbers, or Readings (a bound compares only when the levels
    the two allow do not meet; a change, or a period not stated, never compares)."""
    if latest is None or previous is None:
        return None
    if isinstance(latest, Reading) or isinstance(previous, Reading):
        return _reading_direction(latest, previous, polarity, decimals, target)
    now, before = published([latest, previous], decimals)
    change = published(now - before, decimals)[0]
    if change == 0:
        return NO_CHANGE
    moved = INCREASING if change > 0 else DECREASING
    if polarity == CLOSE:
        levels = target_levels(target, polarity)
        if levels is None:
            return moved
        low, high = published(levels[:2], decimals)
        away = published([max(low - value, value - high, 0) for value in (now, before)], decimals)
        return moved if away[0] == away[1] else IMPROVING if away[0] < away[1] else WORSENING
    if polarity not in (HIGHER, LOWER):
        return moved
    return IMPROVING if (change > 0) == (polarity == HIGHER) else WORSENING


def _reading_direction(latest: Reading, previous: Reading, polarity: str, decimals, target) -> str | None:
    if latest.stated in (CHANGE, UNSTATED) or previous.stated in (CHANGE, UNSTATED):
        return None
    if not latest.stated and not previous.stated:
        return direction(latest.number, previous.number, polarity, decimals, target)
    (now_low, now_high), (then_low, then_high) = latest.levels, previous.levels
    if now_low <= then_high and then_low <= now_high:
        return None  # the levels they allow meet: which way it moved is not settled
    up = now_low > then_high
    if polarity in (HIGHER, LOWER):
        return IMPROVING if up == (polarity == HIGHER) else WORSENING
    if polarity == CLOSE:
        return None  # a bound does not say how near its target the figure came
    return INCREASING if up else DECREASING


def better(after: str, before: str) -> bool:
    """Whether a standing is better than another (met before within tolerance before missed)."""
    order = list(STATUSES)
    return order.index(after) < order.index(before)


# --- A figure and a target as the pages name them -------------------------------------------

@dataclass(frozen=True)
class Reading:
    period: str
    label: str
    end: pd.Timestamp
    number: float        # a plain figure; NaN for a bound or a change (`value` says which)
    kind: str = ""       # the kind of period: month, financial year, day ("as at"), rolling, unstated, …
    basis: str = ""      # "" as printed; "deduced" or "inferred" (observations' basis)
    value: str = ""      # the figure as written: 67.8, >200, change -28

    @property
    def figure(self) -> Stated | None:
        return parse_figure(self.value) if self.value else None

    @property
    def stated(self) -> str:
        """'' for a plain figure of a stated period; else why it is not one: BOUND, CHANGE or UNSTATED."""
        if self.kind == UNSTATED:
            return UNSTATED
        form = self.figure.form if self.figure else NUMBER
        return "" if form == NUMBER else form

    @property
    def levels(self) -> tuple[float, float]:
        """The levels it allows, ends included (a bound's edge is treated as reached: never over-claims)."""
        if self.number == self.number:
            return self.number, self.number
        low, high, _, _ = self.figure.low_high if self.figure else (-np.inf, np.inf, True, True)
        return low, high


@dataclass(frozen=True)
class Target:
    label: str
    target: float               # a plain target; NaN for a strict target or a range (`text` says which)
    tolerance: float | None
    kind: str = ""              # the kind of period the target is for
    text: str = ""              # a strict target or a range as written (<20, 20-25); "" for a plain number

    @property
    def written(self) -> str | float:
        """What the standing rules read (target_levels): the text of a strict target or a range, or the number."""
        return self.text or self.target

    @property
    def stated(self) -> Stated | None:
        return parse_target(self.text or f"{self.target:.15g}")
