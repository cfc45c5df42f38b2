"""The committee paper on the site: each authority's section holds the paper for its latest report,
as PDF and HTML (page.PAPER_PDF, page.PAPER_HTML), when site.yml asks for it (paper.on_site)."""

from __future__ import annotations

from journeys.domain.reports import as_it_stood, latest_report, previous_report
from journeys.model import Authority
from journeys.outputs.drawing import Drawing
from journeys.outputs.page import PAPER_HTML, PAPER_PDF, SiteContext
from journeys.outputs.paper.compose import compose
from journeys.outputs.paper.html import paper_html
from journeys.outputs.paper.pdf import paper_pdf


def paper_files(authority: Authority, context: SiteContext, drawing: Drawing) -> dict[str, bytes]:
    """The public paper for the latest report (reports.latest_report, as the overview names it), by
    its path in the section; none when papers are off or there is no report. `authority`: as the build published it (embargoes applied,
    disclosure control applied), so the paper shows nothing the site may not."""
    report = latest_report(authority) if context.papers else None
    if report is None:
        return {}
    stood = as_it_stood(authority, report.day)
    paper = compose(stood, report, previous_report(stood, report.day), committee=context.committee, draft="",
                    drawing=drawing, today=context.built_at.date())
    return {PAPER_PDF: paper_pdf(paper, made=context.built_at), PAPER_HTML: paper_html(paper).encode("utf-8")}
