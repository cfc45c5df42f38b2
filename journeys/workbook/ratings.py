"""The workbook's ratings against the authority's scale and against what the site will show.

A rating (a word, or a fill the mapping names) must be one of the authority's indicator
ratings (rag_scale.csv), and must agree with the facts the domain works out for the figure it
rates: against target and tolerance (ratings.means: target), or against the previous period
(ratings.means: previous; amber, a small change, agrees with either direction). A rating the
site would contradict is a problem, so the scorecard and the site never disagree in public.
"""

from __future__ import annotations

from dataclasses import replace

from journeys.checks.common import did_you_mean, quoted_list
from journeys.domain.figures import IMPROVING, STATUSES, WORSENING, direction, target_status
from journeys.model.periods import parse_period
from journeys.model.values import parse_target
from journeys.model.problems import Problem, problem
from journeys.workbook.rows import Rating, Row


def check_ratings(ratings: list[Rating], rows: list[Row], scale: list[str], indicators: dict[str, dict],
                  targets: list[dict], means: str | None, workbook: str, sheet: str) -> list[Problem]:
    found = []
    for rating in ratings:
        place = {"sheet": sheet, "cell": rating.cell.ref}
        if rating.rating not in scale:
            found.append(replace(problem("rag-unknown", workbook, None, None, rating.rating, scale="indicator",
                                         suggestion=did_you_mean(rating.rating, scale),
                                         allowed=quoted_list(scale) or '"Green", "Amber", "Red" (add them to rag_scale.csv)',
                                         where=" (as rag_scale.csv defines them)"), **place))
            continue
        expected = _expected(rating, rows, indicators, targets, means)
        if expected is not None and expected[0] != rating.rating and not (
                means == "previous" and rating.rating == "Amber"):
            found.append(replace(problem("workbook-rating-differs", workbook, None, None, rating.rating,
                                         expected=expected[0], reason=expected[1]), **place))
    return found


def _expected(rating: Rating, rows: list[Row], indicators, targets, means) -> tuple[str, str] | None:
    indicator = indicators[rating.indicator_id]
    decimals, polarity = indicator.get("decimals") or 0, indicator.get("polarity", "none")
    value = _number(rating.value)
    if value is None:
        return None
    if means == "previous":
        previous = _previous(rating, rows)
        moved = direction(value, previous, polarity, decimals)
        if moved in (IMPROVING, WORSENING):
            return ("Green" if moved == IMPROVING else "Red"), f"{rating.value} is {moved} on {previous:g}"
        return None
    target = _target(rating, rows, targets)
    if target is None:
        return None
    status = target_status(value, target[0], target[1], polarity, decimals)
    if status is None:
        return None
    band = f", tolerance {target[1]:g}" if target[1] is not None else ""
    return STATUSES[status].rag, f"{rating.value} against target {target[0]}{band} ({polarity}) is {status}"


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _previous(rating: Rating, rows: list[Row]) -> float | None:
    figures = [(r.values["period"], _number(r.values["value"])) for r in rows
               if r.table == "observations" and r.values["indicator_id"] == rating.indicator_id]
    same_kind = [(p, v) for p, v in figures if v is not None and _kind(p) == _kind(rating.period)
                 and _end(p) < _end(rating.period)]
    return max(same_kind, key=lambda pair: _end(pair[0]))[1] if same_kind else None


def _target(rating: Rating, rows: list[Row], targets: list[dict]) -> tuple[str, float | None] | None:
    candidates = [r.values for r in rows if r.table == "targets" and r.values["indicator_id"] == rating.indicator_id]
    candidates += [t for t in targets if t.get("indicator_id") == rating.indicator_id]
    day = parse_period(rating.period)
    for target in candidates:
        span = parse_period(target.get("period", ""))
        if day and span and span.start <= day.end <= span.end and parse_target(target.get("target", "")):
            return target["target"], _number(target.get("tolerance") or "")  # a target as written: 22, <20, 20-25
    return None


def _kind(period: str) -> str:
    parsed = parse_period(period)
    return parsed.kind if parsed else ""


def _end(period: str):
    return parse_period(period).end
