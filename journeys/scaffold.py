"""`new`: start an authority's package, every table an empty CSV with its header.

`add-table`: add one table to an existing package (its CSV header, and its entry
in datapackage.json), so nobody edits the JSON by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

from journeys.checks.common import did_you_mean
from journeys.checks.descriptor import DFE_CODE, GSS_CODE, LICENCE, MAX_DEPTH, nesting
from journeys.invocation import command
from journeys.model.problems import Problem, problem, write_failed
from journeys.model.reading import read_file
from journeys.model.standard import RESERVED_NAMES, SLUG, standard_name, table_schemas
from journeys.model.writing import header_line, list_table, table_header

# What `new` writes as the contact's email: it says what to write, and validation reports it
# (package-property) until an officer replaces it with a real, monitored address.
CONTACT_PLACEHOLDER = "write-the-team-email-the-public-can-use@example.invalid"


def new_package(slug: str, name: str, gss: str, dfe: str, data_dir: str | Path = "data") -> int:
    """Write data_dir/<slug>/ with datapackage.json and an empty CSV per table; 0 on success."""
    folder = Path(data_dir) / slug
    here = folder.as_posix()
    problems = check_arguments(slug, name, gss, dfe, here) or _place_problems(folder)
    if not problems:
        try:
            write_package(folder, slug, name, gss, dfe)
        except OSError as error:
            problems = [write_failed(here, error, Path(data_dir).as_posix())]
    if problems:
        print("\n".join(found.line() for found in problems))
        return 1
    print(f"Made {folder.as_posix()}: fill in documents.csv first (every other table cites it), then the rest.\n"
          f"In datapackage.json, replace the contact's email ({CONTACT_PLACEHOLDER}) with the team address "
          f"the public can write to, and check the package with: {command()} validate {here}")
    return 0


def write_package(folder: Path, slug: str, name: str, gss: str, dfe: str) -> None:
    """The new package: datapackage.json and an empty CSV, with its header, per table. If the disk
    refuses one, whatever this wrote is removed and the OSError raised (nothing that was there before
    is touched: the folder was new or empty)."""
    made = not folder.exists()
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for table in _tables():
            written.append(folder / f"{table}.csv")
            _write_header(written[-1], table_header(table))
        text = json.dumps(package_descriptor(slug, name, gss, dfe), indent=2, ensure_ascii=False)
        written.append(folder / "datapackage.json")
        written[-1].write_text(text + "\n", encoding="utf-8")
    except OSError:
        for path in written:
            _forget(path.unlink, missing_ok=True)
        if made:
            _forget(folder.rmdir)
        raise


def _write_header(path: Path, columns: list[str]) -> None:
    path.write_text(header_line(columns), encoding="utf-8", newline="")


def _forget(remove, **kwargs) -> None:
    """Remove what a failed write began; what the disk will not let go of is left (it is empty)."""
    try:
        remove(**kwargs)
    except OSError:
        pass


def check_arguments(slug: str, name: str, gss: str, dfe: str, here: str) -> list[Problem]:
    """What is wrong with the arguments of `new` (or `init`), if anything; `here`: the package's folder."""
    problems = []
    if not SLUG.fullmatch(slug):
        wanted = "-".join("".join(c if c.isalnum() else " " for c in slug.lower()).split())[:63].strip("-") \
            or "my-authority"
        problems.append(problem("slug-invalid", here, None, None, slug, package=wanted))
    elif slug in RESERVED_NAMES:
        problems.append(problem("package-name-reserved", here, None, None, slug, names=", ".join(sorted(RESERVED_NAMES))))
    if not name.strip():
        problems.append(problem("package-property", here, what="the authority needs a name",
                                fix='Give it with --name "Kent County Council".'))
    if not GSS_CODE.fullmatch(gss):
        problems.append(problem("gss-code", here, None, None, gss))
    if not DFE_CODE.fullmatch(dfe):
        problems.append(problem("dfe-code", here, None, None, dfe))
    return problems


