"""The home page: every authority at a glance (national), or the one council's journey (single)."""

from __future__ import annotations

from journeys import pictures
from journeys.domain.summary import Summary, most_current, standing
from journeys.periods import date_label
from journeys.render import HOME, HOW_TO_READ, OVERVIEW, Page, SiteContext, href, in_section
from journeys.render.common import make_page, opening, ratings_summary
from journeys.render.markup import Column, Html, definitions, internal_link, paragraph, table, text

HISTORICAL = ("These pages are built from council and Ofsted papers. They are a historical record of each "
              "journey as the papers told it, not a statement of how services are now: every page gives the "
              "date of the papers its figures come from.")


def page(summaries: list[Summary], context: SiteContext) -> Page:
    if context.mode == "single" and len(summaries) == 1:
        return single(summaries[0], context)
    title = text(context.site_name)
    latest = most_current(summaries)
    parts = [opening(title, context, latest.as_at if latest else None, latest.name if latest else ""),
             paragraph("How English councils' children's services are recovering after Ofsted judged them "
                       "inadequate: each council's improvement plan, its progress ratings, its performance "
                       "figures and the inspections, visits and notices along the way."),
             paragraph(HISTORICAL), paragraph(Html(
                 f"New to this? Read {internal_link(href(HOME, HOW_TO_READ), 'how to read the site')}.")),
             authorities_table(summaries),
             pictures.standings_picture([standing(s) for s in summaries], context.built_at,  # issue 16.4
                                        href(HOME, "assets/javascripts/standings.js"))]
    return make_page(HOME, title, "Home", parts)


def authorities_table(summaries: list[Summary]) -> Html:
    rows = [[internal_link(href(HOME, in_section(s.slug, OVERVIEW)), s.name), _grade(s), s.intervention,
             date_label(s.latest_report) if s.latest_report is not None else "None published",
             _ratings(s)] for s in summaries]
    columns = [Column("Authority", row_header=True), Column("Latest Ofsted judgement"), Column("DfE intervention"),
               Column("Latest report"), Column("Ratings now")]
    if not rows:
        return paragraph("No authorities are published on this site yet.")
    return Html("## Authorities {#authorities}\n\n" + table("Every authority on this site and where it stands",
                                                             columns, rows, "authorities-table"))


def _grade(summary: Summary) -> str:
    inspection = summary.inspection
    if inspection is None:
        return "No graded inspection recorded"
    if inspection.overall:
        return f"{inspection.overall} ({inspection.when})"
    return f"No overall grade ({inspection.when})"


def _ratings(summary: Summary) -> Html:
    if summary.ratings:
        return Html(f"Actions: {ratings_summary(summary.ratings)}")
    if summary.tallies:
        tally = summary.tallies[0]
        return Html(f"{text(tally.subject)}: {ratings_summary(tally.counts)}")
    return text("No ratings published")


def single(summary: Summary, context: SiteContext) -> Page:
    """A council's own site: its journey's front page, with no national comparison."""
    title = text(context.site_name)
    here = HOME
    go = lambda path, label: internal_link(href(here, in_section(summary.slug, path)), label)  # noqa: E731
    parts = [opening(title, context, summary.as_at), paragraph(HISTORICAL),
             definitions([("Latest Ofsted judgement", _grade(summary)), ("DfE intervention", summary.intervention),
                          ("Latest progress report",
                           date_label(summary.latest_report) if summary.latest_report is not None else None),
                          ("Ratings now", _ratings(summary))]),
             paragraph(Html(f"Start with {go(OVERVIEW, 'the journey at a glance')}, or read "
                            f"{internal_link(href(here, HOW_TO_READ), 'how to read the site')}."))]
    return make_page(HOME, title, "Home", parts)
