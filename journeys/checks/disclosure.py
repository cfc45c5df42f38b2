"""Disclosure control: no count of 1 to 5 children is published, or can be worked out from what is.

Following the GSS guidance on small numbers, a figure that counts children is suppressed (`c`)
when it is 1 to 5, and then the figures it can be worked out from are suppressed too
("secondary suppression"). The standard knows three ways figures relate, and checks each:
- one row's value, numerator and denominator (a percentage of a published denominator);
- a month and the financial year-to-date figures around it (YTD m = YTD m-1 + month m);
- parts and their total, where parts.csv says which indicators add up to which;
- the published value itself: 4.6 children shown with no decimals is "5";
- a bound or a change (issue 25): "<4" children says 0 to 3, and "change -3" after 7 says 4.
A note beside a `c` must not give the number away either. Data that breaks a rule is refused
with a problem that says what to suppress; journeys/domain/disclosure.py is the second line
of defence at build time.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

import numpy as np

from journeys.checks.common import Tables
from journeys.checks.rules import Columns, columns, key_map
from journeys.domain import figures
from journeys.domain.disclosure import COUNT_UNITS, SMALL_COUNTS, is_small
from journeys.domain.disclosure import FIGURES as TRIO
from journeys.model.periods import parse_period
from journeys.model.problems import Problem, problem
from journeys.model.values import BOUND, CHANGE, parse_figure
from journeys.model.vocabulary import SUPPRESSED


def check_disclosure(tables: Tables) -> list[Problem]:
    problems = []
    for rule in (check_small_counts, check_published_small_counts, check_derivable_suppression,
                 check_percentage_numerators, check_year_to_date, check_parts_and_totals, check_notes,
                 check_stated_counts):
        problems += rule(tables)
    return problems


def published(number: float, decimals: int) -> float:
    """A number as the site shows it: the domain's one rounding rule (journeys.domain.figures)."""
    return float(figures.published(number, decimals)[0])


def _decimals(tables: Tables, observations: Columns) -> np.ndarray:
    places = key_map(tables, "indicators", "indicator_id", "decimals") or {}
    as_int = {key: int(value) if value.strip().isdigit() else 0 for key, value in places.items()}
    return observations.lookup("indicator_id", as_int, 0).astype(int)


def _scope(tables: Tables, observations: Columns) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Per row: counts children; is a count; is a percentage (None if indicators.csv lacks the columns)."""
    counts = key_map(tables, "indicators", "indicator_id", "counts_children")
    units = key_map(tables, "indicators", "indicator_id", "unit")
    if counts is None or units is None:
        return None
    children = observations.lookup("indicator_id", counts) == "yes"
    unit = observations.lookup("indicator_id", units)
    return children, np.isin(unit, COUNT_UNITS), unit == "percentage"


def check_small_counts(tables: Tables) -> list[Problem]:
    """Counts of 1 to 5 children must be suppressed: the value of a count, any numerator or denominator."""
    observations = columns(tables, "observations", "indicator_id")
    scope = _scope(tables, observations) if observations is not None else None
    if scope is None:
        return []
    children, is_count, _ = scope
    cells, problems = tables["observations"].cells, []
    for column, rows in (("value", children & is_count), ("numerator", children), ("denominator", children)):
        if column in cells and rows.any():
            small = rows & np.isin(observations.numbers(column), SMALL_COUNTS)
            problems += [problem("small-count", observations.file, int(observations.rows[i]), column,
                                 cells[column][i]) for i in np.flatnonzero(small)]
    return problems


def check_published_small_counts(tables: Tables) -> list[Problem]:
    """A count that the site's rounding turns into 1 to 5 (4.6 with no decimals is "5"; 0.96 with one, "1.0")."""
    observations = columns(tables, "observations", "indicator_id", "value")
    scope = _scope(tables, observations) if observations is not None else None
    if scope is None:
        return []
    children, is_count, _ = scope
    numbers, places = observations.numbers("value"), _decimals(tables, observations)
    near = children & is_count & (numbers > 0) & (numbers < 6) & ~np.isin(numbers, SMALL_COUNTS)
    problems = []
    for i in np.flatnonzero(near):
        shown = published(numbers[i], int(places[i]))
        if is_small(shown):
            problems.append(problem("small-count-rounded", observations.file, int(observations.rows[i]), "value",
                                    observations["value"][i], shown=f"{shown:.{places[i]}f}",
                                    decimals=int(places[i])))
    return problems


