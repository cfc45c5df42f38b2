"""Rules beyond types: what a Table Schema cannot say about a journey's data.

Each rule takes every readable table of one package and returns Problems. A rule skips
quietly when a table or column it needs is absent: the descriptor and header checks have
already said so, and one mistake should not be reported five times. Columns are numpy arrays
of text; lookups between tables go through each column's few distinct values.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

import numpy as np

from journeys.checks import measures
from journeys.checks.common import Tables, did_you_mean, quoted_list, spaced
from journeys.model.periods import parse_date, parse_period
from journeys.model.problems import Problem, problem
from journeys.model.reading import TextTable
from journeys.model.standard import NUMBER, VOCABULARY_DIR, framework_vocabulary, frameworks

DEFAULT_RAG = ["Red", "Amber", "Green", "Blue"]
PLAIN_NUMBER = re.compile(NUMBER)


@dataclass(frozen=True)
class Columns:
    """Some columns of one table as arrays, with the spreadsheet row of each element."""
    table: TextTable

    @property
    def file(self) -> str:
        return self.table.file

    @property
    def rows(self) -> np.ndarray:
        return self.table.rows

    def __getitem__(self, column: str) -> np.ndarray:
        return self.table.cells[column]

    def lookup(self, column: str, mapping: dict, default=None) -> np.ndarray:
        """mapping[cell] for each cell of the column, looking up each distinct value once."""
        codes, distinct = self.table.factorized(column)
        found = np.empty(len(distinct), dtype=object)
        found[:] = [mapping.get(value, default) for value in distinct]
        return found[codes]

    def groups(self, column: str) -> dict[str, np.ndarray]:
        """Each distinct value of the column, with the positions of its rows (in order)."""
        codes, distinct = self.table.factorized(column)
        order = np.argsort(codes, kind="stable")
        bounds = np.searchsorted(codes[order], np.arange(len(distinct) + 1))
        return {distinct[n]: order[bounds[n]:bounds[n + 1]] for n in range(len(distinct))}

    def numbers(self, column: str) -> np.ndarray:
        """Each plain number of the column as a float; NaN for a symbol, an empty cell or anything else."""
        if ("numbers", column) not in self.table.memo:
            codes, distinct = self.table.factorized(column)
            plain = np.fromiter(map(bool, map(PLAIN_NUMBER.fullmatch, distinct)), dtype=bool, count=len(distinct))
            parsed = np.full(len(distinct), np.nan)
            parsed[plain] = distinct[plain].astype(float)
            self.table.memo["numbers", column] = parsed[codes]
        return self.table.memo["numbers", column]

    def days(self, column: str) -> np.ndarray:
        """Each date of the column as an ordinal day number (NaN when it is not a date)."""
        codes, distinct = self.table.factorized(column)
        return np.array([_ordinal(value) for value in distinct], dtype=float)[codes]


def columns(tables: Tables, name: str, *wanted: str) -> Columns | None:
    """The table's columns if the package has the table with all of them."""
    table = tables.get(name)
    if table is None or any(column not in table.cells for column in wanted):
        return None
    return Columns(table)


def _ordinal(text: str) -> float:
    day = parse_date(text)
    return float(day.toordinal()) if day else np.nan


def key_map(tables: Tables, name: str, key: str, column: str) -> dict[str, str] | None:
    """{key: column} over a table's rows (the first row of a repeated key wins)."""
    found = columns(tables, name, key, column)
    if found is None:
        return None
    return dict(reversed(list(zip(found[key], found[column]))))


def check_rules(tables: Tables) -> list[Problem]:
    problems = []
    for rule in RULES:
        problems += rule(tables)
    return problems


def check_rag_ratings(tables: Tables) -> list[Problem]:
    """Progress ratings against the 'plan' scale; tallies against any of the authority's ratings."""
    scale = columns(tables, "rag_scale", "scale", "rating")
    defined: dict[str, list[str]] = {}
    if scale is not None:
        for kind, rating in zip(scale["scale"], scale["rating"]):
            defined.setdefault(kind, []).append(rating)
    problems = []
    if progress := columns(tables, "progress", "rating"):
        problems += _ratings(progress, defined.get("plan"), "plan")
    if tallies := columns(tables, "rag_tallies", "rating"):
        problems += _ratings(tallies, [r for ratings in defined.values() for r in ratings] or None, "RAG")
    return problems


