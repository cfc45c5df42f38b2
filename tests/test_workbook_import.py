"""import-xlsx: real-shaped scorecards give back exactly the shipped figures; every kind of cell
an officer's workbook holds is read as the CSV path reads it, and every problem names its cell."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

import workbooks as W
from journeys.cli import main
from journeys.workbook.command import import_workbook
from journeys.workbook.headings import read_heading

ROOT = Path(__file__).resolve().parent.parent


def _strip(folder: Path, table: str, drop) -> None:
    """Remove rows from a CSV, leaving every other byte as it was."""
    path = folder / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    lines, rows = text.splitlines(keepends=True), list(csv.reader(io.StringIO(text)))
    path.write_text("".join(line for line, row in zip(lines, rows)
                            if row == rows[0] or not drop(dict(zip(rows[0], row)))), encoding="utf-8")


def _copy(tmp_path: Path, slug: str) -> Path:
    return Path(shutil.copytree(ROOT / "data" / slug, tmp_path / "data" / slug))


def _lines(outcome) -> list[str]:
    return [found.line() for found in outcome.problems]


def test_coventry_appendix_2_gives_back_exactly_the_shipped_figures(tmp_path, capsys):
    folder = _copy(tmp_path, "coventry")
    keys = {(r["indicator_id"], r["period"]) for r in W.coventry_figures()}
    _strip(folder, "observations", lambda r: (r["indicator_id"], r["period"]) in keys)
    _strip(folder, "targets", lambda r: r["source"] == W.COVENTRY_PAPER)
    book = W.coventry_overview(tmp_path / "appendix-2.xlsx")
    (folder / "imports").mkdir()
    (folder / "imports" / "appendix-2.yml").write_text(W.coventry_mapping(), encoding="utf-8")
    assert main(["import-xlsx", str(folder), str(book)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("64 new figures, 0 changed, 0 removed; 0 indicators not in the package")
    for table in ("observations", "targets"):  # row for row, every column
        shipped = (ROOT / "data" / "coventry" / f"{table}.csv").read_text(encoding="utf-8").splitlines()
        assert sorted((folder / f"{table}.csv").read_text(encoding="utf-8").splitlines()) == sorted(shipped)
    # next month's import is one command: the same workbook again changes nothing
    assert main(["import-xlsx", str(folder), str(book)]) == 0
    assert capsys.readouterr().out.startswith("0 new figures, 0 changed, 0 removed")


def test_kent_scorecard_with_merged_headings_and_fills_gives_back_the_shipped_figure(tmp_path, capsys):
    folder = _copy(tmp_path, "kent")
    _strip(folder, "observations", lambda r: True)
    book = W.kent_scorecard(tmp_path / "scorecard.xlsx")
    (folder / "imports" / "scorecard.yml").write_text(W.kent_mapping(), encoding="utf-8")
    assert main(["import-xlsx", str(folder), str(book)]) == 0
    assert capsys.readouterr().out.startswith("1 new figures, 0 changed, 0 removed; 3 indicators not in the package")
    assert (folder / "observations.csv").read_bytes() == (ROOT / "data" / "kent" / "observations.csv").read_bytes()


def test_the_first_import_drafts_the_mapping_and_stops(tmp_path, capsys):
    folder = _copy(tmp_path, "coventry")
    before = (folder / "observations.csv").read_bytes()
    book = W.coventry_overview(tmp_path / "Appendix 2.xlsx")
    assert main(["import-xlsx", str(folder), str(book), "--document-id", W.COVENTRY_PAPER]) == 1
    out = capsys.readouterr().out
    drafted = folder / "imports" / "appendix-2.yml"
    assert f"Drafted {drafted.as_posix()}" in out
    assert '"Referral to Social Care": Did you mean' in out  # the MASH row, close to another title
    text = drafted.read_text(encoding="utf-8")
    assert "indicator_id: open-cafs" in text and "sections: true" in text and "header_rows:\n- 4" in text
    assert (folder / "observations.csv").read_bytes() == before  # nothing imported


@pytest.mark.parametrize("heading, period", [
    ("Apr-16", "2016-04"), ("April 2016", "2016-04"), ("2016/17 Q2", "2016/17 Q2"), ("Q2 16/17", "2016/17 Q2"),
    ("YTD", "YTD 2016-11"), ("2016/17 (YTD)", "YTD 2016-11"), (42675, "2016-11"), ("2015/16", "2015/16"),
    ("2012-13 Outturn", "2012/13"), ("Q3 2018", "2018-Q3"), ("2016-11", "2016-11"), ("Sept 16", "2016-09"),
])
def test_periods_as_officers_head_them(heading, period):
    assert read_heading(heading, "2016-11").period == period


def test_a_running_financial_year_is_read_as_the_year_to_date_with_a_note():
    heading = read_heading("2016/17", "2016-11")
    assert heading.period == "YTD 2016-11" and "read as the year to date" in heading.inferred


def test_percentages_thousands_and_symbols(tmp_path):
    rows = [W.HEADER, ["Re-referrals within 12 months", 0.231, "*"], ["Contacts received", 1234, "c"]]
    outcome, folder = W.tiny_import(tmp_path, rows, formats={"B2": "0.0%", "B3": "#,##0"})
    assert outcome.problems == []
    text = (folder / "observations.csv").read_text(encoding="utf-8")
    assert "re-referrals,2016-08,23.1,,,,doc-1,,\n" in text and "re-referrals,2016-09,c," in text
    assert "contacts,2016-08,1234," in text


@pytest.mark.parametrize("value, slug, words", [
    ("67.8%", "percent-sign", "Write the plain number: 67.8."),
    ("1,234", "thousands-separator", "Write the plain number: 1234."),
    ("n/a", "legacy-symbol", "Use the GSS symbol: z if it does not apply, or x if the figure is not available."),
    ("-", "legacy-symbol", "Use the GSS symbol: z if it does not apply, or 0 if the figure is zero."),
    ("twenty", "not-a-figure", "is not a figure in a form the standard knows"),
    ("about 200", "workbook-figure-not-yet", "is a range or an approximate figure"),
    ("200-250", "workbook-figure-not-yet", "is a range or an approximate figure"),
])
def test_values_are_checked_as_the_csv_path_checks_them_at_their_cell(tmp_path, value, slug, words):
    outcome, folder = W.tiny_import(tmp_path, [W.HEADER, ["Contacts received", 1500, value]])
    (found,) = [p for p in outcome.problems if p.slug == slug]
    assert found.line().startswith(f'kpis.xlsx, sheet "KPIs", cell C2: "{value}"')
    assert words in found.line()
    assert "2016-08" not in (folder / "observations.csv").read_text(encoding="utf-8")  # nothing written


def test_a_blank_cell_is_no_figure(tmp_path):
    outcome, folder = W.tiny_import(tmp_path, [W.HEADER, ["Contacts received", None, 1500]])
    assert outcome.problems == []
    text = (folder / "observations.csv").read_text(encoding="utf-8")
    assert "contacts,2016-09,1500" in text and "2016-08" not in text


def test_excel_errors_and_formulas(tmp_path):
    rows = [W.HEADER, ["Contacts received", "=1/0", "=SUM(1500,1)"]]
    book = W.tiny_workbook(tmp_path / "kpis.xlsx", rows)
    W.with_cached_values(book, {"B2": "#DIV/0!", "C2": "1501"})
    from conftest import make_package
    folder = make_package(tmp_path)
    (folder / "imports").mkdir()
    (folder / "imports" / "kpis.yml").write_text(W.TINY_MAPPING, encoding="utf-8")
    outcome = import_workbook(str(folder), str(book))
    assert [(p.slug, p.cell) for p in outcome.problems] == [("excel-error", "B2")]
    assert "division by zero" in outcome.problems[0].line()
    W.with_cached_values(book, {"B2": "1499"})
    outcome = import_workbook(str(folder), str(book))
    assert outcome.problems == []
    text = (folder / "observations.csv").read_text(encoding="utf-8")
    assert "contacts,2016-08,1499" in text and "contacts,2016-09,1501" in text


def test_a_formula_excel_never_calculated_is_a_problem(tmp_path):
    outcome, _ = W.tiny_import(tmp_path, [W.HEADER, ["Contacts received", "=B3*2", 1500]])
    assert [(p.slug, p.cell) for p in outcome.problems] == [("workbook-formula-uncalculated", "B2")]


def test_hidden_rows_and_columns_are_reported_not_imported(tmp_path):
    rows = [W.HEADER + ["Oct-16"], ["Contacts received", 1500, 1600, 1700], ["Re-referrals within 12 months", 20, 21, 22]]
    outcome, folder = W.tiny_import(tmp_path, rows, hidden_rows=[3], hidden_columns=["D"])
    assert outcome.problems == []
    assert outcome.harvest.hidden == ['column D ("Oct-16")', "row 3 (Re-referrals within 12 months)"]
    text = (folder / "observations.csv").read_text(encoding="utf-8")
    assert "contacts,2016-10" not in text and "re-referrals,2016-08" not in text and "contacts,2016-09,1600" in text


def test_disclosure_small_counts_are_found_at_their_cell(tmp_path):
    outcome, _ = W.tiny_import(tmp_path, [W.HEADER, ["Contacts received", 3, 1500]])
    (found,) = outcome.problems
    assert (found.slug, found.cell) == ("small-count", "B2")


def test_a_changed_figure_is_shown_and_needs_replace(tmp_path):
    rows = [["Indicator", "Nov-16"], ["Contacts received", 1730]]
    outcome, folder = W.tiny_import(tmp_path, rows)
    assert [p.line() for p in outcome.problems] == [
        'kpis.xlsx, sheet "KPIs", cell B2: "1730" would replace 1722, the observation the '
        "package publishes for contacts, 2016-11. If the workbook corrects the published figure, import again "
        "with --replace; otherwise correct the workbook."]
    outcome, folder = W.tiny_import(tmp_path / "again", rows, replace=True)
    assert outcome.problems == [] and len(outcome.merges["observations"].changed) == 1
    assert "contacts,2016-11,1730" in (folder / "observations.csv").read_text(encoding="utf-8")


def test_the_officers_file_keeps_its_line_endings_and_order(tmp_path):
    from conftest import make_package
    folder = make_package(tmp_path)
    path = folder / "observations.csv"
    original = path.read_bytes().replace(b"\n", b"\r\n").rstrip(b"\r\n")  # Excel's CRLF, no final newline
    path.write_bytes(original)
    book = W.tiny_workbook(tmp_path / "kpis.xlsx", [W.HEADER, ["Contacts received", 1500, 1600]])
    (folder / "imports").mkdir()
    (folder / "imports" / "kpis.yml").write_text(W.TINY_MAPPING, encoding="utf-8")
    assert import_workbook(str(folder), str(book)).problems == []
    assert path.read_bytes() == original + b"\r\ncontacts,2016-08,1500,,,,doc-1,,\r\ncontacts,2016-09,1600,,,,doc-1,,\r\n"


def test_long_layout(tmp_path):
    mapping = W.TINY_MAPPING.replace("layout: wide", "layout: long") + (
        "columns:\n  Indicator: {role: indicator}\n  Period: {role: period}\n  Value: {role: value}\n")
    rows = [["Indicator", "Period", "Value"], ["Contacts received", "Aug-16", 1500], ["Contacts received", "Q2 16/17", 4500]]
    outcome, folder = W.tiny_import(tmp_path, rows, mapping=mapping)
    assert outcome.problems == []
    text = (folder / "observations.csv").read_text(encoding="utf-8")
    assert "contacts,2016-08,1500" in text and "contacts,2016/17 Q2,4500" in text


def test_a_rating_given_only_as_a_colour_is_read_checked_and_tallied(tmp_path):
    scale = [dict(W_row, rating=r, rank=str(i)) for i, r in enumerate(("Green", "Amber", "Red"), 1)
             for W_row in [{"scale": "indicator", "meaning": "x", "source": "doc-1"}]]
    from conftest import DEFAULT_TABLES
    scale = [row for row in DEFAULT_TABLES["rag_scale"] if row["scale"] == "plan"] + scale
    mapping = W.TINY_MAPPING + "ratings:\n  means: target\n  fill: Dec-16\n  tally: Scorecard KPIs\n"
    rows = [["Indicator", "Dec-16", "Target"], ["Re-referrals within 12 months", 0.21, None]]
    outcome, folder = W.tiny_import(tmp_path, rows, mapping=mapping, formats={"B2": "0.0%"}, fills={"B2": "00B050"},
                                    package_tables={"rag_scale": scale})
    assert outcome.problems == []  # 21.0 against 22 (lower is better) is met: green
    assert "2017-01-12,Scorecard KPIs,Green,1,doc-1," in (folder / "rag_tallies.csv").read_text(encoding="utf-8")
    outcome, _ = W.tiny_import(tmp_path / "red", rows, mapping=mapping, formats={"B2": "0.0%"},
                               fills={"B2": "FF0000"}, package_tables={"rag_scale": scale})
    assert [(p.slug, p.cell) for p in outcome.problems] == [("workbook-rating-differs", "B2")]
    outcome, _ = W.tiny_import(tmp_path / "odd", rows, mapping=mapping, formats={"B2": "0.0%"},
                               fills={"B2": "123456"}, package_tables={"rag_scale": scale})
    assert [(p.slug, p.cell) for p in outcome.problems] == [("workbook-colour-unknown", "B2")]


def test_the_validator_checks_mappings_kept_in_the_package(tmp_path):
    from conftest import make_package
    from journeys.checks.package import validate_package
    folder = make_package(tmp_path)
    (folder / "imports").mkdir()
    (folder / "imports" / "kpis.yml").write_text(W.TINY_MAPPING, encoding="utf-8")
    assert validate_package(folder, "data/demo") == []
    (folder / "imports" / "kpis.yml").write_text(W.TINY_MAPPING.replace("layout: wide", "layout: sideways"))
    (found,) = validate_package(folder, "data/demo")
    assert found.line().startswith("data/demo/imports/kpis.yml, line 1: layout: 'sideways' is not one of")


def test_update_description_moves_the_as_at_and_keeps_every_other_byte(tmp_path, capsys):
    folder = _copy(tmp_path, "kent")
    before = (folder / "datapackage.json").read_text(encoding="utf-8")
    with (folder / "documents.csv").open("a", encoding="utf-8") as handle:
        handle.write("kent-scphc-2013-09-18,2013-09-18,Social Care and Public Health Committee,Scorecard,,,committee paper,,\n")
    assert main(["update-description", str(folder)]) == 0
    after = (folder / "datapackage.json").read_text(encoding="utf-8")
    assert after == before.replace("historical, as at June 2013.", "historical, as at 18 September 2013.")
    assert main(["update-description", str(folder)]) == 0
    assert "up to date; nothing changed" in capsys.readouterr().out


def test_the_shipped_example_imports_with_nothing_to_change(tmp_path, capsys):
    """The README's import-xlsx command, on a copy: Kent's example workbook repeats what is shipped."""
    folder = _copy(tmp_path, "kent")
    before = {path.name: path.read_bytes() for path in folder.glob("*.csv")}
    assert main(["import-xlsx", str(folder), str(folder / "imports" / "scorecard-2012-13.xlsx")]) == 0
    assert capsys.readouterr().out.startswith("0 new figures, 0 changed, 0 removed; 3 indicators not in the package")
    assert {path.name: path.read_bytes() for path in folder.glob("*.csv")} == before


def test_a_new_paper_from_the_mapping_is_added_and_checked(tmp_path):
    mapping = W.TINY_MAPPING.replace("  document_id: doc-1\n", (
        "  document_id: kpis-2017-02\n  date: 2017-02-09\n  body: Scrutiny Board (2)\n"
        "  title: Performance scorecard, January 2017\n  kind: committee paper\n  publish_after: 2017-02-09 25:00\n"))
    rows = [["Indicator", "Jan-17"], ["Contacts received", 1500]]
    outcome, folder = W.tiny_import(tmp_path, rows, mapping=mapping)
    assert [p.slug for p in outcome.problems] == ["not-a-datetime"]  # the embargo's time, checked as in a CSV
    outcome, folder = W.tiny_import(tmp_path / "ok", rows, mapping=mapping.replace("25:00", "10:00"))
    assert outcome.problems == []
    documents = (folder / "documents.csv").read_text(encoding="utf-8")
    assert "kpis-2017-02,2017-02-09,Scrutiny Board (2),\"Performance scorecard, January 2017\",,2017-02-09 10:00," in documents
    assert "contacts,2017-01,1500,,,,kpis-2017-02," in (folder / "observations.csv").read_text(encoding="utf-8")


def test_an_import_with_a_later_paper_moves_the_descriptions_as_at(tmp_path, capsys):
    folder = _copy(tmp_path, "kent")
    mapping = folder / "imports" / "scorecard-2012-13.yml"
    mapping.write_text(mapping.read_text(encoding="utf-8").replace("  document_id: kent-scphc-2013-06-12\n", (
        "  document_id: kent-scphc-2013-09-18\n  date: 2013-09-18\n  body: Social Care and Public Health Committee\n"
        "  title: County scorecard\n  kind: committee paper\n")), encoding="utf-8")
    before = (folder / "datapackage.json").read_text(encoding="utf-8")
    assert main(["import-xlsx", str(folder), str(folder / "imports" / "scorecard-2012-13.xlsx")]) == 0
    assert "the description now reads" in capsys.readouterr().out
    assert (folder / "datapackage.json").read_text(encoding="utf-8") == before.replace(
        "as at June 2013", "as at 18 September 2013")


def test_every_file_of_the_officers_the_import_reads_goes_through_the_reading_layer(tmp_path):
    """The workbook, the mapping and the package's files are read by journeys.model.reading.read_file
    (which the kept-work mechanism watches): Python's audit hook sees every file opened, and each of
    the officer's is opened just after read_file has told the watcher of it."""
    import os
    import sys

    from journeys.model.reading import noticing
    user = [(tmp_path / "kpis.xlsx").resolve(), (tmp_path / "data" / "demo").resolve()]
    noticed: list[Path] = []
    opened: list[tuple[Path, Path | None]] = []  # each file of theirs opened, and the last read_file told of
    watching = [True]

    def hook(event, args):
        if event == "open" and watching[0] and isinstance(args[0], (str, Path)):
            mode, flags = args[1], args[2] if len(args) > 2 else 0
            path = Path(args[0]).resolve()
            reading = mode in ("r", "rb") or (mode is None and not flags & (os.O_WRONLY | os.O_RDWR))
            if reading and any(path == root or root in path.parents for root in user):
                opened.append((path, noticed[-1] if noticed else None))

    sys.addaudithook(hook)
    try:
        with noticing(lambda path: noticed.append(Path(path).resolve())):
            outcome, folder = W.tiny_import(tmp_path, [W.HEADER, ["Contacts received", 1500, 1600]])
    finally:
        watching[0] = False  # an audit hook cannot be removed: leave it watching nothing
    assert outcome.problems == [] and outcome.written
    assert {path for path, _ in opened} >= {user[0], (folder / "imports" / "kpis.yml").resolve(),
                                            (folder / "datapackage.json").resolve()}
    assert [(path, told) for path, told in opened if told != path] == []


