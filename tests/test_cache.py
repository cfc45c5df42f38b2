"""Work kept between builds: a rebuild takes unchanged sections and charts from the cache, and
rebuilds what changed; nothing stale is ever used; the cache holds one site."""

from __future__ import annotations

import json
import re
import time
from datetime import datetime, timezone
from pathlib import Path

from conftest import DEFAULT_TABLES, make_package
from journeys import build as pipeline
from journeys.cache import Store, key
from journeys.config import load_config
from journeys.finish import compact_page as published

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)


def build_twice_then_change(tmp_path: Path, capsys) -> list[str]:
    make_package(tmp_path, "demo")
    make_package(tmp_path, "other")
    (tmp_path / "site.yml").write_text("data_dir: data\nsite_dir: site\n", encoding="utf-8")
    config, _ = load_config(tmp_path / "site.yml")
    outputs = []
    for change in (None, None, "31.9"):
        if change:
            path = tmp_path / "data" / "demo" / "observations.csv"
            path.write_text(path.read_text(encoding="utf-8").replace("22.5", change), encoding="utf-8")
        assert pipeline.build(config, NOW) == 0
        outputs.append(capsys.readouterr().out)
    return outputs


def test_a_rebuild_takes_unchanged_sections_from_the_cache_and_rebuilds_a_changed_one(tmp_path, capsys):
    first, again, changed = build_twice_then_change(tmp_path, capsys)
    assert "0 of 2 from the cache" in first
    assert "2 of 2 from the cache" in again
    assert "1 of 2 from the cache" in changed
    page = (tmp_path / "site/demo/indicators/re-referrals/index.html").read_text(encoding="utf-8")
    assert "31.9" in page and "22.5" not in page
    assert page.count("<svg") >= 1 and "journeys-chart" not in page  # the chart is drawn in, marker gone
    entries = list((tmp_path / ".cache/journeys/sections").iterdir())
    assert len(entries) == 2  # the superseded demo section was pruned


def test_a_stale_entry_is_never_used(tmp_path):
    """Keys hash the input: a changed table gives a new key, whatever the file times say."""
    assert key("section", [["observations", "aa"]]) != key("section", [["observations", "ab"]])
    assert key({"a": 1, "b": 2}) == key({"b": 2, "a": 1})


def test_a_chart_is_drawn_once_and_then_read(tmp_path):
    store, drawn = Store(tmp_path), []
    spec = {"mark": "point", "data": {"values": [{"x": 1}]}}

    def draw(spec):
        drawn.append(spec)
        return "<svg>1</svg>"

    assert store.chart(spec, draw) == store.chart(dict(spec), draw) == "<svg>1</svg>"
    assert len(drawn) == 1
    assert Store(None).chart(spec, draw) == "<svg>1</svg>" and len(drawn) == 2  # no cache: always drawn


def test_pruning_keeps_only_what_this_build_used(tmp_path):
    store = Store(tmp_path)
    store.chart({"old": 1}, lambda spec: "<svg/>")
    since = time.time() + 1
    old = next((tmp_path / "charts").iterdir())
    store.prune(since)
    assert not old.exists()
    assert re.fullmatch(r"[0-9a-f]{64}", key("x"))


def test_validation_remembers_clean_packages_by_their_files_and_rechecks_a_changed_one(tmp_path):
    from journeys.validate import validate_packages
    folder = make_package(tmp_path, "demo")
    store = Store(tmp_path / "cache")
    assert validate_packages([folder], store) == []
    assert len(list((tmp_path / "cache/valid").iterdir())) == 1
    path = folder / "observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("22.5", "N/A"), encoding="utf-8")
    problems = validate_packages([folder], store)  # new bytes, new key: checked again, and found
    assert [p.value for p in problems] == ["N/A"]
    assert len(list((tmp_path / "cache/valid").iterdir())) == 1  # a package with problems is never remembered


# --- Defects 3 and 7 (issue 13): the chart cache survives every build; a damaged cache is a miss ---

def two_authority_site(tmp_path: Path):
    make_package(tmp_path, "demo")
    make_package(tmp_path, "other")
    (tmp_path / "site.yml").write_text("data_dir: data\nsite_dir: site\n", encoding="utf-8")
    config, _ = load_config(tmp_path / "site.yml")
    return config


