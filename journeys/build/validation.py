"""Validate data packages: every problem in every package, printed once, grouped by file.

One package is checked by one pure function (journeys.checks.package), so many packages are
checked in parallel. Nothing outside each package folder is read.
"""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path

from journeys.build.config import CACHE_ENVIRONMENT, cache_dir_unusable
from journeys.build.kept import Inputs, Kept
from journeys.build.stages import MAPPINGS_CHECKED, VALIDATION
from journeys.build.workers import Workers
from journeys.checks.mappings import IMPORTS, check_package_mappings
from journeys.checks.package import validate_package
from journeys.invocation import command
from journeys.model.problems import CATALOGUE, Problem, printable

DATA_DIR = Path("data")


def validate_packages(folders: list[Path], kept: Kept | None = None, workers: Workers | None = None) -> list[Problem]:
    """Every problem in every package, checked across the workers when there are several. What a
    package's files gave before (with this code) is kept: after one authority's change only it is read."""
    kept = kept or Kept(None)
    if workers is None:
        with Workers(None, kept) as workers:
            return validate_packages(folders, kept, workers)
    folders = [Path(folder) for folder in folders]
    found = {folder: kept.kept(VALIDATION, _inputs(folder)) for folder in folders}
    unknown = [folder for folder, known in found.items() if known is None]
    found.update(zip(unknown, workers.map(validate_one, unknown)))
    return [problem for problems in found.values() for problem in problems]


def validate_one(folder: Path, kept: Kept) -> list[Problem]:
    return kept.value(VALIDATION, _inputs(folder),
                      lambda: validate_package(folder, _display(folder), partial(_mappings_checked, kept)))


def _mappings_checked(kept: Kept, folder: Path, display: str) -> list[Problem]:
    """A package's import mappings, checked again when they change, not with each change to its
    figures: the check loads jsonschema, a twentieth of a second of a rebuild."""
    return kept.value(MAPPINGS_CHECKED, Inputs(files=(folder / IMPORTS,), settings=[display, command()]),
                      lambda: check_package_mappings(folder, display))


def _inputs(folder: Path) -> Inputs:
    """A package's problems are made from its files, and their hints name the command that runs the tool."""
    return Inputs(files=(folder,), settings=[command()])


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
        print(f"No data packages found in {DATA_DIR}/. Start one with: {command()} new <slug> ...")
        return 1
    # Only with JOURNEYS_CACHE_DIR set (as a build sets its cache) are clean packages remembered.
    remembered = os.environ.get(CACHE_ENVIRONMENT)
    if remembered and cache_dir_unusable(Path(remembered)):
        print(f"{CACHE_ENVIRONMENT} (environment variable): \"{remembered}\" is a file (or inside one), not a "
              "folder the cache can be kept in. Give a folder, e.g. .cache/journeys, or unset the variable.")
        return 1
    problems = validate_packages(paths, Kept(Path(remembered) if remembered else None))
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
            lines += ["" if lines else None, printable(found.file)]
        where = found.where()
        lines.append(printable(f"  {where + ': ' if where else ''}{found.what()} [{found.slug}]"))
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
    """GitHub's escapes for a command's data; and "##[", the old form of a command, broken up."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace("##[", "# #[")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


if __name__ == "__main__":
    sys.exit(validate_command(sys.argv[1:]))
