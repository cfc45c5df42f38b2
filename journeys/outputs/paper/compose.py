"""From the domain's facts to the paper's content (content.Paper): wording only, no rule.

Each fact comes from journeys.domain (the Summary, the target rule and its rounding, "as at",
what changed, the ratings) and is worded as the site words it (outputs.wording, outputs.changes,
outputs.pictures); the drawings are the site's own specs, drawn with the Drawing the caller gives
(the build's: each drawing kept by its spec, so the paper's are the site's, drawn once).
"""

from __future__ import annotations

from datetime import date

from journeys.domain import summarise
from journeys.domain.actions import actions_by_rating
from journeys.domain.comparators import latest_comparators
from journeys.domain.figures import MISSED, WORSENING, IndicatorStatus, gaps, not_drawn, not_printed
from journeys.domain.pictures import Glance, indicators_glance
from journeys.domain.ratings import rag_summary
from journeys.domain.reports import Report, as_it_stood, changed_between, end_of
from journeys.domain.summary import Summary
from journeys.model import Authority
from journeys.model.periods import date_label, format_date
from journeys.model.vocabulary import NO_POLARITY
from journeys.outputs import charts, pictures, vega
from journeys.outputs.changes import change_lines, report_title
from journeys.outputs.drawing import Drawing
from journeys.outputs.pages import chart_kinds
from journeys.outputs.pages.common import document_details, papers
from journeys.outputs.pages.overview import lag_words
from journeys.outputs.paper.content import (
    LANGUAGE,
    ActionGroup,
    ActionLine,
    ChangeGroup,
    ChartSection,
    Cover,
    Fact,
    IndicatorLine,
    Paper,
    Picture,
    RatingLine,
    Source,
)
from journeys.outputs.wording import (
    STATUS_WORDS,
    bracketed,
    describe,
    direction_unsaid,
    format_value,
    latest_words,
    reading_words,
    report_words,
    stated_words,
    target_words,
    unsaid,
)


def plain(words: str) -> str:
    """What the site's wording functions get instead of its Markdown escaping: the text as it is
    (each rendering of the paper escapes it in its own way)."""
    return words


class Sources:
    """The papers the paper cites, numbered in order of first citation, with every locator cited."""

    def __init__(self, authority: Authority):
        self._papers = papers(authority)
        self._cited: dict[str, list[str]] = {}

    def cite(self, document_id: str, section: str = "") -> str:
        """The paper's number ('2'), or '' for a paper the record does not hold; the locator
        (`section`) is listed with the paper among the sources."""
        if document_id not in self._papers:
            return ""
        locators = self._cited.setdefault(document_id, [])
        if section and section not in locators:
            locators.append(section)
        return str(list(self._cited).index(document_id) + 1)

    def listed(self) -> tuple[Source, ...]:
        return tuple(Source(number, self._papers[doc]["title"], document_details(self._papers[doc]),
                            self._papers[doc]["url"], tuple(locators))
                     for number, (doc, locators) in enumerate(self._cited.items(), start=1))


def compose(authority: Authority, report: Report, since: Report | None, *, committee: str, draft: str,
            drawing: Drawing, today: date) -> Paper:
    """The paper for `report`, compared with `since`. `authority`: the record as it stood at the
    report (reports.as_it_stood), embargo and disclosure control applied as the build applies them."""
    summary = summarise(authority, end_of(report.day))
    sources = Sources(authority)
    before = rag_summary(as_it_stood(authority, since.day)) if since else None
    return Paper(
        LANGUAGE, cover(authority, summary, report, since, committee, draft, today), summary_facts(summary),
        rating_lines(summary, before), ratings_notes(summary), changes(authority, report, since),
        pictures.glance_summary(glances(authority, summary)),
        indicator_lines(authority, summary, sources, drawing), chart_sections(authority, summary, drawing),
        action_groups(authority, sources), sources.listed())


