"""The journey at a glance (issue 16): pictures drawn at build time as static, accessible SVG.

Three pictures for an authority's overview, each from an Altair template like the indicator
charts, each with a sentence that says what it shows and the same facts as a table:

    journey_timeline   inspections (with grades), visits, notices and boards along the years,
                       with the end of the record marked
    plan_progress      for each report, its actions counted by the authority's own ratings
    indicators_glance  a sparkline per indicator, grouped by theme, with its target, its
                       status in words and a link to its page

The facts each picture draws are worked out once, by the small pure functions in the first
part of this module (they belong with the domain layer and can move there as they are); the
picture, its summary and its table are all made from those facts, never from the tables again.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from functools import cache

import pandas as pd

from journeys import charts
from journeys.domain.dates import record_ends, record_ends_label
from journeys.domain.figures import IndicatorStatus, main_kinds, theme_of, theme_order
from journeys.domain.ratings import RatingCount
from journeys.domain.summary import Standing
from journeys.model import Authority
from journeys.periods import date_label
from journeys.render import HOME, OVERVIEW, facts, href, in_section, indicator_path
from journeys.vocabulary import OVERALL
from journeys.render.markup import Column, Html, chart_region, internal_link, rag_class, table, text, unindexed

# --- Facts -------------------------------------------------------------------------------------

# Which milestones the timeline draws, on which line. Plans, scrutiny meetings, reviews and
# other events are on the journey page; the timeline keeps to what the issue asks for.
LANES = {
    "inspection": "Inspections", "joint targeted area inspection": "Inspections",
    "monitoring visit": "Visits", "focused visit": "Visits",
    "improvement notice issued": "Notices and directions", "improvement notice reviewed": "Notices and directions",
    "improvement notice lifted": "Notices and directions", "statutory direction issued": "Notices and directions",
    "statutory direction lifted": "Notices and directions", "commissioner appointed": "Notices and directions",
    "improvement board": "Improvement boards",
}
LANE_ORDER = ["Inspections", "Visits", "Notices and directions", "Improvement boards"]
SHORT_GRADES = {"Requires improvement to be good": "Requires improvement"}


@dataclass(frozen=True)
class JourneyEvent:
    day: pd.Timestamp
    date_label: str
    lane: str
    what: str            # "Inspection", "Re-inspection", "Monitoring visit", "Improvement notice issued", …
    title: str
    grade: str | None    # overall effectiveness, for a graded inspection


@dataclass(frozen=True)
class JourneyTimeline:
    events: list[JourneyEvent]
    record_ends: pd.Timestamp | None
    ends_label: str | None = None  # as precise as the paper that ends the record


def journey_timeline(milestones: pd.DataFrame, judgements: pd.DataFrame,
                     record_ends: pd.Timestamp | None, ends_label: str | None = None) -> JourneyTimeline:
    """The milestones the timeline draws, up to the end of the record, in date order. An inspection
    after the first is a re-inspection."""
    overall = {row["milestone_id"]: row["grade"] for row in judgements.to_dict("records")
               if row["judgement"] == OVERALL}
    rows = milestones[milestones["kind"].isin(LANES) & milestones["date_date"].notna()]
    if record_ends is not None:
        rows = rows[rows["date_date"] <= record_ends]
    events, inspected = [], False
    for row in rows.sort_values(["date_date", "milestone_id"], kind="stable").to_dict("records"):
        what = str(row["kind"]).capitalize()
        if row["kind"] == "inspection":
            what, inspected = ("Re-inspection" if inspected else "Inspection"), True
        events.append(JourneyEvent(row["date_date"], date_label(row["date"]), LANES[row["kind"]], what,
                                   row["title"], overall.get(row["milestone_id"])))
    return JourneyTimeline(events, record_ends, ends_label or (record_ends and date_label(record_ends)))


def timeline_summary(timeline: JourneyTimeline) -> str:
    """The sentence that says what the timeline shows: how many of each, the grades, the end."""
    if not timeline.events:
        return "No inspections, visits, notices or boards are recorded."
    first, last = timeline.events[0], timeline.events[-1]
    counts = [f"{_count(sum(e.lane == lane for e in timeline.events), LANE_NOUNS[lane])}"
              for lane in LANE_ORDER if any(e.lane == lane for e in timeline.events)]
    graded = [f"{e.grade} ({e.date_label})" for e in timeline.events if e.grade]
    sentence = f"From {first.date_label} to {last.date_label}: {_and(counts)}."
    if graded:
        sentence += f" Overall judgements: {'; '.join(graded)}."
    if timeline.record_ends is not None:
        sentence += f" The record ends with the latest papers, {timeline.ends_label}."
    return sentence


LANE_NOUNS = {"Inspections": ("inspection", "inspections"), "Visits": ("visit", "visits"),
              "Notices and directions": ("notice or direction event", "notice and direction events"),
              "Improvement boards": ("improvement board", "improvement boards")}


def _count(number: int, nouns: tuple[str, str]) -> str:
    return f"{number} {nouns[0] if number == 1 else nouns[1]}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True)
class ReportRatings:
    day: pd.Timestamp
    date_label: str
    counts: list[RatingCount]   # in the authority's rating order, best first

    @property
    def total(self) -> int:
        return sum(c.count for c in self.counts)


def plan_progress(progress: pd.DataFrame, scale: pd.DataFrame) -> list[ReportRatings]:
    """For each report, how many actions it rated with each rating: every rating of the authority's
    plan scale in its order (zero where none), then any rating the scale does not name."""
    plan = scale[scale["scale"] == "plan"]
    rank = {r: int(k) for r, k in zip(plan["rating"], plan["rank"]) if not pd.isna(k)}
    meanings = dict(zip(plan["rating"], plan["meaning"]))
    rated = progress.dropna(subset=["report_date_date"])
    order = sorted(set(plan["rating"]) | set(rated["rating"]), key=lambda rating: (rank.get(rating, 99), rating))
    reports = []
    for day, rows in rated.groupby("report_date_date", sort=True):
        counted = rows["rating"].value_counts()
        reports.append(ReportRatings(day, date_label(day), [
            RatingCount(rating, int(counted.get(rating, 0)), meanings.get(rating, "")) for rating in order]))
    return reports


def progress_summary(reports: list[ReportRatings]) -> str:
    """The sentence that says what the bars show: the first and the latest report's counts."""
    if not reports:
        return "No report has rated the plan's actions yet."

    def counts(report: ReportRatings) -> str:
        return f"{_count(report.total, ('action', 'actions'))} rated: " + ", ".join(
            f"{c.count} {c.rating}" for c in report.counts)
    latest = reports[-1]
    sentence = f"{_count(len(reports), ('report', 'reports'))}. Latest, {latest.date_label}: {counts(latest)}."
    if len(reports) > 1:
        sentence += f" First, {reports[0].date_label}: {counts(reports[0])}."
    return sentence


