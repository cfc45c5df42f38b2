"""An authority's overview: the journey at a glance."""

from __future__ import annotations

from journeys.domain import journey, ratings
from journeys.domain.boards import BoardUpdate
from journeys.domain.dates import record_ends, record_ends_label
from journeys.domain.figures import IndicatorStatus, directions
from journeys.domain.ratings import RatingsLag
from journeys.domain.reports import latest_report
from journeys.domain.summary import Summary
from journeys.model import Authority
from journeys.model.periods import date_label
from journeys.model.vocabulary import OVERALL
from journeys.outputs import pictures
from journeys.outputs.changes import changes_markdown
from journeys.outputs.drawing import Drawing
from journeys.outputs.markup import Column, Html, bullet_list, definitions, internal_link, paragraph, table, text
from journeys.outputs.page import (
    DATA,
    INDICATORS,
    JOURNEY,
    OVERVIEW,
    PAPER_HTML,
    PAPER_PDF,
    PLAN,
    SCRUTINY,
    Page,
    SiteContext,
    feed_path,
    href,
    in_section,
    indicator_path,
)
from journeys.outputs.pages.common import (
    Citations,
    make_page,
    milestone_anchor,
    opening,
    planned_note,
    ratings_summary,
    status_tag,
    title_of,
)
from journeys.outputs.wording import latest_words, moving_words, report_words, unsettled_words


def page(authority: Authority, context: SiteContext, summary: Summary, drawing: Drawing) -> Page:
    """`summary`: domain.summarise(authority, context.built_at)."""
    title = title_of(authority, "overview")
    sources = Citations(authority)  # only the board update cites papers here
    parts = [opening(title, context, summary.as_at),
             at_a_glance(summary), committee_paper(authority, context), board_update(summary.board, sources),
             pictures.overview_pictures(authority, context.built_at, summary.statuses, drawing),  # issue 16: the pictures
             timeline(authority, context),
             coming_up(authority, context), ratings_now(authority, summary),
             indicators_section(authority, summary.statuses), changes(authority, summary), contents(authority),
             sources.section()]
    return make_page(OVERVIEW, title, "Overview", parts)


def at_a_glance(summary: Summary) -> Html:
    report, board = summary.report, summary.board
    return Html("## At a glance {#at-a-glance}\n\n" + definitions([
        ("Latest Ofsted judgement", _grade_text(summary.inspection)),
        ("DfE intervention", summary.intervention),
        ("Latest report", report_words(report) if report is not None else "None published"),
        ("Latest meeting reported", f"{board.board}, {board.date_label}" if board else None),
        ("Plan actions by current rating", ratings_summary(summary.ratings) or "No ratings published"),
    ]))


def committee_paper(authority: Authority, context: SiteContext) -> Html:
    """Links to the committee paper for the latest report (issue 26), when the site publishes papers."""
    if not context.papers or latest_report(authority) is None:  # as outputs.paper.on_site decides
        return Html("")
    here = in_section(authority.slug, OVERVIEW)
    pdf, page = (href(here, in_section(authority.slug, path)) for path in (PAPER_PDF, PAPER_HTML))
    return paragraph(Html(f"The committee paper for the latest report, made from these figures: "
                          f"{internal_link(pdf, 'PDF')} or {internal_link(page, 'web page (HTML)')}."), "committee-paper")


def _grade_text(inspection: journey.Inspection | None) -> Html:
    if inspection is None:
        return text("No graded inspection recorded")
    if inspection.overall:
        return text(f"{inspection.overall} ({inspection.title}, {inspection.when})")
    judged = "; ".join(f"{judgement}: {grade}" for judgement, grade in inspection.judgements)
    return text(f"No overall grade. {judged} ({inspection.title}, {inspection.when})")


BOARD_HEADINGS = {"key message": "Key messages", "risk": "Risks", "progress": "Progress",
                  "decision": "Decisions", "next step": "Next steps"}


def board_update(board: BoardUpdate | None, sources: Citations) -> Html:
    """The latest update from a board or committee in its own words, headed by the body that met (a
    scrutiny committee's minutes are not an improvement board's update): key messages first, then risks."""
    if board is None:
        return Html("")
    parts = [f"## {text(board.board)}: latest update {{#board-update}}\n\n"
             + paragraph(f"{board.board}, {board.date_label}.")]
    for kind, heading_text in BOARD_HEADINGS.items():
        items = [Html(f"{text(m.message)} ({sources.cite(m.source, m.source_section)})"
                      + (f" Note: {text(m.note)}" if m.note else "")) for m in board.messages if m.kind == kind]
        if items:
            parts.append(f"### {heading_text} {{#board-{kind.replace(' ', '-')}}}\n\n" + bullet_list(items))
    return Html("\n".join(parts))


def timeline(authority: Authority, context: SiteContext) -> Html:
    """Milestones up to the end of the record in date order, each with its grade when it has one."""
    milestones = journey.journey_so_far(authority, context.built_at)
    if milestones.empty:
        return Html("")
    return Html("## The journey so far {#journey-so-far}\n\n" + milestone_list(authority, milestones))


