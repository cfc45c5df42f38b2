"""Facts in words: how a figure, a symbol, a date and an indicator's standing read on a page.

The facts themselves are worked out by journeys.domain; this module only words them.
"""

from __future__ import annotations

import math

import pandas as pd

from journeys.domain.figures import STATUSES, IndicatorStatus, Reading, Target, places
from journeys.model.values import BOUND, CHANGE, NUMBER, RANGE, RELATIONS, parse_figure, parse_target
from journeys.model.vocabulary import GSS_SYMBOLS, UNSTATED

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
    """A figure as the site shows it: formatted, as the paper states it, or the GSS symbol with its meaning."""
    if not pd.isna(row["value_number"]):
        return format_value(row["value_number"], unit, decimals)
    return stated_words(row["value"], unit, decimals)


# --- Figures and targets as the papers state them (journeys.model.values) ------------------------

COUNTED = ("count",)  # "fewer than" a count of things; "less than" any other figure
TARGET_RELATIONS = {">": "above", "<": "below", ">=": "at least", "<=": "at most"}


def stated_words(value: str, unit: str, decimals) -> str:
    """'more than 200', 'fewer than 100', 'down 28', 'up 2.3 percentage points': a figure's words;
    a symbol with its meaning."""
    figure = parse_figure(str(value))
    if figure is None or figure.form not in (NUMBER, BOUND, CHANGE):
        return symbol_label(value)
    if figure.form == BOUND:
        relation = "fewer than" if figure.relation == "<" and unit in COUNTED else RELATIONS[figure.relation]
        return f"{relation} {format_value(figure.number, unit, decimals)}"
    if figure.form == CHANGE:
        shown = format_value(abs(figure.number), "" if unit == "percentage" else unit, decimals)
        if float(shown.split()[0].replace(",", "")) == 0:
            return "no change"
        points = " percentage points" if unit == "percentage" else ""
        return f"{'up' if figure.number > 0 else 'down'} {shown}{points}"
    return format_value(figure.number, unit, decimals)


def reading_words(reading: Reading | None, unit: str, decimals) -> str:
    """The latest (or previous) figure as the paper states it, without its period."""
    if reading is None:
        return ""
    return format_value(reading.number, unit, decimals) if reading.value == "" else stated_words(
        reading.value, unit, decimals)


def target_words(target: Target | str | float, unit: str, decimals) -> str:
    """'22%', 'below 20', 'at most 45 days', '20 to 25': a target as the paper sets it."""
    text = target.text if isinstance(target, Target) else target
    stated = parse_target(text) if isinstance(text, str) and text else None
    if stated is None:
        number = target.target if isinstance(target, Target) else target
        return format_value(None if isinstance(number, str) else number, unit, decimals)
    if stated.form == RANGE:
        return f"{format_value(stated.number, '', decimals)} to {format_value(stated.high, unit, decimals)}"
    if stated.form == BOUND:
        return f"{TARGET_RELATIONS[stated.relation]} {format_value(stated.number, unit, decimals)}"
    return format_value(stated.number, unit, decimals)


LEFT_UNSAID = {  # why a standing or a direction is not said, by IndicatorStatus.stated
    BOUND: "the paper gives a bound, not an exact figure, and it does not settle this",
    CHANGE: "the paper gives a change, not a level",
    UNSTATED: "the paper does not state the figure's period",
}


def unsaid(status: IndicatorStatus) -> str:
    """Why the standing against target is not said ('' when it is, or there is no target)."""
    if status.status is not None or status.target is None or status.latest is None:
        return ""
    return LEFT_UNSAID.get(status.stated, "")


def direction_unsaid(status: IndicatorStatus) -> str:
    """Why the direction is not said although there is an earlier figure ('' otherwise)."""
    if status.direction is not None or status.previous is None:
        return ""
    if status.stated == BOUND or status.previous.stated == BOUND:
        return "the levels a bound allows overlap the other figure: which way it moved is not settled"
    return LEFT_UNSAID.get(status.stated, "")


def symbol_label(symbol: str) -> str:
    """'x: not available': the GSS symbol, then what it means."""
    if symbol in GSS_SYMBOLS:
        return f"{symbol}: {GSS_SYMBOLS[symbol]}"
    return symbol or "no figure"


def describe(status: IndicatorStatus, gap_rows: pd.DataFrame, left_out: pd.DataFrame | None = None) -> str:
    """The sentence that says what the chart shows, and what it leaves out."""
    ind = status.indicator
    if status.latest is None:
        return f"{ind['title']}: no figures have been published."
    value = lambda reading: reading_words(reading, ind["unit"], ind["decimals"])  # noqa: E731
    when = lambda reading: f"({reading.label})" if reading.kind == UNSTATED else f"in {reading.label}"  # noqa: E731
    words = [f"{ind['title']}: {value(status.latest)} {when(status.latest)}"]
    if status.previous is not None and status.direction:
        words.append(f", {status.direction} from {value(status.previous)} {when(status.previous)}")
    sentence = "".join(words) + "."
    if status.target is not None:
        verdict, why = STATUS_WORDS.get(status.status, ""), unsaid(status)
        sentence += f" The target for {status.target.label} is {target_words(status.target, ind['unit'], ind['decimals'])}"
        sentence += f": {verdict.lower()}." if verdict else f": not said, as {why}." if why else "."
    if len(gap_rows):
        # Each symbol said once, after the periods it stands for: a heavily suppressed series
        # is a list of months, not the same words forty times over.
        periods: dict[str, list[str]] = {}
        for row in gap_rows.itertuples():
            periods.setdefault(row.value, []).append(row.period_label)
        missing = "; ".join(f"{word_list(labels)}, {symbol_label(symbol)}" for symbol, labels in periods.items())
        sentence += f" No figure is shown for {missing}."
    if left_out is not None and len(left_out):
        shown = [f"{stated_words(row.value, ind['unit'], ind['decimals'])} ({row.period_label}), "
                 + (NOT_DRAWN[UNSTATED] if row.period_kind == UNSTATED else NOT_DRAWN[row.value_form])
                 for row in left_out.itertuples()]
        sentence += f" Not drawn: {'; '.join(shown)}."
    return sentence


NOT_DRAWN = {BOUND: "a bound, not an exact figure", CHANGE: "a change, not a level",
             UNSTATED: "a figure whose period the paper does not state"}
