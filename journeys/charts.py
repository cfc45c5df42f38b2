"""Indicator charts: one Vega-Lite template authored with Altair, built once, filled per indicator.

Building a chart with Altair costs 10-40 ms; filling the template costs well under 1 ms
(benchmarks/bench_charts.py prints both). The template holds placeholders that are found
once, by path; filling parses a fresh copy of the template's JSON and sets those paths and
the named datasets. Text from CSVs enters a spec only as data values and titles, which Vega
draws as text; nothing in a spec is a link or an expression built from data.

`chart_svg(spec)` turns a filled spec into the static SVG readers get (vl-convert, about
30 ms): a pure function of the spec, so it can be cached by the spec's hash or run in a pool.
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from functools import cache, lru_cache

import pandas as pd

from journeys import renderer
from journeys.model import Authority
from journeys.vocabulary import PERIOD_KINDS

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
TOLERANCE = "Within tolerance of target"

SLOTS = ("TITLE", "SUBTITLE", "Y_TITLE", "Y_FORMAT", "SERIES", "COLOURS", "DASHES", "SHAPES")


def _slot(name: str) -> str:
    return f"__slot_{name}__"


_keeper = None


def keep_template(keeper) -> None:
    """Let `keeper(compute)` keep the authored template between builds (the build passes the
    cache's): authoring it means importing Altair, a second of a rebuild that draws one chart."""
    global _keeper
    _keeper = keeper
    _template.cache_clear()


@cache
def _template() -> tuple[str, dict[str, list[tuple]]]:
    """The Altair-authored spec as JSON text, and where each placeholder sits in it."""
    return _keeper(_authored) if _keeper else _authored()


def _authored() -> tuple[str, dict[str, list[tuple]]]:
    spec = _author_template().to_dict()
    paths = {name: list(_find(spec, _slot(name))) for name in SLOTS}
    return json.dumps(spec), paths


def _author_template():
    """The layered chart, authored with Altair (imported here: a build that draws nothing
    new, the usual rebuild, never needs it, and it takes about a second to import)."""
    import altair as alt

    series = dict(
        color=alt.Color("series:N", title=None, scale=alt.Scale(domain=[_slot("SERIES")], range=[_slot("COLOURS")]),
                        legend=alt.Legend(orient="bottom", columns=2, labelLimit=360, symbolStrokeWidth=2,
                                          labelFontSize=12)),
        strokeDash=alt.StrokeDash("series:N", title=None,
                                  scale=alt.Scale(domain=[_slot("SERIES")], range=[_slot("DASHES")])),
        shape=alt.Shape("series:N", title=None, scale=alt.Scale(domain=[_slot("SERIES")], range=[_slot("SHAPES")])),
    )
    x = alt.X("date:T", title=None, scale=alt.Scale(type="utc"), axis=alt.Axis(format="%b %Y", labelOverlap=True))
    y = alt.Y("value:Q", title=_slot("Y_TITLE"), scale=alt.Scale(zero=False, nice=True),
              axis=alt.Axis(format=_slot("Y_FORMAT"), tickCount=5))
    start, end = alt.X("start:T", scale=alt.Scale(type="utc")), alt.X2("end:T")
    band = alt.Chart(alt.Data(name="bands")).mark_rect(opacity=0.25, stroke=TOLERANCE_FILL, strokeWidth=1).encode(
        x=start, x2=end, y=alt.Y("low:Q"), y2="high:Q",
        fill=alt.Fill("label:N", title=None, scale=alt.Scale(range=[TOLERANCE_FILL]),
                      legend=alt.Legend(orient="bottom", symbolOpacity=0.4, labelFontSize=12)))
    target = alt.Chart(alt.Data(name="targets")).mark_rule(strokeWidth=2).encode(
        x=start, x2=end, y=alt.Y("value:Q"), **series)
    spans = alt.Chart(alt.Data(name="spans")).mark_rule(strokeWidth=1.5).encode(
        x=start, x2=end, y=alt.Y("value:Q"), color=series["color"])
    lines = alt.Chart(alt.Data(name="points")).mark_line(strokeWidth=2, invalid="break-paths-show-domains").encode(
        x=x, y=y, detail="line:N", **series)
    points = alt.Chart(alt.Data(name="points")).mark_point(filled=True, size=60, opacity=1).encode(
        x=x, y=alt.Y("value:Q"), color=series["color"], shape=series["shape"])
    gaps = alt.Chart(alt.Data(name="gaps")).mark_text(baseline="bottom", fontSize=12, color="#3D3D3D").encode(
        x=alt.X("date:T"), y=alt.value(HEIGHT - 4), text="symbol:N")
    chart = alt.layer(band, target, spans, lines, points, gaps).properties(
        width=WIDTH, height=HEIGHT, title=alt.Title(_slot("TITLE"), subtitle=_slot("SUBTITLE"), anchor="start"))
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


def _put(document: dict, paths: dict[str, list[tuple]], values: dict[str, object]) -> dict:
    """`document` with values[name] at each of paths[name] (a template's slots filled)."""
    for name, where in paths.items():
        for path in where:
            parent = document
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = values[name]
    return document


def fill(values: dict[str, object], datasets: dict[str, list[dict]]) -> dict:
    """A fresh spec: the template with its placeholders and datasets filled in."""
    text, paths = _template()
    spec = _put(json.loads(text), paths, values)
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


def comparator_label(comparator: str, statistic: str, area: str = "") -> str:
    name = area or comparator[:1].upper() + comparator[1:]  # another authority is shown by its name
    return f"{name} ({statistic})" if statistic in ("mean", "median") else name


def indicator_specs(authority: Authority) -> dict[str, dict]:
    """indicator_id -> filled Vega-Lite spec, for every indicator with at least one figure."""
    observations, targets, comparators = _observations(authority), _targets(authority), _comparators(authority)
    specs = {}
    for indicator in authority.table("indicators").to_dict("records"):
        key = indicator["indicator_id"]
        own = observations.get(key, [])
        if any(row["value"] is not None for row in own):
            specs[key] = indicator_spec(authority.name, indicator, own, targets.get(key, []), comparators.get(key, []))
    return specs


def indicator_spec(authority_name: str, indicator: dict, observations: list[dict],
                   targets: list[dict], comparators: list[dict]) -> dict:
    """One indicator's chart: its figures, comparators, targets with tolerance bands, and gaps."""
    own_names = _own_series(authority_name, observations)
    comparator_names = _comparator_names(comparators)
    names = list(own_names.values()) + comparator_names + ([TARGET] if targets else [])
    points = [{**row, "series": own_names[row["kind"]], "line": row["kind"]} for row in observations
              if row["kind"] in own_names]
    points += [{**row, "line": row["series"]} for row in comparators if row["series"] in comparator_names]
    long = _is_long(points)
    values = {"TITLE": indicator["title"], "SUBTITLE": _subtitle(indicator), "Y_TITLE": _unit_title(indicator),
              "Y_FORMAT": _format(indicator), "SERIES": names,
              **_styles(len(own_names), len(comparator_names), bool(targets), long)}
    datasets = {"points": points,
                "spans": [{**row, "series": own_names[row["kind"]]} for row in observations
                          if row["kind"] in LONG_KINDS and row["value"] is not None],
                "targets": [{**row, "series": TARGET} for row in targets],
                "bands": _bands(targets, indicator["polarity"]),
                "gaps": [row for row in observations if row["value"] is None]}
    if long:
        return _lines_only(fill(values, {**datasets, "marks": _isolated(points)}))
    return fill(values, datasets)


# A series longer than this is drawn as a line without a symbol at each figure: 120 monthly
# symbols would crowd the line, weigh tens of KB and double the drawing time. The figures are
# in the table below every chart; series are then told apart by their dashes.
LONG_SERIES = 24


def _is_long(points: list[dict]) -> bool:
    counts: dict[str, int] = {}
    for row in points:
        counts[row["line"]] = counts.get(row["line"], 0) + 1
    return max(counts.values(), default=0) > LONG_SERIES


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
    with a shape); the symbols layer keeps only the isolated figures ("marks"), or goes."""
    layers = []
    for layer in spec["layer"]:
        if layer["mark"].get("type") == "point":
            if not spec["datasets"]["marks"]:
                continue
            layer = {**layer, "data": {"name": "marks"}}
        else:
            layer.get("encoding", {}).pop("shape", None)
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


def _bands(targets: list[dict], polarity: str) -> list[dict]:
    """Between the target and the tolerance: the amber zone."""
    sign = -1 if polarity == "higher is better" else 1
    bands = []
    for row in targets:
        if row["tolerance"] is not None and polarity != "none":
            edge = row["value"] + sign * row["tolerance"]
            bands.append({"start": row["start"], "end": row["end"], "low": min(edge, row["value"]),
                          "high": max(edge, row["value"]), "label": TOLERANCE})
    return bands


def _days(column: pd.Series) -> list[str]:
    """Timestamps as ISO days, vectorised (strftime per value is far slower)."""
    return column.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype(str).tolist()


def _numbers(column: pd.Series) -> list[float | None]:
    return [None if value != value else float(value) for value in column.tolist()]


def _grouped(table: pd.DataFrame, **fields: list) -> dict[str, list[dict]]:
    """indicator_id -> rows as plain dicts (period midpoint, start, end, and `fields`), in time order."""
    if table.empty:
        return {}
    start, end = table["period_start"], table["period_end"]
    columns = {"date": _days(start + (end - start) / 2), "start": _days(start), "end": _days(end), **fields}
    names = list(columns)
    order = sorted(range(len(table)), key=end.tolist().__getitem__)
    ids, values = table["indicator_id"].tolist(), list(columns.values())
    groups: dict[str, list[dict]] = {}
    for i in order:
        groups.setdefault(ids[i], []).append({name: column[i] for name, column in zip(names, values)})
    return groups


def _observations(authority: Authority) -> dict[str, list[dict]]:
    table = authority.tables.get("observations")
    if table is None or table.empty:
        return {}
    numbers = _numbers(table["value_number"])
    symbols = [symbol if number is None else None for symbol, number in zip(table["value"].tolist(), numbers)]
    return _grouped(table, value=numbers, kind=table["period_kind"].tolist(), symbol=symbols)


def _targets(authority: Authority) -> dict[str, list[dict]]:
    table = authority.tables.get("targets")
    if table is None or table.empty:
        return {}
    return _grouped(table, value=_numbers(table["target_number"]), tolerance=_numbers(table["tolerance_number"]))


def _comparators(authority: Authority) -> dict[str, list[dict]]:
    table = authority.tables.get("comparators")
    if table is None or table.empty:
        return {}
    series = [comparator_label(c, s, a) for c, s, a in zip(table["comparator"], table["statistic"], table["area"])]
    return _grouped(table, value=_numbers(table["value_number"]), series=series,
                    comparator=table["comparator"].tolist())


def _unit_title(indicator: dict) -> str:
    unit = indicator["unit"]
    return {"percentage": "Per cent", "rate per 10,000 children": "Rate per 10,000 children"}.get(
        unit, unit[:1].upper() + unit[1:])


def _format(indicator: dict) -> str:
    decimals = 0 if pd.isna(indicator["decimals"]) else int(indicator["decimals"])
    return f",.{decimals}f"


def _subtitle(indicator: dict) -> str:
    polarity = indicator["polarity"]
    return "An activity measure: neither higher nor lower is better" if polarity == "none" else polarity.capitalize()


# --- The static SVG ----------------------------------------------------------------------------

_drawer = None  # set by the build (drawing_with): draws through its chart cache


def draw(spec: dict) -> str:
    """A picture's SVG: through the build's chart cache when it set one, else drawn now."""
    return _drawer(spec) if _drawer else chart_svg(spec)


@contextmanager
def drawing_with(drawer):
    """Pictures drawn inside this block go through `drawer(spec)` (the build's chart cache)."""
    global _drawer
    previous, _drawer = _drawer, drawer
    try:
        yield
    finally:
        _drawer = previous


def chart_svg(spec: dict) -> str:
    """The chart as SVG, drawn at build time (no JavaScript needed to see it)."""
    return compact_svg(renderer.vega_to_svg(to_vega(spec)))


# --- Vega-Lite compiled to Vega once per kind of chart -----------------------------------------
# Compiling a filled spec costs about 15 ms, half as much as drawing it. Charts of one kind (the
# same layers, the same number of series) differ only in their slots (titles, formats, the
# series' names and styles) and their datasets, which the compiler copies through unchanged. So
# each kind is compiled once, with sentinels in the slots and no rows, and each chart's Vega is that
# compiled template with its slots and rows put in. Where a sentinel does not come through as a
# whole value (the compiler built it into an expression), that kind is compiled chart by chart.

def to_vega(spec: dict) -> dict:
    """The Vega spec vl-convert would compile `spec` to, from a template compiled once per kind."""
    skeleton, values = _skeleton(spec)
    template, paths = _vega_template(json.dumps(skeleton, sort_keys=True))
    if template is None:
        return renderer.vegalite_to_vega(spec)
    vega = _put(json.loads(template), paths, values)
    for entry in vega.get("data", []):
        if entry.get("name") in spec.get("datasets", {}) and "values" in entry:
            entry["values"] = spec["datasets"][entry["name"]]
    return vega


def _skeleton(spec: dict) -> tuple[dict, dict[str, object]]:
    """The spec with no rows and a sentinel (as long as the value, for a list) in place of each
    slot's value wherever that value sits at a slot's place; and the values by sentinel."""
    skeleton = json.loads(json.dumps({key: value for key, value in spec.items() if key != "datasets"}))
    skeleton["datasets"] = {name: [] for name in spec.get("datasets", {})}
    _, template_paths = _template()
    values: dict[str, object] = {}
    for name, where in template_paths.items():
        for path in where:
            for place in _places(skeleton, path):
                parent, key = place
                value = parent[key]
                sentinel = _slot(name)
                if name in values and values[name] != value:
                    continue  # not this slot's value (a layer that sets its own)
                values.setdefault(name, value)
                parent[key] = [sentinel] * len(value) if isinstance(value, list) else sentinel
    return skeleton, {_slot(name): value for name, value in values.items()}


def _places(spec: dict, path: tuple):
    """Where a template path lands in a spec whose layers may have been filtered or changed:
    a path into one layer is tried in every layer."""
    if path and path[0] == "layer":
        candidates = [("layer", index) + tuple(path[2:]) for index in range(len(spec.get("layer", [])))]
    else:
        candidates = [path]
    for candidate in candidates:
        parent = spec
        try:
            for key in candidate[:-1]:
                parent = parent[key]
            parent[candidate[-1]]
        except (KeyError, IndexError, TypeError):
            continue
        yield parent, candidate[-1]


_compiled_keeper = None


def keep_compiled(keeper) -> None:
    """Let `keeper(parts, compute)` keep each kind's compiled Vega between builds (the build
    passes the cache's): compiling one costs about 0.2 s in a new process, most of a rebuild
    that redraws one chart."""
    global _compiled_keeper
    _compiled_keeper = keeper


def _vega_template(skeleton_text: str) -> tuple[str | None, dict[str, list[tuple]]]:
    if _compiled_keeper is None:
        return _compiled(skeleton_text)
    return _compiled_keeper(("vega-template", skeleton_text), lambda: _compiled(skeleton_text))


@lru_cache(maxsize=64)
def _compiled(skeleton_text: str) -> tuple[str | None, dict[str, list[tuple]]]:
    vega = renderer.vegalite_to_vega(json.loads(skeleton_text))
    text = json.dumps(vega)
    paths = {}
    for name in SLOTS:
        sentinel = _slot(name)
        found = list(_find_value(vega, sentinel))
        if text.count(sentinel) != sum(length for _, length in found):
            return None, {}  # a sentinel inside a larger string: compile these charts one by one
        paths[sentinel] = [path for path, _ in found]
    return text, paths


def _find_value(node, sentinel: str, path: tuple = ()):
    """Paths to the sentinel, or to a list made only of it; with how many times each holds it."""
    if node == sentinel:
        yield path, 1
    elif isinstance(node, list) and node and all(item == sentinel for item in node):
        yield path, len(node)
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _find_value(value, sentinel, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _find_value(value, sentinel, path + (index,))


FONT = 'font-family="Arial, Helvetica, sans-serif"'
# What Vega writes that a static drawing has no use for: its scenegraph's classes, ARIA roles
# (embed_svg names the chart as one image), pointer-event switches, default opacities, and
# empty background and foreground paths of every group.
_UNUSED = re.compile(r' (?:class|role|aria-[a-z]+)="[^"]*"| pointer-events="none"| opacity="1"(?=[ />])')
_EMPTY = re.compile(r'<path d="M0,0h0v0h0Z"/>|<path d="" display="none"/>|<g></g>')
# A geometry attribute with a fraction in it (most hold whole numbers, which stay as they are).
_GEOMETRY = re.compile(r' (?:d|transform|x|y|x1|x2|y1|y2|width|height)="[^"]*[.e][^"]*"')
_NUMBER = re.compile(r"-?\d*\.\d+(?:e[-+]?\d+)?|-?\d+e[-+]?\d+")


def compact_svg(svg: str) -> str:
    """The same drawing in fewer bytes: coordinates to a tenth of a pixel (finer than any screen
    or printer resolves at this size), the font named once on the root, unused attributes gone."""
    svg = _EMPTY.sub("", _EMPTY.sub("", _UNUSED.sub("", svg)))
    svg = _GEOMETRY.sub(lambda found: _NUMBER.sub(_tenth, found[0]), svg)  # names hold no such number
    if FONT in svg:
        svg = svg.replace(" " + FONT, "").replace("<svg ", f"<svg {FONT} ", 1)
    return svg


def _tenth(found: re.Match) -> str:
    rounded = f"{float(found[0]):.1f}".rstrip("0").rstrip(".")  # .1f rounds as round() does
    return "0" if rounded == "-0" else rounded


def embed_svg(svg: str, prefix: str, labelled_by: str, described_by: str) -> str:
    """The SVG ready to inline in a page: ids made unique, an image role, an accessible name.

    Vega names clip paths clip1, clip2… in every SVG; two charts on one page would clash. Vega
    also gives its marks ARIA roles of their own; the chart is one image, named by its heading
    and described by its caption and table, so those are removed.
    """
    svg = re.sub(r'\s(?:role|aria-[a-z]+)="[^"]*"', "", svg)
    svg = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}-{m[1]}"', svg)
    svg = re.sub(r'url\(#([^)]+)\)', lambda m: f"url(#{prefix}-{m[1]})", svg)
    # The chart's words are in its caption and table: the search index skips the drawing.
    attributes = (f'role="img" aria-labelledby="{labelled_by}" aria-describedby="{described_by}" focusable="false" '
                  'data-pagefind-ignore="all"')
    return svg.replace("<svg ", f"<svg {attributes} ", 1)