def test_a_table_the_package_lacked_is_added_as_add_table_adds_it(tmp_path):
    """A tally into a package with no rag_tallies.csv: its header, its listing in datapackage.json, and
    the permissions any new file gets; a file replaced keeps its own."""
    import json
    import os
    from conftest import DEFAULT_TABLES, make_package
    scale = [row for row in DEFAULT_TABLES["rag_scale"] if row["scale"] == "plan"] + [
        {"scale": "indicator", "rating": r, "meaning": "x", "rank": str(i), "source": "doc-1"}
        for i, r in enumerate(("Green", "Amber", "Red"), 1)]
    mapping = W.TINY_MAPPING + "ratings:\n  means: target\n  fill: Dec-16\n  tally: Scorecard KPIs\n"
    rows = [["Indicator", "Dec-16"], ["Re-referrals within 12 months", 0.21]]
    umask = os.umask(0o022)
    os.umask(umask)
    folder = make_package(tmp_path, rag_scale=scale, rag_tallies=None)  # made again, as it is, by tiny_import
    os.chmod(folder / "observations.csv", 0o640)
    outcome, folder = W.tiny_import(tmp_path, rows, mapping=mapping, formats={"B2": "0.0%"}, fills={"B2": "00B050"},
                                    package_tables={"rag_scale": scale, "rag_tallies": None})
    assert outcome.problems == [] and "observations.csv" in " ".join(outcome.written)
    listed = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    assert listed[-1] == {"name": "rag_tallies", "path": "rag_tallies.csv"}  # its schema: the standard the package names
    assert (folder / "rag_tallies.csv").read_text(encoding="utf-8").startswith("report_date,")
    assert (folder / "rag_tallies.csv").stat().st_mode & 0o777 == 0o666 & ~umask
    assert (folder / "observations.csv").stat().st_mode & 0o777 == 0o640
