"""Turning a scorecard's cells into the package's rows, each remembering the cells it came from.

Wide (indicators down, periods across, optionally in sections that each have their own
heading row) and long (one row per indicator and period) layouts give the same rows:
observations, targets, comparators, and the ratings the workbook gives (as words or as fills).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from openpyxl.utils import column_index_from_string

from journeys.checks.common import did_you_mean
from journeys.model.periods import parse_period
from journeys.model.problems import Problem, problem
from journeys.workbook.columns import Slot, classify, heading_of, latest_month, slots
from journeys.workbook.headings import read_heading
from journeys.workbook.mapping import Entry, Mapping, fold
from journeys.workbook.sheet import Cell, Sheet
from journeys.workbook.values import figure


@dataclass
class Row:
    table: str
    values: dict[str, str]
    cells: dict[str, Cell]      # column of the CSV -> the workbook cell it came from
    label: Cell                 # the indicator's label: where a problem about the whole row points


@dataclass
class Rating:
    indicator_id: str
    period: str
    rating: str
    cell: Cell
    value: str


@dataclass
class Harvest:
    rows: list[Row] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)          # what was hidden, so not imported
    not_in_package: list[str] = field(default_factory=list)  # labels the mapping marks indicator_id: null
    indicators: set[str] = field(default_factory=set)


def harvest(sheet: Sheet, mapping: Mapping, indicators: dict[str, dict], document_id: str) -> Harvest:
    found = Harvest()
    label_column = column_index_from_string(mapping.label_column)
    reader = _Reader(sheet, mapping, indicators, document_id, found, label_column)
    reader.walk()
    return found


class _Reader:
    def __init__(self, sheet, mapping, indicators, document_id, found, label_column):
        self.sheet, self.mapping, self.indicators, self.document = sheet, mapping, indicators, document_id
        self.found, self.label_column = found, label_column
        self.month = latest_month(sheet, self._heading_rows(), 1)
        self.section = ""

    def _heading_rows(self) -> list[int]:
        rows = list(self.mapping.header_rows)
        if self.mapping.sections:
            rows += [r for r in range(max(rows) + 1, self.sheet.max_row + 1) if self._is_section(r)]
        return rows

    def _is_section(self, row: int) -> bool:
        """A row with a label whose other cells are headings, not figures."""
        if not self.sheet.text(row, self.label_column):
            return False
        others = [self.sheet.cell(row, c).value for c in range(1, self.sheet.max_column + 1) if c != self.label_column]
        others = [v for v in others if v not in (None, "")]
        return bool(others) and all(isinstance(v, str) or hasattr(v, "year") for v in others) and any(
            read_heading(v, "2000-01") is not None for v in others)

    def walk(self) -> None:
        header = self.mapping.header_rows
        columns = slots(self.sheet, self.mapping, header, self.label_column, self.month)
        self._check_headings(columns)
        self._hidden_columns(columns)
        if self.mapping.sections:
            self.section = self.sheet.text(max(header), self.label_column)
        for row in range(max(header) + 1, self.sheet.max_row + 1):
            if self.mapping.layout == "wide" and self.mapping.sections and self._is_section(row):
                self.section = self.sheet.text(row, self.label_column)
                columns = [classify(c.column, *heading_of(self.sheet, [row], c.column), row, self.mapping, self.month)
                           for c in slots(self.sheet, self.mapping, [row], self.label_column, self.month)]
                self._check_headings(columns)
                continue
            if row in self.sheet.hidden_rows:
                if self._has_content(row):
                    self.found.hidden.append(f"row {row} ({self.sheet.text(row, self.label_column) or 'no label'})")
                continue
            self._row(row, columns)

    def _has_content(self, row: int) -> bool:
        return any((row, c) in self.sheet.cells for c in range(1, self.sheet.max_column + 1))

    def _check_headings(self, columns: list[Slot]) -> None:
        for slot in columns:
            if slot.period is None and slot.spec is None:
                self.found.problems.append(self._problem("workbook-heading-unknown", slot.row, slot.column,
                                                         slot.heading, heading=slot.heading))

    def _hidden_columns(self, columns: list[Slot]) -> None:
        for slot in columns:
            if slot.column in self.sheet.hidden_columns:
                self.found.hidden.append(f'column {Cell(1, slot.column, None).ref[:-1]} ("{slot.heading}")')

    def _problem(self, slug: str, row: int, column: int, value, **details) -> Problem:
        found = problem(slug, self.sheet.workbook, None, None, None if value is None else str(value), **details)
        return _at(found, self.sheet.name, Cell(row, column, None).ref)

    def _row(self, row: int, columns: list[Slot]) -> None:
        label_cell = self.sheet.cell(row, self.label_column)
        label = self.sheet.text(row, self.label_column)
        if self.mapping.layout == "long":
            return self._long_row(row, columns, label_cell, label)
        filled = [s for s in columns if s.column not in self.sheet.hidden_columns and s.role != "ignore"
                  and self.sheet.cell(row, s.column).value not in (None, "")]
        if not label:
            return
        entry = self._entry(label, row, bool(filled))
        if entry is None or not filled:
            return
        self._figures(row, entry, columns, label_cell, label)

    def _entry(self, label: str, row: int, has_figures: bool) -> Entry | None:
        """The mapping's entry for a label (in this section, when the mapping names one)."""
        matches = [e for e in self.mapping.indicators if fold(e.label) == fold(label)
                   and (e.section is None or fold(e.section) == fold(self.section))]
        if not matches:
            if has_figures:
                self.found.problems.append(self._problem(
                    "workbook-label-unknown", row, self.label_column, label, mapping=self.mapping.file,
                    suggestion=did_you_mean(label, [e.label for e in self.mapping.indicators])))
            return None
        entry = matches[0]
        if entry.indicator_id is None:
            self.found.not_in_package.append(label)
            return None
        if entry.indicator_id not in self.indicators:
            self.found.problems.append(self._problem(
                "workbook-indicator-unknown", row, self.label_column, entry.indicator_id, mapping=self.mapping.file,
                suggestion=did_you_mean(entry.indicator_id, self.indicators)))
            return None
        self.found.indicators.add(entry.indicator_id)
        return entry

    def _source_section(self, entry: Entry, template: str | None = None) -> str:
        if entry.source_section:
            return entry.source_section
        base = ", ".join(part for part in (self.mapping.source_section, self.section) if part)
        return template.replace("{section}", base) if template else base

    def _figure(self, cell: Cell, indicator_id: str, target: bool = False):
        """The figure (or target) in a cell, or None after reporting why it cannot be read."""
        if (cell.row, cell.column) in self.sheet.uncalculated:
            self.found.problems.append(self._problem("workbook-formula-uncalculated", cell.row, cell.column, None))
            return None
        percentage = self.indicators[indicator_id].get("unit") == "percentage"
        found = figure(cell.value, cell.number_format, self.mapping.symbols, percentage, target)
        if found.not_yet:
            self.found.problems.append(self._problem("workbook-figure-not-yet", cell.row, cell.column, found.value))
            return None
        return found if found.value != "" else None

    def _figures(self, row: int, entry: Entry, columns: list[Slot], label_cell: Cell, label: str) -> None:
        indicator_id, latest = entry.indicator_id, None
        by_role: dict[str, list[Slot]] = {}
        for slot in columns:
            if slot.column in self.sheet.hidden_columns:
                continue
            by_role.setdefault(slot.role, []).append(slot)
        for slot in by_role.get("value", []):
            cell = self.sheet.cell(row, slot.column)
            if cell.value in (None, "") and (row, slot.column) not in self.sheet.uncalculated:
                continue
            found = self._figure(cell, indicator_id)
            if found is None:
                continue
            note = cell.comment or slot.period.inferred
            values = {"indicator_id": indicator_id, "period": slot.period.period, "value": found.value,
                      "numerator": found.numerator, "denominator": "", "note": note, "source": self.document,
                      "source_section": self._source_section(entry)}
            self.found.rows.append(Row("observations", values, {"value": cell, "numerator": cell, "note": cell,
                                                                "period": cell}, label_cell))
            latest = (slot.period.period, found.value, cell)
        self._extras(row, entry, by_role, label_cell, latest)

    def _extras(self, row, entry, by_role, label_cell, latest) -> None:
        """Targets, comparators, notes and ratings beside a row's figures."""
        indicator_id = entry.indicator_id
        tolerance = next((self.sheet.cell(row, s.column) for s in by_role.get("tolerance", [])), None)
        for slot in by_role.get("target", []):
            cell = self.sheet.cell(row, slot.column)
            found = self._figure(cell, indicator_id, target=True) if cell.value not in (None, "") else None
            if found is None:
                continue
            band = self._figure(tolerance, indicator_id) if tolerance and tolerance.value not in (None, "") else None
            period = slot.period.period if slot.period else self._target_period(latest)
            values = {"indicator_id": indicator_id, "period": period, "target": found.value,
                      "tolerance": band.value if band else "", "source": self.document,
                      "source_section": self._source_section(entry, slot.spec.source_section), "note": cell.comment or ""}
            self.found.rows.append(Row("targets", values, {"target": cell, "tolerance": tolerance or cell,
                                                           "period": cell}, label_cell))
        for slot in by_role.get("comparator", []):
            cell = self.sheet.cell(row, slot.column)
            found = self._figure(cell, indicator_id) if cell.value not in (None, "") else None
            if found is None:
                continue
            spec = slot.spec
            values = {"indicator_id": indicator_id, "period": slot.period.period if slot.period else (latest or ("",))[0],
                      "comparator": spec.comparator or "", "statistic": spec.statistic or "value", "value": found.value,
                      "source": self.document, "source_section": self._source_section(entry, spec.source_section),
                      "area": spec.area, "note": cell.comment or ""}
            self.found.rows.append(Row("comparators", values, {"value": cell, "period": cell}, label_cell))
        self._note(row, by_role, latest)
        self._rating(row, entry, by_role, latest)

    def _target_period(self, latest) -> str:
        """A target column with no period of its own is for the financial year of the row's latest figure."""
        period = parse_period(latest[0]) if latest else None
        if period is None:
            return ""
        year = period.end.year if period.end.month >= 4 else period.end.year - 1
        return f"{year}/{(year + 1) % 100:02d}"

    def _note(self, row, by_role, latest) -> None:
        """A Note column's words go with the row's latest figure."""
        for slot in by_role.get("note", []):
            text = self.sheet.text(row, slot.column)
            if text and latest and self.found.rows and self.found.rows[-1].table == "observations":
                last = next(r for r in reversed(self.found.rows) if r.table == "observations")
                last.values["note"] = " ".join(filter(None, (last.values["note"], text)))
                last.cells["note"] = self.sheet.cell(row, slot.column)

    def _rating(self, row, entry, by_role, latest) -> None:
        if latest is None:
            return
        for slot in by_role.get("rating", []):
            cell = self.sheet.cell(row, slot.column)
            if self.sheet.text(row, slot.column):
                self.found.ratings.append(Rating(entry.indicator_id, latest[0], self.sheet.text(row, slot.column),
                                                 cell, latest[1]))
        fill_heading = self.mapping.ratings.get("fill")
        if fill_heading:
            slot = next((s for ss in by_role.values() for s in ss if fold(s.heading) == fold(fill_heading)), None)
            cell = self.sheet.cells.get((row, slot.column)) if slot else None
            if cell is not None and cell.fill is not None:
                rating = self.mapping.colours.get(cell.fill)
                if rating is None:
                    self.found.problems.append(self._problem("workbook-colour-unknown", row, slot.column, cell.fill,
                                                             mapping=self.mapping.file, colour=cell.fill))
                else:
                    self.found.ratings.append(Rating(entry.indicator_id, latest[0], rating, cell, latest[1]))

    def _long_row(self, row, columns, label_cell, label) -> None:
        """One figure a row: the indicator, period and value columns say which."""
        roles = {s.role: s for s in columns if s.spec is not None}
        indicator_slot = roles.get("indicator")
        label_cell = self.sheet.cell(row, indicator_slot.column) if indicator_slot else label_cell
        label = self.sheet.text(label_cell.row, label_cell.column)
        value_slot, period_slot = roles.get("value"), roles.get("period")
        if not label or value_slot is None or period_slot is None:
            return
        entry = self._entry(label, row, self.sheet.cell(row, value_slot.column).value not in (None, ""))
        if entry is None:
            return
        period_cell = self.sheet.cell(row, period_slot.column)
        heading = read_heading(period_cell.value, self.month) if period_cell.value not in (None, "") else None
        if heading is None:
            self.found.problems.append(self._problem("workbook-period-unknown", row, period_slot.column,
                                                     period_cell.value))
            return
        synthetic = [Slot(value_slot.column, value_slot.heading, value_slot.row, heading, None)]
        synthetic += [s for s in columns if s.role in ("target", "tolerance", "comparator", "note", "rating")]
        self._figures(row, entry, synthetic, label_cell, label)


def _at(found: Problem, sheet: str, cell: str) -> Problem:
    return replace(found, sheet=sheet, cell=cell)
