"""Pages, facts, disclosure control and downloads, from tiny packages, without the site engine."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import zipfile
from datetime import datetime, timezone

import frictionless
import pytest

from conftest import target_status, DEFAULT_TABLES, DOCUMENT, make_package
from journeys import engine
from journeys.domain import figures, journey, summarise
from journeys.model import load_authority
from journeys.outputs.drawing import Drawing
from journeys.outputs.page import SiteContext, Entry, href, indicator_path
from journeys.outputs.pages import site_pages
from journeys.outputs.pages import authority_pages as pages_with


def authority_pages(authority, context):
    return pages_with(authority, context, summarise(authority, context.built_at), Drawing())
from journeys.outputs import downloads
from journeys.outputs.pages import glossary
from journeys.outputs.pages import guide
from journeys.domain.disclosure import protect
from journeys.model.standard import table_schemas

BUILT = datetime(2026, 11, 1, tzinfo=timezone.utc)


def context(mode: str = "national") -> SiteContext:
    return SiteContext(site_name="Test journeys", mode=mode, built_at=BUILT, authorities=(Entry("demo", "Demo"),))


def authority(tmp_path, **tables):
    return protect(load_authority(make_package(tmp_path, **tables)))


def pages_by_path(tmp_path, **tables) -> dict[str, str]:
    """Each page's Markdown with character references decoded, as a reader would see its text."""
    return {page.path: html.unescape(page.body) for page in authority_pages(authority(tmp_path, **tables), context())}


@pytest.mark.parametrize("source, target, expected", [
    ("coventry/plan.md", "glossary.md", "../../glossary/"),
    ("index.md", "coventry/index.md", "coventry/"),
    ("coventry/index.md", "coventry/index.md", "./"),
    ("coventry/indicators/x.md", "coventry/plan.md", "../../plan/"),
    ("coventry/data.md", "coventry/downloads/actions.csv", "../downloads/actions.csv"),
    ("coventry/plan.md", "index.md", "../../"),
])
def test_links_are_relative_directory_urls(source, target, expected):
    assert href(source, target) == expected


def test_an_indicator_called_index_does_not_replace_the_list():
    assert indicator_path("index") != "indicators/index.md"
    assert indicator_path("re-referrals") == "indicators/re-referrals.md"


def test_every_authority_page_type_is_made(tmp_path):
    paths = set(pages_by_path(tmp_path))
    assert {"index.md", "plan.md", "indicators/index.md", "journey.md", "scrutiny.md", "data.md"} <= paths
    assert {indicator_path(row["indicator_id"]) for row in DEFAULT_TABLES["indicators"]} <= paths


def test_every_page_says_how_old_its_figures_are_and_when_it_was_built(tmp_path):
    for path, body in pages_by_path(tmp_path).items():
        assert "Page built 1 November 2026" in body, path
        assert "Figures as at 12 January 2017" in body, path  # doc-1, the latest paper cited
        assert "historical record" in body, path


def test_overview_shows_grade_intervention_ratings_and_timeline(tmp_path):
    milestones = DEFAULT_TABLES["milestones"] + [
        {"milestone_id": "notice", "kind": "improvement notice issued", "date": "2014-06-30", "title": "Notice issued",
         **DOCUMENT}]
    overview = pages_by_path(tmp_path, milestones=milestones)["index.md"]
    assert "Inadequate" in overview
    assert "Improvement notice in force since 30 June 2014" in overview
    assert "rag--green" in overview and ">Green<" in overview  # action 1's latest rating, as a word
    assert overview.index("Ofsted inspection") < overview.index("Notice issued") < overview.index("Monitoring visit")


def test_intervention_lifted_is_not_in_force(tmp_path):
    milestones = [{"milestone_id": "n1", "kind": "improvement notice issued", "date": "2014-06-30", "title": "N",
                   **DOCUMENT},
                  {"milestone_id": "n2", "kind": "improvement notice lifted", "date": "2018-02-01", "title": "L",
                   "source": "letter"}]
    letter = {"document_id": "letter", "date": "2018-02-01", "body": "DfE", "title": "Notice lifted"}
    documents = DEFAULT_TABLES["documents"] + [letter]
    assert journey.intervention_status(authority(tmp_path, milestones=milestones, judgements=None, findings=None,
                                               documents=documents)) == "Improvement notice lifted 1 February 2018"


