"""What to write instead of a date, period or number the standard cannot read.

Each function looks at one failing value (never a whole column) and guesses what the
officer meant, from the forms Excel and council papers commonly use.
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date, datetime, timedelta

from journeys.model.periods import MONTHS

DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%d/%m/%y", "%d-%b-%y", "%d-%b-%Y", "%d-%m-%Y", "%d.%m.%Y",
                "%Y/%m/%d", "%Y-%m-%d", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S",
                "%B %d, %Y", "%b %d, %Y")
MONTH_FORMATS = ("%B %Y", "%b %Y", "%b-%y", "%B-%y", "%b %y", "%b-%Y", "%Y %B", "%Y %b", "%m/%Y")
GENERIC_DATE = "Write a date as 2017-01-31 (or 31/01/2017 as Excel shows it)."
GENERIC_PERIOD = ("Write a month as 2016-11, a calendar quarter as 2018-Q3, a financial year as 2016/17, "
                  "a financial quarter as 2018/19 Q2, a year as 2016, year to date as YTD 2016-11, "
                  "an 'as at' day as 2018-09-30, a rolling period as 12 months to 2018-09, a run of months as "
                  "2018-05 to 2018-07, or, if the paper does not state the period, unstated and the paper's date "
                  "(unstated 2018-09)")
EXCEL_EPOCH = date(1899, 12, 30)


def plain_number(text: str) -> str | None:
    """'1e3' -> '1000', '.5' -> '0.5', '+3' -> '3'; None if it is no number at all."""
    try:
        number = float(text.replace("£", "").replace(" ", ""))
    except ValueError:
        return None
    if not math.isfinite(number):
        return None
    plain = f"{number:.10f}".rstrip("0").rstrip(".")
    return plain if plain not in ("", "-") else "0"


def date_parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of an ISO or UK-shaped date, even an impossible one like 31/02/2025."""
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        return int(match[1]), int(match[2]), int(match[3])
    if match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
        return int(match[3]), int(match[2]), int(match[1])
    return None


def _parse_any(text: str, formats) -> datetime | None:
    for form in formats:
        try:
            return datetime.strptime(text, form)
        except ValueError:
            continue
    return None


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def date_suggestion(text: str, month: bool) -> str:
    """What to write for a failing date; `month` if a month alone (2014-03) is allowed."""
    also = " If the paper gives only the month, write it as 2014-03 (only the year: 2014)." if month else ""
    if parts := date_parts(text):
        return _impossible_day(*parts) + also
    if re.fullmatch(r"\d{5}", text) and 10000 <= int(text) <= 80000:
        day = EXCEL_EPOCH + timedelta(days=int(text))
        return f"This looks like a date Excel shows as a number: format the cell as a date, or write {day.isoformat()}."
    if month and (moment := _parse_any(text, MONTH_FORMATS)):
        return f"Write it as {moment.year}-{moment.month:02d}."
    if moment := _parse_any(text, DATE_FORMATS):
        return f"Write it as {moment.date().isoformat()}."
    return GENERIC_DATE + also


def _impossible_day(year: int, month: int, day: int) -> str:
    if 1 <= month <= 12:
        last = _last_day(year, month)
        nearest = min(max(day, 1), last)
        return f"{MONTHS[month - 1]} {year} has days 1 to {last}: write a real day such as {year}-{month:02d}-{nearest:02d}."
    if 1 <= day <= 12 and 1 <= month <= calendar.monthrange(year, day)[1]:  # written month first, as in the US
        return (f"Dates are read day first. If you meant {month} {MONTHS[day - 1]}, "
                f"write {year}-{day:02d}-{month:02d}.")
    return GENERIC_DATE


def period_suggestion(text: str, due: bool) -> str:
    """What to write for a failing period (or due date, which may also be 'ongoing')."""
    if due and text.casefold() == "ongoing":
        return 'Write "ongoing" in lower case.'
    for guess in (_period_from_date, _financial_year, _quarter, _month, _day, _as_papers_state):
        if found := guess(text):
            return found
    return GENERIC_PERIOD + (', or "ongoing"' if due else "") + "."


