"""Free text near a suppressed figure must not give it away (journeys.domain.written_numbers finds
the numbers, however they are written).

Near a `c` means:
- its own row's note: no number at all beyond the harmless (dates, durations, references, the
  suppression range itself), since anything else could be it or a step to it;
- the notes of the same indicator's figures just before and after it, and of every figure whose
  period overlaps it ("up from 3 in January"): the same;
- the notes of its targets and comparators for a period that overlaps it, of its total's and
  parts' figures for the same period, and the board updates dated within it or the three months
  after (a board hears last month's figures): no number that narrows what the `c` hides (a count
  of 1 to 5, or a bound such as "fewer than 2"), since these talk of other figures too.
"""

from __future__ import annotations

import bisect
from datetime import date, timedelta

import numpy as np

from journeys.checks.common import Tables
from journeys.checks.rules import Columns, columns
from journeys.domain.disclosure import FIGURES as TRIO
from journeys.domain.written_numbers import Written, numbers_in
from journeys.model.periods import Period, parse_dated, parse_period
from journeys.model.problems import Problem, problem
from journeys.model.vocabulary import SUPPRESSED

BOARD_HEARS_WITHIN = timedelta(days=92)


def check_text(tables: Tables) -> list[Problem]:
    observations = columns(tables, "observations", "indicator_id", "period", "note")
    if observations is None:
        return []
    cells = tables["observations"].cells
    hidden = np.logical_or.reduce([cells[column] == SUPPRESSED for column in TRIO if column in cells])
    if not hidden.any():
        return []
    near = Near(tables, observations)
    found: dict[tuple[str, int, str], Problem] = {}
    for i in np.flatnonzero(hidden):
        own = _first(numbers_in(observations["note"][i]), strict=True)
        if own is not None:
            found.setdefault((observations.file, int(observations.rows[i]), "note"), problem(
                "note-reveals-suppressed", observations.file, int(observations.rows[i]), "note",
                observations["note"][i], number=own.text))
        for place, text, strict in near.texts(int(i)):
            number = _first(numbers_in(text), strict) if text else None
            if number is not None and place not in found:
                found[place] = problem("text-reveals-suppressed", place[0], place[1], place[2], text,
                                       number=number.text, indicator=observations["indicator_id"][i],
                                       period=observations["period"][i], row=int(observations.rows[i]))
    return list(found.values())


def _first(numbers: tuple[Written, ...], strict: bool) -> Written | None:
    return next((number for number in numbers if strict or number.pins_a_small_count()), None)


