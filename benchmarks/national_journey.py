"""The synthetic improvement journey of one authority: 20 milestones, their grades and findings.

Every authority follows the same shape (inadequate in 2015, an improvement notice and board,
eight monitoring visits, then better grades under ILACS), shifted by a few months and with
its own grades, so that dates and frameworks stay consistent with schemas/vocabularies.
"""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.national_catalogue import FINDING_WORDS

VOCABULARY = Path(__file__).resolve().parent.parent / "schemas" / "vocabularies" / "frameworks.json"
# kind, id prefix, months after January 2015, title, findings
JOURNEY = [("inspection", "insp", 4, "Ofsted inspection of children's services", 6),
           ("improvement notice issued", "notice-issued", 7, "DfE improvement notice issued", 0),
           ("improvement board", "board", 8, "First meeting of the Improvement Board", 0),
           ("plan published", "plan", 8, "Improvement Plan published", 0),
           *[("monitoring visit", "mv", 11 + 3 * i, f"Ofsted monitoring visit {i + 1}", 3) for i in range(8)],
           ("improvement notice reviewed", "notice-reviewed", 19, "Improvement notice reviewed", 0),
           ("review", "dfe-review", 25, "DfE review of progress", 0),
           ("improvement notice reviewed", "notice-reviewed", 31, "Improvement notice reviewed", 0),
           ("inspection", "insp", 46, "Ofsted inspection of local authority children's services", 6),
           ("improvement notice lifted", "notice-lifted", 50, "DfE improvement notice lifted", 0),
           ("focused visit", "fv", 69, "Ofsted focused visit", 3),
           ("joint targeted area inspection", "jtai", 89, "Joint targeted area inspection", 3),
           ("inspection", "insp", 110, "Ofsted inspection of local authority children's services", 6)]
JUDGEMENTS = {
    "sif-2013": ["Children who need help and protection", "Children looked after and achieving permanence",
                 "Adoption performance", "Experiences and progress of care leavers",
                 "Leadership, management and governance"],
    "ilacs-2018": ["The impact of leaders on social work practice with children and families",
                   "The experiences and progress of children who need help and protection",
                   "The experiences and progress of children in care and care leavers"],
    "ilacs-2023": ["The impact of leaders on social work practice with children and families",
                   "The experiences and progress of children who need help and protection",
                   "The experiences and progress of children in care",
                   "The experiences and progress of care leavers"],
}
FINDING_KINDS = ["strength", "area for improvement", "recommendation"]


def frameworks() -> list[dict]:
    return json.loads(VOCABULARY.read_text(encoding="utf-8"))["frameworks"]


def framework_on(date: str, visit: bool) -> str:
    """The framework in force on a date (the 2026 one has no overall grade, so is never drawn)."""
    usable = [f for f in frameworks() if f["from"] <= date and f["id"] != "ilacs-2026"]
    return usable[-1]["id"] if visit and usable else ""


def journey(authority) -> tuple[list, list, list]:
    """Milestones, judgements and findings rows for one authority, citing its documents."""
    milestones, judgements, findings = [], [], []
    shift, inspections = authority.rng.randint(0, 4), 0
    for kind, prefix, months, title, n_findings in JOURNEY:
        year, month = divmod(2015 * 12 + months + shift, 12)
        date = f"{year:04d}-{month + 1:02d}-{authority.day + 3:02d}"
        end = f"{year:04d}-{month + 1:02d}-{authority.day + 12:02d}" if n_findings else ""
        published = f"{year + (month + 2) // 12:04d}-{(month + 2) % 12 + 1:02d}-{authority.day:02d}" if n_findings else ""
        milestone_id = f"{prefix}-{date[:7]}"
        framework = framework_on(date, visit=kind in ("inspection", "monitoring visit", "focused visit"))
        source = authority.cite(f"ms-{milestone_id}", published or date, "Ofsted" if n_findings else "Department for Education",
                                title)
        milestones.append([milestone_id, kind, date, end, published, framework, title,
                           f"{title} ({authority.name}, synthetic).", source, "p. 1"])
        if kind == "inspection":
            judgements += grades(authority, milestone_id, framework, inspections, source)
            inspections += 1
        findings += [finding(authority, milestone_id, n, source) for n in range(1, n_findings + 1)]
    return milestones, judgements, findings


def grades(authority, milestone_id: str, framework: str, nth: int, source: str) -> list[list]:
    """Inadequate first, then better: each sub-judgement within one grade of the overall."""
    allowed = next(f["grades"] for f in frameworks() if f["id"] == framework)
    overall = [3, authority.rng.choice([1, 2, 2, 3]), authority.rng.choice([0, 1, 1, 2])][nth]
    rows = [[milestone_id, "Overall effectiveness", allowed[overall], source, "Judgements"]]
    for judgement in JUDGEMENTS[framework]:
        grade = max(0, min(3, overall + authority.rng.choice([-1, 0, 0, 1])))
        rows.append([milestone_id, judgement, allowed[grade], source, "Judgements"])
    return rows


def finding(authority, milestone_id: str, n: int, source: str) -> list:
    kind = FINDING_KINDS[(n - 1) % 3]
    words = authority.rng.choice(FINDING_WORDS)
    text = {"strength": f"Leaders have improved {words}.",
            "area for improvement": f"Further work is needed on {words}.",
            "recommendation": f"Improve {words} so that children are safe and their plans progress."}[kind]
    return [f"{milestone_id}-f{n}", milestone_id, kind, f"R{n}" if kind == "recommendation" else "",
            text, source, f"para {n + 3}"]
