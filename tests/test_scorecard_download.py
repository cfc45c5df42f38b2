"""The download as a workbook: the scorecard agrees with the indicator pages, keeps suppression,
runs nothing, and is the same bytes for the same data."""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd

from conftest import make_package
from journeys.domain import summarise
from journeys.domain.disclosure import protect
from journeys.model import load_authority
from journeys.outputs.downloads import files
from journeys.outputs.page import SiteContext
from journeys.outputs.pages import indicators
from journeys.outputs.scorecard import scorecard_xlsx

ROOT = Path(__file__).resolve().parent.parent
CONTEXT = SiteContext(site_name="Journeys", mode="national", built_at=datetime(2026, 1, 1), authorities=[])


def _sheet(body: bytes):
    return openpyxl.load_workbook(io.BytesIO(body))["Scorecard"]


def _rows(sheet) -> dict[str, dict]:
    header = [cell.value for cell in sheet[4]]
    return {row[1]: dict(zip(header, row)) for row in sheet.iter_rows(min_row=5, values_only=True)}


def test_the_workbook_and_the_indicator_pages_agree():
    authority = protect(load_authority(ROOT / "data" / "coventry"))
    summary = summarise(authority)
    rows = _rows(_sheet(scorecard_xlsx(authority, summary.statuses)))
    page = indicators.index_page(authority, CONTEXT, summary.statuses).body
    for status in summary.statuses:
        ind, row = status.indicator, rows[status.indicator["title"]]
        listed = re.search(">" + re.escape(str(indicators.text(ind["title"]))) + r"</a></th>.*", page)[0]
        assert row["Against target"] in listed and row["Since the previous figure"] in listed
        if status.latest is not None:
            latest = indicators._latest(status).split(" (")[0]
            # a plain figure is a number; a bound or a change is in the page's words
            assert row[status.latest.label] == (status.latest.number if status.latest.value and
                                                status.latest.number == status.latest.number else latest)
            assert latest in listed
        if status.target is not None and status.latest is not None:
            plain = status.target.target == status.target.target
            assert row["Target"] == (status.target.target if plain else indicators._target(status).split(" (")[0])
            assert row["Target period"] == status.target.label


def test_a_suppressed_figure_stays_c_and_text_never_runs(tmp_path):
    folder = make_package(tmp_path, indicators=[
        {"indicator_id": "contacts", "title": "=HYPERLINK(\"http://evil\")", "unit": "count", "polarity": "none",
         "frequency": "monthly", "definition": "d", "decimals": "0", "counts_children": "yes", "source": "doc-1"}],
        observations=[{"indicator_id": "contacts", "period": "2016-11", "value": "c", "source": "doc-1"},
                      {"indicator_id": "contacts", "period": "2016-10", "value": "1722", "source": "doc-1"}],
        targets=[], comparators=[])
    authority = protect(load_authority(folder))
    body = files(authority, summarise(authority).statuses)["downloads/demo-scorecard.xlsx"]
    sheet = _sheet(body)
    row = _rows(sheet)['=HYPERLINK("http://evil")']
    assert row["November 2016"] == "c" and row["October 2016"] == 1722
    assert all(cell.data_type != "f" for line in sheet.iter_rows() for cell in line)
    assert b"<f>" not in b"".join(__import__("zipfile").ZipFile(io.BytesIO(body)).read(n)
                                  for n in ("xl/worksheets/sheet1.xml",))


def test_the_same_data_make_the_same_bytes():
    authority = protect(load_authority(ROOT / "data" / "kent"))
    assert scorecard_xlsx(authority, summarise(authority).statuses) == scorecard_xlsx(authority, summarise(authority).statuses)
