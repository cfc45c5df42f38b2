"""Validate data packages: every problem in every package, printed once, grouped by file.

One package is checked by one pure function, so many packages are checked in parallel, one
process per core. Nothing outside each package folder is read.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from journeys import RUN
from journeys import cache
from journeys.checks.cells import check_cells
from journeys.checks.columns import check_columns
from journeys.checks.currency import check_currency
from journeys.checks.common import Tables
from journeys.checks.descriptor import check_descriptor
from journeys.checks.disclosure import check_disclosure
from journeys.checks.judgements import check_judgement_names
from journeys.checks.keys import check_primary_key, check_references
from journeys.checks.rules import check_rules
from journeys.workbook.mapping import check_package_mappings
from journeys.config import CACHE_ENVIRONMENT, cache_dir_unusable
from journeys.lifetime import end_with_parent
from journeys.problems import CATALOGUE, MAX_OF_A_KIND, Problem, problem
from journeys.reading import read_table
from journeys.schemas import table_schemas

DATA_DIR = Path("data")


def validate_package(folder: Path, display: str | None = None) -> list[Problem]:
    """Every problem in one package folder, in file then row order."""
    display = display or folder.as_posix()
    if not folder.is_dir():
        return [problem("folder-missing", display)]
    try:
        resources, problems = check_descriptor(folder, display)
    except Exception as error:  # the safety net: report, never a traceback
        return [_unforeseen(f"{display}/datapackage.json", error)]
    tables: Tables = {}
    for name, path in resources.items():
        problems += _read(name, path, f"{display}/{path.relative_to(folder).as_posix()}", tables)
    problems += _check_tables(tables, set(resources), f"{display}/datapackage.json")
    problems = capped(sorted(problems, key=_order))
    try:
        problems += check_currency(folder, display, tables) + check_package_mappings(folder, display)
    except Exception as error:
        problems.append(_unforeseen(f"{display}/datapackage.json", error))
    try:
        problems = _with_positions(problems, tables)
    except Exception:  # positions only help editors; the problems stand without them
        pass
    return problems


def capped(problems: list[Problem]) -> list[Problem]:
    """The first MAX_OF_A_KIND problems of each kind in each file, then one saying how many more."""
    counts: dict[tuple[str, str], int] = {}
    for found in problems:
        counts[found.file, found.slug] = counts.get((found.file, found.slug), 0) + 1
    if all(count <= MAX_OF_A_KIND for count in counts.values()):
        return problems
    kept, shown = [], dict.fromkeys(counts, 0)
    for found in problems:
        kind = (found.file, found.slug)
        shown[kind] += 1
        if shown[kind] <= MAX_OF_A_KIND:
            kept.append(found)
        if shown[kind] == counts[kind] and counts[kind] > MAX_OF_A_KIND:
            kept.append(problem("more-problems", found.file, count=counts[kind] - MAX_OF_A_KIND, slug=found.slug,
                                shown=MAX_OF_A_KIND))
    return kept


def _read(name: str, path: Path, file: str, tables: Tables) -> list[Problem]:
    """Read one table into `tables` and check its header and cells."""
    try:
        table, problems = read_table(path, file, [f["name"] for f in table_schemas()[name]["fields"]])
        if table is None:
            return problems
        tables[name] = table
        return problems + check_columns(table, name) + check_cells(table, name)
    except Exception as error:
        return [_unforeseen(file, error)]


def _check_tables(tables: Tables, declared: set[str], descriptor_file: str) -> list[Problem]:
    """The checks across rows and tables, once every table is read."""
    problems = []
    for name, table in tables.items():
        try:
            problems += check_primary_key(tables, name) + check_references(tables, declared, name)
        except Exception as error:
            problems.append(_unforeseen(table.file, error))
    try:
        problems += check_rules(tables) + check_disclosure(tables) + check_judgement_names(tables)
    except Exception as error:
        problems.append(_unforeseen(descriptor_file, error))
    return problems


def _unforeseen(file: str, error: Exception) -> Problem:
    return problem("file-unreadable", file, error=f"{type(error).__name__}: {error}")


def _with_positions(problems: list[Problem], tables: Tables) -> list[Problem]:
    """Add the file line and character column of each CSV problem, for editors and annotations."""
    by_file = {table.file: table for table in tables.values()}
    placed = []
    for found in problems:
        table = by_file.get(found.file)
        if table is None or found.row is None:
            placed.append(found)
            continue
        line, col = table.position(found.row, found.column)
        placed.append(replace(found, file_line=line, col=col))
    return placed


def _order(found: Problem):
    return found.file, found.row or 0, found.column or ""


def validate_packages(folders: list[Path], store: cache.Store | None = None) -> list[Problem]:
    """Every problem in every package; packages are checked in parallel when there are several.

    A package whose files this code has found clean before (the store remembers them by a hash
    of every file) is not checked again: after one authority's change only it is read.
    """
    store = store or cache.Store(None)
    folders = [Path(folder) for folder in folders]
    keys = {folder: cache.key("valid", cache.folder_digest(folder)) for folder in folders} if store.folder else {}
    unknown = [folder for folder in folders if folder not in keys or not store.known_valid(keys[folder])]
    displays = [_display(folder) for folder in unknown]
    workers = min(len(unknown), os.cpu_count() or 1)
    if workers < 2:
        results = [validate_package(folder, display) for folder, display in zip(unknown, displays)]
    else:
        chunk = max(1, len(unknown) // (4 * workers))
        with ProcessPoolExecutor(workers, mp_context=_context(), initializer=end_with_parent,
                                 initargs=(os.getpid(),)) as pool:
            results = list(pool.map(validate_package, unknown, displays, chunksize=chunk))
    for folder, result in zip(unknown, results):
        if not result and folder in keys:
            store.remember_valid(keys[folder])
    return [found for result in results for found in result]


def _context():
    """fork where the platform has it: the workers start with pandas already imported."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else methods[0])


