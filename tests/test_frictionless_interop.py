"""Stock `frictionless validate --trusted` agrees with our validator.

A package names the version of the data standard it follows, which stock frictionless does not
know; given the schemas that standard ships (written out, as the site's downloads carry them),
it passes on every package we call valid (the `make_package` default, the package `new` makes),
and on a fixture with type and constraint errors it fails on exactly the rows we report. We
are stricter beyond that (impossible dates, rules across tables), never laxer. Every shipped
package's published download passes it as it is.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import make_package, with_schemas
from journeys.build.validation import validate_package
from journeys.domain import summarise
from journeys.model import load_authority
from journeys.outputs import downloads
from journeys.scaffold import new_package

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "interop"


def frictionless(folder: Path) -> dict:
    """Stock frictionless, run as an officer would run it; its JSON report."""
    command = [sys.executable, "-m", "frictionless", "validate", "--trusted", "--json",
               str(folder / "datapackage.json")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    return json.loads(result.stdout)


def failing_rows(report: dict) -> set[tuple[str, int]]:
    return {(Path(task["place"]).name, error["rowNumber"])
            for task in report["tasks"] for error in task["errors"] if "rowNumber" in error}


def test_the_make_package_default_passes_stock_frictionless(tmp_path):
    folder = make_package(tmp_path)
    assert validate_package(folder) == []
    report = frictionless(with_schemas(folder, tmp_path / "resolved"))
    assert report["valid"], failing_rows(report)
    assert len(report["tasks"]) == 15


def test_the_package_new_makes_passes_stock_frictionless(tmp_path, capsys):
    assert new_package("testshire", "Testshire County Council", "E10000099", "999", tmp_path / "data") == 0
    folder = tmp_path / "data" / "testshire"
    # our validator asks for a real contact email in place of new's placeholder; the tables are clean
    assert [p.slug for p in validate_package(folder)] == ["package-property"]
    assert frictionless(with_schemas(folder, tmp_path / "resolved"))["valid"]


def test_every_shipped_package_s_published_download_passes_stock_frictionless_as_it_is(tmp_path):
    for folder in sorted(p for p in (ROOT / "data").iterdir() if p.is_dir()):
        assert validate_package(folder) == [], folder.name
        out = tmp_path / folder.name
        authority = load_authority(folder)
        for path, body in downloads.files(authority, summarise(authority).statuses).items():
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            (out / path).write_bytes(body)
        report = frictionless(out / "downloads")
        assert report["valid"], (folder.name, sorted(failing_rows(report)))
        assert json.loads((out / "downloads" / "datapackage.json").read_text())["standard"] == "journeys/1.0"


def test_both_fail_on_the_same_rows_of_a_fixture_with_type_and_constraint_errors(tmp_path):
    ours = {(Path(p.file).name, p.row) for p in validate_package(FIXTURE) if p.row is not None}
    theirs = failing_rows(frictionless(with_schemas(FIXTURE, tmp_path / "interop")))
    assert {name for name, _ in ours} == {path.name for path in FIXTURE.glob("*.csv")}  # an error in every file
    assert ours == theirs


def test_a_descriptor_with_only_our_properties_needs_no_standard_check_frictionless_agrees():
    """check_standard skips frictionless when a descriptor holds only the properties our own checks
    cover: what frictionless is then given, the standard's minimum package, it finds valid."""
    from frictionless import Package

    from journeys.checks.descriptor import STANDARD_MINIMUM, check_standard

    assert list(Package.metadata_validate(STANDARD_MINIMUM)) == []
    assert check_standard({"name": "demo", "title": "Demo"}, "{}", "datapackage.json") == []
    assert check_standard({"name": "demo", "keywords": "not a list"}, '{\n"keywords": "x"\n}', "datapackage.json")


