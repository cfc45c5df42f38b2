"""The pictures' Vega-Lite specs, authored with Altair from the domain's facts (journeys.domain.pictures).

Each is a pure function of its facts, so the build keeps it by them (Drawing.authored) and a
rebuild whose facts are unchanged never imports Altair. Altair is imported inside each function
for that reason: importing it takes about a second.
"""

from __future__ import annotations

import json

import pandas as pd

from journeys.domain.pictures import LANE_ORDER, JourneyEvent, JourneyTimeline, ReportRatings, judgement_counts
from journeys.domain.summary import Standing
from journeys.outputs.charts import AUTHORITY_COLOUR, TARGET_COLOUR
from journeys.outputs.markup import rag_class

FONT = "Arial, Helvetica, sans-serif"
WIDTH = 560
LANE_COLOURS = ["#12436D", "#28A197", "#801650", "#F46A25"]  # Analysis Function palette, in order
LANE_SHAPES = ["circle", "square", "triangle-up", "diamond"]
# The site's RAG tag colours (site.css); each segment is outlined in near-black for 3:1 and more.
RAG_COLOURS = {"red": "#b10e1e", "amber": "#ffbf47", "green": "#00703c", "blue": "#1d70b8",
               "complete": "#505a5f", "neutral": "#f3f2f1", "none": "#f3f2f1"}


def _configured(chart):
    return chart.configure(aria=False, font=FONT, background="white").configure_view(stroke=None).configure_axis(
        labelFontSize=12, titleFontSize=12, labelColor="#3D3D3D", titleColor="#0B0C0C").configure_legend(
        labelFontSize=12, titleFontSize=12)


def timeline_spec(timeline: JourneyTimeline) -> dict:
    import altair as alt  # here, not above: a rebuild from the cache never pays for importing it
    lanes = [lane for lane in LANE_ORDER if any(e.lane == lane for e in timeline.events)]
    places = [LANE_ORDER.index(lane) for lane in lanes]  # each line keeps its colour and shape on every page
    days = [e.day for e in timeline.events] + ([timeline.record_ends] if timeline.record_ends is not None else [])
    margin = max((max(days) - min(days)) / 20, pd.Timedelta(days=30))  # points clear of the lane names
    start, end = min(days) - margin, max(days) + margin
    domain = [start.strftime("%Y-%m-%d"), end.strftime("%Y-%m-%d")]
    levels = note_levels(timeline.events, start, end, WIDTH - 170)
    rows = [{"day": e.day.strftime("%Y-%m-%d"), "lane": e.lane, "note": event_note(e), "level": level}
            for e, level in zip(timeline.events, levels)]
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
    notes = [base.transform_filter(f"datum.note && datum.level == {level}").mark_text(
        dy=NOTE_OFFSETS[level], fontSize=12, color="#0B0C0C").encode(x=x, y=y, text="note:N")
        for level in sorted(set(levels))]
    layers = [points, *notes]
    if timeline.record_ends is not None:
        end = alt.Chart(alt.Data(values=[{"day": timeline.record_ends.strftime("%Y-%m-%d"),
                                          "label": "Latest papers"}]))
        layers += [end.mark_rule(strokeDash=[4, 3], color="#0B0C0C", strokeWidth=1.5).encode(x="day:T"),
                   end.mark_text(align="right", dx=-4, y=-8, fontSize=12, color="#0B0C0C").encode(
                       x="day:T", text="label:N")]
    lane = (44, 52, 72, 72)[max(levels, default=0)]  # room for the words below a mark, and further out
    chart = alt.layer(*layers).properties(width=WIDTH - 170, height=lane * len(lanes))
    return _configured(chart).to_dict()


# Where an event's words sit against its mark, by level: above, below, further above, further below.
NOTE_OFFSETS = (-14, 20, -28, 34)
CHARACTER_WIDTH = 7.2  # pixels, at least as wide as the average letter of 12-pixel Arial


def note_levels(events: list[JourneyEvent], start: pd.Timestamp, end: pd.Timestamp, width: float) -> list[int]:
    """Each event's level (NOTE_OFFSETS) so that no two events' words on one line overlap: inspections
    two years apart on a ten-year line would print "InadeRequires improvement". Each note takes the
    first level free of the notes before it on its line; words are measured generously."""
    placed: dict[tuple[str, int], list[tuple[float, float]]] = {}
    levels = []
    for event in events:
        note = event_note(event)
        middle = (event.day - start) / (end - start) * width
        half = len(note) * CHARACTER_WIDTH / 2 + 4
        span = (middle - half, middle + half)
        level = next(level for level in range(len(NOTE_OFFSETS) + 1) if level == len(NOTE_OFFSETS) or not any(
            span[0] < right and left < span[1] for left, right in placed.get((event.lane, level), [])))
        level = min(level, len(NOTE_OFFSETS) - 1)
        if note:
            placed.setdefault((event.lane, level), []).append(span)
        levels.append(level if note else 0)
    return levels


NOTES = {"Improvement notice issued": "Notice issued", "Improvement notice lifted": "Notice lifted",
         "Statutory direction issued": "Direction issued", "Statutory direction lifted": "Direction lifted",
         "Commissioner appointed": "Commissioner"}


SHORT_GRADES = {"Requires improvement to be good": "Requires improvement"}


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


def standings_spec(standings: list[Standing]) -> dict:
    import altair as alt  # here, not above: a rebuild from the cache never pays for importing it
    rows = [{"grade": grade, "count": n} for grade, n in judgement_counts(standings)]
    grades = [row["grade"] for row in rows]
    bars = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("grade:N", title=None, sort=grades, axis=alt.Axis(labelLimit=240, ticks=False, domain=False)),
        x=alt.X("count:Q", title="Authorities", axis=alt.Axis(values=whole_numbers(max(r["count"] for r in rows)),
                                                             format="d")))
    chart = alt.layer(bars.mark_bar(color=AUTHORITY_COLOUR),
                      bars.mark_text(align="left", dx=4, fontSize=12, color="#0B0C0C").encode(text="count:Q"))
    return _configured(chart.properties(width=WIDTH - 240, height=32 * len(rows))).to_dict()


def sparkline_template(with_target: bool) -> str:
    """Authored once with Altair and filled per indicator: a line of recent figures, the latest
    one marked, the target dashed. The target's layer shares the y scale, so it is always in view."""
    import altair as alt  # here, not above: a rebuild from the cache never pays for importing it
    x, y = alt.X("day:T", axis=None), alt.Y("value:Q", axis=None, scale=alt.Scale(zero=False, nice=False))
    layers = [alt.Chart(alt.Data(name="points")).mark_line(color=AUTHORITY_COLOUR, strokeWidth=2).encode(
                  x=x, y=y),
              alt.Chart(alt.Data(name="latest")).mark_point(filled=True, size=30, opacity=1,
                                                           color=AUTHORITY_COLOUR).encode(x=x, y=y)]
    if with_target:
        layers.insert(0, alt.Chart(alt.Data(name="target")).mark_rule(
            strokeDash=[4, 3], color=TARGET_COLOUR, strokeWidth=1.5).encode(y=y))
    chart = alt.layer(*layers).properties(width=150, height=36)
    return json.dumps(chart.configure(aria=False, background="white").configure_view(stroke=None).to_dict())
