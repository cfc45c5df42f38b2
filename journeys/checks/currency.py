"""Is the package's own account of itself current? (issue 15)

- The contact's email is not still the placeholder `new` writes.
- The description's "as at" date is not older than the latest paper: adding a report must
  prompt an update of the description, or the site would say "as at 5 November 2018" of
  data that now run to March 2019.
- An undated paper (a web page) says when it was read, in documents.csv's accessed column.
All are problems, so the site is not built until they are put right.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import numpy as np

from journeys.checks.common import Tables
from journeys.checks.descriptor import property_line
from journeys.model.periods import MONTHS, parse_dated
from journeys.model.problems import Problem, problem
from journeys.model.reading import read_file

PLACEHOLDER_DOMAIN = "@example.invalid"  # journeys.scaffold.CONTACT_PLACEHOLDER ends so
NAMED_DATE = re.compile(r"\b(?:(\d{1,2}) )?(" + "|".join(MONTHS) + r") (\d{4})\b")


def check_currency(folder: Path, display: str, tables: Tables) -> list[Problem]:
    path = folder / "datapackage.json"
    try:
        text = read_file(path).decode("utf-8-sig")
        descriptor = json.loads(text)
    except (OSError, ValueError):
        return []  # check_descriptor has reported it
    if not isinstance(descriptor, dict):
        return []
    file = f"{display}/datapackage.json"
    return (_placeholder_contact(descriptor, text, file) + _stale_description(descriptor, text, file, tables)
            + undated_without_accessed(tables))


def undated_without_accessed(tables: Tables) -> list[Problem]:
    """An undated paper is only traceable with the day it was read."""
    documents = tables.get("documents")
    if documents is None or "date" not in documents.cells or "accessed" not in documents.cells:
        return []
    dates, accessed = documents.cells["date"], documents.cells["accessed"]
    return [problem("required-missing", documents.file, int(documents.rows[i]), "accessed", "", table="documents",
                    what="the day you read the paper, e.g. 2019-11-20: its date is undated, so the day it was "
                         "read is what dates it.")
            for i in np.flatnonzero((dates == "undated") & (accessed == ""))]


def _placeholder_contact(descriptor: dict, text: str, file: str) -> list[Problem]:
    contributors = descriptor.get("contributors")
    for entry in contributors if isinstance(contributors, list) else []:
        if isinstance(entry, dict) and str(entry.get("email", "")).endswith(PLACEHOLDER_DOMAIN):
            return [problem("package-property", file, property_line(text, "contributors"),
                            what=f'the contact\'s "email" is still the placeholder "{entry["email"]}"',
                            fix="Write the address of the team the public can write to about this data, "
                                'e.g. "email": "improvement@kent.gov.uk" (a team address, not a person\'s).')]
    return []


def latest_named_date(description: str) -> tuple[str, date] | None:
    """The latest date the description names ('5 November 2018', 'June 2013'), with its last day."""
    found = []
    for day, month, year in NAMED_DATE.findall(description):
        number = MONTHS.index(month) + 1
        written = f"{year}-{number:02d}-{int(day):02d}" if day else f"{year}-{number:02d}"
        parsed = parse_dated(written)
        if parsed is not None:
            found.append((f"{day} {month} {year}".strip(), parsed.end))
    return max(found, key=lambda pair: pair[1]) if found else None


def _stale_description(descriptor: dict, text: str, file: str, tables: Tables) -> list[Problem]:
    description, documents = descriptor.get("description"), tables.get("documents")
    if not isinstance(description, str) or documents is None or "date" not in documents.cells:
        return []
    named = latest_named_date(description)
    papers = [(parsed, document_id) for value, document_id in zip(documents.cells["date"],
                                                                   documents.cells.get("document_id", np.array([])))
              if (parsed := parse_dated(value)) is not None and parsed.start is not None]
    if named is None or not papers:
        return []  # a description that names no date cannot be out of date
    parsed, document_id = max(papers, key=lambda pair: (pair[0].start, pair[0].end))
    if parsed.start <= named[1]:
        return []
    return [problem("package-property", file, property_line(text, "description"),
                    what=f'"description" says the data are as at {named[0]}, but the latest paper, '
                         f'{document_id}, is dated {parsed.label}',
                    fix=f"Update the description to say which papers the data now come from and that they are "
                        f"as at {parsed.label}, so the site does not understate how current they are.")]