RECENT = 12  # figures per sparkline: about a year of monthly figures


@dataclass(frozen=True)
class Glance:
    indicator_id: str
    title: str
    theme: str
    points: list[tuple[pd.Timestamp, float]]   # the recent figures of the indicator's main kind of period
    first: str                                  # the first and latest of them, formatted, with their periods
    latest: str
    target: float | None
    target_label: str
    status: str                                 # in words: against target, and the direction


def indicators_glance(statuses: list[IndicatorStatus], observations: pd.DataFrame,
                      themes: pd.DataFrame) -> list[Glance]:
    """Every indicator with figures, in theme order: its recent series, its target and its status."""
    order = theme_order(themes)
    grouped = dict(tuple(observations.groupby("indicator_id", sort=False)))
    kinds = dict(main_kinds(observations).itertuples(index=False))
    glances = []
    for status in statuses:
        ind, rows = status.indicator, grouped.get(status.indicator["indicator_id"])
        if status.latest is None or rows is None:
            continue
        series = rows[(rows["period_kind"] == kinds.get(ind["indicator_id"])) & rows["value_number"].notna()].sort_values("period_end")
        series = series.tail(RECENT)
        value = lambda n: facts.format_value(n, ind["unit"], ind["decimals"])  # noqa: E731
        first = series.iloc[0]
        glances.append(Glance(
            ind["indicator_id"], ind["title"], theme_of(ind, order)[1],
            [(day, float(number)) for day, number in zip(series["period_end"], series["value_number"])],
            f"{value(first['value_number'])} ({first['period_label']})",
            f"{value(status.latest.number)} ({status.latest.label})",
            status.target.target if status.target else None,
            f"{value(status.target.target)} ({status.target.label})" if status.target else "None",
            status_words(status)))
    places = {title: place for place, title in order.values()}
    glances.sort(key=lambda g: places.get(g.theme, len(order)))
    return glances


