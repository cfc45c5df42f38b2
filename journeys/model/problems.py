"""Problems are data: every check returns Problems; nothing raises for bad input.

CATALOGUE (journeys.model.catalogue, named here too) names every kind of problem the validator
can report: a stable slug, a message template (what is wrong) and a hint template (what to write
instead). `problem(slug, ...)` makes one of a catalogued kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeys.invocation import command
from journeys.model.catalogue import CATALOGUE, Kind, catalogue_markdown  # noqa: F401 (where problems are made)


@dataclass(frozen=True)
class Problem:
    slug: str           # stable identifier, listed in docs/problems.md
    file: str           # path as the officer knows it, e.g. data/kent/observations.csv
    row: int | None     # as a spreadsheet shows it: the header is row 1 (a line for JSON)
    column: str | None
    value: str | None
    message: str        # what is wrong, in plain words
    hint: str           # what to write instead
    file_line: int | None = None  # the line in the file, when a quoted newline moves it off `row`
    col: int | None = None        # the character column where the cell starts on that line
    sheet: str | None = None      # in a workbook (build_site.py import-xlsx): the sheet's name
    cell: str | None = None       # and the cell, as Excel names it (C7)

    def line(self) -> str:
        """One line an officer can act on."""
        where = self.where()
        return f"{self.file}, {where}: {self.what()}" if where else f"{self.file}: {self.what()}"

    def where(self) -> str:
        """'row 14, column "period"' (or 'line 7' in a JSON file; 'sheet "KPIs", cell C7' in a workbook)."""
        if self.cell is not None:
            return f'sheet "{self.sheet}", cell {self.cell}'
        if self.sheet is not None:
            return f'sheet "{self.sheet}"' + (f", row {self.row}" if self.row is not None else "")
        parts = []
        if self.row is not None:
            parts.append(f"{'line' if self.file.endswith(('.json', '.yml', '.yaml')) else 'row'} {self.row}")
        if self.column:
            parts.append(f'column "{self.column}"')
        return ", ".join(parts)

    def what(self) -> str:
        """The value, what is wrong with it and what to write instead."""
        value = f'"{self.value}" ' if self.value not in (None, "") else ""
        return f"{value}{self.message}. {self.hint}".rstrip()


MAX_OF_A_KIND = 50  # per file: the first fifty show the mistake; a hundred thousand more only bury it


def problem(slug: str, file: str, row: int | None = None, column: str | None = None,
            value: str | None = None, /, **details) -> Problem:
    """A Problem of a catalogued kind, its message and hint filled in from `details`.

    The first five are positional only, so a template may use {column} or {value} itself. {run} is
    filled in here: the command that started this program, so a command in a hint works where it is read.
    """
    kind = CATALOGUE[slug]
    details.setdefault("run", command())
    return Problem(slug, file, row, column, value, kind.message.format(**details), kind.hint.format(**details))
