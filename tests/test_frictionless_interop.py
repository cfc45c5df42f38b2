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
