"""Issue 22.3 and 22.4: inputs the validator accepted and the build could not survive, the
tracebacks left, and data that could write to a CI log. Each case here crashed, hung, loaded a
megabyte into a chart or printed a traceback before."""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import DEFAULT_TABLES, edit_descriptor, make_package
from journeys.build import sections
from journeys.build.config import SITE_MARKER, load_config
from journeys.build.validation import validate_package
from journeys.cli import main


def first_changed(table: str, **changes) -> list[dict]:
    rows = [dict(row) for row in DEFAULT_TABLES[table]]
    rows[0].update(changes)
    return rows


def slugs(tmp_path, **tables) -> list[tuple[str, str, str | None]]:
    return [(p.slug, p.file.rsplit("/", 1)[-1], p.column)
            for p in validate_package(make_package(tmp_path, **tables), "data/demo")]


def build(tmp_path: Path, capsys, settings: str = "") -> tuple[int, str]:
    config = tmp_path / "site.yml"
    config.write_text("data_dir: data\nsite_dir: site\ncache_dir: .cache\njobs: 0\n" + settings, encoding="utf-8")
    status = main(["build", "--config", str(config)])
    out = capsys.readouterr()
    return status, out.out + out.err


def leftovers(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("site.") and p.name != "site.yml")


# --- Control characters --------------------------------------------------------------------------

@pytest.mark.parametrize("table, column, text", [
    ("rag_scale", "meaning", "good\x0bprogress"),      # Word's manual line break: the chart library panicked
    ("indicators", "title", "Re-referrals\x01"),      # U+0001
    ("milestones", "title", "Ofsted\x0binspection"),  # the feed writer raised ValueError
    ("rag_scale", "meaning", "good\u2028progress"),   # the chart library's RenderError
    ("rag_scale", "meaning", "good\u2029progress"),
])
def test_a_control_character_in_any_cell_is_a_problem(tmp_path, table, column, text):
    assert slugs(tmp_path, **{table: first_changed(table, **{column: text})}) == [
        ("control-character", f"{table}.csv", column)]


def test_a_build_with_control_characters_is_refused_whole_with_the_old_site_kept(tmp_path, capsys):
    make_package(tmp_path, rag_scale=first_changed("rag_scale", meaning="good\x0bprogress"),
                 milestones=first_changed("milestones", title="Ofsted\x0binspection"))
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("the old site", encoding="utf-8")
    (tmp_path / "site" / SITE_MARKER).write_text("", encoding="utf-8")
    status, out = build(tmp_path, capsys)
    assert status == 1 and out.count("U+000B, a vertical tab") == 2 and "Traceback" not in out
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "the old site"
    assert leftovers(tmp_path) == []


def test_control_characters_in_the_descriptor_and_site_yml_are_problems(tmp_path):
    folder = make_package(tmp_path)
    edit_descriptor(folder, title="Demo\x0bCouncil")
    assert [(p.slug, p.line().split(": ", 1)[0]) for p in validate_package(folder, "data/demo")] == [
        ("control-character", "data/demo/datapackage.json, line 4")]
    (tmp_path / "site.yml").write_text('name: "Site\\vname"\n', encoding="utf-8")
    [found] = load_config(tmp_path / "site.yml")[1]
    assert found.column == "name" and "U+000B" in found.message


# --- Dates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("table, column, text", [
    ("milestones", "date", "0001-01-01"),      # a placeholder: NotImplementedError in the timeline
    ("milestones", "date", "0217-04-01"),      # "217"
    ("milestones", "date", "2710"),
    ("documents", "date", "1900-01-01"),       # Excel's day nought
    ("observations", "period", "YTD 0217-04"),
    ("observations", "period", "0000-01"),     # year 0 was a ValueError
    ("documents", "publish_after", "01/04/2710 10:00"),
])
def test_an_implausible_year_is_a_problem(tmp_path, table, column, text):
    found = [(slug, column_) for slug, _, column_ in slugs(tmp_path, **{table: first_changed(table, **{column: text})})]
    assert ("year-implausible", column) in found


def test_a_placeholder_date_no_longer_crashes_the_build(tmp_path, capsys):
    make_package(tmp_path, milestones=first_changed("milestones", date="0001-01-01"))
    status, out = build(tmp_path, capsys)
    assert status == 1 and "has the year 1" in out and "Traceback" not in out


# --- Long text -----------------------------------------------------------------------------------

@pytest.mark.parametrize("table, column, length, limit", [
    ("rag_scale", "meaning", 100_000, 2_000),   # took 46 s to build
    ("indicators", "title", 500_000, 500),     # ran for ten minutes in the chart renderer
    ("progress", "evidence", 20_001, 20_000),
    ("indicators", "indicator_id", 101, 100),  # a name for a file and a web address
])
def test_text_longer_than_its_kind_of_cell_may_be_is_a_problem(tmp_path, table, column, length, limit):
    text = "a" * length
    changed = {"indicators": first_changed("indicators", **{column: text})} if table == "indicators" else \
        {table: first_changed(table, **{column: text})}
    problems = [p for p in validate_package(make_package(tmp_path, **changed), "data/demo") if p.slug == "text-too-long"]
    assert problems and problems[0].column == column and f"more than the {limit:,} that" in problems[0].message
    assert len(problems[0].line()) < 1000  # the value is shown by its start, not a megabyte of it


