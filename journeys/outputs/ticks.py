"""A chart's time axis, ticked in its series' own kind of period (issue 23).

Left to itself, Vega ticks a time axis in whatever unit fits its width: two monthly figures get a
tick a week, each labelled with its month, so "Oct 2016" is printed four times. Here the ticks
follow the kind of period the figures are for: a monthly series is ticked in months ("Oct
2016"), a quarterly one in quarters ("Jul-Sep 2018", "2018/19 Q2"), financial years as
"2016/17", calendar years as "2016", figures "as at" a few days at those days. Each tick sits in
the middle of its period, where the chart draws that period's figure; ticks are thinned to every
2nd, 3rd, 6th… period, aligned to the calendar, so that labels never crowd, and no label repeats.

    time_ticks(kind, first, last, days) -> [(day, label), …]
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from journeys.model.periods import MONTHS

# The most labels each unit's axis holds across a 600-pixel chart (its labels' width, with room).
MOST = {"month": 8, "quarter": 6, "financial quarter": 6, "financial year": 8, "year": 10, "day": 5}
STEPS = {"month": (1, 2, 3, 6, 12, 24, 60, 120), "quarter": (1, 2, 4, 8, 20, 40),
         "financial quarter": (1, 2, 4, 8, 20, 40), "financial year": (1, 2, 5, 10, 20, 50),
         "year": (1, 2, 5, 10, 20, 50)}
# Each kind of period as the unit its axis is ticked in: a year to date is reported month by month.
UNITS = {"month": "month", "year to date": "month", "quarter": "quarter", "financial quarter": "financial quarter",
         "financial year": "financial year", "year": "year", "day": "day"}


def time_ticks(kind: str, first: date, last: date, days: tuple[date, ...] = ()) -> list[tuple[date, str]]:
    """Ticks (the middle day of each period, its label) between `first` and `last`, in the unit of
    `kind`. `days`: the days of figures "as at" a day, ticked themselves when they are few."""
    unit = UNITS.get(kind, "month")
    if unit == "day":
        if 1 < len(set(days)) <= MOST["day"]:
            return [(day, short_date(day)) for day in sorted(set(days))]
        unit = "month"
    low, high = _index(unit, first), _index(unit, last)
    chosen: list[tuple[int, date]] = []
    # The finest step, aligned to the calendar, that leaves few enough labels (steps too fine to
    # be that are not tried: a ten-year monthly chart is not ticked 120 times to count them).
    for step in (step for step in STEPS[unit] if (high - low) // step < MOST[unit] + 1):
        chosen = [(index, middle) for index in range(-(-low // step) * step, high + 1, step)
                  if first <= (middle := _middle(unit, index)) <= last]
        if len(chosen) <= MOST[unit]:
            break
    if not chosen:  # a chart narrower than one period's middle: its first period, where its figures are
        chosen = [(low, _middle(unit, low))]
    return [(middle, _label(unit, index)) for index, middle in chosen]


def short_date(day: date) -> str:
    """'15 Sep 2016'."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def _index(unit: str, day: date) -> int:
    """The number of the period of `unit` that holds `day`, counted from year 0."""
    financial = day.year if day.month >= 4 else day.year - 1
    return {"month": day.year * 12 + day.month - 1, "quarter": day.year * 4 + (day.month - 1) // 3,
            "financial quarter": financial * 4 + (day.month - 4) % 12 // 3, "financial year": financial,
            "year": day.year}[unit]


def _months(unit: str, index: int) -> tuple[int, int]:
    """The period numbered `index` as (its first month, how many months), a month counted from year 0."""
    if unit == "month":
        return index, 1
    if unit == "quarter":
        return index * 3, 3
    if unit == "financial quarter":
        return (index // 4) * 12 + 3 + (index % 4) * 3, 3
    return (index * 12 + 3, 12) if unit == "financial year" else (index * 12, 12)


def _middle(unit: str, index: int) -> date:
    """The middle day of a period, as the charts place its figure: its start and half its length in
    whole days (chart_data.grouped)."""
    first, months = _months(unit, index)
    start = date(first // 12, first % 12 + 1, 1)
    last = first + months - 1
    end = date(last // 12, last % 12 + 1, calendar.monthrange(last // 12, last % 12 + 1)[1])
    return start + timedelta(days=(end - start).days // 2)


def _label(unit: str, index: int) -> str:
    """'Oct 2016', 'Jul-Sep 2018', '2018/19 Q2', '2016/17', '2016': as journeys.model.periods labels
    them, a financial quarter without its months."""
    first, months = _months(unit, index)
    year = first // 12
    if unit == "month":
        return f"{MONTHS[first % 12][:3]} {year}"
    if unit == "quarter":
        return f"{MONTHS[first % 12][:3]}-{MONTHS[first % 12 + 2][:3]} {year}"
    financial = index // 4 if unit == "financial quarter" else index
    years = f"{financial}/{(financial + 1) % 100:02d}"
    return {"financial quarter": f"{years} Q{index % 4 + 1}", "financial year": years, "year": str(index)}[unit]


EPOCH = date(1970, 1, 1)


def axis_slots(datasets: dict[str, list[dict]], kind: str, days: tuple[date, ...] = ()) -> dict[str, list]:
    """A chart template's time-axis slots (charts.SLOTS) for its filled datasets: the ticks across
    everything the chart draws (figures at their periods' middles, targets and spans from start to
    end), as Vega's UTC milliseconds, and their labels."""
    found = [row[name] for rows in datasets.values() for row in rows
             for name in ("date", "start", "end") if name in row]
    if not found:
        return {"X_TICKS": [], "X_LABELS": []}
    ticks = time_ticks(kind, date.fromisoformat(min(found)[:10]), date.fromisoformat(max(found)[:10]), days)
    return {"X_TICKS": [(day - EPOCH).days * 86_400_000 for day, _ in ticks], "X_LABELS": [label for _, label in ticks]}
