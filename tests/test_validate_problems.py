"""Every problem slug, made by a tiny fixture: its position and its exact wording.

Each case changes one thing in the valid `make_package` default and names the line the
officer must read. A test makes sure every slug in the catalogue has a case here.
"""

from __future__ import annotations

import errno
import json
import re
from pathlib import Path

import numpy as np
import pytest

from conftest import DEFAULT_TABLES, edit_descriptor, make_package
from journeys.model import reading
from journeys.checks.cells import check_field
from journeys import __version__
from journeys.invocation import REPOSITORY
from journeys.model.problems import CATALOGUE, catalogue_markdown
from journeys.scaffold import new_package
from journeys.build.validation import validate_package

ROOT = Path(__file__).resolve().parent.parent
DISPLAY = "data/demo"


def check(folder):
    return validate_package(folder, DISPLAY)


def first_changed(table: str, **changes) -> list[dict]:
    """The default rows of `table` with the first one (spreadsheet row 2) changed."""
    rows = [dict(row) for row in DEFAULT_TABLES[table]]
    rows[0].update(changes)
    return rows


def package(**tables):
    return lambda tmp_path: check(make_package(tmp_path, **tables))


def descriptor(**changes):
    def setup(tmp_path):
        folder = make_package(tmp_path)
        edit_descriptor(folder, **changes)
        return check(folder)
    return setup


def raw_file(name: str, content: bytes):
    def setup(tmp_path):
        folder = make_package(tmp_path)
        (folder / name).write_bytes(content)
        return check(folder)
    return setup


def resources(change):
    """Change the list of resources with `change(resources)`."""
    def setup(tmp_path):
        folder = make_package(tmp_path)
        data = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        change(data["resources"])
        edit_descriptor(folder, resources=data["resources"])
        return check(folder)
    return setup


def resource_path(name: str, path: str):
    def change(entries):
        next(entry for entry in entries if entry["name"] == name)["path"] = path
    return resources(change)


def broken_json(tmp_path):
    folder = make_package(tmp_path)
    (folder / "datapackage.json").write_text('{\n  "name": "demo",\n  "title": "Demo"\n  "gss_code": "E08000026"\n}\n')
    return check(folder)


def deep_json(tmp_path):
    folder = make_package(tmp_path)
    edit_descriptor(folder, keywords=json.loads("[" * 600 + "]" * 600))
    return check(folder)


def wide_header(tmp_path):
    folder = make_package(tmp_path)
    header = "theme_id,title,description,order,source,source_section"
    (folder / "themes.csv").write_text(header + "".join(f",extra{i}" for i in range(1000)) + "\n", encoding="utf-8")
    return check(folder)


def folder_with_files(tmp_path):
    from journeys.starter import init
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "notes.txt").write_text("mine", encoding="utf-8")
    init(tmp_path / "site", "Slough Borough Council", "E06000039", "871")
    assert [path.name for path in (tmp_path / "site").iterdir()] == ["notes.txt"]  # nothing touched
    from journeys.starter import folder_problems
    return folder_problems(tmp_path / "site")


def missing_folder(tmp_path):
    return validate_package(tmp_path / "data" / "nowhere", "data/nowhere")


def empty_folder(tmp_path):
    (tmp_path / "data" / "demo").mkdir(parents=True)
    return check(tmp_path / "data" / "demo")


def unlisted_csv(tmp_path):
    folder = make_package(tmp_path)
    (folder / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return check(folder)


def deleted_file(tmp_path):
    folder = make_package(tmp_path)
    (folder / "scrutiny.csv").unlink()
    return check(folder)


def oversized(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
    return check(make_package(tmp_path, observations=DEFAULT_TABLES["observations"] * 3))


def bad_slug(tmp_path, capsys):
    assert new_package("Kent CC", "Kent County Council", "E10000016", "886", tmp_path) == 1
    return _printed(capsys)


def reserved_name(tmp_path):
    folder = make_package(tmp_path, "search")
    return check(folder)


def _printed(capsys):
    """The problems `new` printed, turned back into comparable lines."""
    return [line for line in capsys.readouterr().out.splitlines()]


def site_configuration(tmp_path):
    from journeys.build.config import load_config
    (tmp_path / "site.yml").write_text("mode: regional\n", encoding="utf-8")
    return load_config(tmp_path / "site.yml")[1]


def engine_failure(tmp_path):
    from journeys.engine import run
    return run(tmp_path / "missing.yml", "demo")


def unpublishable_site(tmp_path):
    from journeys.build.site_check import check_site
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    return check_site(tmp_path / "site")


def search_failure(tmp_path):
    from journeys.build.search import index_site
    (tmp_path / "documents").mkdir()
    return index_site(tmp_path / "site" / "pagefind", tmp_path / "documents")


CONTACTS = {"indicator_id": "contacts", "source": "doc-1"}
YEAR_TO_DATE = [dict(CONTACTS, period="YTD 2016-11", value="6400"), dict(CONTACTS, period="2016-12", value="c"),
                dict(CONTACTS, period="YTD 2016-12", value="6403")]
NEXT_MONTH = DEFAULT_TABLES["observations"][:2] + [dict(CONTACTS, period="2016-11", value="c"),
                                                   dict(CONTACTS, period="2016-12", value="1700",
                                                        note="up from 3 in November")]


def full_disk_for_new(tmp_path, capsys, monkeypatch):
    def full(path, columns):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))
    monkeypatch.setattr("journeys.scaffold._write_header", full)
    assert new_package("kent", "Kent County Council", "E10000016", "886", tmp_path) == 1
    assert not (tmp_path / "kent").exists()  # what it began is gone
    return _printed(capsys)


