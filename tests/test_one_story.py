"""Every page tells the same story (issue 13): a figure's standing against target and its
direction of travel read the same on its indicator page, in the overview's table, in "What
changed", in the Atom feed and on the comparison page.

Read from what the render functions produce (Markdown with HTML, Atom XML), never from the
domain function alone; the expected standing comes from the documented rule worked in exact
decimal arithmetic, independently of journeys.domain.figures.
"""

from __future__ import annotations

import html
import re
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from journeys.outputs.drawing import Drawing
from conftest import comparisons
from publishing_support import write_feeds
from journeys.domain.measures import national_measures
from journeys.model import Authority, type_table
from journeys.model.periods import parse_period
from journeys.domain import summarise
from journeys.outputs.pages import compare
from journeys.outputs.pages import indicators
from journeys.outputs.pages import overview
from journeys.outputs.page import INDICATORS, Entry, SiteContext, indicator_path
from journeys.domain.disclosure import protect
from journeys.model.standard import table_schemas
from journeys.model.vocabulary import HIGHER, LOWER, NO_POLARITY

BUILT = datetime(2026, 11, 1, tzinfo=timezone.utc)
ATOM = "{http://www.w3.org/2005/Atom}"
MONTHS = ["2016-08", "2016-09", "2016-10", "2016-11", "2016-12"]
MEASURES = {LOWER: 271, HIGHER: 304}  # a national measure of each polarity, both percentages
INDICATOR = "measure"

# How each place words a standing (the site's wording, which this test pins down).
TAG_WORDS = {"Met target": "met", "Within tolerance": "within tolerance", "Missed target": "missed"}
RAG_WORDS = {"Green (on target)": "met", "Amber (within tolerance)": "within tolerance",
             "Red (off target)": "missed"}


# --- Tiny authorities, made in memory ------------------------------------------------------------

@dataclass(frozen=True)
class History:
    polarity: str
    decimals: int
    target: str
    tolerance: str            # "" for none given
    figures: tuple[tuple[str, str, str], ...]   # (period, value, numerator): months, then perhaps a year to date


def tables_for(history: History, slug: str) -> dict[str, list[dict]]:
    documents = [{"document_id": f"doc-{month}", "date": f"{month}-28", "body": "Board", "title": f"Report {month}"}
                 for month in MONTHS]
    documents.append({"document_id": "plan", "date": "2016-04-01", "body": "Board", "title": "Targets"})
    measure = national_measures().get(MEASURES.get(history.polarity))
    indicator = {"indicator_id": INDICATOR, "title": measure.name if measure else "Contacts received",
                 "unit": "percentage", "polarity": history.polarity, "frequency": "monthly",
                 "definition": measure.definition if measure else "Contacts", "decimals": str(history.decimals),
                 "counts_children": "yes", "lait_code": str(measure.code) if measure else "", "source": "plan"}
    observations = [{"indicator_id": INDICATOR, "period": period, "value": value, "numerator": numerator,
                     "source": f"doc-{period[-7:]}"} for period, value, numerator in history.figures]
    targets = ([{"indicator_id": INDICATOR, "period": "2016/17", "target": history.target,
                 "tolerance": history.tolerance, "source": "plan"}] if history.polarity != NO_POLARITY else [])
    return {"documents": documents, "indicators": [indicator], "observations": observations, "targets": targets}


def make_authority(history: History, slug: str = "testshire", name: str = "Testshire County Council") -> Authority:
    """The authority as the build publishes it: typed, and protected (a figure beside a c is c)."""
    tables = {table: type_table(table, pd.DataFrame(rows, dtype=str).fillna(""))
              for table, rows in tables_for(history, slug).items()}
    return protect(Authority(slug, name, "E10000016", "886", {"name": slug, "title": name},
                             {**empty_tables(), **tables}))


