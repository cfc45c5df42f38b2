"""Disclosure control: no count of 1 to 5 children is published, or can be worked out from what is.

Following the GSS and DfE guidance on small numbers, a figure that counts children is suppressed
(`c`) when it is 1 to 5, and then the figures it can be worked out from are suppressed too
("secondary suppression"). The rules are journeys.domain.disclosure's; each is checked here, in
every table of figures about children (observations and comparators):
- the published value itself: a count of 1 to 5, or one the site's rounding turns into one;
- one row's value, numerator and denominator: any two give the third;
- a rate beside its denominator (7.5% of 40, 0.4 per 10,000 of 80,000), its numerator (97.5%
  beside 39 leaves 1 of 40), or another indicator's published count of children in the same
  period (7.5% of that count);
- sums: a longer period is the sum of its months, a total the sum of its parts (parts.csv), and
  periods are compared by what they mean (journeys.domain.differencing);
- numbers in free text near a `c` (journeys.checks.disclosure_text);
- a bound or a change (issue 25): "<4" children says 0 to 3, and "change -3" after 7 says 4.
Data that breaks a rule is refused with a problem that says which figure gives which away and
what to suppress; journeys/domain/disclosure.py is the second line of defence at build time.
"""

from __future__ import annotations

import math

import numpy as np

from journeys.checks.common import Tables
from journeys.checks.disclosure_text import check_text
from journeys.checks.rules import Columns, columns, key_map
from journeys.domain import figures
from journeys.domain.differencing import Figure, atoms, given_away, leaves_of
from journeys.domain.disclosure import COUNT_UNITS, PER, SMALL_COUNTS, children_in, is_small
from journeys.domain.disclosure import FIGURES as TRIO
from journeys.model.periods import parse_period
from journeys.model.problems import Problem, problem
from journeys.model.values import BOUND, CHANGE, parse_figure
from journeys.model.vocabulary import SUPPRESSED

FIGURE_TABLES = (("observations", TRIO), ("comparators", ("value",)))  # tables of figures about children
LISTED = 5  # figures named in one problem; the rest are counted


def check_disclosure(tables: Tables) -> list[Problem]:
    problems = []
    for rule in (check_small_counts, check_published_small_counts, check_derivable_suppression, check_rates,
                 check_shares_of_other_counts, check_sums, check_text, check_stated_counts):
        problems += rule(tables)
    return problems


def published(number: float, decimals: int) -> float:
    """A number as the site shows it: the domain's one rounding rule (journeys.domain.figures)."""
    return float(figures.published(number, decimals)[0])


def _decimals(tables: Tables, table: Columns) -> np.ndarray:
    places = key_map(tables, "indicators", "indicator_id", "decimals") or {}
    as_int = {key: int(value) if value.strip().isdigit() else 0 for key, value in places.items()}
    return table.lookup("indicator_id", as_int, 0).astype(int)