def status_words(status: IndicatorStatus) -> str:
    """'Missed target; improving': where it stands against its target, then its direction."""
    words = [facts.STATUS_WORDS[status.status]] if status.status else (
        ["No target"] if status.indicator["polarity"] != "none" else ["Activity measure"])
    if status.direction:
        words.append(status.direction)
    return "; ".join(words)


def glance_words(glance: Glance) -> str:
    """What a sparkline's card says: its status, its latest figure and its target."""
    words = f"{glance.status.capitalize()}. Latest {glance.latest}"
    return words + (f"; target {glance.target_label}." if glance.target is not None else ".")


def glance_summary(glances: list[Glance]) -> str:
    """How many indicators, and how many met, were within tolerance of, or missed their targets."""
    if not glances:
        return "No indicator has figures yet."
    tallies = {words: sum(g.status.startswith(words) for g in glances) for words in facts.STATUS_WORDS.values()}
    stood = [f"{n} {words.lower()}" for words, n in tallies.items() if n]
    untargeted = len(glances) - sum(tallies.values())
    if untargeted:
        stood.append(f"{untargeted} without a target")
    return f"{_count(len(glances), ('indicator', 'indicators'))} with figures: {_and(stood)}."


# --- Templates ----------------------------------------------------------------------------------

FONT = "Arial, Helvetica, sans-serif"
WIDTH = 560
LANE_COLOURS = ["#12436D", "#28A197", "#801650", "#F46A25"]  # Analysis Function palette, in order
LANE_SHAPES = ["circle", "square", "triangle-up", "diamond"]
# The site's RAG tag colours (site.css); each segment is outlined in near-black for 3:1 and more.
RAG_COLOURS = {"red": "#b10e1e", "amber": "#ffbf47", "green": "#00703c", "blue": "#1d70b8",
               "complete": "#505a5f", "neutral": "#f3f2f1", "none": "#f3f2f1"}


def _configured(chart) -> alt.TopLevelMixin:
    return chart.configure(aria=False, font=FONT, background="white").configure_view(stroke=None).configure_axis(
        labelFontSize=12, titleFontSize=12, labelColor="#3D3D3D", titleColor="#0B0C0C").configure_legend(
        labelFontSize=12, titleFontSize=12)


def timeline_spec(timeline: JourneyTimeline) -> dict:
    import altair as alt  # here, not above: a rebuild from the cache never pays for importing it
    lanes = [lane for lane in LANE_ORDER if any(e.lane == lane for e in timeline.events)]
    places = [LANE_ORDER.index(lane) for lane in lanes]  # each line keeps its colour and shape on every page
    rows = [{"day": e.day.strftime("%Y-%m-%d"), "lane": e.lane, "note": event_note(e)} for e in timeline.events]
    days = [e.day for e in timeline.events] + ([timeline.record_ends] if timeline.record_ends is not None else [])
    margin = max((max(days) - min(days)) / 20, pd.Timedelta(days=30))  # points clear of the lane names
    domain = [(min(days) - margin).strftime("%Y-%m-%d"), (max(days) + margin).strftime("%Y-%m-%d")]
    y = alt.Y("lane:N", title=None, sort=lanes, axis=alt.Axis(labelLimit=170, ticks=False, domain=False))
    short = max(days) - min(days) < pd.Timedelta(days=730)  # under two years: quarters, not years
    ticks = alt.Axis(format="%b %Y" if short else "%Y", grid=True, gridColor="#e0e0e0",
                     tickCount={"interval": "month", "step": 3} if short else "year")
    x = alt.X("day:T", title=None, scale=alt.Scale(domain=domain), axis=ticks)
    base = alt.Chart(alt.Data(values=rows))
    points = base.mark_point(filled=True, size=110, opacity=1, stroke="#0B0C0C", strokeWidth=1).encode(
        x=x, y=y, color=alt.Color("lane:N", scale=alt.Scale(domain=lanes, range=[LANE_COLOURS[i] for i in places]),
                                  legend=None),
        shape=alt.Shape("lane:N", scale=alt.Scale(domain=lanes, range=[LANE_SHAPES[i] for i in places]), legend=None))
    notes = base.transform_filter("datum.note").mark_text(dy=-14, fontSize=12, color="#0B0C0C").encode(
        x=x, y=y, text="note:N")
    layers = [points, notes]
    if timeline.record_ends is not None:
        end = alt.Chart(alt.Data(values=[{"day": timeline.record_ends.strftime("%Y-%m-%d"),
                                          "label": "Latest papers"}]))
        layers += [end.mark_rule(strokeDash=[4, 3], color="#0B0C0C", strokeWidth=1.5).encode(x="day:T"),
                   end.mark_text(align="right", dx=-4, y=-8, fontSize=12, color="#0B0C0C").encode(
                       x="day:T", text="label:N")]
    chart = alt.layer(*layers).properties(width=WIDTH - 170, height=44 * len(lanes))
    return _configured(chart).to_dict()


