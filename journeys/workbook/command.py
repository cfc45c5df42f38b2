"""`build_site.py import-xlsx <package> <workbook>`: the import, from reading to writing.

Everything is worked out first and written last: the rows are merged into a copy of the
package, the copy is validated with the validator every package goes through, and only an
import with no problem at all is copied back (file by file, atomically). A problem the
validator finds in an imported row is reported at the workbook cell the row came from.
"""

from __future__ import annotations

import re
import shlex
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from journeys.build.validation import report
from journeys.checks.mappings import IMPORTS
from journeys.checks.package import validate_package
from journeys.invocation import command
from journeys.model.problems import Problem, printable, problem
from journeys.model.reading import load_frame, read_file
from journeys.model.writing import list_table, write_atomically
from journeys.workbook.describe import rewrite_description
from journeys.workbook.draft import draft_mapping
from journeys.workbook.mapping import Mapping, read_mapping
from journeys.workbook.merge import TableMerge, apply, plan
from journeys.workbook.ratings import check_ratings
from journeys.workbook.rows import Harvest, Row, harvest
from journeys.workbook.sheet import read_sheet

TABLES = ("documents", "observations", "targets", "comparators", "rag_tallies")


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    merges: dict[str, TableMerge] = field(default_factory=dict)
    harvest: Harvest | None = None
    drafted: Path | None = None
    unmatched: list[str] = field(default_factory=list)
    guesses: list[tuple[str, str]] = field(default_factory=list)  # labels matched to a title not quite theirs
    description: str | None = None
    written: list[str] = field(default_factory=list)


def mapping_path(folder: Path, workbook: Path) -> Path:
    stem = re.sub(r"[^a-z0-9]+", "-", workbook.stem.lower()).strip("-") or "scorecard"
    return folder / IMPORTS / f"{stem}.yml"


def import_workbook(package: str, workbook: str, mapping: str | None = None, replace_figures: bool = False,
                    document_id: str | None = None) -> Outcome:
    """Import one workbook into one package: write everything or nothing."""
    folder, book = Path(package), Path(workbook)
    display = Path(package).as_posix().rstrip("/")
    outcome = Outcome()
    indicators = _indicators(folder)
    path = Path(mapping) if mapping else mapping_path(folder, book)
    if not path.is_file():
        return _draft(folder, book, workbook, path, indicators, document_id, outcome)
    found, problems = read_mapping(path, path.as_posix())
    if found is None:
        outcome.problems = problems
        return outcome
    if document_id:
        found.document = {**found.document, "document_id": document_id}
    sheet, problems = read_sheet(book, workbook, found.sheet)
    if sheet is None:
        outcome.problems = problems
        return outcome
    crop = harvest(sheet, found, indicators, found.document["document_id"])
    outcome.harvest = crop
    problems = crop.problems + _document(folder, found, crop)
    problems += check_ratings(crop.ratings, crop.rows, _scale(folder), indicators, _rows(folder, "targets"),
                              found.ratings.get("means"), workbook, sheet.name)
    _tally(found, crop, folder)
    outcome.merges = {table: plan(table, folder / f"{table}.csv", [r for r in crop.rows if r.table == table])
                      for table in TABLES}
    if not replace_figures:
        problems += _changed(outcome.merges, workbook, sheet.name)
    if problems:
        outcome.problems = problems
        return outcome
    return _write(folder, display, outcome, replace_figures, workbook, sheet.name)


def _indicators(folder: Path) -> dict[str, dict]:
    return {row["indicator_id"]: row for row in _rows(folder, "indicators")}


def _rows(folder: Path, table: str) -> list[dict]:
    path = folder / f"{table}.csv"
    return load_frame(path).to_dict("records") if path.is_file() else []


def _scale(folder: Path) -> list[str]:
    return [row["rating"] for row in _rows(folder, "rag_scale") if row.get("scale") == "indicator"]


def _draft(folder, book, workbook, path, indicators, document_id, outcome) -> Outcome:
    sheet, problems = read_sheet(book, workbook, None)
    if sheet is None:
        outcome.problems = problems
        return outcome
    text, outcome.unmatched, outcome.guesses = draft_mapping(sheet, indicators, document_id or "write-the-document-id")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text)
    outcome.drafted = path
    return outcome


def _document(folder: Path, mapping: Mapping, crop: Harvest) -> list[Problem]:
    """The paper's row in documents.csv, from the mapping, when the package does not have it yet."""
    document = mapping.document
    if any(row.get("document_id") == document["document_id"] for row in _rows(folder, "documents")):
        return []
    missing = [name for name in ("date", "body", "title") if not document.get(name)]
    if missing:
        return [problem("workbook-document-incomplete", mapping.file, document_id=document["document_id"],
                        fields=", ".join(missing), mapping=mapping.file)]
    values = {"document_id": document["document_id"], "date": str(document["date"]), "body": document["body"],
              "title": document["title"], "url": document.get("url", ""), "kind": document.get("kind", ""),
              "publish_after": str(document.get("publish_after", ""))}
    crop.rows.append(Row("documents", values, {}, None))
    return []


def _tally(mapping: Mapping, crop: Harvest, folder: Path) -> None:
    """ratings.tally: count the scorecard's ratings into rag_tallies.csv, for the paper's date."""
    subject = mapping.ratings.get("tally")
    known = {row.get("document_id"): row.get("date") for row in _rows(folder, "documents")}
    date = next((r.values["date"] for r in crop.rows if r.table == "documents"),
                known.get(mapping.document["document_id"]))
    if not subject or not crop.ratings or not date:
        return
    counts: dict[str, int] = {}
    for rating in crop.ratings:
        counts[rating.rating] = counts.get(rating.rating, 0) + 1
    for rating, count in counts.items():
        crop.rows.append(Row("rag_tallies", {"report_date": str(date), "subject": subject, "rating": rating,
                                             "count": str(count), "source": mapping.document["document_id"],
                                             "source_section": mapping.source_section}, {}, crop.ratings[0].cell))


