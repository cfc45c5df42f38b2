"""The indicators: a list with where each stands, and a page per indicator with its chart and figures."""

from __future__ import annotations

import pandas as pd

from journeys.domain.dates import as_at
from journeys.domain.figures import IndicatorStatus, gaps, not_drawn, not_printed, target_lookup, theme_of, theme_order
from journeys.model import Authority
from journeys.model.vocabulary import CLOSE, HIGHER, LOWER, NO_POLARITY, UNSTATED
from journeys.outputs.charts import comparator_label
from journeys.outputs.markup import (
    Column,
    Html,
    chart_region,
    definitions,
    internal_link,
    paragraph,
    table,
    text,
    unindexed,
)
from journeys.outputs.page import DATA, INDICATORS, Page, SiteContext, href, in_section, indicator_path
from journeys.outputs.pages import compare
from journeys.outputs.pages.data import PAPERS
from journeys.outputs.pages.common import Citations, make_page, opening, status_tag, title_of, with_notes
from journeys.outputs.wording import (
    describe,
    direction_unsaid,
    format_value,
    in_period,
    latest_words,
    reading_words,
    shown_value,
    stated_target,
    symbol_label,
    target_words,
    unsaid,
)

CHART_LABEL, CHART_SUMMARY = "chart", "chart-summary"  # ids the inline SVG is labelled and described by
SOURCE = Column("Source", prose=True)
POLARITY_WORDS = {HIGHER: "Higher is better", LOWER: "Lower is better",
                  CLOSE: "Close to target: the nearer its target, the better",
                  NO_POLARITY: "Neither: an activity measure, with no target"}


def pages(authority: Authority, context: SiteContext, charts: dict[str, str],
          statuses: tuple[IndicatorStatus, ...]) -> list[Page]:
    """The list of indicators, then one page each. `charts`: indicator_id -> the chart (or its marker);
    `statuses`: domain.indicator_statuses(authority)."""
    grouped = {name: dict(tuple(authority.table(name).groupby("indicator_id", sort=False)))
               for name in ("observations", "targets", "comparators")}
    themes = theme_order(authority.table("themes"))
    by_theme = sorted(statuses, key=lambda status: theme_of(status.indicator, themes)[0])
    several = len({theme_of(status.indicator, themes) for status in statuses}) > 1
    return [index_page(authority, context, statuses)] + [
        indicator_page(authority, context, status, {name: rows.get(status.indicator["indicator_id"],
                                                                   authority.table(name).iloc[0:0])
                                                    for name, rows in grouped.items()},
                       charts.get(status.indicator["indicator_id"]), nav_group(status, themes, several))
        for status in by_theme]


def nav_group(status: IndicatorStatus, themes: dict, several: bool) -> str | tuple[str, str]:
    """Where the page sits in the navigation: under its theme when the indicators have more than
    one, so that a page's navigation lists its theme's indicators, not every one (issue 14)."""
    return ("Indicators", str(text(theme_of(status.indicator, themes)[1]))) if several else "Indicators"


def index_page(authority: Authority, context: SiteContext, statuses: tuple[IndicatorStatus, ...]) -> Page:
    title = title_of(authority, "indicators")
    here = in_section(authority.slug, INDICATORS)
    rows = [[internal_link(href(here, in_section(authority.slug, indicator_path(s.indicator["indicator_id"]))),
                           s.indicator["title"]),
             _latest(s), _target(s), _against(s) if s.target else text("No target"),
             (s.direction or ("Not said" if direction_unsaid(s) else "Not enough figures")).capitalize()]
            for s in statuses]
    columns = [Column("Indicator", row_header=True), Column("Latest figure"), Column("Target"),
               Column("Against target"), Column("Since the previous figure")]
    tables = [authority.table(name) for name in ("indicators", "observations", "targets", "comparators")]
    parts = [opening(title, context, as_at(authority, *tables)),
             paragraph("Each indicator has its own page with a chart, the figures as a table, its "
                       "definition and where the figures come from.")]
    parts.append(table(f"{authority.name}: every indicator and where it stands", columns, rows, "indicator-list")
                 if rows else paragraph("No indicators have been published in this data yet."))
    return make_page(INDICATORS, title, "Indicators", parts, group="Indicators")


