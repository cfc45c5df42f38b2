"""Notes on shipped rows that say what the paper leaves unsaid (issue 23, section 4).

Each test quotes the paper it checks against. Plain csv only: no project imports.
"""

import csv
import html
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def rows(authority, name):
    with open(ROOT / "data" / authority / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def spreadsheet_row(authority, name, number):
    """A row as a spreadsheet numbers it: the header is row 1."""
    return rows(authority, name)[number - 2]


# Appendix A of the Leicestershire paper, the Progress RAG cell of each recommendation as the
# extracted text shows it. Recommendation 4's row is missing from the text and recommendation 7's
# cell is not legible ("_"); the others read as below.
LEGIBLE_RATINGS = {"1": "A", "2": "A", "3": "A", "5": "G", "6": "A", "8": "G", "9": "G", "10": "G", "11": "G",
                   "12": "A", "13": "G", "14": "A", "15": "G", "16": "G", "17": "G"}
TOTALS = {"Green": 11, "Amber": 6, "Red": 0}  # para 8


def test_fifteen_ratings_are_legible_and_the_totals_leave_two_greens():
    assert len(LEGIBLE_RATINGS) == 15
    greens = sum(r == "G" for r in LEGIBLE_RATINGS.values())
    ambers = sum(r == "A" for r in LEGIBLE_RATINGS.values())
    assert (TOTALS["Green"] - greens, TOTALS["Amber"] - ambers) == (2, 0)


def test_the_shipped_ratings_agree_with_the_legible_ones():
    words = {"A": "Amber", "G": "Green"}
    shipped = {r["action_id"]: r["rating"] for r in rows("leicestershire", "progress")}
    assert {ref: shipped[ref] for ref in LEGIBLE_RATINGS} == {ref: words[r] for ref, r in LEGIBLE_RATINGS.items()}


def test_the_deduced_ratings_count_fifteen_legible_ones():
    deduced = [r for r in rows("leicestershire", "progress") if r["note"]]
    assert [r["action_id"] for r in deduced] == ["4", "7"]
    for r in deduced:
        assert r["rating"] == "Green"
        assert "fifteen ratings that are legible" in r["note"]
        assert "sixteen" not in r["note"]


def test_the_thematic_audits_figures_are_linked_to_may_june_2018_by_inference():
    # Recommendation 2: "Thematic Audit in respect of CSE/Missing showed that 42% met good or above
    # (13 out of 31 cases) and 58% (18 out of 31 cases) ..." (no date). Recommendation 9: "Thematic
    # Audit of CSE/Missing Cases took place May – June 2018" (no figures).
    observations = {r["indicator_id"]: r for r in rows("leicestershire", "observations")}
    for indicator, count in (("cse-missing-audit-good", "13"), ("cse-missing-audit-oversight", "18")):
        row = observations[indicator]
        assert (row["value"], row["numerator"], row["denominator"]) == ({"13": "42", "18": "58"}[count], count, "31")
        assert "inferred" in row["note"] and "May – June 2018" in row["note"]
        assert row["basis"] == ""  # the figure is printed; only its link to the audit's dates is inferred
    milestone = next(r for r in rows("leicestershire", "milestones") if r["milestone_id"] == "cse-missing-audit-2018-05")
    assert "42%" in milestone["summary"] and "inferred" in milestone["note"]


def test_coventry_rows_94_and_95_say_the_end_of_the_count_is_inferred():
    # Minutes of 15 September 2016, minute 17: "from June 2016 there had been 807 diversions from
    # contacts and 205 step downs". The minutes do not say to when.
    for number, indicator, value in ((94, "contacts-diverted", "807"), (95, "step-downs", "205")):
        row = spreadsheet_row("coventry", "observations", number)
        assert (row["indicator_id"], row["period"], row["value"]) == (indicator, "2016-09-15", value)
        assert "to the meeting of 15 September 2016 is inferred" in row["note"]
        assert row["source_section"] == "Minutes of 15 September 2016, minute 17"


# ---------------------------------------------------------------- the site says so

def _pages(slug):
    from datetime import datetime

    from journeys.domain.figures import indicator_statuses
    from journeys.model import load_authority
    from journeys.outputs.page import Entry, SiteContext
    from journeys.outputs.pages import indicators

    authority = load_authority(ROOT / "data" / slug)
    context = SiteContext(site_name="Test journeys", mode="national", built_at=datetime(2026, 1, 1),
                          authorities=(Entry(slug, slug.title()),))
    return authority, context, {page.path: html.unescape(page.body) for page in
                                indicators.pages(authority, context, {}, tuple(indicator_statuses(authority)))}


def test_the_indicator_pages_say_what_is_inferred():
    _, _, coventry = _pages("coventry")
    for indicator in ("contacts-diverted", "step-downs"):
        body = coventry[f"indicators/{indicator}.md"]
        assert "That the count runs to the meeting of 15 September 2016 is inferred." in body
    _, _, leicestershire = _pages("leicestershire")
    for indicator in ("cse-missing-audit-good", "cse-missing-audit-oversight"):
        body = leicestershire[f"indicators/{indicator}.md"]
        assert "That they are the same audit, and so the period, is inferred." in body


def test_the_plan_page_counts_fifteen_legible_ratings():
    from journeys.outputs.drawing import Drawing
    from journeys.outputs.pages import plan

    authority, context, _ = _pages("leicestershire")
    body = html.unescape(plan.page(authority, context, Drawing()).body)
    assert body.count("the fifteen ratings that are legible (9 Green, 6 Amber)") == 2
    assert "sixteen" not in body