NOTES = {"Improvement notice issued": "Notice issued", "Improvement notice lifted": "Notice lifted",
         "Statutory direction issued": "Direction issued", "Statutory direction lifted": "Direction lifted",
         "Commissioner appointed": "Commissioner"}


def event_note(event: JourneyEvent) -> str:
    """The words beside an event's mark: an inspection's grade, or a notice's issue or lifting."""
    if event.grade:
        return SHORT_GRADES.get(event.grade, event.grade)
    return NOTES.get(event.what, "Re-inspection" if event.what == "Re-inspection" else "")


def whole_ticks(reports: list[ReportRatings]) -> list[int]:
    """Axis ticks at whole numbers of actions, about five of them, up to the tallest bar."""
    return whole_numbers(max((report.total for report in reports), default=0))


def whole_numbers(tallest: int) -> list[int]:
    """About five whole-number ticks from 0 to at least `tallest` (counts have no halves)."""
    step = max(1, -(-tallest // 5))
    return list(range(0, tallest + step, step))


def progress_spec(reports: list[ReportRatings]) -> dict:
    import altair as alt  # here, not above: a rebuild from the cache never pays for importing it
    order = list(dict.fromkeys(c.rating for report in reports for c in report.counts))
    meanings = {c.rating: c.meaning for report in reports for c in report.counts}
    labels = [f"{rating}: {meanings[rating]}" if meanings.get(rating) else rating for rating in order]
    rows = [{"report": report.date_label, "rating": f"{c.rating}: {c.meaning}" if c.meaning else c.rating,
             "rank": order.index(c.rating), "count": c.count} for report in reports for c in report.counts]
    colours = [RAG_COLOURS[rag_class(rating)] for rating in order]
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X("report:N", title="Report", sort=[r.date_label for r in reports], axis=alt.Axis(labelAngle=0)),
        y=alt.Y("count:Q", title="Actions", stack="zero", axis=alt.Axis(values=whole_ticks(reports), format="d")),
        order=alt.Order("rank:Q", sort="ascending"))  # the best rating at the foot
    bars = base.transform_filter("datum.count > 0").mark_bar(stroke="#0B0C0C", strokeWidth=1).encode(
        color=alt.Color("rating:N", title="The authority's ratings", sort=labels,
                        scale=alt.Scale(domain=labels, range=colours),
                        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=WIDTH,
                                          symbolStrokeColor="#0B0C0C")))
    chart = bars.properties(width=min(WIDTH, 80 * len(reports) + 60), height=200)
    return _configured(chart).to_dict()


def sparkline_spec(glance: Glance) -> dict:
    """The sparkline template with this indicator's figures (and target) as its datasets."""
    rows = [{"day": day.strftime("%Y-%m-%d"), "value": value} for day, value in glance.points]
    spec = json.loads(authored(_sparkline_template, glance.target is not None))
    spec["datasets"] = {"points": rows, "latest": rows[-1:], "target": [{"value": glance.target}]}
    return spec


