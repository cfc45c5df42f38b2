"""Coventry Children's Services Improvement Plan 2016/17: themes, objectives, actions, RAG scale.

Counts come from the papers themselves:
- Scrutiny Board 2 agenda pack, 13 Oct 2016 (cov-sb2-2016-10-13): the Improvement Plan 2016/17,
  Section 8 Action Plan, 57 numbered actions under five themes; para 4.3 "There are six themes"
  (the sixth, the LSCB, has no actions left in the plan).
- Briefing note to Scrutiny Board 2, 12 Jan 2017 (cov-sb2-2017-01-12): Appendix 1 plan on a page
  (aims and priorities per theme) and Appendix 2's definition of the KPI RAG colours.
"""

import csv
import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "data" / "coventry"
SCHEMAS = ROOT / "schemas"
DOCS = {"cov-sb2-2016-10-13", "cov-sb2-2017-01-12"}
MINE = ["themes", "objectives", "actions", "rag_scale"]


def rows(name):
    with open(PKG / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def actions():
    return {r["action_id"]: r for r in rows("actions")}


# ------------------------------------------------------------------ file format

def test_files_are_utf8_lf_with_schema_header():
    for name in MINE:
        raw = (PKG / f"{name}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), f"{name}.csv has a BOM"
        assert b"\r" not in raw, f"{name}.csv has CR line endings"
        raw.decode("utf-8")
        header = raw.split(b"\n", 1)[0].decode("utf-8").split(",")
        fields = [f["name"] for f in json.loads((SCHEMAS / f"{name}.json").read_text())["fields"]]
        assert header == fields, name


def test_text_has_no_extraction_debris():
    for name in MINE:
        for r in rows(name):
            for k, v in r.items():
                assert not re.search(r"<[a-z/][^>]*>|&amp;|&quot;|\u2019|  |`", v), (name, k, v)
                assert v == v.strip(), (name, k, v)


# ------------------------------------------------------------------ themes

def test_themes_are_the_five_numbered_themes_plus_lscb():
    t = rows("themes")
    assert [r["theme_id"] for r in t] == ["1", "2", "3", "4", "5", "lscb"]
    assert [int(r["order"]) for r in t] == [1, 2, 3, 4, 5, 6]
    titles = {r["theme_id"]: r["title"] for r in t}
    assert titles["1"] == "Early Help & Partnership"
    assert titles["3"] == "Quality Assurance and Audit"
    assert titles["5"] == "Services for LAC, Care Leavers and Permanency"
    assert titles["lscb"] == "Local Safeguarding Children's Board"


# ------------------------------------------------------------------ objectives

def test_action_plan_objective_sections_per_theme():
    obj = [r for r in rows("objectives") if r["kind"] == "objective"]
    assert [r["objective_id"] for r in obj] == [
        "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "3.3",
        "4.1", "4.2", "4.3", "5.1", "5.2", "5.3", "5.4"]
    assert all(r["objective_id"].split(".")[0] == r["theme_id"] for r in obj)
    by_id = {r["objective_id"]: r["title"] for r in obj}
    # 1.2 lists six objective statements, 2.1 six, 5.1 four
    assert by_id["1.2"].count("; ") == 5
    assert by_id["2.1"].count("; ") == 5
    assert by_id["5.1"].count("; ") == 3
    assert by_id["4.1"] == ("Management Oversight: Ensure robust management oversight of front door "
                            "activity (Ofsted PA 26)")


def test_plan_on_a_page_aims_and_priorities_per_theme():
    o = rows("objectives")
    aims = Counter(r["theme_id"] for r in o if r["kind"] == "aim")
    pris = Counter(r["theme_id"] for r in o if r["kind"] == "priority")
    assert aims == {"1": 4, "2": 4, "3": 4, "4": 4, "5": 4}
    # theme 3 prints three priorities and an empty fourth bullet
    assert pris == {"1": 4, "2": 5, "3": 3, "4": 4, "5": 4}
    # objectives, aims, priorities; then sections 3, 4 and 6 (vision, progress, making a difference)
    assert len(o) == 18 + 20 + 20 + 10 + 48 + 7
    by_id = {r["objective_id"]: r for r in o}
    assert by_id["2-priority-5"]["title"] == "Develop a Social Work Academy"
    assert by_id["5-aim-4"]["title"] == "Increase recruitment of foster workers"
    assert by_id["1-priority-2"]["title"] == 'Implementing the "Steps to Change" outcome impact tool'


def test_objectives_reference_known_themes_and_unique_ids():
    theme_ids = {r["theme_id"] for r in rows("themes")}
    o = rows("objectives")
    assert len({r["objective_id"] for r in o}) == len(o)
    assert all(r["theme_id"] in theme_ids for r in o if r["kind"] not in ("vision", "making a difference"))
    assert all(r["theme_id"] == "" for r in o if r["kind"] in ("vision", "making a difference"))


# ------------------------------------------------------------------ actions

def test_exactly_57_actions_numbered_as_printed():
    a = rows("actions")
    assert [r["action_id"] for r in a] == [str(i) for i in range(1, 58)]


def test_actions_per_theme_and_section():
    a = rows("actions")
    assert Counter(r["theme_id"] for r in a) == {"1": 14, "2": 14, "3": 9, "4": 7, "5": 13}
    sec = Counter(r["objective_id"] for r in a)
    assert sec["1.1"] == 6 and sec["2.1"] == 6 and sec["5.3"] == 6
    assert sec["2.5"] == 1 and sec["5.2"] == 1 and sec["5.4"] == 1
    assert len(sec) == 18


def test_every_action_theme_and_objective_exist_and_agree():
    theme_ids = {r["theme_id"] for r in rows("themes")}
    obj = {r["objective_id"]: r["theme_id"] for r in rows("objectives")}
    for r in rows("actions"):
        assert r["theme_id"] in theme_ids, r["action_id"]
        assert r["theme_id"] != "lscb"
        assert obj[r["objective_id"]] == r["theme_id"], r["action_id"]


def test_due_values():
    a = actions()
    pat = re.compile(r"^(ongoing|\d{4}-\d{2})$")
    assert all(pat.match(r["due"]) for r in a.values())
    assert Counter(r["due"] for r in a.values())["ongoing"] == 44
    assert a["25"]["due"] == "2017-01"
    assert a["14"]["due"] == "2016-06"
    assert a["1"]["due"] == "2016-09"
    # timescales that a period cannot fully hold keep their wording in the measure
    kept = {k for k, r in a.items() if "(Timescale: " in r["measure"]}
    assert kept == {"1", "4", "45", "46", "47", "49"}
    assert a["49"]["measure"].endswith("(Timescale: April/May 2016)")


def test_answers_as_printed():
    a = actions()
    assert a["24"]["answers"] == "Ofsted PA 27 and 29; SCR DP 16.5; DfE Notice 5.1"
    assert a["17"]["answers"] == "DP SCR 16.4"
    assert a["35"]["answers"] == "DfE Notice 8.2"
    assert a["49"]["answers"] == "Ofsted para 98"
    assert a["50"]["answers"] == "Ofsted AI 35"
    assert a["1"]["answers"] == ""
    assert sum(1 for r in a.values() if r["answers"]) == 29
    assert sum(r["answers"].split("; ").count("LGA PR") for r in a.values()) == 9
    # every cited reference appears in the action's own text
    for k, r in a.items():
        for ref in filter(None, r["answers"].split("; ")):
            assert ref in r["action"], (k, ref)


def test_spot_values():
    a = actions()
    assert a["24"]["lead"] == "WMP / UHCW NHS Trust / CWPT / CCG"
    assert a["3"]["lead"] == "Deputy Chief Executive (CWPT); UHCW NHS Trust"
    assert a["9"]["lead"] == "LSCB Chair"
    assert a["50"]["lead"] == "Head of Children's Strategic commissioning"
    assert a["57"]["action"] == "Develop a standardised approach and toolkit for life story work books"
    assert a["57"]["measure"] == "All appropriate looked after children have an appropriate life story book."
    assert a["14"]["action"].startswith("Ensure all young people who have been missing from home and care")
    # rows split across a page break are whole again
    assert a["35"]["desired_outcome"].endswith("use to inform decisions")
    assert a["35"]["lead"] == "Head of Children's Safeguarding"
    assert "moves placement or is discharged from care" in a["50"]["action"]
    assert a["45"]["measure"].startswith("All young people have an up-to-date pathway plan")
    assert "Compliance monitored by IROs and performance management meeting." in a["45"]["measure"]
    # cells the plan leaves empty stay empty
    assert [k for k, r in a.items() if not r["desired_outcome"]] == ["4", "5", "9", "33", "44"]


# ------------------------------------------------------------------ RAG

def test_rag_scale_is_coventrys_kpi_definition_only():
    r = rows("rag_scale")
    assert [(x["scale"], x["rating"], int(x["rank"])) for x in r] == [
        ("indicator", "Green", 1), ("indicator", "Amber", 2), ("indicator", "Red", 3)]
    assert r[2]["meaning"] == "represents a decline against the previous month or YTD figure"
    assert all(x["source"] == "cov-sb2-2017-01-12" for x in r)


def test_no_per_action_ratings_invented():
    # neither paper rates the numbered actions, so there is no progress table
    assert not (PKG / "progress.csv").exists()


# ------------------------------------------------------------------ sources

def test_every_source_is_one_of_the_two_papers_and_in_documents():
    with open(PKG / "documents.csv", encoding="utf-8", newline="") as fh:
        documented = {r["document_id"] for r in csv.DictReader(fh)}
    for name in MINE:
        for r in rows(name):
            assert r["source"] in DOCS, (name, r)
            assert r["source"] in documented, (name, r["source"])
            assert r["source_section"], (name, r)
