"""The comparison pages' chart (issue 7): the indicator charts' Altair template, filled with every
authority's series that claims a national measure, with their targets and comparators."""

from __future__ import annotations

from dataclasses import dataclass

from journeys.domain.measures import AuthoritySeries, Benchmark, Comparison, Point
from journeys.outputs import charts
from journeys.outputs.drawing import Drawing


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
    spec = charts.fill({
        "TITLE": comparison.measure.name, "SUBTITLE": _subtitle(comparison),
        "Y_TITLE": "Per cent" if comparison.measure.unit == "percentage" else comparison.measure.unit.capitalize(),
        "Y_FORMAT": f",.{max(s.decimals for s in comparison.series)}f",
        "SERIES": [s.name for s in styles], "COLOURS": [s.colour for s in styles],
        "DASHES": [s.dash for s in styles], "SHAPES": [s.shape for s in styles]}, datasets, drawing)
    if many:  # thousands of dots would hide the lines (and weigh megabytes); the tables give every value
        spec["layer"] = [layer for layer in spec["layer"] if _mark(layer) != "point"]
        for layer in spec["layer"]:
            layer.get("encoding", {}).pop("shape", None)  # a line with a shape draws a dot per value
    return spec


def _mark(layer: dict) -> str:
    mark = layer.get("mark")
    return mark.get("type", "") if isinstance(mark, dict) else str(mark)


def _subtitle(comparison: Comparison) -> str:
    polarity = comparison.measure.polarity.capitalize()
    return f"{polarity}. The authorities report over different periods" if comparison.periods_differ else polarity


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
    return {"points": [], "spans": [], "targets": [], "bands": [], "gaps": []}


def _add_points(datasets: dict, points, name: str, key: str, spans: bool = False) -> None:
    """Values as points on the period's midpoint; a symbol is a null value, so the line breaks
    there (a gap, never zero). Each kind of period is its own line, as on indicator pages, and
    an authority's longer periods show the stretch of time they cover."""
    for point in points:
        datasets["points"].append({**_dates(point), "value": point.value, "series": name,
                                   "line": f"{key}|{name}|{point.kind}"})
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
