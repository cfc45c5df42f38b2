"""The typed model the site is rendered from: one Authority per validated data package.

Tables stay pandas DataFrames with the CSV's own text columns untouched, plus typed columns
added beside them, so every page can show the value exactly as the officer wrote it:
  date fields      -> <name>_date (Timestamp, NaT when empty)
  dates of any precision (a day, a month, a year or "undated": milestones, documents)
                   -> <name>_date (the first day, for sorting; NaT when empty or undated),
                      <name>_last (the last day the date covers), <name>_precision
                      (day, month, year, undated) and <name>_label ("March 2021": never a
                      day the paper did not give)
  datetime fields  -> <name>_at
  period fields    -> <name>_start, <name>_end, <name>_kind, <name>_label
  due              -> due_end (NaT for 'ongoing' or empty), due_label
  value / number   -> <name>_number (float, NaN for a GSS symbol or empty)
  figure / target  -> <name>_number (float for a plain number only: NaN for a bound, a change, a
                      range or a symbol) and <name>_form (values.NUMBER, SYMBOL, BOUND, CHANGE,
                      RANGE; '' when empty); journeys.model.values parses the rest
  integer, boolean -> converted in place
Load only packages that passed validation: loading does not check anything.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache, wraps
from pathlib import Path

import numpy as np
import pandas as pd

from journeys.model.periods import Dated, Period, parse_date, parse_dated, parse_period
from journeys.model.reading import load_frame, read_file
from journeys.model.standard import field_kind, table_schemas
from journeys.model.values import NUMBER, form_of, parse_figure, parse_target
from journeys.model.vocabulary import GSS_SYMBOLS


@dataclass(frozen=True)
class Authority:
    slug: str
    name: str
    gss_code: str
    dfe_code: str
    descriptor: dict
    tables: dict[str, pd.DataFrame] = field(repr=False)
    folder: Path | None = None

    def table(self, name: str) -> pd.DataFrame:
        """The table, or an empty one with the schema's columns when the package lacks it."""
        if name in self.tables:
            return self.tables[name]
        columns = [f["name"] for f in table_schemas()[name]["fields"]]
        return type_table(name, pd.DataFrame({c: pd.Series(dtype=str) for c in columns}))

    @property
    def licence(self) -> dict:
        return (self.descriptor.get("licenses") or [{}])[0]

    @property
    def contact(self) -> dict:
        return next((c for c in self.descriptor.get("contributors", []) if c.get("role") == "contact"), {})


@lru_cache(maxsize=65536)
def _period(text: str) -> Period | None:
    return parse_period(text) if text else None


@lru_cache(maxsize=65536)
def _day(text: str):
    if not text:
        return pd.NaT
    if len(text) == 7:  # a month on its own, e.g. a milestone "published March 2014"
        return pd.Timestamp(text + "-01")
    day = parse_date(text)
    return pd.Timestamp(day) if day else pd.NaT


@lru_cache(maxsize=65536)
def _dated(text: str) -> Dated | None:
    return parse_dated(text) if text else None


def _add_dated_columns(table: pd.DataFrame, name: str, text: pd.Series) -> None:
    parsed = text.map(_dated)
    table[f"{name}_date"] = pd.to_datetime(parsed.map(lambda d: d.start if d else None))
    table[f"{name}_last"] = pd.to_datetime(parsed.map(lambda d: d.end if d else None))
    table[f"{name}_precision"] = parsed.map(lambda d: d.precision if d else "")
    table[f"{name}_label"] = parsed.map(lambda d: d.label if d else "")


@lru_cache(maxsize=4096)
def _moment(text: str):
    if not text:
        return pd.NaT
    day_text, _, time_text = text.partition(" ")
    day = parse_date(day_text)
    if day is None:
        return pd.NaT
    hour, minute = (int(x) for x in (time_text or "00:00").split(":"))
    return pd.Timestamp(datetime(day.year, day.month, day.day, hour, minute))