def _ratings(table: Columns, allowed: list[str] | None, scale: str) -> list[Problem]:
    where = " (as rag_scale.csv defines them)" if allowed else " (or define the authority's own in rag_scale.csv)"
    allowed = allowed or DEFAULT_RAG
    ratings = table["rating"]
    bad = table.lookup("rating", {value: value.strip() != "" and value not in allowed for value in set(ratings)})
    return [spaced(table.file, int(table.rows[i]), "rating", ratings[i], allowed) or
            problem("rag-unknown", table.file, int(table.rows[i]), "rating", ratings[i], scale=scale, where=where,
                    suggestion=did_you_mean(ratings[i], allowed), allowed=quoted_list(allowed))
            for i in np.flatnonzero(bad.astype(bool))]


def check_grades(tables: Tables) -> list[Problem]:
    """Judgement grades in their inspection's framework vocabulary; no overall grade where none is given."""
    judgements = columns(tables, "judgements", "milestone_id", "judgement", "grade")
    milestones = columns(tables, "milestones", "milestone_id", "framework")
    if judgements is None or milestones is None:
        return []
    framework = judgements.lookup("milestone_id", key_map(tables, "milestones", "milestone_id", "framework"))
    problems = _frameworks_missing(milestones, set(judgements["milestone_id"][framework == ""]))
    for name, spec in frameworks().items():
        problems += _grades(judgements, np.flatnonzero(framework == name), name, spec)
    return problems


def _frameworks_missing(milestones: Columns, graded: set[str]) -> list[Problem]:
    problems, seen = [], set()
    for i in np.flatnonzero(milestones["framework"] == ""):
        milestone = milestones["milestone_id"][i]
        if milestone in graded and milestone not in seen:
            seen.add(milestone)
            problems.append(problem("framework-missing", milestones.file, int(milestones.rows[i]), "framework", "",
                                    milestone=milestone, allowed=quoted_list(frameworks())))
    return problems


def _grades(judgements: Columns, indexes: np.ndarray, name: str, spec: dict) -> list[Problem]:
    problems, file = [], judgements.file
    for i in indexes:
        row, grade, judgement = int(judgements.rows[i]), judgements["grade"][i], judgements["judgement"][i]
        if grade != "" and grade not in spec["grades"]:
            problems.append(spaced(file, row, "grade", grade, spec["grades"]) or problem(
                "grade-unknown", file, row, "grade", grade, framework=name, allowed=quoted_list(spec["grades"]),
                suggestion=_grade_suggestion(grade, spec["grades"], judgements["milestone_id"][i])))
        if spec.get("overall_grade") == "none" and judgement.strip().casefold() == overall_judgement():
            problems.append(problem("overall-grade-forbidden", file, row, "judgement", judgement, framework=name))
    return problems


def _grade_suggestion(grade: str, grades: list[str], milestone: str) -> str:
    """Only a difference of case is guessed: 'Adequate' is not a misspelt 'Inadequate'."""
    folded = {allowed.casefold(): allowed for allowed in grades}
    if grade.casefold() in folded:
        return f'Did you mean "{folded[grade.casefold()]}"? '
    full = grade_alias(grade)  # a short form papers use, e.g. "requires improvement" or "RI"
    if full in grades:
        return f'Did you mean "{full}"? Papers often shorten it; write the full grade. '
    elsewhere = [other for other, spec in frameworks().items() if grade in spec["grades"]]
    if elsewhere:
        return (f"It is a grade of the {' and '.join(elsewhere)} framework: if the inspection was under that "
                f"framework, correct the framework of {milestone} in milestones.csv. ")
    return ""


def grade_alias(grade: str) -> str | None:
    """The full grade a short form stands for ('RI' -> 'Requires improvement to be good'), or None."""
    aliases = {short.casefold(): full for short, full in framework_vocabulary().get("grade_aliases", {}).items()}
    return aliases.get(grade.strip().casefold())


@cache
def overall_judgement() -> str:
    """The overall judgement's name, as the framework vocabulary gives it, case-folded."""
    text = (VOCABULARY_DIR / "frameworks.json").read_text(encoding="utf-8")
    return json.loads(text)["overall_judgement"].casefold()


def check_percentages(tables: Tables) -> list[Problem]:
    units = key_map(tables, "indicators", "indicator_id", "unit")
    problems = []
    for name, column in (("observations", "value"), ("targets", "target"), ("comparators", "value")):
        table = columns(tables, name, "indicator_id", column)
        if table is None or units is None:
            continue
        number = table.numbers(column)
        outside = (table.lookup("indicator_id", units) == "percentage") & ((number < 0) | (number > 100))
        problems += [problem("percentage-out-of-range", table.file, int(table.rows[i]), column, table[column][i])
                     for i in np.flatnonzero(outside)]
    return problems


