"""The first import of a scorecard: draft its mapping for the officer to check, then stop.

The draft finds the header row (the first row with period headings), the label column (the
column of words left of the figures), and matches each row's label to the package's
indicator titles (difflib, as "Did you mean" does). What it cannot match is written with
indicator_id: null and a comment listing the closest titles, and listed on screen.
"""

from __future__ import annotations

import difflib
import re

import yaml
from openpyxl.utils import get_column_letter

from journeys.workbook.columns import ROLE_WORDS
from journeys.workbook.headings import read_heading
from journeys.workbook.mapping import fold
from journeys.workbook.sheet import Sheet


def _periods_in(sheet: Sheet, row: int) -> list[int]:
    return [c for c in range(1, sheet.max_column + 1)
            if sheet.cell(row, c).value not in (None, "") and read_heading(sheet.cell(row, c).value, "2000-01")]


def _header_row(sheet: Sheet) -> int:
    for row in range(1, min(sheet.max_row, 30) + 1):
        if _periods_in(sheet, row):
            return row
    return 1


def draft_mapping(sheet: Sheet, indicators: dict[str, dict], document_id: str):
    """The mapping's YAML text, the labels it could not match, and (label, title) of inexact matches."""
    header = _header_row(sheet)
    first_figure = min(_periods_in(sheet, header) or [2])
    label_column = max(1, first_figure - 1)
    header_rows = [header - 1, header] if header > 1 and any(
        sheet.cell(header - 1, c).value not in (None, "") for c in range(first_figure, sheet.max_column + 1)) else [header]
    sections = any(_periods_in(sheet, row) for row in range(header + 1, sheet.max_row + 1))
    titles = {fold(row.get("title", "")): key for key, row in indicators.items()}
    entries, unmatched, guesses, section = [], [], [], ""
    for row in range(header + 1, sheet.max_row + 1):
        label = sheet.text(row, label_column)
        if not label:
            continue
        if sections and _periods_in(sheet, row):
            section = label
            continue
        match = difflib.get_close_matches(fold(label), list(titles), n=3, cutoff=0.6)
        entry = {"label": label, "row": row, "indicator_id": titles[match[0]] if match else None}
        if section:
            entry["section"] = section
        if not match:
            unmatched.append(label)
        elif match[0] != fold(label):
            guesses.append((label, indicators[titles[match[0]]].get("title", "")))
        entries.append(entry)
    columns = _other_columns(sheet, header_rows, label_column)
    data = {"sheet": sheet.name, "layout": "wide", "header_rows": header_rows,
            "label_column": get_column_letter(label_column), "sections": sections,
            "source_section": "", "document": {"document_id": document_id}}
    if columns:
        data["columns"] = columns
    data["symbols"] = {"*": "c", "n/a": "x", "-": "x"}
    data["indicators"] = entries
    text = ("# Drafted by import-xlsx: check every indicator_id below, then import again.\n"
            "# indicator_id: null leaves a row out. Schema: schemas/imports/mapping.schema.json\n"
            + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120))
    return text, unmatched, guesses


def _other_columns(sheet: Sheet, header_rows: list[int], label_column: int) -> dict:
    """Headings that are not periods, with the role their words suggest (the officer checks them)."""
    found = {}
    for column in range(label_column + 1, sheet.max_column + 1):
        words = " ".join(sheet.text(row, column) for row in header_rows).strip()
        if not words or read_heading(words, "2000-01"):
            continue
        role = next((role for pattern, role in ROLE_WORDS if pattern.search(words)), "ignore")
        if re.search(r"england|national", words, re.I):
            found[words] = {"role": "comparator", "comparator": "England", "statistic": "value"}
        elif re.search(r"neighbour", words, re.I):
            found[words] = {"role": "comparator", "comparator": "statistical neighbours", "statistic": "mean"}
        elif role in ("target", "tolerance", "rating", "note"):
            continue  # read from their words on import
        else:
            found[words] = {"role": "ignore"}
    return found
