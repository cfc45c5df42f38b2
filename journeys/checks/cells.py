"""Every cell against its field: required, Excel errors, then the field's kind, vectorised.

A column is factorised into its distinct values (pandas.factorize, in C); each distinct value
is tested once, by a compiled regex or a set where it can be (also in C), and the verdicts are
mapped back onto the rows with numpy. Only the failing values are explained, each once, with
what to write instead; Python loops run over the failing rows alone.
"""

from __future__ import annotations

import re
from functools import partial

import numpy as np
import pandas as pd

from journeys.checks.common import did_you_mean, field_description, quoted_list
from journeys.checks.forms import FIGURE_FORMS, figure_suggestion, target_suggestion
from journeys.checks.suggest import date_parts, date_suggestion, period_suggestion, plain_number
from journeys.model.periods import parse_date, parse_period, plausible_years
from journeys.model.problems import Problem, problem
from journeys.model.reading import TextTable
from journeys.model.standard import (DATE, DATE_OR_MONTH, DATETIME, FORBIDDEN_CHARACTERS, GSS_SYMBOLS, character_name,
                                     field_kind, table_schemas, text_kind)
from journeys.model.values import parse_figure, parse_target
from journeys.model.vocabulary import EARLIEST_YEAR, LATEST_YEAR, UNSTATED, symbol_names

URL_PATTERN = r"^https?://\S+$"
EXCEL_ERRORS = {
    "#DIV/0!": "division by zero", "#REF!": "a reference to a cell that no longer exists",
    "#N/A": "a lookup that found nothing", "#VALUE!": "a formula given the wrong kind of value",
    "#NAME?": "a formula naming something Excel does not know", "#NUM!": "an impossible number",
    "#NULL!": "ranges that do not meet", "#SPILL!": "a result that could not spill",
    "#CALC!": "a calculation Excel could not do", "#GETTING_DATA": "data still loading",
    "#FIELD!": "a missing field", "#BLOCKED!": "blocked content", "#CONNECT!": "a lost connection",
    "#BUSY!": "a calculation still running", "#UNKNOWN!": "an unknown data type",
}
LEGACY_SYMBOLS = {  # symbol: (what it meant, the GSS symbol to write)
    "N/A": ("not applicable or not available", "z if it does not apply, or x if the figure is not available"),
    "n/a": ("not applicable or not available", "z if it does not apply, or x if the figure is not available"),
    "NA": ("not applicable or not available", "z if it does not apply, or x if the figure is not available"),
    "-": ("nil or not applicable", "z if it does not apply, or 0 if the figure is zero"),
    "–": ("nil or not applicable", "z if it does not apply, or 0 if the figure is zero"),
    "..": ("not available", "x"), ":": ("not available", "x"), "~": ("rounds to zero", "low"),
    "*": ("suppressed", "c"),
}
SYMBOL_NAMES = symbol_names()
DATED = ("date", "date or month", "date or undated", "datetime", "period", "due")  # kinds that name years
BOUNDS = {(True, True): "from {minimum} to {maximum}", (True, False): "at least {minimum}",
          (False, True): "at most {maximum}"}


def check_cells(table: TextTable, name: str) -> list[Problem]:
    problems = []
    for spec in table_schemas()[name]["fields"]:
        if spec["name"] in table.cells:
            factorized = table.factorized(spec["name"])
            problems += check_field(table.file, name, spec, table.rows, table.cells[spec["name"]], factorized)
            problems += check_characters(table.file, spec["name"], table.rows, factorized)
    return problems


