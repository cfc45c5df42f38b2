"""The synthetic national dataset generator (benchmarks/national.py), scaled down.

Issue 6 asks for, per authority: 5 themes, 50 actions with 8 progress reports each, 60 monthly
indicators, 20 milestones and 30 scrutiny recommendations, in the shipped format.
"""

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import with_schemas
from frictionless import Package, system

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in (ROOT / "schemas").glob("*.json")}
MONTHS = 12


def generate(out: Path) -> Path:
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "national.py"), "--authorities", "2",
                    "--months", str(MONTHS), "--out", str(out)], check=True, capture_output=True)
    return out


def rows(package: Path, table: str) -> list[dict]:
    with open(package / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("national") / "a")


def test_two_runs_are_byte_identical(national, tmp_path_factory):
    again = generate(national.parent / "b")
    first = {p.relative_to(national): p.read_bytes() for p in sorted(national.rglob("*")) if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in sorted(again.rglob("*")) if p.is_file()}
    assert len(first) == 2 * (len(SCHEMAS) + 1)
    assert first == second


def test_every_table_with_every_schema_column(national):
    descriptor = json.loads((national / "synthetic-001" / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["name"] for r in descriptor["resources"]} == set(SCHEMAS)
    assert "synthetic" in descriptor["title"].lower() and "not a real council" in descriptor["description"].lower()
    for table, schema in SCHEMAS.items():
        with open(national / "synthetic-001" / f"{table}.csv", encoding="utf-8", newline="") as handle:
            assert next(csv.reader(handle)) == [f["name"] for f in schema["fields"]], table


@pytest.mark.parametrize("table, count", [
    ("themes", 5), ("actions", 50), ("progress", 50 * 8), ("indicators", 60),
    ("observations", 60 * MONTHS), ("milestones", 20), ("scrutiny", 30),
    ("paper_recommendations", 30),
])
def test_row_counts_per_authority(national, table, count):
    assert len(rows(national / "synthetic-002", table)) == count


def test_the_data_keeps_the_standards_rules(national):
    package = national / "synthetic-001"
    documents = {r["document_id"] for r in rows(package, "documents")}
    indicators = {r["indicator_id"]: r for r in rows(package, "indicators")}
    observations = rows(package, "observations")
    for table in set(SCHEMAS) - {"documents"}:
        assert {r["source"] for r in rows(package, table)} <= documents, table
    children = [r for r in observations if indicators[r["indicator_id"]]["counts_children"] == "yes"]
    assert any(r["value"] == "c" for r in children) and any(r["value"] == "x" for r in observations)
    assert not [r for r in children if r["value"] in {"1", "2", "3", "4", "5"}]
    assert not [r for r in children if r["value"] == "c" and (r["numerator"] or r["denominator"])]
    percentages = [float(r["value"]) for r in observations
                   if indicators[r["indicator_id"]]["unit"] == "percentage" and r["value"] not in ("c", "x")]
    assert percentages and 0 <= min(percentages) and max(percentages) <= 100
    activity = {i for i, r in indicators.items() if r["polarity"] == "none"}
    assert activity and not activity & {r["indicator_id"] for r in rows(package, "targets")}
    assert {r["comparator"] for r in rows(package, "comparators")} >= {"England", "statistical neighbours"}


def test_stock_frictionless_finds_the_package_valid_given_the_standard_it_names(national, tmp_path):
    resolved = with_schemas(national / "synthetic-001", tmp_path / "synthetic-001")
    with system.use_context(trusted=True):
        report = Package(str(resolved / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])[:5]
