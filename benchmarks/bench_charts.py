#!/usr/bin/env python3
"""Charts and page weight (issue 4): prints figures measured in one run, never asserts them.

    python benchmarks/bench_charts.py                  # shipped data; builds a site in a temp folder
    python benchmarks/bench_charts.py --site site      # measure page weight on a site already built
    python benchmarks/bench_charts.py --repeat 9

1. Chart spec generation per chart, amortised over every indicator of every shipped authority:
   filling the Altair-authored template (journeys.charts) beside authoring each chart with
   Altair from scratch (the same layers, then to_dict), as a ratio. Target: at most 1 ms.
2. The static SVG per chart (vl-convert), the step that is separable for caching or a pool.
2b. A 120-point series (ten years of months, with England and a target): median milliseconds
   (wall and CPU) and kilobytes per drawing, as drawn now (a line without a symbol per figure,
   coordinates to a tenth of a pixel, text measured from the font vl-convert holds in memory)
   beside vl-convert measuring text from the system's font files (its default), a symbol at
   every figure, and Vega's raw SVG.
   Targets (issue 14): at most 40 ms and 20 KB; goal 15 ms and 10 KB.
3. The bytes a reader's browser fetches for an indicator page on first load, gzip-compressed as
   a server would send them (headless Chromium decides what to fetch). Budget: 150 KB.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from journeys.build import pipeline  # noqa: E402
from journeys.build.config import load_config  # noqa: E402
from journeys.build.kept import Kept  # noqa: E402
from journeys.build.outlines import published  # noqa: E402
from journeys.build.validation import package_folders  # noqa: E402
from journeys.outputs import charts, drawing, vega  # noqa: E402

DRAWING = drawing.Drawing()  # vl-convert in this process, nothing kept: each figure is the work itself


def chart_svg(spec: dict) -> str:
    return vega.svg(spec, DRAWING)


def per_chart(seconds: list[float], count: int) -> float:
    """Median over repeats, in milliseconds per chart."""
    return statistics.median(seconds) * 1000 / count


def time_template(authorities, repeat: int) -> tuple[float, int]:
    runs, count = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = sum(len(charts.indicator_specs(authority, DRAWING)) for authority in authorities)
        runs.append(time.perf_counter() - start)
    return per_chart(runs, count), count


def time_altair(authorities, repeat: int) -> float:
    """Each chart authored with Altair from scratch: build the layered chart, serialise it, add data."""
    specs = [spec for authority in authorities for spec in charts.indicator_specs(authority, DRAWING).values()]
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for spec in specs:
            made = charts._author_template().to_dict()
            made["datasets"] = spec["datasets"]
        runs.append(time.perf_counter() - start)
    return per_chart(runs, len(specs))


def time_svg(authorities, sample: int) -> float:
    specs = [spec for authority in authorities for spec in charts.indicator_specs(authority, DRAWING).values()][:sample]
    chart_svg(specs[0])  # the first conversion starts vl-convert's engine
    start = time.perf_counter()
    for spec in specs:
        chart_svg(spec)
    return (time.perf_counter() - start) * 1000 / len(specs)


def series_120() -> dict:
    """A 120-point monthly indicator with gaps, an England comparator and yearly targets."""
    observations, comparators, targets = [], [], []
    for month in range(120):
        year, number = 2010 + month // 12, month % 12 + 1
        missing = month % 37 == 0
        observations.append({"date": f"{year}-{number:02d}-15", "start": f"{year}-{number:02d}-01",
                             "end": f"{year}-{number:02d}-28", "kind": "month", "symbol": "x" if missing else None,
                             "value": None if missing else round(20 + 5 * math.sin(month / 7) + month * 0.03, 1)})
    for year in range(2010, 2020):
        period = {"date": f"{year}-10-01", "start": f"{year}-04-01", "end": f"{year + 1}-03-31"}
        comparators.append({**period, "value": 21.0 + year % 3, "series": "England", "comparator": "England"})
        targets.append({**period, "value": 22.0, "tolerance": 2.0})
    indicator = {"indicator_id": "re-referrals", "title": "Re-referrals within 12 months", "unit": "percentage",
                 "polarity": "lower is better", "decimals": 1}
    return charts.indicator_spec("Coventry City Council", indicator, observations, targets, comparators, DRAWING)


def time_drawing(draw, spec: dict, repeat: int) -> tuple[float, float, float]:
    """Median wall ms, median CPU ms (the drawing engine's threads included) and KB of one drawing."""
    draw(spec)
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        svg = draw(spec)
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000, len(svg.encode()) / 1024


def long_series_figures(repeat: int) -> list[tuple[str, float, float, float]]:
    import vl_convert

    now = series_120()
    every_figure = charts.LONG_SERIES
    charts.LONG_SERIES = 10 ** 6  # as before issue 14: a symbol at every figure
    try:
        symbols = series_120()
    finally:
        charts.LONG_SERIES = every_figure
    return [("now: a line, compact SVG", *time_drawing(chart_svg, now, repeat)),
            ("text measured from the font files", *from_font_files(repeat)),
            ("a symbol at every figure, compact SVG", *time_drawing(chart_svg, symbols, repeat)),
            ("a symbol at every figure, Vega's raw SVG", *time_drawing(vl_convert.vegalite_to_svg, symbols, repeat))]


def from_font_files(repeat: int) -> tuple[float, float, float]:
    """The same drawing with vl-convert measuring text as it does by default, from the system's
    font files (drawing.in_process has it measure from memory): in a fresh process, as vl-convert
    settles its fonts once per process."""
    program = ("import json, sys, vl_convert; sys.path.insert(0, sys.argv[1]); import bench_charts as bench; "
               "bench.DRAWING = bench.drawing.Drawing(convert=vl_convert); "
               "print(json.dumps(bench.time_drawing(bench.chart_svg, bench.series_120(), int(sys.argv[2]))))")
    done = subprocess.run([sys.executable, "-c", program, str(Path(__file__).parent), str(repeat)],
                          capture_output=True, text=True, check=True)
    return tuple(json.loads(done.stdout))


def build_site(out: Path) -> Path:
    config, problems = load_config(ROOT / "site.yml", out / "site")
    assert not problems, problems
    if pipeline.build(config, now=datetime.now(timezone.utc)) != 0:
        raise SystemExit("the site did not build; see the problems above")
    return config.site_dir


def indicator_pages(site: Path, authorities) -> list[Path]:
    """Per authority, the indicator page with the most figures: a heavy but typical page."""
    pages = []
    for authority in authorities:
        counts = authority.table("observations")["indicator_id"].value_counts()
        if len(counts):
            page = site / authority.slug / "indicators" / counts.index[0] / "index.html"
            pages.append(page) if page.is_file() else None
    return pages


def page_weights(site: Path, pages: list[Path]) -> list[tuple[Path, int, int, int]]:
    from benchmarks.page_weight import browser_figures

    rows = []
    for page in pages:
        total, files, foreign = browser_figures(site, page, "return home interviews")["page"]
        rows.append((page.relative_to(site), total, files, foreign))
    return rows


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=5)
    options.add_argument("--charts-only", action="store_true", help="skip building a site for page weight")
    options.add_argument("--site", type=Path, help="a built site to measure (default: build one from data/)")
    args = options.parse_args()
    now, kept = datetime.now(timezone.utc), Kept(None)
    authorities = [published(folder, now, kept)[0] for folder in package_folders(ROOT / "data")]
    charts.template(DRAWING)  # authored once per process, as in a build
    template_ms, count = time_template(authorities, args.repeat)
    altair_ms = time_altair(authorities, max(1, args.repeat // 2))
    svg_ms = time_svg(authorities, 20)
    print(f"\nCharts: {count} indicator charts from {len(authorities)} authorities (median of {args.repeat} runs)")
    print(f"  {'spec from the template, per chart':44} {template_ms:8.3f} ms")
    print(f"  {'spec authored with Altair from scratch':44} {altair_ms:8.3f} ms")
    print(f"  {'ratio, Altair from scratch / template':44} {altair_ms / template_ms:8.1f} x")
    print(f"  {'static SVG (vl-convert), per chart':44} {svg_ms:8.1f} ms")
    print(f"\nA 120-point series, one drawing (median of {args.repeat * 3}; target 40 ms and 20 KB, goal 15 ms and 10 KB)")
    for label, wall, cpu, size in long_series_figures(args.repeat * 3):
        print(f"  {label:44} {wall:8.1f} ms wall {cpu:8.1f} ms CPU {size:8.1f} KB")
    if args.charts_only:
        return 0
    workspace = None
    site = args.site
    if site is None:
        workspace = Path(tempfile.mkdtemp(prefix="bench-charts-"))
        site = build_site(workspace)
    try:
        print("\nIndicator page, first load: bytes fetched, gzip-compressed (budget 150 KB)")
        for page, total, files, foreign in page_weights(site, indicator_pages(site, authorities)):
            print(f"  {str(page.parent):60} {total / 1024:7.1f} KB in {files} files; other hosts: {foreign}")
    finally:
        if workspace:
            shutil.rmtree(workspace, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
