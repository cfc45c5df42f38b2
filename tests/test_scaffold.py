"""`build_site.py new`: a package of empty CSVs with the right headers, ready to fill in."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from journeys.cli import main
from journeys.schemas import SCHEMA_DIR, table_schemas
from journeys.validate import validate_package


def test_new_writes_every_table_with_its_header_and_a_descriptor(tmp_path, capsys):
    assert main(["new", "testshire", "--name", "Testshire County Council", "--gss", "E10000099", "--dfe", "999",
                 "--data-dir", str(tmp_path / "data")]) == 0
    folder = tmp_path / "data" / "testshire"
    for name, schema in table_schemas().items():
        raw = (folder / f"{name}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw  # plain UTF-8, LF, as git likes it
        assert list(csv.reader(raw.decode().splitlines())) == [[f["name"] for f in schema["fields"]]]
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert (descriptor["name"], descriptor["title"], descriptor["gss_code"], descriptor["dfe_code"]) == (
        "testshire", "Testshire County Council", "E10000099", "999")
    assert descriptor["licenses"][0]["name"] == "OGL-UK-3.0"
    assert [c["role"] for c in descriptor["contributors"]] == ["contact"]
    assert descriptor["resources"][0]["name"] == "documents"  # first: every other table cites it
    assert sorted(r["name"] for r in descriptor["resources"]) == sorted(table_schemas())
    assert "fill in documents.csv first" in capsys.readouterr().out


def test_schema_references_resolve_from_the_package_folder(tmp_path):
    main(["new", "testshire", "--name", "T", "--gss", "E10000099", "--dfe", "999", "--data-dir", str(tmp_path)])
    folder = tmp_path / "testshire"
    for resource in json.loads((folder / "datapackage.json").read_text())["resources"]:
        assert (folder / resource["schema"]).resolve() == SCHEMA_DIR / f"{resource['name']}.json"


def test_the_new_package_is_valid(tmp_path):
    main(["new", "testshire", "--name", "T", "--gss", "E10000099", "--dfe", "999", "--data-dir", str(tmp_path)])
    assert validate_package(tmp_path / "testshire") == []


def test_bad_arguments_are_refused_all_at_once_and_nothing_is_written(tmp_path, capsys):
    assert main(["new", "Test Shire", "--name", " ", "--gss", "W06000001x", "--dfe", "99",
                 "--data-dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert '"Test Shire" is not a usable package name' in out and "e.g. test-shire" in out
    assert '"W06000001x" is not an English local authority GSS code' in out
    assert '"99" is not a DfE local authority code' in out
    assert "the authority needs a name" in out
    assert list(Path(tmp_path).iterdir()) == []


def test_an_existing_package_is_never_overwritten(tmp_path, capsys):
    arguments = ["new", "testshire", "--name", "T", "--gss", "E10000099", "--dfe", "999", "--data-dir", str(tmp_path)]
    assert main(arguments) == 0
    (tmp_path / "testshire" / "documents.csv").write_text("kept\n")
    assert main(arguments) == 1
    assert "already exists" in capsys.readouterr().out
    assert (tmp_path / "testshire" / "documents.csv").read_text() == "kept\n"