def check_characters(file: str, column: str, rows: np.ndarray, factorized: tuple[np.ndarray, np.ndarray]) -> list[Problem]:
    """Cells holding a character no page, chart or feed can carry (a vertical tab, U+2028 …)."""
    codes, distinct = factorized
    found = {index: match for index, value in enumerate(distinct) if (match := FORBIDDEN_CHARACTERS.search(value))}
    if not found:
        return []
    bad = np.zeros(len(distinct), dtype=bool)
    bad[list(found)] = True
    problems = []
    for i in np.flatnonzero(bad[codes]):
        match = found[int(codes[i])]
        problems.append(problem("control-character", file, int(rows[i]), column, distinct[codes[i]],
                                character=character_name(match[0]),
                                where=f"It is character {match.start() + 1:,} of the cell."))
    return problems


def check_field(file: str, table: str, spec: dict, rows: np.ndarray, values: np.ndarray,
                factorized: tuple[np.ndarray, np.ndarray] | None = None) -> list[Problem]:
    """Problems in one column: each distinct value is judged once, then mapped back to its rows."""
    codes, distinct = factorized if factorized is not None else pd.factorize(values)
    failing = np.flatnonzero(~valid(spec, distinct))
    if not failing.size:
        return []
    verdicts = {int(index): verdict(spec, table, distinct[index]) for index in failing}
    is_failing = np.zeros(len(distinct), dtype=bool)
    is_failing[failing] = True
    problems = []
    for index in np.flatnonzero(is_failing[codes]):
        slug, details = verdicts[int(codes[index])]
        problems.append(problem(slug, file, int(rows[index]), spec["name"], values[index], **details))
    return problems


def valid(spec: dict, values) -> np.ndarray:
    """True for each value the field accepts.

    Dates, periods and integers, which have few distinct values, are tested in Python.
    """
    test, typed, required = acceptor(spec)
    values = np.asarray(values, dtype=object)
    ok = np.fromiter(map(bool, map(test, values)), dtype=bool, count=len(values))
    if not typed:
        ok = ~ok  # for plain text the test finds Excel errors
    empty = values == ""
    limit = spec.get("constraints", {}).get("maxLength")
    if limit is not None:
        ok &= np.fromiter(map(len, values), dtype=np.int64, count=len(values)) <= limit
    if required:
        ok &= ~(empty | np.fromiter(map(str.isspace, values), dtype=bool, count=len(values)))
    elif typed:
        ok |= empty
    return ok


def acceptor(spec: dict):
    """(test of a filled value, whether the field is typed, whether it is required), built once per field.

    Keyed by the spec object itself: the schemas are loaded once, so each field's test is built once.
    """
    known = _ACCEPTORS.get(id(spec))
    if known is None or known[0] is not spec:
        constraints, kind = spec.get("constraints", {}), field_kind(spec)
        typed = kind != "string" or "enum" in constraints or "pattern" in constraints
        test = _test(spec, constraints, kind) if typed else frozenset(EXCEL_ERRORS).__contains__
        known = _ACCEPTORS[id(spec)] = (spec, (test, typed, bool(constraints.get("required"))))
    return known[1]


_ACCEPTORS: dict[int, tuple[dict, tuple]] = {}


def _test(spec: dict, constraints: dict, kind: str):
    if "enum" in constraints:
        return frozenset(constraints["enum"]).__contains__
    if kind == "integer":
        return partial(_valid_integer, constraints.get("minimum"), constraints.get("maximum"))
    if kind == "boolean":
        return frozenset(spec.get("trueValues", ["true"]) + spec.get("falseValues", ["false"])).__contains__
    if kind in VALID_TEXT:
        return VALID_TEXT[kind]
    if "pattern" in constraints:
        return re.compile(constraints["pattern"]).fullmatch
    return lambda value: True  # unreachable: a typed field has one of the above


def _valid_integer(low, high, value: str) -> bool:
    if not INTEGER.fullmatch(value):
        return False
    number = int(value)
    return (low is None or number >= low) and (high is None or number <= high)


INTEGER = re.compile(r"-?\d+")


def _valid_date(text: str) -> bool:
    return bool(re.fullmatch(DATE, text)) and parse_date(text) is not None


