"""site.yml: every setting described once (journeys.config.SETTINGS); every mistake a problem with
the file, the key, the value and what to write; a site folder the build may replace; a logo that
runs nothing (issues 12.2, 12.3, 12.4, 12.10 and 13.5)."""

from __future__ import annotations

import os
import struct
import zlib
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import make_package
from journeys.build import pipeline
from journeys.cli import main
from journeys.build.config import CACHE_ENVIRONMENT, SETTINGS, SITE_MARKER, load_config

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'


def config_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "site.yml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list:
    config, problems = load_config(config_file(tmp_path, text))
    assert (config is None) == bool(problems)
    for found in problems:
        assert found.slug == "site-config" and found.file.endswith("site.yml") and found.hint
    return problems


# --- Types: each a problem naming the key and the value --------------------------------------------

@pytest.mark.parametrize("text, key, value", [
    ("data_dir: 7\n", "data_dir", "7"),
    ("data_dir: null\n", "data_dir", None),
    ("data_dir: 5\n", "data_dir", "5"),
    ("site_dir: [a]\n", "site_dir", "['a']"),
    ("branding: 5\n", "branding", "5"),
    ("branding: red\n", "branding", "red"),
    ("cache_dir: 5\n", "cache_dir", "5"),
    ("cache_dir: [x]\n", "cache_dir", "['x']"),
    ("name: [x]\n", "name", "['x']"),
    ("name: ''\n", "name", ""),
    ("mode: regional\n", "mode", "regional"),
    ("authorities: 5\n", "authorities", "5"),
    ("authorities: [Kent]\n", "authorities", "['Kent']"),
    ("jobs: -1\n", "jobs", "-1"),
    ("jobs: true\n", "jobs", "True"),
    ("jobs: many\n", "jobs", "many"),
    ("size_limit_mb: 0\n", "size_limit_mb", "0"),
    ("size_limit_mb: lots\n", "size_limit_mb", "lots"),
    ("site_url: javascript:alert(1)\n", "site_url", "javascript:alert(1)"),
    ("site_url: file:///etc/passwd\n", "site_url", "file:///etc/passwd"),
    ("site_url: example.org\n", "site_url", "example.org"),
    ("site_url: 'https://example.org/\"><script>alert(1)</script>'\n", "site_url",
     'https://example.org/"><script>alert(1)</script>'),
    ("site_url: 'https://example.org/ x'\n", "site_url", "https://example.org/ x"),
    ("site_url: 5\n", "site_url", "5"),
    ("site_url: 'http://[::1'\n", "site_url", "http://[::1"),
    ("site_url: 'https://user@example.org/'\n", "site_url", "https://user@example.org/"),
    ("branding:\n  primary_colour: '#FFDD00'\n", "branding.primary_colour", "#FFDD00"),
    ("branding:\n  accent_colour: 7\n", "branding.accent_colour", "7"),
    ("branding:\n  logo: [x]\n", "branding.logo", "['x']"),
    ("branding:\n  font: serif\n", "branding.font", None),
    ("colour: blue\n", "colour", None),
])
def test_a_wrong_setting_is_a_problem_with_key_and_value(tmp_path, text, key, value):
    problems = problems_of(tmp_path, text)
    assert [(p.column, p.value) for p in problems] == [(key, value)]


def test_every_setting_has_a_default_that_reads_and_a_hint(tmp_path):
    make_package(tmp_path)
    config, problems = load_config(config_file(tmp_path, ""))
    assert problems == []
    assert (config.jobs, config.size_limit_mb, config.site_url) == (None, 1000.0, "")
    assert all(setting.hint.startswith(("Write", "Give")) for setting in SETTINGS)


def test_the_new_settings_are_read(tmp_path):
    config, problems = load_config(config_file(tmp_path, "jobs: 0\nsize_limit_mb: 900\n"
                                                         "site_url: https://example.github.io/journeys/\n"))
    assert problems == []
    assert (config.jobs, config.size_limit_mb, config.site_url) == (0, 900.0, "https://example.github.io/journeys/")


