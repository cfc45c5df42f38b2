"""Indicator charts: a template built once and filled per indicator, gaps for missing values,
data that stays data, the palette's contrast, and the static SVG."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEFAULT_TABLES, DOCUMENT, make_package
from journeys.outputs import charts, vega
from journeys.outputs.drawing import Drawing

DRAWING = Drawing()  # draws in this process, keeps nothing
from journeys.build.setting_values import contrast
from journeys.model import load_authority
from journeys.domain.disclosure import protect

OBSERVATIONS = DEFAULT_TABLES["observations"] + [
    {"indicator_id": "re-referrals", "period": "2016-12", "value": "c", "numerator": "c", **DOCUMENT},
    {"indicator_id": "re-referrals", "period": "2017-01", "value": "x", **DOCUMENT},
    {"indicator_id": "re-referrals", "period": "YTD 2017-01", "value": "23.0", **DOCUMENT},
    {"indicator_id": "contacts", "period": "2016-10", "value": "1650", **DOCUMENT},
]


@pytest.fixture
def specs(tmp_path):
    return charts.indicator_specs(protect(load_authority(make_package(tmp_path, observations=OBSERVATIONS))), DRAWING)


def walk(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, path + (index,))
    else:
        yield path, node


def test_the_template_is_authored_once_and_only_filled_after(specs, tmp_path):
    before = charts.template.cache_info()
    charts.indicator_specs(load_authority(make_package(tmp_path / "again")), DRAWING)
    after = charts.template.cache_info()
    assert after.misses == before.misses and after.hits > before.hits


def test_every_indicator_with_two_figures_gets_a_chart(specs):
    assert set(specs) == {"re-referrals", "contacts"}


def test_one_figure_is_shown_as_the_figure_not_a_chart(tmp_path):
    authority = protect(load_authority(make_package(tmp_path)))  # contacts: one figure, November 2016
    assert set(charts.indicator_specs(authority, DRAWING)) == {"re-referrals"}


def test_missing_and_suppressed_values_are_gaps_never_zero(specs):
    points = specs["re-referrals"]["datasets"]["points"]
    december = next(p for p in points if p["start"] == "2016-12-01")
    assert december["value"] is None
    assert {gap["symbol"] for gap in specs["re-referrals"]["datasets"]["gaps"]} == {"c", "x"}
    assert all(p["value"] != 0 for p in points)


def test_no_suppressed_figure_reaches_a_spec(specs):
    values = [value for _, value in walk(specs["re-referrals"])]
    assert "c" in values  # the gap is marked…
    numbers = {value for value in values if isinstance(value, (int, float)) and not isinstance(value, bool)}
    assert 41 not in numbers and 170 not in numbers  # …and numerators and denominators never travel


def test_periods_sit_on_a_true_time_axis_with_their_extent(specs):
    spec = specs["re-referrals"]
    assert any(layer["encoding"].get("x", {}).get("type") == "temporal" for layer in spec["layer"])
    year_to_date = spec["datasets"]["spans"]
    assert [(row["start"], row["end"]) for row in year_to_date] == [("2016-04-01", "2017-01-31")]


def test_target_and_tolerance_band_follow_polarity(specs):
    datasets = specs["re-referrals"]["datasets"]  # lower is better: target 22, amber up to 24
    assert [(row["value"]) for row in datasets["targets"]] == [22.0]
    assert [(row["low"], row["high"]) for row in datasets["bands"]] == [(22.0, 24.0)]


def test_activity_measures_have_no_target_or_band(specs):
    assert "targets" not in [layer["data"]["name"] for layer in specs["contacts"]["layer"]]
    assert "increasing" not in specs["contacts"]["title"]["subtitle"].lower()
    assert "activity measure" in specs["contacts"]["title"]["subtitle"].lower()


def test_text_from_data_is_only_ever_data_or_titles(tmp_path):
    evil = '<script>alert(1)</script> javascript:alert(2) {"expr": "x"}'
    indicators = [{**DEFAULT_TABLES["indicators"][0], "title": evil}]
    comparators = [{**DEFAULT_TABLES["comparators"][0]}]
    authority = protect(load_authority(make_package(tmp_path, indicators=indicators, comparators=comparators,
                                                    observations=DEFAULT_TABLES["observations"][:2])))
    spec = charts.indicator_specs(authority, DRAWING)["re-referrals"]
    places = [path for path, value in walk(spec) if isinstance(value, str) and "alert" in value]
    assert places == [("title", "text")]
    assert not any(key in ("href", "url", "signal") for path, _ in walk(spec) for key in path if isinstance(key, str))
    # The only expressions are the template's own, fixed: the axes' ticks and labels read the chart's lists.
    expressions = {value for path, value in walk(spec) if path[-1] in ("expr", "labelExpr")}
    assert expressions == {"xTicks", charts.X_LABEL, charts.Y_LABEL}


def test_marks_meet_three_to_one_against_white():
    for colour in [charts.AUTHORITY_COLOUR, charts.TARGET_COLOUR, charts.TOLERANCE_FILL, *charts.COMPARATOR_COLOURS]:
        assert contrast(colour, "#FFFFFF") >= 3, colour


def test_series_are_told_apart_without_colour(specs):
    spec = specs["re-referrals"]
    encoding = next(layer["encoding"] for layer in spec["layer"] if layer["data"]["name"] == "lines")
    dashes, shapes = encoding["strokeDash"]["scale"]["range"], encoding["shape"]["scale"]["range"]
    series = encoding["color"]["scale"]["domain"]
    assert len({(str(dash), shape) for dash, shape in zip(dashes, shapes)}) == len(series) == len(dashes)


def test_static_svg_is_an_image_with_a_name_and_unique_ids(specs):
    svg = vega.embed_svg(svg_of(specs["re-referrals"]), "chart-a", "chart", "chart-summary")
    assert svg.startswith("<svg role=\"img\" aria-labelledby=\"chart\" aria-describedby=\"chart-summary\"")
    assert "Re-referrals within 12 months" in svg
    assert "<script" not in svg and "aria-roledescription" not in svg and ' role="graphics' not in svg


def test_two_charts_on_one_page_do_not_share_ids():
    vega_like = '<svg width="1"><clipPath id="clip1"><rect/></clipPath><g clip-path="url(#clip1)"></g></svg>'
    first, second = (vega.embed_svg(vega_like, prefix, "h", "c") for prefix in ("one", "two"))
    assert re.findall(r'id="([^"]+)"', first) == ["one-clip1"] and "url(#one-clip1)" in first
    assert re.findall(r'id="([^"]+)"', second) == ["two-clip1"] and "url(#two-clip1)" in second


# --- Cheaper, smaller drawings (issue 14) ---------------------------------------------------------

def monthly(count: int, missing: set[int] = frozenset()) -> list[dict]:
    rows = []
    for month in range(count):
        year, number = 2010 + month // 12, month % 12 + 1
        day = f"{year}-{number:02d}"
        rows.append({"date": f"{day}-15", "start": f"{day}-01", "end": f"{day}-28", "kind": "month",
                     "value": None if month in missing else 20.0 + month % 7, "symbol": "x" if month in missing else None})
    return rows


INDICATOR = {"indicator_id": "r", "title": "Re-referrals", "unit": "percentage", "polarity": "lower is better",
             "decimals": 1}


def symbols_drawn(svg: str) -> int:
    """Point symbols in a drawing: Vega draws each as a path placed by a transform."""
    return len(re.findall(r'<path transform="translate\([^)]*\)" d="M[^"]*[AC]', svg))


def test_a_long_series_is_a_line_without_a_symbol_at_each_figure_but_an_isolated_figure_keeps_one():
    short = charts.indicator_spec("Demo", INDICATOR, monthly(charts.LONG_SERIES), [], [], DRAWING)
    long = charts.indicator_spec("Demo", INDICATOR, monthly(120, missing={50, 52}), [], [], DRAWING)
    no_gaps = charts.indicator_spec("Demo", INDICATOR, monthly(120), [], [], DRAWING)
    assert "marks" not in no_gaps["datasets"]
    legend = symbols_drawn(svg_of(no_gaps))  # at most the legend's own symbol
    assert legend <= 1 and symbols_drawn(svg_of(short)) >= charts.LONG_SERIES + legend
    assert long["datasets"]["marks"] == [row | {"series": "Demo", "line": "month"}
                                         for row in monthly(120) if row["start"] == "2014-04-01"]
    # The figure between two gaps, and the legend's symbol for the series it belongs to.
    assert symbols_drawn(svg_of(long)) == 2
    assert all("shape" not in layer.get("encoding", {}) for layer in long["layer"] if layer["mark"]["type"] != "point")


def test_in_a_long_chart_every_series_has_a_dash_of_its_own():
    observations = monthly(120) + [{**row, "kind": "quarter"} for row in monthly(40)]
    comparators = [{**row, "series": "England", "comparator": "England"} for row in monthly(30)]
    spec = charts.indicator_spec("Demo", INDICATOR, observations, [], comparators, DRAWING)
    line = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")
    dashes, series = line["encoding"]["strokeDash"]["scale"]["range"], line["encoding"]["color"]["scale"]["domain"]
    assert len(series) == 3 and len({str(dash) for dash in dashes}) == len(series)


def drawing(svg: str) -> tuple[list[str], list[str], list[float]]:
    """What a drawing shows: its texts, its kinds of element, and every coordinate."""
    svg = svg.replace(' d="M0,0h0v0h0Z"', "")  # an empty path draws nothing
    texts = re.findall(r">([^<>]+)</text>", svg)
    elements = re.findall(r"<(line|rect|text|path(?= transform)|path d=\"M[^0])", svg)
    numbers = [float(n) for value in re.findall(r' (?:d|transform|x|y|x2|y2|width|height)="([^"]*)"', svg)
               for n in re.findall(r"-?\d*\.?\d+", value)]
    return texts, elements, numbers


def test_a_compact_drawing_shows_the_same_texts_and_marks_within_a_tenth_of_a_pixel(specs):
    import vl_convert
    raw = vl_convert.vegalite_to_svg(specs["re-referrals"])
    compact = vega.compact_svg(raw)
    (raw_texts, raw_elements, raw_numbers), (texts, elements, numbers) = drawing(raw), drawing(compact)
    assert texts == raw_texts and elements == raw_elements
    assert len(numbers) == len(raw_numbers) and all(abs(a - b) <= 0.05 for a, b in zip(numbers, raw_numbers))
    assert len(compact) < 0.7 * len(raw)
    assert not re.search(r'\d\.\d\d', " ".join(re.findall(r' (?:d|transform)="([^"]*)"', compact)))


def test_vega_from_a_template_compiled_once_equals_compiling_each_chart(specs):
    import vl_convert
    long = charts.indicator_spec("Demo", INDICATOR, monthly(120, missing={50, 52}), [], [], DRAWING)
    mixed = charts.indicator_spec("Demo", INDICATOR, monthly(120) + [{**row, "kind": "quarter"} for row in monthly(40)],
                                  [], [{**row, "series": "England", "comparator": "England"} for row in monthly(30)],
                                  DRAWING)
    for spec in [*specs.values(), long, mixed, charts.indicator_spec("Other", INDICATOR, monthly(3), [], [], DRAWING)]:
        assert vega.to_vega(spec, DRAWING) == vl_convert.vegalite_to_vega(spec)
    assert vega._compiled.cache_info().hits >= 1  # the second short chart reused the first's template


# vl-convert measures text with the Liberation Sans it holds in memory (renderer.in_process), not
# from the system's font files; how much cheaper that is, benchmarks/bench_charts.py prints. Each
# way draws in a fresh interpreter: vl-convert settles its fonts once per process.
FROM_MEMORY = ("import json, sys; from journeys.outputs import drawing as renderer; "
               "print(renderer.in_process().vega_to_svg(json.load(sys.stdin)))")
FROM_FILES = "import json, sys, vl_convert; print(vl_convert.vega_to_svg(json.load(sys.stdin)))"


def svg_of(spec: dict) -> str:
    return vega.svg(spec, DRAWING)


def drawn_in_a_fresh_process(program: str, vega: dict) -> str:
    done = subprocess.run([sys.executable, "-c", program], input=json.dumps(vega), capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent, timeout=120, check=True)
    return done.stdout


def test_text_measured_from_memory_draws_the_same_as_from_the_font_files():
    spec = charts.indicator_spec("Coventry City Council", INDICATOR, monthly(120, missing={50}), [], [], DRAWING)
    compiled = vega.to_vega(spec, DRAWING)
    memory, files = (drawn_in_a_fresh_process(program, compiled) for program in (FROM_MEMORY, FROM_FILES))
    assert memory == files and "Coventry City Council" in memory and "Re-referrals" in memory