def check_derivable_suppression(tables: Tables) -> list[Problem]:
    """A suppressed figure is no secret if the other two of value, numerator, denominator are given."""
    observations = columns(tables, "observations", *TRIO)
    if observations is None:
        return []
    given = {column: ~np.isnan(observations.numbers(column)) for column in TRIO}
    problems = []
    for column in TRIO:
        others = [other for other in TRIO if other != column]
        derivable = (observations[column] == SUPPRESSED) & given[others[0]] & given[others[1]]
        empty = "the numerator and denominator" if column == "value" else f"the {others[-1]}"
        problems += [problem("suppression-derivable", observations.file, int(observations.rows[i]), column, SUPPRESSED,
                             others=" and ".join(others), empty=empty) for i in np.flatnonzero(derivable)]
    return problems


def check_percentage_numerators(tables: Tables) -> list[Problem]:
    """A percentage of children beside its denominator gives the numerator away: 7.5% of 40 is 3.

    The value is read as published (rounded), so the numerator can be anywhere in an interval;
    it is revealed when every whole number in that interval is 1 to 5.
    """
    observations = columns(tables, "observations", "indicator_id", "value", "denominator")
    scope = _scope(tables, observations) if observations is not None else None
    if scope is None:
        return []
    children, _, percentage = scope
    value, denominator = observations.numbers("value"), observations.numbers("denominator")
    places = _decimals(tables, observations)
    rows = children & percentage & ~np.isnan(value) & ~np.isnan(denominator) & (denominator > 0)
    problems = []
    for i in np.flatnonzero(rows):
        revealed = _numerator_revealed(published(value[i], places[i]), denominator[i], places[i])
        if revealed is not None:
            problems.append(problem("percentage-reveals-small-count", observations.file, int(observations.rows[i]),
                                    "value", observations["value"][i], denominator=observations["denominator"][i],
                                    numerator=revealed))
    return problems


def _numerator_revealed(percent: float, denominator: float, places: int) -> str | None:
    half_step = 0.5 * 10.0 ** -int(places)
    low, high = (percent - half_step) * denominator / 100, (percent + half_step) * denominator / 100
    candidates = range(math.ceil(low - 1e-9), math.floor(high + 1e-9) + 1)
    if candidates and all(is_small(whole) for whole in candidates):
        return " or ".join(map(str, candidates))
    return None


def check_year_to_date(tables: Tables) -> list[Problem]:
    """A year-to-date count is the sum of its months: YTD(m) = YTD(m-1) + month m (and YTD April = April).

    If exactly one figure of such a relation is suppressed and the others are published, it can
    be worked out by adding or subtracting.
    """
    observations = columns(tables, "observations", "indicator_id", "period", "value")
    scope = _scope(tables, observations) if observations is not None else None
    if scope is None:
        return []
    _, is_count, _ = scope
    figures: dict[tuple[str, str, date], int] = {}  # (indicator, "month" | "year to date", period end) -> index
    for i in np.flatnonzero(is_count):
        period = parse_period(observations["period"][i])
        if period is not None and period.kind in ("month", "year to date"):
            figures[observations["indicator_id"][i], period.kind, period.end] = i
    problems = []
    for (indicator, kind, end), i in figures.items():
        if kind != "year to date":
            continue
        before = end.replace(day=1) - timedelta(days=1)
        related = [i, figures.get((indicator, "month", end))]
        if end.month != 4:  # April's year to date is April alone
            related.append(figures.get((indicator, "year to date", before)))
        if None not in related:
            problems += _derivable_sum(observations, related)
    return problems


def check_parts_and_totals(tables: Tables) -> list[Problem]:
    """Parts add up to their total (parts.csv): boys 5429 and a total of 5432 give girls away as 3."""
    parts = columns(tables, "parts", "total_id", "part_id")
    observations = columns(tables, "observations", "indicator_id", "period", "value")
    if parts is None or observations is None:
        return []
    by_total: dict[str, list[str]] = {}
    for total, part in zip(parts["total_id"], parts["part_id"]):
        by_total.setdefault(total, []).append(part)
    index = {(indicator, period): i for i, (indicator, period)
             in enumerate(zip(observations["indicator_id"], observations["period"]))}
    problems = []
    for period in dict.fromkeys(observations["period"]):
        for total, members in by_total.items():
            related = [index.get((indicator, period)) for indicator in [total, *members]]
            if None not in related:
                problems += _derivable_sum(observations, related, "parts-derivable")
    return problems


def _derivable_sum(observations: Columns, related: list[int], slug: str = "suppression-derivable-sum") -> list[Problem]:
    values = observations["value"]
    suppressed = [i for i in related if values[i] == SUPPRESSED]
    published_ = [i for i in related if not np.isnan(observations.numbers("value")[i])]
    if len(suppressed) != 1 or len(published_) != len(related) - 1:
        return []
    hidden = suppressed[0]
    if slug == "parts-derivable":
        named = [observations["indicator_id"][i] for i in published_]
    else:
        named = [observations["period"][i] for i in published_]
    others = " and ".join(f"{name} ({values[i]})" for name, i in zip(named, published_))
    return [problem(slug, observations.file, int(observations.rows[hidden]), "value", SUPPRESSED, others=others,
                    fix=" or ".join(named))]