def unzipped_downloads(site: Path, folder: Path) -> dict[str, Path]:
    """Each authority's published data package, unzipped into `folder`: a national site (as the shipped
    one is) publishes the tables as the zip alone; a single authority's site publishes them beside it."""
    import zipfile

    found = {}
    for zipped in sorted(site.glob("*/downloads/*-data-package.zip")):
        slug = zipped.parts[-3]
        zipfile.ZipFile(zipped).extractall(folder / slug)
        found[slug] = folder / slug / "datapackage.json"
    return found


def test_every_published_download_passes_stock_frictionless(shipped_site, tmp_path):
    """The downloads' data packages, as zipped (and as published beside the zip, where they are), each
    valid to stock frictionless alone."""
    packages = unzipped_downloads(shipped_site, tmp_path)
    assert list(packages) == ["coventry", "kent", "leicestershire", "worcestershire"]
    for slug, package in packages.items():
        assert frictionless(package.parent)["valid"], slug
        beside = shipped_site / slug / "downloads"
        if (beside / "datapackage.json").exists():
            report = frictionless(beside)
            assert report["valid"], (slug, failing_rows(report), report.get("errors"))


def test_stock_frictionless_reads_published_figures_as_numbers_and_knows_what_each_symbol_means(shipped_site, tmp_path):
    from decimal import Decimal

    from frictionless import Package

    # Coventry's figures are all numbers or symbols (Leicestershire's hold a bound: the test after this)
    packages = unzipped_downloads(shipped_site, tmp_path)
    observations = Package(str(packages["coventry"])).get_resource("observations")
    rows = observations.read_rows()
    values = [row["value"] for row in rows]
    assert all(value is None or isinstance(value, Decimal) for value in values) and any(values)
    published = [line.split(",") for line in observations.read_text().splitlines()[1:]]
    assert sum(value is None for value in values) == sum(cells[2] in ("c", "x", "z", "low", "u") for cells in published)
    field = observations.schema.get_field("value")
    assert field.type == "number"
    descriptor = json.loads(packages["kent"].read_text(encoding="utf-8"))
    [value] = [f for r in descriptor["resources"] if r["name"] == "observations" for f in r["schema"]["fields"]
               if f["name"] == "value"]
    assert {"value": "c", "label": "confidential (suppressed to protect children's identities)"} in value["missingValues"]
    columns = {("observations", "value"), ("observations", "numerator"), ("observations", "denominator"),
               ("targets", "target"), ("comparators", "value")}
    typed = {(slug, r["name"], f["name"]): f["type"] for slug, package in packages.items()
             for r in json.loads(package.read_text(encoding="utf-8"))["resources"] for f in r["schema"]["fields"]
             if (r["name"], f["name"]) in columns}
    stated = {("leicestershire", "observations", "value"), ("coventry", "targets", "target")}  # the test below
    assert {key[1:] for key in typed} == columns
    assert {key: kind for key, kind in typed.items() if kind != "number"} == {key: "string" for key in stated}


def test_figures_as_papers_state_them_are_published_as_written_not_as_numbers(shipped_site, tmp_path):
    """Leicestershire's "less than 100" and Coventry's caseload range 20-25 stay text, read back as written."""
    from frictionless import Package

    packages = unzipped_downloads(shipped_site, tmp_path)
    for slug, table, column, stated in [("leicestershire", "observations", "value", "<100"),
                                        ("coventry", "targets", "target", "20-25")]:
        resource = Package(str(packages[slug])).get_resource(table)
        field = resource.schema.get_field(column)
        assert field.type == "string" and "as its paper states it" in field.description
        assert stated in [row[column] for row in resource.read_rows()]


def test_no_table_is_published_empty(shipped_site, tmp_path):
    packages = unzipped_downloads(shipped_site, tmp_path)
    published = sorted(tmp_path.glob("*/*.csv"))
    assert published and all(len(path.read_text(encoding="utf-8").splitlines()) > 1 for path in published)
    assert not (tmp_path / "leicestershire/objectives.csv").exists()  # a header and no rows
    descriptor = json.loads(packages["leicestershire"].read_text(encoding="utf-8"))
    assert "objectives" not in [resource["name"] for resource in descriptor["resources"]]