def cover(authority: Authority, summary: Summary, report: Report, since: Report | None, committee: str,
          draft: str, today: date) -> Cover:
    as_at = f"{summary.as_at.label} ({summary.as_at.paper})" if summary.as_at else "No figures published"
    return Cover(f"{authority.name}: children's services improvement progress report", authority.name, committee,
                 report.label, report.title, as_at,
                 since.label if since else "the start of the record", draft,
                 f"Made on {format_date(today)} from {authority.name}'s published data, by the same rules as "
                 "its pages on the improvement journeys site.")


def summary_facts(summary: Summary) -> tuple[Fact, ...]:
    inspection = summary.inspection
    if inspection is None:
        judged = "No graded inspection recorded"
    elif inspection.overall:
        judged = f"{inspection.overall} ({inspection.title}, {inspection.when})"
    else:
        grades = "; ".join(f"{judgement}: {grade}" for judgement, grade in inspection.judgements)
        judged = f"No overall grade. {grades} ({inspection.title}, {inspection.when})"
    counts = ", ".join(f"{c.count} {c.rating}" for c in summary.ratings) or "No ratings published"
    board = summary.board
    facts = [Fact("Latest Ofsted judgement", judged), Fact("DfE intervention", summary.intervention),
             Fact("Latest report", report_words(summary.report) if summary.report is not None else "None published"),
             Fact("Latest meeting reported", f"{board.board}, {board.date_label}") if board else None,
             Fact("Plan actions by current rating", counts)]
    return tuple(fact for fact in facts if fact is not None)  # as the overview's "At a glance" lists them


def rating_lines(summary: Summary, before) -> tuple[RatingLine, ...]:
    """Each rating now, beside the previous report's count (ratings it no longer has included)."""
    now = {c.rating: c for c in summary.ratings}
    then = {c.rating: c for c in before or []}
    lines = []
    for rating in list(now) + [rating for rating in then if rating not in now]:
        count = now[rating].count if rating in now else 0
        meaning = (now.get(rating) or then.get(rating)).meaning
        previous = then[rating].count if rating in then else (0 if before is not None else None)
        lines.append(RatingLine(rating, meaning, previous, count, _moved(previous, count)))
    return tuple(lines)


def _moved(before: int | None, now: int) -> str:
    if before is None:
        return ""
    return "no change" if now == before else f"up {now - before}" if now > before else f"down {before - now}"


def ratings_notes(summary: Summary) -> tuple[str, ...]:
    notes = [f"{tally.subject} ({date_label(tally.report_date)}): "
             + ", ".join(f"{c.count} {c.rating}" for c in tally.counts) + "." for tally in summary.tallies]
    return tuple(notes + ([lag_words(summary.ratings_lag)] if summary.ratings_lag else []))


def changes(authority: Authority, report: Report, since: Report | None) -> tuple[ChangeGroup, ...]:
    """Newest first, as the overview lists them."""
    found = changed_between(authority, report, since)
    return tuple(ChangeGroup(report_title(r), tuple(change_lines(r, escape=plain))) for r in reversed(found))


def glances(authority: Authority, summary: Summary) -> list[Glance]:
    return indicators_glance(list(summary.statuses), authority.table("observations"),
                                      authority.table("themes"))


def indicator_lines(authority: Authority, summary: Summary, sources: Sources,
                    drawing: Drawing) -> tuple[IndicatorLine, ...]:
    """The performance table: every indicator, in theme order as the overview's glance lists them,
    then those with no figures."""
    by_id = {g.indicator_id: g for g in glances(authority, summary)}
    statuses = sorted(summary.statuses, key=lambda s: (s.indicator_id not in by_id,
                                                       list(by_id).index(s.indicator_id) if s.indicator_id in by_id
                                                       else 0))
    comparators = latest_comparators(authority)
    cited = _latest_sources(authority)
    return tuple(_line(s, by_id.get(s.indicator_id), comparators.get(s.indicator_id, ()), sources,
                       cited.get((s.indicator_id, s.latest.period) if s.latest else None), drawing)
                 for s in statuses)


