"""Comparison pages: one national measure, every authority that reports it (issue 7).

Pure functions from the comparison model (journeys.measures) to Pages in the root build's
compare/ section: an index, then a page per measure with one chart (the indicator charts'
Altair template, filled with every authority's series), the latest value of each authority
with its period and source, and every figure. Every string from a CSV goes through markup.

    pages(found, context) -> list[Page]             the compare/ section
    files(found) -> dict[str, bytes]                 each page's figures as CSV
    entries(found) -> {(slug, indicator_id): Compared}   for SiteContext.compared
    indicator_note(context, slug, indicator_id)      the link on an indicator page
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from journeys.domain.measures import AuthoritySeries, Comparison, Point
from journeys.model.vocabulary import PERIOD_KINDS
from journeys.outputs import vega
from journeys.outputs.compare_chart import comparison_spec, panels_by_kind
from journeys.outputs.drawing import Drawing
from journeys.outputs.markup import (
    Column,
    Html,
    chart_region,
    internal_link,
    join,
    link,
    paragraph,
    table,
    text,
    unindexed,
)
from journeys.outputs.page import Page, SiteContext, href, in_section, indicator_path
from journeys.outputs.pages.common import make_page, opening, status_tag
from journeys.outputs.wording import bracketed, format_value, stated_target, stated_words, symbol_label, word_list

SECTION = "compare"
INDEX = f"{SECTION}/index.md"
GROUP = "Compare authorities"
TABLE_LIMIT = 400  # more figures than this (a national site) go in the CSV file only, not the page
GAPS_LISTED = 20   # gaps named one by one in a sentence; more are counted
SPACE = Html(" ")  # markup.text() trims each piece, so spaces between pieces are markup


@dataclass(frozen=True)
class Compared:
    """An indicator that has a comparison page, as its own page links to it."""
    slug: str
    indicator_id: str
    path: str                 # the comparison page, site-level
    code: int
    name: str                 # the national measure
    others: tuple[str, ...]   # the other authorities compared


def page_path(comparison: Comparison) -> str:
    return f"{SECTION}/{comparison.measure.slug}.md"


def csv_path(comparison: Comparison) -> str:
    return f"{SECTION}/{comparison.measure.slug}.csv"


def entries(found: list[Comparison]) -> dict[tuple[str, str], Compared]:
    """(authority slug, indicator_id) -> where its comparison is, for every compared indicator."""
    return {(s.slug, s.indicator_id): Compared(s.slug, s.indicator_id, page_path(c), c.measure.code, c.measure.name,
                                               tuple(o.name for o in c.series if o is not s))
            for c in found for s in c.series}


NAMED_OTHERS = 3


def indicator_note(context: SiteContext, slug: str, indicator_id: str) -> Html:
    """On an indicator page: the national measure it is, and a link to the comparison (if any)."""
    match = context.compared.get((slug, indicator_id))
    if match is None:
        return Html("")
    here = in_section(slug, indicator_path(indicator_id))
    # Names while they are few; a count at national scale, so the page does not grow with the site.
    others = list(match.others)
    label = (f"Compare with {word_list(others)}" if len(others) <= NAMED_OTHERS
             else f"Compare with the {len(others)} other authorities that report it")
    # The link is a paragraph of its own: a link inside running text needs more than colour (WCAG 1.4.1).
    return Html(paragraph(f"This is national measure {match.code} ({match.name}), defined the same way by "
                          "every authority that reports it.")
                + paragraph(internal_link(href(here, match.path), label), "compare-link"))


def pages(found: list[Comparison], context: SiteContext, drawing: Drawing) -> list[Page]:
    """The compare/ section: its index, then a page per measure; nothing if there is nothing to compare."""
    if not found:
        return []
    return [index_page(found, context)] + [comparison_page(c, context, chart_svg(c, drawing)) for c in found]


def files(found: list[Comparison]) -> dict[str, bytes]:
    return {csv_path(c): comparison_csv(c).encode("utf-8") for c in found}


def chart_svg(comparison: Comparison, drawing: Drawing) -> str:
    """The drawn chart, ready to inline: named by the page's chart label, described by its summary."""
    return vega.embed_svg(vega.svg(drawn_spec(comparison, drawing), drawing), "chart", "chart-label", "chart-summary")