def check_targets_overlap(tables: Tables) -> list[Problem]:
    """Targets of one indicator, sorted by start: each must start after every earlier one ends."""
    targets = columns(tables, "targets", "indicator_id", "period")
    if targets is None:
        return []
    spans = {text: (p.start.toordinal(), p.end.toordinal()) for text in set(targets["period"])
             if (p := parse_period(text)) is not None}
    by_indicator: dict[str, list[tuple[int, int, str, int]]] = {}
    for indicator, period, row in zip(targets["indicator_id"], targets["period"], targets.rows):
        if period in spans:
            by_indicator.setdefault(indicator, []).append((*spans[period], period, int(row)))
    problems = []
    for indicator, found in by_indicator.items():
        problems += _overlaps(targets.file, indicator, sorted(found))
    return problems


def _overlaps(file: str, indicator: str, targets: list[tuple[int, int, str, int]]) -> list[Problem]:
    """Walk one indicator's targets in order of start, remembering the one that reaches furthest."""
    problems, reach = [], None
    for start, end, period, row in targets:
        if reach is not None and start <= reach[0] and period != reach[1]:
            problems.append(problem("targets-overlap", file, row, "period", period, indicator=indicator,
                                    other=reach[2], other_period=reach[1]))
        if reach is None or end > reach[0]:
            reach = (end, period, row)
    return problems


def check_progress_dates(tables: Tables) -> list[Problem]:
    """A progress report cannot be dated after the document it was taken from."""
    progress = columns(tables, "progress", "report_date", "source")
    dated = key_map(tables, "documents", "document_id", "date")
    if progress is None or dated is None:
        return []
    cited = progress.lookup("source", dated, "")
    cited_days = progress.lookup("source", {document: _ordinal(date) for document, date in dated.items()}, np.nan)
    late = progress.days("report_date") > cited_days.astype(float)
    return [problem("progress-after-document", progress.file, int(progress.rows[i]), "report_date",
                    progress["report_date"][i], document=progress["source"][i], date=cited[i])
            for i in np.flatnonzero(late)]


# Papers whose recommendations are an inspector's (findings.csv), never a request to a meeting.
INSPECTORS = {"Ofsted report": "an Ofsted report", "Ofsted letter": "an Ofsted letter", "DfE letter": "a DfE letter"}


def check_paper_recommendation_sources(tables: Tables) -> list[Problem]:
    """A recommendation to a meeting comes from a council paper: one that cites an inspector's report
    or letter is an inspector's recommendation put in the wrong table."""
    asked = columns(tables, "paper_recommendations", "source")
    kinds = key_map(tables, "documents", "document_id", "kind")
    if asked is None or kinds is None:
        return []
    cited = asked.lookup("source", kinds, "")
    return [problem("recommendation-from-inspector", asked.file, int(asked.rows[i]), "source", asked["source"][i],
                    kind=INSPECTORS[cited[i]]) for i in np.flatnonzero(np.isin(cited, list(INSPECTORS)))]


def check_activity_targets(tables: Tables) -> list[Problem]:
    """Activity measures (polarity none) have no target and no tolerance."""
    targets = columns(tables, "targets", "indicator_id")
    polarity = key_map(tables, "indicators", "indicator_id", "polarity")
    if targets is None or polarity is None:
        return []
    activity = targets.lookup("indicator_id", polarity) == "none"
    return [problem("target-for-activity-measure", targets.file, int(targets.rows[i]), "indicator_id",
                    targets["indicator_id"][i]) for i in np.flatnonzero(activity)]


def check_unprinted_notes(tables: Tables) -> list[Problem]:
    """A figure the paper does not print as it is (basis deduced or inferred) says how in its note:
    the site marks it, and a reader must be able to follow the working."""
    observations = columns(tables, "observations", "basis", "note")
    if observations is None:
        return []
    unexplained = (observations["basis"] != "") & (np.char.strip(observations["note"].astype(str)) == "")
    return [problem("basis-without-note", observations.file, int(observations.rows[i]), "note", "",
                    basis=observations["basis"][i]) for i in np.flatnonzero(unexplained)]


def check_national_measures(tables: Tables) -> list[Problem]:
    """An indicator's lait_code must agree with the catalogue of national measures (issue 7)."""
    indicators = tables.get("indicators")
    if indicators is None or "lait_code" not in indicators.cells:
        return []
    claims = indicators.frame[indicators.cells["lait_code"] != ""]  # only the rows that claim a code
    return measures.check_national_measures(claims, indicators.file)


# Disclosure control has rules of its own: journeys/checks/disclosure.py.
RULES = (check_rag_ratings, check_grades, check_percentages, check_targets_overlap, check_progress_dates,
         check_paper_recommendation_sources, check_activity_targets, check_unprinted_notes, check_national_measures)
