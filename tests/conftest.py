"""Shared test helpers: `make_package` writes a tiny valid data package to a temporary folder.

    folder = make_package(tmp_path)                          # every table, a few rows each
    folder = make_package(tmp_path, progress=[{...}])        # replace a table's rows
    folder = make_package(tmp_path, scrutiny=None)           # leave a table out

The package is written where the repository keeps one, tmp_path/data/<slug>, and names the
version of the data standard it follows ("standard": "journeys/1.0"), as `new` writes it: the
standard gives each table its schema. `with_schemas(folder, out)` writes a copy with the schemas
written out, as the site's downloads are, for stock `frictionless validate`.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pytest

# Kept work is signed with a secret kept in the user's state folder: the tests' own, not the machine's.
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="journeys-state-")

from journeys.model.standard import standard_name, table_schemas

ROOT = Path(__file__).resolve().parent.parent
# Where the shipped site is published in tests: a project address, as GitHub Pages gives one.
SHIPPED_URL = "https://example.github.io/journeys/"

DOCUMENT = {"source": "doc-1", "source_section": "p. 1"}

DEFAULT_TABLES: dict[str, list[dict]] = {
    "documents": [
        {"document_id": "doc-1", "date": "2017-01-12", "body": "Scrutiny Board (2)",
         "title": "Children's services improvement: progress report", "url": "https://example.org/papers/1"},
        {"document_id": "doc-2", "date": "15/03/2014", "body": "Ofsted", "title": "Inspection report"},
    ],
    "themes": [
        {"theme_id": "1", "title": "Early help", "order": "1", **DOCUMENT},
        {"theme_id": "2", "title": "Leadership", "order": "2", **DOCUMENT},
    ],
    "objectives": [
        {"objective_id": "1.1", "theme_id": "1", "kind": "objective", "title": "Help families sooner", **DOCUMENT},
    ],
    "actions": [
        {"action_id": "1", "theme_id": "1", "objective_id": "1.1", "action": "Open an early help hub",
         "lead": "Head of early help", "due": "2017-03", "answers": "Ofsted PA 23", **DOCUMENT},
        {"action_id": "2", "theme_id": "2", "action": "Train every manager", "due": "ongoing", **DOCUMENT},
    ],
    "rag_scale": [
        {"scale": "plan", "rating": "Green", "meaning": "good progress", "rank": "1", **DOCUMENT},
        {"scale": "plan", "rating": "Amber", "meaning": "on track in a longer timescale", "rank": "2", **DOCUMENT},
        {"scale": "plan", "rating": "Red", "meaning": "further focused work needed", "rank": "3", **DOCUMENT},
        {"scale": "indicator", "rating": "Green", "meaning": "improvement", "rank": "1", **DOCUMENT},
    ],
    "progress": [
        {"action_id": "1", "report_date": "2016-10-13", "rating": "Amber", "evidence": "Hub staffed", **DOCUMENT},
        {"action_id": "1", "report_date": "2017-01-12", "rating": "Green", "next_steps": "Review in March",
         **DOCUMENT},
    ],
    "rag_tallies": [
        {"report_date": "2017-01-12", "subject": "Scorecard indicators", "rating": "Green", "count": "22",
         **DOCUMENT},
    ],
    "milestones": [
        {"milestone_id": "insp-2014", "kind": "inspection", "date": "2014-01", "published": "2014-03",
         "framework": "sif-2013", "title": "Ofsted inspection", "source": "doc-2"},
        {"milestone_id": "mv-2016-11", "kind": "monitoring visit", "date": "2016-11-08", "end_date": "2016-11-09",
         "framework": "sif-2013", "title": "Monitoring visit", **DOCUMENT},
    ],
    "judgements": [
        {"milestone_id": "insp-2014", "judgement": "Overall effectiveness", "grade": "Inadequate", "source": "doc-2"},
    ],
    "findings": [
        {"finding_id": "mv-s1", "milestone_id": "mv-2016-11", "kind": "strength", "text": "Managers know their teams",
         **DOCUMENT},
    ],
    "indicators": [
        {"indicator_id": "re-referrals", "title": "Re-referrals within 12 months", "theme_id": "1",
         "unit": "percentage", "polarity": "lower is better", "frequency": "monthly",
         "definition": "Referrals within 12 months of a previous referral", "decimals": "1",
         "counts_children": "yes", "lait_code": "271", **DOCUMENT},
        {"indicator_id": "contacts", "title": "Contacts received", "unit": "count", "polarity": "none",
         "frequency": "monthly", "definition": "Contacts received by the front door", "decimals": "0",
         "counts_children": "yes", **DOCUMENT},
    ],
    "observations": [
        {"indicator_id": "re-referrals", "period": "2016-10", "value": "24.1", "numerator": "41",
         "denominator": "170", **DOCUMENT},
        {"indicator_id": "re-referrals", "period": "2016-11", "value": "22.5", **DOCUMENT},
        {"indicator_id": "contacts", "period": "2016-11", "value": "1722", "note": "", **DOCUMENT},
    ],
    "targets": [
        {"indicator_id": "re-referrals", "period": "2016/17", "target": "22", "tolerance": "2", **DOCUMENT},
    ],
    "comparators": [
        {"indicator_id": "re-referrals", "period": "2015/16", "comparator": "England", "statistic": "value",
         "value": "22.3", **DOCUMENT},
    ],
    "scrutiny": [
        {"recommendation_id": "sb2-1", "meeting_date": "2016-07-21", "item": "Children's services improvement",
         "kind": "recommendation", "recommendation": "Report progress in January", "status": "complete",
         **DOCUMENT},
    ],
}


def make_package(tmp_path: Path, slug: str = "demo", **tables: list[dict] | None) -> Path:
    """Write a tiny valid package at tmp_path/data/<slug>; each keyword replaces or (None) omits a table."""
    unknown = set(tables) - set(table_schemas())
    if unknown:
        raise TypeError(f"make_package: no such table {sorted(unknown)}")
    folder = tmp_path / "data" / slug
    folder.mkdir(parents=True, exist_ok=True)
    chosen = {name: tables.get(name, rows) for name, rows in DEFAULT_TABLES.items()}
    chosen.update((name, rows) for name, rows in tables.items() if name not in chosen)  # optional tables, e.g. parts
    resources = []
    for name, rows in chosen.items():
        if rows is not None:
            write_csv(folder / f"{name}.csv", name, rows)
            resources.append({"name": name, "path": f"{name}.csv"})
    write_json(folder / "datapackage.json", descriptor(slug, resources))
    return folder


def descriptor(slug: str, resources: list[dict]) -> dict:
    return {
        "name": slug, "standard": standard_name(), "title": "Demo City Council", "description": "A tiny package for tests.",
        "gss_code": "E08000026", "dfe_code": "331",
        "licenses": [{"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0",
                      "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}],
        "contributors": [{"title": "Head of improvement", "email": "improvement@example.org", "role": "contact"}],
        "resources": resources,
    }


def write_csv(path: Path, name: str, rows: list[dict]) -> None:
    """Rows as a CSV with the schema's columns in order; keys the schema lacks become extra columns."""
    columns = [field["name"] for field in table_schemas()[name]["fields"]]
    for row in rows:
        columns += [key for key in row if key not in columns]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def edit_descriptor(folder: Path, **changes) -> dict:
    """Change properties of a package's datapackage.json (None removes one); returns the result."""
    data = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    write_json(folder / "datapackage.json", data)
    return data


