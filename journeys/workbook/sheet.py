"""Reading one sheet of an officer's workbook: what each cell shows, and what Excel knows of it.

openpyxl reads everything an import needs in one pass: the values Excel saved (a formula's
cached result, an error such as #DIV/0!), number formats (0.0% means the 0.616 stored is shown
as 61.6%), fills (a RAG given only as a colour), merged ranges (a heading spread over several
columns), hidden rows and columns, and cell comments (an officer's note on a figure). A second,
streaming pass finds formulas, so that a formula Excel never calculated (no cached value) is a
problem and not a blank. python-calamine reads values faster but gives an error cell as an
empty string, which would turn #DIV/0! into "no figure": so it is not used here.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

from journeys.checks.common import did_you_mean
from journeys.model.problems import Problem, problem
from journeys.model.reading import read_file


@dataclass(frozen=True)
class Cell:
    row: int
    column: int
    value: object           # what Excel saved: str, int, float, bool, datetime, or None
    number_format: str = "General"
    fill: str | None = None  # the solid fill's RGB, e.g. "00B050"; None for no fill
    comment: str | None = None

    @property
    def ref(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"


@dataclass
class Sheet:
    workbook: str            # the workbook as the officer named it, for problems
    name: str
    cells: dict[tuple[int, int], Cell]
    max_row: int
    max_column: int
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    uncalculated: set[tuple[int, int]] = field(default_factory=set)  # formulas with no cached value
    merged: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # cell -> its range's first cell

    def cell(self, row: int, column: int) -> Cell:
        """The cell as it shows: inside a merged range, the range's first cell's value."""
        origin = self.merged.get((row, column), (row, column))
        found = self.cells.get(origin)
        if found is None:
            return Cell(row, column, None)
        return found if origin == (row, column) else Cell(row, column, found.value, found.number_format)

    def text(self, row: int, column: int) -> str:
        """A cell's value as plain words, for headings and labels."""
        value = self.cell(row, column).value
        return "" if value is None else " ".join(str(value).split())


def ref(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"


def read_sheet(path: Path, display: str, sheet_name: str | None) -> tuple[Sheet | None, list[Problem]]:
    """The named sheet (the first visible one when None), or the problems that stop it being read."""
    if not path.is_file():
        return None, [problem("workbook-unreadable", display, what="there is no file here",
                              fix="Give the path of the .xlsx workbook, e.g. scorecard.xlsx.")]
    try:
        raw = read_file(path)  # read once, through the reading layer, for both of openpyxl's passes
    except OSError as error:
        return None, [problem("workbook-unreadable", display, what=f"the file cannot be opened ({error.strerror})",
                              fix="Close it in Excel if it is open there, and check you may read it.")]
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        return None, [problem("workbook-unreadable", display, what="the file is not an Excel workbook (.xlsx)",
                              fix="In Excel choose File > Save As > Excel Workbook (*.xlsx).")]
    try:
        book = load_workbook(io.BytesIO(raw), data_only=True)
    except Exception as error:  # a damaged or password-protected file: a problem, not a traceback
        return None, [problem("workbook-unreadable", display, what=f"Excel's file could not be read ({type(error).__name__})",
                              fix="Open it in Excel and save it again as Excel Workbook (*.xlsx).")]
    names = book.sheetnames
    name = sheet_name if sheet_name is not None else next(
        (ws.title for ws in book.worksheets if ws.sheet_state == "visible"), names[0])
    if name not in names:
        return None, [problem("workbook-sheet-missing", display, None, None, name,
                              suggestion=did_you_mean(name, names), sheets=", ".join(f'"{n}"' for n in names))]
    sheet = _sheet(book[name], display)
    sheet.uncalculated = _uncalculated(raw, name, sheet)
    return sheet, []


def _sheet(ws, display: str) -> Sheet:
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            fill = _fill(c)
            comment = c.comment.text.strip() if c.comment is not None else None
            if c.value is None and fill is None and comment is None:
                continue
            cells[c.row, c.column] = Cell(c.row, c.column, c.value, c.number_format or "General", fill, comment)
    merged = {}
    for span in ws.merged_cells.ranges:
        for r in range(span.min_row, span.max_row + 1):
            for col in range(span.min_col, span.max_col + 1):
                merged[r, col] = (span.min_row, span.min_col)
    hidden_rows = {index for index, dim in ws.row_dimensions.items() if dim.hidden}
    hidden_columns = set()
    for letter, dim in ws.column_dimensions.items():
        if dim.hidden:
            first, last = dim.min or column_index_from_string(letter), dim.max or column_index_from_string(letter)
            hidden_columns |= set(range(first, last + 1))
    return Sheet(display, ws.title, cells, ws.max_row, ws.max_column, hidden_rows, hidden_columns, merged=merged)


def _fill(c) -> str | None:
    """The solid fill of a cell as six hex digits, or 'theme N' for a theme colour; None if unfilled."""
    fill = c.fill
    if fill is None or fill.fill_type != "solid":
        return None
    colour = fill.fgColor
    if colour.type == "rgb" and isinstance(colour.rgb, str):
        return colour.rgb[-6:].upper()
    if colour.type == "theme":
        return f"theme {colour.theme}"
    if colour.type == "indexed":
        return f"indexed {colour.indexed}"
    return None


def _uncalculated(raw: bytes, name: str, sheet: Sheet) -> set[tuple[int, int]]:
    """Cells holding a formula whose result Excel never saved (openpyxl writes such formulas)."""
    book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    found = set()
    for row in book[name].iter_rows():
        for c in row:
            if getattr(c, "data_type", None) == "f" or (isinstance(c.value, str) and c.value.startswith("=")):
                if sheet.cells.get((c.row, c.column), Cell(0, 0, None)).value is None:
                    found.add((c.row, c.column))
    book.close()
    return found