def test_plan_shows_each_action_with_its_rating_history_and_source(tmp_path):
    plan = pages_by_path(tmp_path)["plan.md"]
    assert "Action 1" in plan and "Open an early help hub" in plan
    assert plan.count("rag--amber") >= 1 and plan.count("rag--green") >= 2  # history and current rating
    assert "Hub staffed" in plan and "Review in March" in plan
    assert "https://example.org/papers/1" in plan  # the paper, linked in the sources
    assert "good progress" in plan  # the authority's own words for Green


@pytest.mark.parametrize("polarity, value, status", [
    ("lower is better", 21.0, "met"), ("lower is better", 23.5, "within tolerance"),
    ("lower is better", 24.5, "missed"), ("higher is better", 23.0, "met"),
    ("higher is better", 20.5, "within tolerance"), ("higher is better", 19.0, "missed"),
])
def test_status_against_target_follows_polarity_and_tolerance(polarity, value, status):
    assert target_status(value, 22.0, 2.0, polarity, 1) == status


@pytest.mark.parametrize("polarity, before, after, words", [
    ("lower is better", 24.0, 22.0, "improving"), ("lower is better", 22.0, 24.0, "worsening"),
    ("higher is better", 22.0, 24.0, "improving"), ("none", 22.0, 24.0, "increasing"),
    ("none", 24.0, 22.0, "decreasing"), ("higher is better", 22.0, 22.01, "no change"),
])
def test_direction_of_travel_by_polarity(polarity, before, after, words):
    assert figures.direction(after, before, polarity, 1) == words


def test_indicator_page_says_what_the_chart_shows_and_lists_every_figure(tmp_path):
    page = pages_by_path(tmp_path)[indicator_path("re-referrals")]
    assert "22.5% in November 2016, improving from 24.1% in October 2016" in page
    assert "within tolerance" in page.lower()
    assert "England" in page and "22.3%" in page
    assert "DfE LAIT measure 271" in page


def test_gaps_are_named_in_the_summary_never_zero(tmp_path):
    observations = DEFAULT_TABLES["observations"] + [
        {"indicator_id": "re-referrals", "period": "2016-12", "value": "x", **DOCUMENT}]
    page = pages_by_path(tmp_path, observations=observations)[indicator_path("re-referrals")]
    assert "No figure is shown for December 2016, x: not available." in page


def test_each_symbol_is_said_once_after_the_periods_it_stands_for(tmp_path):
    gaps = [("2016-12", "x"), ("2017-01", "c"), ("2017-02", "x"), ("2017-03", "c"), ("2017-04", "c")]
    observations = DEFAULT_TABLES["observations"] + [
        {"indicator_id": "re-referrals", "period": period, "value": value, **DOCUMENT} for period, value in gaps]
    page = pages_by_path(tmp_path, observations=observations)[indicator_path("re-referrals")]
    summary = page.split("No figure is shown for ", 1)[1].split(".", 1)[0]
    assert summary == ("December 2016 and February 2017, x: not available; January 2017, March 2017 and April 2017, "
                       "c: confidential (suppressed to protect children's identities)")


def test_a_suppressed_value_takes_the_figures_beside_it_with_it(tmp_path):
    observations = [{"indicator_id": "re-referrals", "period": "2016-10", "value": "2.9", "numerator": "c",
                     "denominator": "170", **DOCUMENT}]
    protected = authority(tmp_path, observations=observations).table("observations").iloc[0]
    assert (protected["value"], protected["numerator"], protected["denominator"]) == ("c", "c", "c")
    assert protected[["value_number", "numerator_number", "denominator_number"]].isna().all()


def test_suppressed_values_stay_c_in_every_download(tmp_path):
    observations = [{"indicator_id": "re-referrals", "period": "2016-10", "value": "c", "numerator": "c",
                     **DOCUMENT}]
    protected = authority(tmp_path, observations=observations)
    files = downloads.files(protected, summarise(protected).statuses)
    rows = list(csv.DictReader(io.StringIO(files["downloads/observations.csv"].decode())))
    assert (rows[0]["value"], rows[0]["numerator"]) == ("c", "c")
    as_json = json.loads(files["downloads/demo.json"])
    observed = as_json["tables"]["observations"]
    assert dict(zip(observed["columns"], observed["rows"][0]))["value"] == "c"