def published_pages(site: Path) -> dict[str, str]:
    return {str(page.relative_to(site)): page.read_text(encoding="utf-8") for page in sorted(site.rglob("*.html"))}


def published_charts_all_cached(site: Path, config) -> int:
    """Assert that every chart drawn into a published indicator page is in the chart cache, as
    drawn (the cache entry is read and embedded as the build embeds it); return how many."""
    from journeys import charts
    from journeys.render.indicators import CHART_LABEL, CHART_SUMMARY
    store, count = Store(config.cache_dir), 0
    from journeys.measures import comparisons
    from journeys.render import compare
    authorities = [pipeline.load_one(config.data_dir / slug, NOW, store)[0] for slug in ("demo", "other")]
    for authority in authorities:
        for indicator_id, spec in charts.indicator_specs(authority).items():
            kept = store.chart(spec, lambda spec: "<svg not-in-the-cache/>")
            page = (site / authority.slug / "indicators" / indicator_id / "index.html").read_text(encoding="utf-8")
            assert published(charts.embed_svg(kept, f"chart-{indicator_id}", CHART_LABEL, CHART_SUMMARY)) in page
            count += 1
    for comparison in comparisons(authorities):
        kept = store.chart(compare.drawn_spec(comparison), lambda spec: "<svg not-in-the-cache/>")
        page = (site / compare.page_path(comparison).replace(".md", "/index.html")).read_text(encoding="utf-8")
        assert published(charts.embed_svg(kept, "chart", "chart-label", "chart-summary")) in page
        count += 1
    # The pictures (overviews, plan pages, home page): rendering the pages again draws nothing new.
    from journeys import render
    context = pipeline.site_context(config, authorities, NOW)[0]
    misses: list[dict] = []
    with charts.drawing_with(lambda spec: store.chart(spec, lambda spec: misses.append(spec) or "<svg/>")):
        for authority in authorities:
            render.authority_pages(authority, pipeline.section_context(context, authority.slug), {})
        render.site_pages([pipeline.summarise(authority, NOW) for authority in authorities], context)
    assert misses == []
    return count


def test_after_a_build_all_from_the_cache_every_published_chart_is_still_cached(tmp_path, capsys, monkeypatch):
    config = two_authority_site(tmp_path)
    assert pipeline.build(config, NOW) == 0
    assert pipeline.build(config, NOW) == 0
    assert "2 of 2 from the cache" in capsys.readouterr().out
    assert published_charts_all_cached(tmp_path / "site", config) == 5
    assert (tmp_path / ".cache/journeys/values" / key(pipeline.CHART_TEMPLATE)).is_file()  # kept for the next change
    # The next change to one authority redraws only the chart whose figures changed.
    from journeys import charts
    drawn = []
    monkeypatch.setattr(charts, "chart_svg", lambda spec, draw=charts.chart_svg: drawn.append(spec) or draw(spec))
    path = tmp_path / "data" / "demo" / "observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("22.5", "31.9"), encoding="utf-8")
    assert pipeline.build(config, NOW) == 0
    # Demo's re-referrals chart, its sparkline on the overview, and the comparison chart of
    # re-referrals (national measure 271), which shows demo's figures too; nothing else.
    assert len(drawn) == 3 and all("31.9" in json.dumps(spec) for spec in drawn)
    assert published_charts_all_cached(tmp_path / "site", config) == 5


def damage(entry: Path) -> None:
    """Delete every other file of a cache entry and truncate a few more, as a full disk or an
    interrupted copy might."""
    files = sorted(path for path in entry.rglob("*") if path.is_file())
    for path in files[::2]:
        path.unlink()
    for path in files[1::6]:
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def test_a_damaged_cache_is_rebuilt_and_the_site_has_every_page(tmp_path, capsys):
    config = two_authority_site(tmp_path)
    assert pipeline.build(config, NOW) == 0
    first = published_pages(tmp_path / "site")
    cache = tmp_path / ".cache/journeys"
    for entry in [*(cache / "sections").iterdir(), *(cache / "root").iterdir(), *(cache / "search").iterdir()]:
        damage(entry)
    for chart in sorted((cache / "charts").iterdir())[::2]:
        chart.write_bytes(chart.read_bytes()[:100])
    capsys.readouterr()
    assert pipeline.build(config, NOW) == 0
    assert "0 of 2 from the cache" in capsys.readouterr().out
    assert published_pages(tmp_path / "site") == first
    assert published_charts_all_cached(tmp_path / "site", config) == 5
    assert (tmp_path / "site/pagefind/pagefind.js").is_file()