def test_text_at_its_limit_is_accepted(tmp_path):
    assert slugs(tmp_path, rag_scale=first_changed("rag_scale", meaning="x" * 2_000),
                 themes=first_changed("themes", title="t" * 500)) == []


# --- A cache that cannot be used makes a slower build, not a failed one ----------------------------

class BrokenDisk:
    """Every write (or, if `reads`, every read too) under `root` (of files whose names start `named`)
    refused with `number`, as a full, read-only or unreadable disk refuses it: the operating system's
    calls are wrapped, not the program's own, so this tests what the build does when the disk says no."""

    def __init__(self, monkeypatch, root: Path, number: int, reads: bool = False, named: str = ""):
        self.root, self.number, self.reads, self.named = os.path.abspath(root), number, reads, named
        real_open, real_os_open = io.open, os.open

        def opened(file, mode="r", *args, **kwargs):
            self.check(file, writing=any(flag in mode for flag in "wax+"))
            return real_open(file, mode, *args, **kwargs)

        def os_opened(path, flags, *args, **kwargs):
            self.check(path, writing=bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)))
            return real_os_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(io, "open", opened)
        monkeypatch.setattr(os, "open", os_opened)
        for name in ("mkdir", "unlink", "rmdir", "link"):
            monkeypatch.setattr(os, name, self.refusing(getattr(os, name), writing=True))
        for name in ("rename", "replace"):
            monkeypatch.setattr(os, name, self.refusing(getattr(os, name), writing=True, both=True))
        monkeypatch.setattr(os, "listdir", self.refusing(os.listdir, writing=False))

    def refusing(self, call, writing: bool, both: bool = False):
        def refused(*args, **kwargs):
            for path in args[:2 if both else 1]:
                self.check(path, writing)
            return call(*args, **kwargs)
        return refused

    def check(self, path, writing: bool) -> None:
        if isinstance(path, int) or not (writing or self.reads):
            return
        where = os.path.abspath(os.fsdecode(path))
        if (where == self.root or where.startswith(self.root + os.sep)) and os.path.basename(where).startswith(self.named):
            raise OSError(self.number, os.strerror(self.number), where)


@pytest.mark.parametrize("number, reads", [(errno.ENOSPC, False), (errno.EROFS, False), (errno.EACCES, True)],
                         ids=["full", "read-only", "unreadable"])
def test_a_cache_that_cannot_be_used_gives_a_slower_build_not_a_failed_one(tmp_path, capsys, monkeypatch, number, reads):
    make_package(tmp_path)
    assert build(tmp_path, capsys)[0] == 0  # a cache with entries in it, and a site
    make_package(tmp_path, themes=first_changed("themes", title="Early help, changed"))
    with monkeypatch.context() as patched:
        BrokenDisk(patched, tmp_path / ".cache", number, reads)
        status, out = build(tmp_path, capsys)
    assert status == 0, out
    assert "Traceback" not in out and out.count("Warning: the cache") <= 1
    assert "Early help, changed" in (tmp_path / "site" / "demo" / "index.html").read_text(encoding="utf-8")
    assert leftovers(tmp_path) == []


# --- A full site disk: a problem, with the old site kept -------------------------------------------

def test_a_full_site_disk_is_a_problem_and_the_old_site_stays(tmp_path, capsys, monkeypatch):
    make_package(tmp_path)
    assert build(tmp_path, capsys)[0] == 0
    before = (tmp_path / "site" / "demo" / "index.html").read_bytes()
    make_package(tmp_path, themes=first_changed("themes", title="Early help, changed"))
    with monkeypatch.context() as patched:
        BrokenDisk(patched, tmp_path / "site.build-" f"{os.getpid()}", errno.ENOSPC)
        status, out = build(tmp_path, capsys)
    assert status == 1 and "could not be written: the disk is full" in out and "Traceback" not in out
    assert (tmp_path / "site" / "demo" / "index.html").read_bytes() == before
    assert leftovers(tmp_path) == []


def test_a_copy_that_fails_file_by_file_is_one_short_problem(tmp_path, capsys, monkeypatch):
    """shutil.copytree reports every file it could not copy in one error: 60 KB of it, before."""
    make_package(tmp_path)
    assert build(tmp_path, capsys)[0] == 0
    failures = [(f"site/demo/page-{n}.html", f"site.build-1/demo/page-{n}.html",
                 f"[Errno 28] No space left on device: 'page-{n}.html'") for n in range(500)]

    def full(source, target):
        raise shutil.Error(failures)
    monkeypatch.setattr(sections, "_link_tree", full)
    (tmp_path / "site.yml").write_text("name: Renamed\n", encoding="utf-8")  # the same sections, a new home page
    status, out = build(tmp_path, capsys)
    assert status == 1 and "could not be written: the disk is full" in out and len(out) < 3000
    assert leftovers(tmp_path) == []


