"""The home page: every authority at a glance (national), or the one council's journey (single)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from journeys.domain.dates import STALE_AFTER_MONTHS
from journeys.domain.pictures import NO_GRADE, green_share, judgement_counts, months_since
from journeys.domain.summary import Standing, Summary, most_current, standing
from journeys.model.vocabulary import GRADES_BEST_FIRST
from journeys.outputs.drawing import Drawing
from journeys.outputs.markup import Column, Html, definitions, internal_link, paragraph, table, text
from journeys.outputs.page import HOME, HOW_TO_READ, OVERVIEW, Page, SiteContext, href, in_section
from journeys.outputs.pages.common import make_page, opening, ratings_summary
from journeys.outputs.picture_specs import standings_spec
from journeys.outputs.pictures import figure
from journeys.outputs.wording import age_words, counted, moved_words, report_words, word_list

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
             standings_picture(summaries, context.built_at,  # issue 16.4; one table since issue 23
                               href(HOME, "assets/javascripts/standings.js"), drawing)]
    return make_page(HOME, title, "Home", parts)


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
                          ("Latest report", report_words(summary.report) if summary.report else None),
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
    return age_words(months) + " ago"


def standings_summary(standings: list[Standing]) -> str:
    said = [f"{n} {grade.lower() if grade != NO_GRADE else 'with no graded inspection'}"
            for grade, n in judgement_counts(standings)]
    return f"{counted(len(standings), 'authority', 'authorities')} by latest Ofsted judgement: {word_list(said)}."


NO_REGION = "Region not given"


def standings_picture(summaries: list[Summary], now: datetime, script: str, drawing: Drawing) -> Html:
    """A chart of authorities by latest judgement, then one table of every authority and where it
    stands, sortable by any column and filterable by judgement and region in the browser
    (standings.js); without JavaScript the table is complete and reads in the site's order."""
    if not summaries:
        return paragraph("No authorities are published on this site yet.")
    standings = [standing(summary) for summary in summaries]
    rows = [_standing_row(summary, entry, now) for summary, entry in zip(summaries, standings)]
    columns = [Column("Authority", row_header=True), Column("Region"), Column("Latest Ofsted judgement"),
               Column("Judged"), Column("DfE intervention"), Column("Latest report"), Column("Ratings now"),
               Column("Indicators improving", numeric=True), Column("Indicators worsening", numeric=True)]
    old = any(entry.improving_old or entry.worsening_old for entry in standings)
    return Html(figure("standings", "Where every authority stands", drawing.authored(standings_spec, standings),
                       standings_summary(standings), drawing)
                + _tools(standings)
                + table("Every authority on this site and where it stands", columns, rows, "authorities-table",
                        region=True)
                + (paragraph(OLD_FIGURES, "old-figures") if old else "")
                + f'\n<script src="{script}" defer></script>\n')


OLD_FIGURES = (f"An old figure is one whose period ended {age_words(STALE_AFTER_MONTHS)} or more before the date of "
               "its authority's latest papers with figures: its change says little about that date.")


def _standing_row(summary: Summary, entry: Standing, now: datetime) -> list:
    """One authority's cells; each that sorts by something other than its words carries a data-value."""
    months, share = months_since(entry.judged, now), green_share(entry)
    grade = GRADES_BEST_FIRST.index(entry.judgement) if entry.judgement in GRADES_BEST_FIRST else ""
    report = summary.report
    return [
        internal_link(href(HOME, in_section(entry.slug, OVERVIEW)), entry.name),
        Html(f'<span data-region="{text(entry.region or NO_REGION)}">{text(entry.region or NO_REGION)}</span>'),
        Html(f'<span data-judgement="{text(entry.judgement or NO_GRADE)}" data-value="{grade}">'  # best grade first
             f'{text(_grade(summary))}</span>'),
        Html(f'<span data-value="{months}">{text(how_long_ago(entry.judged, now))}</span>') if months is not None
        else Html('<span data-value="">None recorded</span>'),
        summary.intervention,
        Html(f'<span data-value="{report.day.strftime("%Y%m%d")}">{text(report_words(report))}</span>') if report
        else Html('<span data-value="">None published</span>'),
        Html(f'<span data-value="{share:.4f}">{_ratings(summary)} ({share:.0%} green)</span>') if share is not None
        else Html(f'<span data-value="">{_ratings(summary)}</span>'),
        Html(f'<span data-value="{entry.improving}">{text(moved_words(entry.improving, entry.improving_old))}</span>'),
        Html(f'<span data-value="{entry.worsening}">{text(moved_words(entry.worsening, entry.worsening_old))}</span>')]


def _tools(standings: list[Standing]) -> str:
    """The filters, shown by standings.js (without it there is nothing to filter with)."""
    options = "".join(f'<option value="{text(grade)}">{text(grade)} ({n})</option>'
                      for grade, n in judgement_counts(standings))
    regions = Counter(entry.region or NO_REGION for entry in standings)
    places = "".join(f'<option value="{text(region)}">{text(region)} ({regions[region]})</option>'
                     for region in sorted(regions, key=lambda r: (r == NO_REGION, r)))
    return ('<div class="standings-tools" id="standings-tools" hidden>\n'
            '<p class="standings-hint">Sort the table by any column with the button in its heading.</p>\n'
            '<label for="standings-judgement">Show authorities judged</label>\n'
            f'<select id="standings-judgement" data-filter="judgement"><option value="">Any judgement</option>'
            f'{options}</select>\n'
            '<label for="standings-region">in</label>\n'
            f'<select id="standings-region" data-filter="region"><option value="">Any region</option>'
            f'{places}</select>\n'
            '<p id="standings-status" role="status" aria-live="polite"></p>\n</div>\n')
