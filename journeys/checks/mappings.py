"""The import mappings an officer keeps in a package (imports/<scorecard>.yml), against their schema.

The schema is schemas/imports/mapping.schema.json (JSON Schema, checked with the jsonschema library
that frictionless already brings). A mistake in a mapping is a Problem naming its line, like a
mistake in a CSV: `build_site.py validate` checks every mapping in a package, and `import-xlsx`
(journeys.workbook) reads a mapping only through `load_mapping`, so both say the same.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from pathlib import Path

import yaml

from journeys.model.problems import Problem, problem
from journeys.model.reading import read_file

IMPORTS = "imports"  # the package's folder of mappings
MAPPING_SCHEMA = "schemas/imports/mapping.schema.json"  # as the repository names it, for officers


class TextLoader(yaml.SafeLoader):
    """YAML as officers write it: 2017-01-12 stays the text 2017-01-12, as in a CSV, not a date."""


TextLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@cache
def schema() -> dict:
    return json.loads((files("journeys.schemas") / "imports" / "mapping.schema.json").read_text(encoding="utf-8"))


def load_mapping(path: Path, display: str) -> tuple[dict | None, list[Problem]]:
    """The mapping's data, checked against its schema, or the problems that stop it being used."""
    try:
        text = read_file(path).decode("utf-8-sig")
        data = yaml.load(text, Loader=TextLoader)  # noqa: S506 (a SafeLoader)
    except (OSError, UnicodeDecodeError) as error:
        return None, [problem("mapping-invalid", display, None, None, None, what=f"the file cannot be read ({error})",
                              fix="Save it as UTF-8 text.")]
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        return None, [problem("mapping-invalid", display, None if line is None else line + 1, None, None,
                              what="the file is not valid YAML", fix="Check the indentation and the colons on this line.")]
    problems = check_mapping(data, text, display)
    return (None, problems) if problems else (data, [])


def check_mapping(data, text: str, display: str) -> list[Problem]:
    """Every place the mapping breaks its schema, each with its line."""
    from jsonschema import Draft202012Validator  # only when a package has mappings: validate stays light
    lines = _lines(text)
    found = []
    for error in sorted(Draft202012Validator(schema()).iter_errors(data), key=lambda e: list(e.path)):
        where = tuple(error.path)
        place = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in where).lstrip(".") or "the file"
        found.append(problem("mapping-invalid", display, lines.get(where), None, None,
                             what=f"{place}: {error.message}", fix=f"Write it as {MAPPING_SCHEMA} describes."))
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


def check_package_mappings(folder: Path, display: str) -> list[Problem]:
    """`validate`: every imports/*.yml in a package against the mapping schema."""
    imports = folder / IMPORTS
    if not imports.is_dir() or imports.is_symlink():
        return []
    found = []
    for path in sorted(imports.glob("*.y*ml")):
        if path.is_symlink():
            continue
        found += load_mapping(path, f"{display}/{IMPORTS}/{path.name}")[1]
    return found
