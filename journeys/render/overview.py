"""An authority's overview: the journey at a glance."""

from __future__ import annotations

from journeys import pictures
from journeys.model import Authority
from journeys.render import (DATA, INDICATORS, JOURNEY, OVERVIEW, PLAN, SCRUTINY, Page, SiteContext, href,
                             in_section, indicator_path)
from journeys.render import facts
from journeys.render.common import (make_page, milestone_anchor, opening, planned_note, ratings_summary, status_tag,
                                    title_of)
from journeys.render.markup import Column, Html, bullet_list, definitions, internal_link, paragraph, table, text


def page(authority: Authority, context: SiteContext, statuses: list[facts.IndicatorStatus]) -> Page:
    title = title_of(authority, "overview")
    parts = [opening(title, context, facts.as_at(authority, *authority.tables.values())),
             at_a_glance(authority, context),
             pictures.overview_pictures(authority, context.built_at, statuses),  # issue 16: the pictures
             timeline(authority, context), coming_up(authority, context),
             ratings(authority), indicators_section(authority, statuses), changes(authority, context),
             contents(authority)]
    return make_page(OVERVIEW, title, "Overview", parts)


def at_a_glance(authority: Authority, context: SiteContext) -> Html:
    inspection = facts.latest_inspection(authority, context.built_at)
    report = facts.latest_report_date(authority)
    grade = _grade_text(inspection)
    return Html("## At a glance {#at-a-glance}\n\n" + definitions([
        ("Latest Ofsted judgement", grade),
        ("DfE intervention", facts.intervention_status(authority, context.built_at)),
        ("Latest progress report", facts.date_label(report) if report is not None else "None published"),
        ("Plan actions by current rating", ratings_summary(facts.rag_summary(authority)) or "No ratings published"),
    ]))


def _grade_text(inspection: facts.Inspection | None) -> Html:
    if inspection is None:
        return text("No graded inspection recorded")
    if inspection.overall:
        return text(f"{inspection.overall} ({inspection.title}, {inspection.when})")
    judged = "; ".join(f"{judgement}: {grade}" for judgement, grade in inspection.judgements)
    return text(f"No overall grade. {judged} ({inspection.title}, {inspection.when})")


def timeline(authority: Authority, context: SiteContext) -> Html:
    """Milestones up to the end of the record in date order, each with its grade when it has one."""
    milestones = facts.journey_so_far(authority, context.built_at)
    if milestones.empty:
        return Html("")
    return Html("## The journey so far {#journey-so-far}\n\n" + milestone_list(authority, milestones))


def coming_up(authority: Authority, context: SiteContext) -> Html:
    """Boards, meetings and visits dated after the record ends: planned, so kept out of the journey so far."""
    planned = facts.planned_milestones(authority, context.built_at)
    if planned.empty:
        return Html("")
    lead = planned_note(context, facts.record_ends(authority, context.built_at))
    return Html("## Planned {#planned}\n\n" + lead + "\n" + milestone_list(authority, planned, "timeline planned"))


def milestone_list(authority: Authority, milestones, css_class: str = "timeline") -> Html:
    link_to = href(in_section(authority.slug, OVERVIEW), in_section(authority.slug, JOURNEY))
    items = []
    for row in milestones.to_dict("records"):
        grades = facts.judgements_of(authority, row["milestone_id"])
        overall = next((g for j, g in grades if j == facts.OVERALL), None)
        when = f'<time datetime="{row["date_date"]:%Y-%m-%d}">{text(facts.date_label(row["date"]))}</time>'
        label = internal_link(f"{link_to}#{milestone_anchor(row['milestone_id'])}", row["title"])
        grade = Html(f" &#8212; judged {text(overall)}") if overall else Html("")
        items.append(Html(f"{when}: {label}{grade}"))
    return bullet_list(items, css_class)


def ratings(authority: Authority) -> Html:
    counts = facts.rag_summary(authority)
    tallies = facts.latest_tallies(authority)
    if not counts and not tallies:
        return Html("")
    parts = ["## Ratings now {#ratings-now}"]
    if counts:
        parts.append(paragraph(Html(f"Plan actions by their latest rating: {ratings_summary(counts)}.")))
        meanings = facts.rag_meanings(authority)
        parts.append(definitions([(rating, meaning) for rating, meaning in meanings.items()], "rag-key"))
    for tally in tallies:
        parts.append(paragraph(Html(f"{text(tally.subject)} ({text(facts.date_label(tally.report_date))}): "
                                    f"{ratings_summary(tally.counts)}.")))
    return Html("\n\n".join(parts))


def indicators_section(authority: Authority, statuses: list[facts.IndicatorStatus]) -> Html:
    """Which indicators are improving or worsening, and where each stands against its target."""
    moving = [s for s in statuses if s.direction in ("improving", "worsening")]
    if not moving:
        return Html("")
    here = in_section(authority.slug, OVERVIEW)
    rows = [[internal_link(href(here, in_section(authority.slug, indicator_path(s.indicator["indicator_id"]))),
                           s.indicator["title"]),
             s.direction.capitalize(), _latest(s), status_tag(s.status)] for s in moving]
    columns = [Column("Indicator", row_header=True), Column("Since the previous figure"),
               Column("Latest figure"), Column("Against target")]
    improving = sum(s.direction == "improving" for s in moving)
    lead = paragraph(f"{improving} of {len(moving)} indicators with two comparable figures are improving; "
                     f"{len(moving) - improving} are worsening.")
    return Html("## Indicators: improving or worsening {#indicators-moving}\n\n" + lead + "\n"
                + table("Indicators whose latest figure changed, by polarity", columns, rows, "moving-indicators"))


def _latest(status: facts.IndicatorStatus) -> Html:
    ind = status.indicator
    return text(f"{facts.format_value(status.latest.number, ind['unit'], ind['decimals'])} ({status.latest.label})")


def changes(authority: Authority, context: SiteContext) -> Html:
    """What changed at each of the latest reports (journeys.changes works it out)."""
    from journeys.changes import changes_markdown, what_changed

    return Html("## What changed since the previous report {#changes}\n\n" + follow_changes(authority) + "\n"
                + changes_markdown(what_changed(authority, context.built_at), 3, 3))


def follow_changes(authority: Authority) -> Html:
    """A link to the authority's Atom feed (feeds/<slug>.xml at the site root), for feed readers."""
    from journeys.feeds import feed_path

    feed = href(in_section(authority.slug, OVERVIEW), feed_path(authority.slug))
    return paragraph(Html(f"Follow changes: {internal_link(feed, 'Atom feed')} "
                          "(add this address to a feed reader to hear of each new report)."), "follow-changes")


def contents(authority: Authority) -> Html:
    here = in_section(authority.slug, OVERVIEW)
    pages = [(PLAN, "The improvement plan", "themes, actions and their ratings over time"),
             (INDICATORS, "Indicators", "each performance indicator with its chart and figures"),
             (JOURNEY, "The journey", "inspections, visits, notices and what they found"),
             (SCRUTINY, "Scrutiny", "the scrutiny committee's recommendations and responses"),
             (DATA, "Data", "every table to download, and the licence")]
    items = [Html(f"{internal_link(href(here, in_section(authority.slug, path)), name)}: {text(what)}")
             for path, name, what in pages]
    return Html("## More about this journey {#more}\n\n" + bullet_list(items))
