"""Facts in words: how a figure, a symbol, a date and an indicator's standing read on a page.

The facts themselves are worked out by journeys.domain; this module only words them. Each
function is a function of the facts alone, tested case by case (tests/test_wording.py): one and
many, every kind of period, every kind of paper.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from journeys.domain.dates import STALE_AFTER_MONTHS, AsAt, Staleness
from journeys.domain.figures import STATUSES, Directions, IndicatorStatus, Reading, Target, places
from journeys.domain.reports import Report
from journeys.model.values import BOUND, CHANGE, NUMBER, RANGE, RELATIONS, parse_figure, parse_target
from journeys.model.vocabulary import DOCUMENT_KINDS, GSS_SYMBOLS, NO_POLARITY, UNSTATED, VALUE_BASES

UNIT_SUFFIX = {"percentage": "%", "days": " days", "weeks": " weeks", "rate per 10,000 children": " per 10,000 children"}
STATUS_WORDS = {status: words.words for status, words in STATUSES.items()}  # "met" -> "Met target"
STATUS_RAG = {status: words.rag.lower() for status, words in STATUSES.items()}  # "met" -> "green"


def word_list(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def counted(number: int, one: str, many: str) -> str:
    """'1 indicator', '3 indicators': a count with its noun agreeing (or its verb: '1 is', '3 are')."""
    return f"{number} {one if number == 1 else many}"


# --- Periods beside figures ----------------------------------------------------------------------

def in_period(label: str) -> str:
    """'in November 2016', 'in 2016/17', but 'as at 30 September 2018': a figure's period after the
    figure ("24 as at 30 September 2018", never "24 in as at …"). `label`: a period's label
    (journeys.model.periods), whose "as at" a day's label already says; 'in the 12 months to
    September 2018'; and a period the paper does not state, in brackets."""
    return _before(label, "in")


def for_period(label: str) -> str:
    """'for 2019/20', 'for November 2016', but 'as at 31 March 2019': the period a target is set for."""
    return _before(label, "for")


def _before(label: str, word: str) -> str:
    if label.startswith("as at "):
        return label
    if label.startswith("period not stated"):
        return bracketed(label)
    return f"{word} the {label}" if re.match(r"\d+ months to ", label) else f"{word} {label}"


def bracketed(label: str) -> str:
    """'(November 2016)'; a label with brackets of its own keeps one pair: '(2017/18 Q4, Jan-Mar 2018)'."""
    return "(" + re.sub(r" \(([^()]*)\)", r", \1", label) + ")"


def figure_words(number: float, label: str, indicator: dict) -> str:
    """'24.1% (October 2016)', '88% (2017/18 Q4, Jan-Mar 2018)': a figure and its period."""
    return f"{format_value(number, indicator['unit'], indicator['decimals'])} {bracketed(label)}"


# --- How old a figure is ---------------------------------------------------------------------------

def age_words(months: int) -> str:
    """'11 months', '1 year', '2 years and 3 months'."""
    years, rest = divmod(months, 12)
    words = [counted(years, "year", "years")] if years else []
    words += [counted(rest, "month", "months")] if rest or not years else []
    return " and ".join(words)


def stale_words(stale: Staleness) -> str:
    """'2 years older than the papers of 12 January 2017': how much older a figure's period is than
    the papers a page is as at (domain.dates.staleness)."""
    return f"{age_words(stale.months)} older than the papers of {stale.papers}"


def latest_words(status: IndicatorStatus) -> str:
    """'33.8 (2014), 2 years older than the papers of 12 January 2017': a latest figure, and how
    much older it is than the papers when it is much older; 'No figures' when there is none."""
    if status.latest is None:
        return "No figures"
    ind = status.indicator
    words = f"{reading_words(status.latest, ind['unit'], ind['decimals'])} {bracketed(status.latest.label)}"
    return f"{words}, {stale_words(status.stale)}" if status.stale else words


def old_words(count: int, papers: str) -> str:
    """'1 of these figures is 1 year or more older than the papers of 12 January 2017.'"""
    verb = "is" if count == 1 else "are"
    return f"{count} of these figures {verb} {age_words(STALE_AFTER_MONTHS)} or more older than the papers of {papers}."


