"""The data standard's vocabularies, each defined once: every other module, the Table Schemas in
schemas/ and the hand-written docs take them from here (tests/test_vocabulary.py keeps the
schemas and docs in step).

The floor beneath everything: this module imports nothing of the project's.

    GSS_SYMBOLS      the Government Statistical Service symbols written instead of a figure
    PERIOD_KINDS     the kinds of period the papers report over (journeys.periods parses them)
    POLARITIES       which way an indicator is better (or close to its target)
    UNITS            what an indicator counts
    MILESTONE_KINDS  what happened on the journey; INTERVENTIONS says which are DfE intervention
    frameworks()     Ofsted's inspection frameworks and the grades each allows (versioned, in
                     schemas/vocabularies/frameworks.json)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

# The standard ships in the package (schemas/ in the repository, journeys.schemas when installed).
VOCABULARY_DIR = Path(str(files("journeys.schemas") / "vocabularies"))

# --- Missing-value symbols ------------------------------------------------------------------

SUPPRESSED = "c"
GSS_SYMBOLS = {  # symbol: what it means; the words before a bracket are its short name
    SUPPRESSED: "confidential (suppressed to protect children's identities)",
    "x": "not available",
    "z": "not applicable",
    "low": "rounds to zero",
    "u": "low reliability",
}


def symbol_name(symbol: str) -> str:
    """'confidential' for c: the meaning without its explanation."""
    return GSS_SYMBOLS[symbol].split(" (")[0]


def symbol_names() -> str:
    """'c (confidential), x (not available), … or u (low reliability)'."""
    named = [f"{symbol} ({symbol_name(symbol)})" for symbol in GSS_SYMBOLS]
    return ", ".join(named[:-1]) + " or " + named[-1]


# A value field: a number, or one of the symbols (kept a pattern so stock frictionless accepts it).
VALUE = r"^(-?\d+(\.\d+)?|" + "|".join(GSS_SYMBOLS) + r")$"

# --- Periods -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodKind:
    name: str         # as journeys.periods names it
    example: str      # how an officer writes one
    meaning: str      # what the example means, for the officers' guide
    plural: str       # "financial years"
    series: str       # a chart's series of such figures: "Coventry (monthly)"
    spans: bool       # drawn as a stretch of time, not a point


PERIOD_KINDS = {kind.name: kind for kind in (
    PeriodKind("month", "2016-11", "a month (November 2016)", "months", "monthly", False),
    PeriodKind("quarter", "2018-Q3", "a calendar quarter (July to September 2018)", "quarters", "quarterly", True),
    PeriodKind("financial quarter", "2018/19 Q2",
               "a financial quarter (July to September 2018; Q1 is April to June)", "financial quarters",
               "quarterly", True),
    PeriodKind("financial year", "2016/17", "a financial year (April 2016 to March 2017)", "financial years",
               "financial year", True),
    PeriodKind("year", "2016", "a calendar year", "calendar years", "calendar year", True),
    PeriodKind("year to date", "YTD 2016-11", "year to date: April to the end of November 2016", "years to date",
               "year to date", True),
    PeriodKind("day", "2018-09-30", "'as at' a day (31/01/2017 is read as a UK date)", "single days ('as at')",
               "as at a date", False),
    # Periods as papers state them (issue 25): never drawn in one series with another kind.
    PeriodKind("rolling", "12 months to 2018-09", "a rolling period: the 12 months to the end of September 2018",
               "rolling periods", "rolling", True),
    PeriodKind("months", "2018-05 to 2018-07",
               "a run of months: May to July 2018 (write 'since January 2018' as 2018-01 to the month it runs to)",
               "runs of months", "run of months", True),
    PeriodKind("unstated", "unstated 2018-09",
               "a figure whose period the paper does not state: write unstated and the date of the paper, or of "
               "the column the figure is printed in, as precisely as it gives it (2018-11-05, 2018-09 or 2018). "
               "Such a figure is shown, never drawn or compared", "figures with no stated period",
               "period not stated", False),
)}
UNSTATED = "unstated"

# --- Papers and figures -----------------------------------------------------------------------

DOCUMENT_KINDS = ("Ofsted report", "Ofsted letter", "committee paper", "board update", "DfE letter", "press",
                  "web page", "other")
# Observations' optional basis: empty when the paper prints the figure as it is.
VALUE_BASES = {"deduced": "worked out from other figures the paper prints (a total less its parts)",
               "inferred": "implied by the paper, which does not print it (the note says why)"}

# --- Dates and text --------------------------------------------------------------------------

# The years a date or period of a journey can have: from the Children Act 1948, which gave councils
# their children's departments, to a generation ahead (a plan's due date, a target). Anything else
# is a slip ("2710", "0217") or a placeholder (0001-01-01, Excel's 1900-01-00), never a paper's date.
EARLIEST_YEAR, LATEST_YEAR = 1948, 2050

# How long a cell of text may be, by what it holds. Every free-text field of the schemas carries
# one of these as its maxLength (tests/test_vocabulary.py), so no page, feed or chart is ever asked
# to lay out a megabyte: a name is drawn in charts and headings, a sentence shown beside a figure,
# a passage is an action or the evidence of a progress report.
TEXT_LENGTHS = {"an identifier": 100, "a name or label": 500, "a sentence": 2_000, "a passage": 20_000}

# --- Indicators --------------------------------------------------------------------------------

HIGHER, LOWER, NO_POLARITY = "higher is better", "lower is better", "none"
# Kent's scorecard marks some indicators "close to target": neither higher nor lower is better,
# the nearer the target the better (a range target says how near counts as met).
CLOSE = "close to target"
POLARITIES = (HIGHER, LOWER, CLOSE, NO_POLARITY)
# England's nine regions (ONS), an optional "region" in datapackage.json: the home page filters by it.
REGIONS = ("North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
           "East of England", "London", "South East", "South West")
UNITS = ("percentage", "count", "rate per 10,000 children", "days", "weeks", "ratio", "number")
COMPARATORS = ("statistical neighbours", "England", "region", "top quartile", "another authority")

# --- The journey -------------------------------------------------------------------------------

# DfE intervention: the milestone kinds that start, continue or end one, with the intervention's
# name and whether it is in force after the milestone.
INTERVENTIONS = {
    "improvement notice issued": ("Improvement notice", True),
    "improvement notice reviewed": ("Improvement notice", True),
    "improvement notice lifted": ("Improvement notice", False),
    "statutory direction issued": ("Statutory direction", True),
    "statutory direction lifted": ("Statutory direction", False),
    "commissioner appointed": ("Children's services commissioner", True),
}
MILESTONE_KINDS = ("inspection", "focused visit", "monitoring visit", "joint targeted area inspection",
                   *INTERVENTIONS, "plan published", "improvement board", "scrutiny meeting", "review", "national change", "other")
OVERALL = "Overall effectiveness"
# Every framework's grades, best first (Adequate was the 2012 framework's; see frameworks.json).
GRADES_BEST_FIRST = ("Outstanding", "Good", "Requires improvement to be good", "Adequate", "Inadequate")


@cache
def framework_vocabulary() -> dict:
    """schemas/vocabularies/frameworks.json: the frameworks, and the short forms papers use for
    grades and judgement names (grade_aliases, judgement_aliases)."""
    return json.loads((VOCABULARY_DIR / "frameworks.json").read_text(encoding="utf-8"))


@cache
def frameworks() -> dict[str, dict]:
    """Ofsted's frameworks by id, each with its title, start date and the grades it allows."""
    return {framework["id"]: framework for framework in framework_vocabulary()["frameworks"]}


def grades() -> tuple[str, ...]:
    """Every grade any framework allows, best first as the frameworks list them."""
    return tuple(dict.fromkeys(grade for framework in frameworks().values() for grade in framework["grades"]))