def test_a_file_that_is_not_utf8_is_a_problem(tmp_path, capsys):
    path = tmp_path / "site.yml"
    path.write_bytes("name: Caf\u00e9\n".encode("cp1252"))
    assert main(["build", "--config", str(path)]) == 1
    assert "is not saved as UTF-8" in capsys.readouterr().out


def test_a_cache_environment_variable_naming_a_file_is_a_problem(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENVIRONMENT, str(tmp_path / "a-file"))
    problems = problems_of(tmp_path, "")
    assert [p.column for p in problems] == [f"{CACHE_ENVIRONMENT} (environment variable)"]
    monkeypatch.setenv(CACHE_ENVIRONMENT, str(tmp_path / "a-file" / "below"))
    assert len(problems_of(tmp_path, "")) == 1


def test_the_validate_command_refuses_a_cache_variable_naming_a_file(tmp_path, monkeypatch, capsys):
    folder = make_package(tmp_path)
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENVIRONMENT, str(tmp_path / "a-file"))
    assert main(["validate", str(folder)]) == 1
    assert CACHE_ENVIRONMENT in capsys.readouterr().out


# --- The site folder: only one the build made -------------------------------------------------------

def keep(path: Path, text: str = "precious") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("site_dir", ["../victim", "data", ".", "KEEP.txt", "..", "/", "data/demo/x", ".cache"])
def test_a_site_folder_the_build_did_not_make_is_refused_and_nothing_is_deleted(tmp_path, site_dir, capsys):
    project = tmp_path / "project"
    make_package(project)
    files = [keep(tmp_path / "victim" / "notes.txt"), keep(project / "KEEP.txt"),
             keep(project / ".cache" / "charts" / "x.svg")]
    path = config_file(project, f"site_dir: '{site_dir}'\ncache_dir: .cache\n")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert main(["build", "--config", str(path)]) == 1
    out = capsys.readouterr().out
    assert 'column "site_dir"' in out and "Traceback" not in out
    assert all(file.read_text(encoding="utf-8") == "precious" for file in files)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_the_command_line_site_folder_is_checked_too(tmp_path, capsys):
    make_package(tmp_path)
    keep(tmp_path / "elsewhere" / "notes.txt")
    assert main(["build", "--config", str(config_file(tmp_path, "")), "--site-dir", str(tmp_path / "elsewhere")]) == 1
    assert (tmp_path / "elsewhere" / "notes.txt").is_file()


def test_a_marked_site_or_a_previous_builds_site_is_replaced(tmp_path):
    make_package(tmp_path)
    keep(tmp_path / "site" / SITE_MARKER, "")
    assert load_config(config_file(tmp_path, ""))[1] == []
    for name in ("index.html", "sitemap.xml", "pagefind/pagefind.js", "assets/x.css"):  # before the marker
        keep(tmp_path / "old" / name)
    assert load_config(config_file(tmp_path, "site_dir: old\n"))[1] == []


def test_building_twice_in_a_row_works_and_marks_the_site(tmp_path, monkeypatch):
    make_package(tmp_path)
    from journeys.build import sections, workers
    monkeypatch.setattr(sections.engine, "build_section",
                        lambda section, look, work, out, templates=None: (out.mkdir(parents=True),
                                                                          keep(out / "index.html")) and [])
    monkeypatch.setattr(workers, "index_site", lambda out, documents: (list(documents), out.mkdir()) and [])
    for _ in range(2):
        config, problems = load_config(config_file(tmp_path, ""))
        assert problems == []
        assert pipeline.build(config, NOW) == 0
        assert (tmp_path / "site" / SITE_MARKER).is_file()


# --- site_url reaches the pages only as a checked address ------------------------------------------

def test_a_site_url_is_published_in_the_canonical_link(tmp_path):
    from journeys import engine
    look = engine.Look("x", "#12436D", "#801650", None, (), "1 November 2026", site_url="https://example.org/j/")
    config = engine.engine_config(engine.Section("demo", "Demo", []), look, tmp_path, tmp_path, tmp_path)
    assert config["site_url"] == "https://example.org/j/demo/"


