"""Disclosure control: the rules, and their application before anything is rendered.

The rules, once, following the GSS and DfE guidance on small numbers:
- a figure that counts children is a small count when it is 1 to 5 (as the site prints it), and
  is then suppressed with `c`; so is any figure it could be worked out from ("secondary
  suppression");
- the figures a row gives are its value, numerator and denominator; counts are the units
  "count" and "number"; a rate counts children per 100 (a percentage) or per 10,000 of its
  denominator, so a rate with a denominator gives a count of children too (`children_in`);
- every table of figures about children is held to them: observations, and comparators (a
  comparator's value for a count of children is a count of children).
journeys.checks.disclosure refuses data that breaks them (with journeys.domain.differencing for
sums of periods and parts, and journeys.domain.written_numbers for numbers in notes); `protect`
applies them at build time.

As a second line of defence the site never publishes a row's other figures beside a `c`: if any
of value, numerator or denominator is suppressed, all of those the row gives are published as
`c` (a percentage with its denominator gives away the numerator, and so on); and a count of 1 to
5 children that reached the model unsuppressed is published as `c`. Every page, chart, table,
search entry and download is made from the protected model.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd

from journeys.model import Authority
from journeys.model.values import SYMBOL
from journeys.model.vocabulary import SUPPRESSED

SMALL_COUNTS = (1, 2, 3, 4, 5)            # counts of children that are never published
FIGURES = ("value", "numerator", "denominator")  # the figures one row gives
COUNT_UNITS = ("count", "number")
PER = {"percentage": 100, "rate per 10,000 children": 10_000}  # a rate's children per so many of its denominator


def is_small(number: float) -> bool:
    """A count of 1 to 5, as published (after rounding)."""
    return SMALL_COUNTS[0] <= number <= SMALL_COUNTS[-1]


def children_in(rate: float, places: int, denominator: float, per: int) -> str | None:
    """The small count a published rate gives away of its denominator, in words, or None.

    The rate is read as published (rounded to `places`), so the count it stands for lies in an
    interval: it is given away when every whole number in that interval is 1 to 5 (7.5% of 40 is
    3), and, for a percentage, when every whole number left over is (97.5% of 40 leaves 1 child).
    """
    half_step = 0.5 * 10.0 ** -int(places)
    low, high = (rate - half_step) * denominator / per, (rate + half_step) * denominator / per
    counts = range(math.ceil(low - 1e-9), math.floor(high + 1e-9) + 1)
    if counts and all(is_small(whole) for whole in counts):
        return " or ".join(map(str, counts))
    if per == PER["percentage"]:
        rest = [int(denominator) - whole for whole in reversed(counts)] if float(denominator).is_integer() else []
        if rest and all(is_small(whole) for whole in rest):
            return f"{' or '.join(map(str, rest))} (the rest of the {denominator:g})"
    return None


def protect(authority: Authority) -> Authority:
    """The authority with every figure that sits beside a `c` in its row suppressed too, and any
    small count of children that reached it unsuppressed (in observations or comparators) suppressed."""
    tables = dict(authority.tables)
    counts, children = _counting_children(authority)
    if "observations" in tables:
        tables["observations"] = protect_observations(tables["observations"], counts, children)
    if "comparators" in tables:
        tables["comparators"] = _suppress_small(tables["comparators"].copy(), "value", counts)
    return replace(authority, tables=tables)


def protect_observations(observations: pd.DataFrame, counts: set[str] = frozenset(),
                         children: set[str] = frozenset()) -> pd.DataFrame:
    """Observations with small counts of children suppressed (values of `counts`, numerators and
    denominators of `children`), then every figure beside a `c` in its row."""
    table = observations.copy()
    for column, indicators in (("value", counts), ("numerator", children), ("denominator", children)):
        _suppress_small(table, column, indicators)
    present = [column for column in FIGURES if column in table]
    suppressed_row = np.logical_or.reduce([table[column] == SUPPRESSED for column in present])
    for column in present:
        given = suppressed_row & (table[column] != "")
        table.loc[given, column] = SUPPRESSED
        if f"{column}_number" in table:
            table.loc[given, f"{column}_number"] = np.nan
        if f"{column}_form" in table:  # a bound or a change beside a c is a c too
            table.loc[given, f"{column}_form"] = SYMBOL
    return table


def _counting_children(authority: Authority) -> tuple[set[str], set[str]]:
    """Indicators whose value is a count of children, and indicators about children at all."""
    indicators = authority.tables.get("indicators")
    if indicators is None or not {"indicator_id", "unit", "counts_children"} <= set(indicators):
        return set(), set()
    children = indicators["counts_children"].astype(bool)
    counting = indicators["unit"].isin(COUNT_UNITS) & children
    return set(indicators.loc[counting, "indicator_id"]), set(indicators.loc[children, "indicator_id"])


def _suppress_small(table: pd.DataFrame, column: str, indicators: set[str]) -> pd.DataFrame:
    """A column's figures of these indicators that would be printed as 1 to 5, suppressed."""
    numbers = f"{column}_number"
    if not indicators or column not in table or numbers not in table or "indicator_id" not in table:
        return table
    rows = (table[numbers] >= 0.5) & (table[numbers] < SMALL_COUNTS[-1] + 0.5) & table["indicator_id"].isin(indicators)
    table.loc[rows, column] = SUPPRESSED
    table.loc[rows, numbers] = np.nan
    return table
