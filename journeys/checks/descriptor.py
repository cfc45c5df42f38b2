"""datapackage.json: the authority's properties, the standard it follows and the resources, kept
inside the package.

Nothing outside the package folder is read: resource paths must be plain relative file names
(no absolute paths, no "..", no web addresses, no symbolic links leading out). A package names
the version of the data standard it follows ("standard": "journeys/1.0"), which gives every
table its schema; a schema a resource still names (packages of journeys 0.1 pointed at
"../../schemas/<table>.json") is compared by name with ours, never opened.
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath, PureWindowsPath

from journeys.checks.common import did_you_mean
from journeys.invocation import command
from journeys.model.problems import Problem, problem
from journeys.model.reading import read_file
from journeys.model.standard import (
    FORBIDDEN_CHARACTERS,
    REQUIRED_TABLES,
    RESERVED_NAMES,
    SLUG,
    character_name,
    known_standards,
    standard_name,
    standard_version,
    table_schemas,
)
from journeys.model.vocabulary import REGIONS, TEXT_LENGTHS
from journeys.release import VERSION

MAX_DESCRIPTOR_BYTES = 1024 * 1024
MAX_DEPTH = 32  # a descriptor needs five levels; far deeper data only costs the build (and its pickling)
GSS_CODE = re.compile(r"E\d{8}")
DFE_CODE = re.compile(r"\d{3}")
URL = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//)")
LICENCE = "OGL-UK-3.0"


def check_descriptor(folder: Path, display: str) -> tuple[dict[str, Path], list[Problem]]:
    """The tables the package declares (name -> CSV path) and the problems with datapackage.json."""
    file, slug = f"{display}/datapackage.json", folder.resolve().name
    descriptor, text, problems = read_descriptor(folder / "datapackage.json", file, slug)
    if descriptor is None:
        return {}, problems
    problems += (check_properties(descriptor, slug, text, file) + check_texts(descriptor, text, file)
                 + check_standard(descriptor, text, file))
    named = check_named_standard(descriptor, text, file)
    if named and named[0].slug == "standard-unknown":  # its tables cannot be checked against a standard unknown
        return {}, problems + named
    problems += named
    resources, found = check_resources(descriptor.get("resources"), folder, display, text)
    return resources, problems + found + unlisted_csvs(folder, display, descriptor, resources)


def read_descriptor(path: Path, file: str, slug: str) -> tuple[dict | None, str, list[Problem]]:
    if not path.is_file():
        return None, "", [problem("package-missing", file, package=slug)]
    if path.stat().st_size > MAX_DESCRIPTOR_BYTES:
        return None, "", [problem("file-too-large", file, size=f"{path.stat().st_size // 1024} KB", limit="1 MB")]
    raw = read_file(path).removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        character = raw[error.start:error.start + 1].decode("cp1252", errors="replace")
        return None, "", [problem("not-utf8", file, raw.count(b"\n", 0, error.start) + 1, character=character)]
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as error:
        return None, text, [problem("package-json-invalid", file, error.lineno, error=error.msg)]
    except RecursionError:
        return None, text, [problem("package-json-invalid", file, 1, error="it is nested too deeply")]
    if not isinstance(descriptor, dict):
        return None, text, [problem("package-json-invalid", file, 1, error="it must be one object in braces { }")]
    depth = nesting(descriptor)
    if depth > MAX_DEPTH:
        return None, text, [problem("package-json-too-deep", file, 1, depth=depth, limit=MAX_DEPTH)]
    return descriptor, text, []


def nesting(value) -> int:
    """How deeply lists and objects nest (1 for a flat object), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def resource_line(text: str, name: str) -> int | None:
    """The line of datapackage.json that names a resource, for pointing at it."""
    found = re.search(rf'"name"\s*:\s*"{re.escape(name)}"', text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def property_line(text: str, key: str) -> int | None:
    """The line of a top-level property of datapackage.json (not one inside a licence or resource)."""
    depth = 0
    for match in TOKENS.finditer(text):
        token = match.group()
        if token in "{[":
            depth += 1
        elif token in "}]":
            depth -= 1
        elif depth == 1 and token == f'"{key}"' and text[match.end():].lstrip().startswith(":"):
            return text.count("\n", 0, match.start()) + 1
    return None


TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]]')