def with_schemas(folder: Path, out: Path) -> Path:
    """A copy of the package at `out` with each resource's schema written out from the standard it
    names, as the site's downloads carry them: what stock frictionless needs, knowing no standard."""
    shutil.copytree(folder, out)
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        resource["schema"] = table_schemas()[resource["name"]]
    write_json(out / "datapackage.json", descriptor)
    return out


def comparisons(authorities, summaries=None):
    """Every national measure two or more of these authorities report: what the build gathers from
    each authority's claimed series (journeys.domain.measures)."""
    from journeys.domain.measures import claimed_series, gather
    return gather(claim for authority in authorities
                  for claim in claimed_series(authority, (summaries or {}).get(authority.slug)))


def target_status(value, target, tolerance, polarity: str, decimals):
    """One figure's standing against its target: the domain's (figures.target_status)."""
    from journeys.domain.figures import target_status
    return target_status(value, target, tolerance, polarity, decimals)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The shipped data's site, built once for real, as published at a project address (SHIPPED_URL)."""
    from journeys.build.config import load_config
    from journeys.build.pipeline import build

    base = tmp_path_factory.mktemp("shipped")
    (base / "site.yml").write_text(f"data_dir: {ROOT / 'data'}\nsite_dir: site\ncache_dir: cache\n"
                                   f"site_url: {SHIPPED_URL}\n", encoding="utf-8")
    config, problems = load_config(base / "site.yml")
    assert not problems, problems
    assert build(config, now=datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)) == 0
    return config.site_dir
