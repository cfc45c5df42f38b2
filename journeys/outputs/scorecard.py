"""The download as a workbook: an authority's indicators in the layout a scorecard uses.

Indicators down (grouped by theme, in indicators.csv's order), periods across (months, then
quarters, years to date and years, each kind in date order), then the target in force at the
latest figure, its tolerance, the standing against target and the direction of travel: every
one of them the domain's fact (journeys.domain.figures), worded as the indicator pages word
it. Made from the protected model, so a suppressed figure is `c` here too.

Figures are numbers (an analyst can sum them) with the indicator's decimals and unit as a
number format, so Excel shows 67.8% where the page shows 67.8%. Text from the data is always
a text cell, never a formula, whatever it starts with. The same data make the same bytes:
fixed document times and zip entry times, so the build's cache by content holds.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pandas as pd

from journeys.domain.figures import IndicatorStatus, places, theme_of, theme_order
from journeys.model import Authority
from journeys.model.values import BOUND, CHANGE
from journeys.model.vocabulary import PERIOD_KINDS
from journeys.outputs.wording import STATUS_WORDS, stated_target, stated_words, unsaid

FIXED_TIME = datetime(2000, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
AFTER = ["Target", "Target period", "Tolerance", "Against target", "Since the previous figure"]


def scorecard_xlsx(authority: Authority, statuses: tuple[IndicatorStatus, ...]) -> bytes:
    """The workbook's bytes. `statuses`: the Summary's (journeys.domain.summarise), worded here, never worked out."""
    # Imported here: only a section that writes a scorecard needs it. XlsxWriter, not openpyxl (which
    # reads officers' workbooks): it imports in a quarter of the time, which a rebuild pays.
    import xlsxwriter

    observations = authority.table("observations")
    periods = _periods(observations)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    book.set_properties({"created": FIXED_TIME, "author": "journeys"})
    sheet = book.add_worksheet("Scorecard")
    formats = _Formats(book)
    sheet.write_string(0, 0, f"{authority.name}: performance indicators", formats.get(bold=True, font_size=13))
    sheet.write_string(1, 0, "Figures as published, c where a count of 1 to 5 children is suppressed. "
                             "Standings and directions as the site's indicator pages give them.")
    header = ["Theme", "Indicator", "Unit", "Polarity", *[label for _, label in periods], *AFTER]
    for column, words in enumerate(header):
        sheet.write_string(3, column, words, formats.get(bold=True))
    figures = _figures(observations)
    order = theme_order(authority.table("themes")) if "themes" in authority.tables else {}
    for row, status in enumerate(sorted(statuses, key=lambda s: theme_of(s.indicator, order)[0]), start=4):
        _indicator_row(sheet, formats, row, status, periods, figures.get(status.indicator_id, {}), order)
    sheet.freeze_panes(4, 2)
    sheet.set_column(1, 1, 48)
    if periods:
        sheet.set_column(4, 3 + len(periods), 11)
    book.close()
    return _fixed(out.getvalue())


class _Formats:
    """The workbook's cell formats, each made once (XlsxWriter keeps every one it is given)."""

    def __init__(self, book):
        self.book, self.made = book, {}

    def get(self, **properties):
        key = tuple(sorted(properties.items()))
        if key not in self.made:
            self.made[key] = self.book.add_format(properties)
        return self.made[key]


def _periods(observations: pd.DataFrame) -> list[tuple[str, str]]:
    """Every period with a figure, as (period, label): a scorecard's columns."""
    if observations.empty:
        return []
    kinds = {kind: i for i, kind in enumerate(PERIOD_KINDS)}
    seen = observations.drop_duplicates("period")[["period", "period_label", "period_kind", "period_end"]]
    seen = seen.assign(order=seen["period_kind"].map(kinds).fillna(99))
    seen = seen.sort_values(["order", "period_end", "period"], kind="stable")
    return list(zip(seen["period"], seen["period_label"]))


def _figures(observations: pd.DataFrame) -> dict[str, dict[str, tuple[float | None, str, str]]]:
    found: dict[str, dict] = {}
    for key, period, value, number, form in zip(observations["indicator_id"], observations["period"],
                                                observations["value"], observations["value_number"],
                                                observations["value_form"]):
        found.setdefault(key, {})[period] = (None if pd.isna(number) else float(number), str(value), form)
    return found


def _indicator_row(sheet, formats: _Formats, row: int, status: IndicatorStatus, periods, figures, order) -> None:
    ind = status.indicator
    for column, words in enumerate([theme_of(ind, order)[1], ind["title"], ind["unit"], ind["polarity"]]):
        _write_text(sheet, row, column, words)
    number = formats.get(num_format=_format(ind))
    for column, (period, _) in enumerate(periods, start=4):
        if period in figures:
            figure, value, form = figures[period]
            if figure is None:  # a symbol; or a bound or a change, in the words the site uses, never a number
                words = stated_words(value, ind["unit"], ind["decimals"]) if form in (BOUND, CHANGE) else value
                _write_text(sheet, row, column, words, formats.get(align="right"))
            else:
                sheet.write_number(row, column, figure, number)
    column = 4 + len(periods)
    target = status.target
    if target is not None and status.latest is not None:
        if target.target == target.target:
            sheet.write_number(row, column, target.target, number)
        else:  # a strict target or a range, in words ("below 20", "20 to 25")
            _write_text(sheet, row, column, stated_target(target, ind["unit"], ind["decimals"]))
        _write_text(sheet, row, column + 1, target.label)
        if target.tolerance is not None:
            sheet.write_number(row, column + 2, target.tolerance, number)
    standing = (STATUS_WORDS[status.status] if status.target and status.status
                else "Not said" if unsaid(status) else "No target")
    _write_text(sheet, row, column + 3, standing)
    _write_text(sheet, row, column + 4, (status.direction or "Not enough figures").capitalize())


def _format(ind: dict) -> str:
    """The indicator's decimals and unit, as Excel shows them: 0.0"%" shows 67.8 as 67.8%."""
    shown = places(ind.get("decimals"))
    body = "#,##0" + ("." + "0" * shown if shown else "")
    return body + '"%"' if ind.get("unit") == "percentage" else body


def _write_text(sheet, row: int, column: int, words: object, cell_format=None) -> None:
    """Text from the data as a text cell: "=1+1" stays the words =1+1, never a formula."""
    text = "" if words is None or (isinstance(words, float) and pd.isna(words)) else str(words)
    sheet.write_string(row, column, text, cell_format)


def _fixed(workbook: bytes) -> bytes:
    """The workbook with fixed zip entry times too (its document times are FIXED_TIME): the same
    data, the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(zipfile.ZipInfo(info.filename, ZIP_TIME), source.read(info.filename), zipfile.ZIP_DEFLATED)
    return out.getvalue()