# Numbers a note may hold beside a `c`: dates and periods, durations, and the suppression range itself.
HARMLESS_NUMBERS = re.compile(
    r"\b(?:19|20)\d{2}(?:[-/]\d{2}(?:[-/]\d{2})?)?\b"              # 2018, 2018-09, 2015-16, 2018/19, 2018-09-30
    r"|\b\d{1,2}/\d{1,2}/\d{4}\b"                                  # 30/09/2018
    r"|\bQ[1-4]\b"                                                 # quarters
    r"|\b1 ?(?:to|-|–) ?5\b"                                       # "1 to 5", the GSS range itself
    r"|\b(?:fewer|less|more) than (?:\d+)\b"                       # "fewer than 6"
    r"|\b\d+(?:\.\d+)? ?(?:days?|weeks?|months?|years?|hours?)\b"  # "within 12 months"
    r"|\b(?:para(?:graph)?s?|pp?\.|pages?|sections?|appendix|tables?|recommendations?) ?\d+(?:\.\d+)*"
    r"(?:(?:, ?| and | or | ?(?:-|–|to) ?)\d+(?:\.\d+)*)*\b", re.I)      # references: "recommendations 8 and 14"
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def check_notes(tables: Tables) -> list[Problem]:
    """A note beside a suppressed figure must not give the number away ("c: 3 children")."""
    observations = columns(tables, "observations", "note")
    if observations is None:
        return []
    cells = tables["observations"].cells
    beside = np.logical_or.reduce([cells[column] == SUPPRESSED for column in TRIO if column in cells]
                                  or [np.zeros(len(observations.rows), dtype=bool)])
    problems = []
    for i in np.flatnonzero(beside & (observations["note"] != "")):
        number = DIGITS.search(HARMLESS_NUMBERS.sub(" ", observations["note"][i]))
        if number:
            problems.append(problem("note-reveals-suppressed", observations.file, int(observations.rows[i]), "note",
                                    observations["note"][i], number=number[0]))
    return problems


def check_stated_counts(tables: Tables) -> list[Problem]:
    """A count of children given as a bound that keeps it at 5 or under ("<6", "<=5": write c), or as
    a change that, with the figure before it, gives a count of 1 to 5."""
    observations = columns(tables, "observations", "indicator_id", "period", "value")
    scope = _scope(tables, observations) if observations is not None else None
    if scope is None:
        return []
    children, is_count, _ = scope
    stated = {i: parse_figure(observations["value"][i]) for i in np.flatnonzero(children & is_count)}
    problems = []
    for i, figure in stated.items():
        if figure is not None and figure.form == BOUND and figure.relation[0] == "<" and 0 < figure.number:
            largest = figure.number if figure.relation == "<=" else math.ceil(figure.number) - 1
            if largest <= SMALL_COUNTS[-1]:
                problems.append(problem("small-count-bound", observations.file, int(observations.rows[i]), "value",
                                        observations["value"][i]))
    changes = [i for i, figure in stated.items() if figure is not None and figure.form == CHANGE]
    return problems + (_changes_revealing(observations, changes) if changes else [])


def _changes_revealing(observations: Columns, changes: list[int]) -> list[Problem]:
    """Each change against the figure before it in its series (same indicator, same kind of period)."""
    periods = {text: parse_period(text) for text in set(observations["period"])}
    numbers, problems = observations.numbers("value"), []
    wanted = {observations["indicator_id"][i] for i in changes}
    series: dict[str, list[int]] = {}
    for j in np.flatnonzero(np.isin(observations["indicator_id"], list(wanted)) & ~np.isnan(numbers)):
        series.setdefault(observations["indicator_id"][j], []).append(int(j))
    for i in changes:
        this = periods.get(observations["period"][i])
        if this is None:
            continue
        earlier = [(periods[text].end, j) for j in series.get(observations["indicator_id"][i], [])
                   if (text := observations["period"][j]) in periods and periods[text]
                   and periods[text].kind == this.kind and periods[text].end < this.end]
        if not earlier:
            continue
        j = max(earlier)[1]
        level = numbers[j] + parse_figure(observations["value"][i]).number
        if is_small(level):
            problems.append(problem("change-reveals-small-count", observations.file, int(observations.rows[i]),
                                    "value", observations["value"][i], previous=observations["value"][j],
                                    period=observations["period"][j], level=f"{level:g}"))
    return problems
