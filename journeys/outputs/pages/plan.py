"""The improvement plan: themes, their objectives and actions, each action's ratings over time."""

from __future__ import annotations

import pandas as pd

from journeys.domain.dates import as_at
from journeys.domain.pictures import plan_progress
from journeys.domain.ratings import latest_tallies, rag_meanings
from journeys.model import Authority
from journeys.model.periods import date_label
from journeys.outputs import pictures
from journeys.outputs.drawing import Drawing
from journeys.outputs.markup import (
    Column,
    Html,
    anchor_id,
    bullet_list,
    definitions,
    heading,
    paragraph,
    rag_tag,
    table,
    text,
    unindexed,
)
from journeys.outputs.page import PLAN, Page, SiteContext
from journeys.outputs.pages.common import (
    Citations,
    action_anchor,
    make_page,
    opening,
    ratings_summary,
    title_of,
    with_notes,
)


def page(authority: Authority, context: SiteContext, drawing: Drawing) -> Page:
    title = title_of(authority, "improvement plan")
    sources = Citations(authority)
    tables = [authority.table(name) for name in ("themes", "objectives", "actions", "progress", "rag_tallies")]
    parts = [opening(title, context, as_at(authority, *tables)), plan_wide(authority, "vision", sources),
             rating_key(authority, sources), pictures.progress_picture(plan_progress(authority), drawing), tallies(authority, sources),
             *themes(authority, sources), plan_wide(authority, "making a difference", sources), sources.section()]
    if authority.table("actions").empty and authority.table("themes").empty:
        parts.insert(1, paragraph("No improvement plan has been published in this data yet."))
    return make_page(PLAN, title, "Plan", parts)


PLAN_WIDE = {"vision": ("The plan's vision", "vision"),
             "making a difference": ("What making a difference looks like", "making-a-difference")}


def plan_wide(authority: Authority, kind: str, sources: Citations) -> Html:
    """Statements about the whole plan (no theme): its vision, or how it will know it made a difference."""
    objectives = authority.table("objectives")
    rows = objectives[(objectives["kind"] == kind) & (objectives["theme_id"] == "")].to_dict("records")
    if not rows:
        return Html("")
    heading_text, anchor = PLAN_WIDE[kind]
    items = [Html(f"{text(r['title'])} ({sources.cite(r['source'], r['source_section'])})") for r in rows]
    return Html(f"## {heading_text} {{#{anchor}}}\n\n" + bullet_list(items, anchor))


def rating_key(authority: Authority, sources: Citations) -> Html:
    """The authority's own words for each rating, shown before any rating is."""
    scale = authority.table("rag_scale")
    meanings = rag_meanings(authority)  # the domain's words, "meaning not published" where the papers give none
    rows = [[rag_tag(r["rating"]), meanings[r["rating"]], sources.cite(r["source"], r["source_section"])]
            for r in scale[scale["scale"] == "plan"].sort_values("rank", na_position="last").to_dict("records")]
    if not rows:
        return Html("")
    return Html("## How actions are rated {#ratings}\n\n"
                + table(f"What each rating means, in {authority.name}'s words",
                        [Column("Rating", row_header=True), Column("Meaning"), Column("Source")], rows, "rating-key"))


def tallies(authority: Authority, sources: Citations) -> Html:
    parts = []
    for tally in latest_tallies(authority):
        parts.append(paragraph(Html(f"{text(tally.subject)}, reported {text(date_label(tally.report_date))}: "
                                    f"{ratings_summary(tally.counts)}. The paper gives only these counts, "
                                    f"not the items behind them ({sources.cite(tally.source, tally.source_section)}).")))
    return Html("## Counts of ratings {#tallies}\n\n" + "\n".join(parts)) if parts else Html("")


def themes(authority: Authority, sources: Citations) -> list[Html]:
    """Each theme with its objectives and actions, in the plan's order; actions of no known theme last."""
    theme_rows = authority.table("themes").sort_values("order", kind="stable").to_dict("records")
    actions = authority.table("actions")
    known = {row["theme_id"] for row in theme_rows}
    parts = [theme(authority, row, actions[actions["theme_id"] == row["theme_id"]], sources) for row in theme_rows]
    others = actions[~actions["theme_id"].isin(known)]
    if not others.empty:
        parts.append(Html("## Other actions {#theme-other}\n\n" + action_list(authority, others, sources)))
    return parts


def theme(authority: Authority, row: dict, actions: pd.DataFrame, sources: Citations) -> Html:
    objectives = authority.table("objectives")
    mine = objectives[objectives["theme_id"] == row["theme_id"]]
    items = [Html(f"{text(o['kind'].capitalize() + ': ' + o['title'])} ({sources.cite(o['source'], o['source_section'])})")
             for o in mine.to_dict("records")]
    cite = sources.cite(row["source"], row["source_section"])
    return Html(heading(2, row["title"], anchor_id("theme", row["theme_id"]))
                + paragraph(Html(f"{text(row['description'])} ({cite})" if row["description"] else f"Source: {cite}"))
                + bullet_list(items, "objectives") + action_list(authority, actions, sources))


def action_list(authority: Authority, actions: pd.DataFrame, sources: Citations) -> Html:
    progress = authority.table("progress").sort_values("report_date_date", kind="stable")
    history = dict(tuple(progress.groupby("action_id", sort=False)))
    meanings = rag_meanings(authority)
    empty = progress.iloc[0:0]
    return Html("\n".join(action(row, history.get(row["action_id"], empty), meanings, sources)
                          for row in actions.to_dict("records")))


def action(row: dict, history: pd.DataFrame, meanings: dict[str, str], sources: Citations) -> Html:
    """One action: what, why, who, when, its current rating, and every rating it has had."""
    current = history.iloc[-1] if not history.empty else None
    rating = (Html(f"{rag_tag(current['rating'], meanings.get(current['rating']))} "
                   f"(reported {text(date_label(current['report_date_date']))})")
              if current is not None else text("Not yet rated"))
    details = definitions([
        ("Current rating", rating), ("Desired outcome", row["desired_outcome"]), ("Lead", row["lead"]),
        ("Due", row["due_label"] or row["due"]), ("How it is measured", row["measure"]),
        ("Answers", row["answers"]), ("Source", sources.cite(row["source"], row["source_section"])),
    ])
    return Html(heading(3, f"Action {row['action_id']}", action_anchor(row["action_id"]))
                + paragraph(row["action"], "action-text") + details + rating_history(row["action_id"], history,
                                                                                   meanings, sources))


def rating_history(action_id: str, history: pd.DataFrame, meanings: dict[str, str], sources: Citations) -> Html:
    if history.empty:
        return Html("")
    rows = [[date_label(r["report_date_date"]), rag_tag(r["rating"], meanings.get(r["rating"])),
             r["evidence"], r["next_steps"], sources.cite(r["source"], r["source_section"])]
            for r in history.to_dict("records")]
    columns = unindexed([Column("Report", row_header=True), Column("Rating"), Column("Evidence of progress"),
                         Column("Next steps"), Column("Source")])
    rows, columns = with_notes(rows, history.to_dict("records"), columns)  # e.g. a rating deduced from totals
    return table(f"Action {action_id}: ratings over time", columns, rows, anchor_id("history", action_id))
