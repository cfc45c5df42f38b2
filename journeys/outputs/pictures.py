"""The journey at a glance (issue 16): pictures drawn at build time as static, accessible SVG.

Three pictures for an authority's overview, each from an Altair template like the indicator
charts (journeys.outputs.picture_specs), each with a sentence that says what it shows and the
same facts as a table:

    timeline_picture   inspections (with grades), visits, notices and boards along the years,
                       with the end of the record marked
    progress_picture   for each report, its actions counted by the authority's own ratings
    glance_picture     a sparkline per indicator, grouped by theme, with its target, its
                       status in words and a link to its page

The facts each picture draws are worked out once, in journeys.domain.pictures; the picture, its
summary and its table are all made from those facts, never from the tables again.
"""

from __future__ import annotations

import json
from datetime import datetime

from journeys.domain.figures import IndicatorStatus
from journeys.domain.pictures import (
    LANE_ORDER,
    RECENT,
    Glance,
    JourneyTimeline,
    ReportRatings,
    authority_timeline,
    indicators_glance,
    plan_progress,
)
from journeys.model import Authority
from journeys.model.vocabulary import NO_POLARITY
from journeys.outputs import vega, wording
from journeys.outputs.drawing import Drawing
from journeys.outputs.markup import Column, Html, chart_region, internal_link, table, text, unindexed
from journeys.outputs.page import OVERVIEW, href, in_section, indicator_path
from journeys.outputs.picture_specs import progress_spec, sparkline_template, timeline_spec
from journeys.outputs.wording import counted, word_list

# --- Words: each picture's sentence, from the same facts as its drawing ---------------------

LANE_NOUNS = {"Inspections": ("inspection", "inspections"), "Visits": ("visit", "visits"),
              "Notices and directions": ("notice or direction event", "notice and direction events"),
              "Improvement boards": ("improvement board", "improvement boards")}


def timeline_summary(timeline: JourneyTimeline) -> str:
    """The sentence that says what the timeline shows: how many of each, the grades, the end."""
    if not timeline.events:
        return "No inspections, visits, notices or boards are recorded."
    first, last = timeline.events[0], timeline.events[-1]
    counts = [counted(sum(e.lane == lane for e in timeline.events), *LANE_NOUNS[lane])
              for lane in LANE_ORDER if any(e.lane == lane for e in timeline.events)]
    graded = [f"{e.grade} ({e.date_label})" for e in timeline.events if e.grade]
    sentence = f"From {first.date_label} to {last.date_label}: {word_list(counts)}."
    if graded:
        sentence += f" Overall judgements: {'; '.join(graded)}."
    if timeline.record_ends is not None:
        sentence += f" The record ends with the latest papers, {timeline.ends_label}."
    return sentence


def progress_summary(reports: list[ReportRatings]) -> str:
    """The sentence that says what the bars show: the first and the latest report's counts."""
    if not reports:
        return "No report has rated the plan's actions yet."

    def counts(report: ReportRatings) -> str:
        return f"{counted(report.total, 'action', 'actions')} rated: " + ", ".join(
            f"{c.count} {c.rating}" for c in report.counts)
    latest = reports[-1]
    sentence = f"{counted(len(reports), 'report', 'reports')}. Latest, {latest.date_label}: {counts(latest)}."
    if len(reports) > 1:
        sentence += f" First, {reports[0].date_label}: {counts(reports[0])}."
    return sentence


def status_words(status: IndicatorStatus) -> str:
    """'Missed target; improving': where it stands against its target, then its direction."""
    words = [wording.STATUS_WORDS[status.status]] if status.status else (
        ["Standing not said"] if wording.unsaid(status) else
        ["No target"] if status.indicator["polarity"] != NO_POLARITY else ["Activity measure"])
    if status.direction:
        words.append(status.direction)
    return "; ".join(words)


def figure_words(number: float, label: str, indicator: dict) -> str:
    """'24.1% (October 2016)': a figure and its period."""
    return wording.figure_words(number, label, indicator)


def latest_words(glance: Glance) -> str:
    """The latest figure (as the paper states it), and how much older than the papers it is when it is much older."""
    return wording.latest_words(glance.status)


def target_words(glance: Glance) -> str:
    return wording.target_words(glance.status)


def first_words(glance: Glance) -> str:
    return figure_words(glance.first.number, glance.first.label, glance.status.indicator) if glance.first else ""


def glance_words(glance: Glance) -> str:
    """What a sparkline's card says: its status, its latest (or only) figure (and that it is not drawn,
    when it is a bound, a change or of a period not stated) and its target."""
    status = glance.status
    latest = "Only figure" if len(glance.points) == 1 and not status.stated else "Latest"
    words = f"{status_words(status).capitalize()}. {latest} {latest_words(glance)}"
    if status.stated:
        words += f" (not drawn: {wording.NOT_DRAWN[status.stated]})"
    has_target = status.target or status.later_target or status.earlier_target
    return words + (f"; target {target_words(glance)}." if has_target else ".")


def glance_summary(glances: list[Glance]) -> str:
    """How many indicators, and how many met, were within tolerance of, or missed their targets; and
    how many have a target their latest figure, as the paper states it, does not settle."""
    if not glances:
        return "No indicator has figures yet."
    tallies = {status: sum(g.status.status == status for g in glances) for status in wording.STATUS_WORDS}
    stood = [f"{n} {wording.STATUS_WORDS[status].lower()}" for status, n in tallies.items() if n]
    unsettled = sum(bool(wording.unsaid(g.status)) for g in glances)
    if unsettled:
        stood.append(f"{unsettled} whose latest figure (a bound, a change or of a period not stated) does not "
                     "settle its target")
    untargeted = len(glances) - sum(tallies.values()) - unsettled
    if untargeted:
        stood.append(f"{untargeted} without a target")
    return f"{counted(len(glances), 'indicator', 'indicators')} with figures: {word_list(stood)}."


