"""The data downloads: each table as CSV (ISO dates), a self-contained data package, JSON, and the
indicators as an Excel scorecard (journeys.outputs.scorecard).

Made from the protected model (journeys.domain.disclosure), so a suppressed value is `c`
here as everywhere, and nothing from which it could be worked out is published beside it.
The data package inlines its schemas, so stock `frictionless validate` passes on it alone, and
on the zip of it, which holds every table as CSV, the package and the JSON.

A national site publishes the zip alone (`zipped_only`): 153 authorities' tables as CSV and JSON
are some 290 MB of a site GitHub Pages caps at 1 GB, and the zip of the same files some 15 MB.
One council's site publishes each file as well, to open in a browser or a spreadsheet.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import zipfile

import pandas as pd

from journeys.domain.figures import IndicatorStatus
from journeys.model import Authority
from journeys.model.standard import field_kind, table_schemas
from journeys.model.vocabulary import GSS_SYMBOLS
from journeys.outputs.page import DOWNLOADS
from journeys.outputs.scorecard import scorecard_xlsx

DATED_KINDS = {"date", "date or month", "date or undated", "datetime", "period", "due"}
UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # a fixed time, so the same data makes the same file


def files(authority: Authority, statuses: tuple[IndicatorStatus, ...], mode: str = "single") -> dict[str, bytes]:
    """Path within the section (downloads/…) -> file contents: the zipped package and the scorecard
    alone on a national site (`mode`), each file of the package beside them on one council's.
    `statuses`: the Summary's (the scorecard's standings and directions, as the indicator pages give them)."""
    csvs = {name: table_csv(authority, name) for name in published_tables(authority)}
    package = json.dumps(data_package(authority, list(csvs)), indent=2, ensure_ascii=False).encode()
    each = {"datapackage.json": package, **{f"{name}.csv": body for name, body in csvs.items()},
            json_name(authority): all_json(authority, list(csvs))}
    whole = {f"{DOWNLOADS}/{zip_name(authority)}": zipped(each),
             f"{DOWNLOADS}/{scorecard_name(authority)}": scorecard_xlsx(authority, statuses)}
    if zipped_only(mode):
        return whole
    return {**{f"{DOWNLOADS}/{name}": body for name, body in each.items()}, **whole}


def zipped_only(mode: str) -> bool:
    """Whether a site in this mode publishes the tables only in the zip (a national site: its size)."""
    return mode == "national"


def zip_name(authority: Authority) -> str:
    return f"{authority.slug}-data-package.zip"


def json_name(authority: Authority) -> str:
    return f"{authority.slug}.json"


def scorecard_name(authority: Authority) -> str:
    return f"{authority.slug}-scorecard.xlsx"


def published_tables(authority: Authority) -> list[str]:
    """The package's tables that hold rows, in its own order: a header alone tells a data user nothing."""
    return [r["name"] for r in authority.descriptor.get("resources", [])
            if r.get("name") in authority.tables and len(authority.tables[r["name"]])]


def iso(text: str) -> str:
    """A UK date (31/01/2017, with or without a time) written as ISO; anything else unchanged."""
    match = UK_DATE.fullmatch(text.split(" ")[0]) if text else None
    if not match:
        return text
    day, month, year = match.groups()
    rest = text[len(text.split(" ")[0]):]
    return f"{year}-{int(month):02d}-{int(day):02d}{rest}"


def normalised_rows(authority: Authority, name: str) -> tuple[list[str], list[list[str]]]:
    """The table's own columns, as text, dates in ISO form."""
    fields = table_schemas()[name]["fields"]
    source = authority.tables[name]
    columns = [f["name"] for f in fields]
    return columns, list(map(list, zip(*(as_text(source[f["name"]], f) for f in fields)))) if len(source) else []


def as_text(column, field: dict) -> list[str]:
    """A column as the CSV writes it: dates ISO, whole numbers and yes/no as the schema reads them."""
    kind = field_kind(field)
    if kind == "integer":
        return ["" if pd.isna(value) else str(int(value)) for value in column]
    if kind == "boolean":
        yes, no = field.get("trueValues", ["true"])[0], field.get("falseValues", ["false"])[0]
        return [yes if value else no for value in column]
    text = column.fillna("").astype(str)
    return list(text.map(iso) if kind in DATED_KINDS else text)


