"""Reading CSV files as offices really export them, into text tables that know their rows.

Every cell stays text, exactly as written. Rows are numbered as a spreadsheet shows them (the
header is row 1, a blank line is a row, a quoted line break is not), and each column travels
with the array of those row numbers, so a problem found by a vectorised check knows its row.
Parsing is Python's csv module (C code): it keeps blank lines and tells short rows from empty
cells, which pandas' reader does not. What cannot be read becomes a Problem; nothing here
raises for bad input.

Every file of the user's (the data, site.yml, a logo) is read through `read_file`, which tells
whoever is watching (`noticing`): the kept-work mechanism checks that a stage reads only the
inputs it declared (journeys.build.kept), so a key that missed an input is found, not hoped away.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from journeys.model.problems import Problem, problem

MAX_FILE_BYTES = 50 * 1024 * 1024  # about 600,000 observations: far beyond one authority
BOM = b"\xef\xbb\xbf"
NOT_TEXT = {  # how a file that is not CSV text starts, and what it probably is
    b"PK\x03\x04": "the file is an Excel workbook (.xlsx) with a .csv name, not a CSV file",
    b"\xd0\xcf\x11\xe0": "the file is an old Excel workbook (.xls) with a .csv name, not a CSV file",
    b"\xff\xfe": "the file is saved as Unicode Text (UTF-16), not as CSV UTF-8",
    b"\xfe\xff": "the file is saved as Unicode Text (UTF-16), not as CSV UTF-8",
}
MAX_CELL_BYTES = 1024 * 1024  # a long evidence cell is fine; a runaway quote is not
csv.field_size_limit(MAX_CELL_BYTES)


# Whoever watches reads in this context (a stage of kept work), or None.
_watcher: ContextVar[Callable[[Path], None] | None] = ContextVar("journeys_reads", default=None)


def read_file(path: Path) -> bytes:
    """A file of the user's, whole; the watcher, if any, is told first."""
    watcher = _watcher.get()
    if watcher is not None:
        watcher(Path(path))
    return Path(path).read_bytes()


@contextmanager
def noticing(watcher: Callable[[Path], None]) -> Iterator[None]:
    """Within the block, `watcher(path)` hears of every read_file (in this thread or task)."""
    token = _watcher.set(watcher)
    try:
        yield
    finally:
        _watcher.reset(token)


@dataclass
class TextTable:
    """One CSV as text: a column of cells per named header cell, and the row number of each row."""

    file: str
    header: list[str]
    rows: np.ndarray                 # spreadsheet row numbers, blank rows left out
    cells: dict[str, np.ndarray]     # column name -> text cells (numpy object arrays), aligned with rows
    text: str = field(repr=False)
    memo: dict = field(default_factory=dict, repr=False)  # what checks derive from the cells, derived once

    def factorized(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        """(code of each cell, distinct values) of a column: factorised once, whichever check asks first."""
        if ("factorized", column) not in self.memo:
            self.memo["factorized", column] = pd.factorize(self.cells[column])
        return self.memo["factorized", column]

    @cached_property
    def frame(self) -> pd.DataFrame:
        """The cells as a DataFrame indexed by row number."""
        return pd.DataFrame(self.cells, index=self.rows, columns=list(self.cells), dtype=object)

    def position(self, row: int | None, column: str | None) -> tuple[int | None, int | None]:
        """The line in the file where a cell starts and its character column (both from 1)."""
        if row is None or row - 1 >= len(self.record_lines):
            return row, None
        line = self.record_lines[row - 1]
        if column not in self.columns:
            return line, None
        return _cell_start(self.lines, line, self.columns[column])

    @cached_property
    def columns(self) -> dict[str, int]:
        """Each header label's first position: a lookup per problem, not a scan of a wide header."""
        positions: dict[str, int] = {}
        for position, label in enumerate(self.header):
            positions.setdefault(label, position)
        return positions

    @cached_property
    def lines(self) -> list[str]:
        return io.StringIO(self.text, newline="").readlines()

    @cached_property
    def record_lines(self) -> list[int]:
        """The file line each record starts on; a quoted line break makes them differ from rows."""
        if '"' not in self.text:
            return list(range(1, len(self.lines) + 1))
        reader = csv.reader(io.StringIO(self.text, newline=""))
        starts, previous = [], 0
        for _ in reader:
            starts.append(previous + 1)
            previous = reader.line_num
        return starts


def read_table(path: Path, file: str, columns: list[str] = ()) -> tuple[TextTable | None, list[Problem]]:
    """Read one CSV file; None and the problems if it cannot be read as a table at all.

    `columns` are the names the header should have, only to tell an officer what to write.
    """
    header = ", ".join(columns)
    raw, problems = _read_bytes(path, file, header)
    if raw is None:
        return None, problems
    text, problems = _decode(raw, file)
    if text is None:
        return None, problems
    records, problems = _parse(text, file)
    if records is None:
        return None, problems
    if not records or not any(cell.strip() for cell in records[0]):
        return None, [problem("header-missing", file, 1, columns=header)]
    rows, cells, problems = _cells(records, file)
    return TextTable(file, records[0], rows, cells, text), problems


def load_frame(path: Path) -> pd.DataFrame:
    """A validated CSV as text, for the model: the same decoding and parsing as validation."""
    table, _ = read_table(path, str(path))
    if table is None:
        return pd.DataFrame()
    return table.frame.reset_index(drop=True).astype(str)


def _read_bytes(path: Path, file: str, header: str) -> tuple[bytes | None, list[Problem]]:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [problem("file-too-large", file, size=_megabytes(size), limit=_megabytes(MAX_FILE_BYTES))]
    raw = read_file(path)
    if not raw.removeprefix(BOM).strip():
        return None, [problem("file-empty", file, columns=header)]
    for magic, what in NOT_TEXT.items():
        if raw.startswith(magic):
            return None, [problem("not-csv", file, what=what)]
    if b"\x00" in raw:
        return None, [problem("not-csv", file, what="the file is not text")]
    return raw, []


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def _decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """UTF-8, with or without a byte-order mark; anything else is refused with the fix."""
    body = raw.removeprefix(BOM)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        row = body.count(b"\n", 0, error.start) + 1
        character = body[error.start:error.start + 1].decode("cp1252", errors="replace")
        return None, [problem("not-utf8", file, row, character=character)]
    first_line = text.split("\n", 1)[0]
    if "," not in first_line and (";" in first_line or "\t" in first_line):
        separator = "semicolons" if ";" in first_line else "tabs"
        return None, [problem("wrong-separator", file, 1, separator=separator)]
    return text, []


def _parse(text: str, file: str) -> tuple[list[list[str]] | None, list[Problem]]:
    """Every record, blank lines included (as empty lists), so the list index is the row - 1.

    The csv module's cell limit is one setting for the whole process, which other libraries
    change (importing frictionless raises it to the largest integer), so it is set again here.
    """
    csv.field_size_limit(MAX_CELL_BYTES)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), strict=True)), []
    except csv.Error:
        pass  # find where it broke, slowly, only for a broken file
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    row = 0
    try:
        for row, _ in enumerate(reader, start=1):
            pass
    except csv.Error as error:
        if "field larger" in str(error) and text.count('"') % 2 == 0:  # quotes balance: a cell really is that long
            return None, [problem("cell-too-large", file, row + 1, limit=_megabytes(MAX_CELL_BYTES))]
        return None, [problem("csv-malformed", file, row + 1, error=_csv_error(error))]
    return None, []  # unreachable: the first pass failed, so the second does too


