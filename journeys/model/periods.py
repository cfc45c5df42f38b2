"""Periods as the papers write them, parsed into real start and end dates.

Grammar (one form per line of the officers' guide):
  2016          calendar year            2016-11        month
  2018-Q3       calendar quarter         2018/19 Q2     financial quarter (Q1 = April-June)
  2016/17       financial year (April-March)
  YTD 2016-11   financial year to date: April to the end of that month
  2018-09-30    "as at" a day (31/01/2017 is read as a UK date)
and, for figures as papers state them (issue 25):
  12 months to 2018-09   a rolling period: the 12 months to the end of September 2018
  2018-05 to 2018-07     a run of months: May to July 2018 ("since January", "May, June and July")
  unstated 2018-09       a figure whose period the paper does not state, kept at the paper's date
                         (a day, a month or a year, as the paper, or the column it sits in, gives it)
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from journeys.model.vocabulary import EARLIEST_YEAR, LATEST_YEAR

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]


@dataclass(frozen=True)
class Period:
    text: str
    kind: str  # year, month, quarter, financial year, financial quarter, year to date, day,
    #            rolling, months, unstated (vocabulary.PERIOD_KINDS)
    start: date
    end: date
    label: str


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _financial_year(text: str) -> int | None:
    """The first calendar year of '2016/17', or None if the two halves do not follow on."""
    first, second = text.split("/")
    return int(first) if (int(first) + 1) % 100 == int(second) else None


def plausible_years(text: str) -> bool:
    """Every year written in the text (four digits) is one a journey's date can have."""
    return all(EARLIEST_YEAR <= int(year) <= LATEST_YEAR for year in re.findall(r"(?<!\d)\d{4}(?!\d)", text))


def parse_date(text: str) -> date | None:
    """An ISO (2017-01-31) or UK (31/01/2017) date; None if it is not a real day, or its year is
    not one a journey can have (0001-01-01, 2710-01-01)."""
    text = text.strip()
    if not plausible_years(text):
        return None
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
            return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None
    return None


def format_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def date_label(value: object) -> str:
    """'30 June 2014' for a day (a date, a Timestamp or its text), 'March 2014' for a month
    written 2014-03, '' for nothing (NaT, None, '')."""
    if value is None or value != value:  # NaN and NaT are not equal to themselves
        return ""
    if isinstance(value, date):  # a pandas Timestamp is a date too
        return format_date(value)
    text = str(value).strip()
    if len(text) == 7 and (period := parse_period(text)):
        return period.label
    day = parse_date(text)
    return format_date(day) if day else text


def parse_period(text: str) -> Period | None:
    """Parse one period; None if the text is not a period we know, or names an implausible year."""
    text = text.strip()
    if not plausible_years(text):
        return None
    if m := re.fullmatch(r"\d{4}", text):
        y = int(text)
        return Period(text, "year", date(y, 1, 1), date(y, 12, 31), text)
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            return None
        return Period(text, "month", date(y, mo, 1), _month_end(y, mo), f"{MONTHS[mo - 1]} {y}")
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", text):
        y, q = int(m[1]), int(m[2])
        first = 3 * (q - 1) + 1
        return Period(text, "quarter", date(y, first, 1), _month_end(y, first + 2),
                      f"{MONTHS[first - 1][:3]}-{MONTHS[first + 1][:3]} {y}")
    if m := re.fullmatch(r"(\d{4}/\d{2})( Q([1-4]))?", text):
        y = _financial_year(m[1])
        if y is None:
            return None
        if m[3] is None:
            return Period(text, "financial year", date(y, 4, 1), date(y + 1, 3, 31), m[1])
        sy, sm = _add_months(y, 4, 3 * (int(m[3]) - 1))
        ey, em = _add_months(sy, sm, 2)
        return Period(text, "financial quarter", date(sy, sm, 1), _month_end(ey, em),
                      f"{m[1]} Q{m[3]} ({MONTHS[sm - 1][:3]}-{MONTHS[em - 1][:3]} {ey})")
    if m := re.fullmatch(r"YTD (\d{4})-(\d{2})", text):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            return None
        fy = y if mo >= 4 else y - 1
        return Period(text, "year to date", date(fy, 4, 1), _month_end(y, mo),
                      f"{fy}/{(fy + 1) % 100:02d} to {MONTHS[mo - 1]} {y}")
    if (day := parse_date(text)) is not None:
        return Period(text, "day", day, day, f"as at {format_date(day)}")
    return _stated_as_papers_do(text)


def _month(text: str) -> tuple[int, int] | None:
    if (m := re.fullmatch(r"(\d{4})-(\d{2})", text)) and 1 <= int(m[2]) <= 12:
        return int(m[1]), int(m[2])
    return None


def _stated_as_papers_do(text: str) -> Period | None:
    """A rolling period, a run of months, or a period the paper does not state."""
    if m := re.fullmatch(r"(\d{1,3}) months to (\S+)", text):
        end, months = _month(m[2]), int(m[1])
        if end is None or not 2 <= months <= 120:
            return None
        sy, sm = _add_months(*end, 1 - months)
        return Period(text, "rolling", date(sy, sm, 1), _month_end(*end),
                      f"{months} months to {MONTHS[end[1] - 1]} {end[0]}")
    if m := re.fullmatch(r"(\S+) to (\S+)", text):
        first, last = _month(m[1]), _month(m[2])
        if first is None or last is None or first >= last:
            return None
        same_year = first[0] == last[0]
        label = (f"{MONTHS[first[1] - 1]}{'' if same_year else ' ' + str(first[0])} to "
                 f"{MONTHS[last[1] - 1]} {last[0]}")
        return Period(text, "months", date(*first, 1), _month_end(*last), label)
    if (m := re.fullmatch(r"unstated (\S+)", text)) and (when := parse_dated(m[1])) and when.start:
        return Period(text, "unstated", when.start, when.end, f"period not stated, reported by {when.label}")
    return None


# Dates as precise as a paper gives them (added for issue 15): a day, a month, a year, or
# "undated". A month or a year is never turned into a day for display: it covers its whole
# span, so two dates of different precision compare by span.

@dataclass(frozen=True)
class Dated:
    text: str
    precision: str  # day, month, year, undated
    start: date | None
    end: date | None
    label: str


def parse_dated(text: str) -> Dated | None:
    """A day (2017-01-31 or 31/01/2017), a month (2021-03), a year (2010) or 'undated'; None otherwise."""
    text = text.strip()
    if text == "undated":
        return Dated(text, "undated", None, None, "undated")
    if (day := parse_date(text)) is not None:
        return Dated(text, "day", day, day, format_date(day))
    if re.fullmatch(r"\d{4}(-\d{2})?", text) and (period := parse_period(text)) is not None:
        return Dated(text, period.kind, period.start, period.end, period.label)
    return None