@cache
def _sparkline_template(with_target: bool) -> str:
    """Authored once with Altair and filled per indicator: a line of recent figures, the latest
    one marked, the target dashed. The target's layer shares the y scale, so it is always in view."""
    import altair as alt  # here, not above: a rebuild from the cache never pays for importing it
    x, y = alt.X("day:T", axis=None), alt.Y("value:Q", axis=None, scale=alt.Scale(zero=False, nice=False))
    layers = [alt.Chart(alt.Data(name="points")).mark_line(color=charts.AUTHORITY_COLOUR, strokeWidth=2).encode(
                  x=x, y=y),
              alt.Chart(alt.Data(name="latest")).mark_point(filled=True, size=30, opacity=1,
                                                           color=charts.AUTHORITY_COLOUR).encode(x=x, y=y)]
    if with_target:
        layers.insert(0, alt.Chart(alt.Data(name="target")).mark_rule(
            strokeDash=[4, 3], color=charts.TARGET_COLOUR, strokeWidth=1.5).encode(y=y))
    chart = alt.layer(*layers).properties(width=150, height=36)
    return json.dumps(chart.configure(aria=False, background="white").configure_view(stroke=None).to_dict())


# --- On the page --------------------------------------------------------------------------------

_keeper = None


def keep_specs(keeper) -> None:
    """Let `keeper(parts, compute)` keep each picture's spec by the facts it pictures, between
    builds (the build passes the cache's). Authoring a spec means importing Altair, about a
    second; a rebuild whose change leaves a picture's facts as they were never needs it."""
    global _keeper
    _keeper = keeper


def authored(author, facts) -> dict:
    """`author(facts)`, the picture's Vega-Lite spec, kept by the facts (dataclasses, whose
    repr holds every field) when the build keeps specs. The drawing still goes through the
    chart cache, keyed by the spec."""
    if _keeper is None:
        return author(facts)
    return _keeper((author.__name__, repr(facts)), lambda: author(facts))


def overview_pictures(authority: Authority, now: datetime, statuses: list[IndicatorStatus]) -> Html:
    """The three pictures for an authority's overview, each with its summary and its table."""
    timeline = journey_timeline(authority.table("milestones"), authority.table("judgements"),
                                record_ends(authority, now), record_ends_label(authority, now))
    reports = plan_progress(authority.table("progress"), authority.table("rag_scale"))
    glances = indicators_glance(statuses, authority.table("observations"), authority.table("themes"))
    return Html("\n\n".join(part for part in (timeline_picture(timeline), progress_picture(reports),
                                              glance_picture(authority.slug, glances)) if part))


def figure(picture_id: str, heading: str, spec: dict, summary: str) -> Html:
    """A heading naming the picture, the drawing at its true size, and the summary as its caption."""
    label, caption = f"{picture_id}-label", f"{picture_id}-summary"
    svg = charts.embed_svg(charts.draw(spec), picture_id, label, caption)
    return Html(f"## {text(heading)} {{#{label}}}\n\n<figure class=\"chart picture\" id=\"{picture_id}\">\n"
                f"{chart_region(svg, label)}\n<figcaption id=\"{caption}\">{text(summary)}</figcaption>\n</figure>\n")


def timeline_picture(timeline: JourneyTimeline) -> Html:
    if not timeline.events:
        return Html("")
    rows = [[e.date_label, e.what, e.title, e.grade or ""] for e in timeline.events]
    columns = unindexed([Column("Date", row_header=True), Column("What"), Column("Title", prose=True),
                         Column("Overall judgement")])
    return Html(figure("timeline", "The journey on a timeline", authored(timeline_spec, timeline),
                       timeline_summary(timeline))
                + table("The timeline's events", columns, rows, "timeline-table", region=True))


def progress_picture(reports: list[ReportRatings]) -> Html:
    if not reports:
        return Html("")
    ratings = list(dict.fromkeys(c.rating for report in reports for c in report.counts))
    rows = [[r.date_label, *[next((str(c.count) for c in r.counts if c.rating == rating), "0") for rating in ratings],
             str(r.total)] for r in reports]
    columns = unindexed([Column("Report", row_header=True)] + [Column(rating, numeric=True) for rating in ratings]
                        + [Column("Actions rated", numeric=True)])
    return Html(figure("plan-progress", "Plan actions by rating at each report", authored(progress_spec, reports),
                       progress_summary(reports))
                + table("Actions at each report, by the authority's rating", columns, rows, "plan-progress-table",
                       region=True))


