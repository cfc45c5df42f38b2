"""Worcestershire's package holds what its papers say: the panel report of 24 October 2017 and
Ofsted's monitoring visit letter of 12 October 2017 (Appendix 1 to it)."""

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "data" / "worcestershire"
PANEL = "worcs-cfosp-2017-10-24"
LETTER = "worcs-ofsted-mv-letter-2017-10-12"


def rows(table):
    with open(PACKAGE / f"{table}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def descriptor():
    return json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))


def tables():
    return [r["name"] for r in descriptor()["resources"]]


def test_package_identity():
    d = descriptor()
    assert d["name"] == "worcestershire"
    assert (d["gss_code"], d["dfe_code"]) == ("E10000034", "885")
    assert d["licenses"][0]["name"] == "OGL-UK-3.0"


def test_documents_carry_their_real_dates():
    docs = {r["document_id"]: r["date"] for r in rows("documents")}
    assert docs == {PANEL: "2017-10-24", LETTER: "2017-10-12"}


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


def test_inadequate_inspection_of_2016():
    m = milestones()["insp-2016"]
    assert (m["kind"], m["date"], m["end_date"], m["published"], m["framework"]) == (
        "inspection", "2016-10", "2016-11", "2017-01-24", "sif-2013")
    assert [(r["milestone_id"], r["judgement"], r["grade"]) for r in rows("judgements")] == [
        ("insp-2016", "Overall effectiveness", "Inadequate")]


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
    kinds = Counter(r["kind"] for r in m.values())
    assert len(m) == 16
    assert kinds == {"inspection": 1, "monitoring visit": 3, "plan published": 3, "review": 1,
                     "scrutiny meeting": 3, "other": 5}
    # the presentation's timeline, step by step
    assert m["plan-2016-12"]["date"] == "2016-12" and "Eight point" in m["plan-2016-12"]["title"]
    assert (m["commissioner-review-2017"]["date"], m["commissioner-review-2017"]["end_date"],
            m["commissioner-review-2017"]["published"]) == ("2017-03", "2017-04", "2017-09")
    assert m["plan-2017-06"]["date"] == "2017-06"
    assert m["essex-2017-08"]["date"] == "2017-08"
    assert m["plan-2017-10"]["date"] == "2017-10"


def test_two_monitoring_visits():
    m = milestones()
    visits = sorted((r["date"], r["end_date"], r["published"], r["framework"])
                    for r in m.values() if r["kind"] == "monitoring visit")
    assert visits == [("2017-05-23", "2017-05-24", "", "sif-2013"),
                      ("2017-09-12", "2017-09-13", "2017-10-12", "sif-2013"),
                      ("2018-02", "", "", "sif-2013")]  # the third, planned: dated by its month only
    third = m["mv-2018-02"]
    assert third["source_section"] == "para 16" and "not confirmed" in third["note"]


def test_findings_counts():
    found = Counter((r["milestone_id"], r["kind"], r["source"]) for r in rows("findings"))
    # September 2017: the letter's 17 strengths, 8 areas for improvement and 6 other findings,
    # plus one area for improvement only the presentation names
    assert found[("mv-2017-09", "strength", LETTER)] == 17
    assert found[("mv-2017-09", "area for improvement", LETTER)] == 8
    assert found[("mv-2017-09", "finding", LETTER)] == 6
    assert found[("mv-2017-09", "area for improvement", PANEL)] == 1
    # May 2017, as the panel report and the September letter describe it
    assert sum(n for (mid, _, _), n in found.items() if mid == "mv-2017-05") == 5
    assert sum(n for (mid, _, _), n in found.items() if mid == "insp-2016") == 2
    assert len(rows("findings")) == 39


def test_findings_point_at_visits_and_ids_are_unique():
    m = milestones()
    ids = [r["finding_id"] for r in rows("findings")]
    assert len(ids) == len(set(ids))
    assert all(r["milestone_id"] in m for r in rows("findings"))


def test_four_priorities_and_their_activities():
    themes = rows("themes")
    assert [t["title"] for t in themes] == ["Family Front Door", "Remodel the Early Help Offer", "Culture",
                                           "Quality Assurance"]
    assert [int(t["order"]) for t in themes] == [1, 2, 3, 4]
    per_theme = Counter(o["theme_id"] for o in rows("objectives"))
    assert per_theme == {"ffd": 2, "early-help": 2, "culture": 3, "qa": 4}
    assert {o["kind"] for o in rows("objectives")} == {"priority"}


def observations():
    return {(r["indicator_id"], r["period"]): r for r in rows("observations")}


def test_return_home_interviews_july_2017():
    obs = observations()
    assert obs[("rhi", "2017-07")]["value"] == "61"
    assert obs[("rhi-72-hours", "2017-07")]["value"] == "24"
    assert obs[("rhi", "2017-04")]["value"] == "100"
    assert obs[("rhi-72-hours", "2017-04")]["value"] == "68"


def test_health_attendance_at_strategy_discussions():
    obs = observations()
    assert obs[("health-strategy-attendance", "2017-07")]["value"] == "44"
    assert obs[("health-strategy-attendance", "2017-09")]["value"] == "100"


def test_indicator_and_observation_counts():
    assert len(rows("indicators")) == 10
    assert len(rows("observations")) == 13
    # figures the letter reports without a number are x, never guessed
    xs = sorted(k for k, r in observations().items() if r["value"] == "x")
    assert xs == [("decisions-24-hours", "2017-09"), ("ffd-caseload", "2017-09"), ("seen-1-day", "2017-09"),
                  ("seen-5-days", "2017-09")]
    assert all(r["note"] for r in observations().values() if r["value"] == "x")


def test_indicator_rules():
    for i in rows("indicators"):
        if i["polarity"] == "none":
            assert i["unit"] == "count", i
    units = {i["indicator_id"]: i["unit"] for i in rows("indicators")}
    for (iid, _), r in observations().items():
        assert iid in units
        if units[iid] == "percentage" and r["value"] not in ("c", "x", "z", "low", "u"):
            assert 0 <= float(r["value"]) <= 100


def test_every_document_says_what_kind_of_paper_it_is():
    kinds = {r["document_id"]: r["kind"] for r in rows("documents")}
    assert kinds == {"worcs-cfosp-2017-10-24": "committee paper", "worcs-ofsted-mv-letter-2017-10-12": "Ofsted letter"}
