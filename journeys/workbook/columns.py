"""What each column of a scorecard holds, from its headings and the mapping.

A heading is the text of the column's cells in the header rows, read together: a period
merged over three columns heads each of them, so "2012-13" above "Target" is "2012-13 Target".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from journeys.model.periods import parse_period
from journeys.workbook.headings import Heading, month_of, read_heading
from journeys.workbook.mapping import Column, Mapping
from journeys.workbook.sheet import Sheet

ROLE_WORDS = [  # words that name what a column holds, beside or instead of its period
    (re.compile(r"\btargets?\b", re.I), "target"),
    (re.compile(r"\btolerances?\b|\bbands?\b", re.I), "tolerance"),
    (re.compile(r"\bRAG\b|\bratings?\b|\bstatus\b", re.I), "rating"),
    (re.compile(r"\bnotes?\b|\bcomments?\b|\bcommentary\b", re.I), "note"),
    (re.compile(r"\bdirection of travel\b|\bDoT\b|\btrend\b", re.I), "ignore"),
]


@dataclass(frozen=True)
class Slot:
    """One column: its heading, and either a period (a column of figures) or another role."""
    column: int
    heading: str
    row: int                  # the header row the heading is read from (for problems)
    period: Heading | None = None
    spec: Column | None = None

    @property
    def role(self) -> str:
        return "value" if self.period is not None and self.spec is None else (self.spec.role if self.spec else "")


def heading_of(sheet: Sheet, rows: list[int], column: int) -> tuple[str, object]:
    """The words heading a column (header rows read together) and its single raw value, for dates."""
    origins = {sheet.merged.get((row, column), (row, column)): row for row in rows}  # a merged cell counts once
    values = [sheet.cell(row, column).value for row in origins.values()]
    present = [value for value in values if value not in (None, "")]
    text = " ".join(" ".join(str(v).split()) for v in present if not _is_date(v))
    dated = [v for v in present if _is_date(v)]
    raw = dated[0] if dated and not text else (present[0] if len(present) == 1 else text)
    if dated and text:  # a date above "Actual": the month, then the words
        text = f"{month_of(dated[0])} {text}"
    return text, raw


def _is_date(value) -> bool:
    return hasattr(value, "year") and hasattr(value, "month")


def latest_month(sheet: Sheet, rows: list[int], first_column: int) -> str | None:
    """The latest month any heading names: what "YTD" runs to."""
    months = []
    for row in rows:
        for column in range(first_column, sheet.max_column + 1):
            value = sheet.cell(row, column).value
            if value in (None, ""):
                continue
            heading = read_heading(value, None)
            if heading is not None:
                period = heading.period.removeprefix("YTD ")
                if re.fullmatch(r"\d{4}-\d{2}", period):
                    months.append(period)
    return max(months) if months else None


def slots(sheet: Sheet, mapping: Mapping, rows: list[int], label_column: int, month: str | None) -> list[Slot]:
    """Each headed column right of the labels (and left of them too: a long layout may put them anywhere)."""
    found = []
    for column in range(1, sheet.max_column + 1):
        if column == label_column and mapping.layout == "wide":
            continue
        text, raw = heading_of(sheet, rows, column)
        if not text and raw in (None, ""):
            continue
        found.append(classify(column, text, raw, rows[-1], mapping, month))
    return found


def classify(column: int, text: str, raw, row: int, mapping: Mapping, month: str | None) -> Slot:
    """What a heading says the column holds: the mapping first, then its words, then its period."""
    spec = mapping.column(text)
    if spec is not None:
        period = (Heading(spec.period) if parse_period(spec.period) else read_heading(spec.period, month)) \
            if spec.period else None
        return Slot(column, text, row, period, spec)
    for pattern, role in ROLE_WORDS:
        if pattern.search(text):
            rest = pattern.sub(" ", text)
            period = read_heading(rest, month) if rest.strip() else None
            return Slot(column, text, row, period, Column(role))
    heading = read_heading(raw if raw not in (None, "") else text, month)
    return Slot(column, text, row, heading, None)