def check_properties(descriptor: dict, slug: str, text: str, file: str) -> list[Problem]:
    problems = _missing(descriptor, file)
    name = descriptor.get("name")
    if name not in (None, "") and not (isinstance(name, str) and name == slug and SLUG.fullmatch(name)):
        wanted = re.sub(r"[^a-z0-9]+", "-", slug.lower())[:63].strip("-") or "my-authority"
        problems.append(problem("package-name", file, property_line(text, "name"), None, _text(name), package=wanted))
    elif name in RESERVED_NAMES:
        problems.append(problem("package-name-reserved", file, property_line(text, "name"), None, name,
                                names=", ".join(sorted(RESERVED_NAMES))))
    gss, dfe = descriptor.get("gss_code"), descriptor.get("dfe_code")
    if gss not in (None, "") and not (isinstance(gss, str) and GSS_CODE.fullmatch(gss)):
        problems.append(problem("gss-code", file, property_line(text, "gss_code"), None, _text(gss)))
    if dfe not in (None, "") and not (isinstance(dfe, (str, int)) and not isinstance(dfe, bool)
                                         and DFE_CODE.fullmatch(str(dfe))):
        problems.append(problem("dfe-code", file, property_line(text, "dfe_code"), None, _text(dfe)))
    region = descriptor.get("region")
    if region not in (None, "") and region not in REGIONS:
        problems.append(problem("package-property", file, property_line(text, "region"), None, _text(region),
                                what='"region" must be one of England\'s nine regions',
                                fix=f"{did_you_mean(_text(region), REGIONS)}Write one of: {', '.join(REGIONS)}."))
    return problems + _licence_and_contact(descriptor, text, file)


# How long the descriptor's texts may be: the authority's name heads every page and feed.
TEXT_LIMITS = {"title": "a name or label", "description": "a sentence"}


def check_texts(descriptor: dict, text: str, file: str) -> list[Problem]:
    """No text in the descriptor holds a control character, and the name and description are of a
    length a page can show (the cells of the tables are held to the same, journeys.checks.cells)."""
    problems = []
    for key, value in descriptor.items():
        if key == "resources":  # names and paths, checked as such (check_resource)
            continue
        for found in _strings(value):
            if match := FORBIDDEN_CHARACTERS.search(found):
                problems.append(problem("control-character", file, property_line(text, key), None, found,
                                        character=character_name(match[0]),
                                        where=f'It is in "{key}", character {match.start() + 1:,}.'))
                break
        if isinstance(value, str) and key in TEXT_LIMITS and len(value) > TEXT_LENGTHS[TEXT_LIMITS[key]]:
            problems.append(problem("text-too-long", file, property_line(text, key), None, value, length=len(value),
                                    limit=TEXT_LENGTHS[TEXT_LIMITS[key]], kind=TEXT_LIMITS[key]))
    return problems


def _strings(value):
    """Every string in a JSON value, keys included, without recursion."""
    waiting = [value]
    while waiting:
        item = waiting.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            waiting += [*item.keys(), *item.values()]
        elif isinstance(item, list):
            waiting += item


# Properties our own checks cover with messages written for officers; the Data Package standard
# (checked by frictionless, its reference implementation) covers every other property.
OUR_PROPERTIES = {"name", "title", "description", "licenses", "contributors", "resources", "gss_code", "dfe_code",
                  "region", "standard"}
SPEC_PROPERTY = re.compile(r"at property '([^'/]+)")
STANDARD_MINIMUM = {"resources": [{"name": "table", "path": "table.csv"}]}  # a package frictionless accepts


def check_standard(descriptor: dict, text: str, file: str) -> list[Problem]:
    """Every other property as the Data Package standard defines it ("keywords" a list, "version"
    text, "created" a date and time ...), by frictionless; the resources are left to our checks (the
    standard the package names, not frictionless, gives each its schema)."""
    others = {key: value for key, value in descriptor.items() if key not in OUR_PROPERTIES}
    if not others:  # nothing but what our checks cover: frictionless would find nothing (tested)
        return []
    from frictionless import FrictionlessException, Package  # imported here: a third of a second

    try:
        errors = list(Package.metadata_validate({**others, **STANDARD_MINIMUM}))
    except FrictionlessException as error:  # a property so wrong that frictionless stops reading
        errors = [error.error]
    problems = []
    for error in errors:
        where = SPEC_PROPERTY.search(error.note)
        key = where[1] if where else None
        problems.append(problem("package-standard", file, property_line(text, key) if key else None, None, None,
                                note=error.note))
    return problems


