"""`journeys init`: a council's own repository, in process (tests/test_install.py runs it installed,
builds the site and lints the workflow)."""

from __future__ import annotations

import json

import pytest
import yaml

from journeys.build.config import load_config
from journeys.build.validation import validate_package
from journeys.cli import main
from journeys.release import VERSION
from journeys.starter import slug_from

COUNCIL = ["--name", "Slough Borough Council", "--gss", "E06000039", "--dfe", "871"]


@pytest.mark.parametrize("name, slug", [
    ("Slough Borough Council", "slough"), ("Kent County Council", "kent"), ("Coventry City Council", "coventry"),
    ("London Borough of Hackney", "hackney"), ("Royal Borough of Windsor and Maidenhead", "windsor-and-maidenhead"),
    ("City of York Council", "york"), ("Isle of Wight Council", "isle-of-wight"),
    ("Kingston upon Hull City Council", "kingston-upon-hull"), ("Wigan Metropolitan Borough Council", "wigan"),
    ("St. Helens Council", "st-helens"),
])
def test_the_package_is_named_after_the_place(name, slug):
    assert slug_from(name) == slug


def test_init_writes_a_site_that_loads_and_a_package_as_new_makes_it(tmp_path, capsys):
    assert main(["init", str(tmp_path / "site"), *COUNCIL]) == 0
    folder = tmp_path / "site"
    config, problems = load_config(folder / "site.yml")
    assert problems == []
    assert (config.mode, config.authorities, config.docs_dir) == ("single", ("slough",), folder / "docs")
    assert config.name == "Slough Borough Council: children's services improvement"
    [found] = validate_package(folder / "data" / "slough")  # only the contact's placeholder email
    assert found.slug == "package-property"
    descriptor = json.loads((folder / "data" / "slough" / "datapackage.json").read_text(encoding="utf-8"))
    assert (descriptor["name"], descriptor["standard"], descriptor["gss_code"]) == ("slough", "journeys/1.0",
                                                                                    "E06000039")
    out = capsys.readouterr().out
    assert "check the package with: journeys validate data/slough" in out


def test_the_workflow_installs_the_pin_and_runs_the_tool(tmp_path):
    assert main(["init", str(tmp_path / "site"), *COUNCIL, "--slug", "slough-council"]) == 0
    folder = tmp_path / "site"
    flow = yaml.safe_load((folder / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for job in flow["jobs"].values() for step in job["steps"]]
    assert "python -m pip install -r requirements.txt" in runs
    assert "journeys validate" in runs and "journeys build" in runs
    assert "@" not in "".join(runs)  # every template placeholder was filled in
    assert f"journeys=={VERSION}" in (folder / "requirements.txt").read_text(encoding="utf-8")
    assert (folder / "data" / "slough-council" / "datapackage.json").is_file()
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "journeys validate data/slough-council" in readme and "@" not in readme.replace("@example", "")


def test_an_empty_clone_may_be_started_in(tmp_path):
    (tmp_path / "site" / ".git").mkdir(parents=True)
    assert main(["init", str(tmp_path / "site"), *COUNCIL]) == 0
    assert (tmp_path / "site" / "site.yml").is_file()


@pytest.mark.parametrize("arguments, said", [
    (["--name", "Slough Borough Council", "--gss", "W06000039", "--dfe", "871"], "is not an English local authority"),
    (["--name", "Slough Borough Council", "--gss", "E06000039", "--dfe", "871", "--slug", "search"],
     "is a name the site uses for its own pages"),
])
def test_bad_arguments_write_nothing(tmp_path, capsys, arguments, said):
    assert main(["init", str(tmp_path / "site"), *arguments]) == 1
    assert said in capsys.readouterr().out
    assert not (tmp_path / "site").exists()


def test_a_file_in_the_way_is_refused(tmp_path, capsys):
    (tmp_path / "site").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path / "site"), *COUNCIL]) == 1
    assert "this one is a file" in capsys.readouterr().out
    assert (tmp_path / "site").read_text(encoding="utf-8") == "mine"