def drawn_spec(comparison: Comparison, drawing: Drawing) -> dict:
    """The chart as drawn: a panel per kind of period (issue 16.5), so no line joins two kinds."""
    return panels_by_kind(comparison_spec(comparison, drawing))


def index_page(found: list[Comparison], context: SiteContext) -> Page:
    rows = [[internal_link(href(INDEX, page_path(c)), c.measure.name), c.measure.code,
             word_list([s.name for s in c.series])] for c in found]
    columns = [Column("National measure", row_header=True), Column("LAIT code", numeric=True),
               Column("Reported by")]
    parts = [opening(text(GROUP), context, None),
             paragraph("Some of the figures councils report are national measures, defined the same way "
                       "everywhere by the Department for Education. Where two or more authorities on this "
                       "site report one of them in exactly that way, they are compared here."),
             table("National measures reported by two or more authorities", columns, rows, "compare-measures")]
    return make_page(INDEX, text(GROUP), GROUP, parts, group=GROUP)


def comparison_page(comparison: Comparison, context: SiteContext, svg: str) -> Page:
    """What is measured, the chart, the latest values, how each authority words it, every figure."""
    measure, here = comparison.measure, page_path(comparison)
    title = text(f"{measure.name}: authorities compared")
    parts = [
        opening(title, context, comparison.as_at),
        paragraph(f"National measure {measure.code} in the Department for Education's Local Authority "
                  f"Interactive Tool (LAIT); the national figures come from {measure.collection}. "
                  f"{measure.polarity.capitalize()}."),
        paragraph(join([Html("<strong>Definition:</strong> "), measure.definition])),
        paragraph("Only indicators that their authorities define in exactly this way are shown. The values, "
                  "targets and comparators are those each authority published in its own papers; each "
                  "authority has its own statistical neighbours."),
        _periods_notice(comparison),
        figure(comparison, svg),
        Html("## Latest value of each authority {#latest}\n"),
        latest_table(comparison, here),
        _gaps(comparison),
        Html("## How each authority words it {#definitions}\n"),
        definitions_table(comparison, here),
        Html("## All the figures {#figures}\n"),
        _all_figures(comparison, here),
    ]
    return make_page(here, title, measure.name, parts, group=GROUP)


def figure(comparison: Comparison, svg: str) -> Html:
    """The chart as indicator pages show it: a label, the drawing, and the summary as caption."""
    return Html(f'<figure class="chart" id="chart">\n<p class="chart-label" id="chart-label">'
                f'{text(comparison.measure.name)}: {len(comparison.series)} authorities</p>\n'
                f'{chart_region(svg, "chart-label")}\n'
                f'<figcaption id="chart-summary">{text(summary(comparison))}</figcaption>\n</figure>\n')


def summary(comparison: Comparison) -> str:
    """What the chart shows, in words, for everyone; and what it leaves out."""
    unit = comparison.measure.unit
    latest = "; ".join(f"{s.name}, {_value(s.latest, unit, s.decimals)} {bracketed(s.latest.label)}"
                       for s in comparison.series)
    return (f"{comparison.measure.name} over time for {len(comparison.series)} authorities. "
            f"{comparison.measure.polarity.capitalize()}. Latest values: {latest}." + left_out_sentence(comparison))


def left_out_sentence(comparison: Comparison) -> str:
    """The figures the chart does not draw and the comparison does not compare: bounds, changes and
    figures whose period the paper does not state, each as its paper states it."""
    unit = comparison.measure.unit
    left = [f"{s.name}, {_value(p, unit, s.decimals)} {bracketed(p.label)}"
            for s in comparison.series for p in s.stated]
    if not left:
        return ""
    return (" Not drawn or compared, as the papers give them only as a bound, a change or without a period: "
            + "; ".join(left) + ".")


def latest_table(comparison: Comparison, here: str) -> Html:
    """Each authority's latest figure with its standing and direction, as its indicator page gives them."""
    columns = [Column("Authority", row_header=True), Column("Value", numeric=True), Column("Period"),
               Column("Against target"), Column("Since the previous figure"), Column("Source")]
    rows = [[internal_link(_indicator(here, s), s.name), _value(s.latest, comparison.measure.unit, s.decimals),
             s.latest.label,
             status_tag(s.status), (s.direction or "Not enough figures").capitalize(), _source(s)]
            for s in comparison.series]
    return table(f"{comparison.measure.name}: latest value of each authority", columns, rows, "latest-values")


