"""What each paper recommended its committee or board do (paper_recommendations.csv, issue 23 section 4):
the shipped rows against the papers' words, the table in the standard, and the site showing them.

Each row's text is checked against the paper's, quoted here from the papers (seeds 000-004).
"""

from __future__ import annotations

import csv
import html
import io
import json
from datetime import datetime
from pathlib import Path

import pytest

from conftest import DEFAULT_TABLES, make_package
from journeys.build.validation import validate_package
from journeys.domain.paper_recommendations import paper_recommendations
from journeys.model import load_authority
from journeys.outputs.downloads import files
from journeys.outputs.page import Entry, SiteContext
from journeys.outputs.pages import data, guide, scrutiny
from journeys.scaffold import add_table

ROOT = Path(__file__).resolve().parent.parent
CONTEXT = SiteContext(site_name="Test journeys", mode="national", built_at=datetime(2026, 1, 1),
                      authorities=(Entry("demo", "Demo"),))

# Each paper's recommendations as it prints them: (authority, source, item, to, [(number, words)]).
PAPERS = [
    ("coventry", "cov-sb2-2016-10-13", "Improvement Board Progress Report - 14th September, 2016",
     "The Education and Children's Scrutiny Board (2)", [
         ("2.1 (1)", "Consider the progress made to date."),
         ("2.1 (2)", "Consider the updated Action Plan at Appendix 1"),
         ("2.1 (3)", "Receive regular updates from the Children's Services Improvement Board that will include "
                     "further progress relating to the children's services improvement plan, including feedback "
                     "from Ofsted and the DfE"),
         ("2.1 (4)", "Identify any further recommendations for the appropriate Cabinet Member")]),
    ("coventry", "cov-sb2-2016-10-13", "Supervision of Social Care Staff",
     "the Education and Children's Services Scrutiny Board", [
         ("2.1 (1)", "Consider the information presented and note the progress made to date."),
         ("2.1 (2)", "Identify any recommendations to the appropriate Cabinet Member."),
         ("2.1 (3)", "Receive a further progress report in March 2017")]),
    ("coventry", "cov-sb2-2016-10-13", "Relationships and Sex Education in Coventry: Current Situation and Future Plans",
     "The Education and Children's Services Scrutiny Board", [
         ("2.1 (1)", "To note the contribution that high quality Relationships and Sex Education can make to improve "
                     "the lives of children and young people, support the plans to put forward RSE as a priority for "
                     "the consideration of the newly established Primary and Secondary Partnerships, and promote RSE "
                     "with fellow members and governing bodies of schools, through placing it on the "
                     "agenda/supporting the work of Officers at school governors' meetings."),
         ("2.1 (2)", "To support ongoing lobbying to include Personal Social and Relationships Education as a "
                     "statutory requirement for schools."),
         ("2.1 (3)", "To request case study presentations from Headteachers of schools where high quality "
                     "Relationships and Sex Education is being delivered to be brought to a future Scrutiny Board "
                     "meeting."),
         ("2.1 (4)", "To recommend the Cabinet Member considers including questions on Relationships and Sex "
                     "Education as part of schools safeguarding audit s175/s157 audit providing challenge to schools "
                     "when appropriate.")]),
    ("coventry", "cov-sb2-2016-10-13", "Health Visiting Service", "The Scrutiny Board", [
        ("2.1", "note the information provided in this report and seek follow up as we continue to develop a model "
                "that aligns with the Family Hub model and increases the Health Visitors' role in leading on CAF "
                "cases.")]),
    ("coventry", "cov-sb2-2016-10-13", "Outstanding Issues", "Members", [
        ("2.1 (1)", "Note the attached outstanding issues at Appendix 1")]),
    ("coventry", "cov-sb2-2017-01-12", "Progress on Children's Services Improvement Plan in response to Ofsted "
     "Single Inspection and the Review of the Local Safeguarding Children's Board",
     "The Education and Children's Scrutiny Board (2)", [
         ("2.1 (1)", "Consider the outcome of the Ofsted Monitoring visit and actions going forward"),
         ("2.1 (2)", "Note the initial feedback from the DfE Review"),
         ("2.1 (3)", "Identify any further recommendations for the appropriate Cabinet Member")]),
    ("worcestershire", "worcs-cfosp-2017-10-24", "Update on the Children's Social Care Service Improvement Plan - "
     "Ofsted Monitoring Visit Feedback", "The Children and Families Overview and Scrutiny Panel", [
         ("", "consider the information in the report and the presentation to be provided on the day;"),
         ("", "determine whether it would wish to carry out any further scrutiny; and"),
         ("", "agree whether it would wish to make any comments to the Cabinet Member with Responsibility for "
              "Children and Families.")]),
    ("kent", "kent-scphc-2013-06-12", "Children's Services Improvement Plan Update", "Members of the Cabinet", [
        ("", "NOTE and comment on the contents of this report.")]),
]