def moving_words(moved: Directions) -> str:
    """'1 of 3 indicators with two comparable figures is improving; 2 are worsening.', then how many
    of those figures are old (an old figure's improvement says little about now)."""
    total = len(moved.moving)
    verb = "is" if moved.improving == 1 else "are"
    sentence = (f"{moved.improving} of {counted(total, 'indicator', 'indicators')} with two comparable figures "
                f"{verb} improving; {counted(moved.worsening, 'is', 'are')} worsening.")
    old = [status.stale for status in moved.moving if status.stale is not None]
    return f"{sentence} {old_words(len(old), old[0].papers)}" if old else sentence


def unsettled_words(moved: Directions) -> str:
    """What the count leaves out: 'Not counted: 1 indicator whose latest figure is a bound, a change or
    of a period the paper does not state (Children in care).'; '' when it leaves none out."""
    if not moved.unsettled:
        return ""
    titles = word_list([status.indicator["title"] for status in moved.unsettled])
    whose = counted(len(moved.unsettled), "indicator", "indicators")
    return (f"Not counted: {whose} whose latest figure is a bound, a change or of a period the paper does not "
            f"state ({titles}).")


def moved_words(count: int, old: int) -> str:
    """'6', or '6 (1 old figure)': how many indicators moved one way, and how many of those by an old figure."""
    return f"{count} ({counted(old, 'old figure', 'old figures')})" if old else str(count)


# --- Targets -----------------------------------------------------------------------------------

def target_words(status: IndicatorStatus) -> str:
    """The target for the latest figure: '22.0% (2016/17)'; with none for it but one set for later
    (or before), what and when that is: 'None for September 2018; 22.0% is set for 2019/20';
    'None set' or 'None (activity measure)' with no target at all."""
    ind = status.indicator
    if status.target is not None:
        return f"{_value(status.target, ind)} {bracketed(status.target.label)}"
    other = other_target_words(status)
    if other is None:
        return "None (activity measure)" if ind["polarity"] == NO_POLARITY else "None set"
    return f"None {for_period(status.latest.label) if status.latest else 'for any figure published'}; {other}"


def other_target_words(status: IndicatorStatus) -> str | None:
    """'22.0% is set for 2019/20', 'the last set was 80% for 2017/18', '20 is set as at 31 March 2019':
    a target set for another period than the latest figure's; None without one."""
    ind = status.indicator
    if status.later_target is not None:
        return f"{_value(status.later_target, ind)} is set {for_period(status.later_target.label)}"
    if status.earlier_target is not None:
        return f"the last set was {_value(status.earlier_target, ind)} {for_period(status.earlier_target.label)}"
    return None


def _value(target: Target, indicator: dict) -> str:
    return stated_target(target, indicator["unit"], indicator["decimals"])


# --- Papers and reports --------------------------------------------------------------------------

# Each kind of paper (documents.csv's kind) as the "as at" line names its source: the papers of a
# date, and one undated paper. tests/test_wording.py checks every kind has both.
PAPERS_OF_THAT_TIME = {
    "Ofsted report": "Ofsted's report of that time", "Ofsted letter": "Ofsted's letter of that time",
    "committee paper": "the council's committee papers of that time",
    "board update": "the improvement board's papers of that time",
    "DfE letter": "the Department for Education's letter of that time",
    "press": "a newspaper report of that time", "web page": "a web page of that time",
    "other": "the papers of that time", "": "the papers of that time"}
A_PAPER = {
    "Ofsted report": "an Ofsted report", "Ofsted letter": "an Ofsted letter",
    "committee paper": "a council committee paper", "board update": "an improvement board update",
    "DfE letter": "a Department for Education letter", "press": "a newspaper report", "web page": "a web page",
    "other": "a paper", "": "a paper"}
HISTORICAL_RECORD = "a historical record, not current performance."


def as_at_sentence(as_at: AsAt, whose: str = "") -> str:
    """'Figures as at 12 January 2017 (Briefing note, Coventry), from the council's committee papers
    of that time: …'; for an undated paper, 'Figures from a web page (Title), undated; read on 2 May
    2021: …'. Worded by the kind of paper: a newspaper is not "council papers"."""
    named = f"({as_at.paper}{', ' + whose if whose else ''})"
    if as_at.undated:
        read = f"; read on {as_at.accessed}" if as_at.accessed else ""
        return f"Figures from {A_PAPER.get(as_at.kind, 'a paper')} {named}, undated{read}: {HISTORICAL_RECORD}"
    source = PAPERS_OF_THAT_TIME.get(as_at.kind, PAPERS_OF_THAT_TIME[""])
    return f"Figures as at {as_at.label} {named}, from {source}: {HISTORICAL_RECORD}"


