"""Disclosure control: the rules, and their application before anything is rendered.

The rules, once: a figure that counts children is a small count when it is 1 to 5 (as the site
prints it), and is then suppressed with `c`; the figures a row gives are its value, numerator
and denominator; counts are the units "count" and "number". journeys.checks.disclosure refuses
data that breaks them; `protect` applies them at build time.

The validator refuses an unsuppressed small count and a `c` that the other figures in the
file reveal. As a second line of defence the site never publishes a row's other figures
beside a `c`: if any of value, numerator or denominator is suppressed, all of those the row
gives are published as `c` (a percentage with its denominator gives away the numerator, and
so on). Every page, chart, table, search entry and download is made from the protected model.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from journeys.model import Authority
from journeys.model.values import SYMBOL
from journeys.model.vocabulary import SUPPRESSED

SMALL_COUNTS = (1, 2, 3, 4, 5)            # counts of children that are never published
FIGURES = ("value", "numerator", "denominator")  # the figures one row gives
COUNT_UNITS = ("count", "number")


def is_small(number: float) -> bool:
    """A count of 1 to 5, as published (after rounding)."""
    return SMALL_COUNTS[0] <= number <= SMALL_COUNTS[-1]


def protect(authority: Authority) -> Authority:
    """The authority with every figure that sits beside a `c` in its row suppressed too."""
    if "observations" not in authority.tables:
        return authority
    tables = dict(authority.tables)
    tables["observations"] = protect_observations(tables["observations"])
    return replace(authority, tables=tables)


def protect_observations(observations: pd.DataFrame) -> pd.DataFrame:
    table = observations.copy()
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
