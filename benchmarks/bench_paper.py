#!/usr/bin/env python3
"""Print what a committee paper costs (issue 26): the time to write one with a warm cache, and its size.

    python benchmarks/bench_paper.py                    # one synthetic national authority (66 indicators)
    python benchmarks/bench_paper.py data/coventry      # any package folder

Runs `build_site.py paper <slug>` as an officer does, in a fresh process each time (so the time
includes starting Python and reading the package from the cache), once to warm the cache (the
package found clean, its model, every chart drawn), then --repeat times; prints the median and
the slowest, the PDF's and the HTML page's size, and the stages inside one run (load, compose with
the charts drawn through the cache, typeset, the page).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent


def synthetic_authority(work: Path) -> Path:
    """One authority of the national dataset (benchmarks/national.py), written into `work`."""
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "national.py"), "--authorities", "1",
                    "--out", str(work / "data")], check=True, capture_output=True)
    return next(path for path in (work / "data").iterdir() if path.is_dir())


def write_config(work: Path, data_dir: Path) -> Path:
    config = work / "site.yml"
    config.write_text(f"data_dir: {data_dir}\nsite_dir: {work / 'site'}\ncache_dir: {work / 'cache'}\n"
                      "paper:\n  committee: Children's Services Scrutiny Committee\n", encoding="utf-8")
    return config


def one_paper(folder: Path, config: Path, out: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `paper` command: on a shared machine the CPU time is the
    steadier figure."""
    started, before = time.perf_counter(), _children_cpu()
    subprocess.run([sys.executable, str(ROOT / "build_site.py"), "paper", folder.name, "--config", str(config),
                    "--out", str(out)], check=True, capture_output=True)
    return time.perf_counter() - started, _children_cpu() - before


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def stages(folder: Path, config: Path) -> dict[str, float]:
    """Seconds per stage of one paper, in this process, with the cache warm."""
    from journeys.build.config import load_config
    from journeys.build.kept import Kept
    from journeys.build.stages import drawing_with
    from journeys.build.workers import current_renderer
    from journeys.outputs.paper.html import paper_html
    from journeys.outputs.paper.pdf import paper_pdf
    from journeys.paper_command import Choice, make_paper

    settings, _ = load_config(config)
    kept = Kept(settings.cache_dir)
    found, started = {}, time.perf_counter()
    paper, _ = make_paper(folder, kept, datetime.now(timezone.utc), Choice(), "", drawing_with(kept, current_renderer()))
    found["load and compose (charts from the cache)"] = time.perf_counter() - started
    started = time.perf_counter()
    paper_pdf(paper)
    found["typeset the PDF (and pack it)"] = time.perf_counter() - started
    started = time.perf_counter()
    paper_html(paper)
    found["write the HTML page"] = time.perf_counter() - started
    found["indicators"], found["charts"] = len(paper.indicators), len(paper.charts)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", nargs="?", help="a package folder (default: a synthetic national authority)")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        package = Path(options.package).resolve() if options.package else synthetic_authority(work)
        config, out = write_config(work, package.parent), work / "out"
        cold = one_paper(package, config, out)
        runs = [one_paper(package, config, out) for _ in range(options.repeat)]
        times, cpu = [wall for wall, _ in runs], [used for _, used in runs]
        pdf, page = next(out.glob("*.pdf")), next(out.glob("*.html"))
        print(f"Committee paper for {package.name}: {cold[0]:.2f} s with a cold cache; with a warm cache, median "
              f"{statistics.median(times):.2f} s, slowest {max(times):.2f} s ({options.repeat} runs, each a new "
              f"process; goal: 3 s or less); CPU time median {statistics.median(cpu):.2f} s (cold {cold[1]:.2f} s)")
        print(f"  PDF {pdf.stat().st_size / 1e6:.2f} MB (goal: 2 MB or less); HTML page "
              f"{page.stat().st_size / 1e6:.2f} MB")
        for name, value in stages(package, config).items():
            print(f"  {name}: {value:.2f} s" if isinstance(value, float) else f"  {name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
