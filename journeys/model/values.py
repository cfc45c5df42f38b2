"""Figures and targets as the papers state them, in the spirit of the GSS symbols: each form is
written in the value's own cell, so a figure is never rounded into something the paper does not say.

A figure (observations.value):
  67.8            a number                      c x z low u   a GSS symbol instead of a figure
  >200  <100      a bound: more than 200, less than 100 (>=30 at least 30, <=45 at most 45)
  change -28      a change with no level: it fell by 28 (change +29: rose by 29; change 0: no change)
A target (targets.target):
  22              a number: met at or beyond it, which way the indicator's polarity says
  <20  >90        a strict target: below 20, above 90 (<=45 and >=95 are at most and at least)
  20-25           a range: met from 20 to 25 (smaller first)

A bound is a level the paper does not give exactly; a change has no level at all. Neither is
ever drawn or compared as a plain number: journeys.domain.figures says when a bound settles a
standing, and a change never does.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from journeys.model.vocabulary import GSS_SYMBOLS

NUMBER_TEXT = r"-?\d+(?:\.\d+)?"
# The forms' names, as the model's <column>_form columns hold them.
NUMBER, SYMBOL, BOUND, CHANGE, RANGE = "number", "symbol", "bound", "change", "range"
# A bound's relation and how it reads; a strict target reads "below" and "above" (see TARGET_WORDS).
RELATIONS = {">": "more than", "<": "less than", ">=": "at least", "<=": "at most"}

FIGURE = (r"^(" + NUMBER_TEXT + "|" + "|".join(GSS_SYMBOLS) + r"|(?:<|>|<=|>=)" + NUMBER_TEXT
          + r"|change (?:[+-]\d+(?:\.\d+)?|0))$")
TARGET = r"^(" + NUMBER_TEXT + r"|(?:<|>|<=|>=)" + NUMBER_TEXT + "|" + NUMBER_TEXT + "-" + NUMBER_TEXT + r")$"

_BOUND = re.compile(r"(<=|>=|<|>)(" + NUMBER_TEXT + ")")
_CHANGE = re.compile(r"change ([+-]\d+(?:\.\d+)?|0)")
_RANGE = re.compile("(" + NUMBER_TEXT + ")-(" + NUMBER_TEXT + ")")
_NUMBER = re.compile(NUMBER_TEXT)


@dataclass(frozen=True)
class Stated:
    """A figure or a target as written: its form, the number it gives and, for a bound, its relation."""
    text: str
    form: str            # NUMBER, SYMBOL, BOUND, CHANGE (figures) or RANGE (targets)
    number: float        # the number written (a bound's edge, a change, a range's low end); NaN for a symbol
    relation: str = ""   # a bound's: >, <, >= or <=
    high: float = math.nan  # a range's high end

    @property
    def low_high(self) -> tuple[float, float, bool, bool]:
        """The levels it allows: (low, high, low end open, high end open); a change allows any."""
        inf = math.inf
        if self.form == NUMBER:
            return self.number, self.number, False, False
        if self.form == RANGE:
            return self.number, self.high, False, False
        if self.form == BOUND:
            strict = len(self.relation) == 1
            return (self.number, inf, strict, True) if self.relation[0] == ">" else (-inf, self.number, True, strict)
        return -inf, inf, True, True


@lru_cache(maxsize=65536)
def parse_figure(text: str) -> Stated | None:
    """A figure cell (observations.value); None if it is in no form the standard knows."""
    if _NUMBER.fullmatch(text):
        return Stated(text, NUMBER, float(text))
    if text in GSS_SYMBOLS:
        return Stated(text, SYMBOL, math.nan)
    if m := _BOUND.fullmatch(text):
        return Stated(text, BOUND, float(m[2]), m[1])
    if m := _CHANGE.fullmatch(text):
        return Stated(text, CHANGE, float(m[1]))
    return None


@lru_cache(maxsize=16384)
def parse_target(text: str) -> Stated | None:
    """A target cell; None if it is in no form the standard knows or a range runs backwards."""
    if _NUMBER.fullmatch(text):
        return Stated(text, NUMBER, float(text))
    if m := _BOUND.fullmatch(text):
        return Stated(text, BOUND, float(m[2]), m[1])
    if (m := _RANGE.fullmatch(text)) and float(m[1]) < float(m[2]):
        return Stated(text, RANGE, float(m[1]), high=float(m[2]))
    return None


def form_of(stated: Stated | None) -> str:
    return stated.form if stated else ""


def numbers_in(text: str) -> list[float]:
    """Every number a figure or target states (a bound's edge, both ends of a range): what range checks read."""
    stated = parse_figure(text) or parse_target(text)
    if stated is None or stated.form in (SYMBOL, CHANGE):
        return []
    return [stated.number] + ([stated.high] if stated.form == RANGE else [])
