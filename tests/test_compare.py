"""Comparison pages and their chart (issue 7), rendered from three tiny authorities:
alpha and beta report national measure 15, gamma does not."""

import csv
import io
import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import comparisons
from journeys.model import load_authority
from journeys.outputs.pages import compare
from journeys.outputs.page import Entry, SiteContext
from journeys.outputs.compare_chart import comparison_spec as spec_of
from journeys.outputs.drawing import Drawing
from journeys.outputs.pages.compare import (chart_svg as svg_of, comparison_page, entries, files, indicator_note,
                                     pages)
from journeys.outputs.wording import symbol_label
from journeys.outputs.markup import text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "compare"
SVG = '<svg role="img" aria-labelledby="chart-label" aria-describedby="chart-summary"></svg>'
BUILT = datetime(2026, 11, 22, tzinfo=timezone.utc)


def context(found=()) -> SiteContext:
    return SiteContext(site_name="Journeys", mode="national", built_at=BUILT,
                       authorities=(Entry("alpha", "Alpha City Council"),), compared=entries(list(found)))


def copy_fixture(slug: str, tmp_path: Path, name: str | None = None, title: str | None = None) -> Path:
    """A copy of a fixture authority, optionally under another slug and name."""
    folder = tmp_path / (name or slug)
    folder.mkdir()
    for file in (FIXTURES / slug).iterdir():
        (folder / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    if name or title:
        descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        descriptor.update(name=name or slug, title=title or descriptor["title"])
        (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder


def the_comparison(*folders):
    folders = folders or [FIXTURES / slug for slug in ("alpha", "beta", "gamma")]
    [comparison] = comparisons([load_authority(folder) for folder in folders])
    return comparison


def body(comparison) -> str:
    return str(comparison_page(comparison, context([comparison]), SVG).body)


@pytest.fixture(scope="module")
def page() -> str:
    return body(the_comparison())


def test_the_section_is_an_index_and_a_page_per_measure_in_one_navigation_group():
    comparison = the_comparison()
    built = pages([comparison], context([comparison]), Drawing())
    assert [(p.path, p.group) for p in built] == [
        ("compare/index.md", "Compare authorities"),
        ("compare/15-second-or-subsequent-child-protection-plan.md", "Compare authorities")]
    assert 'href="15-second-or-subsequent-child-protection-plan/"' in built[0].body
    assert "Alpha City Council and Beta County Council" in built[0].body
    assert SVG not in built[1].body and '<svg role="img" aria-labelledby="chart-label"' in built[1].body


def test_nothing_to_compare_makes_no_section():
    assert pages([], context(), Drawing()) == [] and files([]) == {}


def test_the_page_names_exactly_the_authorities_that_report_the_measure(page):
    assert "Alpha City Council" in page and "Beta County Council" in page
    assert "Gamma" not in page and "gamma" not in page


def test_the_page_links_to_each_authoritys_indicator_page(page):
    links = re.findall(r'href="(\.\./\.\./[^"]+)"', page)
    assert links[:2] == ["../../alpha/indicators/repeat-plans/", "../../beta/indicators/cp-repeat/"]


def test_the_latest_table_gives_value_period_and_source(page):
    latest = page.split('aria-labelledby="latest-values"')[1].split("</table>")[0]
    rows = re.findall(r'<tr markdown="1"><th scope="row".*?</tr>', latest)
    assert len(rows) == 2
    assert ">18.0%<" in rows[0] and ">December 2016<" in rows[0] and "Performance overview, November 2016" in rows[0]
    assert ">16.4%<" in rows[1] and ">2017/18<" in rows[1] and "Progress report" in rows[1]


def test_the_page_says_the_periods_differ(page):
    assert "Different periods" in page
    assert "Alpha City Council reports months; Beta County Council reports financial years" in page


def test_no_periods_notice_when_they_are_the_same(tmp_path):
    comparison = the_comparison(FIXTURES / "alpha", copy_fixture("alpha", tmp_path, "omega", "Omega Council"))
    assert "Different periods" not in body(comparison)


def test_gaps_are_said_in_words_and_symbols_never_become_numbers(page):
    assert "No value is published for&#58; Alpha City Council, November 2016; Beta County Council, 2016/17" in page
    figures = page.split('aria-labelledby="all-figures"')[1]
    assert text(symbol_label("c")) in figures and text(symbol_label("x")) in figures
    assert ">0.0%<" not in page


def test_the_chart_and_its_summary_are_on_the_page(page):
    assert SVG in page
    assert ('<figcaption id="chart-summary">Second or subsequent child protection plan over time for 2 '
            "authorities. Lower is better. Latest values&#58; Alpha City Council, 18.0% &#40;December 2016&#41;; "
            "Beta County Council, 16.4% &#40;2017/18&#41;.</figcaption>") in page


def test_the_page_says_how_old_its_figures_are(page):
    assert "Figures as at 5 November 2018, from the council papers of that time" in page


def test_csv_text_cannot_inject_markup(tmp_path):
    folder = copy_fixture("alpha", tmp_path, "evil", "<script>alert(1)</script> Council")
    indicators = folder / "indicators.csv"
    indicators.write_text(indicators.read_text(encoding="utf-8").replace(
        "Repeat child protection plans,", '"<img src=x onerror=alert(1)> [x](javascript:alert(1))",'),
        encoding="utf-8")
    comparison = the_comparison(folder, FIXTURES / "beta")
    html = body(comparison) + str(pages([comparison], context([comparison]), Drawing())[0].body)
    assert "<script" not in html and "<img" not in html and "](javascript" not in html
    assert "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62; Council" in html


def test_many_figures_go_to_the_csv_file_not_the_page(tmp_path, monkeypatch):
    monkeypatch.setattr(compare, "TABLE_LIMIT", 5)
    html = body(the_comparison())
    assert 'aria-labelledby="all-figures"' not in html
    assert "There are 11 figures&#58; too many for a table on this page." in html
    assert 'href="../15-second-or-subsequent-child-protection-plan.csv"' in html


def test_the_csv_holds_every_figure_and_symbols_never_numbers():
    comparison = the_comparison()
    [(path, content)] = files([comparison]).items()
    assert path == "compare/15-second-or-subsequent-child-protection-plan.csv"
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert len(rows) == 11
    assert [(r["authority"], r["series"], r["period"], r["value"]) for r in rows[:4]] == [
        ("Alpha City Council", "Value", "2016-10", "20.5"), ("Alpha City Council", "Value", "2016-11", "c"),
        ("Alpha City Council", "Value", "2016-12", "18.0"), ("Alpha City Council", "Target", "2016/17", "18.0")]


def test_an_indicator_page_links_to_its_comparison():
    comparison = the_comparison()
    note = indicator_note(context([comparison]), "alpha", "repeat-plans")
    assert note == ('<p markdown="span">This is national measure 15 &#40;Second or subsequent child protection '
                    "plan&#41;, defined the same way by every authority that reports it.</p>\n"
                    '<p class="compare-link" markdown="span"><a href="../../../compare/15-second-or-subsequent-'
                    'child-protection-plan/">Compare with Beta County Council</a></p>\n')


def test_at_national_scale_the_link_counts_the_others_so_the_page_does_not_grow_with_the_site():
    from dataclasses import replace
    comparison = the_comparison()
    entry = context([comparison]).compared[("alpha", "repeat-plans")]
    many = replace(entry, others=tuple(f"Authority {n}" for n in range(152)))
    note = indicator_note(replace(context(), compared={("alpha", "repeat-plans"): many}), "alpha", "repeat-plans")
    assert "Compare with the 152 other authorities that report it</a>" in note
    assert "Authority 7" not in note


def test_an_indicator_without_a_comparison_has_no_link():
    comparison = the_comparison()
    assert indicator_note(context([comparison]), "gamma", "placements") == ""
    assert indicator_note(context(), "alpha", "repeat-plans") == ""


# --- The chart -------------------------------------------------------------------------------

def test_the_chart_draws_every_reporting_authority_with_its_target_and_comparators():
    spec = spec_of(the_comparison(), Drawing())
    domain = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert domain == ["Alpha City Council", "Beta County Council", "England",
                      "Neighbours of Alpha City Council (mean)", "Neighbours of Beta County Council (median)",
                      "Target: Alpha City Council", "Target: Beta County Council"]
    assert {row["series"] for row in spec["datasets"]["points"]} == set(domain) - {
        "Target: Alpha City Council", "Target: Beta County Council"}


def test_each_series_differs_by_more_than_colour():
    encoding = next(layer for layer in spec_of(the_comparison(), Drawing())["layer"]
                    if layer["mark"]["type"] == "line")["encoding"]
    looks = list(zip(encoding["strokeDash"]["scale"]["range"], encoding["shape"]["scale"]["range"]))
    assert len(set(map(repr, looks))) == len(looks)


def test_the_chart_has_gaps_never_zeros():
    points = spec_of(the_comparison(), Drawing())["datasets"]["points"]
    gaps = [(p["series"], p["start"]) for p in points if p["value"] is None]
    assert gaps == [("Alpha City Council", "2016-11-01"), ("Beta County Council", "2016-04-01")]
    assert 0 not in [p["value"] for p in points]


def test_many_authorities_become_grey_lines_with_england_in_focus(tmp_path):
    folders = [copy_fixture("alpha" if i % 2 else "beta", tmp_path, f"la-{i}", f"Authority {i}") for i in range(6)]
    spec = spec_of(the_comparison(*folders), Drawing())
    line = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")
    assert line["encoding"]["color"]["scale"]["domain"] == ["Each authority", "England"]
    assert line["encoding"]["color"]["scale"]["range"] == ["#767676", "#12436D"]
    assert "point" not in [layer["mark"]["type"] for layer in spec["layer"]]
    assert len({p["line"] for p in spec["datasets"]["points"]}) == 7  # six authorities' lines and England's


def test_the_drawn_chart_is_an_image_named_by_its_label_and_described_by_its_summary():
    svg = svg_of(the_comparison(), Drawing())
    assert svg.startswith('<svg role="img" aria-labelledby="chart-label" aria-describedby="chart-summary"')
    assert "Alpha City Council" in svg and "Neighbours of Beta County Council (median)" in svg


def test_many_gaps_are_counted_not_listed(monkeypatch):
    monkeypatch.setattr(compare, "GAPS_LISTED", 1)
    assert "No value is published for 2 of the periods shown" in body(the_comparison())
