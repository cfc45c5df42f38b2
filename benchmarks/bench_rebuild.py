#!/usr/bin/env python3
"""Rebuilds of the shipped site (issue 14): prints figures measured in one run, never asserts them.

    python benchmarks/bench_rebuild.py                # 5 repeats of each rebuild
    python benchmarks/bench_rebuild.py --repeat 9

A copy of data/ (four authorities) is built once from cold in a fresh cache, then rebuilt
with nothing changed and after one value in one CSV changed (Kent's first observation, set
to one of two values in turn, so every repeat is a real change). Each build is its own
process, as `python build_site.py` runs it, imports included. Printed: median wall time and
CPU time (user + system of the whole process tree: less disturbed by other load on the
machine), the cold build's CPU per page, and each stage's share of a rebuild. Targets:
nothing changed <= 2 s (goal 0.5 s), one value changed <= 3 s (goal 1 s).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.bench_national import STAGES, build, checked, site_size, write_site_config  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHANGED = ("kent", "observations.csv")


def change_one_value(data: Path, turn: int) -> None:
    """Kent's first observation, set to one of two values in turn (still valid)."""
    path = data.joinpath(*CHANGED)
    header, first, rest = path.read_text(encoding="utf-8").split("\n", 2)
    cells = first.split(",")
    cells[2] = ("37", "38")[turn % 2]
    path.write_text("\n".join([header, ",".join(cells), rest]), encoding="utf-8")


def median(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} s" if values else "     -"


def report(label: str, runs: list, target: str = "") -> None:
    runs = [checked(run, label) for run in runs]
    good = [run for run in runs if run.returncode == 0]
    print(f"{label:46} {median([r.seconds for r in good])} wall {median([r.cpu_seconds for r in good])} CPU"
          f"   runs: {' '.join(f'{r.seconds:.2f}' for r in good)}  {target}")


def stage_table(named: dict[str, list]) -> None:
    print(f"\n{'stage (median seconds, in the build process)':46} " + " ".join(f"{name:>16}" for name in named))
    for label in [*STAGES, "other (start-up, imports, assembly)"]:
        cells = []
        for runs in named.values():
            good = [run for run in runs if run.returncode == 0 and run.stages]
            if label.startswith("other"):
                values = [run.seconds - sum(run.stages.values()) for run in good]
            else:
                values = [run.stages.get(label, 0.0) for run in good]
            cells.append(f"{statistics.median(values):16.3f}" if values else f"{'-':>16}")
        print(f"  {label:44} " + " ".join(cells))


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=5)
    args = options.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    work = Path(tempfile.mkdtemp(prefix="bench-rebuild-"))
    try:
        data = work / "data"
        shutil.copytree(ROOT / "data", data)
        config, site, cache = write_site_config(data, work / "config"), work / "site", work / "cache"
        cold = checked(build(config, site, cache), "cold build")
        pages = site_size(site)[0]
        print(f"\nCold build, empty cache: {cold.seconds:.1f} s wall, {cold.cpu_seconds:.1f} s CPU, {pages} pages: "
              f"{cold.cpu_seconds / max(pages, 1) * 1000:.0f} ms CPU per page")
        unchanged = [build(config, site, cache) for _ in range(args.repeat)]
        changed = []
        for turn in range(args.repeat):
            change_one_value(data, turn)
            changed.append(build(config, site, cache))
        print(f"\nRebuilds at 4 authorities (median of {args.repeat}, one process each)")
        report("nothing changed", unchanged, "target <= 2 s, goal 0.5 s")
        report("one value changed (Kent)", changed, "target <= 3 s, goal 1 s")
        stage_table({"cold": [cold], "nothing changed": unchanged, "one value": changed})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