def glance_picture(slug: str, glances: list[Glance]) -> Html:
    """Small multiples: per theme, a list of indicators, each a link, a sparkline and its status."""
    if not glances:
        return Html("")
    here = in_section(slug, OVERVIEW)
    parts = ["## Indicators at a glance {#glance-label}\n",
             f'<p id="glance-summary">{text(glance_summary(glances))} Each line shows up to {RECENT} recent '
             "figures; the dashed line is the target.</p>\n"]
    for theme in dict.fromkeys(g.theme for g in glances):
        parts.append(f'<h3 class="glance-theme">{text(theme)}</h3>\n<ul class="glance" data-pagefind-ignore="all">')
        for number, g in enumerate(g for g in glances if g.theme == theme):
            key = f"glance-{g.indicator_id}"
            svg = charts.embed_svg(charts.draw(sparkline_spec(g)), key, f"{key}-name", f"{key}-status")
            link = internal_link(href(here, in_section(slug, indicator_path(g.indicator_id))), g.title)
            parts.append(f'<li><p class="glance-name" id="{key}-name">{link}</p>{svg}'
                         f'<p class="glance-status" id="{key}-status">{text(glance_words(g))}</p></li>')
        parts.append("</ul>\n")
    rows = [[g.title, g.theme, g.first, g.latest, g.target_label, g.status] for g in glances]
    columns = unindexed([Column("Indicator", row_header=True), Column("Theme"), Column("First shown"),
                         Column("Latest"), Column("Target"), Column("Status")])
    return Html("\n".join(parts) + "\n"
                + table("The indicators at a glance", columns, rows, "glance-table", region=True))


# --- Comparison charts: one panel per kind of period (issue 16.5) --------------------------------

PANEL_TITLES = {"month": "Monthly figures", "quarter": "Quarterly figures", "financial quarter": "Quarterly figures",
                "financial year": "Financial years", "year": "Calendar years", "year to date": "Year to date",
                "day": "As at a date"}
PANEL_HEIGHT = 180


def point_kind(row: dict) -> str:
    """The kind of period of a filled chart's point: the last part of its line key (slug|series|kind)."""
    return str(row.get("line", "")).rsplit("|", 1)[-1]


def panels_by_kind(spec: dict) -> dict:
    """A filled comparison chart with one panel per kind of period, stacked, on one time axis and
    one scale of values; a line never joins a month to a year or a year to date. A chart of one
    kind is returned as it is. Targets and tolerance bands are periods of their own: every
    panel shows them."""
    points = spec["datasets"].get("points", [])
    kinds = list(dict.fromkeys(point_kind(row) for row in points))
    if len(kinds) < 2:
        return spec
    datasets, panels = {}, []
    for number, kind in enumerate(kinds):
        mine = {name: rows for name, rows in _kind_datasets(spec["datasets"], kind).items() if rows}
        datasets.update({f"{name}-{number}": rows for name, rows in mine.items()})
        layers = [_panel_layer(layer, number) for layer in spec["layer"] if layer["data"]["name"] in mine]
        panels.append({"layer": layers, "width": spec["width"], "height": PANEL_HEIGHT,
                       "title": {"text": PANEL_TITLES.get(kind, kind.capitalize()), "anchor": "start",
                                 "fontSize": 12, "fontWeight": "bold"}})
    shared = {key: value for key, value in spec.items() if key not in ("layer", "datasets", "width", "height")}
    return {**shared, "datasets": datasets, "vconcat": panels, "spacing": 24,
            "resolve": {"scale": {"x": "shared", "y": "shared"}}}


def _panel_layer(layer: dict, number: int) -> dict:
    """A layer of the chart reading its panel's dataset; the gap symbols sit at the panel's foot."""
    layer = {**layer, "data": {"name": f"{layer['data']['name']}-{number}"}}
    if layer["data"]["name"].startswith("gaps-"):
        layer["encoding"] = {**layer["encoding"], "y": {"value": PANEL_HEIGHT - 4}}
    return layer


