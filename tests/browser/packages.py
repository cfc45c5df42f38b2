"""The tiny packages the end-to-end site is built from: two authorities whose indicators share
words (for search), and one whose every free-text field carries markup that must never run."""

from __future__ import annotations

import copy
from pathlib import Path

from conftest import DEFAULT_TABLES, DOCUMENT, edit_descriptor, make_package
from journeys.model.standard import table_schemas

RHI = {"unit": "percentage", "polarity": "higher is better", "frequency": "monthly", "decimals": "1",
       "counts_children": "yes", **DOCUMENT}

NORTHAM = {
    "indicators": DEFAULT_TABLES["indicators"] + [
        {"indicator_id": "rhi", "title": "Return home interviews completed within 72 hours", "theme_id": "1",
         "definition": "Children offered a return home interview after a missing episode who had one within "
                       "72 hours", **RHI}],
    "observations": DEFAULT_TABLES["observations"] + [
        {"indicator_id": "rhi", "period": "2016-09", "value": "61.0", "numerator": "61", "denominator": "100",
         **DOCUMENT},
        {"indicator_id": "rhi", "period": "2016-10", "value": "c", "note": "Suppressed: fewer than six children",
         **DOCUMENT},
        {"indicator_id": "rhi", "period": "2016-11", "value": "70.0", **DOCUMENT},
        {"indicator_id": "rhi", "period": "2016-12", "value": "x", "note": "Not reported", **DOCUMENT},
    ],
    "targets": DEFAULT_TABLES["targets"] + [
        {"indicator_id": "rhi", "period": "2016/17", "target": "75", "tolerance": "5", **DOCUMENT}],
    "comparators": DEFAULT_TABLES["comparators"] + [
        {"indicator_id": "rhi", "period": "2016-09", "comparator": "statistical neighbours", "statistic": "mean",
         "value": "66.0", **DOCUMENT}],
    # What the paper asked the board to do: a table of its own on the scrutiny page (axe checks it).
    "paper_recommendations": [
        {"paper_recommendation_id": "asked-1", "item": "Improvement progress report", "to": "The Scrutiny Board",
         "ref": "2.1 (1)", "recommendation": "Consider the progress made to date.", "source": "doc-1",
         "source_section": "para 2.1"},
        {"paper_recommendation_id": "asked-2", "item": "Improvement progress report", "to": "The Scrutiny Board",
         "ref": "2.1 (2)", "recommendation": "Identify any further recommendations for the Cabinet Member",
         "source": "doc-1", "source_section": "para 2.1", "note": "The paper's own words."}],
}

SOUTHBY = {
    "progress": None, "scrutiny": None, "targets": None, "comparators": None,
    "indicators": [{"indicator_id": "rhi-offered", "title": "Return home interviews offered", "theme_id": "1",
                    "definition": "Children missing from home who were offered a return home interview", **RHI}],
    "observations": [
        {"indicator_id": "rhi-offered", "period": "2017/18 Q1", "value": "55.0", **DOCUMENT},
        {"indicator_id": "rhi-offered", "period": "2017/18 Q2", "value": "58.5", **DOCUMENT},
    ],
}

# Fields that must keep their vocabulary for the package to be valid: ratings and grades.
KEEP = {"rating", "grade", "subject"}


def payload(where: str) -> str:
    """Markup of every kind that must show as text and run nothing; `where` names the field."""
    return (f"{where}-PAYLOAD <script>window.__pwned='{where}';alert(1)</script>"
            f"<img src=x onerror=\"window.__pwned='{where}';alert(2)\"> [click me](javascript:alert(3)) "
            f"javascript:alert(4) *[CAF]: pwned {{: onclick=\"alert(5)\" }} --8<-- \"/etc/passwd\"\n"
            f"# not a heading <b>not bold</b> <a href=\"javascript:alert(6)\">link</a>")


def free_text_fields(table: str) -> list[str]:
    """String fields with no pattern or list, that are not keys: what an officer types freely."""
    schema = table_schemas()[table]
    keys = set(schema.get("primaryKey", []))
    for key in schema.get("foreignKeys", []):
        keys.update([key["fields"]] if isinstance(key["fields"], str) else key["fields"])
    return [f["name"] for f in schema["fields"]
            if f["type"] == "string" and f["name"] not in keys and f["name"] not in KEEP
            and not {"pattern", "enum"} & set(f.get("constraints", {}))]


def injection_tables() -> dict[str, list[dict]]:
    tables = copy.deepcopy(DEFAULT_TABLES)
    # Tables the default package leaves out (issue 15), so their free text is attacked too.
    tables["board_updates"] = [{"message_id": "b-1", "date": "2017-01", "board": "Board", "kind": "risk",
                                "message": "Risk", "source": "doc-1"}]
    tables["work_programme"] = [{"item_id": "w-1", "meeting_date": "2016-10-13", "list": "meeting", "title": "Item",
                                 "source": "doc-1"}]
    tables["paper_recommendations"] = [{"paper_recommendation_id": "p-1", "item": "Paper", "to": "Board", "ref": "2.1",
                                        "recommendation": "Note it", "source": "doc-1", "source_section": "para 2.1"}]
    tables["scrutiny"] = [*tables["scrutiny"], {**tables["scrutiny"][0], "recommendation_id": "sb2-2",
                                                "tracker": "Task and finish group"}]
    for name, rows in tables.items():
        for number, row in enumerate(rows):
            for field in free_text_fields(name):
                row[field] = payload(f"{name}.{field}.{number}")
    for row in tables["documents"]:
        row["url"] = "https://example.org/\"><script>alert(7)</script>"
    return tables


def write_packages(base: Path) -> Path:
    """The three packages under base/data; returns that folder."""
    edit_descriptor(make_package(base, "northam", **NORTHAM), title="Northam City Council", region="North East")
    edit_descriptor(make_package(base, "southby", **SOUTHBY), title="Southby County Council", region="South West")
    evil = make_package(base, "injection", **injection_tables())
    edit_descriptor(evil, title=payload("package.title"), description=payload("package.description"),
                    contributors=[{"title": payload("package.contact"), "email": "x@example.org", "role": "contact"}])
    return base / "data"