def check_named_standard(descriptor: dict, text: str, file: str) -> list[Problem]:
    """The version of the data standard the package follows: one this release knows. A package made
    before packages named one (journeys 0.1) gets one problem saying the line to add; the rest of
    it is checked against the current standard meanwhile."""
    named = descriptor.get("standard")
    known = ", ".join(known_standards())
    if named is None:
        return [problem("standard-missing", file, property_line(text, "name"), standard=standard_name(), known=known)]
    if standard_version(named) is None:
        return [problem("standard-unknown", file, property_line(text, "standard"), None, _text(named),
                        standard=standard_name(), known=known, release=VERSION)]
    return []


REQUIRED_PROPERTIES = {  # property: (what it holds, an example)
    "name": ("the package's name, which is its folder's name", '"name": "kent"'),
    "title": ("the authority's name", '"title": "Kent County Council"'),
    "gss_code": ("the authority's GSS code", '"gss_code": "E10000016"'),
    "dfe_code": ("the authority's DfE code", '"dfe_code": "886"'),
}


TEXT_PROPERTIES = {"title": '"title": "Kent County Council"',
                   "description": '"description": "Kent\'s improvement journey, from its committee papers."'}


def _missing(descriptor: dict, file: str) -> list[Problem]:
    problems = []
    for key, (holds, example) in REQUIRED_PROPERTIES.items():
        value = descriptor.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(problem("package-property", file, what=f'"{key}" is missing: it holds {holds}',
                                    fix=f"Write, for example, {example}."))
    for key, example in TEXT_PROPERTIES.items():  # a number, list or object would reach the pages and feeds
        value = descriptor.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(problem("package-property", file, None, key, _text(value),
                                    what=f'"{key}" must be text in quotes', fix=f"Write, for example, {example}."))
    return problems


def _text(value) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _licence_and_contact(descriptor: dict, text: str, file: str) -> list[Problem]:
    problems = []
    licences = descriptor.get("licenses")
    names = [entry.get("name") for entry in licences if isinstance(entry, dict)] if isinstance(licences, list) else []
    if names != [LICENCE]:
        problems.append(problem("licence", file, property_line(text, "licenses")))
    elif not all(isinstance(licences[0].get(key, ""), str) for key in ("title", "path")):
        wrong = next(key for key in ("title", "path") if not isinstance(licences[0].get(key, ""), str))
        problems.append(problem("package-property", file, property_line(text, "licenses"), None,
                                _text(licences[0][wrong]), what=f'the licence\'s "{wrong}" must be text in quotes',
                                fix='Write "title": "Open Government Licence v3.0", "path": '
                                    '"https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/".'))
    contributors = descriptor.get("contributors")
    entries = contributors if isinstance(contributors, list) else []
    if not all(isinstance(entry, dict) and isinstance(entry.get("title"), str) and entry["title"].strip()
               and all(isinstance(entry.get(key, ""), str) for key in ("email", "role", "path"))
               for entry in entries):
        problems.append(problem("package-property", file, property_line(text, "contributors"),
                                what='every entry of "contributors" needs a "title", and its properties are text',
                                fix='Write each as {"title": "<name and role>", "role": "contact"}.'))
    elif not any(entry.get("role") == "contact" for entry in entries):
        problems.append(problem("contact-missing", file, property_line(text, "contributors")))
    return problems


def check_resources(resources, folder: Path, display: str, text: str) -> tuple[dict[str, Path], list[Problem]]:
    """Each resource's name, path and schema; the tables that can be read, by name."""
    file = f"{display}/datapackage.json"
    if not isinstance(resources, list):
        return {}, [problem("resource-invalid", file, property_line(text, "resources"),
                            what='"resources" must be a list of the package\'s tables in [ ]')]
    found, problems = {}, []
    for number, resource in enumerate(resources, start=1):
        name, path, trouble = check_resource(resource, number, folder, display, text)
        if name in found:
            trouble.append(problem("table-duplicate", file, resource_line(text, name), None, name))
        elif path is not None:
            found[name] = path
        problems += trouble
    declared = {r.get("name") for r in resources if isinstance(r, dict)}
    for table in REQUIRED_TABLES:
        if table not in declared:
            problems.append(problem("table-missing", file, property_line(text, "resources"), table=table,
                                    package=display))
    return found, problems


