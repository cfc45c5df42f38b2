"""Facts in words: how a figure, a symbol, a date and an indicator's standing read on a page.

The facts themselves are worked out by journeys.domain; this module only words them.
"""

from __future__ import annotations

import math

import pandas as pd

from journeys.domain.figures import STATUSES, IndicatorStatus, places
from journeys.model.vocabulary import GSS_SYMBOLS

UNIT_SUFFIX = {"percentage": "%", "days": " days", "weeks": " weeks", "rate per 10,000 children": " per 10,000 children"}
STATUS_WORDS = {status: words.words for status, words in STATUSES.items()}  # "met" -> "Met target"
STATUS_RAG = {status: words.rag.lower() for status, words in STATUSES.items()}  # "met" -> "green"


def word_list(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def counted(number: int, one: str, many: str) -> str:
    """'1 indicator', '3 indicators': a count with its noun agreeing."""
    return f"{number} {one if number == 1 else many}"


def format_value(number: float | None, unit: str, decimals) -> str:
    """67.8%, 1,722, 45.2 per 10,000 children; '' for no number."""
    if number is None or (isinstance(number, float) and math.isnan(number)):
        return ""
    return f"{number:,.{places(decimals)}f}{UNIT_SUFFIX.get(unit, '')}"


def shown_value(row, unit: str, decimals) -> str:
    """A figure as the site shows it: formatted, or the GSS symbol with its meaning."""
    if not pd.isna(row["value_number"]):
        return format_value(row["value_number"], unit, decimals)
    return symbol_label(row["value"])


def symbol_label(symbol: str) -> str:
    """'x: not available': the GSS symbol, then what it means."""
    if symbol in GSS_SYMBOLS:
        return f"{symbol}: {GSS_SYMBOLS[symbol]}"
    return symbol or "no figure"


def describe(status: IndicatorStatus, gap_rows: pd.DataFrame) -> str:
    """The sentence that says what the chart shows."""
    ind = status.indicator
    if status.latest is None:
        return f"{ind['title']}: no figures have been published."
    value = lambda n: format_value(n, ind["unit"], ind["decimals"])  # noqa: E731
    words = [f"{ind['title']}: {value(status.latest.number)} in {status.latest.label}"]
    if status.previous is not None:
        words.append(f", {status.direction} from {value(status.previous.number)} in {status.previous.label}")
    sentence = "".join(words) + "."
    if status.target is not None:
        verdict = STATUS_WORDS.get(status.status, "")
        sentence += f" The target for {status.target.label} is {value(status.target.target)}"
        sentence += f": {verdict.lower()}." if verdict else "."
    if len(gap_rows):
        # Each symbol said once, after the periods it stands for: a heavily suppressed series
        # is a list of months, not the same words forty times over.
        periods: dict[str, list[str]] = {}
        for row in gap_rows.itertuples():
            periods.setdefault(row.value, []).append(row.period_label)
        missing = "; ".join(f"{word_list(labels)}, {symbol_label(symbol)}" for symbol, labels in periods.items())
        sentence += f" No figure is shown for {missing}."
    return sentence