def _latest_sources(authority: Authority) -> dict[tuple[str, str], tuple[str, str]]:
    observations = authority.table("observations")
    return {(key, period): (source, section) for key, period, source, section in zip(
        observations["indicator_id"], observations["period"], observations["source"], observations["source_section"])}


def _line(status: IndicatorStatus, glance: Glance | None, comparators, sources: Sources, cited,
          drawing: Drawing) -> IndicatorLine:
    ind = status.indicator
    previous = (f"{reading_words(status.previous, ind['unit'], ind['decimals'])} {bracketed(status.previous.label)}"
                if status.previous else "")
    standing = (STATUS_WORDS[status.status] if status.status else f"Not said: {unsaid(status)}" if unsaid(status)
                else "No target" if ind["polarity"] != NO_POLARITY else "Activity measure")
    moved = status.direction or ("Not said" if direction_unsaid(status) else "Not enough figures")
    compared = "; ".join(comparator_words(c, ind) for c in comparators)
    for c in comparators:
        sources.cite(c.source, c.source_section)
    return IndicatorLine(ind["indicator_id"], ind["title"], glance.theme if glance else "", latest_words(status),
                         previous, target_words(status), standing, status.status or "", moved.capitalize(),
                         compared, sources.cite(*cited) if cited else "", sparkline(glance, drawing))


def comparator_words(comparator, indicator: dict) -> str:
    """'England (median): 22.3% (2015/16)': the figure as the indicator page's comparators table shows it."""
    unit, decimals = indicator["unit"], indicator["decimals"]
    figure = (format_value(comparator.number, unit, decimals) if comparator.number is not None
              else stated_words(comparator.value, unit, decimals))
    return (f"{charts.comparator_label(comparator.comparator, comparator.statistic, comparator.area)}: {figure} "
            f"({comparator.period_label})")


def sparkline(glance: Glance | None, drawing: Drawing) -> Picture | None:
    if glance is None:
        return None
    first = pictures.figure_words(glance.first.number, glance.first.label, glance.status.indicator)
    alt = (f"Line of the latest {len(glance.points)} figures, from {first} to {pictures.latest_words(glance)}"
           + (f"; target {pictures.target_words(glance)}." if glance.status.target is not None else "."))
    return Picture(vega.svg(pictures.sparkline_spec(glance, drawing), drawing), alt)


def needs_chart(status: IndicatorStatus) -> bool:
    """Off target or worsening: what a committee asks about."""
    return status.status == MISSED or status.direction == WORSENING


def chart_sections(authority: Authority, summary: Summary, drawing: Drawing) -> tuple[ChartSection, ...]:
    wanted = [s for s in summary.statuses if needs_chart(s)]
    if not wanted:
        return ()
    specs = charts.indicator_specs(authority, drawing, chart_kinds(summary), {s.indicator_id for s in wanted})
    observations = dict(tuple(authority.table("observations").groupby("indicator_id", sort=False)))
    empty = authority.table("observations").iloc[0:0]
    return tuple(ChartSection(s.indicator_id, s.indicator["title"], pictures.status_words(s).capitalize(),
                              Picture(vega.svg(specs[s.indicator_id], drawing),
                                      summary_of(s, observations.get(s.indicator_id, empty))))
                 for s in wanted if s.indicator_id in specs)


def summary_of(status: IndicatorStatus, rows) -> str:
    """The chart's summary, as its indicator page captions it: its gaps, the figures the papers do not
    print, and those it does not draw."""
    return describe(status, gaps(rows), not_printed(rows), True, not_drawn(rows))


def action_groups(authority: Authority, sources: Sources) -> tuple[ActionGroup, ...]:
    return tuple(ActionGroup(group.rating, group.meaning, tuple(
        ActionLine(a.action_id, a.action, date_label(a.reported), a.evidence, a.next_steps,
                   sources.cite(a.source, a.source_section)) for a in group.actions))
        for group in actions_by_rating(authority))
