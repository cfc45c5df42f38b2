"""A site's own hand-written pages (site.yml's docs_dir) over the tool's, and the Python API.

A council completes the accessibility statement's template in its own repository: docs_dir
names the folder, and each page there replaces the tool's. The pages are read once, by the
build, and are part of the home pages' key, so an edit shows in the next build.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

import journeys
from conftest import make_package
from journeys.build.config import load_config
from journeys.build.kept import Kept
from journeys.build.sections import hand_written_pages, root_job, site_settings
from journeys.build.stages import SITE_PAGES
from journeys.outputs.drawing import Drawing
from journeys.outputs.page import Entry, SiteContext
from journeys.outputs.pages import site_pages

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
OWN = "# Accessibility statement\n\nThis website is run by Slough Borough Council.\n"


def config_with_docs(tmp_path: Path, setting: str = "docs_dir: docs\n"):
    make_package(tmp_path)
    (tmp_path / "site.yml").write_text(setting, encoding="utf-8")
    config, problems = load_config(tmp_path / "site.yml")
    assert problems == []
    return config


def test_the_site_s_own_page_replaces_the_tool_s_and_the_others_stay(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "accessibility.md").write_text(OWN, encoding="utf-8")
    written, problems = hand_written_pages(config_with_docs(tmp_path))
    assert problems == [] and written["accessibility.md"] == OWN
    assert written["how-to-read.md"].startswith("# How to read")  # the tool's own
    context = SiteContext(site_name="Slough", mode="single", built_at=NOW, authorities=(Entry("demo", "Demo"),))
    pages = {page.path: page.body for page in site_pages([], context, Drawing(), written)}
    assert "This website is run by Slough Borough Council." in pages["accessibility.md"]
    assert "[name of council]" not in pages["accessibility.md"]


def test_without_docs_dir_the_tool_s_pages_are_used(tmp_path):
    written, problems = hand_written_pages(config_with_docs(tmp_path, ""))
    assert problems == [] and "[name of council]" in written["accessibility.md"]


@pytest.mark.parametrize("make, says", [
    (lambda docs: None, "is not a folder"),
    (lambda docs: (docs.mkdir(), (docs / "accessibility.md").write_bytes("café".encode("cp1252"))),
     "holds accessibility.md, which is not saved as UTF-8"),
    (lambda docs: (docs.mkdir(), (docs / "accessibility.md").symlink_to("/etc/hostname")),
     "holds accessibility.md as a symbolic link"),
])
def test_a_folder_the_build_cannot_use_is_a_problem_naming_docs_dir(tmp_path, make, says):
    config = config_with_docs(tmp_path)
    make(tmp_path / "docs")
    _, problems = hand_written_pages(config)
    assert [(p.slug, p.column) for p in problems] == [("site-config", "docs_dir")] and says in problems[0].message


def test_an_edit_to_an_own_page_changes_the_home_pages_key_and_nothing_else(tmp_path):
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "accessibility.md"
    page.write_text(OWN, encoding="utf-8")
    config, kept = config_with_docs(tmp_path), Kept(None)

    def root_key() -> str:
        site = site_settings(config, [], NOW, hand_written_pages(config)[0])
        job = root_job([], site, tmp_path / "work")
        return kept.key(SITE_PAGES, job.inputs)
    before = root_key()
    page.write_text(OWN + "\nWe aim to reply within 5 working days.\n", encoding="utf-8")
    assert root_key() != before


# --- The Python API ------------------------------------------------------------------------------

def test_import_journeys_imports_none_of_the_work():
    probe = "import sys, journeys; print(sorted(m for m in ('pandas', 'frictionless', 'mkdocs', 'journeys.build') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    assert done.stdout.strip() == "[]"


def test_validate_returns_problems_as_data(tmp_path):
    folder = make_package(tmp_path, observations=[{"indicator_id": "re-referrals", "period": "2016-10",
                                                   "value": "24,1", "source": "doc-1"}])
    [found] = journeys.validate([folder])
    assert (found.file.endswith("observations.csv"), found.row, found.column, found.slug) == (
        True, 2, "value", "not-a-figure")
    assert found.message and found.hint
    assert journeys.validate([make_package(tmp_path, "other")]) == []


def test_load_config_raises_with_every_problem(tmp_path):
    (tmp_path / "site.yml").write_text("mode: regional\njobs: many\n", encoding="utf-8")
    with pytest.raises(journeys.ProblemsFound) as raised:
        journeys.load_config(tmp_path / "site.yml")
    assert [p.column for p in raised.value.problems] == ["mode", "jobs"]
    assert "site.yml" in str(raised.value)


def test_build_is_the_build_package_called(tmp_path):
    from journeys.build import pipeline
    assert journeys.build.pipeline is pipeline and callable(journeys.build)
    (tmp_path / "site.yml").write_text("mode: regional\n", encoding="utf-8")
    assert [p.column for p in journeys.build(tmp_path / "site.yml")] == ["mode"]  # the configuration's, as data


def test_build_returns_the_problems_that_stopped_it(tmp_path):
    make_package(tmp_path, observations=[{"indicator_id": "re-referrals", "period": "soon", "value": "1",
                                          "source": "doc-1"}])
    (tmp_path / "site.yml").write_text("jobs: 0\ncache_dir: ''\n", encoding="utf-8")
    problems = journeys.build(tmp_path / "site.yml", now=NOW)
    assert [p.slug for p in problems] == ["not-a-period"] and not (tmp_path / "site").exists()
