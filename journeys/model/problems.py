"""Problems are data: every check returns Problems; nothing raises for bad input.

CATALOGUE (journeys.model.catalogue, named here too) names every kind of problem the tool can
report: a stable slug, a message template (what is wrong) and a hint template (what to write
instead). `problem(slug, ...)` makes one of a catalogued kind; `catalogue_markdown(run)` renders
docs/problems.md from it (`python -m journeys.checks > docs/problems.md`); a test keeps the two in
step, and another makes sure every slug is produced by a real fixture. `printable` makes text from
the data safe to print.
"""

from __future__ import annotations

import errno
import html
import re
from dataclasses import dataclass

from journeys.invocation import command
from journeys.model.catalogue import CATALOGUE, Kind  # noqa: F401 (the catalogue's home is its own module)


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
        """One line an officer can act on, safe to print (see `printable`)."""
        where = self.where()
        return printable(f"{self.file}, {where}: {self.what()}" if where else f"{self.file}: {self.what()}")

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
        """The value (its start, if it is long), what is wrong with it and what to write instead."""
        value = f'"{shortened(self.value)}" ' if self.value not in (None, "") else ""
        return f"{value}{self.message}. {self.hint}".rstrip()

SHOWN = 200  # characters of a value a problem shows: enough to find the cell, not a megabyte of it
# What must not reach a terminal or a CI log as it is: control characters (a line break would start a
# new line, which a CI runner reads as a command if it starts "::"), the Unicode line separators, and
# the invisible marks that reorder text (bidirectional controls) or hide it.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def shortened(value: str) -> str:
    """A value as a problem shows it: whole, or its start and how long it is."""
    return value if len(value) <= SHOWN else f"{value[:SHOWN]}… ({len(value):,} characters)"


def printable(text: str) -> str:
    """Text from the data, safe to print on one line of a terminal or a CI log: every line break and
    control character written as an escape (\\n, \\x0b, \\u2028), and "::" and "##[" broken up,
    so nothing a cell holds can become a GitHub Actions workflow command (which starts a line with
    "::", or holds "##[" anywhere)."""
    text = UNPRINTABLE.sub(lambda found: found[0].encode("unicode_escape").decode("ascii"), text)
    return text.replace("::", ": :").replace("##[", "# #[")


MAX_OF_A_KIND = 50  # per file: the first fifty show the mistake; a hundred thousand more only bury it


WRITE_FAILURES = {  # errno: why a write failed, and what to do, for an officer
    errno.ENOSPC: ("the disk is full", "Free some space on the disk that holds {folder} (or choose a folder on "
                   "another disk), then try again."),
    errno.EDQUOT: ("the disk quota is used up", "Free some space in your quota (or choose a folder on another "
                   "disk), then try again."),
    errno.EROFS: ("the disk is read-only", "Choose a folder on a disk you can write to, then try again."),
    errno.EACCES: ("you do not have permission to write there", "Choose a folder you can write to, or ask for "
                   "permission to write to {folder}, then try again."),
    errno.EPERM: ("you do not have permission to write there", "Choose a folder you can write to, or ask for "
                  "permission to write to {folder}, then try again."),
    errno.ENAMETOOLONG: ("a name in the path is too long for the disk", "Choose a shorter name, then try again."),
    errno.ENOTDIR: ("a part of the path is a file, not a folder", "Choose a path made of folders, then try again."),
}


def write_failed(file: str, error: OSError, folder: str | None = None) -> Problem:
    """A Problem for a write the disk refused: why, and what to do (never a traceback)."""
    reason, fix = WRITE_FAILURES.get(error.errno, (f"{error.strerror or error}", "Check the disk and the folder, "
                                                   "then try again."))
    return problem("write-failed", file, reason=reason, fix=fix.format(folder=folder or file))


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