def table_csv(authority: Authority, name: str) -> bytes:
    columns, rows = normalised_rows(authority, name)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([inert(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


# A spreadsheet opening a CSV runs a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def inert(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs (OWASP's advice on CSV injection): one that
    starts like a formula gets a leading single quote. A number such as -3.5 stays a number."""
    if cell.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def data_package(authority: Authority, tables: list[str]) -> dict:
    """The package descriptor with each schema inlined; keys to tables it lacks are dropped."""
    descriptor = {"$schema": PACKAGE_PROFILE,
                  **{key: value for key, value in authority.descriptor.items() if key not in ("resources", "$schema")}}
    descriptor["resources"] = [{"name": name, "path": f"{name}.csv", "type": "table", "format": "csv",
                                "encoding": "utf-8", "schema": _schema(name, tables, _stated(authority, name))}
                               for name in tables]
    return descriptor


# The published package is a Data Package v2: its labelled missing values below need v2.
PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
# Columns that hold a number or, where the paper gives none, a GSS symbol. Officers write them as
# text (the standard checks each against a pattern); the published schemas type them as numbers,
# with the symbols as missing values labelled with their meanings (Table Schema v2), so that stock
# frictionless reads numbers and a reader of the schema learns what each symbol means. The CSV
# keeps the symbol itself.
NUMBERS = {("observations", "value"), ("observations", "numerator"), ("observations", "denominator"),
           ("targets", "target"), ("comparators", "value")}
SYMBOLS = [{"value": symbol, "label": meaning} for symbol, meaning in GSS_SYMBOLS.items()]


def _stated(authority: Authority, name: str) -> set[str]:
    """The columns of numbers in which this table holds a figure as a paper states it, not as a number
    (a bound such as >200, a change such as change -28, a target such as <20 or 20-25)."""
    fields = {field["name"]: field for field in table_schemas()[name]["fields"]}
    return {column for table, column in NUMBERS if table == name
            and any(cell and cell not in GSS_SYMBOLS and not PLAIN_NUMBER.fullmatch(cell)
                    for cell in as_text(authority.tables[name][column], fields[column]))}


def _schema(name: str, tables: list[str], stated: set[str]) -> dict:
    schema = {"$schema": SCHEMA_PROFILE, **copy.deepcopy(table_schemas()[name])}
    schema.pop("$comment", None)
    schema["fields"] = [_as_stated(field) if field["name"] in stated else _typed(name, field)
                        for field in schema["fields"]]
    keys = [key for key in schema.get("foreignKeys", []) if (key["reference"].get("resource") or name) in tables]
    if keys:
        schema["foreignKeys"] = keys
    else:
        schema.pop("foreignKeys", None)
    return schema


def _as_stated(field: dict) -> dict:
    """A column of numbers that holds a figure as its paper states it: published as the standard's
    text, since a number would lose what the paper says (a bound is no number; a range is two)."""
    return {**field, "description": f"{field['description']} Published as text: this table holds a figure as "
                                    "its paper states it (a bound such as >200, a change such as change -28, or a "
                                    "target such as <20 or 20-25), which no number can carry."}


def _typed(table: str, field: dict) -> dict:
    """A column of numbers and symbols as a number, its symbols missing values with their meanings."""
    if (table, field["name"]) not in NUMBERS:
        return field
    constraints = {key: value for key, value in field.get("constraints", {}).items() if key != "pattern"}
    symbols = [entry for entry in SYMBOLS if re.fullmatch(field["constraints"]["pattern"], entry["value"])]
    typed = {**field, "type": "number"}
    if symbols:
        # A required column may still hold a symbol, so "required" goes; an empty cell stays an error
        # there (it is no number, and no missing value), and is a missing value where a cell may be empty.
        required = constraints.pop("required", False)
        typed["missingValues"] = symbols if required else [{"value": "", "label": "not given"}, *symbols]
        typed["description"] = (f"{field['description']} Published as a number; a GSS symbol stands where there "
                                "is none, and missingValues says what each means.")
    typed.pop("constraints", None)
    return {**typed, **({"constraints": constraints} if constraints else {})}


def all_json(authority: Authority, tables: list[str]) -> bytes:
    """Every table as its columns and its rows (as the CSV has them), with the package's
    description, licence and contact. Rows are lists, not records: a record repeats every
    column's name, which doubles the file (1.9 MB against 1.0 MB for a ten-year national package)."""
    data = {key: authority.descriptor.get(key) for key in ("name", "title", "description", "gss_code", "dfe_code", "region",
                                                            "licenses", "contributors")}
    data["tables"] = {}
    for name in tables:
        columns, rows = normalised_rows(authority, name)
        data["tables"][name] = {"columns": columns, "rows": rows}
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), body, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