def _latest(status: IndicatorStatus) -> str:
    return latest_words(status)


def _target(status: IndicatorStatus) -> str:
    return target_words(status)


def _against(status: IndicatorStatus) -> Html | str | None:
    """The standing's tag; or, when the latest figure leaves it unsaid, why."""
    if status.target is None:
        return None
    why = unsaid(status)
    return f"Not said: {why}" if why else status_tag(status.status)


def indicator_page(authority: Authority, context: SiteContext, status: IndicatorStatus,
                   rows: dict[str, pd.DataFrame], svg: str | None, group: str | tuple = "Indicators") -> Page:
    ind = status.indicator
    title = text(f"{ind['title']} ({authority.name})")
    sources = Citations(authority, inline=True)
    gap_rows, unprinted = gaps(rows["observations"]), not_printed(rows["observations"])
    left_out = not_drawn(rows["observations"])
    tables = with_papers_note([figures_table(ind, rows["observations"], rows["targets"], sources),
                               targets_table(ind, rows["targets"], sources),
                               comparators_table(ind, rows["comparators"], sources)],
                              authority.slug, ind["indicator_id"])
    parts = [opening(title, context, as_at(authority, pd.DataFrame([ind]), *rows.values())),
             where_it_stands(status),
             chart(ind["title"], svg, describe(status, gap_rows, unprinted, bool(svg), left_out)),
             *tables, about(ind, sources),
             compare.indicator_note(context, authority.slug, ind["indicator_id"]), sources.section()]
    return make_page(indicator_path(ind["indicator_id"]), title, ind["title"], parts, group=group)


def with_papers_note(tables: list[Html], slug: str, indicator_id: str) -> list[Html]:
    """The tables, the first one present opening with where its sources are read: each row names its
    paper in words (Citations.named), and the data page links every paper once."""
    first = next((index for index, part in enumerate(tables) if part), None)
    if first is None:
        return tables
    here = in_section(slug, indicator_path(indicator_id))
    papers = internal_link(href(here, in_section(slug, DATA), PAPERS), "the papers these figures come from")
    note = paragraph(Html(f"Each row names its source: the paper and where in it. The data page lists {papers}, "
                          "each with a link to read it."))
    heading, rest = tables[first].split("\n\n", 1)
    return [*tables[:first], Html(f"{heading}\n\n{note}\n{rest}"), *tables[first + 1:]]


def where_it_stands(status: IndicatorStatus) -> Html:
    why = direction_unsaid(status)
    direction = status.direction or (f"Not said: {why}" if why else "not enough comparable figures to say")
    if status.direction and status.previous is not None:
        ind = status.indicator
        previous = reading_words(status.previous, ind["unit"], ind["decimals"])
        direction = f"{status.direction.capitalize()} (from {previous} {in_period(status.previous.label)})"
    return definitions([("Latest figure", _latest(status)), ("Target", _target(status)),
                        ("Against target", _against(status)),
                        ("Since the previous figure", direction)])


def chart(title: str, svg: str | None, summary: str) -> Html:
    """The static chart inline (named by its heading), its summary as the caption; no chart without
    two figures (charts.indicator_specs): one figure is said, not drawn."""
    if not svg:
        return Html(f"## In words {{#{CHART_LABEL}}}\n\n" + paragraph(summary))
    return Html(f"## Chart: {text(title)} over time {{#{CHART_LABEL}}}\n\n<figure class=\"chart\">\n"
                f"{chart_region(svg, CHART_LABEL)}\n"
                f'<figcaption id="{CHART_SUMMARY}" data-pagefind-meta="fact">{text(summary)}</figcaption>\n'
                "</figure>\n")