@cache
def empty_tables() -> dict[str, pd.DataFrame]:
    """Every other table, empty (made once: the examples are many)."""
    return {name: type_table(name, pd.DataFrame({f["name"]: pd.Series(dtype=str) for f in schema["fields"]}))
            for name, schema in table_schemas().items()}


@cache
def other_authority(polarity: str) -> Authority:
    """A second authority reporting the same national measure, so there is a comparison page."""
    history = History(polarity, 1, "50", "2", (("2016-11", "40.0", ""), ("2016-12", "60.0", "")))
    return make_authority(history, "otherton", "Otherton Council")


# --- What each place says ------------------------------------------------------------------------

def context() -> SiteContext:
    return SiteContext("Journeys", "national", BUILT, (Entry("testshire", "Testshire County Council"),))


@dataclass
class Said:
    """A figure's standing and direction as one place gives them (None: the place says none)."""
    status: str | None
    direction: str | None


def pages_of(authority: Authority, ctx: SiteContext) -> dict[str, str]:
    """The overview and the indicator pages, as render.authority_pages makes them."""
    summary = summarise(authority, ctx.built_at)
    made = [overview.page(authority, ctx, summary, Drawing()), *indicators.pages(authority, ctx, {}, summary.statuses)]
    return {page.path: html.unescape(page.body) for page in made}


def tag_status(cell: str) -> str | None:
    found = re.search(r'<strong class="rag rag--(\w+)">([^<]+)</strong>', cell)
    if not found:
        return None
    status = TAG_WORDS[found[2]]
    assert found[1] == {"met": "green", "within tolerance": "amber", "missed": "red"}[status]  # colour agrees
    return status


def on_indicator_page(pages: dict[str, str]) -> Said:
    page = pages[indicator_path(INDICATOR)]
    facts = dict(re.findall(r'<dt markdown="span">([^<]+)</dt>\n<dd markdown="span">(.*?)</dd>', page))
    direction = facts["Since the previous figure"]
    moved = None if direction.startswith("not enough") else direction.split(" (")[0].lower()
    return Said(tag_status(facts.get("Against target", "")), moved)


