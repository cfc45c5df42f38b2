"""`new`: a package of empty CSVs with the right headers, ready to fill in; `add-table`: one more table."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from journeys.cli import main
from journeys.scaffold import CONTACT_PLACEHOLDER
from journeys.invocation import ENVIRONMENT
from journeys.model.standard import table_schemas
from journeys.build.validation import validate_package

ROOT = Path(__file__).resolve().parent.parent


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


def test_the_package_names_the_standard_not_a_path_to_schemas(tmp_path):
    main(["new", "testshire", "--name", "T", "--gss", "E10000099", "--dfe", "999", "--data-dir", str(tmp_path)])
    descriptor = json.loads((tmp_path / "testshire" / "datapackage.json").read_text())
    assert list(descriptor)[:2] == ["name", "standard"] and descriptor["standard"] == "journeys/1.0"
    assert all(set(resource) == {"name", "path"} for resource in descriptor["resources"])


def test_the_new_package_is_valid_once_the_contact_email_is_written(tmp_path):
    main(["new", "testshire", "--name", "T", "--gss", "E10000099", "--dfe", "999", "--data-dir", str(tmp_path)])
    folder = tmp_path / "testshire"
    [found] = validate_package(folder)  # the placeholder says what to write, and is never published
    assert found.slug == "package-property" and CONTACT_PLACEHOLDER in found.message
    assert "the team the public can write to" in found.hint
    descriptor = json.loads((folder / "datapackage.json").read_text())
    descriptor["contributors"][0]["email"] = "improvement@testshire.gov.uk"
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2) + "\n")
    assert validate_package(folder) == []


def test_new_says_what_to_write_as_the_contact_email(tmp_path, capsys):
    main(["new", "testshire", "--name", "T", "--gss", "E10000099", "--dfe", "999", "--data-dir", str(tmp_path)])
    contact = json.loads((tmp_path / "testshire" / "datapackage.json").read_text())["contributors"][0]
    assert contact["email"] == CONTACT_PLACEHOLDER == "write-the-team-email-the-public-can-use@example.invalid"
    assert "replace the contact's email" in capsys.readouterr().out


# ---------------------------------------------------------------- add-table

def _kent_without_progress(tmp_path) -> Path:
    folder = tmp_path / "data" / "kent"
    shutil.copytree(ROOT / "data" / "kent", folder)
    return folder


def test_add_table_writes_the_header_and_lists_it_in_the_descriptor(tmp_path, capsys):
    folder = _kent_without_progress(tmp_path)
    before = json.loads((folder / "datapackage.json").read_text())
    assert main(["add-table", str(folder), "progress"]) == 0
    header = (folder / "progress.csv").read_text(encoding="utf-8")
    assert header == ",".join(f["name"] for f in table_schemas()["progress"]["fields"]) + "\n"
    after = json.loads((folder / "datapackage.json").read_text())
    assert after["resources"][:-1] == before["resources"]  # the rest untouched, in order
    assert after["resources"][-1] == {"name": "progress", "path": "progress.csv"}
    assert {k: v for k, v in after.items() if k != "resources"} == {k: v for k, v in before.items() if k != "resources"}
    assert validate_package(folder) == []
    assert "Added progress" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["journeys", ".venv/bin/python build_site.py"])
def test_add_table_lists_a_csv_already_there_without_losing_its_rows(tmp_path, monkeypatch, command):
    folder = _kent_without_progress(tmp_path)
    (folder / "progress.csv").write_text("action_id,report_date\n1,2013-06-12\n", encoding="utf-8")
    monkeypatch.setenv(ENVIRONMENT, command)  # the hint names the command as the person started it
    found = [p for p in validate_package(folder) if p.slug == "csv-not-listed"]
    assert found and f"Run: {command} add-table {folder.as_posix()} progress" in found[0].hint
    assert main(["add-table", str(folder), "progress"]) == 0
    assert (folder / "progress.csv").read_text(encoding="utf-8") == "action_id,report_date\n1,2013-06-12\n"
    assert not [p for p in validate_package(folder) if p.slug == "csv-not-listed"]


def test_add_table_twice_lists_the_table_once(tmp_path):
    folder = _kent_without_progress(tmp_path)
    assert main(["add-table", str(folder), "progress"]) == 0
    assert main(["add-table", str(folder), "progress"]) == 0
    names = [r["name"] for r in json.loads((folder / "datapackage.json").read_text())["resources"]]
    assert names.count("progress") == 1


def test_add_table_refuses_an_unknown_table_and_suggests_one(tmp_path, capsys):
    folder = _kent_without_progress(tmp_path)
    before = (folder / "datapackage.json").read_bytes()
    assert main(["add-table", str(folder), "progres"]) == 1
    assert 'Did you mean "progress"?' in capsys.readouterr().out
    assert (folder / "datapackage.json").read_bytes() == before and not (folder / "progres.csv").exists()


def test_add_table_never_touches_a_broken_descriptor(tmp_path, capsys):
    folder = _kent_without_progress(tmp_path)
    (folder / "datapackage.json").write_text('{"name": "kent", "resources": [', encoding="utf-8")
    assert main(["add-table", str(folder), "progress"]) == 1
    assert "not valid JSON" in capsys.readouterr().out
    assert (folder / "datapackage.json").read_text() == '{"name": "kent", "resources": ['
    assert not (folder / "progress.csv").exists()


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
