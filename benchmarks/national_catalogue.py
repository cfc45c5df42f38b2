"""The vocabulary of the synthetic national dataset (benchmarks/national.py): plan themes,
the 30 indicators each authority reports (each also as a rolling 12-month figure), leads, RAG
scales and the words findings and actions are made of. Made up, though shaped like the papers.
"""

THEMES = [
    ("Early help and the front door", "Children and families get the right help at the right time."),
    ("Help and protection", "Children at risk of harm are protected quickly and their plans make a difference."),
    ("Children in care and permanence", "Children in care live in stable homes and have permanence without delay."),
    ("Care leavers", "Young people leaving care are supported into safe homes, education and work."),
    ("Leadership, workforce and practice", "A stable, well-supported workforce delivers good practice, overseen by leaders."),
]
# id, title, theme, unit, polarity, decimals, counts children, low, high, LAIT code, numerator/denominator
INDICATORS = [
    ("contacts", "Contacts received", 1, "count", "none", 0, True, 600, 2500, None, False),
    ("referrals", "Referrals to children's social care", 1, "count", "none", 0, True, 150, 600, None, False),
    ("re-referrals", "Re-referrals within 12 months", 1, "percentage", "lower is better", 1, False, 15, 30, 271, True),
    ("referral-decisions", "Referral decisions made within one working day", 1, "percentage", "higher is better", 1, False, 70, 99, None, False),
    ("eh-assessments", "Early help assessments started", 1, "count", "none", 0, True, 50, 300, None, False),
    ("agency-ratio", "Ratio of agency to permanent social workers", 5, "ratio", "lower is better", 2, False, 0.05, 0.6, None, False),
    ("assessments-45", "Assessments completed within 45 working days", 2, "percentage", "higher is better", 1, False, 60, 95, 304, True),
    ("cp-plans", "Children subject to a child protection plan", 2, "count", "none", 0, True, 150, 700, None, False),
    ("cp-rate", "Children subject to a child protection plan per 10,000 children", 2, "rate per 10,000 children", "none", 1, False, 25, 70, None, False),
    ("repeat-cp", "Second or subsequent child protection plan", 2, "percentage", "lower is better", 1, False, 15, 30, 15, True),
    ("icpc-15", "Initial child protection conferences within 15 working days", 2, "percentage", "higher is better", 1, False, 60, 95, 218, True),
    ("cp-2-years", "Child protection plans lasting two years or more", 2, "percentage", "lower is better", 1, False, 1, 6, 98, True),
    ("cp-visits", "Child protection visits within timescale", 2, "percentage", "higher is better", 1, False, 70, 98, None, False),
    ("strategy-icpc-days", "Average days from strategy discussion to initial conference", 2, "days", "lower is better", 0, False, 10, 25, None, False),
    ("cic", "Children in care", 3, "count", "none", 0, True, 300, 1200, None, False),
    ("cic-rate", "Children in care per 10,000 children", 3, "rate per 10,000 children", "none", 1, False, 50, 110, None, False),
    ("placements-3", "Children in care with three or more placements in the year", 3, "percentage", "lower is better", 1, False, 7, 14, 372, False),
    ("placement-stability", "Children in care in the same placement for two years or more", 3, "percentage", "higher is better", 1, False, 60, 75, 393, False),
    ("missing-episodes", "Children in care missing from placement", 3, "count", "lower is better", 0, True, 0, 30, None, False),
    ("placed-20-miles", "Children in care placed more than 20 miles from home", 3, "percentage", "lower is better", 1, False, 10, 25, None, False),
    ("adoptions", "Children adopted", 3, "count", "higher is better", 0, True, 0, 10, None, False),
    ("adoption-days", "Average days from entering care to moving in with an adoptive family", 3, "days", "lower is better", 0, False, 350, 650, None, False),
    ("health-assessments", "Health assessments of children in care completed in timescale", 3, "percentage", "higher is better", 1, False, 70, 98, None, False),
    ("return-home-interviews", "Return home interviews completed within 72 hours", 3, "percentage", "higher is better", 1, False, 40, 95, None, True),
    ("care-proceedings-weeks", "Average weeks to complete care proceedings", 3, "weeks", "lower is better", 0, False, 26, 50, None, False),
    ("care-leavers-eet", "Care leavers in education, employment or training", 4, "percentage", "higher is better", 1, False, 45, 70, 113, False),
    ("care-leavers-neet", "Care leavers not in education, employment or training", 4, "percentage", "lower is better", 1, False, 30, 50, 221, False),
    ("care-leavers-accommodation", "Care leavers in suitable accommodation", 4, "percentage", "higher is better", 1, False, 80, 98, None, False),
    ("vacancy-rate", "Social worker vacancy rate", 5, "percentage", "lower is better", 1, False, 5, 30, None, False),
    ("caseload", "Average caseload per social worker", 5, "number", "lower is better", 1, False, 12, 25, None, False),
]
LEADS = ["Director of Children's Services", "Head of Early Help", "Head of Safeguarding",
         "Head of Children in Care", "Principal Social Worker", "Head of Workforce Development",
         "Service Manager, Front Door", "Head of Quality Assurance"]
PLAN_RAG = [("Blue", "Complete: the action is done and its impact is evidenced", 1),
            ("Green", "On track: good progress towards completion", 2),
            ("Amber", "Some slippage: on track within a longer agreed timescale", 3),
            ("Red", "Off track: further focused work is needed", 4)]
INDICATOR_RAG = [("Green", "At or better than target", 1),
                 ("Amber", "Within tolerance of the target", 2),
                 ("Red", "Outside tolerance of the target", 3)]
FINDING_WORDS = ["the quality of assessments", "management oversight of casework",
                 "return home interviews for children who go missing", "the timeliness of strategy discussions",
                 "planning for permanence", "the stability of the social work workforce",
                 "the voice of the child in plans", "support for care leavers' health and housing",
                 "multi-agency work at the front door", "supervision and reflective practice"]
