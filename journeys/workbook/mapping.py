"""The mapping an officer keeps beside the data (imports/<scorecard>.yml), read and checked.

Its schema is schemas/imports/mapping.schema.json (JSON Schema, checked with the jsonschema
library that frictionless already brings). A mistake in it is a Problem naming the line, like
a mistake in a CSV; `build_site.py validate` checks every mapping in a package too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from journeys.problems import Problem, problem
from journeys.schemas import SCHEMA_DIR

MAPPING_SCHEMA = SCHEMA_DIR / "imports" / "mapping.schema.json"
IMPORTS = "imports"


class TextLoader(yaml.SafeLoader):
    """YAML as officers write it: 2017-01-12 stays the text 2017-01-12, as in a CSV, not a date."""


TextLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@dataclass
class Column:
    role: str
    period: str | None = None
    comparator: str | None = None
    statistic: str | None = None
    area: str = ""
    source_section: str | None = None


@dataclass
class Entry:
    label: str
    indicator_id: str | None
    section: str | None = None
    source_section: str | None = None


@dataclass
class Mapping:
    file: str
    layout: str
    header_rows: list[int]
    label_column: str
    document: dict
    indicators: list[Entry]
    sheet: str | None = None
    sections: bool = False
    source_section: str = ""
    columns: dict[str, Column] = field(default_factory=dict)
    ratings: dict = field(default_factory=dict)
    colours: dict[str, str] = field(default_factory=dict)
    symbols: dict[str, str] = field(default_factory=dict)

    def column(self, heading: str) -> Column | None:
        return self.columns.get(fold(heading))


def fold(text: str) -> str:
    """Headings and labels compared as an officer reads them: case and spacing aside."""
    return " ".join(str(text).split()).casefold()


@cache
def schema() -> dict:
    return json.loads(MAPPING_SCHEMA.read_text(encoding="utf-8"))


def read_mapping(path: Path, display: str) -> tuple[Mapping | None, list[Problem]]:
    """The mapping in a file, or the problems that stop it being used."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = yaml.load(text, Loader=TextLoader)  # noqa: S506 (a SafeLoader)
    except (OSError, UnicodeDecodeError) as error:
        return None, [problem("mapping-invalid", display, None, None, None, what=f"the file cannot be read ({error})",
                              fix="Save it as UTF-8 text.")]
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        return None, [problem("mapping-invalid", display, None if line is None else line + 1, None, None,
                              what="the file is not valid YAML", fix="Check the indentation and the colons on this line.")]
    problems = check_mapping(data, text, display)
    if problems:
        return None, problems
    return to_mapping(data, display), []


def check_mapping(data, text: str, display: str) -> list[Problem]:
    """Every place the mapping breaks its schema, each with its line."""
    from jsonschema import Draft202012Validator  # only when a package has mappings: validate stays light
    lines = _lines(text)
    found = []
    for error in sorted(Draft202012Validator(schema()).iter_errors(data), key=lambda e: list(e.path)):
        where = tuple(error.path)
        place = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in where).lstrip(".") or "the file"
        found.append(problem("mapping-invalid", display, lines.get(where), None, None,
                             what=f"{place}: {error.message}",
                             fix=f"Write it as {MAPPING_SCHEMA.relative_to(SCHEMA_DIR.parent).as_posix()} describes."))
    return found


def _lines(text: str) -> dict[tuple, int]:
    """The line of each node in the YAML, by its path (for problems)."""
    try:
        root = yaml.compose(text, Loader=TextLoader)
    except yaml.YAMLError:
        return {}
    found: dict[tuple, int] = {}

    def walk(node, path):
        found[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                found[(*path, key.value)] = key.start_mark.line + 1
                walk(value, (*path, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))
    if root is not None:
        walk(root, ())
    return found


def to_mapping(data: dict, display: str) -> Mapping:
    columns = {fold(heading): Column(**spec) for heading, spec in (data.get("columns") or {}).items()}
    colours = {str(key).lstrip("#")[-6:].upper(): rating for key, rating in (data.get("colours") or {}).items()}
    entries = [Entry(item["label"], item["indicator_id"], item.get("section"), item.get("source_section"))
               for item in data["indicators"]]
    return Mapping(display, data["layout"], data["header_rows"], data["label_column"], data["document"], entries,
                   data.get("sheet"), bool(data.get("sections")), data.get("source_section", ""), columns,
                   data.get("ratings") or {}, colours, {str(k): v for k, v in (data.get("symbols") or {}).items()})


def check_package_mappings(folder: Path, display: str) -> list[Problem]:
    """`validate`: every imports/*.yml in a package against the mapping schema."""
    imports = folder / IMPORTS
    if not imports.is_dir() or imports.is_symlink():
        return []
    found = []
    for path in sorted(imports.glob("*.y*ml")):
        if path.is_symlink():
            continue
        found += read_mapping(path, f"{display}/{IMPORTS}/{path.name}")[1]
    return found
