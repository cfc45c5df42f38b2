"""The comparison pages' chart (issue 7): the indicator charts' Altair template, filled with every
authority's series that claims a national measure, with their targets and comparators."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from journeys.domain.measures import AuthoritySeries, Benchmark, Comparison, Point
from journeys.outputs import charts
from journeys.outputs.drawing import Drawing
from journeys.outputs.ticks import axis_slots


# Beyond as many authorities as the palette has distinct colours, every authority is one grey
# line and England is the line in focus (the Analysis Function's focus palette, with its grey
# darkened to #767676 so the lines keep 3:1 contrast with the background).
COLOURS = [charts.AUTHORITY_COLOUR, *charts.COMPARATOR_COLOURS[:3]]
SHAPES = ["circle", *charts.COMPARATOR_SHAPES[:3]]
TARGET_DASHES = [[4, 4], [8, 4], [4, 2, 1, 2], [12, 4]]
NEIGHBOUR_DASH = [2, 2]
NEIGHBOUR_SHAPES = ["triangle-down", "triangle-right", "triangle-left", "wedge"]
ENGLAND = ("England", charts.COMPARATOR_COLOURS[3], charts.COMPARATOR_DASHES[0], "cross")
EACH_AUTHORITY = ("Each authority", "#767676", [1, 0], "circle")
FOCUS = "#12436D"


@dataclass(frozen=True)
class Style:
    name: str
    colour: str
    dash: list[int]
    shape: str


def comparison_spec(comparison: Comparison, drawing: Drawing) -> dict:
    """The filled Vega-Lite spec: every authority's series, their targets and comparators."""
    many = len(comparison.series) > len(COLOURS)
    styles, datasets = (_crowd if many else _few)(comparison)
    datasets["lines"] = [row for line in _by_line(datasets["points"]).values() for row in charts.joined(line)]
    printed, unprinted = [], []
    for row in datasets["points"]:  # a figure the papers do not print as it is: a hollow point
        (unprinted if row.pop("basis") and row["value"] is not None else printed).append(row)
    datasets["points"], datasets["unprinted"] = printed, unprinted
    decimals = max(s.decimals for s in comparison.series)
    spec = charts.fill({
        "TITLE": comparison.measure.name, "SUBTITLE": _subtitle(comparison, bool(datasets["unprinted"])),
        "Y_TITLE": "Per cent" if comparison.measure.unit == "percentage" else comparison.measure.unit.capitalize(),
        "Y_FORMAT": f",.{decimals}f", "Y_STEP": 10.0 ** -decimals,
        "SERIES": [s.name for s in styles], "COLOURS": [s.colour for s in styles],
        "DASHES": [s.dash for s in styles], "SHAPES": [s.shape for s in styles],
        **axis_slots(datasets, *_main_kind(datasets["points"] + datasets["unprinted"]))}, datasets, drawing)
    if many:  # thousands of dots would hide the lines (and weigh megabytes); the tables give every value
        spec["layer"] = [layer for layer in spec["layer"] if _mark(layer) != "point"]
        for layer in spec["layer"]:
            layer.get("encoding", {}).pop("shape", None)  # a line with a shape draws a dot per value
    return spec


def _mark(layer: dict) -> str:
    mark = layer.get("mark")
    return mark.get("type", "") if isinstance(mark, dict) else str(mark)


def _subtitle(comparison: Comparison, unprinted: bool = False) -> str:
    polarity = comparison.measure.polarity.capitalize()
    said = f"{polarity}. The authorities report over different periods" if comparison.periods_differ else polarity
    return f"{said}. {charts.UNPRINTED_NOTE}" if unprinted else said


def _by_line(points: list[dict]) -> dict[str, list[dict]]:
    lines: dict[str, list[dict]] = {}
    for row in points:
        lines.setdefault(row["line"], []).append(row)
    return lines


def _main_kind(points: list[dict]) -> tuple[str, tuple[date, ...]]:
    """The kind of period most of the chart's figures are for (its axis is ticked in it), and the
    days of any figures "as at" a day."""
    kinds = Counter(point_kind(row) for row in points if row["value"] is not None)
    kind = kinds.most_common(1)[0][0] if kinds else "month"
    return kind, tuple(date.fromisoformat(row["date"][:10]) for row in points if point_kind(row) == "day")


def _few(comparison: Comparison) -> tuple[list[Style], dict]:
    """Each authority in its own colour and marker, its target and neighbours in its colour."""
    own, targets, neighbours, datasets = [], [], [], _empty_datasets()
    for index, series in enumerate(comparison.series):
        style = Style(series.name, COLOURS[index], [1, 0], SHAPES[index])
        own.append(style)
        _add_points(datasets, series.observations, style.name, series.slug, spans=True)
        _add_gaps(datasets, series.observations)
        if series.targets:
            target = Style(f"Target: {series.name}", COLOURS[index], TARGET_DASHES[index], "stroke")
            targets.append(target)
            datasets["targets"] += [_span(p, target.name) for p in series.targets if p.value is not None]
        for benchmark in _neighbours(series):
            style = Style(_neighbour_name(series, benchmark), COLOURS[index], NEIGHBOUR_DASH, NEIGHBOUR_SHAPES[index])
            neighbours.append(style)
            _add_points(datasets, benchmark.points, style.name, series.slug)
    england = _england_points(comparison)
    _add_points(datasets, england, ENGLAND[0], "england")
    return own + ([Style(*ENGLAND)] if england else []) + neighbours + targets, datasets


