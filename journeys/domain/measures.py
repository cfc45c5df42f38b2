"""National measures: compare like with like across authorities (issue 7).

The catalogue (schemas/vocabularies/national_measures.csv) lists the DfE's LAIT measures. An
indicator may claim one with its `lait_code`; `check_national_measures` refuses a claim whose
unit, polarity or definition says otherwise, so that `comparisons` can put the claimants of a
code side by side without ever mixing two definitions.

A comparison shows only published numbers: a GSS symbol (c, x, z, low, u) is a gap, never a
zero, and a suppressed figure never reaches the model at all — only the symbol `c` does.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

import numpy as np
import pandas as pd

from journeys.domain.disclosure import protect_observations
from journeys.domain.figures import IndicatorStatus, indicator_statuses
from journeys.domain.summary import Summary
from journeys.model import Authority
from journeys.model.periods import format_date
from journeys.model.standard import VOCABULARY_DIR
from journeys.model.values import BOUND, CHANGE, RANGE, SYMBOL
from journeys.model.vocabulary import SUPPRESSED, UNSTATED

CATALOGUE_FILE = VOCABULARY_DIR / "national_measures.csv"
COMPARED_WITH = ("England", "statistical neighbours")  # comparators that mean the same everywhere


@dataclass(frozen=True)
class NationalMeasure:
    code: int
    name: str
    definition: str       # the DfE's wording
    polarity: str
    unit: str
    differs: str          # regex for wordings of a different, local definition ("" if none)
    collection: str       # the DfE statistical collection the national figures come from

    @property
    def slug(self) -> str:
        """'15-second-or-subsequent-child-protection-plan': the comparison page's file name."""
        return f"{self.code}-" + re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")

    def differing_wording(self, definition: str) -> str | None:
        """The words of `definition` that mark a different measure, if any."""
        found = re.search(self.differs, definition, re.IGNORECASE) if self.differs else None
        return found.group(0) if found else None


@cache
def national_measures() -> dict[int, NationalMeasure]:
    """The catalogue by LAIT code."""
    with CATALOGUE_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {int(row["lait_code"]): NationalMeasure(
        int(row["lait_code"]), row["name"], row["definition"], row["polarity"], row["unit"],
        row["differs"], row["collection"]) for row in rows}


# --- The comparison model ---------------------------------------------------------------------

@dataclass(frozen=True)
class Point:
    """One value at one period; `value` None is a gap (a GSS symbol), never a zero."""
    period: str           # as the officer wrote it
    label: str            # as a reader reads it, e.g. "November 2016"
    kind: str             # month, financial year, ... (journeys.periods)
    start: date
    end: date
    value: float | None
    symbol: str           # the GSS symbol when there is no value, else ""
    source: str           # document_id
    section: str = ""
    basis: str = ""       # "" as printed; "deduced" or "inferred" (observations' basis)
    stated: str = ""      # a bound or a change as written (">200"), or any figure of a period not stated:
                          # never drawn or compared as a plain figure (value is None)


@dataclass(frozen=True)
class Benchmark:
    """A comparator an authority recorded: England, or its statistical neighbours."""
    comparator: str       # "England" or "statistical neighbours"
    statistic: str        # mean, median or value
    points: tuple[Point, ...]

    @property
    def label(self) -> str:
        return self.comparator if self.statistic == "value" else f"{self.comparator} ({self.statistic})"


@dataclass(frozen=True)
class Source:
    document_id: str
    title: str
    body: str
    day: date | None      # the paper's date
    url: str
    section: str

    @property
    def date(self) -> str:
        """'12 January 2017'."""
        return format_date(self.day) if self.day else ""


@dataclass(frozen=True)
class AuthoritySeries:
    """One authority's indicator that claims the measure, with everything it recorded for it."""
    slug: str
    name: str
    indicator_id: str
    title: str
    definition: str
    decimals: int
    observations: tuple[Point, ...]
    targets: tuple[Point, ...]
    benchmarks: tuple[Benchmark, ...]
    latest: Point | None
    latest_source: Source | None
    standing: IndicatorStatus | None = None   # the latest figure's standing and direction, as its page says
    stated: tuple[Point, ...] = ()            # figures as the papers state them, left out of the comparison

    @property
    def status(self) -> str | None:
        return self.standing.status if self.standing else None

    @property
    def direction(self) -> str | None:
        return self.standing.direction if self.standing else None

    @property
    def period_kinds(self) -> tuple[str, ...]:
        """The kinds of period this authority published values for, in a stable order."""
        return tuple(sorted({p.kind for p in self.observations if p.value is not None}))


