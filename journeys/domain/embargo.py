"""Embargoed papers: until a document's publish_after, it and everything that cites it is held back.

Officers may merge a committee's papers before the meeting. The build calls `apply_embargo`
right after loading, so every page, chart, search index, feed, download and sitemap is rendered
from an Authority that simply does not contain the held-back rows.

Time zone: `publish_after` is written in UK local time ("2017-01-12 10:00" means ten o'clock
in London, GMT or BST as the date falls). We attach Europe/London to it and compare instants,
so a build on a UTC machine (GitHub's runners) releases the paper at the right moment. A naive
`now` is read as UK local time too; the build passes an aware one.

Clock changes: a wall-clock time can mean two instants or none, and a paper must never be
released early, so the later reading counts. In the autumn hour that happens twice (01:30 on
25 October 2026) that is the second, GMT one: 01:30 UTC. A time in the spring gap (01:30 on
29 March 2026, which never shows on a UK clock) is read as GMT too: 01:30 UTC, 02:30 BST.
Every comparison is between instants in UTC: Python compares two datetimes that share a
ZoneInfo by their wall clocks, which would release the autumn paper at 00:31 UTC, hold it
again at 01:00 and release it again at 01:31.

The build log names a held-back paper by its document id only: CI logs of a public repository
are public, and a title can say what the paper is about.

A paper can be named without being cited: a note that says "see doc-2017-03 (the new inspection
letter)" or quotes an embargoed paper's title gives it away as surely as a row citing it. Until
the embargo ends such text is held back too: an optional cell (a note, evidence) is left empty,
and a row whose required text names the paper goes, with whatever refers to it. A paper is named
by its id as a word, or by its title (any case and spacing) when the title says more than a
public paper's does: at least two words and twelve characters, and not itself part of the title of
a paper already published (two papers called "Progress report" name neither). Held back rather
than refused, because the note is right once the paper is out: the next build after its
publish_after shows it, as it shows the rows citing it.

`build_site.py embargo-ended --within-minutes 120 [DATA_DIR]` (journeys.cli) prints `ended=true`
or `ended=false` (for $GITHUB_OUTPUT): the hourly scheduled workflow deploys only when an
embargo ended since its previous run (`embargo_ended_within`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from journeys.model import Authority, read_text_table, type_table
from journeys.model.periods import format_date
from journeys.model.standard import field_kind, table_schemas

UK = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class HeldBack:
    """One embargoed document and how many rows of each table it kept off the site."""

    slug: str
    document_id: str
    publish_after: datetime  # aware, in Europe/London (the instant, as UK clocks then show it)
    rows: dict[str, int]     # table name -> rows held back, the document's own row included
    texts: int = 0           # cells of other rows emptied because they name it

    def line(self) -> str:
        """One line for the build's output."""
        when = f"{format_date(self.publish_after.date())} {self.publish_after:%H:%M} (UK time)"
        citing = sum(self.rows.values()) - 1
        tables = ", ".join(f"{name} {count}" for name, count in sorted(self.rows.items()) if name != "documents")
        detail = f" and {citing} rows citing it ({tables})" if citing else ""
        named = f" and {self.texts} notes naming it" if self.texts else ""
        return f"{self.slug}: held back until {when}: document '{self.document_id}'{detail}{named}"


def instant(moment: datetime) -> datetime:
    """The moment in UTC; a naive one is UK local time, read as the later instant it can mean."""
    if moment.tzinfo is None:
        readings = (moment.replace(tzinfo=UK, fold=0), moment.replace(tzinfo=UK, fold=1))
        return max(reading.astimezone(timezone.utc) for reading in readings)
    return moment.astimezone(timezone.utc)


def embargo_ends(documents: pd.DataFrame) -> dict[str, datetime]:
    """document_id -> the instant (UTC) its embargo ends, for documents that carry one."""
    timed = documents[documents["publish_after_at"].notna()]
    return {doc: instant(at.to_pydatetime()) for doc, at in zip(timed["document_id"], timed["publish_after_at"])}


