"""The glossary of abbreviations (docs/abbreviations.csv): a page, and the list the site engine
uses to make every abbreviation on every page a tooltip."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from journeys.outputs.markup import Column, paragraph, table, text
from journeys.outputs.page import GLOSSARY, Page, SiteContext
from journeys.outputs.pages.common import make_page, opening

ABBREVIATIONS = Path(str(files("journeys.docs") / "abbreviations.csv"))


@dataclass(frozen=True)
class Abbreviation:
    abbreviation: str
    meaning: str
    explanation: str


def load(path: Path = ABBREVIATIONS) -> list[Abbreviation]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [Abbreviation(r["abbreviation"].strip(), r["meaning"].strip(), (r["explanation"] or "").strip())
                for r in csv.DictReader(handle)]
    return sorted(rows, key=lambda a: a.abbreviation.lower())


def page(abbreviations: list[Abbreviation], context: SiteContext) -> Page:
    title = text("Glossary")
    rows = [[a.abbreviation, a.meaning, a.explanation] for a in abbreviations]
    columns = [Column("Abbreviation", row_header=True), Column("Stands for"), Column("What it means")]
    parts = [opening(title, context, None),
             paragraph("Abbreviations the papers use. Wherever one appears on this site it is marked, and "
                       "pointing at it shows what it stands for; every one is listed here."),
             table("Abbreviations used in the papers", columns, rows, "glossary-table")]
    return make_page(GLOSSARY, title, "Glossary", parts)
