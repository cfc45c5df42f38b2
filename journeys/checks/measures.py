"""National measures claimed by indicators (issue 7): an indicator may claim a DfE LAIT measure with
its `lait_code`; a claim whose unit, polarity or definition says otherwise is refused, so that
the comparison pages put only like with like side by side (journeys.domain.measures)."""

from __future__ import annotations

import difflib

import pandas as pd

from journeys.domain.measures import NationalMeasure, national_measures
from journeys.model.problems import Problem, problem
from journeys.model.standard import table_schemas

# --- Validation -------------------------------------------------------------------------------

def check_national_measures(indicators: pd.DataFrame, file: str) -> list[Problem]:
    """Problems with indicators' lait_code claims.

    `indicators` is indicators.csv as text, indexed by spreadsheet row (as journeys.reading
    gives it). A code that is not a whole number is left to the type checks.
    """
    if "lait_code" not in indicators:
        return []
    problems, first_claim = [], {}
    claims = indicators.fillna("").astype(str)
    for row, record in claims[claims["lait_code"].str.strip() != ""].iterrows():
        text = record["lait_code"].strip()
        if not text.isdigit():
            continue
        code = int(text)
        if code in first_claim:
            problems.append(_repeated(record, row, first_claim[code], file))
            continue
        first_claim[code] = (row, record.get("indicator_id", ""))
        problems += _claim_problems(record, row, code, file)
    return problems


def _claim_problems(record: pd.Series, row: int, code: int, file: str) -> list[Problem]:
    measure = national_measures().get(code)
    if measure is None:
        suggestion = _did_you_mean(code, record.get("title", ""))
        return [problem("lait-code-unknown", file, row, "lait_code", str(code), suggestion=suggestion)]
    problems = []
    for column in ("unit", "polarity"):
        actual = record.get(column, "").strip()
        expected = getattr(measure, column)
        if actual in _allowed(column) and actual != expected:  # anything else is the enum check's to report
            problems.append(problem(f"lait-{column}-mismatch", file, row, column, actual,
                                    code=code, name=measure.name, expected=expected))
    wording = measure.differing_wording(record.get("definition", ""))
    if wording:
        problems.append(problem("lait-definition-differs", file, row, "definition", wording,
                                code=code, name=measure.name, definition=measure.definition))
    return problems


def _allowed(column: str) -> list[str]:
    """The values indicators.csv allows in `column`."""
    field = next(f for f in table_schemas()["indicators"]["fields"] if f["name"] == column)
    return field["constraints"]["enum"]


def _repeated(record: pd.Series, row: int, first: tuple[int, str], file: str) -> Problem:
    first_row, other = first
    return problem("lait-code-repeated", file, row, "lait_code", record["lait_code"].strip(),
                   other=other, first=first_row)


def _did_you_mean(code: int, title: str) -> str:
    """'Did you mean 271 (Re-referrals within 12 months)? ', by the title first, then the digits."""
    measures = national_measures()
    by_name = {m.name.lower(): m for m in measures.values()}
    names = difflib.get_close_matches(title.lower(), by_name, n=1, cutoff=0.5)
    guess = by_name[names[0]] if names else _nearest_code(code, measures)
    return f"Did you mean {guess.code} ({guess.name})? " if guess else ""


def _nearest_code(code: int, measures: dict[int, NationalMeasure]) -> NationalMeasure | None:
    """The code most like a mistyped one: fewest changed digits, then nearest in value."""
    def likeness(other: int) -> float:
        return difflib.SequenceMatcher(None, str(code), str(other)).ratio()
    near = [other for other in measures if likeness(other) >= 0.6]
    return measures[min(near, key=lambda other: (-likeness(other), abs(other - code)))] if near else None


