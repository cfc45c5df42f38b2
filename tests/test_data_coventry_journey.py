"""Coventry: journey, findings, performance and scrutiny data.

Counts come from the papers themselves:
- Briefing note to Scrutiny Board 2, 12 Jan 2017 (cov-sb2-2017-01-12): Ofsted monitoring visit of
  8-9 Nov 2016 (para 4.4: 6 strengths; para 4.5: 6 areas for improvement; para 4.7: 9 immediate
  actions); DfE two-year review feedback (para 6.1); Appendix 2 performance overview, Oct and Nov 2016.
- Agenda pack of Scrutiny Board 2, 13 Oct 2016 (cov-sb2-2016-10-13): history of the Improvement
  Notice and its reviews, the Improvement Board progress report, health visiting KPIs, the
  outstanding issues tracker (Appendix 1: 9 rows, 4 marked COMPLETE) and the work programme.
"""

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "data" / "coventry"
SCHEMAS = ROOT / "schemas"
MINE = ["documents", "milestones", "judgements", "findings", "indicators", "observations",
        "targets", "comparators", "scrutiny"]
CITING = [n for n in MINE if n != "documents"]
MV, DFE = "mv-2016-11", "notice-review-2016-11-30"


def rows(name):
    with open(PKG / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def obs():
    return {(r["indicator_id"], r["period"]): r for r in rows("observations")}


def targets():
    return {(r["indicator_id"], r["period"]): r for r in rows("targets")}


def milestones():
    return {r["milestone_id"]: r for r in rows("milestones")}


# ------------------------------------------------------------------ file format

@pytest.mark.parametrize("name", MINE)
def test_file_is_utf8_lf_with_schema_header(name):
    raw = (PKG / f"{name}.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw
    raw.decode("utf-8")
    header = next(csv.reader([raw.split(b"\n", 1)[0].decode("utf-8")]))
    fields = [f["name"] for f in json.loads((SCHEMAS / f"{name}.json").read_text())["fields"]]
    assert header == fields


@pytest.mark.parametrize("name", MINE)
def test_text_has_no_extraction_debris(name):
    for r in rows(name):
        for k, v in r.items():
            assert not re.search(r"<[a-z/][^>]*>|&amp;|\u2019|  |\*\*", v), (name, k, v)
            assert v == v.strip(), (name, k, v)


def test_datapackage_lists_every_table_once_by_its_stem():
    d = json.loads((PKG / "datapackage.json").read_text(encoding="utf-8"))
    assert d["name"] == "coventry" and d["gss_code"] == "E08000026" and d["dfe_code"] == "331"
    assert d["standard"] == "journeys/1.0"  # the standard gives each table its schema
    names = [r["name"] for r in d["resources"]]
    assert len(names) == len(set(names))
    for r in d["resources"]:
        assert r == {"name": r["name"], "path": f"{r['name']}.csv"}
    for name in MINE + ["themes", "objectives", "actions", "rag_scale"]:
        assert name in names, name


# ------------------------------------------------------------------ documents and sources

def test_documents_are_the_two_papers():
    docs = {r["document_id"]: r for r in rows("documents")}
    assert set(docs) == {"cov-sb2-2016-10-13", "cov-sb2-2017-01-12"}
    assert docs["cov-sb2-2016-10-13"]["date"] == "2016-10-13"
    assert docs["cov-sb2-2017-01-12"]["date"] == "2017-01-12"


@pytest.mark.parametrize("name", CITING)
def test_every_source_exists_in_documents(name):
    ids = {r["document_id"] for r in rows("documents")}
    for r in rows(name):
        assert r["source"] in ids, (name, r)
        assert r["source_section"], (name, r)


# ------------------------------------------------------------------ milestones and judgements

def test_key_milestones():
    m = milestones()
    insp = m["inspection-2014"]
    assert (insp["kind"], insp["date"], insp["published"], insp["framework"]) == ("inspection", "2014-01", "2014-03", "sif-2013")
    assert m["notice-2014-06-30"]["kind"] == "improvement notice issued"
    reviews = sorted(r["date"] for r in m.values() if r["kind"] == "improvement notice reviewed")
    assert reviews == ["2015-01-20", "2015-06-30", "2016-02-02", "2016-11-30"]
    plans = sorted(r["date"] for r in m.values() if r["kind"] == "plan published")
    assert plans == ["2014-06-27", "2015-03-10", "2016-09-22"]
    mv = m[MV]
    assert (mv["kind"], mv["date"], mv["end_date"], mv["published"], mv["framework"]) == (
        "monitoring visit", "2016-11-08", "2016-11-09", "2016-12-08", "sif-2013")
    boards = sorted(r["date"] for r in m.values() if r["kind"] == "improvement board")
    assert boards == ["2014-03", "2016-05-11", "2016-06-22", "2016-09-14", "2016-11", "2016-12-14", "2017-01-25"]
    assert sum(r["kind"] == "scrutiny meeting" for r in m.values()) == 10
    assert len(m) == 47


def test_milestone_date_order_and_visit_has_no_grades():
    m = milestones()
    for r in m.values():
        if r["end_date"]:
            assert r["end_date"] >= r["date"], r
    graded = {r["milestone_id"] for r in rows("judgements")}
    assert graded == {"inspection-2014"}


def test_judgements_2014():
    j = {(r["milestone_id"], r["judgement"]): r["grade"] for r in rows("judgements")}
    assert j == {
        ("inspection-2014", "Overall effectiveness"): "Inadequate",
        ("inspection-2014", "Review of the Local Safeguarding Children Board"): "Inadequate",
    }


# ------------------------------------------------------------------ findings

def test_monitoring_visit_findings_counts():
    c = Counter(r["kind"] for r in rows("findings") if r["milestone_id"] == MV)
    assert c["strength"] == 6
    assert c["area for improvement"] == 6
    assert c["immediate action"] == 9
    assert c["finding"] == 1  # para 4.6


def test_findings_spot_text_and_links():
    f = {r["finding_id"]: r for r in rows("findings")}
    ms = milestones()
    assert all(r["milestone_id"] in ms for r in f.values())
    assert f["mv-2016-11-s1"]["text"] == "Acknowledged caseloads have reduced to manageable levels"
    assert f["mv-2016-11-a6"]["text"] == "The new audit format is not yet making sufficient difference to the overall quality of practice"
    assert f["mv-2016-11-i9"]["text"] == "Established a rapid programme of development for conference chairs"
    assert sum(r["milestone_id"] == DFE for r in f.values()) == 3
    assert sum(r["milestone_id"] == "qa-audits-2016" for r in f.values()) == 16
    assert sum(r["milestone_id"] == "qa-audits-2016" and r["kind"] == "area for improvement" for r in f.values()) == 10
    assert sum(r["milestone_id"] == "notice-2014-06-30" for r in f.values()) == 3
    assert len(f) == 46


# ------------------------------------------------------------------ indicators, observations, targets

APPENDIX_2 = {
    "open-cafs", "cafs-open-other-agencies", "cafs-closed-nfa", "cafs-closed-referred", "contacts",
    "contacts-timeliness", "mash-referral", "mash-diverted-ecaf", "dv-contacts", "dv-contacts-timeliness",
    "dv-contacts-referred", "referrals", "re-referrals", "seen-5-days", "seen-cf-assessment", "s47s",
    "s47-timeliness", "short-breaks-cin-review", "icpc-children", "icpc-timeliness", "cp-plans",
    "cp-repeat-plans", "lac-previously-in-care", "lac-seen-1-week", "lac-3-placements",
    "cl-suitable-accommodation", "cl-eet", "rhi-completed", "rhi-timeliness", "open-cases",
    "caseload-neighbourhood", "caseload-ras",
}
YEARLY = {"seen-5-days", "seen-cf-assessment", "lac-previously-in-care", "lac-seen-1-week", "lac-3-placements",
          "cl-suitable-accommodation", "cl-eet"}


def test_indicator_counts():
    ind = {r["indicator_id"]: r for r in rows("indicators")}
    assert len(ind) == 70  # with the Improvement Plan's 26-week PLO and 45-day assessment standards
    appendix = {k for k, r in ind.items() if r["source"] == "cov-sb2-2017-01-12"}
    assert appendix == APPENDIX_2
    # the 28 rows of Appendix 2's tables: 21 with Oct/Nov 2016 columns, 7 with 2015/16 and 2016/17 (YTD)
    o = obs()
    monthly = APPENDIX_2 - YEARLY - {"dv-contacts-referred", "open-cases", "caseload-neighbourhood", "caseload-ras"}
    assert len(monthly) == 21 and len(YEARLY) == 7
    for k in monthly:
        assert o[(k, "2016-10")]["value"] not in ("", "x") and o[(k, "2016-11")]["value"] not in ("", "x"), k
    for k in YEARLY:
        assert o[(k, "2015/16")]["value"] not in ("", "x") and o[(k, "YTD 2016-11")]["value"] not in ("", "x"), k
    assert len(o) == 116


def test_spot_values():
    o = obs()
    assert float(o[("re-referrals", "2016-11")]["value"]) == 21.0
    assert float(o[("re-referrals", "2016-10")]["value"]) == 27.8
    assert float(o[("re-referrals", "YTD 2016-11")]["value"]) == 26.7
    assert float(o[("icpc-timeliness", "2016-11")]["value"]) == 72.9
    assert float(o[("icpc-timeliness", "YTD 2016-11")]["value"]) == 84.1
    assert o[("cafs-open-other-agencies", "2016-10")]["value"] == "28.8"
    assert o[("cafs-open-other-agencies", "2016-10")]["numerator"] == "486"
    assert o[("open-cafs", "2016-11")]["value"] == "1722"
    assert o[("contacts-timeliness", "YTD 2016-11")]["value"] == "64"
    assert o[("cp-plans", "2016-09")]["value"] == "559"
    assert o[("cp-plans", "2016-07")]["value"] == "504"
    assert o[("lac-3-placements", "YTD 2016-11")]["value"] == "9.9"
    assert o[("cl-eet", "2015/16")]["value"] == "44.3"
    assert o[("open-cases", "2016-11")]["value"] == "3031"
    assert o[("rhi-in-timescale-ib", "2016-03")]["value"] == "43.2"
    assert o[("rhi-in-timescale-ib", "2016-08")]["value"] == "91.1"
    assert o[("hv-nbv", "2015/16")]["value"] == "97.5"
    assert o[("hv-antenatal-contacts", "2015/16")]["value"] == "432"


def test_targets():
    t = targets()
    assert float(t[("icpc-timeliness", "2016/17")]["target"]) == 98
    expected_2016_17 = {
        "cafs-open-other-agencies": "40", "cafs-closed-nfa": "70", "cafs-closed-referred": "15",
        "contacts-timeliness": "90", "dv-contacts-timeliness": "90", "s47-timeliness": "90",
        "icpc-timeliness": "98", "lac-3-placements": "10",
    }
    for k, v in expected_2016_17.items():
        assert t[(k, "2016/17")]["target"] == v, k
    assert t[("hv-antenatal-contacts", "2016/17")]["target"] == "600"
    assert t[("hv-6-8-week", "2015/16")]["target"] == "95"
    assert t[("adoption-timeliness-dfe", "2015/16")]["target"] == "16"
    assert len(t) == 25


@pytest.mark.parametrize("indicator_id, target, printed", [
    ("caseload-ras", "20-25", "Reduce caseloads to between 20-25 in RAS"),
    ("caseload-neighbourhood", "20-22", "Neighbourhoods 20-22"),
    ("care-proceedings-weeks", "<=26", "within the Public Law Outline ( 26 weeks)"),
    ("assessment-days", "<=45", "within a 45 day time limit"),
])
def test_practice_standards_are_targets_as_the_plan_states_them(indicator_id, target, printed):
    # Improvement Plan 2016/17 (cov-sb2-2016-10-13), action plan: objective 2.1, actions 17 and 43, objective 4.3
    row = targets()[(indicator_id, "2016/17")]
    assert (row["target"], row["source"]) == (target, "cov-sb2-2016-10-13")
    assert printed in row["note"] and "Improvement Plan 2016/17, Section 8: Action Plan" in row["source_section"]
    indicator = {r["indicator_id"]: r for r in rows("indicators")}[indicator_id]
    assert indicator["polarity"] == "lower is better"


def test_the_new_standards_have_no_invented_figures():
    # the papers set the 26-week and 45-day standards but report no durations
    assert not [key for key in obs() if key[0] in ("care-proceedings-weeks", "assessment-days")]


def test_activity_measures_have_no_polarity_and_no_target():
    ind = {r["indicator_id"]: r for r in rows("indicators")}
    t = targets()
    for k in ("open-cafs", "contacts", "dv-contacts", "referrals", "s47s", "icpc-children", "cp-plans", "open-cases"):
        assert ind[k]["polarity"] == "none", k
        assert not any(i == k for i, _ in t), k
    for (k, _), r in t.items():
        assert ind[k]["polarity"] != "none", k


def test_percentages_are_0_to_100_and_keys_resolve():
    ind = {r["indicator_id"]: r for r in rows("indicators")}
    for r in rows("observations"):
        assert r["indicator_id"] in ind
        if ind[r["indicator_id"]]["unit"] == "percentage" and r["value"] not in "cxzlowu":
            assert 0 <= float(r["value"]) <= 100, r
            assert float(r["value"]) >= 1 or r["value"] == "0", r  # never written as a fraction
    for name in ("targets", "comparators"):
        for r in rows(name):
            assert r["indicator_id"] in ind, (name, r)


def test_no_small_counts_of_children_unsuppressed():
    ind = {r["indicator_id"]: r for r in rows("indicators")}
    for r in rows("observations"):
        if ind[r["indicator_id"]]["counts_children"] != "yes":
            continue
        cols = ["numerator", "denominator"]
        if ind[r["indicator_id"]]["unit"] == "count":
            cols.append("value")
        for col in cols:
            v = r[col]
            if re.fullmatch(r"-?\d+(\.\d+)?", v):
                assert not 1 <= float(v) <= 5, (r, col)
    # the one suppressed value is noted and its denominator withheld
    o = obs()[("acting-early-inappropriate-mature", "2016-10-13")]
    assert o["numerator"] == "c" and o["denominator"] == "" and "suppressed" in o["note"]


def test_targets_do_not_overlap():
    import sys
    sys.path.insert(0, str(ROOT))
    from journeys.model.periods import parse_period
    by = {}
    for r in rows("targets"):
        by.setdefault(r["indicator_id"], []).append(parse_period(r["period"]))
    for k, ps in by.items():
        assert all(ps), k
        for i, a in enumerate(ps):
            for b in ps[i + 1:]:
                assert not (a.start <= b.end and b.start <= a.end), k


# ------------------------------------------------------------------ scrutiny tracker

def test_scrutiny_tracker():
    s = [r for r in rows("scrutiny") if not r["tracker"]]  # the outstanding issues tracker
    assert len(s) == 9
    assert Counter(r["meeting_date"] for r in s) == {"2016-07-21": 4, "2016-09-15": 5}
    assert Counter(r["kind"] for r in s) == {"action": 6, "information": 2, "recommendation": 1}
    assert Counter(r["status"] for r in s) == {"complete": 4, "open": 5}
    for r in s:
        assert (r["status"] == "complete") == ("COMPLETE" in r["response"]), r
    qa = next(r for r in s if r["kind"] == "recommendation")
    assert qa["item"] == "Quality Assurance Auditing" and qa["owner"].startswith("Cllr Ruane")


# ------------------------------------------------------------------ supervision task and finish group

def test_supervision_task_and_finish_recommendations_are_a_second_tracker():
    tracker = [r for r in rows("scrutiny") if r["tracker"] == "Supervision task and finish group"]
    assert [r["recommendation_id"] for r in tracker] == [f"sup-tf-{n}" for n in range(1, 10)]
    assert {r["meeting_date"] for r in tracker} == {"2016-04-14"}  # accepted by the Cabinet Member, 14/4/16
    assert all(r["kind"] == "recommendation" and r["status"] == "open" and r["note"] for r in tracker)
    by_id = {r["recommendation_id"]: r for r in tracker}
    assert "66 Managers" in by_id["sup-tf-3"]["response"] and "45 Managers" in by_id["sup-tf-3"]["response"]
    assert by_id["sup-tf-6"]["recommendation"] == "That within 3 months all staff to have a supervision agreement"
    assert "32% response rate" in by_id["sup-tf-9"]["response"]
    assert by_id["sup-tf-4"]["source_section"].startswith("Supervision of Social Care briefing note, para 4.4")


def test_rse_table_1_gives_ten_areas_in_2002_and_2014():
    own = {r["period"]: r["value"] for r in rows("observations") if r["indicator_id"] == "u18-conception-rate"}
    others = [r for r in rows("comparators") if r["indicator_id"] == "u18-conception-rate"]
    areas = {r["area"] or r["comparator"] for r in others}
    assert len(areas) + 1 == 10  # Coventry itself is an observation
    assert own == {"2002": "64.3", "2014": "33.8"}
    assert len(others) == 18 and all("Table 1" in r["source_section"] for r in others)
    value = {(r["area"] or r["comparator"], r["period"]): r["value"] for r in others}
    assert value[("Stoke", "2002")] == "62.6" and value[("Stoke", "2014")] == "42.4"
    assert value[("Solihull", "2014")] == "16.7" and value[("region", "2002")] == "47"
    change = {r["area"] or r["comparator"]: r["note"] for r in others}
    assert change["Stoke"] == "Table 1 gives the change 2002-2014 as 32%."
    assert change["England"] == "Table 1 gives the change 2002-2014 as 47%."
    assert all(r["comparator"] == "another authority" for r in others if r["area"])


def test_improvement_plan_sections_3_4_and_6():
    objectives = rows("objectives")
    kinds = Counter(r["kind"] for r in objectives)
    assert (kinds["vision"], kinds["progress"], kinds["making a difference"]) == (10, 48, 7)
    vision = [r for r in objectives if r["kind"] == "vision"]
    assert vision[0]["title"].startswith("Children are at the heart of everything we do.")
    assert vision[9]["title"].startswith("High-performing. The outcomes we achieve")
    assert all(r["theme_id"] == "" for r in vision)
    progress = Counter(r["theme_id"] for r in objectives if r["kind"] == "progress")
    assert progress == {"1": 12, "lscb": 6, "2": 11, "3": 6, "4": 5, "5": 8}
    assert any(r["title"] == "Recruited 50 staff between February and July 2016( social workers/newly qualified "
               "social workers/managers)" for r in objectives)
    difference = [r["title"].split(":")[0] for r in objectives if r["kind"] == "making a difference"]
    assert difference == ["Child", "Parents and carers", "Our Partners", "Children's Workforce",
                          "Front Line managers", "Senior Management", "Elected Member"]


def test_work_programme_items_and_leads():
    items = rows("work_programme")
    assert Counter(r["list"] for r in items) == {"meeting": 17, "progress report": 9, "proposed": 11}
    by_title = {r["title"]: r for r in items}
    assert by_title["Quality Assurance Auditing"]["lead"] == "John Gregg; Terri Cartwright; Cllr Ruane"
    assert by_title["Quality Assurance Auditing"]["meeting_date"] == "2016-09-15"
    assert by_title["Monitoring of SCR recommendations from 15/16"]["lead"] == "Elizabeth Edwards"
    assert by_title["CAMHS"]["meeting_date"] == "" and by_title["CAMHS"]["lead"] == "Jacqueline Barnes"


def test_board_updates_in_the_boards_own_words():
    updates = rows("board_updates")
    assert Counter((r["date"], r["kind"]) for r in updates) == {
        ("2016-09-14", "key message"): 1, ("2016-09-14", "next step"): 2, ("2016-09-14", "progress"): 5,
        ("2016-12-14", "key message"): 1}
    milestones = {r["milestone_id"] for r in rows("milestones")}
    assert all(r["milestone_id"] in milestones for r in updates)
    by_section = {r["source_section"]: r["message"] for r in updates}
    assert by_section["Improvement Board progress report, para 5.4"].endswith(
        "the two year review of the Improvement Notice will be undertaken on 30th November 2016.")
    assert by_section["Briefing note of 12 January 2017, para 4.1"].startswith(
        "The Children's Services Improvement Board on 14 December 2016 considered the outcomes of the Ofsted letter")
