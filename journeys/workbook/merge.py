"""Merging imported rows into a package's CSVs, keeping the officer's files as they are.

Nothing a file already holds is rewritten: new rows are appended in the file's own column
order and line endings; a changed figure (allowed with --replace) replaces only its own
record's lines. A figure the workbook repeats unchanged is left as it is, citing the paper
that first published it. Files are written whole to a temporary file and renamed over the
old one, so a reader never sees half a file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from journeys.model.reading import read_file, read_table
from journeys.model.standard import table_schemas
from journeys.model.writing import table_header, write_atomically
from journeys.workbook.rows import Row

KEYS = {name: schema.get("primaryKey", []) for name, schema in table_schemas().items()}
FIGURES = {"observations": ("value", "numerator", "denominator"), "targets": ("target", "tolerance"),
           "comparators": ("value", "statistic"), "rag_tallies": ("count",), "documents": ()}


@dataclass
class Change:
    row: Row
    old: dict[str, str]
    line: int                 # the spreadsheet row number it replaces


@dataclass
class TableMerge:
    table: str
    new: list[Row] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0


def key_of(table: str, values: dict[str, str]) -> tuple:
    return tuple(values.get(name, "") for name in KEYS[table])


def plan(table: str, path: Path, rows: list[Row]) -> TableMerge:
    """Which rows are new, which change a published figure, which repeat one."""
    merge = TableMerge(table)
    existing = {}
    if path.is_file():
        text_table, _ = read_table(path, str(path))
        if text_table is not None:
            for index, number in enumerate(text_table.rows):
                values = {name: str(cells[index]) for name, cells in text_table.cells.items()}
                existing.setdefault(key_of(table, values), (int(number), values))
    seen = set()
    for row in rows:
        key = key_of(table, row.values)
        if key in seen:
            continue  # the same figure twice in the workbook: the validator reports the repeat if they differ
        seen.add(key)
        if key not in existing:
            merge.new.append(row)
            continue
        number, old = existing[key]
        if any(old.get(name, "") != row.values.get(name, "") for name in FIGURES[table]):
            merge.changed.append(Change(row, old, number))
        else:
            merge.unchanged += 1
    return merge


def apply(path: Path, merge: TableMerge, replace: bool) -> dict[int, Row]:
    """Write the merge into the file; the spreadsheet row number each imported row now has."""
    raw = read_file(path) if path.is_file() else b""
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    ending = "\r\n" if "\r\n" in text else "\n"
    records = _records(text)
    header = next(csv.reader([records[0]])) if records else table_header(merge.table)
    placed: dict[int, Row] = {}
    if replace:
        for change in merge.changed:
            records[change.line - 1] = _line(header, change.row.values, ending)
            placed[change.line] = change.row
    if not records:
        records = [_line(header, {name: name for name in header}, ending)]
    if records and not records[-1].endswith(("\n", "\r")):
        records[-1] += ending
    for row in merge.new:
        records.append(_line(header, row.values, ending))
        placed[len(records)] = row
    write_atomically(path, ("\ufeff" if bom else "") + "".join(records))
    return placed


def _records(text: str) -> list[str]:
    """The file's records as written, line endings kept, a quoted line break inside its record."""
    lines = io.StringIO(text, newline="").readlines()
    records, pending, quotes = [], "", 0
    for line in lines:
        pending += line
        quotes += line.count('"')
        if quotes % 2 == 0:
            records.append(pending)
            pending, quotes = "", 0
    if pending:
        records.append(pending)
    return records


def _line(header: list[str], values: dict[str, str], ending: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=ending).writerow([values.get(name, "") for name in header])
    return out.getvalue()