def _changed(merges: dict[str, TableMerge], workbook: str, sheet: str) -> list[Problem]:
    found = []
    for table, merge in merges.items():
        for change in merge.changed:
            name = next(n for n in ("value", "target", "count") if n in change.row.values)
            cell = change.row.cells.get(name) or change.row.label
            key = ", ".join(v for v in (change.row.values.get("indicator_id") or change.row.values.get("subject"),
                                        change.row.values.get("period") or change.row.values.get("rating")) if v)
            found.append(replace(problem("figure-changed", workbook, None, None, change.row.values[name],
                                         old=change.old.get(name, ""), what=f"{table[:-1] if table != 'rag_tallies' else 'count'}",
                                         key=key), sheet=sheet, cell=cell.ref if cell else None))
    return found


def _write(folder, display, outcome, replace_figures, workbook, sheet) -> Outcome:
    """Merge into a copy, validate the copy, and copy back only if nothing is wrong."""
    with tempfile.TemporaryDirectory(prefix="journeys-import-") as scratch:
        copy = Path(scratch) / folder.resolve().name
        shutil.copytree(folder, copy, symlinks=True, copy_function=_copy_read)
        placed: dict[tuple[str, int], Row] = {}
        for table, merge in outcome.merges.items():
            if not merge.new and not (replace_figures and merge.changed):
                continue
            list_table(copy, table)  # a table the package did not have yet, as add-table adds it
            rows = apply(copy / f"{table}.csv", merge, replace_figures)
            placed.update({(f"{display}/{table}.csv", number): row for number, row in rows.items()})
        outcome.description = rewrite_description(copy)
        problems = validate_package(copy, display)
        outcome.problems = [_to_cell(found, placed, workbook, sheet) for found in problems]
        if outcome.problems:
            return outcome
        for path in sorted(copy.rglob("*")):
            target = folder / path.relative_to(copy)
            if path.is_file() and not path.is_symlink() and (not target.exists() or read_file(target) != path.read_bytes()):
                write_atomically(target, path.read_bytes().decode("utf-8"))
                outcome.written.append(target.as_posix())
    return outcome


def _copy_read(source: str, target: str) -> None:
    """A file of the package into the scratch copy, read as every file of the user's is (read_file)."""
    Path(target).write_bytes(read_file(Path(source)))


def _to_cell(found: Problem, placed: dict, workbook: str, sheet: str) -> Problem:
    """A problem in a row the import made points at the cell that row came from."""
    row = placed.get((found.file, found.row))
    if row is None:
        return found
    cell = row.cells.get(found.column or "") or row.label
    if cell is None:
        return replace(found, row=None, file_line=None, col=None)
    return replace(found, file=workbook, row=None, column=None, file_line=None, col=None, sheet=sheet, cell=cell.ref)


# --- What the officer reads ---------------------------------------------------------------------

def summary(outcome: Outcome, package: str) -> str:
    merges, crop = outcome.merges, outcome.harvest
    new = sum(len(m.new) for t, m in merges.items() if t != "documents")
    changed = sum(len(m.changed) for t, m in merges.items() if t != "documents")
    lines = [f"{new} new figures, {changed} changed, 0 removed; {len(crop.not_in_package)} indicators not in the package"]
    for table, merge in merges.items():
        for change in merge.changed:
            name = next(n for n in ("value", "target", "count") if n in change.row.values)
            lines.append(f"  changed: {table}.csv row {change.line}: {change.old.get(name)} -> {change.row.values[name]}")
    if crop.not_in_package:
        lines.append("  not in the package (indicator_id: null in the mapping): " + "; ".join(crop.not_in_package))
    if crop.hidden:
        lines.append("  hidden, so not imported: " + "; ".join(crop.hidden))
    if crop.ratings:
        lines.append(f"  {len(crop.ratings)} ratings checked against the figures")
    if outcome.description:
        lines.append(f"  datapackage.json: the description now reads: {outcome.description}")
    for path in outcome.written:
        lines.append(f"  wrote {path}")
    lines.append(f"{package}: no problems.")
    return "\n".join(map(printable, lines))  # labels, sheets and the description are the workbook's text


def import_command(package: str, workbook: str, mapping: str | None = None, replace_figures: bool = False,
                   document_id: str | None = None) -> int:
    if not (Path(package) / "datapackage.json").is_file():
        print(f"{package}: there is no datapackage.json here. Give the folder of a data package, e.g. data/kent.")
        return 1
    outcome = import_workbook(package, workbook, mapping, replace_figures, document_id)
    if outcome.drafted is not None:
        return _drafted(outcome, package, workbook)
    if outcome.problems:
        print(report(outcome.problems, 1))
        print("Nothing was imported: fix the problems above and import again.")
        return 1
    print(summary(outcome, package))
    return 0


def _drafted(outcome: Outcome, package: str, workbook: str) -> int:
    print(f"Drafted {outcome.drafted.as_posix()}: the first import of this workbook writes its mapping and stops.")
    if outcome.unmatched:
        print(f"{len(outcome.unmatched)} row labels matched no indicator title (indicator_id: null in the draft):")
        print("\n".join(printable(f"  {label}") for label in outcome.unmatched))
    for label, title in outcome.guesses:
        print(printable(f'  "{label}": Did you mean "{title}"? (check its indicator_id)'))
    print(f"Check each indicator_id, the document and the columns in it, then import with: "
          f"{command()} import-xlsx {shlex.quote(package)} {shlex.quote(workbook)}")
    return 1  # nothing was imported yet
