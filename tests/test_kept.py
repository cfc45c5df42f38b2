"""Work kept between builds (journeys.build.kept): a rebuild takes unchanged sections as they are and
builds what changed; every key comes from what its stage declares, and every stage reads only what
it declared; nothing stale or crafted is ever used; the cache holds one site."""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import make_package
from journeys.build import keys, pipeline, sections
from journeys.build import kept as kept_module
from journeys.build.config import load_config
from journeys.build.kept import FOLDERS, VALUES, Inputs, Kept, Stage
from journeys.build.stages import DRAWINGS, MODEL, SECTION, VALIDATION
from journeys.model.reading import read_file
from journeys.outputs import drawing

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)


def two_authority_site(tmp_path: Path, extra: str = ""):
    make_package(tmp_path, "demo")
    make_package(tmp_path, "other")
    (tmp_path / "site.yml").write_text("data_dir: data\nsite_dir: site\n" + extra, encoding="utf-8")
    config, problems = load_config(tmp_path / "site.yml")
    assert problems == []
    return config


def change_a_figure(tmp_path: Path, old: str = "22.5", new: str = "31.9") -> None:
    path = tmp_path / "data" / "demo" / "observations.csv"
    assert old in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def published_pages(site: Path) -> dict[str, str]:
    return {str(page.relative_to(site)): page.read_text(encoding="utf-8") for page in sorted(site.rglob("*.html"))}


def inodes(folder: Path) -> dict[str, int]:
    return {str(path.relative_to(folder)): path.stat().st_ino for path in folder.rglob("*") if path.is_file()}


# --- Rebuilds ---------------------------------------------------------------------------------------

def test_a_rebuild_takes_unchanged_sections_from_the_last_site_and_builds_a_changed_one(tmp_path, capsys):
    config = two_authority_site(tmp_path)
    assert pipeline.build(config, NOW) == 0
    assert "3 built, 0 from the last site, 0 from the cache" in capsys.readouterr().out
    assert pipeline.build(config, NOW) == 0
    assert "0 built, 2 from the last site, 1 from the cache" in capsys.readouterr().out  # the root is kept
    site = tmp_path / "site"
    other_before = inodes(site / "other")
    change_a_figure(tmp_path)
    assert pipeline.build(config, NOW) == 0
    # demo and the root (its home page lists demo's latest figures) are built; other is taken as it was
    assert "2 built, 1 from the last site, 0 from the cache" in capsys.readouterr().out
    assert inodes(site / "other") == other_before  # the very files: hard links, no copying
    page = (site / "demo/indicators/re-referrals/index.html").read_text(encoding="utf-8")
    assert "31.9" in page and "22.5" not in page and page.count("<svg") >= 1


def test_without_the_last_site_every_section_comes_from_the_cache(tmp_path, capsys):
    config = two_authority_site(tmp_path)
    assert pipeline.build(config, NOW) == 0
    first = published_pages(tmp_path / "site")
    shutil.rmtree(tmp_path / "site")  # as in CI, where only the cache is restored
    capsys.readouterr()
    assert pipeline.build(config, NOW) == 0
    assert "0 built, 0 from the last site, 3 from the cache" in capsys.readouterr().out
    assert published_pages(tmp_path / "site") == first


def test_a_rebuild_indexes_every_page_the_one_from_scratch_does(tmp_path, capsys):
    config = two_authority_site(tmp_path)
    assert pipeline.build(config, NOW) == 0
    change_a_figure(tmp_path)
    assert pipeline.build(config, NOW) == 0
    scratch = replace(config, site_dir=tmp_path / "scratch", cache_dir=None)
    assert pipeline.build(scratch, NOW) == 0

    def indexed(site: Path) -> dict:
        entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        return {language: details["page_count"] for language, details in entry["languages"].items()}

    assert indexed(tmp_path / "site") == indexed(scratch.site_dir) and indexed(scratch.site_dir)["en"] > 10


