"""Real-shaped scorecard workbooks, made with openpyxl (never by hand), for the import's tests.

    coventry_overview(path)   Coventry's Appendix 2 performance overview (seed paper 000): a section
                              per service, each with its own heading row (Oct 2016 | Nov 2016, or
                              2015/16 | 2016/17), percentages as Excel stores them (0.616, shown
                              61.6%), "486 (28.8%)" where the paper prints a count and a percentage,
                              a Target and a RAG column (RAG meaning month on month), notes as comments
    kent_scorecard(path)      Kent's 2012-13 county scorecard (seed paper 004): merged headings over
                              two rows, RAG as cell fills, indicators the package does not hold

Both take their figures from the shipped CSVs, laid out as the papers lay them out, so that
importing them into the package without those figures gives back exactly what is shipped.
with_cached_values() writes the results of formulas into a saved workbook, as Excel does on
save (openpyxl writes formulas without results).
"""

from __future__ import annotations

import csv
import re
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

ROOT = Path(__file__).resolve().parent.parent
COVENTRY_PAPER = "cov-sb2-2017-01-12"
APPENDIX = "Appendix 2, Performance Overview - November 2016"
GREEN, AMBER, RED = "00B050", "FFC000", "FF0000"

# The paper's tables, in its order: (section, headings, [(label as printed, indicator_id)]).
MONTHS = (datetime(2016, 10, 1), datetime(2016, 11, 1))
YEARS = ("2015/16", "2016/17")
COVENTRY_SECTIONS = [
    ("CAFs", MONTHS, [("Open CAFs", "open-cafs"), ("CAFs open to other agencies", "cafs-open-other-agencies"),
                      ("% Action Plans completed NFA", "cafs-closed-nfa"),
                      ("% Referral to Social Care", "cafs-closed-referred")]),
    ("Contacts", ("Oct 2016", "Nov 2016"), [("Number of Contacts", "contacts"),
                                           ("Completed within timescales", "contacts-timeliness")]),
    ("MASH Assessments", ("Oct-16", "Nov-16"), [("Referral to Social Care", "mash-referral"),
                                               ("Diverted to eCAF", "mash-diverted-ecaf")]),
    ("Domestic Violence (Contacts)", MONTHS, [("Number of Contacts", "dv-contacts"),
                                             ("Completed within timescales", "dv-contacts-timeliness")]),
    ("Referrals & Re-Referrals", MONTHS, [("Referrals", "referrals"), ("Re-Referrals", "re-referrals")]),
    ("Children Seen", ("2015/16", "2016/17(YTD)"),
     [("% seen within 5 working days of Contacts resulting in a Referral", "seen-5-days"),
      ("% seen as part of Children & Families Assessment", "seen-cf-assessment")]),
    ("Section 47s", MONTHS, [("S47s", "s47s"), ("Section 47 timeliness", "s47-timeliness")]),
    ("Short Breaks", MONTHS, [("% Short-Breaks (S20) who received a CIN Review in 6 months prior to month-end",
                               "short-breaks-cin-review")]),
    ("ICPCs", MONTHS, [("Children subject to ICPC", "icpc-children"), ("ICPC timeliness", "icpc-timeliness")]),
    ("Child Protection", MONTHS, [("Child Protection Plans", "cp-plans"), ("% repeat plans", "cp-repeat-plans")]),
    ("Looked After Children", YEARS, [("% new LAC previously in care", "lac-previously-in-care"),
                                      ("% children seen within 1 week of entering care", "lac-seen-1-week"),
                                      ("% children 3 or more placements", "lac-3-placements")]),
    ("Care Leavers", YEARS, [("% care leavers in suitable accommodation", "cl-suitable-accommodation"),
                             ("% in Employment, Education or Training", "cl-eet")]),
    ("Missing Children", MONTHS, [("% RHIs completed", "rhi-completed"),
                                  ("% of completed RHIs within timescale", "rhi-timeliness")]),
]
PERIODS = {"Oct": "2016-10", "Nov": "2016-11", "2015/16": "2015/16", "2016/17": "YTD 2016-11"}


