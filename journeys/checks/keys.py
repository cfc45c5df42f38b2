"""Keys: no row twice, and every reference names a row of the table it refers to.

Stock frictionless refuses a whole table whose foreign key names a table the package lacks,
even when every reference is empty, so a referenced table must be present (it may hold only
its header row).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from journeys.checks.common import Tables, did_you_mean, spaced
from journeys.model.periods import parse_date
from journeys.model.problems import Problem, problem
from journeys.model.standard import field_kind, table_schemas


def check_primary_key(tables: Tables, name: str) -> list[Problem]:
    """Each duplicate row after the first, naming the first; dates compare by day, not spelling."""
    table, key = tables[name], table_schemas()[name].get("primaryKey", [])
    if not key or any(column not in table.cells for column in key):
        return []
    codes = [_codes(name, column, table.factorized(column)) for column in key]
    filled = np.logical_and.reduce([code >= 0 for code in codes])
    combined = np.zeros(len(filled), dtype=np.int64)
    for code in codes:
        combined = combined * (int(code.max(initial=0)) + 1) + code
    rows, positions = table.rows[filled], np.flatnonzero(filled)
    _, first, inverse = np.unique(combined[filled], return_index=True, return_inverse=True)
    repeats = np.flatnonzero(first[inverse] != np.arange(len(rows)))
    key_text = " and ".join(key)
    what = key_text if len(key) == 1 else f"combination of {key_text}"
    return [problem("duplicate-key", table.file, int(rows[i]), key[-1],
                    " / ".join(table.cells[column][positions[i]] for column in key),
                    key=key_text, first=int(rows[first[inverse[i]]]), what=what) for i in repeats]


def _codes(table: str, column: str, factorized: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """A number per distinct value (-1 for an empty cell); 31/01/2017 and 2017-01-31 share one."""
    codes, distinct = factorized
    spec = next(f for f in table_schemas()[table]["fields"] if f["name"] == column)
    if field_kind(spec) in ("date", "period") and any("/" in value for value in distinct):
        days = [parse_date(value) if value.count("/") == 2 else None for value in distinct]
        canonical = np.array([day.isoformat() if day else value for day, value in zip(days, distinct)], dtype=object)
        codes, distinct = pd.factorize(canonical[codes])
    empty = np.flatnonzero(distinct == "")
    return np.where(np.isin(codes, empty), -1, codes)


def check_references(tables: Tables, declared: set[str], name: str) -> list[Problem]:
    """Foreign keys of one table: the referenced table exists, and every value is in it."""
    table, problems = tables[name], []
    for foreign_key in table_schemas()[name].get("foreignKeys", []):
        column = foreign_key["fields"][0]
        target, target_column = foreign_key["reference"]["resource"], foreign_key["reference"]["fields"][0]
        if target not in declared:
            problems.append(problem("referenced-table-missing", table.file, 1, None, None, column=column, table=target))
        elif target in tables and column in table.cells and target_column in tables[target].cells:
            problems += _unknown_values(table, column, tables[target], target, target_column)
    return problems


def _unknown_values(table, column: str, target_table, target: str, target_column: str) -> list[Problem]:
    values = table.cells[column]
    codes, distinct = table.factorized(column)
    known = set(target_table.cells[target_column])
    unknown = np.array([value != "" and value not in known for value in distinct], dtype=bool)
    if not unknown.any():
        return []
    suggestions = {value: did_you_mean(value, sorted(known)) for value in distinct[unknown]}
    rows = table.rows
    return [spaced(table.file, int(rows[i]), column, values[i], known) or problem(
        "unknown-reference", table.file, int(rows[i]), column, values[i], target=target_column, table=target,
        suggestion=suggestions[values[i]]) for i in np.flatnonzero(unknown[codes])]
