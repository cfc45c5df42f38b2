"""Issue 12.10 to 12.12: inputs that once ended in a traceback, a misleading message or minutes of work."""

from __future__ import annotations

import difflib
import json

import pytest

from conftest import edit_descriptor, make_package
from journeys.model import reading
from journeys.cli import main
from journeys.model.problems import MAX_OF_A_KIND
from journeys.build.validation import validate_package

HEADER = "theme_id,title,description,order,source,source_section"


def check(folder):
    return validate_package(folder, "data/demo")


@pytest.mark.parametrize("title", [5, True, ["Kent"], {"en": "Kent"}])
def test_a_package_title_that_is_not_text_is_a_problem(tmp_path, title, capsys):
    folder = make_package(tmp_path)
    edit_descriptor(folder, title=title)
    assert [(p.slug, p.column) for p in check(folder)] == [("package-property", "title")]
    (tmp_path / "site.yml").write_text("data_dir: data\n", encoding="utf-8")
    assert main(["build", "--config", str(tmp_path / "site.yml")]) == 1
    assert '"title" must be text in quotes' in capsys.readouterr().out


@pytest.mark.parametrize("depth", [500, 985, 5000])
def test_json_nested_very_deep_is_a_problem_before_the_build_starts(tmp_path, depth, capsys):
    for slug in ("north", "south"):  # two authorities: the build would start a pool and pickle them
        folder = make_package(tmp_path, slug)
    (folder / "datapackage.json").write_text(
        json.dumps({**json.loads((folder / "datapackage.json").read_text()), "keywords": "@"})
        .replace('"@"', "[" * depth + "]" * depth), encoding="utf-8")
    (tmp_path / "site.yml").write_text("data_dir: data\n", encoding="utf-8")
    assert main(["build", "--config", str(tmp_path / "site.yml")]) == 1
    out = capsys.readouterr().out
    assert "data/south/datapackage.json" in out and ("levels deep" in out or "nested too deeply" in out)


def test_a_nul_in_a_path_is_not_called_a_symbolic_link(tmp_path):
    folder = make_package(tmp_path)
    descriptor = json.loads((folder / "datapackage.json").read_text())
    descriptor["resources"][1]["path"] = "themes\u0000.csv"
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    [found] = [p for p in check(folder) if p.value and "themes" in p.value]
    assert found.slug == "resource-invalid" and "control character" in found.message
    assert "symbolic" not in found.message and found.value == "themes\\x00.csv"


def test_a_cell_over_the_size_limit_says_so(tmp_path):
    folder = make_package(tmp_path)
    (folder / "themes.csv").write_text(f"{HEADER}\n1,Early help,{'x' * 10_000_000},1,doc-1,\n", encoding="utf-8")
    assert [p.slug for p in check(folder) if p.file.endswith("themes.csv")] == ["cell-too-large"]


def test_a_quote_that_never_closes_is_still_called_one(tmp_path):
    folder = make_package(tmp_path)
    (folder / "themes.csv").write_text(f'{HEADER}\n1,"Early help{"x" * 2_000_000},1,doc-1,\n', encoding="utf-8")
    [found] = [p for p in check(folder) if p.file.endswith("themes.csv")]
    assert found.slug == "csv-malformed" and "quote mark" in found.message


def test_a_header_of_100000_columns_is_capped_in_work_and_output(tmp_path, monkeypatch):
    folder = make_package(tmp_path)
    (folder / "themes.csv").write_text(HEADER + "".join(f",extra{i}" for i in range(100_000)) + "\n"
                                       + "1,Early help,,1,doc-1," + "," * 100_000 + "\n", encoding="utf-8")
    guesses, positions = [], []
    close, position = difflib.get_close_matches, reading.TextTable.position
    monkeypatch.setattr(difflib, "get_close_matches", lambda *a, **k: guesses.append(1) or close(*a, **k))
    monkeypatch.setattr(reading.TextTable, "position", lambda self, *a: positions.append(1) or position(self, *a))
    found = [p for p in check(folder) if p.file.endswith("themes.csv")]
    assert [p.slug for p in found] == ["column-unknown"] * MAX_OF_A_KIND + ["more-problems"]
    assert found[-1].message.startswith(f"{100_000 - MAX_OF_A_KIND} more problems of the kind above (column-unknown)")
    assert len(guesses) < 2 * MAX_OF_A_KIND and len(positions) < 2 * MAX_OF_A_KIND  # none per column beyond


def test_the_readmes_security_section_names_test_files_that_exist():
    from pathlib import Path
    import re
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Security", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`(tests/[\w/]+\.py)`", section))
    assert len(named) >= 10 and all((root / name).is_file() for name in named), named