def shipped(package: str, table: str) -> list[dict]:
    with (ROOT / "data" / package / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def in_appendix_table(row: dict) -> bool:
    """A figure printed in Appendix 2's tables (not one given only in its commentary)."""
    return (row["source"] == COVENTRY_PAPER and row["source_section"].startswith(APPENDIX)
            and not row["source_section"].endswith("(commentary)") and row["value"] != "x"
            and not row["note"].startswith(("Given in prose", "Implied by")))


def coventry_figures() -> list[dict]:
    return [row for row in shipped("coventry", "observations") if in_appendix_table(row)]


def coventry_targets() -> list[dict]:
    return [row for row in shipped("coventry", "targets") if row["source"] == COVENTRY_PAPER]


def _period(heading) -> str:
    if isinstance(heading, datetime):
        return f"{heading.year}-{heading.month:02d}"
    for start, period in PERIODS.items():
        if heading.startswith(start):
            return period
    raise ValueError(heading)


def coventry_overview(path: Path) -> Path:
    """Appendix 2 as a workbook: a section per service, each with its own heading row."""
    indicators = {row["indicator_id"]: row for row in shipped("coventry", "indicators")}
    figures = {(row["indicator_id"], row["period"]): row for row in coventry_figures()}
    targets = {row["indicator_id"]: row["target"] for row in coventry_targets()}
    book = Workbook()
    sheet = book.active
    sheet.title = "Performance Overview"
    sheet["A1"] = "Appendix 2"
    sheet["A2"] = ("'Green' indicates improvement, 'Amber' indicates a small change whilst 'Red' represents a "
                   "decline against the previous month or YTD figure.")
    row = 4
    for section, headings, lines in COVENTRY_SECTIONS:
        sheet.cell(row, 1, section).font = Font(bold=True)
        for offset, heading in enumerate(headings):
            cell = sheet.cell(row, 2 + offset, heading)
            if isinstance(heading, datetime):
                cell.number_format = "mmm yyyy"
        sheet.cell(row, 4, "Target")
        sheet.cell(row, 5, "RAG")
        row += 1
        for label, indicator_id in lines:
            sheet.cell(row, 1, label)
            values = []
            for offset, heading in enumerate(headings):
                found = figures.get((indicator_id, _period(heading)))
                if found is not None:
                    _write_figure(sheet.cell(row, 2 + offset), found, indicators[indicator_id])
                    values.append(float(found["value"]))
            if indicator_id in targets:
                target = sheet.cell(row, 4, float(targets[indicator_id]) / 100)
                target.number_format = "0%"
            rating = _month_on_month(values, indicators[indicator_id])
            if rating and headings in (MONTHS, ("Oct 2016", "Nov 2016"), ("Oct-16", "Nov-16")):
                sheet.cell(row, 5, rating)
            row += 1
        row += 1  # a blank line between the tables, as in the paper
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _write_figure(cell, found: dict, indicator: dict) -> None:
    """As an officer's workbook holds it: counts as numbers, percentages as fractions shown with %."""
    if found["numerator"]:
        cell.value = f"{found['numerator']} ({found['value']}%)"
    elif indicator["unit"] == "percentage":
        cell.value = float(found["value"]) / 100
        cell.number_format = "0." + "0" * len(found["value"].split(".")[1]) + "%" if "." in found["value"] else "0%"
    else:
        cell.value = int(found["value"])
        cell.number_format = "#,##0"
    if found["note"]:
        cell.comment = Comment(found["note"], "Performance team")


def _month_on_month(values: list[float], indicator: dict) -> str | None:
    """Coventry's RAG: green an improvement, red a decline, amber no change (the paper's colours are
    lost in its text, so they are set by the rule the paper states)."""
    if len(values) != 2 or indicator["polarity"] == "none":
        return None
    change = round(values[1] - values[0], int(indicator["decimals"] or 0))
    if change == 0:
        return "Amber"
    return "Green" if (change > 0) == (indicator["polarity"] == "higher is better") else "Red"


def coventry_mapping() -> str:
    """The mapping Coventry's officer keeps after checking the draft."""
    lines = ["sheet: Performance Overview", "layout: wide", "header_rows: [4]", "label_column: A", "sections: true",
             f"source_section: {APPENDIX}", "document:", f"  document_id: {COVENTRY_PAPER}", "columns:",
             "  Target: {role: target, period: 2016/17, source_section: '{section} (commentary)'}",
             "ratings:", "  means: previous", "symbols:", "  '*': c", "indicators:"]
    for section, _, rows in COVENTRY_SECTIONS:
        for label, indicator_id in rows:
            lines += [f"  - label: {_yaml(label)}", f"    section: {_yaml(section)}", f"    indicator_id: {indicator_id}"]
    return "\n".join(lines) + "\n"


def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# --- Kent -----------------------------------------------------------------------------------------

KENT_ROWS = [  # (label as the paper names it, indicator_id or None, fill)
    ("Children subject to a second or subsequent child protection plan", None, None),
    ("Section 47 Investigations proceeding to Initial Child Protection Case Conference", "s47-to-icpc", None),
    ("Placement stability", None, RED),
    ("Children subject to a child protection plan for 2 years or more", None, RED),
]


def kent_scorecard(path: Path) -> Path:
    """The county scorecard: '2012-13' merged over Target, Outturn; RAG only as the outturn's fill."""
    figures = {row["indicator_id"]: row for row in shipped("kent", "observations")}
    book = Workbook()
    sheet = book.active
    sheet.title = "SCS Scorecard"
    sheet["A1"] = "Specialist Children's Services - County Scorecard 2012-13 outturn"
    sheet["A2"], sheet["B2"], sheet["C2"], sheet["E2"] = "Indicator", "Polarity", "2012-13", "Direction of travel"
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("B2:B3")
    sheet.merge_cells("C2:D2")
    sheet.merge_cells("E2:E3")
    sheet["C3"], sheet["D3"] = "Target", "Outturn"
    for row, (label, indicator_id, fill) in enumerate(KENT_ROWS, start=4):
        sheet.cell(row, 1, label)
        found = figures.get(indicator_id)
        if found is not None:
            cell = sheet.cell(row, 4, float(found["value"]) / 100)
            cell.number_format = "0%"
            cell.comment = Comment(found["note"], "Performance team")
        if fill:
            sheet.cell(row, 4).fill = PatternFill("solid", fgColor="FF" + fill)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def kent_mapping() -> str:
    lines = ["sheet: SCS Scorecard", "layout: wide", "header_rows: [2, 3]", "label_column: A",
             "document:", "  document_id: kent-scphc-2013-06-12", "columns:", "  Polarity: {role: ignore}",
             "ratings:", "  means: target", "  fill: 2012-13 Outturn",
             "colours:", f"  '{GREEN}': Green", f"  '{AMBER}': Amber", f"  '{RED}': Red", "indicators:"]
    for label, indicator_id, _ in KENT_ROWS:
        lines += [f"  - label: {_yaml(label)}", f"    indicator_id: {indicator_id or 'null'}"]
        if indicator_id:
            lines.append("    source_section: para 2.3 b")
    return "\n".join(lines) + "\n"


def with_cached_values(path: Path, values: dict[str, str]) -> Path:
    """Write Excel's saved result into formula cells (cell reference -> result), as Excel does on save."""
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    sheet = files["xl/worksheets/sheet1.xml"].decode("utf-8")
    for ref, result in values.items():
        kind = ' t="e"' if result.startswith("#") else ""
        sheet = re.sub(rf'<c r="{ref}"([^>]*?)( t="e")?><f>([^<]*)</f>(<v>[^<]*</v>|<v\s*/>)?',
                       lambda m: f'<c r="{ref}"{m[1]}{kind}><f>{m[3]}</f><v>{result}</v>', sheet)
    files["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


# --- Tiny workbooks for fault cases -------------------------------------------------------------

TINY_MAPPING = """layout: wide
header_rows: [1]
label_column: A
document:
  document_id: doc-1
symbols:
  '*': c
colours:
  '00B050': Green
  'FFC000': Amber
  'FF0000': Red
indicators:
  - label: Re-referrals within 12 months
    indicator_id: re-referrals
  - label: Contacts received
    indicator_id: contacts
"""


def tiny_workbook(path: Path, rows: list[list], formats: dict[str, str] | None = None,
                  fills: dict[str, str] | None = None, hidden_rows=(), hidden_columns=(),
                  comments: dict[str, str] | None = None) -> Path:
    """A one-sheet workbook ("KPIs"): rows as given (the first is the header), cells by A1 reference
    for number formats, fills and comments."""
    book = Workbook()
    sheet = book.active
    sheet.title = "KPIs"
    for row in rows:
        sheet.append(row)
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    for ref, colour in (fills or {}).items():
        sheet[ref].fill = PatternFill("solid", fgColor="FF" + colour)
    for ref, text in (comments or {}).items():
        sheet[ref].comment = Comment(text, "Performance team")
    for row in hidden_rows:
        sheet.row_dimensions[row].hidden = True
    for letter in hidden_columns:
        sheet.column_dimensions[letter].hidden = True
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def tiny_import(tmp_path: Path, rows: list[list], mapping: str = TINY_MAPPING, replace: bool = False,
                package_tables: dict | None = None, **cells):
    """make_package's default package, a tiny workbook and its mapping: the import's outcome, run from
    tmp_path as an officer runs it from the repository (import-xlsx data/demo kpis.xlsx)."""
    import contextlib
    from conftest import make_package
    from journeys.workbook.command import import_workbook
    folder = make_package(tmp_path, **(package_tables or {}))
    tiny_workbook(tmp_path / "kpis.xlsx", rows, **cells)
    (folder / "imports").mkdir(exist_ok=True)
    (folder / "imports" / "kpis.yml").write_text(mapping, encoding="utf-8")
    with contextlib.chdir(tmp_path):
        return import_workbook("data/demo", "kpis.xlsx", replace_figures=replace), folder


HEADER = ["Indicator", "Aug-16", "Sep-16"]


KENT_EXAMPLE = ROOT / "data" / "kent" / "imports" / "scorecard-2012-13.xlsx"

if __name__ == "__main__":  # python tests/workbooks.py: (re)make the example the README imports
    kent_scorecard(KENT_EXAMPLE)
    KENT_EXAMPLE.with_suffix(".yml").write_text(
        "# How build_site.py import-xlsx reads Kent's county scorecard (made by tests/workbooks.py).\n"
        + kent_mapping(), encoding="utf-8")
    print(f"wrote {KENT_EXAMPLE.relative_to(ROOT)} and its mapping")