def _kind_datasets(datasets: dict[str, list[dict]], kind: str) -> dict[str, list[dict]]:
    """The rows of each dataset that belong to a panel: its points, their spans and gaps, and every target."""
    points = [row for row in datasets.get("points", []) if point_kind(row) == kind]
    covered = {(row["series"], row["start"], row["end"]) for row in points}
    missing = {row["date"] for row in points if row["value"] is None}
    return {"points": points, "targets": datasets.get("targets", []), "bands": datasets.get("bands", []),
            "spans": [row for row in datasets.get("spans", []) if (row["series"], row["start"], row["end"]) in covered],
            "gaps": [row for row in datasets.get("gaps", []) if row["date"] in missing]}


# --- The home page: where every authority stands (issue 16.4) ------------------------------------

def how_long_ago(day: pd.Timestamp | None, now: datetime) -> tuple[int | None, str]:
    """Whole months from a day to the build date, and the same in words ('3 years and 2 months ago')."""
    if day is None:
        return None, "No graded inspection recorded"
    months = max(0, (now.year - day.year) * 12 + now.month - day.month)
    years, rest = divmod(months, 12)
    words = [_count(years, ("year", "years"))] if years else []
    words += [_count(rest, ("month", "months"))] if rest or not years else []
    return months, " and ".join(words) + " ago"


def green_share(entry: Standing) -> float | None:
    return entry.green / entry.rated if entry.rated else None


GRADE_ORDER = ["Outstanding", "Good", "Requires improvement to be good", "Adequate", "Inadequate"]


def judgement_counts(standings: list[Standing]) -> list[tuple[str, int]]:
    """How many authorities have each latest judgement, best grade first, then none recorded."""
    order = GRADE_ORDER
    counted = Counter(entry.judgement or "No graded inspection" for entry in standings)
    ranked = sorted(counted, key=lambda grade: (order.index(grade) if grade in order else len(order), grade))
    return [(grade, counted[grade]) for grade in ranked]


def standings_summary(standings: list[Standing]) -> str:
    said = [f"{n} {grade.lower() if grade != 'No graded inspection' else 'with no graded inspection'}"
            for grade, n in judgement_counts(standings)]
    return f"{_count(len(standings), ('authority', 'authorities'))} by latest Ofsted judgement: {_and(said)}."


def standings_spec(standings: list[Standing]) -> dict:
    import altair as alt  # here, not above: a rebuild from the cache never pays for importing it
    rows = [{"grade": grade, "count": n} for grade, n in judgement_counts(standings)]
    grades = [row["grade"] for row in rows]
    bars = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("grade:N", title=None, sort=grades, axis=alt.Axis(labelLimit=240, ticks=False, domain=False)),
        x=alt.X("count:Q", title="Authorities", axis=alt.Axis(values=whole_numbers(max(r["count"] for r in rows)),
                                                             format="d")))
    chart = alt.layer(bars.mark_bar(color=charts.AUTHORITY_COLOUR),
                      bars.mark_text(align="left", dx=4, fontSize=12, color="#0B0C0C").encode(text="count:Q"))
    return _configured(chart.properties(width=WIDTH - 240, height=32 * len(rows))).to_dict()


NO_REGION = "Region not given"


def standings_picture(standings: list[Standing], now: datetime, script: str) -> Html:
    """A chart of authorities by latest judgement, then a table of every authority, sortable and
    filterable by judgement and region in the browser (the table is complete and readable without JavaScript)."""
    if not standings:
        return Html("")
    rows = []
    for entry in standings:
        months, ago = how_long_ago(entry.judged, now)
        share = green_share(entry)
        rows.append([
            internal_link(href(HOME, in_section(entry.slug, OVERVIEW)), entry.name),
            Html(f'<span data-region="{text(entry.region or NO_REGION)}">{text(entry.region or NO_REGION)}</span>'),
            Html(f'<span data-judgement="{text(entry.judgement or "No graded inspection")}" '
                 f'data-value="{GRADE_ORDER.index(entry.judgement) if entry.judgement in GRADE_ORDER else ""}">'
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
    return Html(figure("standings", "Where every authority stands", authored(standings_spec, standings),
                       standings_summary(standings))
                + tools + table("Every authority: latest judgement, its age, green actions and indicators",
                                columns, rows, "standings-table", region=True)
                + f'\n<script src="{script}" defer></script>\n')
