"""Charts as a reader sees them (issue 23, section 2), read from the built site: every drawing's
axis labels, its shapes and its summary sentence, not only its spec.

The site is the shipped data (where 29 of 127 indicator charts once printed "Jan 2018" four times)
beside a small authority with a series of every kind of period, a single figure, and figures the
papers do not print as they are."""

from __future__ import annotations

import html
import re
import shutil
import xml.etree.ElementTree as ElementTree
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import DOCUMENT, make_package
from journeys.build.config import load_config
from journeys.build.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
SVG = "{http://www.w3.org/2000/svg}"

INDICATOR = {"unit": "percentage", "polarity": "higher is better", "frequency": "monthly", "decimals": "0",
             "counts_children": "no", "definition": "As the paper defines it", **DOCUMENT}
# indicator_id -> (its periods, what every label of its time axis looks like)
SERIES = {
    "two-months": (["2015-06", "2015-07"], r"(Jun|Jul) 2015"),
    "months": ([f"2016-{m:02d}" for m in range(1, 13)] + ["2017-01"], r"[A-Z][a-z]{2} 20\d\d"),
    "financial-quarters": (["2017/18 Q1", "2017/18 Q2", "2017/18 Q3", "2017/18 Q4", "2018/19 Q1"],
                           r"20\d\d/\d\d Q[1-4]"),
    "financial-years": (["2014/15", "2015/16", "2016/17", "2017/18", "2018/19"], r"20\d\d/\d\d"),
    "quarters": (["2017-Q1", "2017-Q2", "2017-Q3", "2017-Q4", "2018-Q1", "2018-Q2"],
                 r"[A-Z][a-z]{2}-[A-Z][a-z]{2} 20\d\d"),
    "years": (["2002", "2005", "2008", "2011", "2014"], r"20\d\d"),
    "year-to-date": ([f"YTD 2016-{m:02d}" for m in range(5, 12)], r"[A-Z][a-z]{2} 2016"),
    "days": (["2016-09-15", "2016-10-13"], r"\d{1,2} [A-Z][a-z]{2} 2016"),
}


def kinds_tables() -> dict:
    indicators = [{"indicator_id": key, "title": f"Series of {key}", **INDICATOR} for key in SERIES]
    indicators += [{"indicator_id": "one", "title": "A single quarterly figure", **INDICATOR},
                   {"indicator_id": "deduced", "title": "Audits rated good", **INDICATOR},
                   {"indicator_id": "long-deduced", "title": "Visits in time", **INDICATOR}]
    observations = [{"indicator_id": key, "period": period, "value": str(40 + index * 3), **DOCUMENT}
                    for key, (periods, _) in SERIES.items() for index, period in enumerate(periods)]
    observations += [{"indicator_id": "one", "period": "2017/18 Q2", "value": "61", **DOCUMENT},
                     {"indicator_id": "deduced", "period": "2018-05", "value": "42", **DOCUMENT},
                     {"indicator_id": "deduced", "period": "2018-06", "value": "58", "basis": "deduced",
                      "note": "100% less the 42% the paper gives for those rated otherwise.", **DOCUMENT}]
    observations += [{"indicator_id": "long-deduced", "period": f"{2014 + m // 12}-{m % 12 + 1:02d}",
                      "value": str(50 + m % 9), **DOCUMENT} | (
                          {"basis": "inferred", "note": "Read from the paper's chart."} if m == 20 else {})
                     for m in range(30)]
    return {"indicators": indicators, "observations": observations, "targets": None, "comparators": None}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("axes")
    make_package(base, "kinds", **kinds_tables())
    for package in sorted((ROOT / "data").iterdir()):
        if (package / "datapackage.json").is_file():
            shutil.copytree(package, base / "data" / package.name)
    (base / "site.yml").write_text("name: Axes\ndata_dir: data\nsite_dir: site\ncache_dir: ''\n", encoding="utf-8")
    config, problems = load_config(base / "site.yml")
    assert not problems
    assert build(config, now=NOW) == 0
    return config.site_dir


def drawings(page: Path) -> list[ElementTree.Element]:
    """The page's charts and pictures, as drawn (each inline SVG that is an image)."""
    found = re.findall(r'<svg role="img".*?</svg>', page.read_text(encoding="utf-8"), re.DOTALL)
    return [ElementTree.fromstring(svg) for svg in found]


