"""The standard by name, not by path: a package names the version of the data standard it follows,
and the validator maps each version it knows to the schemas it ships, without the network.

Upgrading is one version number: a package made by the previous release (journeys 0.1, whose
resources pointed at "../../schemas/<table>.json" and which named no standard) gets one problem
saying the line to add, and validates once it is added.
"""

from __future__ import annotations

import json
import socket

import pytest

from conftest import edit_descriptor, make_package
from journeys.build.validation import validate_package
from journeys.model.standard import CURRENT, SCHEMA_DIR, VERSIONS, known_standards, standard_version


def as_the_previous_release_made_it(folder):
    """The package as journeys 0.1 wrote it: schemas by relative path, no standard named."""
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor.pop("standard")
    for resource in descriptor["resources"]:
        resource["schema"] = f"../../schemas/{resource['name']}.json"
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")


def test_a_package_of_the_previous_release_gets_one_problem_saying_the_line_to_add(tmp_path):
    folder = make_package(tmp_path)
    as_the_previous_release_made_it(folder)
    [found] = validate_package(folder, "data/demo")
    assert found.slug == "standard-missing" and found.row == 2
    assert 'Add the line "standard": "journeys/1.0", under "name"' in found.hint
    text = (folder / "datapackage.json").read_text(encoding="utf-8")
    (folder / "datapackage.json").write_text(text.replace('"name": "demo",', '"name": "demo",\n  "standard": "journeys/1.0",'))
    assert validate_package(folder) == []  # its old "schema" paths may stay: they name the same tables


def test_an_unknown_version_is_one_problem_naming_the_versions_this_release_knows(tmp_path):
    folder = make_package(tmp_path, observations=[{"indicator_id": "nowhere", "period": "soon", "value": "x"}])
    edit_descriptor(folder, standard="journeys/2.0")
    [found] = validate_package(folder)  # the tables are not checked against a standard it does not know
    assert found.slug == "standard-unknown" and found.value == "journeys/2.0"
    assert "the versions it knows: journeys/1.0" in found.hint


@pytest.mark.parametrize("named", ["journeys/1.0", " journeys/1.0 "])
def test_known_names(named):
    assert standard_version(named) == "1.0"


@pytest.mark.parametrize("named", ["journeys/1", "journeys", "../../schemas", "frictionless/1.0", 1.0, None, ["journeys/1.0"]])
def test_anything_else_is_not_a_known_standard(named):
    assert standard_version(named) is None


def test_each_known_version_is_shipped_in_the_package():
    assert CURRENT in VERSIONS and known_standards() == ["journeys/1.0"]
    assert VERSIONS[CURRENT] == "journeys.schemas" and (SCHEMA_DIR / "documents.json").is_file()


def test_a_resource_needs_no_schema_and_one_naming_another_table_is_refused(tmp_path):
    folder = make_package(tmp_path)
    assert "schema" not in json.loads((folder / "datapackage.json").read_text())["resources"][0]
    descriptor = json.loads((folder / "datapackage.json").read_text())
    descriptor["resources"][0]["schema"] = "https://example.org/schemas/themes.json"
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2))
    assert [p.slug for p in validate_package(folder)] == ["schema-mismatch"]


def test_validating_needs_no_network(tmp_path, monkeypatch):
    folder = make_package(tmp_path)

    def refuse(*args, **kwargs):
        raise AssertionError("the validator reached for the network")
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert validate_package(folder) == []