def chart_over_its_limits(tmp_path, capsys, monkeypatch):
    from journeys.build.pipeline import build_command
    from journeys.outputs.drawing import RenderError

    def too_slow(*args, **kwargs):
        raise RenderError("drawing took longer than 60 seconds")
    monkeypatch.setattr("journeys.outputs.vega.svg", too_slow)
    make_package(tmp_path)
    (tmp_path / "site.yml").write_text("data_dir: data\nsite_dir: site\ncache_dir: ''\njobs: 0\n", encoding="utf-8")
    assert build_command(tmp_path / "site.yml") == 1
    return _printed(capsys)


def paper_options(tmp_path):
    from datetime import datetime, timezone
    from journeys.model import load_authority
    from journeys.paper_command import chosen_report
    folder = make_package(tmp_path)
    return chosen_report(load_authority(folder), "next week", folder, datetime.now(timezone.utc), "--as-at")[1]


def unforeseen(tmp_path, monkeypatch):
    def explode(table, name):
        raise RuntimeError("boom")
    monkeypatch.setattr("journeys.checks.package.check_cells", explode)
    return check(make_package(tmp_path, themes=None, objectives=None, actions=None, progress=None, indicators=None,
                              observations=None, targets=None, comparators=None, milestones=None,
                              judgements=None, findings=None, rag_scale=None, rag_tallies=None, scrutiny=None))


def generic_pattern(tmp_path):
    """No field of today's schemas has a pattern outside the known kinds; a new one would get this."""
    spec = {"name": "ref", "type": "string", "description": "A reference such as AB-12.",
            "constraints": {"pattern": "^[A-Z]{2}-\\d+$"}}
    return check_field("data/demo/findings.csv", "findings", spec, np.array([2]), np.array(["ab12"], dtype=object))


OBSERVATIONS = "data/demo/observations.csv"
OUT = "a quote mark opens a cell that never closes"

# Importing a workbook (issue 25): each case imports a tiny workbook into the default package.
import workbooks as W  # noqa: E402

INDICATOR_SCALE = [r for r in DEFAULT_TABLES["rag_scale"] if r["scale"] == "plan"] + [
    {"scale": "indicator", "rating": r, "meaning": "as the paper says", "rank": str(i), "source": "doc-1"}
    for i, r in enumerate(("Green", "Amber", "Red"), 1)]
LONG = W.TINY_MAPPING.replace("layout: wide", "layout: long") + (
    "columns:\n  Indicator: {role: indicator}\n  Period: {role: period}\n  Value: {role: value}\n")


def workbook(rows, **options):
    return lambda tmp_path: W.tiny_import(tmp_path, rows, **options)[0].problems


def not_a_workbook(tmp_path):
    import contextlib
    from journeys.workbook.command import import_workbook
    make_package(tmp_path)
    (tmp_path / "kpis.xlsx").write_text("Indicator,Aug-16\n")
    with contextlib.chdir(tmp_path):
        return import_workbook("data/demo", "kpis.xlsx").problems


INSPECTION_REPORT = {"document_id": "ofsted-1", "date": "2016-12-20", "body": "Ofsted", "title": "Inspection report",
                     "kind": "Ofsted report"}