def in_indicator_list(pages: dict[str, str]) -> Said:
    """The list of every indicator and where it stands (indicators/index.md)."""
    table = pages[INDICATORS].split('aria-labelledby="indicator-list"')[1].split("</table>")[0]
    row = re.search(r"<tr[^>]*><th scope=\"row\".*?</tr>", table, re.S)[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    moved = cells[3].lower()
    return Said(tag_status(cells[2]), None if moved.startswith("not enough") else moved)


def in_overview_table(pages: dict[str, str]) -> Said | None:
    """The overview's table of improving and worsening indicators; None when it leaves the figure out."""
    page = pages["index.md"]
    if 'aria-labelledby="moving-indicators"' not in page:
        return None
    table = page.split('aria-labelledby="moving-indicators"')[1].split("</table>")[0]
    row = re.search(r"<tr[^>]*><th scope=\"row\".*?</tr>", table, re.S)[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    return Said(tag_status(cells[2]), cells[0].lower())


def crossing_lines(text: str, period: str) -> list[tuple[str, str]]:
    """(standing after, standing before) of each "What changed" line about the period's figure."""
    label = re.escape(parse_period(period).label)
    pattern = (rf"(?:improved|worsened): (\w+ \([a-z ]+\)) in {label}, [^<]*? against a target of "
               rf"[^<]*?, from (\w+ \([a-z ]+\))")
    return [(RAG_WORDS[after], RAG_WORDS[before]) for after, before in re.findall(pattern, text)]


def in_what_changed(pages: dict[str, str], month: str) -> list[tuple[str, str]]:
    return crossing_lines(pages["index.md"].split("{#changes}")[1], month)


def in_feed(authority: Authority, month: str) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        paths = {path.stem: path for path in write_feeds([summarise(authority, BUILT)], "", Path(folder), BUILT)}
        found = {}
        for name in ("testshire", "all"):
            entries = ET.parse(paths[name]).getroot().findall(f"{ATOM}entry")
            found[name] = [line for entry in entries
                           for line in crossing_lines(html.unescape(entry.find(f"{ATOM}content").text), month)]
    assert found["testshire"] == found["all"]
    return found["testshire"]


def on_comparison_page(authority: Authority) -> Said | None:
    found = comparisons([authority, other_authority(authority.table("indicators")["polarity"].iloc[0])])
    if not found:
        return None
    [comparison] = found
    page = html.unescape(compare.comparison_page(comparison, context(), "").body)
    table = page.split('aria-labelledby="latest-values"')[1].split("</table>")[0]
    row = next(r for r in re.findall(r"<tr[^>]*><th scope=\"row\".*?</tr>", table, re.S) if "Testshire" in r)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    moved = cells[3].lower()
    return Said(tag_status(cells[2]), None if moved.startswith("not enough") else moved)


# --- The documented rule, worked independently in exact decimals ---------------------------------

def at_places(text: str, decimals: int) -> Decimal:
    """The figure as printed: rounded half to even on its exact binary value, as Python prints a float."""
    return Decimal(float(text)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)


def expected_status(history: History, value: str) -> str | None:
    if history.polarity == NO_POLARITY:
        return None
    shown, target = at_places(value, history.decimals), at_places(history.target, history.decimals)
    tolerance = at_places(history.tolerance or "0", history.decimals)
    shortfall = target - shown if history.polarity == HIGHER else shown - target
    return "met" if shortfall <= 0 else "within tolerance" if shortfall <= tolerance else "missed"


def expected_direction(history: History, latest: str, previous: str | None) -> str | None:
    if previous is None:
        return None
    change = at_places(latest, history.decimals) - at_places(previous, history.decimals)
    if change == 0:
        return "no change"
    if history.polarity == NO_POLARITY:
        return "increasing" if change > 0 else "decreasing"
    return "improving" if (change > 0) == (history.polarity == HIGHER) else "worsening"


def published_figures(history: History) -> list[tuple[str, str]]:
    """(period, value) of each figure the public sees: a symbol, or a c beside it, is no figure."""
    return [(period, value) for period, value, numerator in history.figures
            if re.fullmatch(r"-?\d+(\.\d+)?", value) and numerator != "c"]


def main_series(figures: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The figures of the kind the indicator mostly reports; on a tie, the kind reported most
    recently; on a tie of that too, months (the rule the pages state)."""
    months = [f for f in figures if not f[0].startswith("YTD")]
    to_date = [f for f in figures if f[0].startswith("YTD")]
    if len(to_date) > len(months) or (to_date and len(to_date) == len(months)
                                      and to_date[-1][0][-7:] > months[-1][0]):
        return to_date
    return months


# --- The check ------------------------------------------------------------------------------------

def assert_one_story(history: History) -> str:
    """Check every place against the rule; return what the example covered (for statistics)."""
    authority = make_authority(history)
    pages = pages_of(authority, context())
    figures = main_series(published_figures(history))
    page = on_indicator_page(pages)
    if not figures:
        assert page == in_indicator_list(pages) == Said(None, None)
        return "no figures"
    (month, latest), previous = figures[-1], (figures[-2] if len(figures) > 1 else None)
    status = expected_status(history, latest)
    direction = expected_direction(history, latest, previous and previous[1])
    assert page == Said(status, direction), "indicator page"
    assert in_indicator_list(pages) == page, "list of indicators"

    overview = in_overview_table(pages)
    if direction in ("improving", "worsening"):
        assert overview == Said(status, direction), "overview table"
    else:
        assert overview is None, "overview table lists only improving and worsening indicators"

    before = expected_status(history, previous[1]) if previous else None
    crossed = [(status, before)] if status and before and status != before else []
    assert in_what_changed(pages, month) == crossed, "What changed"
    assert in_feed(authority, month) == crossed, "Atom feed"

    comparison = on_comparison_page(authority)
    if history.polarity == NO_POLARITY:
        assert comparison is None
    else:
        assert comparison == Said(status, direction), "comparison page"
    return f"{status}, {direction}{', crossed' if crossed else ''}"


# --- Defect 1: the two cases the review found --------------------------------------------------

@pytest.mark.parametrize("polarity, value, target, tolerance", [
    (HIGHER, "64.8", "65.0", "0.2"),
    (LOWER, "22.3", "22.0", "0.3"),
])
def test_a_figure_short_by_exactly_its_tolerance_is_within_tolerance_everywhere(polarity, value, target, tolerance):
    on_target = str(float(target) + (1 if polarity == HIGHER else -1))
    history = History(polarity, 1, target, tolerance, (("2016-11", on_target, ""), ("2016-12", value, "")))
    assert expected_status(history, value) == "within tolerance"
    assert_one_story(history)


# --- The property -------------------------------------------------------------------------------

@st.composite
def histories(draw) -> History:
    polarity = draw(st.sampled_from([HIGHER, LOWER, NO_POLARITY]))
    decimals = draw(st.integers(0, 2))
    unit = Decimal(1).scaleb(-decimals)
    target = Decimal(draw(st.integers(20, 80))) + unit * draw(st.integers(0, 9))
    tolerance = draw(st.sampled_from([None, Decimal(0), unit, unit * 3, Decimal(2)]))
    edge = tolerance or Decimal(0)
    # On and around every boundary: the target, the target less the tolerance, one printed unit
    # either side, and raw figures with a digit more than is printed, which rounding moves.
    boundaries = [target - edge, target, target + edge]
    nudges = [-unit, Decimal(0), unit, unit * Decimal("0.4"), -unit * Decimal("0.4"), unit * Decimal("0.5"),
              -unit * Decimal("0.5"), unit * Decimal("0.6"), -unit * Decimal("0.6")]

    def figure() -> tuple[str, str]:
        kind = draw(st.sampled_from(["figure"] * 4 + ["c", "x", "numerator c"]))
        if kind in ("c", "x"):
            return kind, ""
        value = draw(st.sampled_from(boundaries)) + draw(st.sampled_from(nudges))
        return f"{value:f}", "c" if kind == "numerator c" else ""

    months = draw(st.integers(2, len(MONTHS)))
    figures = tuple((month, *figure()) for month in MONTHS[-months:])
    if draw(st.booleans()):  # a year to date beside the months, ending with one of them
        figures += ((f"YTD {draw(st.sampled_from(MONTHS[-months:]))}", *figure()),)
    return History(polarity, decimals, f"{target:f}", "" if tolerance is None else f"{tolerance:f}", figures)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_every_page_gives_a_figure_the_same_standing_and_direction(history):
    event(assert_one_story(history))


# --- One latest figure ------------------------------------------------------------------------------

def test_the_indicator_page_and_the_comparison_page_name_the_same_latest_figure():
    """A year's outturn beside this year's figure to date: both pages call the figure to date the
    latest (they named different figures before: the comparison its most recent, the page the
    first kind in the file)."""
    history = History(LOWER, 1, "12.0", "1.0", (("2015/16", "14.1", ""), ("YTD 2016-11", "9.9", "")))
    authority = make_authority(history)
    page = pages_of(authority, context())[indicator_path(INDICATOR)]
    latest = re.search(r'<dt markdown="span">Latest figure</dt>\n<dd markdown="span">([^<]+)</dd>', page)[1]
    assert latest == "9.9% (2016/17 to November 2016)"
    [comparison] = comparisons([authority, other_authority(LOWER)])
    compared = next(s for s in comparison.series if s.slug == "testshire")
    assert (compared.latest.label, compared.latest.value) == ("2016/17 to November 2016", 9.9)
    assert on_indicator_page(pages_of(authority, context())) == on_comparison_page(authority) == Said("met", None)