def definitions_table(comparison: Comparison, here: str) -> Html:
    columns = [Column("Authority", row_header=True), Column("Indicator"), Column("Definition")]
    rows = [[internal_link(_indicator(here, s), s.name), s.title, s.definition] for s in comparison.series]
    return table(f"{comparison.measure.name}: each authority's own title and definition", columns, rows,
                 "definitions")


def data_table(comparison: Comparison) -> Html:
    """Every point the chart draws, and the gaps it leaves, as a table."""
    columns = unindexed([Column("Authority", row_header=True), Column("Series"), Column("Period"),
                         Column("Value", numeric=True)])
    rows = [[series.name, name, point.label, _value(point, comparison.measure.unit, series.decimals, name)]
            for series in comparison.series for name, point in _all_points(series)]
    return table(f"{comparison.measure.name}: every value, target and comparator", columns, rows, "all-figures")


def comparison_csv(comparison: Comparison) -> str:
    """The same figures as CSV: a number, or the GSS symbol where there is none."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["lait_code", "authority", "indicator_id", "series", "period", "value", "source"])
    for series in comparison.series:
        for name, point in _all_points(series):
            value = point.stated or point.symbol if point.value is None else f"{point.value:.{series.decimals}f}"
            writer.writerow([comparison.measure.code, series.name, series.indicator_id, name, point.period,
                             value, point.source])
    return out.getvalue()


def _indicator(here: str, series: AuthoritySeries) -> str:
    return href(here, in_section(series.slug, indicator_path(series.indicator_id)))


def _all_figures(comparison: Comparison, here: str) -> Html:
    download = paragraph(internal_link(href(here, csv_path(comparison)), "Download every figure on this page (CSV)"))
    count = sum(1 for series in comparison.series for _ in _all_points(series))
    if count > TABLE_LIMIT:
        return Html(paragraph(f"There are {count:,} figures: too many for a table on this page.") + download)
    return Html(data_table(comparison) + "\n" + download)


def _value(point: Point, unit: str, decimals: int, name: str = "Value") -> str:
    """A number, as the paper states it, or what its symbol means; never a suppressed figure (the
    model has none)."""
    if point.stated:
        words = stated_words(point.stated, unit, decimals) if name != "Target" else stated_target(
            point.stated, unit, decimals)
        return words  # a period not stated says so in its label
    return symbol_label(point.symbol) if point.value is None else format_value(point.value, unit, decimals)


def _all_points(series: AuthoritySeries):
    for point in sorted(series.observations + series.stated, key=lambda p: (p.end, p.start)):
        yield "Value", point
    for point in series.targets:
        yield "Target", point
    for benchmark in series.benchmarks:
        for point in benchmark.points:
            yield benchmark.label[0].upper() + benchmark.label[1:], point


def _source(series: AuthoritySeries) -> Html:
    source = series.latest_source
    if source is None:
        return text(series.latest.source)
    where = f", {source.section}" if source.section else ""
    return join([link(source.url, source.title), SPACE, f"({source.body}, {source.date}{where})"])


def periods_sentence(comparison: Comparison) -> str:
    """Says, when the authorities report over different kinds of period, which each uses."""
    if not comparison.periods_differ:
        return ""
    each = "; ".join(f"{s.name} reports {word_list([PERIOD_KINDS[k].plural for k in s.period_kinds])}"
                     for s in comparison.series)
    return (f"These authorities report over different periods: {each}. A value for one kind "
            "of period is not comparable with a value for another.")


def _periods_notice(comparison: Comparison) -> Html:
    sentence = periods_sentence(comparison)
    if not sentence:
        return Html("")
    return Html('<div class="admonition note" markdown="1">\n<p class="admonition-title">Different periods</p>\n\n'
                f"{paragraph(sentence)}</div>\n")


def _gaps(comparison: Comparison) -> Html:
    """Say where the chart has gaps, so a missing value is never read as zero."""
    gaps = [f"{s.name}, {p.label}" for s in comparison.series for p in s.observations if p.value is None]
    if not gaps:
        return Html("")
    if len(gaps) > GAPS_LISTED:
        return paragraph(f"No value is published for {len(gaps):,} of the periods shown (each is in the "
                         "figures below, with the reason). The chart leaves a gap there.")
    return paragraph(f"No value is published for: {'; '.join(gaps)}. The chart leaves a gap there.")
