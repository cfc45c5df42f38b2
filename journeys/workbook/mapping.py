"""The mapping an officer keeps beside the data (imports/<scorecard>.yml), as the import uses it.

It is read and checked against its schema by journeys.checks.mappings, the same reading
`build_site.py validate` gives every mapping in a package; here it becomes a Mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from journeys.checks.mappings import load_mapping
from journeys.model.problems import Problem


@dataclass
class Column:
    role: str
    period: str | None = None
    comparator: str | None = None
    statistic: str | None = None
    area: str = ""
    source_section: str | None = None


@dataclass
class Entry:
    label: str
    indicator_id: str | None
    section: str | None = None
    source_section: str | None = None


@dataclass
class Mapping:
    file: str
    layout: str
    header_rows: list[int]
    label_column: str
    document: dict
    indicators: list[Entry]
    sheet: str | None = None
    sections: bool = False
    source_section: str = ""
    columns: dict[str, Column] = field(default_factory=dict)
    ratings: dict = field(default_factory=dict)
    colours: dict[str, str] = field(default_factory=dict)
    symbols: dict[str, str] = field(default_factory=dict)

    def column(self, heading: str) -> Column | None:
        return self.columns.get(fold(heading))


def fold(text: str) -> str:
    """Headings and labels compared as an officer reads them: case and spacing aside."""
    return " ".join(str(text).split()).casefold()


def read_mapping(path: Path, display: str) -> tuple[Mapping | None, list[Problem]]:
    """The mapping in a file, or the problems that stop it being used."""
    data, problems = load_mapping(path, display)
    return (None, problems) if data is None else (to_mapping(data, display), [])


def to_mapping(data: dict, display: str) -> Mapping:
    columns = {fold(heading): Column(**spec) for heading, spec in (data.get("columns") or {}).items()}
    colours = {str(key).lstrip("#")[-6:].upper(): rating for key, rating in (data.get("colours") or {}).items()}
    entries = [Entry(item["label"], item["indicator_id"], item.get("section"), item.get("source_section"))
               for item in data["indicators"]]
    return Mapping(display, data["layout"], data["header_rows"], data["label_column"], data["document"], entries,
                   data.get("sheet"), bool(data.get("sections")), data.get("source_section", ""), columns,
                   data.get("ratings") or {}, colours, {str(k): v for k, v in (data.get("symbols") or {}).items()})