def _place_problems(folder: Path) -> list[Problem]:
    """The package's folder must be new, or an empty folder; the data folder a folder."""
    here, data_dir = folder.as_posix(), folder.parent
    try:
        if data_dir.exists() and not data_dir.is_dir() or any(part.is_file() for part in data_dir.parents):
            return [problem("package-property", here, what=f"the data folder {data_dir.as_posix()} is a file, not a folder",
                            fix="Give a folder with --data-dir, e.g. --data-dir data.")]
        if folder.exists() and not folder.is_dir():
            return [problem("package-property", here, what="there is a file of that name, not a folder",
                            fix="Choose another slug, or move the file away.")]
        if folder.exists() and any(folder.iterdir()):
            return [problem("package-property", here, what="the folder already exists and is not empty",
                            fix="Choose another slug, or edit the package that is there.")]
    except OSError as error:
        return [write_failed(here, error, data_dir.as_posix())]
    return []


def package_descriptor(slug: str, name: str, gss: str, dfe: str) -> dict:
    """The descriptor of a new package: it names the version of the data standard it follows, which
    gives each table its schema."""
    return {
        "name": slug,
        "standard": standard_name(),
        "title": name,
        "description": f"The children's services improvement journey of {name}, from its published papers.",
        "gss_code": gss,
        "dfe_code": dfe,
        "licenses": [{"name": LICENCE, "title": "Open Government Licence v3.0",
                      "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}],
        "contributors": [{"title": f"Children's services improvement team, {name}", "role": "contact",
                          "email": CONTACT_PLACEHOLDER}],
        "resources": [{"name": table, "path": f"{table}.csv"} for table in _tables()],
    }


def _tables() -> list[str]:
    """documents first: every other table cites it."""
    return sorted(table_schemas(), key=lambda table: (table != "documents", table))


def add_table(folder: str | Path, table: str) -> int:
    """Add one table to an existing package: write its CSV header and list it in datapackage.json; 0 on success."""
    folder = Path(folder)
    descriptor_path = folder / "datapackage.json"
    problems = _check_new_table(folder, table, descriptor_path)
    if problems:
        print("\n".join(found.line() for found in problems))
        return 1
    csv_path = folder / f"{table}.csv"
    existed = csv_path.exists()
    try:
        list_table(folder, table)
    except OSError as error:  # the disk refused: the package stays as it was
        if not existed:
            _forget(csv_path.unlink, missing_ok=True)
        print(write_failed(folder.as_posix(), error).line())
        return 1
    print(f"Added {table} to {folder.as_posix()}: fill in {csv_path.as_posix()}, then check it with: "
          f"{command()} validate {folder.as_posix()}")
    return 0


def _check_new_table(folder: Path, table: str, descriptor_path: Path) -> list[Problem]:
    here = folder.as_posix()
    if table not in table_schemas():
        return [problem("package-property", here, what=f'"{table}" is not a table of the data standard',
                        fix=f"{did_you_mean(table, table_schemas())}The tables are: {', '.join(table_schemas())}.")]
    if not descriptor_path.is_file():
        return [problem("package-property", here, what="there is no datapackage.json in the folder",
                        fix="Give the folder of an existing package, e.g. data/kent, or start one with `new`.")]
    try:
        descriptor = json.loads(read_file(descriptor_path).decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return [problem("package-property", here, what="datapackage.json is not valid JSON, so it cannot be added to",
                        fix=f"Run {command()} validate {here} to see where it breaks, fix it, try again.")]
    except OSError as error:
        return [problem("package-property", here, what=f"datapackage.json cannot be read ({error.strerror})",
                        fix="Check the file's permissions, then try again.")]
    if nesting(descriptor) > MAX_DEPTH:
        return [problem("package-json-too-deep", f"{here}/datapackage.json", 1, depth=nesting(descriptor),
                        limit=MAX_DEPTH)]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources", []), list):
        return [problem("package-property", here, what='datapackage.json has no list of "resources"',
                        fix=f"Run {command()} validate {here} and fix what it reports first.")]
    return []
