"""Periods as officers head their columns, read into the standard's forms (journeys.model.periods).

    Apr-16, April 2016, Apr 2016, an Excel date or date serial   -> 2016-04
    2016/17, 2016-17, 2016/2017, 2016-17 Outturn                 -> 2016/17
    2016/17 Q2, Q2 16/17, Q2 2016/17                             -> 2016/17 Q2
    YTD, 2016/17 (YTD), YTD Nov 16                               -> YTD 2016-11 (to the workbook's latest month)
    2018 Q3, Q3 2018                                             -> 2018-Q3
    the standard's own forms (2016-11, YTD 2016-11, 2018-09-30)  -> as written

A financial year not over by the workbook's latest month can only be a year to date: "2016/17"
in a November 2016 scorecard is read as YTD 2016-11, and the figure carries a note saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from journeys.model.periods import MONTHS, parse_period

ABBREVIATIONS = {name[:3].casefold(): number for number, name in enumerate(MONTHS, start=1)}
ABBREVIATIONS["sept"] = 9
# Words that say what a figure is, not which period: "2016-17 Outturn", "Nov 2016 Actual".
FILLER = re.compile(r"\b(outturn|actual|actuals|performance|figure|result|value|position|to date)\b", re.I)
EXCEL_EPOCH = date(1899, 12, 30)
# A period the standard cannot hold yet (issue 25, point 5): rolling twelve months.
ROLLING = re.compile(r"\b(rolling|12 months to|twelve months to|months ending)\b", re.I)


@dataclass(frozen=True)
class Heading:
    period: str                 # in the standard's form
    inferred: str = ""          # a note when the period was inferred rather than written


def month_of(value: object) -> str | None:
    """'2016-04' from an Excel date, a date serial in a heading, 'Apr-16' or 'April 2016'."""
    if isinstance(value, datetime | date):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, int | float) and not isinstance(value, bool) and 20000 < value < 80000:
        day = EXCEL_EPOCH + timedelta(days=int(value))
        return f"{day.year:04d}-{day.month:02d}"
    text = str(value).strip()
    if m := re.fullmatch(r"([A-Za-z]{3,9})\.?[\s\-/']*(\d{2}|\d{4})", text):
        number = ABBREVIATIONS.get(m[1][:4].casefold()) or ABBREVIATIONS.get(m[1][:3].casefold())
        if number is None or (len(m[1]) > 4 and m[1].casefold() != MONTHS[number - 1].casefold()):
            return None
        year = int(m[2]) if len(m[2]) == 4 else 2000 + int(m[2])
        return f"{year:04d}-{number:02d}"
    return None


def _financial(first: str, second: str) -> str | None:
    start = int(first) if len(first) == 4 else 2000 + int(first)
    if (start + 1) % 100 != int(second[-2:]):
        return None
    return f"{start}/{(start + 1) % 100:02d}"


def read_heading(value: object, latest_month: str | None) -> Heading | None:
    """The period a column heading names; None when it names none."""
    if isinstance(value, datetime | date) or (isinstance(value, int | float) and not isinstance(value, bool)):
        month = month_of(value)
        return Heading(month) if month else None
    text = " ".join(str(value).split())
    if not text or ROLLING.search(text):
        return None
    ytd = bool(re.search(r"\bYTD\b|year to date", text, re.I))
    core = FILLER.sub(" ", re.sub(r"\(?\bYTD\b\)?|year to date", " ", text, flags=re.I))
    core = " ".join(core.replace("(", " ").replace(")", " ").split())
    if ytd:
        return _year_to_date(core, latest_month)
    if (period := parse_period(core)) is not None and period.kind == "financial year":
        return _maybe_to_date(core, latest_month)
    if period is not None and period.kind != "day" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", core):
        return Heading(core)
    if month := month_of(core):
        return Heading(month)
    if m := re.fullmatch(r"(\d{4})\s*[-/–]\s*(\d{2}|\d{4})(?:\s+Q([1-4]))?", core):
        year = _financial(m[1], m[2])
        if year is None:
            return None
        return _maybe_to_date(year, latest_month) if m[3] is None else Heading(f"{year} Q{m[3]}")
    if m := re.fullmatch(r"Q([1-4])\s+(\d{2}|\d{4})\s*[-/–]\s*(\d{2}|\d{4})", core, re.I):
        year = _financial(m[2], m[3])
        return Heading(f"{year} Q{m[1]}") if year else None
    if m := re.fullmatch(r"(?:Q([1-4])\s+(\d{4})|(\d{4})\s+Q([1-4]))", core, re.I):
        return Heading(f"{m[2] or m[3]}-Q{m[1] or m[4]}")
    return None


def _year_to_date(core: str, latest_month: str | None) -> Heading | None:
    """'YTD' (to the latest month), 'YTD Nov 16', '2016/17 (YTD)'."""
    if month := month_of(core) or (core if re.fullmatch(r"\d{4}-\d{2}", core) else None):
        return Heading(f"YTD {month}")
    if latest_month is None:
        return None
    if core and (m := re.fullmatch(r"(\d{4})\s*[-/–]\s*(\d{2}|\d{4})", core)):
        year = _financial(m[1], m[2])
        start = int(m[1])
        y, mo = map(int, latest_month.split("-"))
        if year is None or not (date(start, 4, 1) <= date(y, mo, 1) <= date(start + 1, 3, 1)):
            return None
    elif core:
        return None
    return Heading(f"YTD {latest_month}")


def _maybe_to_date(year: str, latest_month: str | None) -> Heading:
    """A financial year still running at the workbook's latest month is a year to date."""
    start = int(year[:4])
    if latest_month is not None:
        y, mo = map(int, latest_month.split("-"))
        if date(start, 4, 1) <= date(y, mo, 1) < date(start + 1, 3, 1):
            return Heading(f"YTD {latest_month}", f"Column headed {year}; read as the year to date, April to "
                                                  f"{MONTHS[mo - 1]} {y}, the workbook's latest month.")
    return Heading(year)