def test_a_section_entry_without_its_site_folder_is_a_miss_not_a_traceback(tmp_path, capsys):
    config = two_authority_site(tmp_path)
    assert pipeline.build(config, NOW) == 0
    first = published_pages(tmp_path / "site")
    import shutil
    for entry in (tmp_path / ".cache/journeys/sections").iterdir():
        shutil.rmtree(entry / "site")
    assert pipeline.build(config, NOW) == 0
    assert published_pages(tmp_path / "site") == first


def test_a_page_made_but_missing_from_the_assembled_site_stops_the_build(tmp_path):
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "index.html").write_text("x", encoding="utf-8")
    made = [pipeline.SectionReport("demo", [], pages=["index.html", "plan/index.html"])]
    [problem] = pipeline.missing_pages(tmp_path, made)
    assert "demo/plan/index.html" in problem.message
    assert pipeline.missing_pages(tmp_path, [pipeline.SectionReport("demo", [], pages=["index.html"])]) == []


def test_a_site_over_the_size_limit_is_a_warning_or_in_the_workflow_a_refusal(tmp_path, capsys, monkeypatch):
    two_authority_site(tmp_path)
    (tmp_path / "site.yml").write_text("data_dir: data\nsite_dir: site\nsize_limit_mb: 0.5\n", encoding="utf-8")
    config, _ = load_config(tmp_path / "site.yml")  # the shipped default is GitHub Pages' 1 GB
    assert pipeline.build(config, NOW) == 0
    assert "over the limit of 0.5 MB" in capsys.readouterr().out
    first = published_pages(tmp_path / "site")
    monkeypatch.setenv(pipeline.FAIL_OVER_SIZE_LIMIT, "1")
    path = tmp_path / "data" / "demo" / "observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("22.5", "31.9"), encoding="utf-8")
    assert pipeline.build(config, NOW) == 1
    assert "over the limit of 0.5 MB" in capsys.readouterr().out
    assert published_pages(tmp_path / "site") == first  # the previous site stays


def inodes(folder: Path) -> dict[str, int]:
    return {str(path.relative_to(folder)): path.stat().st_ino for path in folder.rglob("*") if path.is_file()}


def test_a_change_to_one_authority_rebuilds_only_that_authoritys_section(tmp_path, capsys):
    config = two_authority_site(tmp_path)
    assert pipeline.build(config, NOW) == 0
    site = tmp_path / "site"
    other_before, demo_before = inodes(site / "other"), inodes(site / "demo")
    path = tmp_path / "data" / "demo" / "observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("22.5", "31.9"), encoding="utf-8")
    capsys.readouterr()
    assert pipeline.build(config, NOW) == 0
    assert "1 of 2 from the cache" in capsys.readouterr().out
    # The other section's published files are the very files the cache kept (hard links), untouched.
    assert inodes(site / "other") == other_before
    [kept] = [entry for entry in (tmp_path / ".cache/journeys/sections").iterdir()
              if (entry / "site" / "indicators").is_dir() and
              (entry / "site/index.html").stat().st_ino == other_before["index.html"]]
    assert (kept / "site/index.html").samefile(site / "other/index.html")
    # The changed authority's section was built again, and shows the new figure.
    assert not set(inodes(site / "demo").items()) & set(demo_before.items())
    page = (site / "demo/indicators/re-referrals/index.html").read_text(encoding="utf-8")
    assert "31.9" in page and "22.5" not in page