class Near:
    """The texts near each figure of observations.csv: every period and date parsed once, and an
    indicator's figures indexed once (by kind of period in order, and by start) with numpy, so a
    package with thousands of `c`s costs a look-up per `c`, not a pass over the table."""

    def __init__(self, tables: Tables, observations: Columns):
        self.observations = observations
        self.periods = _periods(observations)
        self.spans = _spans(observations)
        self.rows_of = observations.groups("indicator_id")
        self.series: dict[str, _Series] = {}
        self.others = [(table, _periods(table), table.groups("indicator_id")) for name in ("targets", "comparators")
                       if (table := columns(tables, name, "indicator_id", "period", "note")) is not None]
        self.updates = columns(tables, "board_updates", "date", "message", "note")
        dated = [] if self.updates is None else [
            (found.start, found.end, j) for j, text in enumerate(self.updates["date"])
            if (found := parse_dated(text)) is not None and found.start is not None]
        self.dated = sorted(dated)
        parts = columns(tables, "parts", "total_id", "part_id")
        self.related: dict[str, set[str]] = {}
        for total, part in zip(parts["total_id"], parts["part_id"]) if parts is not None else ():
            self.related.setdefault(total, set()).add(part)
            self.related.setdefault(part, set()).add(total)

    def texts(self, i: int):
        """(file, row, column), text and whether any number counts, for each text near figure i."""
        observations, period = self.observations, self.periods[i]
        if period is None:
            return
        indicator = observations["indicator_id"][i]
        for j in self._neighbours(indicator, i):
            yield (observations.file, int(observations.rows[j]), "note"), observations["note"][j], True
        for relative in sorted(self.related.get(indicator, ())):
            for j in self._series(relative).overlapping(i) if relative in self.rows_of else ():
                if (self.periods[j].start, self.periods[j].end) == (period.start, period.end):
                    yield (observations.file, int(observations.rows[j]), "note"), observations["note"][j], False
        for table, periods, rows in self.others:
            for j in rows.get(indicator, ()):
                if periods[j] is not None and _overlap(period, periods[j]):
                    yield (table.file, int(table.rows[j]), "note"), table["note"][j], False
        last = period.end + BOARD_HEARS_WITHIN
        for start, end, j in self.dated[:bisect.bisect_right(self.dated, (last, date.max, len(self.dated)))]:
            if end >= period.start:
                for column in ("message", "note"):
                    yield (self.updates.file, int(self.updates.rows[j]), column), self.updates[column][j], False

    def _series(self, indicator: str) -> _Series:
        if indicator not in self.series:
            self.series[indicator] = _Series(self.rows_of[indicator], self.spans)
        return self.series[indicator]

    def _neighbours(self, indicator: str, i: int) -> list[int]:
        """Figures of the same indicator whose period overlaps figure i's, and the one just before and
        just after it among those of the same kind of period."""
        series = self._series(indicator)
        return sorted((set(series.beside(i)) | set(series.overlapping(i))) - {i})


class _Series:
    """One indicator's figures (positions in the table), in order within each kind of period, and
    by start for overlaps. `spans` holds every figure's (start, end, kind) as numbers, -1 where the
    period could not be read."""

    def __init__(self, rows: np.ndarray, spans: tuple[np.ndarray, np.ndarray, np.ndarray]):
        self.start, self.end, self.kind = spans
        rows = rows[self.start[rows] >= 0]
        self.in_order = rows[np.lexsort((self.end[rows], self.start[rows], self.kind[rows]))]
        self.place = {int(j): n for n, j in enumerate(self.in_order)}
        self.by_start = rows[np.argsort(self.start[rows], kind="stable")]
        self.starts = self.start[self.by_start]
        self.longest = int((self.end[rows] - self.start[rows]).max(initial=0))

    def beside(self, i: int) -> list[int]:
        """The figures just before and after figure i among those of its kind of period."""
        n = self.place[i]
        return [int(self.in_order[m]) for m in (n - 1, n + 1)
                if 0 <= m < len(self.in_order) and self.kind[self.in_order[m]] == self.kind[i]]

    def overlapping(self, i: int) -> list[int]:
        """The figures whose period overlaps figure i's."""
        low = np.searchsorted(self.starts, self.start[i] - self.longest, side="left")
        high = np.searchsorted(self.starts, self.end[i], side="right")
        found = self.by_start[low:high]
        return [int(j) for j in found[self.end[found] >= self.start[i]]]


def _spans(table: Columns) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each figure's period as (first day, last day, kind) numbers; -1 where it could not be read."""
    kinds: dict[str, int] = {}
    known = {}
    for text in set(table["period"]):
        period = parse_period(text)
        known[text] = (-1, -1, -1) if period is None else \
            (period.start.toordinal(), period.end.toordinal(), kinds.setdefault(period.kind, len(kinds)))
    spans = table.lookup("period", known, (-1, -1, -1))
    return tuple(np.array([span[part] for span in spans], dtype=np.int64) for part in range(3))


def _periods(table: Columns) -> np.ndarray:
    return table.lookup("period", {text: parse_period(text) for text in set(table["period"])})


def _overlap(first: Period, second: Period) -> bool:
    return first.start <= second.end and second.start <= first.end
