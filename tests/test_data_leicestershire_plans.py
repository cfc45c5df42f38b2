"""Leicestershire's Appendix A: its dated plans, and the dated events it reports, recorded as
milestones (issue 23, section 4).

Why milestones: the paper gives each plan as a dated event (a launch, a summit, an evaluation, a
cohort qualifying), often by month and sometimes over a span ('starting from November 2018
aiming to complete April 2019'); milestones.csv keeps a date as precise as the paper gives it and
an end date, and the journey page lists those dated after the record ends under "Planned".
The plan's actions (actions.csv) are the seventeen numbered recommendations: the paper numbers
none of these steps, so none can be an action of its own with a due date.

Each row is checked against the paper's words, quoted here from Appendix A (where the extracted
table breaks a sentence across cells, the pieces are quoted as they stand).
"""

from __future__ import annotations

import csv
import html
import re
from datetime import datetime
from pathlib import Path

import pytest

from journeys.model import load_authority
from journeys.outputs.page import Entry, SiteContext
from journeys.outputs.pages import journey

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "data" / "leicestershire"
CONTEXT = SiteContext(site_name="Test journeys", mode="national", built_at=datetime(2026, 1, 1),
                      authorities=(Entry("leicestershire", "Leicestershire"),))

# milestone_id: (date, end date, recommendation, the paper's words)
PLANS = {
    "plan-case-reports-2017-06": ("2017-06", "", 1, "All daily, weekly and monthly reports are in place by June 2017"),
    "plan-fostering-adoption-reports-2018-12": ("2018-12", "", 1, "By December 2018, reports for Fostering & Adoption "
                                                "are developed in Tableau (currently manual)."),
    "plan-annual-returns-2018-03": ("2018-03", "", 1, "Annual returns for the Department of Education show LCC to be"),
    "plan-supervision-tableau-2018-12": ("2018-12", "", 2, "monitoring of supervisions through Tableau reports is in "
                                         "progress. (Dec 18)"),
    "plan-supervision-policy-2018-11": ("2018-11", "2018-12", 2, "To launch of the Supervision with Research in "
                                        "Practice in November 2018"),
    "plan-aspiring-managers-2018-01": ("2018-01", "", 2, "Aspiring Managers Programme launched to begin January 2018."),
    "plan-supervisory-skills-2018-12": ("2018-12", "", 2, "will be delivered by Research in Practice in December 2018."),
    "plan-threshold-review-2018-09": ("2018-09", "", 5, "Review of Threshold Document – September 2018"),
    "plan-permanence-summit-2019-04": ("2019-04", "", 5, "promote understanding of permanence has been planned (April 2019"),
    "plan-adm-permanence-actions-2019-04": ("2019-04", "", 5, "Agree Service Improvement actions arising from Agency "
                                            "Decision Maker's permanence report (April 2019)"),
    "plan-sos-mosaic-2018-11": ("2018-11", "2019-04", 6, "starting from November 2018 aiming to complete April 2019"),
    "plan-pride-in-practice-2018-11": ("2018-11", "", 6, "Pride in Practice conference planned for November 2018"),
    "plan-permanence-pilot-evaluation-2019-01": ("2019-01", "", 7, "will be evaluated in January 19"),
    "plan-camhs-offer-2018-04": ("2018-04", "", 8, "Revised CAMHS Offer to be in place by April 2018. This is completed"),
    "plan-mistle-2018": ("2018", "", 8, "family-based placements by summer 2018."),
    "plan-sgo-support-audit-2018-11": ("2018-11", "", 11, "SGO support plans quality audit is planned for November 2018."),
    "plan-adoption-website-2019-01": ("2019-01", "", 11, "Support information will be uploaded by January 2019."),
    "plan-care-leaver-mapping-2018-12": ("2018-12", "", 12, "The first mappings will be available in Dec 18."),
    "plan-private-fostering-review-2018-10": ("2018-10", "", 13, "with the next being set for the latter part of October."),
    "plan-families-in-crisis-2018-02": ("2018-02", "", 14, "support families in crisis (Feb 2018)"),
    "plan-family-networks-2018": ("2018", "", 14, "Develop family networks model (SOS training) to identify support by "
                                  "summer 2018."),
    "plan-workforce-figures-2018-11": ("2018-11", "", 17, "Figures released November 18"),
    "plan-aspiring-managers-programme-2019-01": ("2019-01", "", 17, "New programme for aspiring managers developed and "
                                                 "will run from January 2019."),
    "plan-aspire-course-2019-01": ("2019-01", "", 17, "Recruiting aspiring managers and new first time managers for the "
                                   "aspire course starting in January 2019"),
    "plan-sw-apprenticeships-2019-01": ("2019-01", "", 17, "6 social work apprenticeships have been offered to non-SW "
                                        "staff which will begin in January 2019."),
    "plan-good-practice-repository-2018-01": ("2018-01", "", 17, "Develop a central repository to hold good practice. "
                                              "(Jan 2018) This has been developed through the Learning Zone"),
    "plan-frontline-2019-08": ("2019-08", "", 17, "4 Participants in the Front-Line scheme will qualify in August 2019"),
}