def test_the_home_page_and_feeds_built_from_cached_summaries_equal_those_built_from_scratch(tmp_path, capsys):
    import shutil
    from dataclasses import replace
    config = two_authority_site(tmp_path)
    assert pipeline.build(config, NOW) == 0
    cache = tmp_path / ".cache/journeys"
    shutil.rmtree(cache / "root")          # the root pages are built again, from the kept summaries
    assert pipeline.build(config, NOW) == 0
    scratch = replace(config, site_dir=tmp_path / "scratch", cache_dir=None)
    assert pipeline.build(scratch, NOW) == 0
    for published in ["index.html", "compare/index.html", "feeds/all.xml", "feeds/demo.xml", "feeds/other.xml"]:
        cached_page = (tmp_path / "site" / published).read_text(encoding="utf-8")
        assert cached_page == (tmp_path / "scratch" / published).read_text(encoding="utf-8"), published


def test_jobs_zero_builds_in_this_process_and_one_section_never_starts_a_pool():
    with pipeline.workers(0, 8) as pool:
        assert pool is None
    with pipeline.workers(None, 1) as pool:
        assert pool is None
    with pipeline.workers(2, 3) as pool:
        assert pool is not None and pool._max_workers == 2


def test_pictures_kept_by_their_facts_are_the_pictures_a_build_from_scratch_draws(tmp_path, capsys):
    """A picture's spec is kept by the facts it shows: after a change that leaves the timeline's
    facts alone (a figure) and one that changes them (a visit's date), every overview and the
    home page are what a build with no cache publishes."""
    from dataclasses import replace
    config = two_authority_site(tmp_path)
    assert pipeline.build(config, NOW) == 0
    data = tmp_path / "data" / "demo"
    for table, old, new in (("observations.csv", "22.5", "31.9"), ("milestones.csv", "2016-11-08", "2016-10-04")):
        path = data / table
        assert old in path.read_text(encoding="utf-8")
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        assert pipeline.build(config, NOW) == 0
        scratch = replace(config, site_dir=tmp_path / f"scratch-{table}", cache_dir=None)
        assert pipeline.build(scratch, NOW) == 0
        for published in ["demo/index.html", "other/index.html", "index.html"]:
            kept = (tmp_path / "site" / published).read_text(encoding="utf-8")
            assert kept == (scratch.site_dir / published).read_text(encoding="utf-8"), (table, published)
    overview = (tmp_path / "site" / "demo" / "index.html").read_text(encoding="utf-8")
    assert "4 October 2016" in overview and "8 November 2016" not in overview


def test_each_build_discards_the_old_site_into_the_trash_and_the_next_empties_it(tmp_path, capsys):
    config = two_authority_site(tmp_path)
    trash = tmp_path / ".cache/journeys/trash"
    for build_number in range(3):
        assert pipeline.build(config, NOW) == 0
        left = sorted(folder.name.split("-")[0] for folder in trash.iterdir())
        # only what this build discarded: its workspace, and from the second build on the old site
        assert left == (["site.build"] if build_number == 0 else ["site", "site.build"]), left
    assert [p.name for p in tmp_path.iterdir() if p.is_dir() and p.name.startswith("site.")] == []
    assert (tmp_path / "site" / "demo" / "index.html").is_file()


def test_a_rebuild_indexes_every_page_the_one_from_scratch_does(tmp_path, capsys):
    """Pagefind is given the restored sections first, the rebuilt one and the home pages after:
    the index still covers every page, as a build with no cache makes it."""
    import json
    from dataclasses import replace
    config = two_authority_site(tmp_path)
    assert pipeline.build(config, NOW) == 0
    path = tmp_path / "data" / "demo" / "observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("22.5", "31.9"), encoding="utf-8")
    assert pipeline.build(config, NOW) == 0
    assert "1 of 2 from the cache" in capsys.readouterr().out
    scratch = replace(config, site_dir=tmp_path / "scratch", cache_dir=None)
    assert pipeline.build(scratch, NOW) == 0

    def indexed(site: Path) -> dict:
        entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        return {language: details["page_count"] for language, details in entry["languages"].items()}

    assert indexed(tmp_path / "site") == indexed(scratch.site_dir) and indexed(scratch.site_dir)["en"] > 10
