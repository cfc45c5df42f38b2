"""The scrutiny committee's recommendations tracker, meeting by meeting, and what the papers put
to it asked it to do."""

from __future__ import annotations

from journeys.domain.dates import as_at, is_planned, record_ends, record_ends_label
from journeys.domain.paper_recommendations import PaperAsks, count, paper_recommendations
from journeys.model import Authority
from journeys.model.periods import date_label
from journeys.outputs.markup import Column, Html, anchor_id, heading, paragraph, table
from journeys.outputs.page import SCRUTINY, Page, SiteContext
from journeys.outputs.pages.common import Citations, make_page, opening, planned_note, title_of, with_notes
from journeys.outputs.wording import counted

STATUS_WORDS = {"open": "Open", "complete": "Complete"}


def page(authority: Authority, context: SiteContext) -> Page:
    title = title_of(authority, "scrutiny")
    sources = Citations(authority)
    tracker = authority.table("scrutiny").sort_values(["meeting_date_date", "recommendation_id"], kind="stable")
    ends = record_ends(authority, context.built_at)
    planned = is_planned(tracker["meeting_date_date"], ends)
    held = tracker[~planned]
    parts = [opening(title, context, as_at(authority, tracker, authority.table("paper_recommendations")))]
    if tracker.empty:
        parts.append(paragraph("No recommendations of the scrutiny committee have been published in this data yet."))
    else:
        open_count = int((held["status"] == "open").sum())
        parts.append(paragraph(f"{len(held)} recommendations and actions from the scrutiny committee; "
                               f"{open_count} still open."))
    # The committee's own tracker first, then each other tracker (a task and finish group's).
    for (tracker_name, meeting), rows in held.groupby(["tracker", "meeting_date_date"], sort=True):
        parts.append(meeting_table(date_label(meeting), rows.to_dict("records"), sources))
    if planned.any():
        # Items for meetings after the record ends are on an agenda, not yet the committee's word.
        note = planned_note(context, ends, record_ends_label(authority, context.built_at))
        parts.append(Html("## Planned meetings {#planned}\n\n" + note))
        for meeting, rows in tracker[planned].groupby("meeting_date_date", sort=True):
            parts.append(meeting_table(date_label(meeting), rows.to_dict("records"), sources, planned=True))
    parts.append(asked(paper_recommendations(authority), sources))
    parts.append(work_programme(authority, sources))
    parts.append(sources.section())
    return make_page(SCRUTINY, title, "Scrutiny", parts)


def asked(groups: list[PaperAsks], sources: Citations) -> Html:
    """Each paper's recommendations to the meeting it went to, in its words, paper by paper."""
    if not groups:
        return Html("")
    parts = ["## What the papers asked the meeting to do {#asked}\n\n"
             + paragraph(f"{counted(count(groups), 'recommendation', 'recommendations')} in "
                         f"{counted(len(groups), 'paper', 'papers')} to the committee or board, in the papers' "
                         "words: what each paper asked the meeting to do, not what the meeting decided.")]
    for group in groups:
        parts.append(paper_asks(group, sources))
    return Html("\n".join(parts))


def paper_asks(group: PaperAsks, sources: Citations) -> Html:
    """One paper's recommendations: led by their numbers when the paper numbers them."""
    anchor = anchor_id("asked", group.rows[0]["paper_recommendation_id"])
    when = f" (paper dated {group.date_label})" if group.date_label else ""
    numbered = any(r["ref"] for r in group.rows)
    rows = [[*([r["ref"]] if numbered else []), r["recommendation"], sources.cite(r["source"], r["source_section"])]
            for r in group.rows]
    columns = [*([Column("Number", row_header=True)] if numbered else []),
               Column("Recommendation", row_header=not numbered, prose=True), Column("Source", prose=True)]
    rows, columns = with_notes(rows, list(group.rows), columns)
    return Html(heading(3, f"{group.item}{when}", anchor)
                + paragraph(f"Made to: {'; '.join(group.to)}.")
                + table(f"What '{group.item}' recommended", columns, rows, anchor + "-table"))


WORK_LISTS = {"meeting": "Items planned for meetings", "progress report": "Progress reports (taken by exception)",
              "proposed": "Proposed agenda items"}


def work_programme(authority: Authority, sources: Citations) -> Html:
    """The committee's work programme, as planned at the paper's date: items, details and leads."""
    items = authority.table("work_programme")
    if items.empty:
        return Html("")
    parts = ["## Work programme {#work-programme}\n\n"
             + paragraph("What the committee planned to look at, and who leads each item, as its work programme "
                         "stood at the date of the paper: a plan, not a record of what was discussed.")]
    for kind, heading_text in WORK_LISTS.items():
        records = items[items["list"] == kind].sort_values("meeting_date_date", kind="stable").to_dict("records")
        if not records:
            continue
        rows = [[date_label(r["meeting_date_date"]) if r["meeting_date"] else "No date set", r["title"],
                 r["detail"], r["lead"], sources.cite(r["source"], r["source_section"])] for r in records]
        columns = [Column("Meeting", row_header=True), Column("Item"), Column("Detail"),
                   Column("Cabinet Member or lead officer"), Column("Source")]
        rows, columns = with_notes(rows, records, columns)
        parts.append(f"### {heading_text} {{#work-programme-{kind.replace(' ', '-')}}}\n\n"
                     + table(f"Work programme: {heading_text.lower()}", columns, rows,
                             f"work-programme-{kind.replace(' ', '-')}-table"))
    return Html("\n".join(parts))


def meeting_table(when: str, rows: list[dict], sources: Citations, planned: bool = False) -> Html:
    columns = [Column("Item", row_header=True), Column("Kind"), Column("Recommendation"), Column("Owner"),
               Column("Response"), Column("Status"), Column("Source")]
    cells = [[r["item"], str(r["kind"]).capitalize(), r["recommendation"], r["owner"], r["response"],
              STATUS_WORDS.get(r["status"], r["status"]), sources.cite(r["source"], r["source_section"])]
             for r in rows]
    cells, columns = with_notes(cells, rows, columns)
    tracker = rows[0].get("tracker", "")
    anchor = anchor_id("meeting", f"{tracker} {rows[0]['meeting_date']}" if tracker else rows[0]["meeting_date"])
    meeting = "planned meeting" if planned else "meeting"
    heading_text = f"{tracker}: recommendations of {when}" if tracker else f"{meeting.capitalize()} of {when}"
    return Html(heading(3 if planned else 2, heading_text, anchor) + "\n"
                + table(f"Scrutiny: {tracker}, {when}" if tracker else f"Scrutiny {meeting} of {when}",
                        columns, cells, anchor + "-table"))