def test_what_a_rebuild_publishes_is_what_a_build_from_scratch_publishes(tmp_path, capsys):
    """After a change to a figure and one to a visit's date, every page, picture and feed is what a
    build with no cache publishes: the home page and feeds from kept summaries, the pictures from
    specs kept by their facts."""
    config = two_authority_site(tmp_path)
    assert pipeline.build(config, NOW) == 0
    data = tmp_path / "data" / "demo"
    for table, old, new in (("observations.csv", "22.5", "31.9"), ("milestones.csv", "2016-11-08", "2016-10-04")):
        path = data / table
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        assert pipeline.build(config, NOW) == 0
        scratch = replace(config, site_dir=tmp_path / f"scratch-{table}", cache_dir=None)
        assert pipeline.build(scratch, NOW) == 0
        assert published_pages(tmp_path / "site") == published_pages(scratch.site_dir)
        for feed in ("all", "demo", "other"):
            path = f"feeds/{feed}.xml"
            assert (tmp_path / "site" / path).read_bytes() == (scratch.site_dir / path).read_bytes()
    overview = (tmp_path / "site" / "demo" / "index.html").read_text(encoding="utf-8")
    assert "4 October 2016" in overview and "8 November 2016" not in overview


class CountingConverter:
    """vl-convert, counting what it is asked to draw."""

    def __init__(self):
        self.drawn: list[dict] = []

    def vega_to_svg(self, vega: dict) -> str:
        self.drawn.append(vega)
        return drawing.in_process().vega_to_svg(vega)

    def vegalite_to_vega(self, spec: dict) -> dict:
        return drawing.in_process().vegalite_to_vega(spec)


def test_a_change_redraws_only_the_charts_whose_figures_changed(tmp_path, capsys, monkeypatch):
    config = two_authority_site(tmp_path, "jobs: 0\n")
    assert pipeline.build(config, NOW) == 0
    counting = CountingConverter()
    monkeypatch.setattr(sections, "current_renderer", lambda: counting)
    change_a_figure(tmp_path)
    assert pipeline.build(config, NOW) == 0
    # demo's re-referrals chart, its sparkline on the overview, and the comparison chart of
    # re-referrals (national measure 271), which shows demo's figures too; nothing else
    assert len(counting.drawn) == 3 and all("31.9" in json.dumps(vega) for vega in counting.drawn)
    shutil.rmtree(tmp_path / "site")
    counting.drawn.clear()
    assert pipeline.build(config, NOW) == 0  # from the cache: nothing is drawn again
    assert counting.drawn == []


# --- Keys: derived from what each stage declares --------------------------------------------------

def test_a_key_changes_with_every_declared_input_and_nothing_else(tmp_path):
    kept = Kept(None)
    folder = make_package(tmp_path, "demo")
    before = kept.key(MODEL, Inputs(files=(folder,)))
    assert kept.key(MODEL, Inputs(files=(folder,))) == before
    assert kept.key(MODEL, Inputs(files=(folder,), settings={"a": 1})) != before
    assert kept.key(VALIDATION, Inputs(files=(folder,))) != before  # another stage, another key
    (folder / "notes.txt").write_text("a new file in the package", encoding="utf-8")
    assert kept.key(MODEL, Inputs(files=(folder,))) != before
    assert kept.key(MODEL, Inputs(settings={"b": 2, "a": 1})) == kept.key(MODEL, Inputs(settings={"a": 1, "b": 2}))


def test_a_stage_s_code_is_every_module_its_own_imports_reach_and_the_data_they_read():
    reached = keys._reached(SECTION.code)
    assert {"journeys.outputs.pages.overview", "journeys.engine", "journeys.domain.figures",
            "journeys.model.standard"} <= reached
    files = {path.as_posix() for path in keys._code_files(SECTION.code)}
    assert any(path.endswith("theme/assets/stylesheets/site.css") for path in files)  # read by the engine
    assert any(path.endswith("schemas/observations.json") for path in files)         # read by the standard
    drawing_code = keys._reached(DRAWINGS[drawing.DRAWN].code)
    assert "journeys.outputs.vega" in drawing_code
    assert "journeys.outputs.pages.overview" not in drawing_code  # a page's wording never redraws a chart
    # The Python API (journeys.api, journeys.build as a function) is imported by name: no stage reaches it
    assert not {"journeys.api", "journeys.build.pipeline"} & (reached | drawing_code)