def axes(drawing: ElementTree.Element) -> list[list[str]]:
    """Each axis's labels as a reader sees them: the texts of its label group, less those Vega hid
    (opacity 0) for want of room and the empty ones (a value tick between two whole numbers)."""
    return [[text.text for text in group.iter(f"{SVG}text") if text.get("opacity") != "0" and text.text]
            for group in drawing.iter(f"{SVG}g") if group.get("class") == "axis-labels"]


def every_drawing(site: Path):
    for page in sorted(site.rglob("index.html")):
        for drawing in drawings(page):
            yield page.relative_to(site).parent.as_posix(), drawing


def test_no_axis_of_any_chart_on_the_site_repeats_a_label(site):
    charts, repeats = 0, []
    for where, drawing in every_drawing(site):
        labelled = axes(drawing)
        charts += bool(labelled)
        repeats += [(where, labels) for labels in labelled if len(set(labels)) < len(labels)]
    assert charts >= 60  # the shipped indicator charts, the pictures, the comparisons, and the kinds below
    assert repeats == [], "\n".join(map(str, repeats))


@pytest.mark.parametrize("indicator", sorted(SERIES))
def test_a_time_axis_is_ticked_in_its_series_kind_of_period(site, indicator):
    [drawing] = drawings(site / "kinds" / "indicators" / indicator / "index.html")
    pattern = SERIES[indicator][1]
    time = [labels for labels in axes(drawing) if labels and all(re.fullmatch(pattern, label) for label in labels)]
    assert len(time) == 1 and len(time[0]) >= 2, axes(drawing)


def test_a_two_month_series_labels_each_month_once(site):
    [drawing] = drawings(site / "kinds" / "indicators" / "two-months" / "index.html")
    assert ["Jun 2015", "Jul 2015"] in axes(drawing)


def test_no_drawing_has_an_empty_shape(site):
    """A line through one point is a path to nowhere ("M300,130Z"), drawn for nothing."""
    empty = [(where, path.get("d")) for where, drawing in every_drawing(site) for path in drawing.iter(f"{SVG}path")
             if re.fullmatch(r"M-?[\d.]+,-?[\d.]+Z?", path.get("d", ""))]
    assert empty == []
    assert list((site / "compare").glob("15-*/index.html")), "the comparison that drew one was not built"


def test_one_figure_is_shown_as_the_figure_not_a_chart(site):
    page = (site / "kinds" / "indicators" / "one" / "index.html").read_text(encoding="utf-8")
    assert '<svg role="img"' not in page
    said = html.unescape(page)
    assert "A single quarterly figure: 61% in 2017/18 Q2 (Jul-Sep 2017)." in said
    overview = html.unescape((site / "kinds" / "index.html").read_text(encoding="utf-8"))
    assert '<p class="glance-figure">61%</p>' in overview and "Only figure 61% (2017/18 Q2, Jul-Sep 2017)" in overview


def hollow_points(drawing: ElementTree.Element) -> int:
    """Point symbols drawn as a ring: a white fill inside a coloured stroke, or a stroke with no fill."""
    return sum(1 for path in drawing.iter(f"{SVG}path") if path.get("transform") and "A" in path.get("d", "")
               and path.get("stroke") and path.get("fill") in ("white", None))


@pytest.mark.parametrize("indicator, said", [
    ("deduced", "The figure for June 2018 is deduced from other figures the papers print. "
                "The chart draws it as a hollow point."),
    ("long-deduced", "The figure for September 2015 is inferred: the papers imply it but do not print it. "
                     "The chart draws it as a hollow point."),
])
def test_a_figure_not_printed_as_it_is_is_a_hollow_point_and_the_summary_says_so(site, indicator, said):
    page = site / "kinds" / "indicators" / indicator / "index.html"
    [drawing] = drawings(page)
    assert hollow_points(drawing) == 1
    texts = " ".join(text.text or "" for text in drawing.iter(f"{SVG}text"))
    assert "A hollow point is a figure the papers do not print as it is" in texts
    caption = re.search(r'<figcaption id="chart-summary"[^>]*>(.*?)</figcaption>', page.read_text(encoding="utf-8"))
    assert said in html.unescape(caption[1])


def test_printed_figures_are_never_hollow(site):
    hollow = Counter(where for where, drawing in every_drawing(site) if hollow_points(drawing))
    assert set(hollow) == {"kinds/indicators/deduced", "kinds/indicators/long-deduced"}