def _crowd(comparison: Comparison) -> tuple[list[Style], dict]:
    """Every authority as one grey line; England, if recorded, in focus."""
    datasets = _empty_datasets()
    for series in comparison.series:
        _add_points(datasets, series.observations, EACH_AUTHORITY[0], series.slug)
    england = _england_points(comparison)
    _add_points(datasets, england, "England", "england")
    styles = [Style(*EACH_AUTHORITY)] + ([Style("England", FOCUS, ENGLAND[2], "cross")] if england else [])
    return styles, datasets


def _empty_datasets() -> dict[str, list[dict]]:
    return {"points": [], "lines": [], "unprinted": [], "spans": [], "targets": [], "bands": [], "gaps": []}


def _add_points(datasets: dict, points, name: str, key: str, spans: bool = False) -> None:
    """Values as points on the period's midpoint; a symbol is a null value, so the line breaks
    there (a gap, never zero). Each kind of period is its own line, as on indicator pages, and
    an authority's longer periods show the stretch of time they cover."""
    for point in points:
        datasets["points"].append({**_dates(point), "value": point.value, "series": name,
                                   "line": f"{key}|{name}|{point.kind}", "basis": point.basis})
        if spans and point.value is not None and point.kind not in ("month", "day"):
            datasets["spans"].append(_span(point, name))


def _add_gaps(datasets: dict, points) -> None:
    datasets["gaps"] += [{"date": _dates(p)["date"], "symbol": p.symbol} for p in points if p.value is None]


def _dates(point: Point) -> dict:
    middle = point.start + (point.end - point.start) / 2
    return {"date": middle.isoformat(), "start": point.start.isoformat(), "end": point.end.isoformat()}


def _span(point: Point, name: str) -> dict:
    return {"start": point.start.isoformat(), "end": point.end.isoformat(), "value": point.value, "series": name}


def _neighbours(series: AuthoritySeries) -> list[Benchmark]:
    return [b for b in series.benchmarks if b.comparator == "statistical neighbours"]


def _neighbour_name(series: AuthoritySeries, benchmark: Benchmark) -> str:
    statistic = f" ({benchmark.statistic})" if benchmark.statistic in ("mean", "median") else ""
    return f"Neighbours of {series.name}{statistic}"


def _england_points(comparison: Comparison) -> list[Point]:
    """England's line: each period once, as the first authority (by name) to publish a number for
    it recorded it. Every authority's own England figures are in the page's table and CSV."""
    first: dict[str, Point] = {}
    for series in comparison.series:
        for benchmark in series.benchmarks:
            for point in benchmark.points if benchmark.comparator == "England" else ():
                if point.period not in first or first[point.period].value is None:
                    first[point.period] = point
    return sorted(first.values(), key=lambda p: (p.end, p.start))


# --- Comparison charts: one panel per kind of period (issue 16.5) --------------------------------

PANEL_TITLES = {"month": "Monthly figures", "quarter": "Quarterly figures", "financial quarter": "Quarterly figures",
                "financial year": "Financial years", "year": "Calendar years", "year to date": "Year to date",
                "day": "As at a date", "rolling": "Rolling periods", "months": "Runs of months"}
PANEL_HEIGHT = 180


def point_kind(row: dict) -> str:
    """The kind of period of a filled chart's point: the last part of its line key (slug|series|kind)."""
    return str(row.get("line", "")).rsplit("|", 1)[-1]


def panels_by_kind(spec: dict) -> dict:
    """A filled comparison chart with one panel per kind of period, stacked, on one time axis and
    one scale of values; a line never joins a month to a year or a year to date. A chart of one
    kind is returned as it is. Targets and tolerance bands are periods of their own: every
    panel shows them."""
    points = spec["datasets"].get("points", []) + spec["datasets"].get("unprinted", [])
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
    points = [row for row in datasets.get("points", []) + datasets.get("unprinted", []) if point_kind(row) == kind]
    covered = {(row["series"], row["start"], row["end"]) for row in points}
    missing = {row["date"] for row in points if row["value"] is None}
    return {"points": [row for row in datasets.get("points", []) if point_kind(row) == kind],
            "targets": datasets.get("targets", []), "bands": datasets.get("bands", []),
            "lines": [row for row in datasets.get("lines", []) if point_kind(row) == kind],
            "unprinted": [row for row in datasets.get("unprinted", []) if point_kind(row) == kind],
            "spans": [row for row in datasets.get("spans", []) if (row["series"], row["start"], row["end"]) in covered],
            "gaps": [row for row in datasets.get("gaps", []) if row["date"] in missing]}