def _display(folder: Path) -> str:
    """The folder as the officer typed it, tidied: 'data/kent/' -> 'data/kent'."""
    return Path(os.path.normpath(folder)).as_posix()


def package_folders(data_dir: Path = DATA_DIR) -> list[Path]:
    """Every package folder in data/: each visible sub-folder."""
    if not data_dir.is_dir():
        return []
    return sorted(path for path in data_dir.iterdir() if path.is_dir() and not path.name.startswith((".", "_")))


def validate_command(folders: list[str]) -> int:
    """`build_site.py validate [DIR...]`: print every problem grouped by file, then a count."""
    paths = [_folder(argument) for argument in folders] if folders else package_folders()
    if not paths:
        print(f"No data packages found in {DATA_DIR}/. Start one with: {RUN} new <slug> ...")
        return 1
    # Only with JOURNEYS_CACHE_DIR set (as a build sets its cache) are clean packages remembered.
    remembered = os.environ.get(CACHE_ENVIRONMENT)
    if remembered and cache_dir_unusable(Path(remembered)):
        print(f"{CACHE_ENVIRONMENT} (environment variable): \"{remembered}\" is a file (or inside one), not a "
              "folder the cache can be kept in. Give a folder, e.g. .cache/journeys, or unset the variable.")
        return 1
    problems = validate_packages(paths, cache.Store(Path(remembered) if remembered else None))
    print(report(problems, len(paths)))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print("\n".join(annotation(found) for found in problems))
    return 1 if problems else 0


def _folder(argument: str) -> Path:
    path = Path(argument)
    return path.parent if path.name == "datapackage.json" else path


def report(problems: list[Problem], packages: int) -> str:
    """The problems grouped by file, each with its slug, then a count."""
    checked = f"{packages} package{'s' if packages != 1 else ''} checked"
    if not problems:
        return f"{checked}: no problems."
    lines, files = [], []
    for found in problems:
        if not files or files[-1] != found.file:
            files.append(found.file)
            lines += ["" if lines else None, found.file]
        where = found.where()
        lines.append(f"  {where + ': ' if where else ''}{found.what()} [{found.slug}]")
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    lines += ["", f"{count} in {len(files)} file{'s' if len(files) != 1 else ''} ({checked})."]
    return "\n".join(line for line in lines if line is not None)


def annotation(found: Problem) -> str:
    """A GitHub Actions workflow command, so the problem shows on the line of the pull request."""
    where = [f"file={_escape_property(found.file)}"]
    line = found.file_line or found.row
    if line is not None:
        where.append(f"line={line}")
    if found.col is not None:
        where.append(f"col={found.col}")
    where.append(f"title={_escape_property(CATALOGUE[found.slug].title + ' (' + found.slug + ')')}")
    where_text = found.where()
    message = f"{where_text + ': ' if where_text else ''}{found.what()}"
    return f"::error {','.join(where)}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


if __name__ == "__main__":
    sys.exit(validate_command(sys.argv[1:]))
