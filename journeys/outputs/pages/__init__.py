"""Pages as text: pure functions from the model and the domain's facts to Markdown (with HTML
blocks), one module per page type. Nothing here knows about the site engine.

    authority_pages(authority, context, summary, drawing) -> list[Page]   one authority's section
    site_pages(summaries, context, drawing, written) -> list[Page]        the home and site-wide pages
"""

from __future__ import annotations

from journeys.domain import Summary
from journeys.model import Authority
from journeys.outputs import charts, vega
from journeys.outputs.drawing import Drawing
from journeys.outputs.page import Page, SiteContext
from journeys.outputs.pages import data, indicators, journey, overview, plan, scrutiny, site


def authority_pages(authority: Authority, context: SiteContext, summary: Summary, drawing: Drawing) -> list[Page]:
    """Every page of one authority's section, in navigation order. `summary`: summarise(authority,
    context.built_at), the facts its overview and indicator pages show."""
    return [overview.page(authority, context, summary, drawing), plan.page(authority, context, drawing),
            *indicators.pages(authority, context, indicator_charts(authority, drawing, summary), summary.statuses),
            journey.page(authority, context), scrutiny.page(authority, context), data.page(authority, context)]


def indicator_charts(authority: Authority, drawing: Drawing, summary: Summary | None = None) -> dict[str, str]:
    """indicator_id -> its chart, drawn and ready to inline on its page; each ticked in its main
    kind of period, the kind of its latest figure (summary.statuses)."""
    kinds = chart_kinds(summary) if summary else None
    return {key: vega.embed_svg(vega.svg(spec, drawing), f"chart-{key}", indicators.CHART_LABEL,
                                indicators.CHART_SUMMARY)
            for key, spec in charts.indicator_specs(authority, drawing, kinds).items()}


def chart_kinds(summary: Summary) -> dict[str, str]:
    """indicator_id -> the kind of period its chart is ticked in: its latest figure's."""
    return {s.indicator_id: s.latest.kind for s in summary.statuses if s.latest}


def site_pages(summaries: list[Summary], context: SiteContext, drawing: Drawing,
               written: dict[str, str] | None = None) -> list[Page]:
    """The home page and the site-wide pages, in navigation order. `written`: the site's hand-written
    pages by path (how-to-read.md, accessibility.md); the tool's own where not given."""
    return site.pages(summaries, context, drawing, written)