def coming_up(authority: Authority, context: SiteContext) -> Html:
    """Boards, meetings and visits dated after the record ends: planned, so kept out of the journey so far."""
    planned = journey.planned_milestones(authority, context.built_at)
    if planned.empty:
        return Html("")
    lead = planned_note(context, record_ends(authority, context.built_at),
                        record_ends_label(authority, context.built_at))
    return Html("## Planned {#planned}\n\n" + lead + "\n" + milestone_list(authority, planned, "timeline planned"))


def milestone_list(authority: Authority, milestones, css_class: str = "timeline") -> Html:
    link_to = href(in_section(authority.slug, OVERVIEW), in_section(authority.slug, JOURNEY))
    items = []
    for row in milestones.to_dict("records"):
        grades = journey.judgements_of(authority, row["milestone_id"])
        overall = next((g for j, g in grades if j == OVERALL), None)
        when = f'<time datetime="{machine_date(row)}">{text(date_label(row["date"]))}</time>'
        label = internal_link(f"{link_to}#{milestone_anchor(row['milestone_id'])}", row["title"])
        grade = Html(f" &#8212; judged {text(overall)}") if overall else Html("")
        items.append(Html(f"{when}: {label}{grade}"))
    return bullet_list(items, css_class)


# HTML's <time> takes a month (2014-03) or a year (2010) as well as a day: as precise as the paper.
MACHINE_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


def machine_date(row: dict) -> str:
    return row["date_date"].strftime(MACHINE_FORMATS.get(row.get("date_precision", "day"), "%Y-%m-%d"))


def lag_words(lag: RatingsLag) -> str:
    """'These ratings are from the report of 5 November 2018; the later papers, to March 2019, give no
    new ratings.'"""
    return (f"These ratings are from the report of {date_label(lag.reported)}; the later papers, to "
            f"{lag.papers_to}, give no new ratings.")


def ratings_now(authority: Authority, summary: Summary) -> Html:
    counts, tallies = summary.ratings, summary.tallies
    if not counts and not tallies:
        return Html("")
    parts = ["## Ratings now {#ratings-now}"]
    if counts:
        reported = summary.latest_report
        when = f" ({text('reported ' + date_label(reported))})" if reported is not None else ""
        parts.append(paragraph(Html(f"Plan actions by their latest rating{when}: {ratings_summary(counts)}.")))
    if summary.ratings_lag is not None:
        parts.append(paragraph(lag_words(summary.ratings_lag), "ratings-lag"))
    if counts:
        meanings = ratings.rag_meanings(authority)
        parts.append(definitions([(rating, meaning) for rating, meaning in meanings.items()], "rag-key"))
    for tally in tallies:
        parts.append(paragraph(Html(f"{text(tally.subject)} ({text(date_label(tally.report_date))}): "
                                    f"{ratings_summary(tally.counts)}.")))
    return Html("\n\n".join(parts))


def indicators_section(authority: Authority, statuses: tuple[IndicatorStatus, ...]) -> Html:
    """Which indicators are improving or worsening, and where each stands against its target."""
    moved = directions(statuses)
    moving = moved.moving
    if not moving and not moved.unsettled:
        return Html("")
    here = in_section(authority.slug, OVERVIEW)
    rows = [[internal_link(href(here, in_section(authority.slug, indicator_path(s.indicator["indicator_id"]))),
                           s.indicator["title"]),
             s.direction.capitalize(), _latest(s), status_tag(s.status)] for s in moving]
    columns = [Column("Indicator", row_header=True), Column("Since the previous figure"),
               Column("Latest figure"), Column("Against target")]
    lead = paragraph(" ".join(filter(None, (moving_words(moved) if moving else "", unsettled_words(moved)))))
    listed = table("Indicators whose latest figure changed, by polarity", columns, rows, "moving-indicators")
    return Html("## Indicators: improving or worsening {#indicators-moving}\n\n" + lead + "\n"
                + (listed if rows else ""))


def _latest(status: IndicatorStatus) -> Html:
    return text(latest_words(status))


def changes(authority: Authority, summary: Summary) -> Html:
    """What changed at each of the latest reports (the domain works it out)."""
    return Html("## What changed since the previous report {#changes}\n\n" + follow_changes(authority) + "\n"
                + changes_markdown(list(summary.changes), 3, 3))


def follow_changes(authority: Authority) -> Html:
    """A link to the authority's Atom feed (feeds/<slug>.xml at the site root), for feed readers."""
    feed = href(in_section(authority.slug, OVERVIEW), feed_path(authority.slug))
    return paragraph(Html(f"Follow changes: {internal_link(feed, 'Atom feed')} "
                          "(add this address to a feed reader to hear of each new report)."), "follow-changes")


def contents(authority: Authority) -> Html:
    here = in_section(authority.slug, OVERVIEW)
    pages = [(PLAN, "The improvement plan", "themes, actions and their ratings over time"),
             (INDICATORS, "Indicators", "each performance indicator with its chart and figures"),
             (JOURNEY, "The journey", "inspections, visits, notices and what they found"),
             (SCRUTINY, "Scrutiny", "the scrutiny committee's recommendations and responses, and what the papers "
                                    "asked it to do"),
             (DATA, "Data", "every table to download, and the licence")]
    items = [Html(f"{internal_link(href(here, in_section(authority.slug, path)), name)}: {text(what)}")
             for path, name, what in pages]
    return Html("## More about this journey {#more}\n\n" + bullet_list(items))
