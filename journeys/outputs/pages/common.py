"""Pieces every page uses: the opening (title, "as at" and build dates) and the list of sources."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from journeys.domain.dates import AsAt
from journeys.model import Authority, per_table
from journeys.model.periods import date_label, format_date
from journeys.outputs.markup import Column, Html, anchor_id, internal_link, link, paragraph, rag_tag, text
from journeys.outputs.page import Page, SiteContext
from journeys.outputs.wording import HISTORICAL_RECORD, STATUS_RAG, STATUS_WORDS, as_at_sentence


def title_of(authority: Authority, what: str) -> Html:
    return text(f"{authority.name}: {what}")


def opening(title: Html, context: SiteContext, as_at: AsAt | pd.Timestamp | None, whose: str = "") -> Html:
    """The <h1> and the line that says how old the figures are and when the page was built."""
    return Html(f"# {title}\n\n{dates_line(context.built_at, as_at, whose)}\n")


def dates_line(built_at: datetime, as_at: AsAt | pd.Timestamp | None, whose: str = "") -> Html:
    """`as_at` is the paper the figures are as at (domain.dates.as_at: its date as precise as the paper
    gives it, its title and its kind), or a day (a comparison across authorities)."""
    built = f"Page built {format_date(built_at.date())}."
    if isinstance(as_at, AsAt):
        built = f"{as_at_sentence(as_at, whose)} {built}"
    elif as_at is not None:
        built = (f"Figures as at {format_date(as_at.date())}, from the council papers of that time: "
                 f"{HISTORICAL_RECORD} {built}")
    line = paragraph(built, "page-dates")
    # Every page says it, and search results opened with it (issue 16.6): search skips it.
    return Html(line.replace("<p ", "<p data-pagefind-ignore=\"all\" ", 1))


def planned_note(context: SiteContext, ends: pd.Timestamp, ends_label: str | None = None) -> Html:
    """Why the items under a "Planned" heading are not part of the journey so far. `ends_label`: the
    record's end as precisely as its latest paper gives it ("March 2019", never "1 March 2019")."""
    if ends.date() >= context.built_at.date():
        return paragraph(f"Dated after this page was built ({format_date(ends.date())}): planned, not yet held.")
    ends_text = ends_label or format_date(ends.date())
    return paragraph(f"Dated after {ends_text}, the date of the latest papers here: planned at "
                     "the time, and the papers do not say whether they took place.")


def make_page(path: str, title: Html, nav_title: object, parts: list[object], **extra) -> Page:
    """A Page from its parts (Html pieces, joined by blank lines)."""
    body = Html("\n\n".join(str(text(part)) for part in parts if part))
    return Page(path=path, title=title, nav_title=text(nav_title), body=body, **extra)


class Citations:
    """Numbered sources for one page: cells cite 'Source 2, para 4.4'; the list ends the page.

    `inline`: cells name the paper itself ('Performance report, March 2017, p. 4') and no list
    ends the page. For an indicator page, whose monthly figures each come from that month's
    paper: a list of a hundred papers was 40% of the page, and the row already says when.
    `named()` gives its title as words, not a link: the address of each monthly paper, once a
    row on every indicator page, was a sixth of a national site; every paper is linked once, from
    the authority's data page (pages.data.papers), which the page links to above its tables.
    """

    def __init__(self, authority: Authority, inline: bool = False):
        self._documents = papers(authority)
        self._numbers: dict[str, int] = {}
        self._inline = inline

    def cite(self, document_id: str, section: str = "") -> Html:
        if document_id not in self._documents:
            return text(section)
        if self._inline:
            paper = self._documents[document_id]
            reference = link(paper["url"], paper["title"])
            return Html(f"{reference}, {text(section)}") if section else reference
        number = self._numbers.setdefault(document_id, len(self._numbers) + 1)
        reference = internal_link(f"#{self.anchor(number)}", f"Source {number}")
        return Html(f"{reference}, {text(section)}") if section else reference

    def named(self, document_id: str, section: str = "") -> Html:
        """The paper and where in it, as words ('Performance report, March 2017, p. 4'): read out
        and printed as they are, with no link for each row (see the class)."""
        if document_id not in self._documents:
            return text(section)
        title = self._documents[document_id]["title"]
        return text(f"{title}, {section}" if section else title)

    @staticmethod
    def anchor(number: int) -> str:
        return anchor_id("source", str(number))

    def section(self) -> Html:
        """'Sources': each paper with its committee, date and (when online) a link."""
        if not self._numbers:
            return Html("")
        items = []
        for document_id, number in self._numbers.items():
            row = self._documents[document_id]
            paper = link(row["url"], row["title"])
            items.append(f'<li id="{self.anchor(number)}" markdown="span">Source {number}: {paper}. '
                         f'{text(document_details(row))}</li>')
        return Html('## Sources {#sources}\n\n<ul class="sources" markdown="1">\n' + "\n".join(items) + "\n</ul>\n")


def papers(authority: Authority) -> dict[str, dict]:
    """document_id -> its documents row (not to be changed), read once for all the pages of an
    authority (an indicator page's citations read it again each time: a tenth of its cost)."""
    return _by_id(authority.table("documents"))


@per_table
def _by_id(documents: pd.DataFrame) -> dict[str, dict]:
    return {row["document_id"]: row for row in documents.to_dict("records")}


def with_notes(rows: list[list], records: list[dict], columns: list) -> tuple[list[list], list]:
    """A table's rows and columns with a Note column added, only when some row has a note."""
    notes = [str(r.get("note") or "") for r in records]
    if not any(notes):
        return rows, columns
    return [cells + [note] for cells, note in zip(rows, notes)], columns + [Column("Note")]


def document_details(row: dict) -> str:
    """'Board update. Improvement Board, March 2021. Note: …' (or '…, undated; read on 2 May 2021.')

    The date is shown exactly as precise as the paper gives it; never an invented day.
    """
    when = row.get("date_label") or date_label(row.get("date_date"))
    if row.get("date_precision") == "undated" and row.get("accessed"):
        when = f"undated; read on {date_label(row['accessed'])}"
    kind = f"{row['kind'][:1].upper()}{row['kind'][1:]}. " if row.get("kind") else ""
    note = f" Note: {row['note']}" if row.get("note") else ""
    return f"{kind}{row['body']}, {when}.{note}"


def ratings_summary(counts) -> Html:
    """'3 Green, 2 Amber': each rating a word in its coloured tag, with its meaning as a tooltip."""
    if not counts:
        return Html("")
    return Html(", ".join(f"{count.count} {rag_tag(count.rating, count.meaning)}" for count in counts))


def status_tag(status: str | None) -> Html:
    """An indicator's standing against its target: words first, colour second."""
    if status is None:
        return text("No target")
    return Html(f'<strong class="rag rag--{STATUS_RAG[status]}">{text(STATUS_WORDS[status])}</strong>')


def action_anchor(action_id: str) -> str:
    return anchor_id("action", action_id)


def milestone_anchor(milestone_id: str) -> str:
    return anchor_id("milestone", milestone_id)
