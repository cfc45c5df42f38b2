"""journeys.domain.differencing against plain Gaussian elimination: the solver only reduces by the rows
a figure touches and only solves figures joined to a suppressed one, and must find exactly what
solving everything at once finds."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from journeys.domain.differencing import Figure, given_away


def rank(vectors: list[dict]) -> int:
    """The rank of sparse vectors, by elimination over the rationals with every row kept."""
    rows: list[dict] = []
    for vector in vectors:
        vector = dict(vector)
        for row in rows:
            pivot = next(iter(row))
            if vector.get(pivot):
                factor = vector[pivot] / row[pivot]
                for atom, coefficient in row.items():
                    vector[atom] = vector.get(atom, 0) - factor * coefficient
                vector = {atom: c for atom, c in vector.items() if c}
        if vector:
            rows.append(vector)
    return len(rows)


def revealed_by_rank(figures: list[Figure]) -> set:
    published = [{atom: Fraction(1) for atom in figure.atoms} for figure in figures if not figure.suppressed]
    base = rank(published)
    return {figure.key for figure in figures if figure.suppressed
            and rank(published + [{atom: Fraction(1) for atom in figure.atoms}]) == base}


@pytest.mark.parametrize("seed", range(40))
def test_the_figures_given_away_are_those_in_the_published_figures_span(seed):
    generator = random.Random(seed)
    atoms = [("leaf", "month", m) for m in range(generator.randint(3, 12))]
    figures = []
    for key in range(generator.randint(2, 14)):
        start = generator.randrange(len(atoms))
        end = generator.randrange(start, min(len(atoms), start + 4))
        figures.append(Figure(key, frozenset(atoms[start:end + 1]), generator.random() < 0.3))
    found = given_away(figures)
    assert set(found) == revealed_by_rank(figures)
    for hidden, revealing in found.items():
        [figure] = [f for f in figures if f.key == hidden]
        assert revealing and not any(f.suppressed for f in figures if f.key in revealing)
        assert figure.atoms <= frozenset().union(*(f.atoms for f in figures if f.key in revealing))
