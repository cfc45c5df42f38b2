"""Charts drawn as the static SVG readers get: Vega-Lite compiled to Vega once per kind of chart,
drawn by vl-convert, made compact, checked, and made ready to inline in a page.

    svg(spec, drawing) -> str          a filled spec's drawing, kept by the spec
    embed_svg(svg, prefix, …) -> str   ready to inline: ids made unique, an image role and name
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from functools import lru_cache

from journeys.outputs import charts
from journeys.outputs.drawing import COMPILED, DRAWN, Converter, Drawing, RenderError


def svg(spec: dict, drawing: Drawing) -> str:
    """The chart as SVG, drawn at build time (no JavaScript needed to see it), kept by its spec.

    A drawing is checked wherever it came from: one restored from a cache someone else could
    write must be a plain drawing, not a page's worth of script."""
    drawn = drawing.keep(DRAWN, spec, lambda: compact_svg(drawing.convert.vega_to_svg(to_vega(spec, drawing))))
    if not is_plain_drawing(drawn):
        raise RenderError("a kept chart drawing holds more than a drawing (script, links or foreign content)")
    return drawn


# --- Vega-Lite compiled to Vega once per kind of chart -----------------------------------------
# Compiling a filled spec costs about 15 ms, half as much as drawing it. Charts of one kind (the
# same layers, the same number of series) differ only in their slots (titles, formats, the
# series' names and styles) and their datasets, which the compiler copies through unchanged. So
# each kind is compiled once, with sentinels in the slots and no rows, and each chart's Vega is that
# compiled template with its slots and rows put in. Where a sentinel does not come through as a
# whole value (the compiler built it into an expression), that kind is compiled chart by chart.

def to_vega(spec: dict, drawing: Drawing) -> dict:
    """The Vega spec vl-convert would compile `spec` to, from a template compiled once per kind."""
    skeleton, values = _skeleton(spec, drawing)
    skeleton_text = json.dumps(skeleton, sort_keys=True)
    template, paths = drawing.keep(COMPILED, skeleton_text, lambda: _compiled(skeleton_text, drawing.convert))
    if template is None:
        return drawing.convert.vegalite_to_vega(spec)
    vega = charts.put(json.loads(template), paths, values)
    for entry in vega.get("data", []):
        if entry.get("name") in spec.get("datasets", {}) and "values" in entry:
            entry["values"] = spec["datasets"][entry["name"]]
    return vega


def _skeleton(spec: dict, drawing: Drawing) -> tuple[dict, dict[str, object]]:
    """The spec with no rows and a sentinel (as long as the value, for a list the compiler reads
    item by item; one, for a list it passes whole) in place of each slot's value wherever that
    value sits at a slot's place; and the values by sentinel."""
    skeleton = json.loads(json.dumps({key: value for key, value in spec.items() if key != "datasets"}))
    skeleton["datasets"] = {name: [] for name in spec.get("datasets", {})}
    _, template_paths = charts.template(drawing)
    values: dict[str, object] = {}
    for name, where in template_paths.items():
        for path in where:
            for place in _places(skeleton, path):
                parent, key = place
                value = parent[key]
                sentinel = charts.slot(name)
                if name in values and values[name] != value:
                    continue  # not this slot's value (a layer that sets its own)
                values.setdefault(name, value)
                listed = isinstance(value, list) and name not in charts.WHOLE_SLOTS
                parent[key] = [sentinel] * len(value) if listed else sentinel
    return skeleton, {charts.slot(name): value for name, value in values.items()}


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


@lru_cache(maxsize=64)
def _compiled(skeleton_text: str, convert: Converter) -> tuple[str | None, dict[str, list[tuple]]]:
    vega = convert.vegalite_to_vega(json.loads(skeleton_text))
    text = json.dumps(vega)
    paths = {}
    for name in charts.SLOTS:
        sentinel = charts.slot(name)
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
_UNUSED = re.compile(r' (?:class|role|aria-[a-z]+)="(?!mark-text role-axis-label")[^"]*"| pointer-events="none"'
                     r'| opacity="1"(?=[ />])')
# One class kept: the group of an axis's labels, by which a test reads every chart's ticks as drawn.
AXIS_LABELS = 'class="axis-labels"'

_EMPTY = re.compile(r'<path d="M0,0h0v0h0Z"/>|<path d="" display="none"/>|<g></g>')
# A geometry attribute with a fraction in it (most hold whole numbers, which stay as they are).
_GEOMETRY = re.compile(r' (?:d|transform|x|y|x1|x2|y1|y2|width|height)="[^"]*[.e][^"]*"')
_NUMBER = re.compile(r"-?\d*\.\d+(?:e[-+]?\d+)?|-?\d+e[-+]?\d+")


def compact_svg(svg: str) -> str:
    """The same drawing in fewer bytes: coordinates to a tenth of a pixel (finer than any screen
    or printer resolves at this size), the font named once on the root, unused attributes gone."""
    svg = _EMPTY.sub("", _EMPTY.sub("", _UNUSED.sub("", svg))).replace('class="mark-text role-axis-label"', AXIS_LABELS)
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


# What vl-convert draws with: a drawing restored from a cache may hold nothing else.
_TAGS = {"svg", "g", "path", "rect", "line", "text", "tspan", "defs", "clipPath", "circle", "title"}
_FORBIDDEN_VALUE = re.compile(r"javascript:|data:|url\((?!#)", re.IGNORECASE)


def is_plain_drawing(svg: str) -> bool:
    """True if `svg` is a drawing of the kind vl-convert makes: the known shapes and text, no
    script, no event handlers, no links, no references outside itself, no declarations."""
    if not svg.startswith("<svg") or "<!" in svg or "<?" in svg:
        return False
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError:
        return False
    for element in root.iter():
        if element.tag.rpartition("}")[2] not in _TAGS:
            return False
        for name, value in element.attrib.items():
            name = name.rpartition("}")[2].lower()
            if name.startswith("on") or name.endswith("href") or _FORBIDDEN_VALUE.search(value):
                return False
    return True