def apply_embargo(authority: Authority, now: datetime) -> tuple[Authority, list[HeldBack]]:
    """The authority as the public may see it at `now`, and what was held back."""
    now = instant(now)
    documents = authority.table("documents")
    ends = {doc: end for doc, end in embargo_ends(documents).items() if end > now}
    if not ends:
        return authority, []
    naming = _naming(authority.tables, set(ends))
    dropped = _cascade(authority.tables, set(ends), naming)
    tables = {name: _emptied(name, table, naming.get(name, {}))[~dropped[name]] for name, table in authority.tables.items()}
    return replace(authority, tables=tables), _held_back(authority, ends, dropped, naming)


def without_documents(authority: Authority, documents: set[str]) -> Authority:
    """The authority with these documents and every row that cites them (by the schemas' foreign
    keys) taken out, and the notes that name them emptied, as an embargo takes them: what a report
    could say before those papers."""
    if not documents:
        return authority
    naming = _naming(authority.tables, documents)
    dropped = _cascade(authority.tables, documents, naming)
    return replace(authority, tables={name: _emptied(name, table, naming.get(name, {}))[~dropped[name]]
                                      for name, table in authority.tables.items()})


def _held_back(authority: Authority, ends: dict[str, datetime], dropped: dict[str, np.ndarray],
               naming: dict[str, dict[str, np.ndarray]]) -> list[HeldBack]:
    held = []
    for doc, end in sorted(ends.items(), key=lambda item: (item[1], item[0])):
        if len(ends) > 1:
            naming = _naming(authority.tables, {doc})
            dropped = _cascade(authority.tables, {doc}, naming)
        rows = {name: int(mask.sum()) for name, mask in dropped.items() if mask.any()}
        texts = sum(int((cells & ~dropped[name]).sum()) for name, columns in naming.items()
                    for column, cells in columns.items() if not _required(name, column))
        held.append(HeldBack(authority.slug, doc, end.astimezone(UK), rows, texts))
    return held


def _naming(tables: dict[str, pd.DataFrame], documents: set[str]) -> dict[str, dict[str, np.ndarray]]:
    """Per table and free-text column, the cells that name one of these documents (by id or title)."""
    pattern = _names_of(tables["documents"], documents)
    if pattern is None:
        return {}
    found = {}
    for name, table in tables.items():
        for column in _free_text(name):
            if column in table and not (name == "documents" and column in ("title", "body")):
                cells = table[column].astype(str).str.contains(pattern, regex=True).to_numpy(dtype=bool)
                if cells.any():
                    found.setdefault(name, {})[column] = cells
    return found


def _names_of(documents: pd.DataFrame, held: set[str]) -> re.Pattern | None:
    """A pattern for the ids of the held documents, and their titles where a title names one paper."""
    public = " ".join(documents.loc[~documents["document_id"].isin(held), "title"].astype(str)).casefold()
    names = [rf"(?<![A-Za-z0-9._-]){re.escape(doc)}(?!\.?[A-Za-z0-9_-])" for doc in sorted(held)]
    for title in documents.loc[documents["document_id"].isin(held), "title"].astype(str):
        words = title.split()
        if len(words) >= 2 and len(title) >= 12 and " ".join(words).casefold() not in " ".join(public.split()):
            names.append("(?i:" + r"\s+".join(re.escape(word) for word in words) + ")")
    return re.compile("|".join(names)) if names else None


@cache
def _free_text(table: str) -> tuple[str, ...]:
    """The columns of free text: strings with no pattern or list of values, and no key."""
    schema = table_schemas()[table]
    keys = set(_as_list(schema.get("primaryKey", []))) | {field for key in schema.get("foreignKeys", [])
                                                            for field in _as_list(key["fields"])}
    return tuple(field["name"] for field in schema["fields"] if field_kind(field) == "string" and field["name"] not in keys
                 and "enum" not in field.get("constraints", {}))