def _csv_error(error: csv.Error) -> str:
    text = str(error)
    if "end of data" in text or "field larger" in text:
        return "a quote mark opens a cell that never closes"
    return text


def _cells(records: list[list[str]], file: str) -> tuple[np.ndarray, dict[str, np.ndarray], list[Problem]]:
    """Row numbers and named columns of the data rows, without blank rows; ragged rows reported."""
    header, data = records[0], records[1:]
    width = len(header)
    lengths = np.fromiter(map(len, data), dtype=np.int64, count=len(data))
    if (lengths != width).any():
        data = [row[:width] if len(row) >= width else row + [""] * (width - len(row)) for row in data]
    rows = np.arange(2, len(data) + 2)
    blank = ~np.fromiter(map(any, data), dtype=bool, count=len(data))  # every cell empty, or a blank line
    problems = _blank_rows(rows[blank], file) + _ragged_rows(rows, lengths, width, blank, file)
    grid = np.empty((len(data), width), dtype=object)
    if data:
        grid[:] = data
    if blank.any():
        grid, rows = grid[~blank], rows[~blank]
    return rows, {name: grid[:, position] for name, position in _named(header).items()}, problems


def _named(header: list[str]) -> dict[str, int]:
    """Each named column's position; an unnamed or repeated column is left out (the header checks say so)."""
    keep: dict[str, int] = {}
    for position, name in enumerate(header):
        if name.strip() and name not in keep:
            keep[name] = position
    return keep


def _blank_rows(rows: np.ndarray, file: str) -> list[Problem]:
    """One problem per run of consecutive empty rows."""
    problems = []
    for run in np.split(rows, np.flatnonzero(np.diff(rows) != 1) + 1) if len(rows) else []:
        first, last = int(run[0]), int(run[-1])
        text = f"row {first} is" if first == last else f"rows {first} to {last} are"
        problems.append(problem("blank-row", file, first, rows=text, noun="row" if first == last else "rows"))
    return problems


def _ragged_rows(rows, lengths, width, blank, file) -> list[Problem]:
    problems = []
    for index in np.flatnonzero((lengths != width) & ~blank):
        slug = "cells-extra" if lengths[index] > width else "cells-missing"
        problems.append(problem(slug, file, int(rows[index]), count=int(lengths[index]), expected=width))
    return problems


def _cell_start(lines: list[str], line: int, position: int) -> tuple[int, int]:
    """Walk the record from its first line to the start of cell `position` (quotes respected)."""
    if position == 0:
        return line, 1
    quoted, cell = False, 0
    for line_index in range(line - 1, len(lines)):
        for offset, char in enumerate(lines[line_index]):
            if char == '"':
                quoted = not quoted
            elif char == "," and not quoted:
                cell += 1
                if cell == position:
                    return line_index + 1, offset + 2
    return line, 1