def _period_from_date(text: str) -> str | None:
    """31/02/2025 -> 'Write it as 2025-02 (month) or 2025-02-28 (day).'"""
    if not (parts := date_parts(text)):
        return None
    year, month, _ = parts
    if not 1 <= month <= 12:
        return GENERIC_PERIOD + "."
    return f"Write it as {year}-{month:02d} (month) or {year}-{month:02d}-{_last_day(year, month):02d} (day)."


def _financial_year(text: str) -> str | None:
    match = re.fullmatch(r"(?:FY\s*)?(\d{4})\s*[-/–]\s*(\d{2}|\d{4})", text, flags=re.IGNORECASE)
    if not match:
        return None
    first, second = int(match[1]), int(match[2][-2:])
    if (first + 1) % 100 != second:
        return (f"The years of a financial year follow on: write {first}/{(first + 1) % 100:02d} "
                f"or {first - 1}/{first % 100:02d}.")
    return f"Write a financial year as {first}/{second:02d}."


def _quarter(text: str) -> str | None:
    match = re.fullmatch(r"Q([1-4])\s*[-/ ]?\s*(\d{4})|(\d{4})\s*[-/ ]?\s*Q([1-4])", text, flags=re.IGNORECASE)
    if not match:
        return None
    quarter, year = (match[1], match[2]) if match[1] else (match[4], match[3])
    financial = f"{year}/{(int(year) + 1) % 100:02d} Q{quarter}"
    return f"Write a calendar quarter as {year}-Q{quarter} (or a financial quarter as {financial})."


def _month(text: str) -> str | None:
    ytd = re.fullmatch(r"YTD\s+(.*)", text, flags=re.IGNORECASE)
    moment = _parse_any(ytd[1] if ytd else text, MONTH_FORMATS)
    if moment is None:
        return None
    return f"Write it as {'YTD ' if ytd else ''}{moment.year}-{moment.month:02d}."


def _day(text: str) -> str | None:
    moment = _parse_any(text, DATE_FORMATS)
    return f"Write it as {moment.date().isoformat()} (as at that day)." if moment else None


def _month_text(text: str) -> str | None:
    moment = _parse_any(text.strip(), MONTH_FORMATS)
    return f"{moment.year}-{moment.month:02d}" if moment else None


def _as_papers_state(text: str) -> str | None:
    """'12 months to September 2018', 'May to July 2018', 'since January 2018', 'not stated'."""
    if m := re.fullmatch(r"(?:rolling\s+)?(\d{1,3})\s*months?\s+(?:to|ending)\s+(.+)", text, flags=re.IGNORECASE):
        end = _month_text(m[2]) or (m[2] if re.fullmatch(r"\d{4}-\d{2}", m[2]) else None)
        if end and int(m[1]) >= 2:
            return f"Write a rolling period as {int(m[1])} months to {end}."
    if m := re.fullmatch(r"(\w+)(?:\s+(\d{4}))?\s*(?:to|-|–)\s*(\w+\s+\d{4})", text, flags=re.IGNORECASE):
        last = _month_text(m[3])
        first = _month_text(f"{m[1]} {m[2] or (last or '')[:4]}")
        if first and last and first < last:
            return f"Write a run of months as {first} to {last}."
    if m := re.fullmatch(r"(?:since|from)\s+(.+)", text, flags=re.IGNORECASE):
        if first := _month_text(m[1]):
            return f"Write it as {first} to the month the figure runs to, e.g. {first} to 2018-09."
    if re.fullmatch(r"(?:not stated|unstated|unknown|no date|not given|n/?a)", text, flags=re.IGNORECASE):
        return "If the paper does not state the period, write unstated and the paper's date, e.g. unstated 2018-09."
    return None