# --- new and add-table ---------------------------------------------------------------------------

NEW = ["new", "--name", "Kent County Council", "--gss", "E10000016", "--dfe", "886"]


def new(tmp_path: Path, slug: str, *extra: str) -> list:
    return [*NEW[:1], slug, *NEW[1:], "--data-dir", str(tmp_path / "data"), *extra]


@pytest.mark.parametrize("case", ["long slug", "over a file", "data dir a file"])
def test_new_in_an_impossible_place_is_a_problem(tmp_path, capsys, case):
    (tmp_path / "data").mkdir()
    slug = "k" * 300 if case == "long slug" else "kent"
    if case == "over a file":
        (tmp_path / "data" / "kent").write_text("not a folder", encoding="utf-8")
    arguments = new(tmp_path, slug)
    if case == "data dir a file":
        (tmp_path / "file").write_text("", encoding="utf-8")
        arguments[-1] = str(tmp_path / "file")
    assert main(arguments) == 1
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and ("package name" in out or "file" in out) and "Traceback" not in out


@pytest.mark.parametrize("number, says", [(errno.EROFS, "the disk is read-only"), (errno.ENOSPC, "the disk is full")])
def test_new_on_a_disk_that_refuses_writes_is_a_problem_and_leaves_nothing(tmp_path, capsys, monkeypatch, number, says):
    (tmp_path / "data").mkdir()
    BrokenDisk(monkeypatch, tmp_path / "data" / "kent" / "themes.csv", number)
    assert main(new(tmp_path, "kent")) == 1
    assert f"could not be written: {says}" in capsys.readouterr().out
    assert list((tmp_path / "data").iterdir()) == []


@pytest.mark.parametrize("clone", [False, True], ids=["new folder", "empty clone"])
def test_init_on_a_disk_that_refuses_writes_is_a_problem_and_leaves_what_was_there(tmp_path, capsys, monkeypatch, clone):
    site = tmp_path / "site"
    if clone:
        (site / ".git").mkdir(parents=True)
    BrokenDisk(monkeypatch, site / "data" / "kent" / "themes.csv", errno.ENOSPC)
    assert main(["init", str(site), *NEW[1:]]) == 1
    out = capsys.readouterr().out
    assert "could not be written: the disk is full" in out and "Traceback" not in out
    assert (sorted(entry.name for entry in site.iterdir()) == [".git"]) if clone else not site.exists()


@pytest.mark.parametrize("depth, says", [(100, "levels deep"), (5000, "not valid JSON")])
def test_add_table_on_a_deeply_nested_descriptor_is_a_problem(tmp_path, capsys, depth, says):
    folder = make_package(tmp_path, parts=None)
    text = (folder / "datapackage.json").read_text(encoding="utf-8")
    (folder / "datapackage.json").write_text(text.replace('"name": "demo",', f'"name": "demo", "k": {"[" * depth}{"]" * depth},', 1),
                                             encoding="utf-8")
    assert main(["add-table", str(folder), "parts"]) == 1
    assert says in capsys.readouterr().out


def test_add_table_on_a_full_disk_leaves_the_package_as_it_was(tmp_path, capsys, monkeypatch):
    folder = make_package(tmp_path, parts=None)
    before = (folder / "datapackage.json").read_bytes()
    BrokenDisk(monkeypatch, folder, errno.ENOSPC, named=".datapackage.json")  # the new descriptor, after the CSV
    assert main(["add-table", str(folder), "parts"]) == 1
    assert "the disk is full" in capsys.readouterr().out
    assert (folder / "datapackage.json").read_bytes() == before and not (folder / "parts.csv").exists()


# --- Smaller points ------------------------------------------------------------------------------

def test_a_licence_title_that_is_not_text_is_a_problem(tmp_path):
    folder = make_package(tmp_path)
    edit_descriptor(folder, licenses=[{"name": "OGL-UK-3.0", "title": {"x": 1},
                                       "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}])
    [found] = validate_package(folder, "data/demo")
    assert found.slug == "package-property" and found.value == '{"x": 1}' and "licence's \"title\"" in found.message


def test_nothing_printed_from_the_data_can_become_a_workflow_command(tmp_path, capsys, monkeypatch):
    """A cell holding a line break and '::warning …' became a runner command in the plain report."""
    injected = "Early\n::warning file=README.md,line=1::pwned\r\n##[error]pwned"
    make_package(tmp_path, themes=first_changed("themes", order=injected))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["validate", "data/demo"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if line.lstrip().startswith("::")] == [line for line in lines if line.startswith("::error ")]
    assert len([line for line in lines if line.startswith("::error ")]) == 1
    assert not any("##[" in line for line in lines)
    assert any("Early\\n: :warning" in line for line in lines)  # shown, escaped
