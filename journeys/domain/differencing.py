"""Differencing: which suppressed figures the published ones give away by adding and subtracting.

Figures relate by sums. A count for a quarter, a financial year, a calendar year or a year to
date is the sum of the counts of the months in it; a total is the sum of its parts (parts.csv);
and the same figure written twice (31/03/2017 and 2017-03-31, or 2016/17 Q4 and 2017-Q1) is one
figure. So every figure is a sum of "atoms": one per indicator that has no parts, per month (or
per day, for a count "as at" a day, which does not add up over time). Periods are compared by
the months or the day they mean, never by how they are written.

A suppressed figure is given away when its sum of atoms is a combination of the published
figures' sums: then adding and subtracting published figures gives its value, whatever the values
are. Whether that is so is linear algebra over the rationals (Gaussian elimination, exact), and the
combination says which published figures give it away. This covers every chain of relations the
periods and parts imply: a month between two years to date, a quarter less two of its months, a
part of a part, a financial quarter against its calendar quarter, a total in one spelling of a day
against its parts in another.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from fractions import Fraction

from journeys.model.periods import Period

# Periods whose counts are the sums of their months; a day's count ("as at") is a point in time.
SUMS_OF_MONTHS = ("month", "quarter", "financial quarter", "financial year", "year", "year to date")


@dataclass(frozen=True)
class Figure:
    """One figure: where it is (any key the caller reports by), what it is the sum of, and
    whether it is published (a number) or suppressed (c)."""
    key: Hashable
    atoms: frozenset
    suppressed: bool


def atoms(leaves: Iterable[str], period: Period, adds_up_over_time: bool) -> frozenset:
    """What a figure of these indicators (those without parts) for this period is the sum of."""
    if adds_up_over_time and period.kind in SUMS_OF_MONTHS:
        first = period.start.year * 12 + period.start.month - 1
        last = period.end.year * 12 + period.end.month - 1
        return frozenset((leaf, "month", month) for leaf in leaves for month in range(first, last + 1))
    if period.kind == "day":
        return frozenset((leaf, "day", period.start) for leaf in leaves)
    return frozenset((leaf, period.kind, period.start, period.end) for leaf in leaves)


def leaves_of(indicator: str, parts: dict[str, list[str]]) -> frozenset[str]:
    """The indicators without parts that an indicator adds up (itself, if it has none)."""
    found, waiting, seen = set(), [indicator], set()
    while waiting:
        current = waiting.pop()
        if current in seen:
            continue  # parts.csv that loops back: each indicator counts once
        seen.add(current)
        members = parts.get(current)
        if members:
            waiting.extend(members)
        else:
            found.add(current)
    return frozenset(found)


def given_away(figures: list[Figure]) -> dict[Hashable, list[Hashable]]:
    """Each suppressed figure that the published ones give away, with the published figures whose
    sum and differences give it (in the order they were given). Only figures that share atoms, step by
    step, with a suppressed one can give it away, so only those are solved."""
    figures = _around_suppressed(figures)
    basis = _Basis()
    for figure in figures:
        if not figure.suppressed:
            basis.add(figure)
    order = {figure.key: number for number, figure in enumerate(figures)}
    found = {}
    for figure in figures:
        if figure.suppressed:
            combination = basis.express(figure)
            if combination is not None:
                found[figure.key] = sorted(combination, key=order.__getitem__)
    return found


def _around_suppressed(figures: list[Figure]) -> list[Figure]:
    """The figures joined to a suppressed figure by a chain of shared atoms (union-find over atoms)."""
    parent: dict = {}

    def root(atom):
        while parent.setdefault(atom, atom) != atom:
            parent[atom] = parent[parent[atom]]
            atom = parent[atom]
        return atom

    for figure in figures:
        first = next(iter(figure.atoms), None)
        for atom in figure.atoms:
            parent[root(atom)] = root(first)
    hidden = {root(next(iter(figure.atoms))) for figure in figures if figure.suppressed and figure.atoms}
    return [figure for figure in figures if figure.atoms and root(next(iter(figure.atoms))) in hidden]


class _Basis:
    """Published figures' sums in echelon form, each row remembering which figures made it.

    Row k holds no pivot of a row before it, so a vector is reduced by taking the rows whose pivots
    it holds in the order they were added (a heap): each subtraction can only bring in pivots of
    later rows. Work grows with the rows a figure touches, not with all the rows there are.
    """

    def __init__(self):
        self.rows: list[tuple[Hashable, dict, dict]] = []  # (pivot atom, vector, {figure key: coefficient})
        self.pivot_of: dict[Hashable, int] = {}            # atom -> the row whose pivot it is

    def add(self, figure: Figure) -> None:
        vector, made_of = self._reduce(figure)
        if vector:
            pivot = min(vector, key=repr)
            scale = vector[pivot]
            if scale != 1:
                vector = {atom: c / scale for atom, c in vector.items()}
                made_of = {key: c / scale for key, c in made_of.items()}
            self.pivot_of[pivot] = len(self.rows)
            self.rows.append((pivot, vector, made_of))

    def express(self, figure: Figure) -> list[Hashable] | None:
        """The published figures that combine into this one's sum, or None if none do."""
        vector, made_of = self._reduce(figure)
        if vector:
            return None
        return [key for key, coefficient in made_of.items() if coefficient and key != figure.key]

    def _reduce(self, figure: Figure) -> tuple[dict, dict]:
        vector = {atom: Fraction(1) for atom in figure.atoms}
        made_of = {figure.key: Fraction(1)}
        waiting = [self.pivot_of[atom] for atom in vector if atom in self.pivot_of]
        heapq.heapify(waiting)
        while waiting:
            number = heapq.heappop(waiting)
            pivot, row, row_made_of = self.rows[number]
            factor = vector.get(pivot)
            if not factor:
                continue
            for atom in row:
                if atom not in vector and atom in self.pivot_of:
                    heapq.heappush(waiting, self.pivot_of[atom])
            _subtract(vector, row, factor)
            _subtract(made_of, row_made_of, factor)
        return vector, made_of


def _subtract(target: dict, row: dict, factor: Fraction) -> None:
    for key, coefficient in row.items():
        value = target.get(key, 0) - factor * coefficient
        if value:
            target[key] = value
        else:
            target.pop(key, None)