def _required(table: str, column: str) -> bool:
    spec = next(field for field in table_schemas()[table]["fields"] if field["name"] == column)
    return bool(spec.get("constraints", {}).get("required"))


def _emptied(name: str, table: pd.DataFrame, naming: dict[str, np.ndarray]) -> pd.DataFrame:
    """The table with its optional cells that name a held paper left empty."""
    optional = {column: cells for column, cells in naming.items() if not _required(name, column)}
    if not optional:
        return table
    table = table.copy()
    for column, cells in optional.items():
        table.loc[cells, column] = ""
    return table


@cache
def _foreign_keys() -> dict[str, list[tuple[list[str], str, list[str]]]]:
    """table -> [(fields, referenced table, referenced fields)], from schemas/*.json."""
    keys = {}
    for name, schema in table_schemas().items():
        keys[name] = [
            (_as_list(key["fields"]), key["reference"]["resource"] or name, _as_list(key["reference"]["fields"]))
            for key in schema.get("foreignKeys", [])
        ]
    return keys


def _as_list(fields: str | list[str]) -> list[str]:
    return [fields] if isinstance(fields, str) else list(fields)


def _cascade(tables: dict[str, pd.DataFrame], documents: set[str],
             naming: dict[str, dict[str, np.ndarray]] | None = None) -> dict[str, np.ndarray]:
    """Per table, a mask of the rows to drop: the documents, the rows whose required text names one,
    then whatever refers to a dropped row.

    Follows the schemas' foreign keys until nothing more falls, so an action's progress goes
    with the action and an indicator's observations, targets and comparators go with it.
    Each pass looks only at references into tables that lost rows in the pass before.
    """
    dropped = {name: np.zeros(len(table), dtype=bool) for name, table in tables.items()}
    dropped["documents"] = tables["documents"]["document_id"].isin(documents).to_numpy()
    for name, columns in (naming or {}).items():
        for column, cells in columns.items():
            if _required(name, column):
                dropped[name] = dropped[name] | cells
    changed = {name for name, mask in dropped.items() if mask.any()} | {"documents"}
    while changed:
        gone, grew = {}, set()
        for name, table in tables.items():
            for fields, target, target_fields in _foreign_keys().get(name, []):
                if target not in changed or target not in tables or any(f not in table for f in fields):
                    continue
                key = (target, tuple(target_fields))
                if key not in gone:
                    gone[key] = _gone_keys(tables[target], target_fields, dropped[target])
                hits = _refers_to(table, fields, gone[key]) & ~dropped[name]
                if hits.any():
                    dropped[name] = dropped[name] | hits
                    grew.add(name)
        changed = grew
    return dropped


def _gone_keys(table: pd.DataFrame, fields: list[str], dropped: np.ndarray) -> set[tuple]:
    """Keys of the dropped rows that no remaining row also has."""
    keys = list(zip(*(table[field].to_numpy() for field in fields)))
    kept = {key for key, drop in zip(keys, dropped) if not drop}
    return {key for key, drop in zip(keys, dropped) if drop} - kept


def _refers_to(table: pd.DataFrame, fields: list[str], gone: set[tuple]) -> np.ndarray:
    """Rows whose reference is complete (no empty optional field) and names a gone key."""
    keys = zip(*(table[field].to_numpy() for field in fields))
    return np.fromiter((key in gone and all(part != "" for part in key) for key in keys), dtype=bool,
                       count=len(table))


def embargo_ended_within(data_dir: Path, now: datetime, window: timedelta) -> list[str]:
    """Documents, in every package under data_dir, whose embargo ended in (now - window, now]."""
    now, ended = instant(now), []
    for path in sorted(data_dir.glob("*/documents.csv")):
        documents = type_table("documents", read_text_table(path))
        ended += [f"{path.parent.name}/{doc}" for doc, end in embargo_ends(documents).items()
                  if now - window < end <= now]
    return ended