def check_resource(resource, number: int, folder: Path, display: str, text: str):
    """(name, path or None, problems) for one entry of "resources"."""
    file = f"{display}/datapackage.json"
    name = resource.get("name") if isinstance(resource, dict) else None
    if not isinstance(name, str):
        return None, None, [problem("resource-invalid", file, property_line(text, "resources"),
                                    what=f'resource {number} needs a "name" (the table, e.g. "observations")')]
    line = resource_line(text, name)
    if name not in table_schemas():
        return name, None, [problem("table-unknown", file, line, None, name, suggestion=did_you_mean(name, table_schemas()),
                                    tables=", ".join(table_schemas()))]
    problems = _schema_reference(resource.get("schema"), name, file, line)
    path, trouble = _resource_path(resource.get("path"), name, folder, display, file, line)
    return name, path, problems + trouble


def _schema_reference(schema, name: str, file: str, line: int | None) -> list[Problem]:
    """The standard gives each table its schema, so a resource needs none; one it names anyway (a path,
    as packages of journeys 0.1 did, or a schema written out) must be that table's."""
    if schema is None:
        return []
    if isinstance(schema, str) and PurePosixPath(schema.replace("\\", "/")).name == f"{name}.json":
        return []
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if isinstance(fields, list) and [f.get("name") for f in fields if isinstance(f, dict)] == \
            [f["name"] for f in table_schemas()[name]["fields"]]:
        return []
    return [problem("schema-mismatch", file, line, None, _text(schema), table=name)]


def _resource_path(path, name: str, folder: Path, display: str, file: str, line: int | None):
    """The CSV's real path, or None and why it may not be read."""
    if not isinstance(path, str) or not path.strip():
        return None, [problem("resource-invalid", file, line, None, None,
                              what=f'resource "{name}" needs a "path": one file name such as "{name}.csv"')]
    if any(ord(char) < 32 for char in path):
        return None, [problem("resource-invalid", file, line, None, path.encode("unicode_escape").decode("ascii"),
                              what=f'the "path" of resource "{name}" holds a control character (such as NUL), '
                                   "which no file name can")]
    reason = _outside(path, folder)
    if URL.match(path) and not PureWindowsPath(path).drive:
        return None, [problem("path-remote", file, line, None, path, table=name)]
    if reason:
        return None, [problem("path-outside-package", file, line, None, path, reason=reason, table=name)]
    if not path.lower().endswith(".csv"):
        return None, [problem("path-not-csv", file, line, None, path, table=name)]
    if not (folder / path).is_file():
        return None, [problem("file-missing", f"{display}/{path}")]
    return folder / path, []


def _outside(path: str, folder: Path) -> str:
    """Why a path leads outside the folder, or '' if it stays inside."""
    parts = path.replace("\\", "/").split("/")
    if PurePosixPath(path).is_absolute() or PureWindowsPath(path).is_absolute() or PureWindowsPath(path).drive:
        return "it is an absolute path"
    if ".." in parts:
        return '".." climbs out of it'
    try:
        (folder / path).resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):
        return "it is a symbolic link to a file outside"
    return ""


def unlisted_csvs(folder: Path, display: str, descriptor: dict, resources: dict[str, Path]) -> list[Problem]:
    """CSV files in the folder that datapackage.json does not list: they would be silently ignored."""
    declared = {r.get("path") for r in descriptor.get("resources", []) if isinstance(r, dict)} \
        if isinstance(descriptor.get("resources"), list) else set()
    problems = []
    for path in sorted(folder.glob("*.csv"), key=lambda p: p.name):
        if path.name in declared:
            continue
        stem = path.stem
        if stem in table_schemas() and stem not in resources:
            suggestion = (f"Run: {command()} add-table {folder.as_posix()} {stem} (it lists the table "
                          f'in datapackage.json), or add it to "resources" by hand: {{"name": "{stem}", '
                          f'"path": "{path.name}"}}.')
        else:
            suggestion = (f"{did_you_mean(stem, table_schemas())}"
                          "Rename it to a table of the standard, or move it out of the folder.")
        problems.append(problem("csv-not-listed", f"{display}/{path.name}", suggestion=suggestion))
    return problems
