"""Kent's package holds what its paper says: the Social Care and Public Health Committee report of
12 June 2013 (Children's Services Improvement Plan update)."""

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "data" / "kent"
PAPER = "kent-scphc-2013-06-12"


def rows(table):
    with open(PACKAGE / f"{table}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def descriptor():
    return json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))


def tables():
    return [r["name"] for r in descriptor()["resources"]]


def test_package_identity():
    d = descriptor()
    assert d["name"] == "kent"
    assert (d["gss_code"], d["dfe_code"]) == ("E10000016", "886")
    assert d["licenses"][0]["name"] == "OGL-UK-3.0"


def test_document_carries_its_real_date():
    assert [(r["document_id"], r["date"]) for r in rows("documents")] == [(PAPER, "2013-06-12")]


@pytest.mark.parametrize("table", [t for t in tables() if t != "documents"])
def test_every_row_cites_a_listed_document(table):
    docs = {r["document_id"] for r in rows("documents")}
    found = rows(table)
    assert found, f"{table}.csv is empty"
    for r in found:
        assert r["source"] in docs, (table, r)
        assert r["source_section"].strip(), (table, r)


def test_csv_files_are_utf8_lf_with_schema_headers():
    for table in tables():
        raw = (PACKAGE / f"{table}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw, table
        schema = json.loads((ROOT / "schemas" / f"{table}.json").read_text(encoding="utf-8"))
        header = raw.decode("utf-8").split("\n", 1)[0].split(",")
        assert header == [f["name"] for f in schema["fields"]], table


def milestones():
    return {r["milestone_id"]: r for r in rows("milestones")}


def test_safeguarding_inspection_november_2012_adequate():
    m = milestones()["insp-2012-11"]
    assert (m["kind"], m["date"], m["published"], m["framework"]) == ("inspection", "2012-11", "2013-01",
                                                                     "ofsted-2009")
    assert [(r["milestone_id"], r["judgement"], r["grade"]) for r in rows("judgements")] == [
        ("insp-2012-11", "Overall effectiveness", "Adequate")]
    assert len([f for f in rows("findings") if f["milestone_id"] == "insp-2012-11"]) == 4


def test_grades_allowed_by_the_framework():
    vocab = json.loads((ROOT / "schemas" / "vocabularies" / "frameworks.json").read_text(encoding="utf-8"))
    grades = {f["id"]: f["grades"] for f in vocab["frameworks"]}
    m = milestones()
    for r in rows("judgements"):
        framework = m[r["milestone_id"]]["framework"]
        assert framework in grades
        assert r["grade"] in grades[framework], r


def test_timeline():
    m = milestones()
    assert Counter(r["kind"] for r in m.values()) == {
        "inspection": 3, "improvement notice issued": 1, "scrutiny meeting": 2, "national change": 5, "other": 1}
    adoption = m["adoption-insp-2013-03"]
    assert (adoption["date"], adoption["end_date"]) == ("2013-03", "2013-03-22")
    # the adoption report had not been received, so no grades are recorded for it
    assert not [j for j in rows("judgements") if j["milestone_id"] == "adoption-insp-2013-03"]
    assert m["notice-revised-2013"]["kind"] == "improvement notice issued"


def test_the_2010_inspection_is_dated_by_its_year_only():
    insp = milestones()["insp-2010"]
    assert (insp["kind"], insp["date"], insp["framework"]) == ("inspection", "2010", "")
    assert "not yet subject to follow up scrutiny" in insp["summary"] and insp["note"]
    assert not [j for j in rows("judgements") if j["milestone_id"] == "insp-2010"]  # the paper gives no grades


def test_national_context_dates():
    national = {k: (r["date"], r["source_section"]) for k, r in milestones().items() if r["kind"] == "national change"}
    assert national == {
        "munro-2011-05": ("2011-05", "para 2.4 d"), "working-together-2013-03": ("2013-03", "para 2.4 d"),
        "ofsted-cic-inspections-2013": ("2013", "para 1.7"), "cib-closes-2013-07": ("2013-07", "para 1.6"),
        "ofsted-regime-2013-09": ("2013-09", "para 1.7")}
    # what the paper expects, not what happened: each says so in its note
    for key in ("cib-closes-2013-07", "ofsted-regime-2013-09", "ofsted-cic-inspections-2013"):
        assert "as at 12 June 2013" in milestones()[key]["note"]


def test_seven_strands():
    themes = rows("themes")
    assert len(themes) == 7
    assert [t["title"] for t in themes] == [
        "Ofsted Inspection Follow-Up", "Quality and effectiveness of social work practice", "Workforce Development",
        "KSCB", "CAMHS Service", "Adoption", "Performance Information"]
    assert [int(t["order"]) for t in themes] == list(range(1, 8))
    ids = {t["theme_id"] for t in themes}
    objectives = rows("objectives")
    assert len(objectives) == 15
    assert {o["theme_id"] for o in objectives} == ids  # every strand has its described work
    assert all(a["theme_id"] in ids for a in rows("actions"))


def test_lettered_actions():
    assert [a["action_id"] for a in rows("actions")] == [
        "2.2", "2.3.a", "2.3.b", "2.3.c", "2.4", "2.4.a", "2.4.b", "2.4.c", "2.4.d", "2.5.a", "2.5.b"]
    objectives = {o["objective_id"] for o in rows("objectives")}
    assert all(a["objective_id"] in objectives for a in rows("actions") if a["objective_id"])


def test_scorecard_tally_2012_13():
    tally = {r["rating"]: int(r["count"]) for r in rows("rag_tallies")}
    assert tally == {"Green": 22, "Amber": 13, "Red": 9}
    assert sum(tally.values()) == 44
    assert {r["report_date"] for r in rows("rag_tallies")} == {"2013-06-12"}
    assert all("2012-13" in r["subject"] for r in rows("rag_tallies"))


def test_rag_scale_covers_the_tally():
    scale = {(r["scale"], r["rating"]): int(r["rank"]) for r in rows("rag_scale")}
    assert scale == {("indicator", "Green"): 1, ("indicator", "Amber"): 2, ("indicator", "Red"): 3}
    assert {r["rating"] for r in rows("rag_tallies")} <= {rating for _, rating in scale}


def test_section_47_conversion_2012_13():
    indicators = {i["indicator_id"]: i for i in rows("indicators")}
    assert len(indicators) == 1
    assert (indicators["s47-to-icpc"]["unit"], indicators["s47-to-icpc"]["polarity"]) == (
        "percentage", "higher is better")
    obs = {(r["indicator_id"], r["period"]): r["value"] for r in rows("observations")}
    assert obs == {("s47-to-icpc", "2012/13"): "36"}