# --- The logo -------------------------------------------------------------------------------------

def png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + \
        chunk(b"IEND", b"")


def logo_problems(tmp_path: Path, name: str, body: bytes | str) -> list[str]:
    path = tmp_path / name
    path.write_bytes(body if isinstance(body, bytes) else body.encode())
    return [p.message for p in problems_of(tmp_path, f"branding:\n  logo: {name}\n")]


@pytest.mark.parametrize("body, reason", [
    ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>', "<script>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "event handler"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>', "<foreignObject>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
     '<a xlink:href="javascript:alert(1)"><rect/></a></svg>', "outside the file"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><use href="https://evil.example/x.svg#a"/></svg>', "outside the file"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png;base64,AAAA"/></svg>', "outside the file"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(https://evil.example/#g)"/></svg>', "outside the file"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><style>@import "https://evil.example/x.css";</style></svg>',
     "style"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>',
     "animates"),
    ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
     "document type"),
    ('<?xml-stylesheet href="https://evil.example/x.css"?><svg xmlns="http://www.w3.org/2000/svg"/>',
     "processing instruction"),
    ("<html><script>alert(1)</script></html>", "not an SVG"),
    ("<svg", "well-formed"),
])
def test_an_svg_logo_that_could_run_or_fetch_anything_is_refused_with_the_reason(tmp_path, body, reason):
    found = logo_problems(tmp_path, "logo.svg", body)
    assert len(found) == 1 and reason.lower() in found[0].lower(), found


def test_a_plain_svg_or_png_logo_is_accepted(tmp_path):
    assert logo_problems(tmp_path, "logo.svg", SVG) == []
    assert logo_problems(tmp_path, "inner.svg", '<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient '
                         'id="g"/></defs><rect fill="url(#g)"/><use href="#g"/></svg>') == []
    assert logo_problems(tmp_path, "logo.png", png()) == []
    assert "not a PNG" in logo_problems(tmp_path, "fake.png", SVG)[0]
    assert "KB a logo may be" in logo_problems(tmp_path, "big.png", png() + b"\0" * 2_000_000)[0]


def test_a_logo_that_is_a_symbolic_link_is_refused(tmp_path):
    os.symlink("/etc/passwd", tmp_path / "passwd.svg")
    assert "symbolic link" in problems_of(tmp_path, "branding:\n  logo: passwd.svg\n")[0].message
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "logo.svg").write_text(SVG, encoding="utf-8")
    os.symlink(tmp_path / "real", tmp_path / "linked")
    assert "symbolic link" in problems_of(tmp_path, "branding:\n  logo: linked/logo.svg\n")[0].message
    assert "outside" in problems_of(tmp_path, "branding:\n  logo: ../../etc/x.svg\n")[0].message


def test_problems_of_the_build_itself_are_catalogued_and_annotate(tmp_path):
    """Issue 13.6: site-config, site-engine and search-index problems once raised KeyError as annotations."""
    from journeys.engine import run
    from journeys.model.problems import CATALOGUE
    from journeys.build.validation import annotation

    found = problems_of(tmp_path, "mode: regional\n") + run(tmp_path / "missing.yml", "demo")
    assert {p.slug for p in found} == {"site-config", "site-engine"} and "search-index" in CATALOGUE
    assert all(annotation(p).startswith("::error file=") for p in found)


@pytest.mark.parametrize("setting, says", [("data", "is the data"), ("data/demo", "lies inside the data"),
                                           (".", "holds the data"), ("site", "is the site")])
def test_the_cache_is_never_the_data_the_site_or_a_folder_holding_them(tmp_path, setting, says):
    make_package(tmp_path)
    _, problems = load_config(config_file(tmp_path, f"cache_dir: {setting}\n"))
    assert any(p.column == "cache_dir" and says in p.message for p in problems), [p.line() for p in problems]
    assert load_config(config_file(tmp_path, "cache_dir: .cache/journeys\n"))[1] == []
