"""The scrutiny committee's recommendations tracker, meeting by meeting."""

from __future__ import annotations

from journeys.model import Authority
from journeys.render import SCRUTINY, Page, SiteContext
from journeys.render import facts
from journeys.render.common import Citations, make_page, opening, title_of
from journeys.render.markup import Column, Html, anchor_id, paragraph, table

STATUS_WORDS = {"open": "Open", "complete": "Complete"}


def page(authority: Authority, context: SiteContext) -> Page:
    title = title_of(authority, "scrutiny")
    sources = Citations(authority)
    tracker = authority.table("scrutiny").sort_values(["meeting_date_date", "recommendation_id"], kind="stable")
    parts = [opening(title, context, facts.as_at(authority, tracker))]
    if tracker.empty:
        parts.append(paragraph("No scrutiny recommendations have been published in this data yet."))
    else:
        open_count = int((tracker["status"] == "open").sum())
        parts.append(paragraph(f"{len(tracker)} recommendations and actions from the scrutiny committee; "
                               f"{open_count} still open."))
    for meeting, rows in tracker.groupby("meeting_date_date", sort=True):
        parts.append(meeting_table(facts.date_label(meeting), rows.to_dict("records"), sources))
    parts.append(sources.section())
    return make_page(SCRUTINY, title, "Scrutiny", parts)


def meeting_table(when: str, rows: list[dict], sources: Citations) -> Html:
    columns = [Column("Item", row_header=True), Column("Kind"), Column("Recommendation"), Column("Owner"),
               Column("Response"), Column("Status"), Column("Source")]
    cells = [[r["item"], str(r["kind"]).capitalize(), r["recommendation"], r["owner"], r["response"],
              STATUS_WORDS.get(r["status"], r["status"]), sources.cite(r["source"], r["source_section"])]
             for r in rows]
    anchor = anchor_id("meeting", rows[0]["meeting_date"])
    return Html(f"## Meeting of {when} {{#{anchor}}}\n\n" + table(f"Scrutiny meeting of {when}", columns, cells,
                                                                   anchor + "-table"))