def figures_table(ind: dict, observations: pd.DataFrame, targets: pd.DataFrame, sources: Citations) -> Html:
    """Every figure as published, symbols spelled out; the target that applied beside it."""
    if observations.empty:
        return Html("")
    unit, decimals = ind["unit"], ind["decimals"]
    rows, target_at = [], target_lookup(targets)
    shown = ["period_end", "period_label", "period_kind", "value", "value_number", "numerator", "numerator_number",
             "denominator", "denominator_number", "note", "basis", "source", "source_section"]  # not the model's others
    for r in observations.sort_values("period_end", kind="stable")[shown].to_dict("records"):
        # the target in force is not known for a figure whose period the paper does not state
        target = target_at(r["period_end"]) if r["period_kind"] != UNSTATED else None
        figure = shown_value(r, unit, decimals) + (f" ({r['basis']})" if r["basis"] else "")
        rows.append([r["period_label"], figure, _part(r, "numerator"),
                     _part(r, "denominator"),
                     stated_target(target, unit, decimals) if target else "", r["note"],
                     sources.named(r["source"], r["source_section"])])
    # Site search skips what every row repeats: the figures (thousands across a site), the month
    # and the citation (the page's list of sources is indexed). The notes beside them stay findable.
    figure = dict(numeric=True, indexed=False)
    columns = [Column("Period", row_header=True, indexed=False), Column("Figure", **figure),
               Column("Numerator", **figure), Column("Denominator", **figure), Column("Target", **figure),
               Column("Note", prose=True), Column("Source", prose=True, indexed=False)]
    # Its rows hold no links (Citations.named): the table is a region the keyboard can focus, to scroll it.
    return Html("## The figures {#figures}\n\n" + table(f"{ind['title']}: every published figure", columns,
                                                         rows, "figures-table", region=True))


def _part(row: dict, column: str) -> str:
    if pd.isna(row[f"{column}_number"]):
        return symbol_label(row[column]) if row[column] else ""
    return f"{row[f'{column}_number']:,.10g}"


def targets_table(ind: dict, targets: pd.DataFrame, sources: Citations) -> Html:
    if targets.empty:
        return Html("")
    unit, decimals = ind["unit"], ind["decimals"]
    records = targets.sort_values("period_end", kind="stable").to_dict("records")
    rows = [[r["period_label"], stated_target(r["target"], unit, decimals),
             format_value(r["tolerance_number"], unit, decimals) or "None given",
             sources.named(r["source"], r["source_section"])] for r in records]
    columns = unindexed([Column("Period", row_header=True), Column("Target", numeric=True),
                         Column("Tolerance (amber)", numeric=True), SOURCE])
    rows, columns = with_notes(rows, records, columns)
    return Html("## Targets {#targets}\n\n" + table(f"{ind['title']}: targets and tolerances", columns, rows,
                                                    "targets-table", region=True))


def comparators_table(ind: dict, comparators: pd.DataFrame, sources: Citations) -> Html:
    if comparators.empty:
        return Html("")

    records = comparators.sort_values("period_end", kind="stable").to_dict("records")
    rows = [[r["period_label"], comparator_label(r["comparator"], r["statistic"], r.get("area", "")),
             shown_value(r, ind["unit"], ind["decimals"]), sources.named(r["source"], r["source_section"])]
            for r in records]
    columns = unindexed([Column("Period", row_header=True), Column("Compared with"), Column("Figure", numeric=True),
                         SOURCE])
    rows, columns = with_notes(rows, records, columns)
    return Html("## Compared with others {#comparators}\n\n"
                + table(f"{ind['title']}: comparators", columns, rows, "comparators-table", region=True))


# What every indicator page says in the same few words (searching "monthly" finds nothing useful).
BOILERPLATE = ("Unit", "Which way is better", "Reported", "Counts children")


def about(ind: dict, sources: Citations) -> Html:
    lait = ind["lait_code"]
    return Html("## About this indicator {#about}\n\n" + definitions([
        ("Definition", ind["definition"]), ("Unit", str(ind["unit"]).capitalize()),
        ("Which way is better", POLARITY_WORDS.get(ind["polarity"], ind["polarity"])),
        ("Reported", str(ind["frequency"]).capitalize()),
        ("National measure", f"DfE LAIT measure {int(lait)}" if not pd.isna(lait) else None),
        ("Counts children", "Yes: counts of 1 to 5 children are suppressed (c)" if ind["counts_children"] else "No"),
        ("Source", sources.cite(ind["source"], ind["source_section"])),
    ], unindexed=BOILERPLATE))
