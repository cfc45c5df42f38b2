"""Leicestershire's data package against what its source paper states.

Source: Children and Families Overview and Scrutiny Committee, 5 November 2018, progress
report on the Ofsted Continuous Improvement Action Plan 2017-2020 ("The Road to Excellence"),
document leics-cfosc-2018-11-05. Plain csv and json only: no project imports.
"""

import csv
import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "data" / "leicestershire"
SCHEMAS = ROOT / "schemas"
DOC = "leics-cfosc-2018-11-05"
REPORT_DATE = "2018-11-05"
INSPECTION = "ofsted-2016-11"


def rows(name):
    with open(PKG / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def descriptor():
    return json.loads((PKG / "datapackage.json").read_text(encoding="utf-8"))


def resource_names():
    return [r["name"] for r in descriptor()["resources"]]


def one(table, **where):
    found = [r for r in rows(table) if all(r[k] == v for k, v in where.items())]
    assert len(found) == 1, f"{table}: expected one row for {where}, found {len(found)}"
    return found[0]


# ---------------------------------------------------------------- package shape

def test_descriptor_identifies_leicestershire():
    d = descriptor()
    assert d["name"] == "leicestershire"
    assert d["title"] == "Leicestershire County Council"
    assert (d["gss_code"], d["dfe_code"]) == ("E10000018", "855")
    assert d["licenses"][0]["name"] == "OGL-UK-3.0"
    assert any(c.get("email") == "Jane.Moore@leics.gov.uk" for c in d["contributors"])


def test_every_csv_is_a_resource_named_after_its_schema():
    d = descriptor()
    on_disk = sorted(p.stem for p in PKG.glob("*.csv"))
    assert sorted(resource_names()) == on_disk
    assert d["standard"] == "journeys/1.0"  # the standard gives each table its schema
    for r in d["resources"]:
        assert r == {"name": r["name"], "path": f"{r['name']}.csv"}


@pytest.mark.parametrize("name", sorted(p.stem for p in PKG.glob("*.csv")))
def test_csv_is_utf8_lf_with_schema_header(name):
    raw = (PKG / f"{name}.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "BOM"
    assert b"\r" not in raw, "CR line ending"
    header = raw.split(b"\n", 1)[0].decode("utf-8").split(",")
    fields = [f["name"] for f in json.loads((SCHEMAS / f"{name}.json").read_text())["fields"]]
    assert header == fields


def test_paper_states_no_grades_so_there_are_no_judgements():
    # The paper names the November 2016 inspection but never states its grades.
    assert "judgements" not in resource_names()
    assert not (PKG / "judgements.csv").exists()


# ---------------------------------------------------------------- sources

def test_one_document_the_november_2018_paper():
    docs = rows("documents")
    assert [d["document_id"] for d in docs] == [DOC]
    assert docs[0]["date"] == REPORT_DATE


@pytest.mark.parametrize("name", [n for n in sorted(p.stem for p in PKG.glob("*.csv")) if n != "documents"])
def test_every_row_cites_a_document(name):
    ids = {d["document_id"] for d in rows("documents")}
    table = rows(name)
    for i, r in enumerate(table, start=2):
        assert r["source"] in ids, f"{name}.csv row {i}: source {r['source']!r}"
        assert r["source_section"].strip(), f"{name}.csv row {i}: no source_section"


# ---------------------------------------------------------------- recommendations and actions

def test_seventeen_ofsted_recommendations_on_the_inspection():
    recs = [f for f in rows("findings") if f["kind"] == "recommendation"]
    assert len(recs) == 17
    assert sorted(int(f["ref"]) for f in recs) == list(range(1, 18))
    assert {f["milestone_id"] for f in recs} == {INSPECTION}


def test_recommendation_text_spot_checks():
    assert one("findings", ref="15")["text"].startswith(
        "Comprehensively review the current strategic plan for those young people not in education")
    assert one("findings", ref="2")["text"].endswith("supports effective case progression and decision-making.")
    assert "private fostering" in one("findings", ref="13")["text"]


def test_seventeen_actions_one_per_recommendation():
    actions = rows("actions")
    assert [a["action_id"] for a in actions] == [str(n) for n in range(1, 18)]
    for a in actions:
        assert a["answers"] == f"Ofsted recommendation {a['action_id']}"
        assert a["action"].strip()
    texts = {f["ref"]: f["text"] for f in rows("findings")}
    assert all(a["action"] == texts[a["action_id"]] for a in actions)


def test_every_action_has_a_lead():
    for a in rows("actions"):
        assert a["lead"].strip(), f"action {a['action_id']} has no lead"
    assert one("actions", action_id="17")["lead"] == "Head of Service Practice Excellence – Moira O'Hagan"
    assert "Emma Jones" in one("actions", action_id="1")["lead"]


def test_actions_sit_in_a_theme_that_exists():
    themes = {t["theme_id"] for t in rows("themes")}
    assert all(a["theme_id"] in themes for a in rows("actions"))


def test_the_four_aims_are_themes():
    titles = [t["title"] for t in sorted(rows("themes"), key=lambda t: int(t["order"]))]
    assert titles[:4] == ["Being a Learning Organisation", "Embedding Excellent Practice",
                          "Taking the Right Action at the Right Time", "Developing Policy and Performance"]


# ---------------------------------------------------------------- RAG

def test_rag_definitions_in_the_councils_words():
    scale = {r["rating"]: r for r in rows("rag_scale") if r["scale"] == "plan"}
    assert set(scale) == {"Green", "Amber", "Red"}
    assert scale["Green"]["meaning"] == "good progress and moving towards completion"
    assert scale["Amber"]["meaning"] == "on track to deliver in a longer agreed timescale"
    assert scale["Red"]["meaning"] == "areas requiring further focused work"
    assert [scale[c]["rank"] for c in ("Green", "Amber", "Red")] == ["1", "2", "3"]


def test_one_rating_per_action_at_the_report_date():
    progress = rows("progress")
    assert len(progress) == 17
    assert {p["report_date"] for p in progress} == {REPORT_DATE}
    assert sorted(int(p["action_id"]) for p in progress) == list(range(1, 18))
    allowed = {r["rating"] for r in rows("rag_scale") if r["scale"] == "plan"}
    assert all(p["rating"] in allowed for p in progress)


def test_eleven_green_six_amber_no_red():
    tally = Counter(p["rating"] for p in rows("progress") if p["report_date"] == REPORT_DATE)
    assert tally == Counter({"Green": 11, "Amber": 6})
    assert tally["Red"] == 0


def test_the_amber_recommendations():
    amber = sorted(int(p["action_id"]) for p in rows("progress") if p["rating"] == "Amber")
    assert amber == [1, 2, 3, 6, 12, 14]


def test_tallies_match_the_ratings():
    stated = {t["rating"]: int(t["count"]) for t in rows("rag_tallies") if t["report_date"] == REPORT_DATE}
    assert stated == {"Green": 11, "Amber": 6, "Red": 0}
    counted = Counter(p["rating"] for p in rows("progress"))
    assert all(counted.get(k, 0) == v for k, v in stated.items())


def test_progress_spot_checks():
    assert "compliance of 88% across Early Help and Children's Social Care" in one("progress", action_id="2")["evidence"]
    assert one("progress", action_id="15")["next_steps"].startswith("Training for PAs has taken place")


# ---------------------------------------------------------------- milestones

def test_milestones():
    ms = {m["milestone_id"]: m for m in rows("milestones")}
    assert len(ms) == 12 + 27 + 10  # and Appendix A's dated plans and events (tests/test_data_leicestershire_plans.py)
    insp = ms[INSPECTION]
    assert (insp["kind"], insp["date"], insp["framework"]) == ("inspection", "2016-11", "sif-2013")
    fv = ms["fv-2018-10"]
    assert (fv["kind"], fv["date"], fv["framework"]) == ("focused visit", "2018-10", "ilacs-2018")
    assert ms["first-response-review-2018-05"]["kind"] == "review"
    assert ms["first-response-review-2018-05"]["date"] == "2018-05"
    scrutiny = sorted(m["date"] for m in ms.values() if m["kind"] == "scrutiny meeting")
    assert scrutiny == ["2018-06-04", "2018-11-05"]


# ---------------------------------------------------------------- indicators and values

def value(indicator, period):
    return one("observations", indicator_id=indicator, period=period)


def test_row_counts():
    assert len(rows("indicators")) == 46 + 22 + 1
    assert len(rows("observations")) == 68 + 22 + 1
    assert len(rows("targets")) == 41 + 4
    assert len(rows("comparators")) == 2


def test_every_observation_target_and_comparator_has_an_indicator():
    ids = {i["indicator_id"] for i in rows("indicators")}
    for name in ("observations", "targets", "comparators"):
        assert all(r["indicator_id"] in ids for r in rows(name)), name


def test_para_10_figures():
    assert value("repeat-cp-plans", "2018-09")["value"] == "8.1"
    assert value("repeat-cp-plans", "YTD 2018-09")["value"] == "16.5"
    assert value("repeat-cp-plans", "2017/18")["value"] == "24.0"
    assert value("cp-reviews-in-time", "2018-09")["value"] == "94"
    assert value("cp-visits-4-weeks", "2018-09")["value"] == "90.7"
    assert value("cp-visits-4-weeks", "2018-08")["value"] == "75.5"
    assert value("care-leavers-in-touch", "2018-09")["value"] == "94.6"
    assert value("care-leavers-in-touch", "2018-07")["value"] == "93.4"
    eet = value("care-leavers-eet", "2018-09")
    assert (eet["value"], eet["numerator"]) == ("55.7", "134")


def test_appendix_a_figures():
    assert value("re-referrals", "2016/17")["value"] == "17"
    assert value("re-referrals", "2018-09")["value"] == "30.6"
    assert value("repeat-cp-plans", "2016/17")["value"] == "18.8"
    assert value("placements-3-plus", "2016/17")["value"] == "8.1"
    assert value("placements-3-plus", "2018-09")["value"] == "8.5"
    assert value("placements-long-term", "2018-09")["value"] == "67.0"
    assert value("care-leavers-eet", "2016/17")["value"] == "50.4"
    assert value("care-leavers-accommodation", "2018-09")["value"] == "90.8"
    assert value("sdq-completion", "2018-09")["value"] == "78.6"
    assert value("caseload-average", "2018-09")["value"] == "19"
    assert value("caseload-first-response", "2016-12")["value"] == "30"
    assert value("qualified-social-workers", "2016/17")["value"] == "215.5"


def test_workforce_figures_para_16():
    assert value("vacancies", "2018-10")["value"] == "37"
    assert value("agency-staff-current", "2018-10")["value"] == "49"


def test_targets_march_2018_and_march_2020():
    t = {(r["indicator_id"], r["period"]): r["target"] for r in rows("targets")}
    assert t[("care-leavers-eet", "2017/18")] == "52"
    assert t[("care-leavers-eet", "2019/20")] == "55"
    assert t[("placements-3-plus", "2017/18")] == "7.5"
    assert t[("placements-3-plus", "2019/20")] == "7"
    assert t[("re-referrals", "2019/20")] == "22"
    assert t[("caseload-social-worker", "2019/20")] == "19"


def test_statistical_neighbours():
    c = {(r["indicator_id"], r["comparator"]): r for r in rows("comparators")}
    assert c[("care-leavers-eet", "statistical neighbours")]["value"] == "47"
    assert c[("cp-reviews-in-time", "statistical neighbours")]["value"] == "89.1"
    # The paper says neither mean nor median.
    assert {r["statistic"] for r in c.values()} == {"value"}


def test_activity_measures_have_no_targets():
    activity = {i["indicator_id"] for i in rows("indicators") if i["polarity"] == "none"}
    assert activity
    assert not [t for t in rows("targets") if t["indicator_id"] in activity]


def test_percentages_are_on_a_0_to_100_scale():
    pct = {i["indicator_id"] for i in rows("indicators") if i["unit"] == "percentage"}
    for r in rows("observations") + rows("targets") + rows("comparators"):
        if r["indicator_id"] in pct:
            v = r.get("value", r.get("target"))
            if re.fullmatch(r"-?\d+(\.\d+)?", v):
                assert 0 <= float(v) <= 100, r
                assert not 0 < float(v) < 1, f"looks like a fraction, not a percentage: {r}"


# ---------------------------------------------------------------- periods

def _month_end(y, m):
    return date(y + (m == 12), m % 12 + 1, 1).toordinal() - 1


def period_range(text):
    """(first day, last day) as ordinals, for the period forms this package uses."""
    if m := re.fullmatch(r"(\d{4})/(\d{2})", text):
        y = int(m[1])
        return date(y, 4, 1).toordinal(), date(y + 1, 3, 31).toordinal()
    if m := re.fullmatch(r"(\d{4})/(\d{2}) Q([1-4])", text):
        y, q = int(m[1]), int(m[3])
        start = (y * 12 + 3 + 3 * (q - 1))
        sy, sm = divmod(start, 12)
        ey, em = divmod(start + 2, 12)
        return date(sy, sm + 1, 1).toordinal(), _month_end(ey, em + 1)
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        y, mo = int(m[1]), int(m[2])
        return date(y, mo, 1).toordinal(), _month_end(y, mo)
    if m := re.fullmatch(r"YTD (\d{4})-(\d{2})", text):
        y, mo = int(m[1]), int(m[2])
        fy = y if mo >= 4 else y - 1
        return date(fy, 4, 1).toordinal(), _month_end(y, mo)
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        d = date(int(m[1]), int(m[2]), int(m[3])).toordinal()
        return d, d
    # periods as the paper states them: rolling, a run of months, and a period not stated (kept at a date)
    if m := re.fullmatch(r"(\d+) months to (\d{4})-(\d{2})", text):
        end = int(m[2]) * 12 + int(m[3]) - 1
        first = end - int(m[1]) + 1
        return date(first // 12, first % 12 + 1, 1).toordinal(), _month_end(end // 12, end % 12 + 1)
    if m := re.fullmatch(r"(\d{4})-(\d{2}) to (\d{4})-(\d{2})", text):
        return period_range(f"{m[1]}-{m[2]}")[0], period_range(f"{m[3]}-{m[4]}")[1]
    if m := re.fullmatch(r"unstated (.+)", text):
        return period_range(m[1])
    raise AssertionError(f"unexpected period {text!r}")


def test_period_reader():
    assert period_range("2017/18 Q4") == (date(2018, 1, 1).toordinal(), date(2018, 3, 31).toordinal())
    assert period_range("YTD 2018-09") == (date(2018, 4, 1).toordinal(), date(2018, 9, 30).toordinal())
    assert period_range("12 months to 2018-09") == (date(2017, 10, 1).toordinal(), date(2018, 9, 30).toordinal())
    assert period_range("2018-05 to 2018-07") == (date(2018, 5, 1).toordinal(), date(2018, 7, 31).toordinal())
    assert period_range("unstated 2018-09") == period_range("2018-09")


def test_targets_for_one_indicator_do_not_overlap():
    by_indicator = {}
    for t in rows("targets"):
        by_indicator.setdefault(t["indicator_id"], []).append(period_range(t["period"]))
    for iid, spans in by_indicator.items():
        spans.sort()
        for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
            assert a1 < b0, f"{iid}: overlapping targets"


def test_every_observation_period_is_readable():
    for r in rows("observations") + rows("comparators"):
        period_range(r["period"])


# ---------------------------------------------------------------- disclosure control

SMALL = {"1", "2", "3", "4", "5"}


def test_no_unsuppressed_count_of_one_to_five_children():
    children = {i["indicator_id"] for i in rows("indicators") if i["counts_children"] == "yes"}
    for r in rows("observations"):
        if r["indicator_id"] in children:
            assert r["value"] not in SMALL, r
        # numerators and denominators count children or young people in this package
        assert r["numerator"] not in SMALL, r
        assert r["denominator"] not in SMALL, r


def test_suppressed_values_are_explained_and_cannot_be_derived():
    suppressed = [r for r in rows("observations") if "c" in (r["value"], r["numerator"], r["denominator"])]
    assert len(suppressed) == 5
    for r in suppressed:
        assert "suppressed" in r["note"], r
        if r["numerator"] == "c":
            assert r["denominator"] == "", "a denominator beside a percentage would reveal the numerator"
    repeat = value("repeat-cp-plans", "2018-09")
    assert (repeat["numerator"], repeat["denominator"]) == ("c", "")
    assert value("private-fostering-open", "2018-09")["value"] == "c"


SMALL_IN_TEXT = re.compile(
    r"(?<![\d.,])(?<!1 to )[1-5] (?:of \d+ )?(?:children|child|young people|young person|care leavers|individuals|PF assess)",
    re.IGNORECASE)


def test_no_small_count_of_children_in_any_text():
    for path in sorted(PKG.glob("*.csv")):
        for i, r in enumerate(rows(path.stem), start=2):
            for column, text in r.items():
                assert not SMALL_IN_TEXT.search(text or ""), f"{path.name} row {i} {column}: {text[:120]}"


# ------------------------------------------------------------------ figures once held only as text

@pytest.mark.parametrize("indicator_id, period, figure, section", [
    ("children-in-care", "2018-09", "586", "recommendation 8"),
    ("sgo-discharges-12-months", "12 months to 2018-09", "45", "recommendation 11"),
    ("sgo-discharges-2018", "2018-01 to 2018-06", "25", "recommendation 11"),
    ("dpst-placement-kept", "unstated 2018-09", "7", "recommendation 8"),
    ("independent-visitors", "unstated 2018-09", "33", "recommendation 8"),
    ("returned-home", "2018-05 to 2018-07", "26", "recommendation 14"),
    ("cin-review-cohort", "2017-10", "200", "recommendation 10"),
    ("cin-cases-early-help", "2017-10", "<100", "recommendation 10"),
    ("discharged-from-care", "2018-09-30", "78", "recommendation 5"),
    ("resource-decisions", "2018-01 to 2018-09", "70", "recommendation 5"),
    ("cse-missing-audit-good", "2018/19 Q1", "42", "recommendation 2"),
    ("cse-missing-audit-oversight", "2018/19 Q1", "58", "recommendation 2"),
    ("additional-posts", "unstated 2018-11-05", "37", "para 14"),
    ("new-social-workers", "unstated 2018-09", "31.5", "recommendation 3"),
    ("private-fostering-leaflets", "2018-09", "7000", "recommendation 13"),
    ("sw-apprenticeships", "2018-11-05", "6", "recommendation 17"),
    ("frontline-participants", "2018-11-05", "4", "recommendation 17"),
    ("peripatetic-social-workers", "2018-09", "2", "recommendation 3"),
    ("rec6-measure-3", "YTD 2018-03", "71.6", "recommendation 6"),
])
def test_figures_once_held_as_text(indicator_id, period, figure, section):
    row = value(indicator_id, period)
    assert row["value"] == figure and section in row["source_section"]


def test_sgo_increase_and_audit_counts_are_kept():
    assert "an increase of 29" in value("sgo-discharges-12-months", "12 months to 2018-09")["note"]
    audit = value("cse-missing-audit-good", "2018/19 Q1")
    assert (audit["numerator"], audit["denominator"]) == ("13", "31")
    # counts of 1 to 5 children the paper prints are suppressed, never published
    assert value("dpst-remained-home", "unstated 2018-09")["value"] == "c"
    assert value("care-leaver-apprenticeships", "unstated 2018-09")["value"] == "c"


def test_recommendation_6_has_four_targets():
    targets = [(r["indicator_id"], r["period"], r["target"]) for r in rows("targets")
               if r["indicator_id"].startswith("rec6-")]
    assert sorted(targets) == [("rec6-measure-1", "2017/18", "80"), ("rec6-measure-1", "2019/20", "100"),
                               ("rec6-measure-2", "2017/18", "80"), ("rec6-measure-3", "2017/18", "80")]
    assert all(r["note"] for r in rows("targets") if r["indicator_id"].startswith("rec6-"))


def test_ambiguities_are_noted_where_the_site_shows_them():
    progress = {r["action_id"]: r for r in rows("progress")}
    for deduced in ("4", "7"):
        assert progress[deduced]["rating"] == "Green" and "deduced from the totals" in progress[deduced]["note"]
    assert not any(progress[a]["note"] for a in progress if a not in ("4", "7"))
    ri = [r for r in rows("targets") if r["indicator_id"] == "ri-take-up-all"]
    assert len(ri) == 2 and all("without tying them to one measure" in r["note"] for r in ri)


# ------------------------------------------------------------------ periods as the paper gives them (issue 23, 4)

# The figures that once carried an invented day (2018-09-30 and others) where the paper gives a
# month or no date, and what the paper does give.
AS_THE_PAPER_GIVES = {
    "sgo-discharges-12-months": ("12 months to 2018-09", "In the last 12 months"),
    "sgo-discharges-2018": ("2018-01 to 2018-06", "since January 2018 to June 2018"),
    "dpst-placement-kept": ("unstated 2018-09", "The paper gives no period"),
    "dpst-remained-home": ("unstated 2018-09", "with no period"),
    "independent-visitors": ("unstated 2018-09", "The paper gives no period"),
    "returned-home": ("2018-05 to 2018-07", "During the months of May, June and July"),
    "resource-decisions": ("2018-01 to 2018-09", "since January 2018"),
    "new-social-workers": ("unstated 2018-09", "with no period"),
    "care-leaver-apprenticeships": ("unstated 2018-09", "with no period"),
}
EVIDENCE_COLUMN = "Evidence of Completion or Evidence of Progress by September 2018"
# A day the paper gives ("at the end of Sept"), or the report's own day for what it says is so at the report.
DAYS_THE_PAPER_GIVES = {("permanence-decisions", "2018-09-30"), ("discharged-from-care", "2018-09-30"),
                        ("sw-apprenticeships", "2018-11-05"), ("frontline-participants", "2018-11-05")}


@pytest.mark.parametrize("indicator_id", sorted(AS_THE_PAPER_GIVES))
def test_figures_are_dated_as_the_paper_gives_them(indicator_id):
    [row] = [r for r in rows("observations") if r["indicator_id"] == indicator_id]
    period, words = AS_THE_PAPER_GIVES[indicator_id]
    assert row["period"] == period and words in row["note"], row
    # a period read from the evidence column's heading, or a year the paper leaves out, says so
    if period.startswith("unstated") or "inferred" in row["note"]:
        assert EVIDENCE_COLUMN in row["note"] or "performance column" in row["note"], row


def test_no_observation_carries_an_invented_day():
    days = {(r["indicator_id"], r["period"]) for r in rows("observations")
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["period"])}
    assert days == DAYS_THE_PAPER_GIVES


def test_inferred_periods_say_so():
    for r in rows("observations"):
        if re.fullmatch(r"\d+ months to .*|.* to .*", r["period"]) and "since January 2018 to June" not in r["note"]:
            assert "inferred" in r["note"], r


def test_recommendation_6_is_read_like_the_rest_of_its_column():
    # 'Performance Q4 18 or by month': a cell with no month is read as 2017/18 Q4 (January to March 2018)
    no_month = [r for r in rows("observations") if "Performance Q4 18 or by month" in r["source_section"]
                and re.search(r"No month given|with no month", r["note"])]
    assert {r["period"] for r in no_month} == {"2017/18 Q4", "YTD 2018-03"}
    assert [(r["indicator_id"], r["period"], r["value"]) for r in rows("observations")
            if r["indicator_id"].startswith("rec6-")] == [
        ("rec6-measure-1", "2017/18 Q4", "x"), ("rec6-measure-2", "2017/18 Q4", "x"),
        ("rec6-measure-3", "YTD 2018-03", "71.6")]
    assert "An inference" in value("rec6-measure-3", "YTD 2018-03")["note"]


def test_a_bound_is_kept_as_the_paper_gives_it():
    row = value("cin-cases-early-help", "2017-10")
    assert row["value"] == "<100" and "(less than 100)" in row["note"]
