"""Problems are data: every check returns Problems; nothing raises for bad input."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    slug: str           # stable identifier, listed in docs/problems.md
    file: str           # path as the officer knows it, e.g. data/kent/observations.csv
    row: int | None     # as a spreadsheet shows it: the header is row 1
    column: str | None
    value: str | None
    message: str        # what is wrong, in plain words
    hint: str           # what to write instead

    def line(self) -> str:
        """One line an officer can act on."""
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f'column "{self.column}"')
        value = f'"{self.value}" ' if self.value not in (None, "") else ""
        return f"{', '.join(where)}: {value}{self.message}. {self.hint}".rstrip()
