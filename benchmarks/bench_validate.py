#!/usr/bin/env python3
"""Validation throughput: our validator beside stock `frictionless validate`, on the same files.

    python benchmarks/bench_validate.py                  # a package of 100,000 observations
    python benchmarks/bench_validate.py --rows 20000 --runs 3
    python benchmarks/bench_validate.py --national national/   # also time a national dataset

Writes a valid package (every table, 100,000 observations with notes, suppressed values and
quoted commas) to a temporary folder, then prints the median of several runs of:
  - our validator in-process (validate_package), and as a command (build_site.py validate);
  - stock `frictionless validate --trusted` as a command on the same datapackage.json;
and the ratio of the two commands, measured in the same run. With --national it also times
`build_site.py validate` over every package of a national dataset (issue 6: at most 15 s
cold) and over one package alone (at most 1 s).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import DEFAULT_TABLES, make_package, write_csv  # noqa: E402
from journeys.build.validation import validate_package  # noqa: E402


def observations(count: int, seed: int = 1) -> tuple[list[dict], list[dict]]:
    """`count` observations over 100 monthly indicators, and those indicators."""
    generator = random.Random(seed)
    per_indicator = -(-count // 100)
    indicators = [dict(DEFAULT_TABLES["indicators"][0], indicator_id=f"kpi-{n:03d}", title=f"Indicator {n}",
                       counts_children="no", lait_code="") for n in range(100)]
    rows = []
    for n in range(count):
        month = 1950 * 12 + n % per_indicator  # 1,000 months a series at most: 1950 to 2033, plausible years
        value = generator.choice(["c", "x"]) if generator.random() < 0.02 else f"{generator.uniform(0, 100):.1f}"
        rows.append({"indicator_id": f"kpi-{n // per_indicator:03d}", "period": f"{month // 12}-{month % 12 + 1:02d}",
                     "value": value, "note": "revised, see the next report" if n % 97 == 0 else "",
                     "source": "doc-1", "source_section": f"p. {n % 40 + 1}"})
    return rows, indicators


def write_package(folder: Path, count: int) -> Path:
    rows, indicators = observations(count)
    package = make_package(folder, slug="bench", indicators=indicators, observations=[],
                           targets=[], comparators=[])
    write_csv(package / "observations.csv", "observations", rows)
    return package


def median_seconds(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def command(arguments: list[str], expect_ok: bool = True):
    def run():
        result = subprocess.run(arguments, capture_output=True, text=True, cwd=ROOT)
        if expect_ok and result.returncode != 0:
            raise SystemExit(f"{' '.join(arguments)} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return run


def bench_package(rows: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        package = write_package(Path(temporary), rows)
        assert validate_package(package) == [], "the generated package must be valid"
        size = sum(p.stat().st_size for p in package.glob("*.csv")) / 1e6
        ours_in_process = median_seconds(lambda: validate_package(package), runs)
        ours = median_seconds(command([sys.executable, "build_site.py", "validate", str(package)]), runs)
        stock = median_seconds(command([sys.executable, "-m", "frictionless", "validate", "--trusted",
                                        str(package / "datapackage.json")]), runs)
    print(f"package: {rows:,} observations, {size:.1f} MB of CSV; median of {runs} runs")
    print(f"  ours, in-process             {ours_in_process:7.2f} s   {rows / ours_in_process:12,.0f} observations/s")
    print(f"  ours, build_site.py validate {ours:7.2f} s   {rows / ours:12,.0f} observations/s")
    print(f"  frictionless validate        {stock:7.2f} s   {rows / stock:12,.0f} observations/s")
    print(f"  ratio (frictionless / ours, both commands): {stock / ours:.1f}x")


def bench_national(folder: Path, runs: int) -> None:
    packages = sorted(str(p) for p in folder.iterdir() if (p / "datapackage.json").exists())
    every = median_seconds(command([sys.executable, "build_site.py", "validate", *packages]), runs)
    one = median_seconds(command([sys.executable, "build_site.py", "validate", packages[0]]), runs)
    print(f"national: {len(packages)} packages; median of {runs} runs of build_site.py validate (a new process)")
    print(f"  every package  {every:6.2f} s   (issue 6: at most 15 s)")
    print(f"  one package    {one:6.2f} s   (issue 6: at most 1 s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="observations in the package (default 100,000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement; the median is printed")
    parser.add_argument("--national", type=Path, help="a national dataset folder to time as well")
    arguments = parser.parse_args()
    bench_package(arguments.rows, arguments.runs)
    if arguments.national:
        bench_national(arguments.national, arguments.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