@dataclass(frozen=True)
class Comparison:
    measure: NationalMeasure
    series: tuple[AuthoritySeries, ...]   # by authority name

    @property
    def as_at(self) -> pd.Timestamp | None:
        """How current the comparison is: the date of the latest paper its latest figures cite."""
        days = [s.latest_source.day for s in self.series if s.latest_source and s.latest_source.day]
        return pd.Timestamp(max(days)) if days else None

    @property
    def periods_differ(self) -> bool:
        return len({s.period_kinds for s in self.series}) > 1


def claimed_series(authority: Authority, summary: Summary | None = None) -> tuple[tuple[int, AuthoritySeries], ...]:
    """(code, series) for each measure the authority reports a number for: all the comparisons
    need of it, so a build can keep this and let go of the authority's tables."""
    return tuple((code, series) for code, series in _claimed_series(authority, summary.statuses if summary else None)
                 if series.latest is not None)  # an authority reports a measure once it has a number


def gather(claims) -> list[Comparison]:
    """The comparisons from every authority's claimed series: measures two or more report."""
    found: dict[int, list[AuthoritySeries]] = {}
    for code, series in claims:
        found.setdefault(code, []).append(series)
    measures = national_measures()
    return sorted((Comparison(measures[code], tuple(sorted(series, key=lambda s: (s.name, s.slug))))
                   for code, series in found.items() if code in measures and len(series) >= 2),
                  key=lambda c: c.measure.name)


def _claimed_series(authority: Authority, statuses: tuple[IndicatorStatus, ...] | None = None):
    """(code, series) for each indicator of the authority that claims a national measure."""
    indicators = authority.table("indicators")
    claimed = indicators[indicators["lait_code"].notna()]
    if claimed.empty:
        return
    ids = set(claimed["indicator_id"])
    authority = _protected(authority)
    every = _observations(authority, ids)
    observations = {key: tuple(p for p in points if not p.stated) for key, points in every.items()}
    stated = {key: tuple(p for p in points if p.stated) for key, points in every.items()}
    targets, benchmarks = _targets(authority, ids), _benchmarks(authority, ids)
    standings = {status.indicator_id: status for status in statuses or indicator_statuses(authority)
                 if status.indicator_id in ids}
    latest = {key: _latest(points, standings[key]) for key, points in every.items() if key in standings}
    documents = _cited_documents(authority, {p.source for p in latest.values() if p})
    columns = ["indicator_id", "title", "definition", "decimals", "lait_code"]
    for indicator in claimed[columns].to_dict("records"):
        key = indicator["indicator_id"]
        yield int(indicator["lait_code"]), AuthoritySeries(
            slug=authority.slug, name=authority.name, indicator_id=key, title=indicator["title"],
            definition=indicator["definition"], decimals=_decimals(indicator["decimals"]),
            observations=observations.get(key, ()), targets=targets.get(key, ()),
            benchmarks=benchmarks.get(key, ()), latest=latest.get(key),
            latest_source=_source(documents, latest.get(key)), standing=standings.get(key),
            stated=stated.get(key, ()))


def _protected(authority: Authority) -> Authority:
    """Disclosure control even if the caller forgot it (it is idempotent): a figure beside a c is c."""
    observations = authority.table("observations")
    if any((observations[name] == SUPPRESSED).any() for name in ("numerator", "denominator")):
        return replace(authority, tables={**authority.tables, "observations": protect_observations(observations)})
    return authority


def _observations(authority: Authority, ids: set[str]) -> dict[str, tuple[Point, ...]]:
    rows = _narrow(authority.table("observations"), ids, "value")
    return {key[0]: points for key, points in _points_by(rows, "value").items()}


def _targets(authority: Authority, ids: set[str]) -> dict[str, tuple[Point, ...]]:
    rows = _narrow(authority.table("targets"), ids, "target")
    return {key[0]: points for key, points in _points_by(rows, "target").items()}


