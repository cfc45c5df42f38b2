"""Indicator charts: a template built once and filled per indicator, gaps for missing values,
data that stays data, the palette's contrast, and the static SVG."""

from __future__ import annotations

import re

import pytest

from conftest import DEFAULT_TABLES, DOCUMENT, make_package
from journeys import charts
from journeys.config import contrast
from journeys.model import load_authority
from journeys.render.disclosure import protect

OBSERVATIONS = DEFAULT_TABLES["observations"] + [
    {"indicator_id": "re-referrals", "period": "2016-12", "value": "c", "numerator": "c", **DOCUMENT},
    {"indicator_id": "re-referrals", "period": "2017-01", "value": "x", **DOCUMENT},
    {"indicator_id": "re-referrals", "period": "YTD 2017-01", "value": "23.0", **DOCUMENT},
]


@pytest.fixture
def specs(tmp_path):
    return charts.indicator_specs(protect(load_authority(make_package(tmp_path, observations=OBSERVATIONS))))


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
    before = charts._template.cache_info()
    charts.indicator_specs(load_authority(make_package(tmp_path / "again")))
    after = charts._template.cache_info()
    assert after.misses == before.misses and after.hits > before.hits


def test_every_indicator_with_a_figure_gets_a_chart(specs):
    assert set(specs) == {"re-referrals", "contacts"}


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
    spec = charts.indicator_specs(authority)["re-referrals"]
    places = [path for path, value in walk(spec) if isinstance(value, str) and "alert" in value]
    assert places == [("title", "text")]
    assert not any(key in ("href", "url", "expr", "signal") for path, _ in walk(spec) for key in path
                   if isinstance(key, str))


def test_marks_meet_three_to_one_against_white():
    for colour in [charts.AUTHORITY_COLOUR, charts.TARGET_COLOUR, charts.TOLERANCE_FILL, *charts.COMPARATOR_COLOURS]:
        assert contrast(colour, "#FFFFFF") >= 3, colour


def test_series_are_told_apart_without_colour(specs):
    spec = specs["re-referrals"]
    encoding = next(layer["encoding"] for layer in spec["layer"] if layer["data"]["name"] == "points"
                    and layer["mark"]["type"] == "line")
    dashes, shapes = encoding["strokeDash"]["scale"]["range"], encoding["shape"]["scale"]["range"]
    series = encoding["color"]["scale"]["domain"]
    assert len({(str(dash), shape) for dash, shape in zip(dashes, shapes)}) == len(series) == len(dashes)


def test_static_svg_is_an_image_with_a_name_and_unique_ids(specs):
    svg = charts.embed_svg(charts.chart_svg(specs["re-referrals"]), "chart-a", "chart", "chart-summary")
    assert svg.startswith("<svg role=\"img\" aria-labelledby=\"chart\" aria-describedby=\"chart-summary\"")
    assert "Re-referrals within 12 months" in svg
    assert "<script" not in svg and "aria-roledescription" not in svg and ' role="graphics' not in svg


def test_two_charts_on_one_page_do_not_share_ids():
    vega_like = '<svg width="1"><clipPath id="clip1"><rect/></clipPath><g clip-path="url(#clip1)"></g></svg>'
    first, second = (charts.embed_svg(vega_like, prefix, "h", "c") for prefix in ("one", "two"))
    assert re.findall(r'id="([^"]+)"', first) == ["one-clip1"] and "url(#one-clip1)" in first
    assert re.findall(r'id="([^"]+)"', second) == ["two-clip1"] and "url(#two-clip1)" in second
