#!/usr/bin/env python3
"""Standings against target, worked out for many figures at once: what a national build asks of
journeys.domain.standing ("What changed" judges every figure that has a target).

    python benchmarks/bench_standings.py                 # a million figures, 3 runs
    python benchmarks/bench_standings.py --figures 200000 --runs 5

Prints the median of several runs of:
  - the published rounding of a column (Python's round, a column at a time);
  - target_statuses for plain targets given as numbers, and as the texts the model holds
    (a strict target, a range and a plain number among them);
  - every indicator's standing (indicator_statuses) for a package of 100,000 observations.
Figures, never assertions: the machine is shared, so read them beside a run of main.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_validate import median_seconds, observations  # noqa: E402
from conftest import make_package  # noqa: E402
from journeys.domain.figures import indicator_statuses  # noqa: E402
from journeys.domain.standing import published, target_statuses  # noqa: E402
from journeys.model import load_authority  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--figures", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    n = args.figures
    values = rng.uniform(0, 100, n)
    numbers = rng.choice([22.0, 20, 95, 45, 90], n)
    texts = pd.Series(rng.choice(["22", "<20", "20-25", ">=95", "45"], n))
    polarities = np.array(["higher is better", "lower is better", "close to target"], dtype=object)[
        rng.integers(0, 3, n)]
    tolerances = np.full(n, 1.0)
    print(f"{n:,} figures, median of {args.runs} runs:")
    print(f"  published rounding           {median_seconds(lambda: published(values, 1), args.runs):.2f} s")
    print(f"  standings, numeric targets   "
          f"{median_seconds(lambda: target_statuses(values, numbers, tolerances, polarities, 1), args.runs):.2f} s")
    print(f"  standings, targets as texts  "
          f"{median_seconds(lambda: target_statuses(values, texts, tolerances, polarities, 1), args.runs):.2f} s")
    rows, indicators = observations(100_000)
    with tempfile.TemporaryDirectory() as folder:
        authority = load_authority(make_package(Path(folder), observations=rows, indicators=indicators))
        seconds = median_seconds(lambda: indicator_statuses(authority), max(args.runs, 5))
    print(f"  indicator_statuses, 100 indicators x 1,000 months: {seconds:.3f} s")


if __name__ == "__main__":
    main()