def test_editing_a_module_a_stage_reaches_changes_its_key_and_no_other(tmp_path, monkeypatch):
    """The key follows the source, found as the stage's imports find it."""
    copy = tmp_path / "journeys"
    shutil.copytree(Path(keys.__file__).parents[1], copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(keys, "files", lambda package: copy.joinpath(*package.split(".")[1:]))
    cached = (keys._source, keys._analysed, keys._reached, keys.code_digest, keys._file_bytes_digest)
    for function in cached:
        function.cache_clear()
    try:
        drawn, section = DRAWINGS[drawing.DRAWN].code, SECTION.code
        before = keys.code_digest(drawn), keys.code_digest(section)
        page = copy / "outputs" / "pages" / "overview.py"
        page.write_text(page.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
        for function in (keys.code_digest, keys._file_bytes_digest):
            function.cache_clear()
        assert keys.code_digest(drawn) == before[0]      # the drawing code does not import it
        assert keys.code_digest(section) != before[1]    # the section's does
    finally:
        for function in cached:
            function.cache_clear()


def test_a_kept_code_digest_is_used_only_while_the_code_is_as_it_was(tmp_path, monkeypatch):
    """Kept.code keeps the digests between builds by a fingerprint of the installed files: an edit to
    any module gives a new fingerprint, and the key follows the edit as if nothing had been kept."""
    copy = tmp_path / "journeys"
    shutil.copytree(Path(keys.__file__).parents[1], copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(keys, "files", lambda package: copy.joinpath(*package.split(".")[1:]))
    cached = (keys._source, keys._analysed, keys._reached, keys.code_digest, keys._file_bytes_digest, keys.installed)
    cache, secret = tmp_path / "cache", b"s" * 32
    try:
        for function in cached:
            function.cache_clear()
        first = Kept(cache, secret).key(SECTION)
        assert Kept(cache, secret).key(SECTION) == first == Kept(None).key(SECTION)
        kept_digests = len(list((cache / VALUES).iterdir()))
        page = copy / "outputs" / "pages" / "overview.py"
        page.write_text(page.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
        for function in cached:
            function.cache_clear()
        edited = Kept(cache, secret).key(SECTION)
        assert edited != first and edited == Kept(None).key(SECTION)
        assert len(list((cache / VALUES).iterdir())) == kept_digests + 1
    finally:
        for function in cached:
            function.cache_clear()


def test_a_crafted_code_digest_in_the_cache_is_never_used(tmp_path):
    cache = tmp_path / "cache"
    honest = Kept(cache, b"s" * 32).key(SECTION)
    for entry in (cache / VALUES).iterdir():
        entry.write_bytes(entry.read_bytes().rsplit(b"\n", 1)[0] + b"\n" + b"0" * 64 + b" " + b"0" * 64)
    assert Kept(cache, b"s" * 32).key(SECTION) == honest


def test_an_import_mapping_is_checked_again_when_it_changes_and_its_problems_stay_with_the_package(tmp_path):
    """The build keeps a package's mappings' check apart from the rest of its validation: a change
    to a figure re-checks the package and reuses the mappings' check; an edit to a mapping is caught."""
    from journeys.build.validation import validate_packages
    from workbooks import TINY_MAPPING
    folder = make_package(tmp_path, "demo")
    (folder / "imports").mkdir()
    mapping = folder / "imports" / "kpis.yml"
    mapping.write_text(TINY_MAPPING.replace("layout: wide", "layout: sideways"), encoding="utf-8")
    kept = Kept(tmp_path / "cache", b"s" * 32)
    broken = [p.slug for p in validate_packages([folder], kept)]
    assert broken == ["mapping-invalid"]
    change_a_figure(tmp_path)
    assert [p.slug for p in validate_packages([folder], Kept(tmp_path / "cache", b"s" * 32))] == broken
    mapping.write_text(TINY_MAPPING, encoding="utf-8")
    assert validate_packages([folder], Kept(tmp_path / "cache", b"s" * 32)) == []


# --- Every read declared ----------------------------------------------------------------------------

def test_no_stage_of_a_whole_build_reads_a_file_it_did_not_declare(tmp_path, capsys, monkeypatch):
    """Every file of the data, the configuration and the logo is read through the reading layer, which
    tells the stage running; and, independently, Python's audit hook sees every file opened while a
    stage of kept work runs: none outside its declared inputs, the code, the libraries and the build's
    own folders."""
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" '
                    'height="10"/></svg>', encoding="utf-8")
    config = two_authority_site(tmp_path, "jobs: 0\nbranding:\n  logo: logo.svg\n")
    opened: list[tuple[str, Path]] = []
    running: list[tuple[str, list[Path]]] = []
    computing = Kept.computing

    def watched(self, stage, inputs, compute):
        running.append((stage.name, [Path(p).resolve() for p in inputs.files]))
        try:
            return computing(self, stage, inputs, compute)
        finally:
            running.pop()

    def hook(event, args):
        if event == "open" and running and isinstance(args[0], (str, Path)) and (args[1] in (None, "r", "rb")):
            opened.append((running[-1][0], Path(args[0]).resolve()))

    monkeypatch.setattr(Kept, "computing", watched)
    sys.addaudithook(hook)
    try:
        assert pipeline.build(config, NOW) == 0
        change_a_figure(tmp_path)
        assert pipeline.build(config, NOW) == 0
    finally:
        running.append(("finished", []))  # an audit hook cannot be removed: leave it watching nothing
    user_files = [tmp_path / "data", tmp_path / "site.yml", logo]
    undeclared = [(stage, path) for stage, path in opened
                  if any(path == root or root in path.parents for root in user_files)
                  and not any(path == declared or declared in path.parents
                              for name, files in [(stage, _declared(stage, tmp_path, logo))] for declared in files)]
    assert undeclared == []
    assert any(stage == "model" for stage, _ in opened)  # the hook did see the stages read


def _declared(stage: str, root: Path, logo: Path) -> list[Path]:
    """What each stage declares it reads (journeys.build: every stage of a package declares its folder)."""
    data = [root / "data"]
    return {"section": data + [logo], "site pages": [logo]}.get(stage, data)


def test_a_stage_that_reads_an_undeclared_file_is_caught_and_the_build_refuses(tmp_path, capsys, monkeypatch):
    config = two_authority_site(tmp_path, "jobs: 0\n")
    secret = tmp_path / "elsewhere.txt"
    secret.write_text("not an input", encoding="utf-8")
    real = sections._authority_section

    def reads_more(job, kept, drawing_):
        read_file(secret)  # a page that read a file its key does not cover would go stale unseen
        return real(job, kept, drawing_)

    monkeypatch.setattr(sections, "_authority_section", reads_more)
    assert pipeline.build(config, NOW) == 1
    out = capsys.readouterr().out
    assert "read this file without declaring it" in out and "elsewhere.txt" in out
    assert not (tmp_path / "site").exists()


# --- Nothing stale, damaged or crafted is used --------------------------------------------------------

def test_a_value_is_computed_once_then_read_back_and_a_changed_input_is_a_new_key(tmp_path):
    kept, calls = Kept(tmp_path / "cache", b"secret"), []
    stage = Stage("test", code=("journeys.build.kept",))

    def compute():
        calls.append(1)
        return {"answer": len(calls)}

    assert kept.value(stage, Inputs(settings=1), compute) == {"answer": 1}
    assert kept.value(stage, Inputs(settings=1), compute) == {"answer": 1} and len(calls) == 1
    assert kept.value(stage, Inputs(settings=2), compute) == {"answer": 2}
    assert Kept(None).value(stage, Inputs(settings=1), compute) == {"answer": 3}  # no cache: always computed


def test_a_crafted_value_is_never_unpickled(tmp_path):
    """A pickle that runs a command when loaded, written where a value of this key would be: without
    the secret its signature cannot be right, so it is a miss, and never loaded."""
    kept = Kept(tmp_path / "cache", b"the build's secret")
    stage = Stage("test", code=("journeys.build.kept",))
    key = kept.key(stage, Inputs(settings="x"))
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (Path.touch, (marker,))

    import pickle
    forged = Kept(tmp_path / "cache", b"a guess")
    forged._write_value(key, pickle.dumps(Payload()))
    assert kept.value(stage, Inputs(settings="x"), lambda: "computed") == "computed"
    assert not marker.exists()


def test_an_entry_signed_for_another_key_is_a_miss(tmp_path):
    kept = Kept(tmp_path / "cache", b"s")
    stage = Stage("test", code=("journeys.build.kept",))
    kept.value(stage, Inputs(settings="coventry"), lambda: "Coventry's pages")
    mine, theirs = kept.key(stage, Inputs(settings="worcestershire")), kept.key(stage, Inputs(settings="coventry"))
    shutil.copy(tmp_path / "cache" / VALUES / theirs, tmp_path / "cache" / VALUES / mine)
    assert kept.value(stage, Inputs(settings="worcestershire"), lambda: "Worcestershire's") == "Worcestershire's"


def test_a_kept_drawing_with_script_is_refused_even_when_signed(tmp_path):
    from journeys.outputs import vega
    kept = Kept(tmp_path / "cache", b"s")
    stage = DRAWINGS[drawing.DRAWN]
    spec = {"mark": "point"}
    kept.value(stage, Inputs(settings=spec), lambda: '<svg><script>alert(1)</script></svg>')
    with pytest.raises(drawing.RenderError):
        vega.svg(spec, drawing.Drawing(keep=lambda kind, made_from, compute: kept.value(
            DRAWINGS[kind], Inputs(settings=made_from), compute)))
    for svg in ('<svg onload="x()"/>', '<svg><a href="http://example.org"><text>x</text></a></svg>',
                '<svg><foreignObject/></svg>', '<svg><path fill="url(http://example.org/x)"/></svg>'):
        assert not vega.is_plain_drawing(svg), svg
    assert vega.is_plain_drawing('<svg width="1"><g><path d="M0,0" fill="url(#clip1)"/><text>a</text></g></svg>')


def folder_entries(config) -> list[Path]:
    return sorted((config.cache_dir / FOLDERS).iterdir())


def test_crafted_or_damaged_sections_are_never_published(tmp_path, capsys):
    """Each of these, done to every kept section, is a miss: the section is built again, and the site
    is what a build from scratch publishes. Extra files, a page made a link to another file, two
    sections' entries swapped, a manifest emptied, files truncated."""
    config = two_authority_site(tmp_path)
    assert pipeline.build(config, NOW) == 0
    first = published_pages(tmp_path / "site")
    outside = tmp_path / "passwords"
    outside.write_text("secret", encoding="utf-8")

    def extra_file(entry):
        (entry / "evil.html").write_text("<script>alert(1)</script>", encoding="utf-8")

    def linked(entry):
        page = next(path for path in sorted(entry.rglob("*")) if path.is_file() and path.name != ".manifest")
        page.unlink()
        page.symlink_to(outside)

    def emptied(entry):
        manifest = (entry / ".manifest").read_bytes()
        signature, _, payload = manifest.partition(b"\n")
        data = json.loads(payload)
        data["files"] = {}
        (entry / ".manifest").write_bytes(signature + b"\n" + json.dumps(data, sort_keys=True).encode())

    def truncated(entry):
        for page in sorted(entry.rglob("*.html"))[::3]:
            page.write_bytes(page.read_bytes()[:100])

    def swapped(entries):
        a, b = entries[0], entries[1]
        a.rename(a.with_name("swap"))
        b.rename(a)
        a.with_name("swap").rename(b)

    for damage in (extra_file, linked, emptied, truncated, swapped):
        shutil.rmtree(tmp_path / "site")  # as in CI: only the cache is restored
        entries = folder_entries(config)
        if damage is swapped:
            damage(entries)
        else:
            for entry in entries:
                damage(entry)
        capsys.readouterr()
        assert pipeline.build(config, NOW) == 0, damage.__name__
        assert "from the cache" in capsys.readouterr().out
        assert published_pages(tmp_path / "site") == first, damage.__name__
        assert not (tmp_path / "site" / "evil.html").exists() and not any((tmp_path / "site").rglob("evil.html"))
        assert not any(path.is_symlink() for path in (tmp_path / "site").rglob("*"))


def test_links_in_place_of_the_cache_s_own_folders_are_never_followed(tmp_path, capsys):
    """The trash and the kept values made links to the data: the build deletes the links, never the
    data they point to."""
    config = two_authority_site(tmp_path)
    assert pipeline.build(config, NOW) == 0
    keep = tmp_path / "precious"
    shutil.copytree(tmp_path / "data", keep)
    for folder in ("trash", VALUES):
        target = config.cache_dir / folder
        shutil.rmtree(target)
        target.symlink_to(keep, target_is_directory=True)
    assert pipeline.build(config, NOW) == 0
    assert sorted(p.name for p in keep.iterdir()) == ["demo", "other"]
    assert (keep / "demo" / "observations.csv").is_file()


def test_the_cache_holds_one_site_s_work(tmp_path, capsys):
    config = two_authority_site(tmp_path)
    assert pipeline.build(config, NOW) == 0
    before = set(p.name for p in folder_entries(config))
    change_a_figure(tmp_path)
    assert pipeline.build(config, NOW) == 0
    after = set(p.name for p in folder_entries(config))
    # demo's and the root's pages and search documents, and the search index: new; other's kept as they were
    assert len(after) == len(before) and len(after - before) == 5
    kept = Kept(config.cache_dir)
    values = set(p.name for p in (config.cache_dir / VALUES).iterdir())
    assert kept.key(MODEL, Inputs(files=(tmp_path / "data" / "demo",))) in values  # the changed package's model


def test_validation_is_kept_by_the_package_s_files_and_the_command_its_hints_name(tmp_path, monkeypatch):
    from journeys.build.validation import validate_packages
    from journeys.invocation import ENVIRONMENT, command
    folder = make_package(tmp_path, "demo")
    kept = Kept(tmp_path / "cache", b"s")
    assert validate_packages([folder], kept) == []
    assert kept.kept(VALIDATION, Inputs(files=(folder,), settings=[command()])) == []
    change_a_figure(tmp_path, new="N/A")
    assert [p.value for p in validate_packages([folder], kept)] == ["N/A"]  # new bytes, new key: checked again
    (folder / "board_updates.csv").write_text("message_id\n", encoding="utf-8")  # not listed: its hint names a command
    hints = [p.hint for p in validate_packages([folder], kept) if p.slug == "csv-not-listed"]
    monkeypatch.setenv(ENVIRONMENT, "other-command")
    again = [p.hint for p in validate_packages([folder], kept) if p.slug == "csv-not-listed"]
    assert hints != again and "other-command" in again[0]


def test_each_build_discards_the_old_site_into_the_trash_and_the_next_empties_it(tmp_path, capsys):
    config = two_authority_site(tmp_path)
    trash = config.cache_dir / "trash"
    for build_number in range(3):
        assert pipeline.build(config, NOW) == 0
        left = sorted(folder.name.split("-")[0] for folder in trash.iterdir())
        assert left == (["site.build"] if build_number == 0 else ["site", "site.build"]), left
    assert [p.name for p in tmp_path.iterdir() if p.is_dir() and p.name.startswith("site.")] == []
    assert (tmp_path / "site" / "demo" / "index.html").is_file()


def test_the_secret_is_kept_outside_the_cache_and_readable_by_the_user_alone(tmp_path, monkeypatch):
    monkeypatch.delenv(kept_module.SECRET_ENVIRONMENT, raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    first = kept_module.load_secret()
    path = tmp_path / "state" / "journeys" / "cache-secret"
    assert path.read_bytes() == first and len(first) == 64 and oct(path.stat().st_mode & 0o777) == "0o600"
    assert kept_module.load_secret() == first
    monkeypatch.setenv(kept_module.SECRET_ENVIRONMENT, "from the workflow's secrets")
    assert kept_module.load_secret() == b"from the workflow's secrets"


# --- Smaller points --------------------------------------------------------------------------------

def test_a_site_over_the_size_limit_is_a_warning_or_in_the_workflow_a_refusal(tmp_path, capsys, monkeypatch):
    config = two_authority_site(tmp_path, "size_limit_mb: 0.5\n")  # the shipped default is GitHub Pages' 1 GB
    assert pipeline.build(config, NOW) == 0
    assert "over the limit of 0.5 MB" in capsys.readouterr().out
    first = published_pages(tmp_path / "site")
    monkeypatch.setenv(pipeline.FAIL_OVER_SIZE_LIMIT, "1")
    change_a_figure(tmp_path)
    assert pipeline.build(config, NOW) == 1
    assert "over the limit of 0.5 MB" in capsys.readouterr().out
    assert published_pages(tmp_path / "site") == first  # the previous site stays


def test_a_page_made_but_missing_from_the_assembled_site_stops_the_build(tmp_path):
    for part in ("_root/built/site", "demo/built/site"):
        (tmp_path / part).mkdir(parents=True)
    (tmp_path / "demo/built/site/index.html").write_text("x", encoding="utf-8")
    made = [sections.SectionReport("demo", pages=["index.html", "plan/index.html"]), sections.SectionReport("")]
    _, [problem] = sections.assemble(tmp_path, made)
    assert "demo/plan/index.html" in problem.message


def test_jobs_zero_builds_in_this_process_and_one_unit_never_starts_a_pool():
    from journeys.build.workers import Workers
    with Workers(0, Kept(None)) as workers:
        assert workers._pool(8) is None
    with Workers(None, Kept(None)) as workers:
        assert workers._pool(1) is None
    with Workers(2, Kept(None)) as workers:
        pool = workers._pool(3)
        assert pool is not None and pool._max_workers == 2