CASES = {
    "folder-missing": (missing_folder, "data/nowhere: there is no folder here. Give the folder of a data package, e.g. data/kent."),
    "package-missing": (empty_folder, 'data/demo/datapackage.json: the folder has no datapackage.json, which says what the package holds. Start a package with: journeys new demo --name "..." --gss E... --dfe ...'),
    "package-json-too-deep": (deep_json, "data/demo/datapackage.json, line 1: the file nests brackets 601 levels deep, more than the 32 a data package needs. Check for brackets [ or { opened by mistake: the properties, licences, contributors and resources need only a few levels."),
    "control-character": (package(themes=first_changed("themes", title="Early\x0bhelp")), 'data/demo/themes.csv, row 2, column "title": "Early\\x0bhelp" holds U+000B, a vertical tab (what Word writes for a manual line break), a control character that pages, charts and feeds cannot show. Delete it, or replace it with a space or a plain line break (in Excel, Alt+Enter makes one). It is character 6 of the cell.'),
    "text-too-long": (package(themes=first_changed("themes", title="x" * 501)), f'data/demo/themes.csv, row 2, column "title": "{"x" * 200}… (501 characters)" is 501 characters long, more than the 500 that a name or label may hold. Shorten it to 500 characters or fewer: cite the paper (source_section) for the rest.'),
    "year-implausible": (package(milestones=first_changed("milestones", date="0001-01-01")), 'data/demo/milestones.csv, row 2, column "date": "0001-01-01" has the year 1, which no paper of this journey can have. Write the year the paper gives, from 1948 to 2050 (a placeholder such as 0001-01-01 is not a date: leave the cell empty if it is optional, or find the date in the paper).'),
    "cell-too-large": (raw_file("themes.csv", b"theme_id,title,description,order,source,source_section\n1,Early help," + b"x" * (1024 * 1024 + 1) + b",1,doc-1,\n"), "data/demo/themes.csv, row 2: a cell in this row holds more than 1 MB, the most a cell may hold. Shorten it: a cell holds a figure or a few sentences; cite the paper for the rest."),
    "more-problems": (wide_header, "data/demo/themes.csv, row 1: 950 more problems of the kind above (column-unknown) in this file, after the first 50. Fix those listed: the rest are usually the same mistake repeated, and the next check lists any left."),
    "package-json-invalid": (broken_json, "data/demo/datapackage.json, line 4: the file is not valid JSON: Expecting ',' delimiter. Check for a missing comma, quote or bracket on this line or the one before it."),
    "package-property": (descriptor(title=None), 'data/demo/datapackage.json: "title" is missing: it holds the authority\'s name. Write, for example, "title": "Kent County Council".'),
    "standard-missing": (descriptor(standard=None), 'data/demo/datapackage.json, line 2: the package does not say which version of the data standard it follows. Add the line "standard": "journeys/1.0", under "name" (this release of journeys knows journeys/1.0). Each resource\'s "schema" can then go: the standard gives every table its schema.'),
    "standard-unknown": (descriptor(standard="journeys/9.9"), f'data/demo/datapackage.json, line 3: "journeys/9.9" is not a version of the data standard journeys {__version__} knows. Write "standard": "journeys/1.0" (the versions it knows: journeys/1.0), or install a release that knows this one.'),
    "folder-not-empty": (folder_with_files, "{tmp}/site: init writes a new site only into a new or empty folder, and this one holds notes.txt. Give the name of a folder that does not exist yet, and init makes it. Nothing here was changed."),
    "package-name": (descriptor(name="Demo"), 'data/demo/datapackage.json, line 2: "Demo" must be the name of the package\'s folder, in lower-case letters, digits and hyphens. Write "name": "demo", and give the folder the same name.'),
    "package-name-reserved": (reserved_name, 'data/demo/datapackage.json, line 2: "search" is a name the site uses for its own pages and files (accessibility, assets, compare, feeds, glossary, how-to-read, officers-guide, pagefind, problems, search). Choose another name for the package and its folder, e.g. the authority\'s name.'),
    "slug-invalid": (bad_slug, '{tmp}/Kent CC: "Kent CC" is not a usable package name (it becomes the folder and the web address). Use lower-case letters, digits and hyphens, at most 63 of them, e.g. kent-cc.'),
    "write-failed": (full_disk_for_new, '{tmp}/kent: could not be written: the disk is full. Free some space on the disk that holds {tmp} (or choose a folder on another disk), then try again.'),
    "chart-failed": (chart_over_its_limits, '{tmp}/data/demo: a chart of this package could not be drawn: drawing took longer than 60 seconds. Look in the package for very long or unusual text in what charts show (an indicator\'s title, a rating\'s meaning, a milestone\'s title), shorten it and build again; if there is none, please report this.'),
    "gss-code": (descriptor(gss_code="E0800002"), 'data/demo/datapackage.json, line 6: "E0800002" is not an English local authority GSS code. Write the nine-character code, e.g. "E08000026" for Coventry.'),
    "dfe-code": (descriptor(dfe_code="33"), 'data/demo/datapackage.json, line 7: "33" is not a DfE local authority code. Write the three-digit code, e.g. "331" for Coventry.'),
    "package-standard": (descriptor(keywords="children's services"), 'data/demo/datapackage.json, line 84: does not follow the Data Package standard: "children\'s services" is not of type \'array\' at property \'keywords\'. Write the property as https://datapackage.org/standard/data-package/ describes it, or remove it.'),
    "licence": (descriptor(licenses=[{"name": "CC-BY-4.0"}]), 'data/demo/datapackage.json, line 8: the package must be published under the Open Government Licence v3.0. Write "licenses": [{"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0", "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}].'),
    "contact-missing": (descriptor(contributors=[{"title": "Head of improvement", "role": "author"}]), 'data/demo/datapackage.json, line 15: the package names no contact. Add to "contributors" an entry {"title": "<name and role>", "email": "<address>", "role": "contact"}.'),
    "resource-invalid": (resources(lambda entries: entries[-1].pop("name")), 'data/demo/datapackage.json, line 22: resource 15 needs a "name" (the table, e.g. "observations"). Write each resource as {"name": "<table>", "path": "<table>.csv"}.'),
    "table-unknown": (resources(lambda entries: entries[-1].update(name="scrutinies")), 'data/demo/datapackage.json, line 80: "scrutinies" is not a table of the data standard. Did you mean "scrutiny"? The tables are: actions, board_updates, comparators, documents, findings, indicators, judgements, milestones, objectives, observations, paper_recommendations, parts, progress, rag_scale, rag_tallies, scrutiny, targets, themes, work_programme.'),
    "table-duplicate": (resources(lambda entries: entries.append(dict(entries[-1]))), 'data/demo/datapackage.json, line 80: "scrutiny" is listed more than once in datapackage.json. Keep one entry for each table.'),
    "table-missing": (package(documents=None), 'data/demo/datapackage.json, line 22: every package needs documents.csv, listed in datapackage.json. Add it with: journeys add-table data/demo documents (it writes the CSV\'s header and lists it).'),
    "referenced-table-missing": (package(objectives=None), 'data/demo/actions.csv, row 1: column "objective_id" refers to objectives.csv, but the package has no objectives.csv. Add objectives.csv with its header row (it may have no other rows) and list it in datapackage.json.'),
    "path-outside-package": (resource_path("scrutiny", "../kent/scrutiny.csv"), 'data/demo/datapackage.json, line 80: "../kent/scrutiny.csv" leads outside the package folder: ".." climbs out of it. Write the file name alone, e.g. "scrutiny.csv", and keep the file in the package folder.'),
    "path-remote": (resource_path("scrutiny", "https://example.org/scrutiny.csv"), 'data/demo/datapackage.json, line 80: "https://example.org/scrutiny.csv" is a web address, but the validator reads only files inside the package folder. Save the file into the package folder and write its name, e.g. "scrutiny.csv".'),
    "path-not-csv": (resource_path("scrutiny", "scrutiny.xlsx"), 'data/demo/datapackage.json, line 80: "scrutiny.xlsx" is not a .csv file, and every table must be one. Save the table as CSV UTF-8 and write its name, e.g. "scrutiny.csv".'),
    "schema-mismatch": (resources(lambda entries: entries[-1].update(schema="../../schemas/themes.json")), 'data/demo/datapackage.json, line 80: "../../schemas/themes.json" is not the schema of the scrutiny table. Remove the "schema" entry: the standard the package names ("standard" in datapackage.json) gives each table its schema.'),
    "file-missing": (deleted_file, "data/demo/scrutiny.csv: the file is listed in datapackage.json but is not in the folder. Add the file, or remove its entry from datapackage.json."),
    "csv-not-listed": (unlisted_csv, "data/demo/notes.csv: the file is in the package folder but not in datapackage.json, so it would be ignored. Rename it to a table of the standard, or move it out of the folder."),
    "file-too-large": (oversized, f"{OBSERVATIONS}: the file is 0 MB, more than the 0 MB allowed. Split the data over several packages, or check the file is really a CSV of this package."),
    "file-empty": (raw_file("themes.csv", b"\r\n"), "data/demo/themes.csv: the file is empty: it needs at least its header row. Write the header row: theme_id, title, description, order, source, source_section."),
    "not-csv": (raw_file("themes.csv", b"PK\x03\x04\x14\x00rest of a workbook"), "data/demo/themes.csv: the file is an Excel workbook (.xlsx) with a .csv name, not a CSV file. In Excel choose File > Save As > CSV UTF-8 (Comma delimited) (*.csv)."),
    "not-utf8": (raw_file("themes.csv", "theme_id,title,description,order,source,source_section\n1,Early help,,1,doc-1,\n2,Budget £5m,,2,doc-1,\n".encode("cp1252")), 'data/demo/themes.csv, row 3: the file is not saved as UTF-8: this row has a character it cannot read (probably "£", as Windows-1252 would read it). In Excel choose File > Save As > CSV UTF-8 (Comma delimited) (*.csv).'),
    "wrong-separator": (raw_file("themes.csv", b"theme_id;title;description;order;source;source_section\n1;Early help;;1;doc-1;\n"), "data/demo/themes.csv, row 1: the columns are separated by semicolons, not commas. Save it again as CSV UTF-8 (Comma delimited); check your computer's list separator is a comma."),
    "csv-malformed": (raw_file("themes.csv", b'theme_id,title,description,order,source,source_section\n1,Early help,,1,doc-1,\n2,"Leadership,,2,doc-1,\n'), f"data/demo/themes.csv, row 3: the file cannot be read as CSV from this row: {OUT}. Look for a quote mark (\") that opens a cell but never closes it."),
    "header-missing": (raw_file("themes.csv", b",,,,,\n1,Early help,,1,doc-1,\n"), "data/demo/themes.csv, row 1: the first row must be the header row with the column names. Write the header row: theme_id, title, description, order, source, source_section."),
    "blank-row": (raw_file("themes.csv", b"theme_id,title,description,order,source,source_section\r\n1,Early help,,1,doc-1,\r\n2,Leadership,,2,doc-1,\r\n,,,,,\r\n,,,,,\r\n"), "data/demo/themes.csv, row 4: rows 4 to 5 are empty. Delete the empty rows (a trailing empty row from Excel counts too)."),
    "cells-extra": (raw_file("themes.csv", b"theme_id,title,description,order,source,source_section\n1,Early help,,1,doc-1,,\n2,Leadership,,2,doc-1,\n"), "data/demo/themes.csv, row 2: this row has 7 cells but the header has 6. Delete the extra cells at the end of the row, or put quotes round a value that contains a comma."),
    "cells-missing": (raw_file("themes.csv", b"theme_id,title,description,order,source,source_section\n1,Early help,,1,doc-1,\n2,Leadership,,2,doc-1\n"), "data/demo/themes.csv, row 3: this row has 5 cells but the header has 6. Add the missing cells (leave them empty if there is nothing to write)."),
    "column-missing": (raw_file("themes.csv", b"theme_id,title,order,source,source_section\n1,Early help,1,doc-1,\n"), 'data/demo/themes.csv, row 1: there is no column "description". Add it after "title".'),
    "column-unknown": (raw_file("themes.csv", b"theme_id,title,descr,order,source,source_section\n1,Early help,,1,doc-1,\n"), 'data/demo/themes.csv, row 1: "descr" is not a column of themes.csv. Did you mean "description"? The columns are: "theme_id", "title", "description", "order", "source", "source_section".'),
    "column-unnamed": (raw_file("themes.csv", b"theme_id,title,description,order,source,source_section,\n1,Early help,,1,doc-1,,\n"), "data/demo/themes.csv, row 1: column 7 has no name in the header row. Delete the column if it is empty, or write its name."),
    "column-duplicate": (raw_file("themes.csv", b"theme_id,title,description,order,source,source_section,title\n1,Early help,,1,doc-1,,Early\n"), 'data/demo/themes.csv, row 1: "title" appears more than once in the header row. Keep one column of each name.'),
    "column-order": (raw_file("themes.csv", b"title,theme_id,description,order,source,source_section\nEarly help,1,,1,doc-1,\n"), "data/demo/themes.csv, row 1: the columns are not in the standard's order. Put them in this order: theme_id, title, description, order, source, source_section."),
    "required-missing": (package(observations=first_changed("observations", source="")), f'{OBSERVATIONS}, row 2, column "source": this cell is empty, but observations.csv needs it. Write the document_id (from documents.csv) of the paper this row was taken from.'),
    "excel-error": (package(observations=first_changed("observations", value="#DIV/0!")), f'{OBSERVATIONS}, row 2, column "value": "#DIV/0!" is an Excel error (division by zero), not a value. Fix the formula in the workbook and export again, or write x if the figure is not available.'),
    "extra-spaces": (package(progress=first_changed("progress", rating="Amber ")), 'data/demo/progress.csv, row 2, column "rating": "Amber " has a space before or after it. Delete the spaces: write "Amber".'),
    "not-a-date": (package(documents=first_changed("documents", date="31/02/2017")), 'data/demo/documents.csv, row 2, column "date": "31/02/2017" is not a date. February 2017 has days 1 to 28: write a real day such as 2017-02-28.'),
    "not-a-datetime": (package(documents=first_changed("documents", publish_after="2017-01-12 25:00")), 'data/demo/documents.csv, row 2, column "publish_after": "2017-01-12 25:00" is not a date, or a date and time. Write it as 2017-01-12 10:00 (UK time), or a date alone as 2017-01-12.'),
    "not-a-period": (package(observations=first_changed("observations", period="31/02/2025")), f'{OBSERVATIONS}, row 2, column "period": "31/02/2025" is not a period. Write it as 2025-02 (month) or 2025-02-28 (day).'),
    "not-a-number": (package(observations=first_changed("observations", numerator="about 24")), f'{OBSERVATIONS}, row 2, column "numerator": "about 24" is not a number nor a GSS symbol. Write a plain number such as 67.8 or 1722, or a GSS symbol: c (confidential), x (not available), z (not applicable), low (rounds to zero) or u (low reliability).'),
    "not-a-figure": (package(observations=first_changed("observations", value="over 20")), f'{OBSERVATIONS}, row 2, column "value": "over 20" is not a figure in a form the standard knows. Write a bound as >20, with no words, % sign or commas.'),
    "not-a-target": (package(targets=first_changed("targets", target="between 20 and 25")), 'data/demo/targets.csv, row 2, column "target": "between 20 and 25" is not a target in a form the standard knows. Write a range as 20-25, smaller first, with no spaces or words.'),
    "target-period-unstated": (package(targets=first_changed("targets", period="unstated 2016-11")), 'data/demo/targets.csv, row 2, column "period": "unstated 2016-11" is a period not stated, but a target applies over a stated period. Write the period the paper sets the target for, e.g. 2018/19 or 2019-03; if it gives none, write the target in the indicator\'s definition instead.'),
    "target-against-polarity": (package(targets=first_changed("targets", target=">20")), 'data/demo/targets.csv, row 2, column "target": ">20" is a target met above 20, but indicators.csv says re-referrals is "lower is better". Check the target against the paper, or correct the indicator\'s polarity in indicators.csv.'),
    "unstated-after-source": (package(observations=first_changed("observations", period="unstated 2017-02")), f'{OBSERVATIONS}, row 2, column "period": "unstated 2017-02" is dated after the paper it cites, doc-1 (12 January 2017). Write the date of the paper, or of the column or section the figure is printed in: no later than the paper itself.'),
    "small-count-bound": (package(observations=DEFAULT_TABLES["observations"][:2] + [dict(DEFAULT_TABLES["observations"][2], value="<6")]), f'{OBSERVATIONS}, row 4, column "value": "<6" is a bound that says a count of children is at most 5, which could identify them. Write c (confidential) instead; the note may say that the paper printed a bound.'),
    "change-reveals-small-count": (package(observations=DEFAULT_TABLES["observations"][:2] + [dict(DEFAULT_TABLES["observations"][2], period="2016-10", value="7"), dict(DEFAULT_TABLES["observations"][2], value="change -3")]), f'{OBSERVATIONS}, row 5, column "value": "change -3" is a change that, with 7 in 2016-10, gives a count of 4 children, which could identify them. Write c (confidential) instead, and say so in the note.'),
    "percent-sign": (package(observations=first_changed("observations", value="67.8%")), f'{OBSERVATIONS}, row 2, column "value": "67.8%" has a % sign. Write the plain number: 67.8.'),
    "thousands-separator": (package(observations=first_changed("observations", denominator="1,234")), f'{OBSERVATIONS}, row 2, column "denominator": "1,234" has a comma inside the number. Write the plain number: 1234.'),
    "legacy-symbol": (package(observations=first_changed("observations", value="..")), f'{OBSERVATIONS}, row 2, column "value": ".." is an old-style symbol (not available). Use the GSS symbol: x.'),
    "symbol-format": (package(observations=first_changed("observations", value="[x]")), f'{OBSERVATIONS}, row 2, column "value": "[x]" is written differently from the GSS symbol. Write x (lower case, no brackets).'),
    "not-an-integer": (package(themes=first_changed("themes", order="first")), 'data/demo/themes.csv, row 2, column "order": "first" is not a whole number. Write a whole number such as 3, with no decimal point, spaces or commas.'),
    "out-of-range": (package(indicators=first_changed("indicators", decimals="4")), 'data/demo/indicators.csv, row 2, column "decimals": "4" must be from 0 to 3. Write a whole number from 0 to 3.'),
    "not-yes-no": (package(indicators=first_changed("indicators", counts_children="Y")), 'data/demo/indicators.csv, row 2, column "counts_children": "Y" must be yes or no. Write yes.'),
    "not-in-list": (package(indicators=first_changed("indicators", polarity="lower is beter")), 'data/demo/indicators.csv, row 2, column "polarity": "lower is beter" is not one of the allowed values. Did you mean "lower is better"? Write one of: "higher is better", "lower is better", "close to target", "none".'),
    "bad-identifier": (package(findings=first_changed("findings", finding_id="mv s1")), 'data/demo/findings.csv, row 2, column "finding_id": "mv s1" can hold only letters, digits, dots, hyphens and underscores, starting with a letter or digit. Write it as, for example, "mv-s1".'),
    "not-a-web-address": (package(documents=first_changed("documents", url="www.example.org/papers/1")), 'data/demo/documents.csv, row 2, column "url": "www.example.org/papers/1" is not a web address. Write the full address starting https://, or leave the cell empty if the paper is not online.'),
    "pattern-mismatch": (generic_pattern, 'data/demo/findings.csv, row 2, column "ref": "ab12" is not in the form this column needs. A reference such as AB-12.'),
    "duplicate-key": (package(progress=DEFAULT_TABLES["progress"] + [dict(DEFAULT_TABLES["progress"][1], report_date="12/01/2017")]), 'data/demo/progress.csv, row 4, column "report_date": "1 / 12/01/2017" repeats the action_id and report_date of row 3. Each combination of action_id and report_date may appear once: correct one of the rows or delete the repeat.'),
    "unknown-reference": (package(progress=first_changed("progress", action_id="3")), 'data/demo/progress.csv, row 2, column "action_id": "3" matches no action_id in actions.csv. Write one that actions.csv holds, or add that row to actions.csv first.'),
    "rag-unknown": (package(progress=first_changed("progress", rating="Blue")), 'data/demo/progress.csv, row 2, column "rating": "Blue" is not one of the authority\'s plan ratings. Write one of: "Green", "Amber", "Red" (as rag_scale.csv defines them).'),
    "judgement-unknown": (package(judgements=first_changed("judgements", judgement="help and protection")), 'data/demo/judgements.csv, row 2, column "judgement": "help and protection" is not a judgement of the sif-2013 framework. Did you mean "Children who need help and protection"? Write one of: "Overall effectiveness", "Children who need help and protection", "Children looked after and achieving permanence", "Adoption performance", "Experiences and progress of care leavers", "Leadership, management and governance", "Review of the Local Safeguarding Children Board".'),
    "grade-unknown": (package(judgements=first_changed("judgements", grade="Adequate")), 'data/demo/judgements.csv, row 2, column "grade": "Adequate" is not a grade of the sif-2013 framework. It is a grade of the ofsted-2009 framework: if the inspection was under that framework, correct the framework of insp-2014 in milestones.csv. Write one of: "Outstanding", "Good", "Requires improvement to be good", "Inadequate".'),
    "overall-grade-forbidden": (package(milestones=first_changed("milestones", framework="ilacs-2026")), 'data/demo/judgements.csv, row 2, column "judgement": "Overall effectiveness" is not graded under the ilacs-2026 framework, which gives sub-judgements only. Delete this row: record only the sub-judgements.'),
    "framework-missing": (package(milestones=first_changed("milestones", framework="")), 'data/demo/milestones.csv, row 2, column "framework": milestone insp-2014 has grades in judgements.csv but no framework. Write the inspection framework, one of: "ofsted-2009", "sif-2013", "ilacs-2018", "ilacs-2023", "ilacs-2026".'),
    "percentage-out-of-range": (package(comparators=first_changed("comparators", value="101")), 'data/demo/comparators.csv, row 2, column "value": "101" is a percentage outside 0 to 100. Write the percentage as a number from 0 to 100 (67.8, not 0.678).'),
    "targets-overlap": (package(targets=DEFAULT_TABLES["targets"] + [dict(DEFAULT_TABLES["targets"][0], period="2017-Q1", target="20")]), 'data/demo/targets.csv, row 3, column "period": "2017-Q1" overlaps 2016/17, the period of the target for re-referrals in row 2. Give each stretch of time one target: change one of the periods, or delete one row.'),
    "progress-after-document": (package(progress=first_changed("progress", report_date="2017-02-01")), 'data/demo/progress.csv, row 2, column "report_date": "2017-02-01" is after the date of the document it cites, doc-1 (2017-01-12). Write the date of the report the rating came from, or cite the document it came from.'),
    "recommendation-from-inspector": (package(documents=DEFAULT_TABLES["documents"] + [INSPECTION_REPORT], paper_recommendations=[{"paper_recommendation_id": "p-1", "item": "Inspection", "to": "The council", "recommendation": "Improve supervision", "source": "ofsted-1", "source_section": "Recommendations"}]), 'data/demo/paper_recommendations.csv, row 2, column "source": "ofsted-1" is an Ofsted report: an inspector\'s recommendations go in findings.csv. Move the row to findings.csv (kind recommendation); this table holds what a council paper asks its meeting to do.'),
    "small-count": (package(observations=first_changed("observations", numerator="4", value="c", denominator="")), f'{OBSERVATIONS}, row 2, column "numerator": "4" is a count of 1 to 5 children, which could identify them. Write c (confidential) instead, and say so in the note; make sure no other figure reveals it.'),
    "suppression-derivable": (package(observations=first_changed("observations", value="c")), f'{OBSERVATIONS}, row 2, column "value": "c" can be worked out from the numerator and denominator, so suppressing it hides nothing. Suppress one of the numerator and denominator as well (write c), or leave the numerator and denominator empty.'),
    "small-count-rounded": (package(observations=DEFAULT_TABLES["observations"][:2] + [dict(DEFAULT_TABLES["observations"][2], value="4.6")]), f'{OBSERVATIONS}, row 4, column "value": "4.6" is published as 5 (0 decimal places), a count of 1 to 5 children, which could identify them. Write c (confidential) instead, and say so in the note; make sure no other figure reveals it.'),
    "percentage-reveals-small-count": (package(observations=first_changed("observations", value="7.5", numerator="", denominator="40")), f'{OBSERVATIONS}, row 2, column "value": "7.5" is a percentage that, with the denominator 40 in this row, gives away a count of 3 children. Suppress the value as well (write c), or leave the denominator empty.'),
    "suppression-derivable-sum": (package(observations=DEFAULT_TABLES["observations"] + YEAR_TO_DATE), f'{OBSERVATIONS}, row 6, column "value": "c" can be worked out from YTD 2016-11 (6400) and YTD 2016-12 (6403): a figure for a quarter, a year or a year to date is the sum of the months in it, and a period written two ways (31/03/2017 and 2017-03-31) is one period. Suppress one of YTD 2016-11 or YTD 2016-12 as well (write c).'),
    "parts-derivable": (package(indicators=DEFAULT_TABLES["indicators"] + [dict(DEFAULT_TABLES["indicators"][1], indicator_id=name, lait_code="") for name in ("cla", "cla-boys", "cla-girls")], observations=[{"indicator_id": name, "period": "2016-11", "value": value, "source": "doc-1"} for name, value in (("cla", "5432"), ("cla-boys", "5429"), ("cla-girls", "c"))], parts=[{"total_id": "cla", "part_id": "cla-boys"}, {"total_id": "cla", "part_id": "cla-girls"}]), f'{OBSERVATIONS}, row 4, column "value": "c" can be worked out from cla 2016-11 (5432) and cla-boys 2016-11 (5429): parts.csv says the parts add up to the total, and the months of a longer period add up to it. Suppress one of cla 2016-11 or cla-boys 2016-11 as well (write c).'),
    "note-reveals-suppressed": (package(observations=first_changed("observations", value="c", numerator="", denominator="", note="c: 3 children in 2016-10")), f'{OBSERVATIONS}, row 2, column "note": "c: 3 children in 2016-10" is a note beside a suppressed figure (c) that holds a number (3), which could reveal it. Say only that the figure is suppressed, e.g. "a count of 1 to 5 children: suppressed (c)", without the number in any form (digits, words such as "two", Roman numerals, or a bound such as "fewer than 2").'),
    "text-reveals-suppressed": (package(observations=NEXT_MONTH), f'{OBSERVATIONS}, row 5, column "note": "up from 3 in November" holds a number (3) near the suppressed figure of contacts for 2016-11 (c, observations.csv row 4), which could reveal it. Write the text without that number (in any form: digits, words, Roman numerals or a bound such as "fewer than 2"), or suppress the figure it gives away as well.'),
    "site-config": (site_configuration, None),
    "site-engine": (engine_failure, None),
    "site-unpublishable": (unpublishable_site, None),
    "search-index": (search_failure, None),
    "paper-option": (paper_options, '--as-at: "next week" is neither a paper in documents.csv nor a day. Give a document_id from documents.csv, or a day written as 2017-01-12.'),
    "target-for-activity-measure": (package(targets=first_changed("targets", indicator_id="contacts")), 'data/demo/targets.csv, row 2, column "indicator_id": "contacts" is an activity measure (polarity none in indicators.csv), so it has no target. Delete this target row, or give the indicator its polarity in indicators.csv.'),
    "basis-without-note": (package(observations=first_changed("observations", basis="deduced", note="")), 'data/demo/observations.csv, row 2, column "note": is empty, but this figure is deduced: the note must say how. Say how the figure was worked out, e.g. "100% less the 42% printed for the other group", or why it is read from the paper; or empty the basis column if the paper prints the figure as it is.'),
    "lait-code-unknown": (package(indicators=first_changed("indicators", lait_code="99999", title="Zebra crossings")), 'data/demo/indicators.csv, row 2, column "lait_code": "99999" is not a code in the catalogue of national measures. Write a code from schemas/vocabularies/national_measures.csv, or leave lait_code empty.'),
    "lait-code-repeated": (package(indicators=DEFAULT_TABLES["indicators"] + [dict(DEFAULT_TABLES["indicators"][0], indicator_id="re-referrals-ytd")]), 'data/demo/indicators.csv, row 4, column "lait_code": "271" is also claimed by indicator re-referrals in row 2. Only one indicator can be a national measure: leave lait_code empty on one of them.'),
    "lait-unit-mismatch": (package(indicators=first_changed("indicators", unit="days")), 'data/demo/indicators.csv, row 2, column "unit": "days" is not the unit of national measure 271 (Re-referrals within 12 months), which is "percentage". Write "percentage" if the indicator is the national measure; otherwise leave lait_code empty.'),
    "lait-polarity-mismatch": (package(indicators=first_changed("indicators", polarity="higher is better")), 'data/demo/indicators.csv, row 2, column "polarity": "higher is better" is not the polarity of national measure 271 (Re-referrals within 12 months), which is "lower is better". Write "lower is better" if the indicator is the national measure; otherwise leave lait_code empty.'),
    "lait-definition-differs": (package(indicators=first_changed("indicators", definition="Re-referrals within 6 months")), None),
    "workbook-unreadable": (not_a_workbook, "kpis.xlsx: the file is not an Excel workbook (.xlsx). In Excel choose File > Save As > Excel Workbook (*.xlsx)."),
    "workbook-sheet-missing": (workbook([W.HEADER], mapping="sheet: KPI\n" + W.TINY_MAPPING), 'kpis.xlsx: "KPI" is not a sheet of the workbook. Did you mean "KPIs"? The sheets are: "KPIs". Write the sheet\'s name as sheet: in the mapping.'),
    "workbook-heading-unknown": (workbook([W.HEADER + ["Lead officer"]]), 'kpis.xlsx, sheet "KPIs", cell D1: "Lead officer" is a column heading that names no period and is not in the mapping. Head a column of figures with its period as Excel shows it (Nov 2016, 2016/17, 2016/17 Q2, YTD), or add the heading under columns: in the mapping, e.g. "Lead officer": {role: ignore} to leave the column out.'),
    "workbook-label-unknown": (workbook([W.HEADER, ["Contact received", 1500, 1600]]), 'kpis.xlsx, sheet "KPIs", cell A2: "Contact received" is a row with figures whose label the mapping does not know. Did you mean "Contacts received"? Add it under indicators: in data/demo/imports/kpis.yml with its indicator_id from indicators.csv (or indicator_id: null to leave the row out).'),
    "workbook-indicator-unknown": (workbook([W.HEADER, ["Contacts received", 1500, 1600]], mapping=W.TINY_MAPPING.replace("indicator_id: contacts", "indicator_id: contact")), 'kpis.xlsx, sheet "KPIs", cell A2: "contact" is not an indicator_id in indicators.csv. Did you mean "contacts"? Correct it in data/demo/imports/kpis.yml, or add the indicator to indicators.csv first.'),
    "workbook-period-unknown": (workbook([["Indicator", "Period", "Value"], ["Contacts received", "Autumn 2016", 1500]], mapping=LONG), 'kpis.xlsx, sheet "KPIs", cell B2: "Autumn 2016" is not a period. Write a month as Excel shows it (Nov 2016, or a date), a financial year as 2016/17, a quarter as 2016/17 Q2 or Q2 16/17, or year to date as YTD Nov 2016.'),
    "workbook-formula-uncalculated": (workbook([W.HEADER, ["Contacts received", "=C2*2", 1500]]), 'kpis.xlsx, sheet "KPIs", cell B2: this cell holds a formula that Excel has not calculated, so it has no value. Open the workbook in Excel, let it calculate (press F9), save it, and import it again.'),
    "workbook-figure-not-yet": (workbook([W.HEADER, ["Contacts received", "about 200", 1500]]), 'kpis.xlsx, sheet "KPIs", cell B2: "about 200" is a range or an approximate figure, which the standard does not hold as a figure. Write the figure the paper gives, or leave the cell empty and put the words in a Note column. The standard holds a bound ("over 200" is read as >200), a change with no level ("fell by 28" as change -28), and a range only as a target (20-25).'),
    "workbook-colour-unknown": (workbook([W.HEADER, ["Contacts received", 1500, 1600]], fills={"C2": "123456"}, mapping=W.TINY_MAPPING + "ratings:\n  fill: Sep-16\n"), 'kpis.xlsx, sheet "KPIs", cell C2: "123456" is a fill colour the mapping gives no rating. Add it under colours: in data/demo/imports/kpis.yml with the rating it means, e.g. "123456": Green, or remove the fill.'),
    "workbook-rating-differs": (workbook([["Indicator", "Dec-16"], ["Re-referrals within 12 months", 0.21]], formats={"B2": "0.0%"}, fills={"B2": "FF0000"}, mapping=W.TINY_MAPPING + "ratings:\n  means: target\n  fill: Dec-16\n", package_tables={"rag_scale": INDICATOR_SCALE}), 'kpis.xlsx, sheet "KPIs", cell B2: "Red" is the workbook\'s rating, but the site would show Green: 21.0 against target 22, tolerance 2 (lower is better) is met. Correct the rating (or its colour) in the workbook, or the figure, target or tolerance it rates.'),
    "workbook-document-incomplete": (workbook([W.HEADER, ["Contacts received", 1500, 1600]], mapping=W.TINY_MAPPING.replace("document_id: doc-1", "document_id: doc-9")), "data/demo/imports/kpis.yml: document doc-9 is not in documents.csv and the mapping does not give its date, body, title. Add them under document: in data/demo/imports/kpis.yml (date as 2017-01-12, body, title), or add the paper to documents.csv first."),
    "figure-changed": (workbook([["Indicator", "Nov-16"], ["Contacts received", 1730]]), 'kpis.xlsx, sheet "KPIs", cell B2: "1730" would replace 1722, the observation the package publishes for contacts, 2016-11. If the workbook corrects the published figure, import again with --replace; otherwise correct the workbook.'),
    "mapping-invalid": (workbook([W.HEADER], mapping=W.TINY_MAPPING.replace("label_column: A", "label_column: 1")), "data/demo/imports/kpis.yml, line 3: label_column: 1 is not of type 'string'. Write it as schemas/imports/mapping.schema.json describes."),
    "file-unreadable": (unforeseen, "data/demo/documents.csv: the validator could not check this file (RuntimeError: boom). Please report this, with the file, to the site's maintainers."),
}


