"""The data standard: the Table Schemas in schemas/ and the vocabularies beside them, by version.

A package names the version of the standard it follows in its datapackage.json, e.g.
`"standard": "journeys/1.0"`, never a path to schemas. Each version this release knows maps to
the schemas it ships (schemas/ in the repository, journeys.schemas installed), so validating
needs no network and no checkout; an unknown version is a problem naming the known ones.
"""

from __future__ import annotations

import json
import re
from functools import cache

from journeys.model.values import FIGURE, TARGET
from journeys.model.vocabulary import (GSS_SYMBOLS, TEXT_LENGTHS, VALUE, VOCABULARY_DIR,  # noqa: F401 (the standard's)
                                       framework_vocabulary, frameworks)

SCHEMA_DIR = VOCABULARY_DIR.parent

# The standard's name, and each version this release knows -> the package that ships its schemas.
# A change to schemas/ that a package written for the last version would fail is a new version:
# add it here, and say in the problem for the old one (standard-unknown) what to change.
STANDARD = "journeys"
VERSIONS = {"1.0": "journeys.schemas"}
CURRENT = "1.0"


def standard_name(version: str = CURRENT) -> str:
    """What a package writes as its "standard": the name and the version, e.g. journeys/1.0."""
    return f"{STANDARD}/{version}"


def known_standards() -> list[str]:
    return [standard_name(version) for version in VERSIONS]


def standard_version(named: object) -> str | None:
    """The version of a known standard a package names ("journeys/1.0" -> "1.0"), or None."""
    if not isinstance(named, str):
        return None
    name, _, version = named.strip().partition("/")
    return version if name == STANDARD and version in VERSIONS else None

# The patterns in schemas/*.json that mark a string field as a date, a period, a value or a
# number. Kept as strings (not Table Schema types) so that UK dates and GSS symbols stay
# valid for stock frictionless, while our validator checks them properly.
DATE = r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})$"
# A date as precise as the paper gives it: a day, a month (2014-03) or a year (2010); a
# document may also be "undated" (a web page), with the day it was read beside it.
DATE_OR_MONTH = r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}|\d{4})$"
DATE_OR_UNDATED = DATE_OR_MONTH[:-2] + r"|undated)$"
DATETIME = r"^(\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?|\d{1,2}/\d{1,2}/\d{4}( \d{2}:\d{2})?)$"
_CALENDAR = (r"\d{4}|\d{4}-\d{2}|\d{4}-Q[1-4]|\d{4}/\d{2}|\d{4}/\d{2} Q[1-4]|YTD \d{4}-\d{2}"
             r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}")
# Periods as papers state them (issue 25): rolling, a run of months, and a period not stated
# (at the paper's date). A target applies over a stated period; an action is due by a calendar one.
_AS_PAPERS_STATE = r"|\d{1,3} months to \d{4}-\d{2}|\d{4}-\d{2} to \d{4}-\d{2}"
_UNSTATED = r"|unstated (\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})"
PERIOD = "^(" + _CALENDAR + _AS_PAPERS_STATE + _UNSTATED + ")$"
STATED_PERIOD = "^(" + _CALENDAR + _AS_PAPERS_STATE + ")$"
DUE = "^(" + _CALENDAR + r"|ongoing)$"
NUMBER = r"^-?\d+(\.\d+)?$"
IDENTIFIER = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"

REQUIRED_TABLES = ("documents",)

# Characters no cell may hold: control characters (a vertical tab is what Word writes for a manual
# line break), the Unicode line and paragraph separators and the two non-characters. Pages cannot
# show them, the chart library stops on them and a feed (XML) cannot hold them. Tab, line feed and
# carriage return stay allowed: line breaks in a cell are text.
FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
CHARACTER_NAMES = {"\x00": "a NUL", "\x0b": "a vertical tab (what Word writes for a manual line break)",
                   "\x0c": "a form feed (a page break)", "\x1b": "an escape", "\x7f": "a delete",
                   "\u2028": "a line separator", "\u2029": "a paragraph separator"}


def character_name(character: str) -> str:
    """'U+000B, a vertical tab (…)': a character no cell may hold, as an officer can find it."""
    return f"U+{ord(character):04X}, {CHARACTER_NAMES.get(character, 'a control character')}"


def text_kind(limit: int) -> str:
    """'a name or label' for a maxLength of 500: what a field of that length holds."""
    return next((kind for kind, length in TEXT_LENGTHS.items() if length == limit), "a cell of this column")

# A package's name: its folder and its web address (the site puts its pages under /<name>/).
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")  # at most 63 characters, as a part of a host name may be
# What the site itself puts at its root: a package named so would clash with it.
RESERVED_NAMES = frozenset({"assets", "search", "glossary", "how-to-read", "officers-guide", "accessibility",
                            "problems", "pagefind", "feeds", "compare"})

FIELD_KINDS = {DATE: "date", DATE_OR_MONTH: "date or month", DATE_OR_UNDATED: "date or undated",
               DATETIME: "datetime",
               PERIOD: "period", STATED_PERIOD: "stated period", DUE: "due", VALUE: "value", NUMBER: "number",
               FIGURE: "figure", TARGET: "target",
               IDENTIFIER: "identifier"}


@cache
def table_schemas() -> dict[str, dict]:
    """Every table's schema by table name (the file stem), in a stable order."""
    return {path.stem: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(SCHEMA_DIR.glob("*.json"))}


def field_kind(field: dict) -> str:
    """How a field is read: a Table Schema type, or one of our pattern-marked string kinds."""
    if field["type"] != "string":
        return field["type"]
    return FIELD_KINDS.get(field.get("constraints", {}).get("pattern", ""), "string")
