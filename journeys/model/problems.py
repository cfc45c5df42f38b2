"""Problems are data: every check returns Problems; nothing raises for bad input.

CATALOGUE (journeys.model.catalogue, named here too) names every kind of problem the validator
can report: a stable slug, a message template (what is wrong) and a hint template (what to write
instead). `problem(slug, ...)` makes one of a catalogued kind; `catalogue_markdown()` renders
docs/problems.md from the catalogue.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from journeys.invocation import command
from journeys.model.catalogue import CATALOGUE, Kind  # noqa: F401 (where problems are made)


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


def catalogue_markdown(run: str) -> str:
    """docs/problems.md: every slug with its message and hint, for officers; `run` starts the commands it shows."""
    lines = ["# Problems the validator reports", "",
             f"`{run} validate` prints each problem with the file, the row as a spreadsheet",
             "shows it (the header is row 1), the column, the value, what is wrong and what to write instead,",
             "then the problem's name in brackets. Every name is listed here. Words in braces, such as",
             "{value}, are filled in from your data.", ""]
    for slug, kind in CATALOGUE.items():
        subject = "{value} " if kind.message.split(" ", 1)[0] in VERBS else ""
        lines += [f"## {slug}", "", f"**{_markdown(kind.title)}.** The validator says: "
                  f"{_markdown(subject + _unbrace(kind.message))}.", "",
                  f"What to do: {_markdown(_unbrace(kind.hint.replace('{run}', run)))}", ""]
    return "\n".join(lines)


# The first words of messages that follow the value, e.g. '"67.8%" has a % sign'.
VERBS = {"is", "has", "must", "matches", "repeats", "overlaps", "can", "marks", "leads", "appears", "holds"}


def _unbrace(template: str) -> str:
    """A template as officers read it: {{ and }} become single braces."""
    return template.replace("{{", "{").replace("}}", "}")


def _markdown(text: str) -> str:
    """Plain text that Markdown shows as written: no HTML, no emphasis, no links."""
    return re.sub(r"([\\`*_\[\]#|<>])", r"\\\1", html.escape(text, quote=False))