REPORT_KINDS_WORDS = {"committee paper": "committee paper", "board update": "board update"}


def report_words(report: Report) -> str:
    """'12 January 2017: committee paper to the Education and Children's Services Scrutiny Board (2)':
    the latest report, naming the body it went to."""
    kind = REPORT_KINDS_WORDS.get(report.kind, "report")
    return f"{report.label}: {kind} to the {report.body}" if report.body else f"{report.label}: {kind}"


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


def stated_target(target: Target | str | float, unit: str, decimals) -> str:
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


def describe(status: IndicatorStatus, gap_rows: pd.DataFrame, unprinted: pd.DataFrame | None = None,
             drawn: bool = True, left_out: pd.DataFrame | None = None) -> str:
    """The sentence that says what the chart shows (or, with one figure, the figure), and what it
    leaves out.

    `gap_rows`: the periods given a symbol instead of a figure; `unprinted`: the figures the papers
    do not print as they are (observations' basis: deduced or inferred), which the chart (`drawn`)
    marks as hollow points; `left_out`: bounds, changes and figures of a period not stated, which
    it never draws (domain.figures.not_drawn)."""
    ind = status.indicator
    if status.latest is None:
        return f"{ind['title']}: no figures have been published."
    value = lambda reading: reading_words(reading, ind["unit"], ind["decimals"])  # noqa: E731
    words = [f"{ind['title']}: {value(status.latest)} {in_period(status.latest.label)}"]
    if status.previous is not None and status.direction:
        words.append(f", {status.direction} from {value(status.previous)} {in_period(status.previous.label)}")
    sentence = "".join(words) + "."
    if status.stale is not None:
        sentence += f" This figure is {stale_words(status.stale)}."
    if status.target is not None:
        verdict, why = STATUS_WORDS.get(status.status, ""), unsaid(status)
        sentence += f" The target {for_period(status.target.label)} is {_value(status.target, ind)}"
        sentence += f": {verdict.lower()}." if verdict else f": not said, as {why}." if why else "."
    elif other := other_target_words(status):
        sentence += f" No target is set {for_period(status.latest.label)}; {other}."
    if unprinted is not None and len(unprinted):
        sentence += " " + unprinted_words(unprinted, drawn)
    if len(gap_rows):
        # Each symbol said once, after the periods it stands for: a heavily suppressed series
        # is a list of months, not the same words forty times over.
        periods: dict[str, list[str]] = {}
        for row in gap_rows.itertuples():
            periods.setdefault(row.value, []).append(row.period_label)
        missing = "; ".join(f"{word_list(labels)}, {symbol_label(symbol)}" for symbol, labels in periods.items())
        sentence += f" No figure is shown for {missing}."
    if left_out is not None and len(left_out):
        shown = [f"{stated_words(row.value, ind['unit'], ind['decimals'])} {bracketed(row.period_label)}, "
                 + (NOT_DRAWN[UNSTATED] if row.period_kind == UNSTATED else NOT_DRAWN[row.value_form])
                 for row in left_out.itertuples()]
        sentence += f" Not drawn: {'; '.join(shown)}."
    return sentence


NOT_DRAWN = {BOUND: "a bound, not an exact figure", CHANGE: "a change, not a level",
             UNSTATED: "a figure whose period the paper does not state"}


# How each basis (observations' basis) says a figure was got, after "is" or "are".
UNPRINTED = {"deduced": ("deduced from other figures the papers print",) * 2,
             "inferred": ("inferred: the papers imply it but do not print it",
                          "inferred: the papers imply them but do not print them")}


def unprinted_words(rows: pd.DataFrame, drawn: bool = True) -> str:
    """'The figure for October 2016 is deduced from other figures the papers print. The chart draws it
    as a hollow point.' `rows`: observations whose basis is deduced or inferred."""
    sentences = []
    for basis in VALUE_BASES:
        labels = [for_period(label) for label, of in zip(rows["period_label"], rows["basis"]) if of == basis]
        if labels:
            one = len(labels) == 1
            figures = f"The figure {labels[0]} is" if one else "The figures " + word_list(labels) + " are"
            sentences.append(f"{figures} {UNPRINTED[basis][0 if one else 1]}.")
    if drawn and sentences:
        sentences.append(f"The chart draws {'it as a hollow point' if len(rows) == 1 else 'them as hollow points'}.")
    return " ".join(sentences)