def _benchmarks(authority: Authority, ids: set[str]) -> dict[str, tuple[Benchmark, ...]]:
    """indicator_id -> its England and statistical neighbour series, in a stable order."""
    table = authority.table("comparators")
    rows = _narrow(table, ids, "value", "comparator", "statistic", where=table["comparator"].isin(COMPARED_WITH))
    found: dict[str, list[Benchmark]] = {}
    for (indicator_id, comparator, statistic), points in sorted(
            _points_by(rows, "value", ("indicator_id", "comparator", "statistic")).items()):
        found.setdefault(indicator_id, []).append(Benchmark(comparator, statistic, points))
    return {key: tuple(benchmarks) for key, benchmarks in found.items()}


def _cited_documents(authority: Authority, document_ids: set[str]) -> dict[str, dict]:
    documents = authority.table("documents")[["document_id", "title", "body", "date_date", "url"]]
    cited = documents[documents["document_id"].isin(document_ids)]
    return {row["document_id"]: row for row in cited.to_dict("records")}


def _decimals(value) -> int:
    return 0 if pd.isna(value) else int(value)


def _narrow(table: pd.DataFrame, ids: set[str], *figures: str, where: pd.Series | None = None
            ) -> dict[str, np.ndarray]:
    """The needed columns, as plain arrays, of the rows of these indicators whose period can be read.

    Plain arrays, not a frame: the national dataset has a thousand series to compare, and
    slicing a frame of string columns costs several times more."""
    columns = ["indicator_id", "period", "period_label", "period_kind", "period_start", "period_end",
               "source", "source_section"] + (["basis"] if "basis" in table else [])
    columns += [name for figure in figures for name in (figure, f"{figure}_number", f"{figure}_form") if name in table]
    mask = table["indicator_id"].isin(ids) & table["period_start"].notna()
    mask = (mask if where is None else mask & where).to_numpy()
    return {name: table[name].to_numpy()[mask] for name in columns}


def _points_by(rows: dict[str, np.ndarray], column: str, keys: tuple[str, ...] = ("indicator_id",)
               ) -> dict[tuple, tuple[Point, ...]]:
    """(values of `keys`) -> the rows as Points in time order, in one pass over the columns."""
    if not len(rows["indicator_id"]):
        return {}
    groups = zip(*(rows[key].tolist() for key in keys))
    columns = [rows[name].tolist() for name in ("period", "period_label", "period_kind")]
    dates = [rows[name].astype("datetime64[D]").tolist() for name in ("period_start", "period_end")]
    forms = rows[f"{column}_form"].tolist() if f"{column}_form" in rows else [""] * len(rows[column])
    bases = rows["basis"].tolist() if "basis" in rows else [""] * len(rows["indicator_id"])
    found: dict[tuple, list[Point]] = {}
    for group, period, label, kind, start, end, number, text, form, source, section, basis in zip(
            groups, *columns, *dates, rows[f"{column}_number"].tolist(), rows[column].tolist(), forms,
            rows["source"].tolist(), rows["source_section"].tolist(), bases):
        missing = number is None or number != number  # NaN: a symbol, not a number
        stated = form in (BOUND, CHANGE, RANGE) or (kind == UNSTATED and form != SYMBOL)
        found.setdefault(group, []).append(Point(
            period, label, kind, start, end, None if missing or stated else float(number),
            str(text).strip() if missing and not stated else "", source, section or "", basis or "",
            str(text).strip() if stated else ""))
    return {key: tuple(sorted(points, key=lambda p: (p.end, p.start))) for key, points in found.items()}


def _latest(points: tuple[Point, ...], standing: IndicatorStatus) -> Point | None:
    """The figure the indicator's own page calls its latest (domain.figures: the latest of its
    main kind of period), so that both pages tell the same story."""
    if standing.latest is None:
        return None
    return next((p for p in points if p.period == standing.latest.period and (p.value is not None or p.stated)),
                None)


def _source(documents: dict[str, dict], point: Point | None) -> Source | None:
    document = documents.get(point.source) if point else None
    if document is None:
        return None
    day = document.get("date_date")
    return Source(point.source, document["title"], document["body"], None if pd.isna(day) else day.date(),
                  document.get("url", "") or "", point.section)