def test_downloads_write_iso_dates_and_validate_with_stock_frictionless(tmp_path):
    demo = authority(tmp_path / "in")
    files = downloads.files(demo, summarise(demo).statuses)
    out = tmp_path / "out"
    for path, body in files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(body)
    documents = list(csv.DictReader(io.StringIO(files["downloads/documents.csv"].decode())))
    assert documents[1]["date"] == "2014-03-15"  # written 15/03/2014 in the package
    report = frictionless.validate(out / "downloads" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    with zipfile.ZipFile(io.BytesIO(files["downloads/demo-data-package.zip"])) as archive:
        assert {"datapackage.json", "observations.csv", "demo.json"} <= set(archive.namelist())
        descriptor = json.loads(archive.read("datapackage.json"))
        assert {name: archive.read(name) for name in archive.namelist()} == {
            path.removeprefix("downloads/"): body for path, body in files.items() if not path.endswith((".zip", ".xlsx"))}
    assert all(isinstance(resource["schema"], dict) for resource in descriptor["resources"])


def test_a_national_site_publishes_the_zip_and_the_scorecard_alone_and_stock_frictionless_validates_the_zip(tmp_path):
    """Issue 26: 153 authorities' CSV and JSON files would take some 290 MB of the site's 1 GB."""
    demo = authority(tmp_path / "in")
    statuses = summarise(demo).statuses
    national, single = downloads.files(demo, statuses, "national"), downloads.files(demo, statuses, "single")
    kept = ("downloads/demo-data-package.zip", "downloads/demo-scorecard.xlsx")
    assert national == {path: single[path] for path in kept}
    out = tmp_path / "out" / "demo-data-package.zip"
    out.parent.mkdir(parents=True)
    out.write_bytes(national["downloads/demo-data-package.zip"])
    report = frictionless.validate(out)
    assert report.valid and len(report.tasks) == len(downloads.published_tables(demo))


@pytest.mark.parametrize("mode", ["national", "single"])
def test_data_page_links_to_every_download(tmp_path, mode):
    demo = authority(tmp_path)
    data_page = html.unescape(next(p.body for p in authority_pages(demo, context(mode)) if p.path == "data.md"))
    published = downloads.files(demo, summarise(demo).statuses, mode)
    for path in published:
        assert f'href="../{path}"' in data_page, path
    assert data_page.count('href="../downloads/') == len(published)
    for name in downloads.published_tables(demo):  # every table named, as a file of its own or in the zip
        assert f"{name}.csv" in data_page
    assert ("publishes each authority's in this one zip file" in data_page) == (mode == "national")
    assert ('href="../downloads/datapackage.json"' in data_page) == (mode == "single")


def test_officers_guide_covers_every_table_and_column():
    body = html.unescape(guide.page(context()).body)
    for name, schema in table_schemas().items():
        assert f"({name}.csv)" in body
        for field in schema["fields"]:
            assert f">{field['name']}<" in body, (name, field["name"])


def test_glossary_page_and_tooltips_come_from_one_list():
    abbreviations = glossary.load()
    snippet = engine.abbreviation_snippet(tuple((a.abbreviation, a.meaning) for a in abbreviations))
    page = html.unescape(glossary.page(abbreviations, context()).body)
    assert len(snippet.splitlines()) == len(abbreviations) > 10
    for entry in abbreviations:
        assert f"*[{entry.abbreviation}]: " in snippet
        assert f">{entry.abbreviation}<" in page


def test_national_home_lists_every_authority_and_a_single_site_has_no_list(tmp_path):
    summaries = [summarise(authority(tmp_path))]
    national = site_pages(summaries, context("national"), Drawing())[0].body
    single = site_pages(summaries, context("single"), Drawing())[0].body
    national, single = html.unescape(national), html.unescape(single)
    assert "authorities-table" in national and 'href="demo/"' in national
    assert "authorities-table" not in single and 'href="demo/"' in single


# --- Following changes: the Atom feeds ---------------------------------------------------------

def test_the_overview_links_to_the_authoritys_atom_feed_from_where_it_is_served(tmp_path):
    overview = pages_by_path(tmp_path)["index.md"]  # served at site/demo/; feeds are at site/feeds/
    assert 'Follow changes: <a href="../feeds/demo.xml">Atom feed</a>' in overview


# --- What was planned is not the journey so far -------------------------------------------------

# A work programme in the latest paper (doc-1, 12 January 2017) lists meetings after that date.
PLANNED_BOARD = {"milestone_id": "board-2017-02", "kind": "improvement board", "date": "2017-02-09",
                 "title": "Improvement Board scheduled", **DOCUMENT}
PLANNED_LIFT = {"milestone_id": "lift-2017-03", "kind": "improvement notice lifted", "date": "2017-03-01",
                "title": "Notice to be lifted", **DOCUMENT}
NOTICE = {"milestone_id": "notice", "kind": "improvement notice issued", "date": "2014-06-30",
          "title": "Notice issued", **DOCUMENT}


def planned_pages(tmp_path, built_at=BUILT, **tables) -> dict[str, str]:
    milestones = DEFAULT_TABLES["milestones"] + [NOTICE, PLANNED_BOARD, PLANNED_LIFT]
    built = SiteContext(site_name="Test journeys", mode="national", built_at=built_at, authorities=())
    pages = authority_pages(authority(tmp_path, milestones=milestones, **tables), built)
    return {page.path: html.unescape(page.body) for page in pages}


def section(body: str, heading: str) -> str:
    """The text under a '## ' heading, up to the next one."""
    return body.split(f"\n## {heading}", 1)[1].split("\n## ", 1)[0]


def test_meetings_after_the_latest_paper_are_planned_not_the_journey_so_far(tmp_path):
    overview = planned_pages(tmp_path)["index.md"]
    so_far, planned = section(overview, "The journey so far"), section(overview, "Planned {#planned}")
    assert "Monitoring visit" in so_far and "Improvement Board scheduled" not in so_far
    assert "Improvement Board scheduled" in planned and "Notice to be lifted" in planned
    assert "Dated after 12 January 2017, the date of the latest papers here" in planned
    assert "Improvement notice in force since 30 June 2014" in overview  # a planned lifting has not happened
    assert "Improvement Board scheduled" not in section(overview, "What changed since the previous report")


def test_the_journey_page_puts_planned_milestones_under_their_own_heading(tmp_path):
    journey = planned_pages(tmp_path)["journey.md"]
    planned = section(journey, "Planned {#planned}")
    assert "### 9 February 2017: Improvement Board scheduled {#milestone-board-2017-02}" in planned
    assert "Monitoring visit" not in planned and "Monitoring visit" in journey


def test_anything_dated_after_the_build_is_planned_whatever_the_papers_say(tmp_path):
    built_before_the_latest_paper = datetime(2016, 12, 1, tzinfo=timezone.utc)
    overview = planned_pages(tmp_path, built_at=built_before_the_latest_paper)["index.md"]
    planned = section(overview, "Planned {#planned}")
    assert "Dated after this page was built (1 December 2016): planned, not yet held." in planned
    assert "Improvement Board scheduled" in planned and "Monitoring visit" not in planned


def test_scrutiny_items_for_meetings_after_the_record_are_listed_as_planned(tmp_path):
    upcoming = {**DEFAULT_TABLES["scrutiny"][0], "recommendation_id": "sb2-9", "meeting_date": "2017-03-09",
                "recommendation": "Hear the next progress report", "status": "open"}
    scrutiny = planned_pages(tmp_path, scrutiny=DEFAULT_TABLES["scrutiny"] + [upcoming])["scrutiny.md"]
    assert "1 recommendations and actions from the scrutiny committee; 0 still open." in scrutiny
    planned = section(scrutiny, "Planned meetings")
    assert "### Planned meeting of 9 March 2017" in planned and "Hear the next progress report" in planned
    assert "Report progress in January" not in planned


def test_site_search_skips_the_figures_but_keeps_their_notes(tmp_path):
    observations = [{**DEFAULT_TABLES["observations"][0], "note": "Revised after audit"}]
    page = pages_by_path(tmp_path, observations=observations)[indicator_path("re-referrals")]
    figures = page.split('id="figures-table"', 1)[1].split("</table>", 1)[0]
    assert re.search(r'<td data-pagefind-ignore="all"[^>]*>24\.1%</td>', figures)
    assert re.search(r'<td(?! data-pagefind-ignore)[^>]*>Revised after audit</td>', figures)
    # Title and chart summary indexed; only the dates line that every page repeats is skipped (issue 16.6).
    before = re.sub(r"<svg.*?</svg>", "", page.split('id="figures-table"', 1)[0], flags=re.S)  # the drawing is skipped whole
    assert before.count("data-pagefind-ignore") == 1 and '<p data-pagefind-ignore="all" class="page-dates"' in before
    # the month and the citation (the paper, named in words in its row) repeat on every row: skipped
    assert re.search(r'<th scope="row" data-pagefind-ignore="all"[^>]*>', figures)
    assert re.search(r'<td data-pagefind-ignore="all">[^<]+, p. 1</td></tr>', figures)
    assert "## Sources" not in page  # no list of a hundred monthly papers at the end


def test_a_figures_source_is_named_in_words_on_its_page_and_its_paper_linked_from_the_data_page(tmp_path):
    pages = pages_by_path(tmp_path)
    page = pages[indicator_path("re-referrals")]
    figures = page.split('id="figures-table"', 1)[1].split("</table>", 1)[0]
    cells = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", figures.split("<tbody", 1)[1])]
    # the row says which paper and where in it, as a reader hears and prints it (no link text to decode)
    assert cells[-1] == "Children's services improvement: progress report, p. 1"
    assert "[the papers these figures come from](../../data/#papers)" in page or \
        '<a href="../../data/#papers">the papers these figures come from</a>' in page
    papers = section(pages["data.md"], "The papers the figures come from")
    assert ('<li id="papers-doc-1" markdown="span"><a href="https://example.org/papers/1">'
            "Children's services improvement: progress report</a>. Scrutiny Board (2), 12 January 2017.") in papers


def test_site_search_skips_targets_comparators_and_rating_histories_but_keeps_the_actions(tmp_path):
    from journeys.outputs.search import BODY_END, BODY_START, search_document

    pages = pages_by_path(tmp_path)
    tables = {"targets-table": pages[indicator_path("re-referrals")],
              "comparators-table": pages[indicator_path("re-referrals")], "history-1": pages["plan.md"]}
    for table_id, page in tables.items():
        body = page.split(f'<table aria-labelledby="{table_id}"', 1)[1].split("</table>", 1)[0]
        cells = re.findall(r"<t[dh] [^>]*>", body.split("<tbody", 1)[1])
        assert cells and all('data-pagefind-ignore="all"' in cell for cell in cells), table_id
    # What a reader searches the plan for stays: the action, and its current rating's words.
    plan = search_document(f"{BODY_START}{pages['plan.md']}{BODY_END}")
    assert "Open an early help hub" in plan and "Hub staffed" not in plan
    # An indicator's definition stays; the words every indicator page repeats go: the column
    # names, the tables' captions and the unit, direction and frequency.
    indicator = search_document(f"{BODY_START}{pages[indicator_path('re-referrals')]}{BODY_END}")
    assert "Definition" in indicator and "Re-referrals" in indicator
    for repeated in ("Which way is better", "Reported", "<thead>", "table-caption", "targets and tolerances"):
        assert repeated not in indicator, repeated


def test_officers_guide_lists_the_national_measures_an_indicator_may_claim():
    from journeys.domain.measures import national_measures

    body = html.unescape(guide.page(context()).body)
    measures = body.split("## National measures (lait_code)", 1)[1].split("\n## ", 1)[0]
    for measure in national_measures().values():
        assert re.search(f'<th scope="row"[^>]*>{measure.code}</th><td[^>]*>{re.escape(measure.name)}</td>',
                         measures), measure.code
    assert len(national_measures()) >= 9  # the domain brief's nine LAIT measures at least
