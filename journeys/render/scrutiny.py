"""The scrutiny committee's recommendations tracker, meeting by meeting."""

from __future__ import annotations

from journeys.domain.dates import as_at, is_planned, record_ends
from journeys.model import Authority
from journeys.periods import date_label
from journeys.render import SCRUTINY, Page, SiteContext
from journeys.render.common import Citations, make_page, opening, planned_note, title_of
from journeys.render.markup import Column, Html, anchor_id, paragraph, table

STATUS_WORDS = {"open": "Open", "complete": "Complete"}


def page(authority: Authority, context: SiteContext) -> Page:
    title = title_of(authority, "scrutiny")
    sources = Citations(authority)
    tracker = authority.table("scrutiny").sort_values(["meeting_date_date", "recommendation_id"], kind="stable")
    ends = record_ends(authority, context.built_at)
    planned = is_planned(tracker["meeting_date_date"], ends)
    held = tracker[~planned]
    parts = [opening(title, context, as_at(authority, tracker))]
    if tracker.empty:
        parts.append(paragraph("No scrutiny recommendations have been published in this data yet."))
    else:
        open_count = int((held["status"] == "open").sum())
        parts.append(paragraph(f"{len(held)} recommendations and actions from the scrutiny committee; "
                               f"{open_count} still open."))
    for meeting, rows in held.groupby("meeting_date_date", sort=True):
        parts.append(meeting_table(date_label(meeting), rows.to_dict("records"), sources))
    if planned.any():
        # Items for meetings after the record ends are on an agenda, not yet the committee's word.
        parts.append(Html("## Planned meetings {#planned}\n\n" + planned_note(context, ends)))
        for meeting, rows in tracker[planned].groupby("meeting_date_date", sort=True):
            parts.append(meeting_table(date_label(meeting), rows.to_dict("records"), sources, planned=True))
    parts.append(sources.section())
    return make_page(SCRUTINY, title, "Scrutiny", parts)


def meeting_table(when: str, rows: list[dict], sources: Citations, planned: bool = False) -> Html:
    columns = [Column("Item", row_header=True), Column("Kind"), Column("Recommendation"), Column("Owner"),
               Column("Response"), Column("Status"), Column("Source")]
    cells = [[r["item"], str(r["kind"]).capitalize(), r["recommendation"], r["owner"], r["response"],
              STATUS_WORDS.get(r["status"], r["status"]), sources.cite(r["source"], r["source_section"])]
             for r in rows]
    anchor = anchor_id("meeting", rows[0]["meeting_date"])
    meeting = "planned meeting" if planned else "meeting"
    return Html(f"{'###' if planned else '##'} {meeting.capitalize()} of {when} {{#{anchor}}}\n\n"
                + table(f"Scrutiny {meeting} of {when}", columns, cells, anchor + "-table"))