def rows(authority, name="paper_recommendations"):
    path = ROOT / "data" / authority / f"{name}.csv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("authority", ["coventry", "worcestershire", "kent"])
def test_the_rows_are_the_papers_recommendations_in_their_words_and_order(authority):
    expected = [(source, item, to, ref, words) for slug, source, item, to, asks in PAPERS if slug == authority
                for ref, words in asks]
    shipped = [(r["source"], r["item"], r["to"], r["ref"], r["recommendation"]) for r in rows(authority)]
    assert shipped == expected


def test_twenty_recommendations_across_the_papers():
    assert sum(len(rows(a)) for a in ("coventry", "worcestershire", "kent", "leicestershire")) == 20


@pytest.mark.parametrize("authority", ["coventry", "worcestershire", "kent"])
def test_every_row_cites_its_paper_and_section(authority):
    documents = {r["document_id"] for r in rows(authority, "documents")}
    for r in rows(authority):
        assert r["source"] in documents
        assert "2.1" in r["source_section"] or "para 17" in r["source_section"] or "Recommendations" in r["source_section"]
    package = json.loads((ROOT / "data" / authority / "datapackage.json").read_text(encoding="utf-8"))
    assert {"name": "paper_recommendations", "path": "paper_recommendations.csv"} in package["resources"]


def test_leicestershires_paper_makes_no_recommendation_so_it_has_no_table():
    # Its sections run Purpose, Policy Framework, Background, ..., Timetable for decisions ("19. Not
    # applicable."), Conclusion ("20. The progress made against the Ofsted Continuous Improvement
    # Action Plan is presented to the Committee."): nothing is recommended to the Committee.
    assert not (ROOT / "data" / "leicestershire" / "paper_recommendations.csv").exists()


@pytest.mark.parametrize("authority", ["coventry", "worcestershire", "kent", "leicestershire"])
def test_the_shipped_packages_still_validate(authority):
    assert validate_package(ROOT / "data" / authority) == []


# ---------------------------------------------------------------- the site shows them

def test_the_scrutiny_page_shows_each_papers_recommendations_in_date_order():
    body = html.unescape(scrutiny.page(load_authority(ROOT / "data" / "coventry"), CONTEXT).body)
    assert "## What the papers asked the meeting to do {#asked}" in body
    assert "16 recommendations in 6 papers to the committee or board" in body
    headings = [line for line in body.splitlines() if line.startswith("### ") and "(paper dated" in line]
    assert len(headings) == 6
    assert headings[0].startswith("### Improvement Board Progress Report - 14th September, 2016 "
                                  "(paper dated 13 October 2016)")
    assert headings[-1].startswith("### Progress on Children's Services Improvement Plan")
    assert "(paper dated 12 January 2017)" in headings[-1]
    assert "Made to: Members." in body
    for _, _, _, _, asks in PAPERS[:6]:
        for _, words in asks:
            assert words in body
    # Search indexes the page's tables unless a column says otherwise: these cells say nothing of the kind.
    recommendation = body.index("To support ongoing lobbying")
    assert "data-pagefind-ignore" not in body[body.rfind("<tr", 0, recommendation):recommendation]