def _valid_date_or_month(text: str) -> bool:
    if not plausible_years(text):
        return False
    if re.fullmatch(r"\d{4}", text):  # a year alone, when the paper gives no more
        return True
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return 1 <= int(text[5:]) <= 12
    return bool(re.fullmatch(DATE_OR_MONTH, text)) and parse_date(text) is not None


def _undated_suggestion(text: str) -> str:
    """A day that does not exist is a slip to correct; anything else may be a month, a year or no date."""
    if date_parts(text):
        return date_suggestion(text, month=False)
    return date_suggestion(text, month=True) + " If the paper has no date, write undated."


def _valid_datetime(text: str) -> bool:
    if not re.fullmatch(DATETIME, text):
        return False
    day, _, time = text.partition(" ")
    return parse_date(day) is not None and (not time or (int(time[:2]) < 24 and int(time[3:]) < 60))


def _valid_period(text: str, kinds: tuple[str, ...] = ()) -> bool:
    """A period the parser reads (of these kinds only, when given)."""
    period = parse_period(text) if text == text.strip() else None
    return period is not None and (not kinds or period.kind in kinds)


CALENDAR_KINDS = ("year", "month", "quarter", "financial quarter", "financial year", "year to date", "day")
STATED_KINDS = (*CALENDAR_KINDS, "rolling", "months")

VALID_TEXT = {"date": _valid_date, "date or month": _valid_date_or_month,
              "date or undated": lambda text: text == "undated" or _valid_date_or_month(text),
              "datetime": _valid_datetime,
              "period": _valid_period, "stated period": partial(_valid_period, kinds=STATED_KINDS),
              "due": lambda text: text == "ongoing" or _valid_period(text, CALENDAR_KINDS),
              "figure": lambda text: parse_figure(text) is not None,
              "target": lambda text: parse_target(text) is not None}


def is_valid(spec: dict, value: str) -> bool:
    return bool(valid(spec, [value])[0])


def verdict(spec: dict, table: str, value: str) -> tuple[str, dict]:
    """The problem slug and its details for one value the field refuses."""
    limit = spec.get("constraints", {}).get("maxLength")
    if limit is not None and len(value) > limit:
        return "text-too-long", {"length": len(value), "limit": limit, "kind": text_kind(limit)}
    if value.strip() == "" and spec.get("constraints", {}).get("required"):
        return "required-missing", {"table": table, "what": field_description(spec)}
    if value in EXCEL_ERRORS:
        or_symbol = ", or write x if the figure is not available" if field_kind(spec) in ("value", "figure") else ""
        return "excel-error", {"meaning": EXCEL_ERRORS[value], "or_symbol": or_symbol}
    return explain(spec, value)


def explain(spec: dict, value: str) -> tuple[str, dict]:
    """The problem slug and its details for one failing value."""
    stripped = value.strip()
    if stripped != value and (stripped == "" or is_valid(spec, stripped)):
        return "extra-spaces", {"fixed": stripped}
    enum = spec.get("constraints", {}).get("enum")
    if enum:
        return "not-in-list", {"suggestion": did_you_mean(value, enum), "allowed": quoted_list(enum)}
    kind = field_kind(spec)
    if kind in DATED and not plausible_years(stripped):
        year = next(year for year in re.findall(r"(?<!\d)\d{4}(?!\d)", stripped) if not plausible_years(year))
        return "year-implausible", {"year": int(year), "earliest": EARLIEST_YEAR, "latest": LATEST_YEAR}
    if kind in ("value", "number", "figure"):
        return explain_number(stripped, symbols=kind != "number", figure=kind == "figure")
    if kind == "target":
        return explain_target(stripped)
    if kind == "integer":
        return explain_integer(spec, stripped)
    return EXPLAIN.get(kind, explain_pattern)(spec, stripped)