# Events Appendix A dates and reports as done (the journey already held twelve milestones).
# milestone_id: (date, recommendation, the paper's words)
EVENTS = {
    "adoption-newsletter-2017": ("2017", 11, "our first adoption newsletter published 2017"),
    "permanence-guidance-2018-01": ("2018-01", 7, "Permanence Planning Guidance updated January 2018"),
    "dcs-service-manager-2018-04": ("2018-04", 10, "A new Service Manager has been appointed (April 2018)"),
    "apprenticeship-offer-2018-05": ("2018-05", 15, "Apprenticeship Offer was submitted to the People's Strategy "
                                     "Board May 2018 and was agreed."),
    "smart-planning-workshops-2018-06": ("2018-06", 6, "quality assessments which inform SMART Planning — June 2018"),
    "social-work-conference-2018-06": ("2018-06", 6, "Social Work Conference took place in June 2018"),
    "managers-briefing-2018-09": ("2018-09", 1, "Managers Briefing September 2018 giving clear guidance on roles and "
                                  "responsibilities in relation to driving performance."),
    "frontline-social-workers-2018-09": ("2018-09", 3, "Front-Line Social Workers recruited and in post September 2018."),
    "peripatetic-social-workers-2018-09": ("2018-09", 3, "September saw the introduction of 2 new peripatetic social "
                                           "workers to the CiC Service"),
    "professional-gateway-2018-09": ("2018-09", 17, "professional gateway via a progression process and panel "
                                     "arrangement is in place (September 2018)"),
}


def milestones():
    with open(PKG / "milestones.csv", encoding="utf-8", newline="") as fh:
        return {r["milestone_id"]: r for r in csv.DictReader(fh)}


def plans():
    return {key: row for key, row in milestones().items() if key.startswith("plan-")}


def test_the_dated_plans_are_all_there_and_no_more():
    assert sorted(plans()) == sorted(PLANS)


@pytest.mark.parametrize("milestone_id", sorted(PLANS))
def test_each_plan_is_dated_as_the_paper_dates_it_and_cites_its_recommendation(milestone_id):
    date, end, recommendation, words = PLANS[milestone_id]
    row = plans()[milestone_id]
    assert (row["date"], row["end_date"]) == (date, end)
    assert not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"]), "the paper never gives a plan's day"
    assert words in row["summary"]
    assert row["source"] == "leics-cfosc-2018-11-05"
    assert row["source_section"].startswith(f"Appendix A, recommendation {recommendation}, ")
    assert row["kind"] in {"other", "review"} and row["framework"] == "" and row["published"] == ""


@pytest.mark.parametrize("milestone_id", sorted(EVENTS))
def test_each_dated_event_is_dated_and_quoted_as_the_paper_gives_it(milestone_id):
    date, recommendation, words = EVENTS[milestone_id]
    row = milestones()[milestone_id]
    assert (row["kind"], row["date"], row["end_date"]) == ("other", date, "")
    assert words in row["summary"]
    assert row["source_section"] == f"Appendix A, recommendation {recommendation}, Evidence of Progress"
    assert row["source"] == "leics-cfosc-2018-11-05"


def test_an_event_with_no_year_says_the_year_is_inferred():
    assert "2018 is inferred" in milestones()["peripatetic-social-workers-2018-09"]["note"]


def test_what_the_paper_leaves_open_is_noted():
    rows = plans()
    for season in ("plan-mistle-2018", "plan-family-networks-2018"):
        assert "summer 2018" in rows[season]["note"] and "only the year" in rows[season]["note"]
    assert "2018 is inferred" in rows["plan-private-fostering-review-2018-10"]["note"]
    assert "an inference" in rows["plan-supervision-tableau-2018-12"]["note"]
    assert "dated by its column, headed 'Target March 18'" in rows["plan-annual-returns-2018-03"]["note"]
    for planned in ("plan-pride-in-practice-2018-11", "plan-sgo-support-audit-2018-11"):
        assert "does not say whether this took place" in rows[planned]["note"]
    # Two programmes for aspiring managers, in January 2018 and January 2019: the paper does not say they are one.
    assert "whether they are the same, the paper does not say" in rows["plan-aspiring-managers-2018-01"]["note"]
    assert "the paper does not say" in rows["plan-aspire-course-2019-01"]["note"]


def test_the_journey_page_lists_later_plans_as_planned_and_earlier_ones_with_their_notes():
    body = html.unescape(journey.page(load_authority(PKG), CONTEXT).body)
    so_far, planned = body.split("## Planned {#planned}")
    assert "Dated after 5 November 2018, the date of the latest papers here" in planned
    for later in ("### April 2019: Permanence Summit for social workers", "### August 2019: Frontline participants qualify",
                  "### January 2019: Evaluation of the permanence team pilot",
                  "### December 2018: Reports for fostering and adoption developed in Tableau"):
        assert later in planned
    assert "## November 2018: Pride in Practice conference planned" in so_far
    assert "Planned at the date of the paper (5 November 2018); it does not say whether this took place." in so_far
    assert "November 2018 to April 2019" in so_far  # the span of the Signs of Safety forms