def test_the_default_package_is_valid(tmp_path):
    assert check(make_package(tmp_path)) == []


def test_every_slug_in_the_catalogue_has_a_case():
    assert set(CASES) == set(CATALOGUE)


@pytest.mark.parametrize("slug", list(CASES))
def test_each_problem_says_where_and_what(slug, tmp_path, request):
    setup, expected = CASES[slug]
    arguments = {name: request.getfixturevalue(name) for name in setup.__code__.co_varnames[
        :setup.__code__.co_argcount] if name != "tmp_path"}
    found = setup(tmp_path, **arguments)
    if slug in ("slug-invalid", "write-failed", "chart-failed"):
        assert expected.format(tmp=tmp_path.as_posix()) in found
        return
    lines = [problem.line() for problem in found if problem.slug == slug]
    expected = expected and expected.replace("{tmp}", tmp_path.as_posix())
    assert lines, f"no {slug} among {[p.slug for p in found]}"
    if expected is None:  # wording owned by issue 7's tests (tests/test_measures.py)
        return
    assert expected in lines


def test_docs_list_every_problem_exactly_as_the_code_does():
    """docs/problems.md is rendered from the catalogue: python -m journeys.checks > docs/problems.md"""
    assert (ROOT / "docs" / "problems.md").read_text(encoding="utf-8") == catalogue_markdown(REPOSITORY)


def test_every_slug_the_code_names_is_catalogued():
    """A typo in a slug would raise KeyError at the worst moment: catch it here instead."""
    named = set()
    for path in (ROOT / "journeys").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        named |= set(re.findall(r'[Pp]roblem\(\s*"([a-z0-9-]+)"', text)) | set(re.findall(r'return "([a-z0-9-]+)", \{', text))
    assert named and named <= set(CATALOGUE), named - set(CATALOGUE)
