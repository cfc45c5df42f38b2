"""A figure's cell as the text a CSV would hold: what the officer sees in Excel, in the standard's form.

A number is written as Excel shows it: 0.616 formatted 0.0% is 61.6, and 1722 formatted #,##0
is 1722 (the comma is Excel's display, not the figure). Text is kept exactly as typed, so the
checks the CSV path makes ("67.8%" has a % sign, "1,234" a comma, "n/a" is an old-style symbol,
#DIV/0! is an Excel error) are made on it, with the same words, pointing at the cell. Only the
mapping's own symbols (what this workbook means by "*" or "-") are translated first.

One form is read as two figures, because scorecards print it so: "486 (28.8%)" for a
percentage is the numerator 486 and the value 28.8.

Figures as the papers state them (issue 25, point 5) are read into the standard's forms
(journeys.model.values): "over 200" is >200, "fell by 28" is change -28; in a target column
"below 20" is <20 and "20–25" is 20-25. What the standard does not hold as a figure (a range in
a figure's cell, "about 19") is a problem, never mangled into a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from journeys.checks.forms import stated_form
from journeys.model.values import parse_target

COUNT_AND_PERCENT = re.compile(r"(\d[\d,]*)\s*\(\s*(-?\d+(?:\.\d+)?)\s*%\s*\)")
NOT_YET = re.compile(r"^(over|more than|fewer than|less than|under|below|above|at least|at most|up to|around|about|"
                     r"approximately|approx\.?|c\.|circa|<|>|≤|≥)\s*\d|\b(fell|rose|dropped|increased|decreased|"
                     r"went (up|down)|up|down) by\b|^\d+(\.\d+)?\s*(-|–|to)\s*\d+(\.\d+)?%?$", re.I)
FIXED = re.compile(r"0(?:\.(0+))?")


@dataclass(frozen=True)
class Figure:
    value: str                 # as the CSV would hold it; "" for a blank cell
    numerator: str = ""
    not_yet: bool = False      # a range or an approximate figure: no form of the standard holds it


def figure(value: object, number_format: str = "General", symbols: dict[str, str] | None = None,
           percentage: bool = False, target: bool = False) -> Figure:
    """The figure a cell holds (with `target`, a target: a range and a strict target are its forms)."""
    if value is None:
        return Figure("")
    if isinstance(value, bool):
        return Figure(str(value).upper())
    if isinstance(value, int | float):
        return Figure(number_text(value, number_format))
    if isinstance(value, datetime | date):
        return Figure(value.strftime("%Y-%m-%d"))
    text = str(value)
    if symbols and text.strip() in symbols:
        return Figure(symbols[text.strip()])
    if percentage and (m := COUNT_AND_PERCENT.fullmatch(text.strip())):
        return Figure(m[2], m[1].replace(",", ""))
    if target and parse_target(text.strip()):
        return Figure(text.strip())
    if stated := stated_form(text.strip(), target):
        return Figure(stated)
    if NOT_YET.search(text.strip()):
        return Figure(text, not_yet=True)
    return Figure(text)


def number_text(number: float, number_format: str = "General") -> str:
    """A number as Excel displays it under its format, without thousands separators."""
    shown = number * 100 if "%" in number_format else number
    places = _places(number_format)
    if places is not None:
        return f"{shown:.{places}f}"
    if float(shown).is_integer():
        return str(int(shown))
    return f"{shown:.10g}"  # 0.1 + 0.2 stays 0.3: Excel shows 15 significant digits, a scorecard far fewer


def _places(number_format: str) -> int | None:
    """Decimal places a fixed format shows: 0.0% -> 1, #,##0 -> 0; None for General."""
    section = number_format.split(";")[0]
    section = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", section)
    if "0" not in section or "E" in section.upper():
        return None
    m = re.search(r"0(?:\.(0+))?(?!.*0)", section.replace("#", "").replace(",", ""))
    return len(m[1]) if m and m[1] else 0
