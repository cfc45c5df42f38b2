"""Indicator charts: one Vega-Lite template authored with Altair, built once, filled per indicator.

Building a chart with Altair costs 10-40 ms; filling the template costs well under 1 ms
(benchmarks/bench_charts.py prints both). The template holds placeholders that are found
once, by path; filling parses a fresh copy of the template's JSON and sets those paths and
the named datasets. Text from CSVs enters a spec only as data values and titles, which Vega
draws as text; nothing in a spec is a link or an expression built from data.

journeys.outputs.vega draws a filled spec as the static SVG readers get (vl-convert, about
30 ms): a pure function of the spec, so it is kept by the spec's hash.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache

from journeys.domain.figures import main_kinds, places
from journeys.model import Authority
from journeys.model.vocabulary import PERIOD_KINDS
from journeys.outputs.chart_data import (  # noqa: F401 (comparator_label: as the pages name a comparator)
    TOLERANCE,
    comparator_label,
    comparator_rows,
    observation_rows,
    target_rows,
    tolerance_bands,
)
from journeys.outputs.drawing import TEMPLATE, Drawing
from journeys.outputs.ticks import axis_slots

WIDTH, HEIGHT = 600, 260

# Analysis Function palette, in its order; every colour meets 3:1 against white.
AUTHORITY_COLOUR = "#12436D"
COMPARATOR_COLOURS = ["#28A197", "#801650", "#A285D1", "#3D3D3D"]
TARGET_COLOUR = "#3D3D3D"
TOLERANCE_FILL = "#F46A25"  # drawn translucent, its edge at full strength
COMPARATOR_DASHES = [[6, 3], [2, 2], [8, 3, 2, 3], [1, 3]]
COMPARATOR_SHAPES = ["square", "triangle-up", "diamond", "triangle-left"]
COMPARATOR_ORDER = ["England", "statistical neighbours", "region", "top quartile"]
TARGET = "Target"

SLOTS = ("TITLE", "SUBTITLE", "Y_TITLE", "Y_FORMAT", "Y_STEP", "SERIES", "COLOURS", "DASHES", "SHAPES", "X_TICKS",
         "X_LABELS")
# The time axis is ticked where journeys.outputs.ticks says, in the series' own kind of period: the
# ticks and their labels are two lists the chart is given as data (its params), and each tick's
# label is looked up by a fixed expression, so no label is ever built into an expression.
X_LABEL = "xLabels[indexof(xTicks, datum.value)]"
Y_LABEL = "abs(datum.value / yStep - round(datum.value / yStep)) < 1e-6 ? datum.label : ''"
# Slots whose lists Vega-Lite passes to Vega whole (a param's value): compiled once whatever their length.
WHOLE_SLOTS = ("X_TICKS", "X_LABELS")


def slot(name: str) -> str:
    return f"__slot_{name}__"


@lru_cache(maxsize=4)
def template(drawing: Drawing) -> tuple[str, dict[str, list[tuple]]]:
    """The Altair-authored spec as JSON text, and where each placeholder sits in it (kept by the
    build: authoring it means importing Altair, a second of a rebuild that draws one chart)."""
    text, paths = drawing.keep(TEMPLATE, "indicator chart", _authored)
    return text, {name: [tuple(path) for path in where] for name, where in paths.items()}


def _authored() -> tuple[str, dict[str, list[tuple]]]:
    spec = with_axes(_author_template().to_dict())
    paths = {name: list(_find(spec, slot(name))) for name in SLOTS}
    return json.dumps(spec), paths


def with_axes(spec: dict) -> dict:
    """The authored spec with its time axis ticked from the chart's own lists (X_TICKS, X_LABELS),
    and its value axis labelled only at whole steps of the figures' last decimal place (Y_STEP: at
    0 decimals, Vega's tick at 19.5 printed "20" a second time; it stays a tick without a label).
    Set here, not in Altair: its schema wants numbers where these slots hold placeholders."""
    spec["params"] = [{"name": "xTicks", "value": [slot("X_TICKS")]}, {"name": "xLabels", "value": [slot("X_LABELS")]},
                      {"name": "yStep", "value": slot("Y_STEP")}]
    for layer in spec["layer"]:
        encoding = layer.get("encoding", {})
        if "axis" in encoding.get("x", {}):
            encoding["x"]["axis"].update(values={"expr": "xTicks"}, labelExpr=X_LABEL)
        if "axis" in encoding.get("y", {}):
            encoding["y"]["axis"].update(tickMinStep=slot("Y_STEP"), labelExpr=Y_LABEL)
    return spec


def _author_template():
    """The layered chart, authored with Altair (imported here: a build that draws nothing
    new, the usual rebuild, never needs it, and it takes about a second to import)."""
    import altair as alt

    series = dict(
        color=alt.Color("series:N", title=None, scale=alt.Scale(domain=[slot("SERIES")], range=[slot("COLOURS")]),
                        legend=alt.Legend(orient="bottom", columns=2, labelLimit=360, symbolStrokeWidth=2,
                                          labelFontSize=12)),
        strokeDash=alt.StrokeDash("series:N", title=None,
                                  scale=alt.Scale(domain=[slot("SERIES")], range=[slot("DASHES")])),
        shape=alt.Shape("series:N", title=None, scale=alt.Scale(domain=[slot("SERIES")], range=[slot("SHAPES")])),
    )
    x = alt.X("date:T", title=None, scale=alt.Scale(type="utc"), axis=alt.Axis(labelOverlap=True))
    y = alt.Y("value:Q", title=slot("Y_TITLE"), scale=alt.Scale(zero=False, nice=True),
              axis=alt.Axis(format=slot("Y_FORMAT"), tickCount=5))
    start, end = alt.X("start:T", scale=alt.Scale(type="utc")), alt.X2("end:T")
    band = alt.Chart(alt.Data(name="bands")).mark_rect(opacity=0.25, stroke=TOLERANCE_FILL, strokeWidth=1).encode(
        x=start, x2=end, y=alt.Y("low:Q"), y2="high:Q",
        fill=alt.Fill("label:N", title=None, scale=alt.Scale(range=[TOLERANCE_FILL]),
                      legend=alt.Legend(orient="bottom", symbolOpacity=0.4, labelFontSize=12)))
    target = alt.Chart(alt.Data(name="targets")).mark_rule(strokeWidth=2).encode(
        x=start, x2=end, y=alt.Y("value:Q"), **series)
    spans = alt.Chart(alt.Data(name="spans")).mark_rule(strokeWidth=1.5).encode(
        x=start, x2=end, y=alt.Y("value:Q"), color=series["color"])
    # Lines join figures; a figure with none beside it is not in "lines" (a line through one point
    # is an empty path), only in "points". Figures the papers do not print as they are (deduced or
    # inferred) are hollow points ("unprinted") over the line, not filled ones.
    lines = alt.Chart(alt.Data(name="lines")).mark_line(strokeWidth=2, invalid="break-paths-show-domains").encode(
        x=x, y=alt.Y("value:Q"), detail="line:N", **series)
    points = alt.Chart(alt.Data(name="points")).mark_point(filled=True, size=60, opacity=1).encode(
        x=x, y=y, color=series["color"], shape=series["shape"])
    unprinted = alt.Chart(alt.Data(name="unprinted")).mark_point(
        filled=False, fill="white", size=70, opacity=1, strokeWidth=2).encode(  # no legend: the subtitle says
        x=x, y=alt.Y("value:Q"), color=series["color"].legend(None), shape=series["shape"].legend(None))
    gaps = alt.Chart(alt.Data(name="gaps")).mark_text(baseline="bottom", fontSize=12, color="#3D3D3D").encode(
        x=alt.X("date:T"), y=alt.value(HEIGHT - 4), text="symbol:N")
    chart = alt.layer(band, target, spans, lines, points, unprinted, gaps).properties(
        width=WIDTH, height=HEIGHT, title=alt.Title(slot("TITLE"), subtitle=slot("SUBTITLE"), anchor="start"))
    # Axis labels are our own short numbers and dates, never too long: with no limit, Vega measures
    # each label once, not again to see whether to shorten it (vl-convert measures slowly).
    return chart.configure(aria=False, font="Arial, Helvetica, sans-serif", background="white").configure_view(
        stroke=None).configure_axis(labelFontSize=12, titleFontSize=12, labelColor="#3D3D3D", titleColor="#0B0C0C",
                                    labelLimit=0)


def _find(node, sentinel: str, path: tuple = ()):
    """Paths to the sentinel string, or to a one-element list holding it."""
    if node == sentinel or node == [sentinel]:
        yield path
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _find(value, sentinel, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _find(value, sentinel, path + (index,))


def put(document: dict, paths: dict[str, list[tuple]], values: dict[str, object]) -> dict:
    """`document` with values[name] at each of paths[name] (a template's slots filled)."""
    for name, where in paths.items():
        for path in where:
            parent = document
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = values[name]
    return document


def fill(values: dict[str, object], datasets: dict[str, list[dict]], drawing: Drawing) -> dict:
    """A fresh spec: the template with its placeholders and datasets filled in."""
    text, paths = template(drawing)
    spec = put(json.loads(text), paths, values)
    spec["datasets"] = datasets
    # A layer over an empty dataset breaks Vega's layout (a rect with no rows sizes the chart
    # to infinity), so layers without rows are left out.
    spec["layer"] = [layer for layer in spec["layer"] if datasets.get(layer["data"]["name"])]
    return spec


# --- From an authority's tables to filled specs ------------------------------------------------
# The tables become plain records once per authority (vectorised), grouped by indicator in
# Python: filling one chart touches no DataFrame.

# The authority's own series (one per kind of period) never share a shape with a comparator.
OWN_SHAPES = ["circle", "triangle-down", "cross", "triangle-right", "wedge", "arrow", "stroke"]
KIND_NAMES = {kind.name: kind.series for kind in PERIOD_KINDS.values()}
LONG_KINDS = {kind.name for kind in PERIOD_KINDS.values() if kind.spans}


def indicator_specs(authority: Authority, drawing: Drawing, kinds: dict[str, str] | None = None,
                    only: set[str] | None = None) -> dict[str, dict]:
    """indicator_id -> filled Vega-Lite spec, for every indicator with two figures or more (or those of
    them in `only`): one figure is shown as the figure, not as a chart (a flat line across a grid of
    ticks). `kinds`: indicator_id -> its main kind of period (figures.main_kinds; its latest figure's), if known."""
    observations, targets, comparators = observation_rows(authority), target_rows(authority), comparator_rows(authority)
    if kinds is None:
        kinds = dict(main_kinds(authority.table("observations")).itertuples(index=False))
    specs = {}
    for indicator in authority.table("indicators").to_dict("records"):
        key = indicator["indicator_id"]
        own = observations.get(key, [])
        if sum(row["value"] is not None for row in own) > 1 and (only is None or key in only):
            specs[key] = indicator_spec(authority.name, indicator, own, targets.get(key, []), comparators.get(key, []),
                                        drawing, kinds.get(key, ""))
    return specs


def indicator_spec(authority_name: str, indicator: dict, observations: list[dict],
                   targets: list[dict], comparators: list[dict], drawing: Drawing, kind: str = "") -> dict:
    """One indicator's chart: its figures, comparators, targets with tolerance bands, and gaps; its
    time axis ticked in `kind`, its main kind of period (figures.main_kinds)."""
    own_names = _own_series(authority_name, observations)
    comparator_names = _comparator_names(comparators)
    names = list(own_names.values()) + comparator_names + ([TARGET] if targets else [])
    points = [{**row, "series": own_names[row["kind"]], "line": row["kind"]} for row in observations
              if row["kind"] in own_names]
    points += [{**row, "line": row["series"], "basis": ""} for row in comparators if row["series"] in comparator_names]
    long, unprinted = _is_long(points), [row for row in points if row.get("basis") and row["value"] is not None]
    datasets = {"points": [row for row in points if not row.get("basis")], "lines": joined(points),
                "unprinted": unprinted,
                "spans": [{**row, "series": own_names[row["kind"]]} for row in observations
                          if row["kind"] in LONG_KINDS and row["value"] is not None],
                "targets": [{**row, "series": TARGET} for row in targets],
                "bands": tolerance_bands(targets, indicator["polarity"]),
                "gaps": [row for row in observations if row["value"] is None]}
    days = tuple(date.fromisoformat(row["date"]) for row in points if row.get("kind") == "day")
    values = {"TITLE": indicator["title"], "SUBTITLE": _subtitle(indicator, bool(unprinted)),
              "Y_TITLE": _unit_title(indicator), "Y_FORMAT": _format(indicator), "Y_STEP": _step(indicator),
              "SERIES": names, **_styles(len(own_names), len(comparator_names), bool(targets), long),
              **axis_slots(datasets, kind or (observations[0]["kind"] if observations else "month"), days)}
    if long:
        marks = [row for row in _isolated(points) if not row.get("basis")]
        return _lines_only(fill(values, {**datasets, "marks": marks}, drawing))
    return fill(values, datasets, drawing)


# A series longer than this is drawn as a line without a symbol at each figure: 120 monthly
# symbols would crowd the line, weigh tens of KB and double the drawing time. The figures are
# in the table below every chart; series are then told apart by their dashes.
LONG_SERIES = 24


def _is_long(points: list[dict]) -> bool:
    counts: dict[str, int] = {}
    for row in points:
        counts[row["line"]] = counts.get(row["line"], 0) + 1
    return max(counts.values(), default=0) > LONG_SERIES


def joined(points: list[dict]) -> list[dict]:
    """The rows a line is drawn through: every figure with another beside it in its series, and
    the gaps that break it; a figure alone is drawn as a point only (a line through one point is
    an empty path)."""
    alone = {id(row) for row in _isolated(points)}
    return [row for row in points if id(row) not in alone]


def _isolated(points: list[dict]) -> list[dict]:
    """Figures with no figure either side in their series: a line cannot show them, a symbol must."""
    isolated = []
    for line in dict.fromkeys(row["line"] for row in points):
        rows = [row for row in points if row["line"] == line]
        for index, row in enumerate(rows):
            before = rows[index - 1]["value"] if index else None
            after = rows[index + 1]["value"] if index + 1 < len(rows) else None
            if row["value"] is not None and before is None and after is None:
                isolated.append(row)
    return isolated


def _lines_only(spec: dict) -> dict:
    """A long chart: no shape on any line or rule (Vega-Lite draws a symbol per value for a line
    with a shape); the symbols layer keeps only the isolated figures ("marks"), or goes, and then
    the key shows each series' dash. Hollow points (figures not printed as they are) stay, as
    circles: they mark what a line cannot."""
    layers = []
    for layer in spec["layer"]:
        if layer["data"]["name"] == "points":
            if not spec["datasets"]["marks"]:
                continue
            layer = {**layer, "data": {"name": "marks"}}
        else:  # hollow points stay circles: a shape would put a hollow circle in the key
            layer.get("encoding", {}).pop("shape", None)
            legend = layer.get("encoding", {}).get("color", {}).get("legend")
            if isinstance(legend, dict) and not spec["datasets"]["marks"]:  # the key shows each line's
                legend["symbolType"] = "stroke"  # dash, not a hollow circle (a figure not printed as it is)
        layers.append(layer)
    spec["layer"] = layers
    if not spec["datasets"]["marks"]:
        del spec["datasets"]["marks"]
    return spec


def _own_series(authority_name: str, observations: list[dict]) -> dict[str, str]:
    """Period kind -> series name; the kind is named only when an indicator mixes kinds."""
    kinds = list(dict.fromkeys(row["kind"] for row in observations if row["value"] is not None))
    if len(kinds) == 1:
        return {kinds[0]: authority_name}
    return {kind: f"{authority_name} ({KIND_NAMES.get(kind, kind)})" for kind in kinds}


# The authority's own series in a long chart, where lines carry no symbols: dashes of their own.
OWN_DASHES = [[1, 0], [10, 3], [12, 3, 3, 3], [3, 6], [14, 6], [5, 2, 1, 2], [9, 9]]


def _styles(own: int, comparators: int, has_target: bool, long: bool = False) -> dict[str, list]:
    colours = [AUTHORITY_COLOUR] * own + COMPARATOR_COLOURS[:comparators]
    dashes = (OWN_DASHES[:own] if long else [[1, 0]] * own) + COMPARATOR_DASHES[:comparators]
    shapes = OWN_SHAPES[:own] + COMPARATOR_SHAPES[:comparators]
    if has_target:
        colours, dashes, shapes = colours + [TARGET_COLOUR], dashes + [[4, 4]], shapes + ["stroke"]
    return {"COLOURS": colours, "DASHES": dashes, "SHAPES": shapes}


def _comparator_names(comparators: list[dict]) -> list[str]:
    order = {name: index for index, name in enumerate(COMPARATOR_ORDER)}
    kinds = {row["series"]: row["comparator"] for row in comparators}
    ranked = sorted(kinds, key=lambda series: (order.get(kinds[series], 9), series))
    return ranked[:len(COMPARATOR_COLOURS)]


def _unit_title(indicator: dict) -> str:
    unit = indicator["unit"]
    return {"percentage": "Per cent", "rate per 10,000 children": "Rate per 10,000 children"}.get(
        unit, unit[:1].upper() + unit[1:])


def _format(indicator: dict) -> str:
    return f",.{places(indicator['decimals'])}f"


def _step(indicator: dict) -> float:
    """The finest step between value ticks: one unit of the last decimal place the figures print."""
    return 10.0 ** -places(indicator["decimals"])


UNPRINTED_NOTE = "A hollow point is a figure the papers do not print as it is: deduced or inferred"


def _subtitle(indicator: dict, unprinted: bool = False) -> str:
    polarity = indicator["polarity"]
    said = "An activity measure: neither higher nor lower is better" if polarity == "none" else polarity.capitalize()
    return f"{said}. {UNPRINTED_NOTE}" if unprinted else said