# --- On the page --------------------------------------------------------------------------------

def overview_pictures(authority: Authority, now: datetime, statuses: tuple[IndicatorStatus, ...],
                      drawing: Drawing) -> Html:
    """The three pictures for an authority's overview, each with its summary and its table."""
    glances = indicators_glance(list(statuses), authority.table("observations"), authority.table("themes"))
    return Html("\n\n".join(part for part in (timeline_picture(authority_timeline(authority, now), drawing),
                                              progress_picture(plan_progress(authority), drawing),
                                              glance_picture(authority.slug, glances, drawing)) if part))


def figure(picture_id: str, heading: str, spec: dict, summary: str, drawing: Drawing) -> Html:
    """A heading naming the picture, the drawing at its true size, and the summary as its caption."""
    label, caption = f"{picture_id}-label", f"{picture_id}-summary"
    svg = vega.embed_svg(vega.svg(spec, drawing), picture_id, label, caption)
    return Html(f"## {text(heading)} {{#{label}}}\n\n<figure class=\"chart picture\" id=\"{picture_id}\">\n"
                f"{chart_region(svg, label)}\n<figcaption id=\"{caption}\">{text(summary)}</figcaption>\n</figure>\n")


def timeline_picture(timeline: JourneyTimeline, drawing: Drawing) -> Html:
    if not timeline.events:
        return Html("")
    rows = [[e.date_label, e.what, e.title, e.grade or ""] for e in timeline.events]
    columns = unindexed([Column("Date", row_header=True), Column("What"), Column("Title", prose=True),
                         Column("Overall judgement")])
    return Html(figure("timeline", "The journey on a timeline", drawing.authored(timeline_spec, timeline),
                       timeline_summary(timeline), drawing)
                + table("The timeline's events", columns, rows, "timeline-table", region=True))


def progress_picture(reports: list[ReportRatings], drawing: Drawing) -> Html:
    if not reports:
        return Html("")
    ratings = list(dict.fromkeys(c.rating for report in reports for c in report.counts))
    rows = [[r.date_label, *[next((str(c.count) for c in r.counts if c.rating == rating), "0") for rating in ratings],
             str(r.total)] for r in reports]
    columns = unindexed([Column("Report", row_header=True)] + [Column(rating, numeric=True) for rating in ratings]
                        + [Column("Actions rated", numeric=True)])
    return Html(figure("plan-progress", "Plan actions by rating at each report",
                       drawing.authored(progress_spec, reports), progress_summary(reports), drawing)
                + table("Actions at each report, by the authority's rating", columns, rows, "plan-progress-table",
                        region=True))


def sparkline_spec(glance: Glance, drawing: Drawing) -> dict:
    """The sparkline template with this indicator's figures (and target) as its datasets."""
    rows = [{"day": day.strftime("%Y-%m-%d"), "value": value} for day, value in glance.points]
    target = glance.status.target.target if glance.status.target else None
    target = None if target is None or target != target else target  # a strict target or a range: in words only
    spec = json.loads(drawing.authored(sparkline_template, target is not None))
    spec["datasets"] = {"points": rows, "latest": rows[-1:], "target": [{"value": target}]}
    return spec


def one_figure(glance: Glance) -> str:
    """In place of a sparkline, an indicator's only figure, as large as a line would be tall."""
    ind = glance.status.indicator
    figure = wording.reading_words(glance.status.latest, ind["unit"], ind["decimals"])  # as the paper states it
    return f'<p class="glance-figure">{text(figure)}</p>'


def glance_picture(slug: str, glances: list[Glance], drawing: Drawing) -> Html:
    """Small multiples: per theme, a list of indicators, each a link, a sparkline and its status."""
    if not glances:
        return Html("")
    here = in_section(slug, OVERVIEW)
    parts = ["## Indicators at a glance {#glance-label}\n",
             f'<p id="glance-summary">{text(glance_summary(glances))} Each line shows up to {RECENT} recent '
             "figures; the dashed line is the target."
             + (" An indicator with one figure shows the figure." if any(len(g.points) == 1 for g in glances) else "")
             + "</p>\n"]
    for theme in dict.fromkeys(g.theme for g in glances):
        parts.append(f'<h3 class="glance-theme">{text(theme)}</h3>\n<ul class="glance" data-pagefind-ignore="all">')
        for g in (g for g in glances if g.theme == theme):
            key = f"glance-{g.indicator_id}"
            svg = (vega.embed_svg(vega.svg(sparkline_spec(g, drawing), drawing), key, f"{key}-name", f"{key}-status")
                   if len(g.points) > 1 else one_figure(g))  # one figure is shown as the figure, not a line
            link = internal_link(href(here, in_section(slug, indicator_path(g.indicator_id))), g.title)
            parts.append(f'<li><p class="glance-name" id="{key}-name">{link}</p>{svg}'
                         f'<p class="glance-status" id="{key}-status">{text(glance_words(g))}</p></li>')
        parts.append("</ul>\n")
    rows = [[g.title, g.theme, first_words(g), latest_words(g),
             target_words(g), status_words(g.status)] for g in glances]
    columns = unindexed([Column("Indicator", row_header=True), Column("Theme"), Column("First shown"),
                         Column("Latest"), Column("Target"), Column("Status")])
    return Html("\n".join(parts) + "\n"
                + table("The indicators at a glance", columns, rows, "glance-table", region=True))
