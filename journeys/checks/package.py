"""One package checked: every problem in every file, in file then row order. A pure function of the
package folder (nothing outside it is read), so packages are checked in parallel and a package
found clean is remembered by its files (journeys.build.validation)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from journeys.checks.cells import check_cells
from journeys.checks.columns import check_columns
from journeys.checks.common import Tables
from journeys.checks.currency import check_currency
from journeys.checks.descriptor import check_descriptor
from journeys.checks.disclosure import check_disclosure
from journeys.checks.judgements import check_judgement_names
from journeys.checks.keys import check_primary_key, check_references
from journeys.checks.mappings import check_package_mappings
from journeys.checks.rules import check_rules
from journeys.checks.stated import check_stated
from journeys.model.problems import MAX_OF_A_KIND, Problem, problem
from journeys.model.reading import read_table
from journeys.model.standard import table_schemas


def validate_package(folder: Path, display: str | None = None,
                     mappings: Callable[[Path, str], list[Problem]] = check_package_mappings) -> list[Problem]:
    """Every problem in one package folder, in file then row order. `mappings`: how its import
    mappings are checked (the build keeps that check apart, journeys.build.validation)."""
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
        problems += check_currency(folder, display, tables) + mappings(folder, display)
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
        problems += (check_rules(tables) + check_stated(tables) + check_disclosure(tables)
                     + check_judgement_names(tables))
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
