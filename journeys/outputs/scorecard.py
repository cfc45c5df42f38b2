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
import re
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
    # Imported here: openpyxl takes about 0.4 s to import, which a rebuild that writes no scorecard
    # (nothing changed) would otherwise pay in the build and in every worker.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    observations = authority.table("observations")
    periods = _periods(observations)
    book = Workbook()
    sheet = book.active
    sheet.title = "Scorecard"
    _write_text(sheet.cell(1, 1), f"{authority.name}: performance indicators")
    sheet.cell(1, 1).font = Font(bold=True, size=13)
    _write_text(sheet.cell(2, 1), "Figures as published, c where a count of 1 to 5 children is suppressed. "
                                  "Standings and directions as the site's indicator pages give them.")
    header = ["Theme", "Indicator", "Unit", "Polarity", *[label for _, label in periods], *AFTER]
    for column, words in enumerate(header, start=1):
        _write_text(sheet.cell(4, column), words).font = Font(bold=True)
    figures = _figures(observations)
    order = theme_order(authority.table("themes")) if "themes" in authority.tables else {}
    for row, status in enumerate(sorted(statuses, key=lambda s: theme_of(s.indicator, order)[0]), start=5):
        _indicator_row(sheet, row, status, periods, figures.get(status.indicator_id, {}), order)
    sheet.freeze_panes = "C5"
    sheet.column_dimensions["B"].width = 48
    for column in range(5, 5 + len(periods)):
        sheet.column_dimensions[get_column_letter(column)].width = 11
    return _fixed(book)


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


def _indicator_row(sheet, row: int, status: IndicatorStatus, periods, figures, order) -> None:
    ind = status.indicator
    for column, words in enumerate([theme_of(ind, order)[1], ind["title"], ind["unit"], ind["polarity"]], start=1):
        _write_text(sheet.cell(row, column), words)
    number_format = _format(ind)
    for column, (period, _) in enumerate(periods, start=5):
        if period in figures:
            number, value, form = figures[period]
            cell = sheet.cell(row, column)
            if number is None:  # a symbol; or a bound or a change, in the words the site uses, never a number
                from openpyxl.styles import Alignment  # imported once, by scorecard_xlsx

                words = stated_words(value, ind["unit"], ind["decimals"]) if form in (BOUND, CHANGE) else value
                _write_text(cell, words).alignment = Alignment(horizontal="right")
            else:
                cell.value, cell.number_format = number, number_format
    column = 5 + len(periods)
    target = status.target
    if target is not None and status.latest is not None:
        if target.target == target.target:
            sheet.cell(row, column, target.target).number_format = number_format
        else:  # a strict target or a range, in words ("below 20", "20 to 25")
            _write_text(sheet.cell(row, column), stated_target(target, ind["unit"], ind["decimals"]))
        _write_text(sheet.cell(row, column + 1), target.label)
        if target.tolerance is not None:
            sheet.cell(row, column + 2, target.tolerance).number_format = number_format
    standing = (STATUS_WORDS[status.status] if status.target and status.status
                else "Not said" if unsaid(status) else "No target")
    _write_text(sheet.cell(row, column + 3), standing)
    _write_text(sheet.cell(row, column + 4), (status.direction or "Not enough figures").capitalize())


def _format(ind: dict) -> str:
    """The indicator's decimals and unit, as Excel shows them: 0.0"%" shows 67.8 as 67.8%."""
    shown = places(ind.get("decimals"))
    body = "#,##0" + ("." + "0" * shown if shown else "")
    return body + '"%"' if ind.get("unit") == "percentage" else body


def _write_text(cell, words: object):
    """Text from the data as a text cell: "=1+1" stays the words =1+1, never a formula."""
    cell.value = "" if words is None or (isinstance(words, float) and pd.isna(words)) else str(words)
    cell.data_type = "s"
    return cell


def _fixed(book) -> bytes:
    """The workbook with fixed times inside and out: the same data, the same bytes."""
    book.properties.created = book.properties.modified = FIXED_TIME
    book.properties.creator = "journeys"
    buffer = io.BytesIO()
    book.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving here
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", body)
            archive.writestr(zipfile.ZipInfo(info.filename, ZIP_TIME), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()
