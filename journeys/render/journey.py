"""The journey: inspections, visits, notices and boards in date order, with what each found."""

from __future__ import annotations

import pandas as pd

from journeys.model import Authority
from journeys.render import JOURNEY, Page, SiteContext
from journeys.render import facts
from journeys.render.common import Citations, make_page, milestone_anchor, opening, title_of
from journeys.render.markup import Column, Html, anchor_id, bullet_list, definitions, heading, paragraph, table, text

FINDING_HEADINGS = {"strength": "Strengths", "area for improvement": "Areas for improvement",
                    "recommendation": "Recommendations", "priority action": "Priority actions",
                    "immediate action": "Immediate actions taken in response", "finding": "Findings"}


def page(authority: Authority, context: SiteContext) -> Page:
    title = title_of(authority, "the journey")
    sources = Citations(authority)
    milestones = facts.milestones_in_order(authority)
    findings = dict(tuple(authority.table("findings").groupby("milestone_id", sort=False)))
    tables = [authority.table(name) for name in ("milestones", "judgements", "findings")]
    parts = [opening(title, context, facts.as_at(authority, *tables))]
    if milestones.empty:
        parts.append(paragraph("No milestones have been published in this data yet."))
    empty = authority.table("findings").iloc[0:0]
    parts += [milestone(authority, row, findings.get(row["milestone_id"], empty), sources)
              for row in milestones.to_dict("records")]
    parts.append(sources.section())
    return make_page(JOURNEY, title, "Journey", parts)


def milestone(authority: Authority, row: dict, findings: pd.DataFrame, sources: Citations) -> Html:
    when = facts.date_label(row["date"])
    if row["end_date"]:
        when += f" to {facts.date_label(row['end_date'])}"
    details = definitions([
        ("What", str(row["kind"]).capitalize()), ("When", when),
        ("Published", facts.date_label(row["published"]) if row["published"] else None),
        ("Framework", facts.framework_title(row["framework"]) if row["framework"] else None),
        ("Source", sources.cite(row["source"], row["source_section"])),
    ])
    return Html(heading(2, f"{facts.date_label(row['date'])}: {row['title']}", milestone_anchor(row["milestone_id"]))
                + details + (paragraph(row["summary"]) if row["summary"] else "")
                + grades(authority, row, sources) + findings_lists(row["milestone_id"], findings, sources))


def grades(authority: Authority, row: dict, sources: Citations) -> Html:
    table_rows = authority.table("judgements")
    mine = table_rows[table_rows["milestone_id"] == row["milestone_id"]]
    if mine.empty:
        return Html("")
    ordered = sorted(mine.to_dict("records"), key=lambda r: r["judgement"] != facts.OVERALL)
    rows = [[r["judgement"], r["grade"], sources.cite(r["source"], r["source_section"])] for r in ordered]
    columns = [Column("Judgement", row_header=True), Column("Grade"), Column("Source")]
    return table(f"Grades: {row['title']}", columns, rows, anchor_id("grades", row["milestone_id"]))


def findings_lists(milestone_id: str, findings: pd.DataFrame, sources: Citations) -> Html:
    parts = []
    for kind, heading_text in FINDING_HEADINGS.items():
        rows = findings[findings["kind"] == kind].to_dict("records")
        if rows:
            items = [Html(f"{text(r['ref'] + ': ') if r['ref'] else ''}{text(r['text'])} "
                          f"({sources.cite(r['source'], r['source_section'])})") for r in rows]
            parts.append(heading(3, heading_text, anchor_id(milestone_id, kind)) + bullet_list(items, "findings"))
    return Html("\n".join(parts))