def explain_number(text: str, symbols: bool, figure: bool = False) -> tuple[str, dict]:
    if figure and (suggestion := figure_suggestion(text)):
        return "not-a-figure", {"suggestion": suggestion}
    if symbols and text in LEGACY_SYMBOLS:
        meaning, fixed = LEGACY_SYMBOLS[text]
        return "legacy-symbol", {"meaning": meaning, "fixed": fixed}
    if symbols and text.strip("[]").lower() in GSS_SYMBOLS:
        return "symbol-format", {"fixed": text.strip("[]").lower()}
    if match := re.fullmatch(r"(-?\d+(\.\d+)?)\s*%", text):
        return "percent-sign", {"fixed": match[1]}
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
        return "thousands-separator", {"fixed": text.replace(",", "")}
    plain = plain_number(text)
    if plain is not None:
        suggestion = f"Write it as a plain number: {plain}."
    elif figure:
        return "not-a-figure", {"suggestion": FIGURE_FORMS}
    else:
        symbol = f", or a GSS symbol: {SYMBOL_NAMES}." if symbols else "."
        suggestion = f"Write a plain number such as 67.8 or 1722{symbol}"
    return "not-a-number", {"or_symbol": " nor a GSS symbol" if symbols else "", "suggestion": suggestion}


def explain_target(text: str) -> tuple[str, dict]:
    if match := re.fullmatch(r"(-?\d+(\.\d+)?)\s*%", text):
        return "percent-sign", {"fixed": match[1]}
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
        return "thousands-separator", {"fixed": text.replace(",", "")}
    return "not-a-target", {"suggestion": target_suggestion(text)}


def _explain_stated_period(spec: dict, text: str) -> tuple[str, dict]:
    period = parse_period(text)
    if period is not None and period.kind == UNSTATED:
        return "target-period-unstated", {}
    return "not-a-period", {"suggestion": period_suggestion(text, due=False)}

def explain_integer(spec: dict, text: str) -> tuple[str, dict]:
    constraints = spec.get("constraints", {})
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+", text):
        return "thousands-separator", {"fixed": text.replace(",", "")}
    if re.fullmatch(r"-?\d+", text):
        low, high = constraints.get("minimum"), constraints.get("maximum")
        return "out-of-range", {"bound": BOUNDS[(low is not None, high is not None)].format(minimum=low, maximum=high)}
    return "not-an-integer", {}


def _explain_boolean(spec: dict, text: str) -> tuple[str, dict]:
    yes, no = spec.get("trueValues", ["true"])[0], spec.get("falseValues", ["false"])[0]
    folded = text.casefold()
    fixed = yes if folded in ("yes", "y", "true", "1") else no if folded in ("no", "n", "false", "0") else f"{yes} or {no}"
    return "not-yes-no", {"fixed": fixed}


def _explain_identifier(spec: dict, text: str) -> tuple[str, dict]:
    fixed = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-._") or "doc-1"
    return "bad-identifier", {"fixed": fixed}


def explain_pattern(spec: dict, text: str) -> tuple[str, dict]:
    if spec.get("constraints", {}).get("pattern") == URL_PATTERN:
        return "not-a-web-address", {}
    return "pattern-mismatch", {"description": field_description(spec)[0].upper() + field_description(spec)[1:]}


EXPLAIN = {
    "boolean": _explain_boolean,
    "identifier": _explain_identifier,
    "date": lambda spec, text: ("not-a-date", {"suggestion": date_suggestion(text, month=False)}),
    "date or month": lambda spec, text: ("not-a-date", {"suggestion": date_suggestion(text, month=True)}),
    "date or undated": lambda spec, text: ("not-a-date", {"suggestion": _undated_suggestion(text)}),
    "datetime": lambda spec, text: ("not-a-datetime", {}),
    "period": lambda spec, text: ("not-a-period", {"suggestion": period_suggestion(text, due=False)}),
    "stated period": _explain_stated_period,
    "due": lambda spec, text: ("not-a-period", {"suggestion": period_suggestion(text, due=True)}),
}
