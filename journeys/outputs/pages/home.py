"""The home page: every authority at a glance (national), or the one council's journey (single)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from journeys.domain.pictures import NO_GRADE, green_share, judgement_counts, months_since
from journeys.domain.summary import Standing, Summary, most_current, standing
from journeys.model.periods import date_label
from journeys.model.vocabulary import GRADES_BEST_FIRST
from journeys.outputs.drawing import Drawing
from journeys.outputs.markup import Column, Html, definitions, internal_link, paragraph, table, text
from journeys.outputs.page import HOME, HOW_TO_READ, OVERVIEW, Page, SiteContext, href, in_section
from journeys.outputs.pages.common import make_page, opening, ratings_summary
from journeys.outputs.picture_specs import standings_spec
from journeys.outputs.pictures import figure
from journeys.outputs.wording import counted, word_list

HISTORICAL = ("These pages are built from council and Ofsted papers. They are a historical record of each "
              "journey as the papers told it, not a statement of how services are now: every page gives the "
              "date of the papers its figures come from.")


def page(summaries: list[Summary], context: SiteContext, drawing: Drawing) -> Page:
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
             standings_picture([standing(s) for s in summaries], context.built_at,  # issue 16.4
                               href(HOME, "assets/javascripts/standings.js"), drawing)]
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


# --- Where every authority stands (issue 16.4) ---------------------------------------------------

def how_long_ago(day, now: datetime) -> str:
    """'3 years and 2 months ago' (whole calendar months to the build date)."""
    months = months_since(day, now)
    if months is None:
        return "No graded inspection recorded"
    years, rest = divmod(months, 12)
    words = [counted(years, "year", "years")] if years else []
    words += [counted(rest, "month", "months")] if rest or not years else []
    return " and ".join(words) + " ago"


def standings_summary(standings: list[Standing]) -> str:
    said = [f"{n} {grade.lower() if grade != NO_GRADE else 'with no graded inspection'}"
            for grade, n in judgement_counts(standings)]
    return f"{counted(len(standings), 'authority', 'authorities')} by latest Ofsted judgement: {word_list(said)}."


NO_REGION = "Region not given"


def standings_picture(standings: list[Standing], now: datetime, script: str, drawing: Drawing) -> Html:
    """A chart of authorities by latest judgement, then a table of every authority, sortable and
    filterable by judgement and region in the browser (the table is complete and readable without JavaScript)."""
    if not standings:
        return Html("")
    rows = []
    for entry in standings:
        months, ago = months_since(entry.judged, now), how_long_ago(entry.judged, now)
        share = green_share(entry)
        rows.append([
            internal_link(href(HOME, in_section(entry.slug, OVERVIEW)), entry.name),
            Html(f'<span data-region="{text(entry.region or NO_REGION)}">{text(entry.region or NO_REGION)}</span>'),
            Html(f'<span data-judgement="{text(entry.judgement or NO_GRADE)}" '
                 f'data-value="{GRADES_BEST_FIRST.index(entry.judgement) if entry.judgement in GRADES_BEST_FIRST else ""}">'
                 f'{text(entry.judgement or "None recorded")}</span>'),  # sorts best grade first
            Html(f'<span data-value="{months if months is not None else ""}">{text(ago)}</span>'),
            Html(f'<span data-value="{share:.4f}">{share:.0%} of {entry.rated}</span>') if share is not None
            else Html('<span data-value="">No ratings</span>'),
            str(entry.improving), str(entry.worsening)])
    columns = [Column("Authority", row_header=True), Column("Region"), Column("Latest judgement"), Column("Judged"),
               Column("Actions green", numeric=True), Column("Indicators improving", numeric=True),
               Column("Indicators worsening", numeric=True)]
    options = "".join(f'<option value="{text(grade)}">{text(grade)} ({n})</option>'
                      for grade, n in judgement_counts(standings))
    regions = Counter(entry.region or NO_REGION for entry in standings)
    places = "".join(f'<option value="{text(region)}">{text(region)} ({regions[region]})</option>'
                     for region in sorted(regions, key=lambda r: (r == NO_REGION, r)))
    tools = ('<div class="standings-tools" id="standings-tools" hidden>\n'
             '<label for="standings-judgement">Show authorities judged</label>\n'
             f'<select id="standings-judgement" data-filter="judgement"><option value="">Any judgement</option>'
             f'{options}</select>\n'
             '<label for="standings-region">in</label>\n'
             f'<select id="standings-region" data-filter="region"><option value="">Any region</option>'
             f'{places}</select>\n'
             '<p id="standings-status" role="status" aria-live="polite"></p>\n</div>\n')
    return Html(figure("standings", "Where every authority stands", drawing.authored(standings_spec, standings),
                       standings_summary(standings), drawing)
                + tools + table("Every authority: latest judgement, its age, green actions and indicators",
                                columns, rows, "standings-table", region=True)
                + f'\n<script src="{script}" defer></script>\n')
