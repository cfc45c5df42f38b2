"""Rules for figures and targets as the papers state them (journeys.model.values, issue 25).

- A strict target points the way the indicator's polarity says: "<20" is met below 20, so the
  indicator cannot be one where higher is better.
- A figure whose period the paper does not state is kept at the paper's date, or the date of the
  column it sits in: never later than the paper it cites.
- Percentages stay from 0 to 100 in every form: a bound's edge, both ends of a range.
"""

from __future__ import annotations

import numpy as np

from journeys.checks.common import Tables
from journeys.checks.rules import columns, key_map
from journeys.model.periods import parse_dated, parse_period
from journeys.model.problems import Problem, problem
from journeys.model.values import BOUND, numbers_in, parse_target
from journeys.model.vocabulary import HIGHER, LOWER, UNSTATED

SIDES = {">": "above", "<": "below"}


def check_stated(tables: Tables) -> list[Problem]:
    return check_target_polarity(tables) + check_unstated_dates(tables) + check_stated_percentages(tables)


def check_target_polarity(tables: Tables) -> list[Problem]:
    """'<20' for an indicator where higher is better (or '>90' where lower is) points the wrong way."""
    targets = columns(tables, "targets", "indicator_id", "target")
    polarity = key_map(tables, "indicators", "indicator_id", "polarity")
    if targets is None or polarity is None:
        return []
    wrong = {HIGHER: "<", LOWER: ">"}
    problems = []
    for i, (indicator, text) in enumerate(zip(targets["indicator_id"], targets["target"])):
        stated, way = parse_target(text), polarity.get(indicator)
        if stated is not None and stated.form == BOUND and way in wrong and stated.relation[0] == wrong[way]:
            problems.append(problem("target-against-polarity", targets.file, int(targets.rows[i]), "target", text,
                                    side=f"{SIDES[stated.relation[0]]} {stated.number:g}", indicator=indicator,
                                    polarity=f'"{way}"'))
    return problems


def check_unstated_dates(tables: Tables) -> list[Problem]:
    """'unstated 2018-12' citing a paper of 5 November 2018 is later than the paper."""
    dated = key_map(tables, "documents", "document_id", "date")
    if dated is None:
        return []
    papers = {document: parse_dated(text) for document, text in dated.items()}
    problems = []
    for name in ("observations", "comparators"):
        table = columns(tables, name, "period", "source")
        if table is None:
            continue
        codes, distinct = table.table.factorized("period")  # a few distinct periods, not every row
        unstated = [index for index, text in enumerate(distinct) if text.startswith(UNSTATED)]
        for i in np.flatnonzero(np.isin(codes, unstated)) if unstated else ():
            period, paper = parse_period(table["period"][i]), papers.get(table["source"][i])
            if period and period.kind == UNSTATED and paper and paper.start and period.start > paper.end:
                problems.append(problem("unstated-after-source", table.file, int(table.rows[i]), "period",
                                        table["period"][i], document=table["source"][i], date=paper.label))
    return problems


def check_stated_percentages(tables: Tables) -> list[Problem]:
    """A percentage's bound or range is 0 to 100 too (plain numbers: rules.check_percentages)."""
    units = key_map(tables, "indicators", "indicator_id", "unit")
    problems = []
    for name, column in (("observations", "value"), ("targets", "target")):
        table = columns(tables, name, "indicator_id", column)
        if table is None or units is None:
            continue
        stated = np.isnan(table.numbers(column)) & (table.lookup("indicator_id", units) == "percentage")
        for i in np.flatnonzero(stated):
            if any(not 0 <= number <= 100 for number in numbers_in(table[column][i])):
                problems.append(problem("percentage-out-of-range", table.file, int(table.rows[i]), column,
                                        table[column][i]))
    return problems
