"""Work kept between builds: a rebuild takes unchanged sections and charts from the cache, and
rebuilds what changed; nothing stale is ever used; the cache holds one site."""

from __future__ import annotations

import re
import time
from datetime import datetime, timezone
from pathlib import Path

from conftest import DEFAULT_TABLES, make_package
from journeys import build as pipeline
from journeys.cache import Store, key
from journeys.config import load_config

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
