"""Each CSV's header row: every column of its schema, once, in the schema's order.

Stock frictionless matches columns to the schema by position, so the order matters too.
A misspelt column is reported once, as unknown with its likely name, not also as missing.
"""

from __future__ import annotations

import difflib

from journeys.checks.common import quoted_list
from journeys.model.problems import MAX_OF_A_KIND, Problem, problem
from journeys.model.reading import TextTable
from journeys.model.standard import table_schemas


def check_columns(table: TextTable, name: str) -> list[Problem]:
    expected = [spec["name"] for spec in table_schemas()[name]["fields"]]
    missing = [column for column in expected if column not in table.header]
    problems, explained = _labels(table, name, expected, missing)
    for column in missing:
        if column not in explained:
            problems.append(problem("column-missing", table.file, 1, column=column, place=_place(column, expected)))
    if not problems and table.header != expected:
        problems.append(problem("column-order", table.file, 1, columns=", ".join(expected)))
    return problems


def _labels(table: TextTable, name: str, expected: list[str], missing: list[str]) -> tuple[list[Problem], set[str]]:
    """Problems with the header's own labels, and the missing columns they already explain."""
    problems, seen, explained = [], set(), set()
    expected_names = set(expected)
    unknown = 0
    for position, label in enumerate(table.header, start=1):
        if not label.strip():
            problems.append(problem("column-unnamed", table.file, 1, position=position))
        elif label in seen:
            problems.append(problem("column-duplicate", table.file, 1, None, label))
        elif label not in expected_names:
            unknown += 1
            if unknown > MAX_OF_A_KIND:  # a header of 100,000 columns: count the rest, say how many
                seen.add(label)
                continue
            guess = _closest(label, [m for m in missing if m not in explained])
            explained.add(guess)
            problems.append(_unknown(table.file, label, guess, name, expected))
        seen.add(label)
    if unknown > MAX_OF_A_KIND:
        problems.append(problem("more-problems", table.file, 1, count=unknown - MAX_OF_A_KIND, slug="column-unknown",
                                shown=MAX_OF_A_KIND))
    return problems, explained


def _closest(label: str, candidates: list[str]) -> str | None:
    folded = {c.casefold(): c for c in candidates}
    if label.strip().casefold() in folded:
        return folded[label.strip().casefold()]
    close = difflib.get_close_matches(label, candidates, n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown(file: str, label: str, guess: str | None, name: str, expected: list[str]) -> Problem:
    if guess is not None and label.strip() == guess:
        return problem("extra-spaces", file, 1, None, label, fixed=guess)
    suggestion = f'Did you mean "{guess}"? ' if guess else ""
    return problem("column-unknown", file, 1, None, label, table=name, suggestion=suggestion,
                   columns=quoted_list(expected))


def _place(column: str, expected: list[str]) -> str:
    index = expected.index(column)
    return "as the first column" if index == 0 else f'after "{expected[index - 1]}"'
