"""`build_site.py update-description <package>`: the "as at" of datapackage.json follows the data.

When a new paper is later than the date the description names (the validator's stale
description problem, journeys.checks.currency), the description is brought up to date: an
"as at <date>" it holds is moved to the latest paper's date; otherwise a sentence naming the
latest paper is added (or replaced, next time). Only the description's text changes in the
file: every other byte of datapackage.json stays as the officer wrote it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from journeys.checks.currency import NAMED_DATE, latest_named_date
from journeys.model.periods import parse_dated
from journeys.model.problems import printable
from journeys.model.reading import load_frame, read_file
from journeys.model.writing import write_atomically

LATEST = re.compile(r" ?Latest paper: [^\n]*?, dated [^.]*\.$")


def latest_paper(folder: Path) -> tuple[str, str, object] | None:
    """(document_id, title, Dated) of the latest dated paper in documents.csv."""
    path = folder / "documents.csv"
    if not path.is_file():
        return None
    documents = load_frame(path)
    papers = [(parsed, row.get("document_id", ""), row.get("title", "")) for row in documents.to_dict("records")
              if (parsed := parse_dated(str(row.get("date", "")))) is not None and parsed.start is not None]
    if not papers:
        return None
    parsed, document_id, title = max(papers, key=lambda item: (item[0].start, item[0].end))
    return document_id, title, parsed


def updated_description(description: str, folder: Path) -> str | None:
    """The description brought up to the latest paper, or None if it is current (or names no date)."""
    named, latest = latest_named_date(description), latest_paper(folder)
    if named is None or latest is None:
        return None
    document_id, title, parsed = latest
    if parsed.start <= named[1]:
        return None
    as_at = re.search(r"\bas at (" + NAMED_DATE.pattern + r")", description)
    if as_at:
        return description[:as_at.start(1)] + parsed.label + description[as_at.end(1):]
    sentence = f"Latest paper: {title}, dated {parsed.label}."
    kept = LATEST.sub("", description).rstrip()
    return f"{kept} {sentence}"


def rewrite_description(folder: Path) -> str | None:
    """Update datapackage.json's description in place if it is out of date; the new text, or None."""
    path = folder / "datapackage.json"
    text = read_file(path).decode("utf-8-sig")
    descriptor = json.loads(text)
    description = descriptor.get("description") if isinstance(descriptor, dict) else None
    if not isinstance(description, str):
        return None
    new = updated_description(description, folder)
    if new is None:
        return None
    old_json = json.dumps(description, ensure_ascii=False)
    at = re.search(r'"description"\s*:\s*', text)
    start = at.end() if at else -1
    if start < 0 or text[start:start + len(old_json)] != old_json:
        descriptor["description"] = new  # written with escapes we cannot match: rewrite the whole file
        body = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    else:
        body = text[:start] + json.dumps(new, ensure_ascii=False) + text[start + len(old_json):]
    write_atomically(path, body)
    return new


def update_description_command(package: str) -> int:
    folder = Path(package)
    if not (folder / "datapackage.json").is_file():
        print(f"{package}: there is no datapackage.json here. Give the folder of a data package, e.g. data/kent.")
        return 1
    new = rewrite_description(folder)
    if new is None:
        print(f"{folder.as_posix()}/datapackage.json: the description is up to date; nothing changed.")
    else:
        print(printable(f"{folder.as_posix()}/datapackage.json: the description now reads: {new}"))
    return 0