def _scope(tables: Tables, table: Columns) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Per row: about children; a count; its unit (None if indicators.csv lacks the columns)."""
    counts = key_map(tables, "indicators", "indicator_id", "counts_children")
    units = key_map(tables, "indicators", "indicator_id", "unit")
    if counts is None or units is None:
        return None
    unit = table.lookup("indicator_id", units, "")
    return table.lookup("indicator_id", counts) == "yes", np.isin(unit, COUNT_UNITS), unit


def check_small_counts(tables: Tables) -> list[Problem]:
    """Counts of 1 to 5 children must be suppressed: the value of a count (an observation's or a
    comparator's), any numerator or denominator."""
    problems = []
    for name, present in FIGURE_TABLES:
        table = columns(tables, name, "indicator_id")
        scope = _scope(tables, table) if table is not None else None
        if scope is None:
            continue
        children, is_count, _ = scope
        for column in present:
            rows = children & is_count if column == "value" else children
            if column in table.table.cells and rows.any():
                small = rows & np.isin(table.numbers(column), SMALL_COUNTS)
                problems += [problem("small-count", table.file, int(table.rows[i]), column, table[column][i])
                             for i in np.flatnonzero(small)]
    return problems


def check_published_small_counts(tables: Tables) -> list[Problem]:
    """A count that the site's rounding turns into 1 to 5 (4.6 with no decimals is "5"; 0.96 with one, "1.0")."""
    problems = []
    for name, _ in FIGURE_TABLES:
        table = columns(tables, name, "indicator_id", "value")
        scope = _scope(tables, table) if table is not None else None
        if scope is None:
            continue
        children, is_count, _ = scope
        numbers, places = table.numbers("value"), _decimals(tables, table)
        near = children & is_count & (numbers > 0) & (numbers < 6) & ~np.isin(numbers, SMALL_COUNTS)
        for i in np.flatnonzero(near):
            shown = published(numbers[i], int(places[i]))
            if is_small(shown):
                problems.append(problem("small-count-rounded", table.file, int(table.rows[i]), "value", table["value"][i],
                                        shown=f"{shown:.{places[i]}f}", decimals=int(places[i])))
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


def check_rates(tables: Tables) -> list[Problem]:
    """A rate of children beside its denominator gives the count away (7.5% of 40 is 3; 0.4 per
    10,000 of 80,000 is 3), and so does a percentage beside its numerator when the rest is small
    (97.5% beside 39: 1 child of 40 left)."""
    observations = columns(tables, "observations", "indicator_id", *TRIO)
    scope = _scope(tables, observations) if observations is not None else None
    if scope is None:
        return []
    children, _, unit = scope
    value, numerator, denominator = (observations.numbers(column) for column in TRIO)
    places = _decimals(tables, observations)
    published_values = figures.published(value, places)  # as the site shows them, a column at once
    problems = []
    for i in np.flatnonzero(children & np.isin(unit, list(PER)) & ~np.isnan(value)):
        per, shown = PER[unit[i]], float(published_values[i])
        if denominator[i] > 0:
            count = children_in(shown, places[i], denominator[i], per)
            beside, fix = f"the denominator {observations['denominator'][i]} in this row", "leave the denominator empty"
        elif numerator[i] > 0 and shown > 0 and per == PER["percentage"]:
            count = _rest_beside_numerator(shown, places[i], numerator[i])
            beside, fix = f"the numerator {observations['numerator'][i]} in this row", "leave the numerator empty"
        else:
            continue
        if count is not None:
            problems.append(_rate_problem(observations, i, unit[i], beside, count,
                                          f"Suppress the value as well (write c), or {fix}."))
    return problems


def _rest_beside_numerator(percent: float, places: int, numerator: float) -> str | None:
    """What is left of the denominator a percentage and its numerator imply, if that is small."""
    half_step = 0.5 * 10.0 ** -int(places)
    low, high = numerator * 100 / (percent + half_step), numerator * 100 / max(percent - half_step, 1e-9)
    denominators = range(int(np.ceil(low - 1e-9)), int(np.floor(high + 1e-9)) + 1)
    rest = [whole - numerator for whole in denominators]
    if rest and len(rest) < 100 and all(is_small(whole) for whole in rest):
        return f"{' or '.join(f'{whole:g}' for whole in rest)} (the rest of the children)"
    return None


def _rate_problem(table: Columns, i: int, unit: str, beside: str, count: str, fix: str) -> Problem:
    return problem("percentage-reveals-small-count", table.file, int(table.rows[i]), "value", table["value"][i],
                   unit=unit, beside=beside, count=count, fix=fix)


def check_shares_of_other_counts(tables: Tables) -> list[Problem]:
    """A percentage of children with no denominator of its own, beside another indicator's published
    count of children for the same period: a reader can take the one as a share of the other
    (7.5% of a published 40 is 3 children; 97.5% of it leaves 1)."""
    observations = columns(tables, "observations", "indicator_id", "period", "value", "denominator")
    scope = _scope(tables, observations) if observations is not None else None
    if scope is None:
        return []
    children, is_count, unit = scope
    value, places = observations.numbers("value"), _decimals(tables, observations)
    meaning = observations.lookup("period", {text: _meaning(text) for text in set(observations["period"])})
    counts: dict[object, list[int]] = {}
    for i in np.flatnonzero(children & is_count & (value > 5)):
        counts.setdefault(meaning[i], []).append(i)
    shares = children & (unit == "percentage") & ~np.isnan(value) & np.isnan(observations.numbers("denominator"))
    shown = figures.published(value, places)  # as the site shows them: rounded a column at once, not row by row
    problems = []
    for i in np.flatnonzero(shares):
        for j in counts.get(meaning[i], []) if meaning[i] is not None else []:
            count = children_in(float(shown[i]), places[i], value[j], PER["percentage"])
            if count is not None:
                other = f"{observations['indicator_id'][j]} for {observations['period'][j]}"
                problems.append(_rate_problem(
                    observations, i, "percentage",
                    f"the {observations['value'][j]} children counted by {other} (row {int(observations.rows[j])})",
                    count, f"Suppress the value (write c), or the count of {other}."))
                break
    return problems


def _meaning(text: str):
    period = parse_period(text)
    return None if period is None else (period.kind, period.start, period.end)


def check_sums(tables: Tables) -> list[Problem]:
    """A suppressed figure that published figures add up or subtract to: a month between years to
    date, a quarter less its months, a part beside its total and the other parts, the same figure
    written for 31/03/2017 and 2017-03-31 (journeys.domain.differencing)."""
    observations = columns(tables, "observations", "indicator_id", "period", "value")
    scope = _scope(tables, observations) if observations is not None else None
    if scope is None:
        return []
    _, is_count, _ = scope
    parts = _parts(tables)
    suppressed = observations["value"] == SUPPRESSED
    counts = set(observations["indicator_id"][is_count])
    rows_of = observations.groups("indicator_id")
    periods = observations.lookup("period", {text: parse_period(text) for text in set(observations["period"])})
    problems = []
    for group in _groups(set(observations["indicator_id"][suppressed]), parts):
        if len(group) == 1 and not group & counts:
            continue  # one indicator, not a count: its figures do not add up (the same period
            # written twice is duplicate-key's), so none gives another away
        rows = np.concatenate([rows_of[indicator] for indicator in sorted(group) if indicator in rows_of])
        problems += _sums_in(observations, np.sort(rows), periods, parts, is_count)
    return problems


def _parts(tables: Tables) -> dict[str, list[str]]:
    found = columns(tables, "parts", "total_id", "part_id")
    by_total: dict[str, list[str]] = {}
    for total, part in zip(found["total_id"], found["part_id"]) if found is not None else ():
        by_total.setdefault(total, []).append(part)
    return by_total


def _groups(indicators: set[str], parts: dict[str, list[str]]) -> list[set[str]]:
    """The indicators each suppressed one is related to through parts.csv (itself, if none)."""
    neighbours: dict[str, set[str]] = {}
    for total, members in parts.items():
        for member in members:
            neighbours.setdefault(total, set()).add(member)
            neighbours.setdefault(member, set()).add(total)
    groups, seen = [], set()
    for indicator in sorted(indicators):
        if indicator in seen:
            continue
        group, waiting = set(), [indicator]
        while waiting:
            current = waiting.pop()
            if current not in group:
                group.add(current)
                waiting += neighbours.get(current, ())
        seen |= group
        groups.append(group)
    return groups


def _sums_in(observations: Columns, rows: np.ndarray, periods: np.ndarray, parts: dict[str, list[str]],
             is_count: np.ndarray) -> list[Problem]:
    values, numbers = observations["value"], observations.numbers("value")
    leaves = {indicator: leaves_of(indicator, parts) for indicator in set(observations["indicator_id"][rows])}
    found = []
    for i in rows:
        period = periods[i]
        if period is not None and (values[i] == SUPPRESSED or not np.isnan(numbers[i])):
            made_of = atoms(leaves[observations["indicator_id"][i]], period, bool(is_count[i]))
            found.append(Figure(int(i), made_of, values[i] == SUPPRESSED))
    problems = []
    for hidden, revealing in given_away(found).items():
        indicator = observations["indicator_id"][hidden]
        across_parts = any(observations["indicator_id"][i] != indicator for i in revealing)
        named = [f"{observations['indicator_id'][i]} {observations['period'][i]}" if across_parts
                 else observations["period"][i] for i in revealing]
        listed = [f"{name} ({values[i]})" for name, i in zip(named, revealing)][:LISTED]
        if len(revealing) > LISTED:
            listed.append(f"{len(revealing) - LISTED} more")
        problems.append(problem("parts-derivable" if across_parts else "suppression-derivable-sum",
                                observations.file, int(observations.rows[hidden]), "value", SUPPRESSED,
                                others=_and(listed), fix=" or ".join(named[:LISTED])))
    return problems


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


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
