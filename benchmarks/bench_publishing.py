#!/usr/bin/env python3
"""Print what the publishing steps cost per authority at national scale (issue 5 inside issue 6).

    python benchmarks/bench_publishing.py            # on one synthetic national authority
    python benchmarks/bench_publishing.py data/kent  # on any package folder

Medians of repeated runs of: apply_embargo with nothing held back (every build pays this),
apply_embargo holding back the most-cited paper, what_changed, changes_markdown, and writing
the Atom feeds; and the national total if what_changed runs once per authority.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

from journeys.domain.changes import what_changed  # noqa: E402
from journeys.outputs.changes import changes_markdown  # noqa: E402
from journeys.domain.embargo import apply_embargo  # noqa: E402
from journeys.domain import summarise  # noqa: E402
from journeys.outputs.feeds import authority_feed, site_feed  # noqa: E402
from journeys.model import load_authority  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NATIONAL_AUTHORITIES = 153
NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)


def median_ms(work, repeats: int = 7) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def synthetic_authority(folder: Path) -> Path:
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "national.py"), "--authorities", "1",
                    "--out", str(folder)], check=True, capture_output=True)
    return next(p.parent for p in folder.glob("*/datapackage.json"))


def embargo_most_cited(authority):
    """The same authority with its most-cited paper under embargo."""
    cited = pd.concat([t["source"] for t in authority.tables.values() if "source" in t]).value_counts()
    documents = authority.tables["documents"].copy()
    documents.loc[documents["document_id"] == cited.index[0], "publish_after_at"] = pd.Timestamp("2099-01-01")
    return replace(authority, tables={**authority.tables, "documents": documents})


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(argv[0]) if argv else synthetic_authority(Path(scratch) / "national")
        authority = load_authority(folder)
        observations = len(authority.table("observations"))
        embargoed = embargo_most_cited(authority)
        reports = what_changed(authority)
        summary = summarise(authority, NOW)
        figures = [
            ("apply_embargo, nothing held back", median_ms(lambda: apply_embargo(authority, NOW))),
            ("apply_embargo, most-cited paper held back", median_ms(lambda: apply_embargo(embargoed, NOW), 3)),
            ("what_changed", median_ms(lambda: what_changed(authority))),
            ("changes_markdown (3 latest reports)", median_ms(lambda: changes_markdown(reports, 3, 3))),
            ("authority_feed + site_feed", median_ms(lambda: (authority_feed(summary, "", NOW.date()),
                                                              site_feed([summary], "", NOW.date(), "Site")))),
        ]
    print(f"{folder.name}: {observations:,} observations, {len(reports)} report dates")
    print(f"{'step':45} {'median ms':>10}")
    for name, ms in figures:
        print(f"{name:45} {ms:10.1f}")
    per_authority = figures[0][1] + figures[2][1] + figures[3][1]
    print(f"national ({NATIONAL_AUTHORITIES} authorities), embargo + what_changed once + markdown: "
          f"{per_authority * NATIONAL_AUTHORITIES / 1000:.1f} s on one core")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