def test_a_paper_with_unnumbered_recommendations_has_no_number_column_and_shows_its_note():
    body = html.unescape(scrutiny.page(load_authority(ROOT / "data" / "kent"), CONTEXT).body)
    assert "1 recommendation in 1 paper" in body
    assert "NOTE and comment on the contents of this report." in body
    assert "Made to: Members of the Cabinet." in body
    assert ">Number<" not in body
    assert "worded to 'Members of the Cabinet'" in body  # the note
    assert "No recommendations of the scrutiny committee have been published in this data yet." in body


def test_an_authority_with_none_shows_no_section():
    body = scrutiny.page(load_authority(ROOT / "data" / "leicestershire"), CONTEXT).body
    assert "{#asked}" not in body


def test_the_table_is_downloaded_and_listed_on_the_data_page():
    authority = load_authority(ROOT / "data" / "worcestershire")
    out = files(authority, ())
    downloaded = list(csv.DictReader(io.StringIO(out["downloads/paper_recommendations.csv"].decode("utf-8"))))
    assert [r["recommendation"] for r in downloaded] == [words for _, words in PAPERS[6][4]]
    package = json.loads(out["downloads/datapackage.json"])
    assert "paper_recommendations" in [r["name"] for r in package["resources"]]
    assert "Recommendations to the meeting" in html.unescape(data.page(authority, CONTEXT).body)


def test_the_officers_guide_describes_the_table():
    body = html.unescape(guide.page(CONTEXT).body)
    assert "paper_recommendations.csv" in body
    assert "These are the paper's requests to the meeting, not the meeting's own recommendations" in body


# ---------------------------------------------------------------- the standard

ASK = {"paper_recommendation_id": "p-1", "item": "Improvement report", "to": "The Scrutiny Board", "ref": "2.1",
       "recommendation": "Note the progress", "source": "doc-1", "source_section": "para 2.1"}


def test_add_table_starts_the_table(tmp_path, capsys):
    folder = make_package(tmp_path)
    assert add_table(folder, "paper_recommendations") == 0
    assert (folder / "paper_recommendations.csv").read_text(encoding="utf-8").startswith(
        "paper_recommendation_id,item,to,ref,recommendation,source,source_section,note\n")
    assert validate_package(folder) == []


@pytest.mark.parametrize("change, column", [
    ({"to": ""}, "to"), ({"recommendation": ""}, "recommendation"), ({"source": "nowhere"}, "source"),
    ({"source_section": ""}, "source_section"), ({"paper_recommendation_id": "no spaces allowed"}, "paper_recommendation_id"),
])
def test_a_faulty_row_is_a_problem_in_its_cell(tmp_path, change, column):
    folder = make_package(tmp_path, paper_recommendations=[{**ASK, **change}])
    problems = validate_package(folder)
    assert [(p.file.rsplit("/", 1)[-1], p.row, p.column) for p in problems] == [("paper_recommendations.csv", 2, column)]


def test_two_rows_with_one_id_are_refused(tmp_path):
    folder = make_package(tmp_path, paper_recommendations=[ASK, {**ASK, "recommendation": "Consider it"}])
    assert [p.row for p in validate_package(folder)] == [3]


def test_papers_run_in_date_order_and_keep_their_own_order(tmp_path):
    documents = DEFAULT_TABLES["documents"] + [
        {"document_id": "doc-late", "date": "2017-01-12", "body": "Scrutiny Board", "title": "Later",
         "kind": "committee paper"},
        {"document_id": "doc-early", "date": "2016-10", "body": "Scrutiny Board", "title": "Earlier",
         "kind": "committee paper"}]
    late = {**ASK, "source": "doc-late"}
    asks = [late, {**late, "paper_recommendation_id": "p-2", "ref": "2.2", "recommendation": "Receive a report"},
            {**ASK, "paper_recommendation_id": "p-3", "source": "doc-early", "item": "Earlier note"}]
    folder = make_package(tmp_path, documents=documents, paper_recommendations=asks)
    assert validate_package(folder) == []
    groups = paper_recommendations(load_authority(folder))
    assert [(g.item, g.date_label, [r["ref"] for r in g.rows]) for g in groups] == [
        ("Earlier note", "October 2016", ["2.1"]), ("Improvement report", "12 January 2017", ["2.1", "2.2"])]
