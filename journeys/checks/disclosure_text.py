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

from datetime import timedelta

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
    """The texts near each figure of observations.csv, with every period and date parsed once."""

    def __init__(self, tables: Tables, observations: Columns):
        self.observations = observations
        self.periods = _periods(observations)
        self.others = [(table, _periods(table)) for name in ("targets", "comparators")
                       if (table := columns(tables, name, "indicator_id", "period", "note")) is not None]
        self.updates = columns(tables, "board_updates", "date", "message", "note")
        self.dated = self.updates.lookup("date", {text: parse_dated(text) for text in set(self.updates["date"])}) \
            if self.updates is not None else []
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
        for j in _neighbours(np.flatnonzero(observations["indicator_id"] == indicator), self.periods, i):
            yield (observations.file, int(observations.rows[j]), "note"), observations["note"][j], True
        relatives = np.isin(observations["indicator_id"], list(self.related.get(indicator, ())))
        for j in np.flatnonzero(relatives):
            other = self.periods[j]
            if other is not None and (other.start, other.end) == (period.start, period.end):
                yield (observations.file, int(observations.rows[j]), "note"), observations["note"][j], False
        for table, periods in self.others:
            for j in np.flatnonzero(table["indicator_id"] == indicator):
                if periods[j] is not None and _overlap(period, periods[j]):
                    yield (table.file, int(table.rows[j]), "note"), table["note"][j], False
        for j, dated in enumerate(self.dated):
            if dated is not None and dated.start is not None and dated.end >= period.start \
                    and dated.start <= period.end + BOARD_HEARS_WITHIN:
                for column in ("message", "note"):
                    yield (self.updates.file, int(self.updates.rows[j]), column), self.updates[column][j], False


def _periods(table: Columns) -> np.ndarray:
    return table.lookup("period", {text: parse_period(text) for text in set(table["period"])})


def _neighbours(same: np.ndarray, periods: np.ndarray, i: int) -> list[int]:
    """Figures of the same indicator whose period overlaps figure i's, and the one just before and
    just after it among those of the same kind of period."""
    period = periods[i]
    kin = sorted((periods[j].start, periods[j].end, int(j)) for j in same
                 if periods[j] is not None and periods[j].kind == period.kind)
    place = next(n for n, (_, _, j) in enumerate(kin) if j == i)
    around = {kin[n][2] for n in (place - 1, place + 1) if 0 <= n < len(kin)}
    around |= {int(j) for j in same if periods[j] is not None and _overlap(period, periods[j])}
    return sorted(around - {i})


def _overlap(first: Period, second: Period) -> bool:
    return first.start <= second.end and second.start <= first.end
