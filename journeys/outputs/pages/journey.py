"""The journey: inspections, visits, notices and boards in date order, with what each found."""

from __future__ import annotations

import pandas as pd

from journeys.domain.dates import as_at, record_ends, record_ends_label
from journeys.domain.journey import framework_title, journey_so_far, planned_milestones
from journeys.model import Authority
from journeys.model.periods import date_label
from journeys.model.vocabulary import OVERALL
from journeys.outputs.markup import Column, Html, anchor_id, bullet_list, definitions, heading, paragraph, table, text
from journeys.outputs.page import JOURNEY, Page, SiteContext
from journeys.outputs.pages.common import (
    Citations,
    make_page,
    milestone_anchor,
    opening,
    planned_note,
    title_of,
    with_notes,
)

FINDING_HEADINGS = {"strength": "Strengths", "area for improvement": "Areas for improvement",
                    "recommendation": "Recommendations", "priority action": "Priority actions",
                    "immediate action": "Immediate actions taken in response", "finding": "Findings"}


def page(authority: Authority, context: SiteContext) -> Page:
    title = title_of(authority, "the journey")
    sources = Citations(authority)
    so_far = journey_so_far(authority, context.built_at)
    planned = planned_milestones(authority, context.built_at)
    findings = dict(tuple(authority.table("findings").groupby("milestone_id", sort=False)))
    tables = [authority.table(name) for name in ("milestones", "judgements", "findings")]
    parts = [opening(title, context, as_at(authority, *tables))]
    if so_far.empty and planned.empty:
        parts.append(paragraph("No milestones have been published in this data yet."))
    empty = authority.table("findings").iloc[0:0]
    parts += [milestone(authority, row, findings.get(row["milestone_id"], empty), sources)
              for row in so_far.to_dict("records")]
    if not planned.empty:
        ends = record_ends(authority, context.built_at)
        note = planned_note(context, ends, record_ends_label(authority, context.built_at))
        parts.append(Html("## Planned {#planned}\n\n" + note))
        parts += [milestone(authority, row, findings.get(row["milestone_id"], empty), sources, level=3)
                  for row in planned.to_dict("records")]
    parts.append(sources.section())
    return make_page(JOURNEY, title, "Journey", parts)


def milestone(authority: Authority, row: dict, findings: pd.DataFrame, sources: Citations, level: int = 2) -> Html:
    when = date_label(row["date"])
    if row["end_date"]:
        when += f" to {date_label(row['end_date'])}"
    details = definitions([
        ("What", str(row["kind"]).capitalize()), ("When", when),
        ("Published", date_label(row["published"]) if row["published"] else None),
        ("Framework", framework_title(row["framework"]) if row["framework"] else None),
        ("Source", sources.cite(row["source"], row["source_section"])),
        ("Note", row.get("note") or None),
    ])
    title = f"{date_label(row['date'])}: {row['title']}"
    return Html(heading(level, title, milestone_anchor(row["milestone_id"]))
                + details + (paragraph(row["summary"]) if row["summary"] else "")
                + grades(authority, row, sources) + findings_lists(row["milestone_id"], findings, sources, level + 1))


def grades(authority: Authority, row: dict, sources: Citations) -> Html:
    table_rows = authority.table("judgements")
    mine = table_rows[table_rows["milestone_id"] == row["milestone_id"]]
    if mine.empty:
        return Html("")
    ordered = sorted(mine.to_dict("records"), key=lambda r: r["judgement"] != OVERALL)
    rows = [[r["judgement"], r["grade"], sources.cite(r["source"], r["source_section"])] for r in ordered]
    columns = [Column("Judgement", row_header=True), Column("Grade"), Column("Source")]
    rows, columns = with_notes(rows, ordered, columns)
    return table(f"Grades: {row['title']}", columns, rows, anchor_id("grades", row["milestone_id"]))


def findings_lists(milestone_id: str, findings: pd.DataFrame, sources: Citations, level: int = 3) -> Html:
    parts = []
    for kind, heading_text in FINDING_HEADINGS.items():
        rows = findings[findings["kind"] == kind].to_dict("records")
        if rows:
            items = [Html(f"{text(r['ref'] + ': ') if r['ref'] else ''}{text(r['text'])} "
                          f"({sources.cite(r['source'], r['source_section'])})"
                          + (f" Note: {text(r['note'])}" if r.get("note") else "")) for r in rows]
            parts.append(heading(level, heading_text, anchor_id(milestone_id, kind)) + bullet_list(items, "findings"))
    return Html("\n".join(parts))