def _numbers(column: pd.Series) -> pd.Series:
    return pd.to_numeric(column.where(~column.isin(["", *GSS_SYMBOLS])), errors="coerce")


def _add_form_columns(table: pd.DataFrame, name: str, text: pd.Series, parse) -> None:
    """<name>_form and <name>_number (a plain number only), each distinct cell parsed once."""
    codes, distinct = pd.factorize(text)
    forms = np.array([form_of(parse(value)) for value in distinct], dtype=object)
    table[f"{name}_form"] = forms[codes] if len(codes) else pd.Series(dtype=object)
    table[f"{name}_number"] = _numbers(text.where(table[f"{name}_form"] == NUMBER, ""))


def _add_period_columns(table: pd.DataFrame, name: str, prefix: str) -> None:
    parsed = table[name].map(_period)
    table[f"{prefix}_start"] = pd.to_datetime(parsed.map(lambda p: p.start if p else None))
    table[f"{prefix}_end"] = pd.to_datetime(parsed.map(lambda p: p.end if p else None))
    table[f"{prefix}_kind"] = parsed.map(lambda p: p.kind if p else "")
    table[f"{prefix}_label"] = parsed.map(lambda p: p.label if p else "")


def type_table(name: str, raw: pd.DataFrame) -> pd.DataFrame:
    """Add typed columns to a table read as text (see the module docstring)."""
    table = raw.copy()
    for spec in table_schemas()[name]["fields"]:
        column, kind = spec["name"], field_kind(spec)
        if column not in table:
            table[column] = ""
        text = table[column].fillna("").astype(str)
        if kind in ("date or month", "date or undated"):
            _add_dated_columns(table, column, text)
        elif kind == "date":
            table[f"{column}_date"] = pd.to_datetime(text.map(_day))
        elif kind == "datetime":
            table[f"{column}_at"] = pd.to_datetime(text.map(_moment))
        elif kind in ("period", "stated period"):
            _add_period_columns(table, column, column)
        elif kind == "due":
            _add_period_columns(table, column, "due")
            table["due_label"] = table["due_label"].where(text != "ongoing", "Ongoing")
            table = table.drop(columns=["due_start", "due_kind"])
        elif kind in ("value", "number"):
            table[f"{column}_number"] = _numbers(text)
        elif kind in ("figure", "target"):
            _add_form_columns(table, column, text, parse_figure if kind == "figure" else parse_target)
        elif kind == "integer":
            table[column] = pd.to_numeric(text.where(text != ""), errors="coerce").astype("Int64")
        elif kind == "boolean":
            table[column] = text.str.lower().isin(spec.get("trueValues", ["true"]))
    return table


def read_text_table(path: Path) -> pd.DataFrame:
    """A CSV as text, exactly as written, read as validation reads it (which has vouched for it)."""
    return load_frame(path)


def load_authority(folder: Path) -> Authority:
    """Load one validated package folder into the typed model."""
    descriptor = json.loads(read_file(folder / "datapackage.json").decode("utf-8-sig"))
    tables = {}
    for resource in descriptor.get("resources", []):
        name = resource["name"]
        tables[name] = type_table(name, read_text_table(folder / resource["path"]))
    return Authority(
        slug=descriptor["name"], name=descriptor.get("title", descriptor["name"]),
        gss_code=descriptor.get("gss_code", ""), dfe_code=str(descriptor.get("dfe_code", "")),
        descriptor=descriptor, tables=tables, folder=folder,
    )


def per_table(compute):
    """`compute(table)`, worked out again only when given another table than last time: every
    page of an authority asks the same question of the same table (its papers, say), and
    pages are made one authority at a time. Holds one table, so memory stays flat."""
    last: list = [None, None]

    @wraps(compute)
    def kept(table: pd.DataFrame):
        if last[0] is not table:
            last[:] = [table, compute(table)]
        return last[1]

    return kept
