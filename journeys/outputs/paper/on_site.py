"""The committee paper on the site: each authority's section holds the paper for its latest report,
as PDF and HTML (page.PAPER_PDF, page.PAPER_HTML), when site.yml asks for it (paper.on_site)."""

from __future__ import annotations

from journeys.domain.reports import as_it_stood, latest_report, previous_report
from journeys.domain.summary import Summary
from journeys.model import Authority
from journeys.outputs import charts, vega
from journeys.outputs.drawing import Drawing
from journeys.outputs.page import PAPER_HTML, PAPER_PDF, SiteContext, indicator_path, page_dir
from journeys.outputs.pages import chart_kinds
from journeys.outputs.paper.compose import compose
from journeys.outputs.paper.content import Paper
from journeys.outputs.paper.html import paper_html
from journeys.outputs.paper.pdf import paper_pdf


def paper_files(authority: Authority, context: SiteContext, summary: Summary, drawing: Drawing) -> dict[str, bytes]:
    """The public paper for the latest report (reports.latest_report, as the overview names it), by
    its path in the section; none when papers are off or there is no report. `authority`: as the
    build published it (embargoes applied, disclosure control applied), so the paper shows nothing
    the site may not; `summary`: the facts its pages show. A chart the indicator's page draws the
    same is linked from the HTML page, not drawn into it again (the PDF draws every chart)."""
    report = latest_report(authority) if context.papers else None
    if report is None:
        return {}
    stood = as_it_stood(authority, report.day)
    paper = compose(stood, report, previous_report(stood, report.day), committee=context.committee, draft="",
                    drawing=drawing, today=context.built_at.date())
    return {PAPER_PDF: paper_pdf(paper, made=context.built_at),
            PAPER_HTML: paper_html(paper, drawn_on_the_site(paper, authority, summary, drawing)).encode("utf-8")}


def drawn_on_the_site(paper: Paper, authority: Authority, summary: Summary, drawing: Drawing) -> dict[str, str]:
    """indicator_id -> the link from the paper's page to the indicator's page, for each of the paper's
    charts that page draws the same (the latest report's chart is the site's when no figure came since)."""
    specs = charts.indicator_specs(authority, drawing, chart_kinds(summary), {c.indicator_id for c in paper.charts})
    return {c.indicator_id: "../" + page_dir(indicator_path(c.indicator_id)) for c in paper.charts
            if c.indicator_id in specs and vega.svg(specs[c.indicator_id], drawing) == c.picture.svg}
