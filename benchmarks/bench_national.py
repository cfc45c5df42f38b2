#!/usr/bin/env python3
"""Build the synthetic national site and print what it costs (issue 6).

    python benchmarks/bench_national.py                  # generate national/ if missing, then measure
    python benchmarks/bench_national.py --repeat 3       # medians of three cold builds
    python benchmarks/bench_national.py --authorities 20 --data /tmp/n20 --repeat 1

Per repeat, from cold (new site folder, new cache folder): validate every package and build
the site; then change one authority's observations.csv, validate it alone and all packages
again, and rebuild. Each figure is the median of the repeats; wall time, CPU time of the
whole process tree, and peak memory of the tree (sampled every 20 ms) are all measured.
Once, on the last build: page count and site size, and in headless Chromium the compressed
bytes a browser fetches for a typical indicator page and to answer a first search query. The
same indicator page is measured in a four-authority build made in the same run, as a ratio.
The machine should be otherwise idle: the load average is printed first.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.national import generate  # noqa: E402
from benchmarks.page_weight import browser_figures  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
QUERY = "return home interviews"
FAILED = "failed"
CHANGED_AUTHORITY = "synthetic-002"

# ---- HOOKS: keep in step with the pipeline (journeys/build/pipeline.py) ----------------------
# Stage timings: label -> the function that does that stage, as a name reachable from
# journeys.build.pipeline ("sections.assemble" is journeys.build.pipeline.sections.assemble). The
# stage runner below replaces each with a timed wrapper before calling build_command, so the build
# is timed stage by stage in the same process that the memory figure covers. The stages must not
# call one another (their times are added up); a name the pipeline lacks is shown as "-".
# Work done inside worker processes is invisible to these wrappers: the build's own report of
# the work in its sections (WORKER_LINE) gives that.
STAGES = {
    "validation": "validate_packages",
    "loading and summarising": "outline",
    "sections and home pages (pool, wall)": "build_sections",
    "search indexing (the wait after the home pages)": "Search.finish",
    "feeds": "write_feeds",
    "assembly and page check": "sections.assemble",
    "publishing (the swap)": "publish",
    "cache pruning": "Kept.prune",
}
# Inside the pool the build times its own work per kind, summed over workers (CPU-bound, so
# roughly CPU seconds); it prints them as "work in the sections: pages 1.0 s, …".
WORKER_LINE = re.compile(r"(\d+) built, (\d+) from the last site, (\d+) from the cache; work in the sections: (.*)")
# The pipeline's cache (journeys/build/kept.py) reads its location from the environment: each cold
# run gets a new empty folder, each rebuild reuses it.
CACHE_ENVIRONMENT = "JOURNEYS_CACHE_DIR"


def write_site_config(data: Path, folder: Path) -> Path:
    """A national site of every package in `data` (journeys/config.py reads it; see site.yml)."""
    import yaml
    config = {"name": "Children's services improvement journeys (synthetic national benchmark)",
              "mode": "national", "authorities": "all", "data_dir": str(data.resolve()),
              "site_dir": str((folder / "site").resolve())}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "site.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path
# ----------------------------------------------------------------------------------------------


@dataclass
class Measured:
    seconds: float
    cpu_seconds: float  # user + system of the whole process tree: less disturbed by other load
    peak_bytes: int
    returncode: int
    output: str
    stages: dict = field(default_factory=dict)
    workers: dict = field(default_factory=dict)


def tree_rss(process: psutil.Process) -> int:
    """Resident memory of a process and all its descendants (workers included)."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.Error:  # a worker that ended between listing and reading
            pass
    return total


def measure(command: list[str], env: dict | None = None) -> Measured:
    """Run a command; its wall time and the peak resident memory of its process tree."""
    with tempfile.TemporaryFile("w+") as log:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                 env={**os.environ, **(env or {})})
        process, peak = psutil.Process(child.pid), 0
        while child.poll() is None:
            try:
                peak = max(peak, tree_rss(process))
            except psutil.Error:
                pass
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        log.seek(0)
        return Measured(seconds, cpu, peak, child.returncode, log.read())


def build(config: Path, site: Path, cache: Path) -> Measured:
    """One build through the stage runner (see STAGES); stage times come back in a JSON file."""
    timings = site.parent / f"{site.name}.stages.json"
    # The command the build's problems would name, as for the validate runs below (`python
    # build_site.py`): validation's kept results are keyed by it, so the two share them as a
    # person's `validate` and build do (the stage runner alone would be named `journeys`).
    result = measure([PYTHON, __file__, "--stage-runner", str(config), str(site), str(timings)],
                     env={CACHE_ENVIRONMENT: str(cache), "JOURNEYS_COMMAND": shlex.join([PYTHON, "build_site.py"])})
    if timings.exists():
        result.stages = json.loads(timings.read_text(encoding="utf-8"))
    result.workers = worker_times(result.output)
    return result


def worker_times(output: str) -> dict:
    """The build's own report of the work inside its pool: kind -> seconds, and sections reused."""
    found = WORKER_LINE.search(output)
    if not found:
        return {}
    times = {what.strip(): float(seconds) for what, seconds in re.findall(r"([a-z ]+?) ([\d.]+) s", found[4])}
    return {**times, "taken as they were": int(found[2]) + int(found[3])}


def run_stages(config: str, site: str, timings_path: str) -> int:
    """Inside the measured process: time each stage function of journeys.build.pipeline, then build."""
    from journeys.build import pipeline
    timings: dict[str, float] = {}

    def timed(label, function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                timings[label] = timings.get(label, 0.0) + time.perf_counter() - started
        return wrapper

    for label, name in STAGES.items():
        owner, _, attribute = f"pipeline.{name}".rpartition(".")
        try:
            owner = functools.reduce(getattr, owner.split(".")[1:], pipeline)
            setattr(owner, attribute, timed(label, getattr(owner, attribute)))
        except AttributeError:  # the pipeline has no such stage (yet)
            pass
    status = pipeline.build_command(config_path=config, site_dir=site)
    Path(timings_path).write_text(json.dumps(timings), encoding="utf-8")
    return status or 0


def ensure_dataset(data: Path, authorities: int) -> float | None:
    """Generate the dataset if it is missing or smaller than asked; the seconds it took."""
    if len(list(data.glob("*/datapackage.json"))) >= authorities:
        return None
    started = time.perf_counter()
    generate(authorities, str(data))
    return time.perf_counter() - started


def dataset_size(data: Path) -> tuple[int, int, int]:
    """Packages, data rows (headers excluded) and bytes of the dataset."""
    files = list(data.glob("*/*.csv"))
    rows = sum(f.read_bytes().count(b"\n") - 1 for f in files)
    size = sum(f.stat().st_size for f in data.glob("*/*"))
    return len(list(data.glob("*/datapackage.json"))), rows, size


def change_one_authority(data: Path) -> tuple[Path, bytes]:
    """Change one observation of one authority (still valid); return the file and its old bytes."""
    path = data / CHANGED_AUTHORITY / "observations.csv"
    original = path.read_bytes()
    header, first, rest = original.split(b"\n", 2)
    cells = first.split(b",")
    cells[2] = b"1999" if cells[2] != b"1999" else b"1998"  # the 'contacts' count: any number will do
    path.write_bytes(b"\n".join([header, b",".join(cells), rest]))
    return path, original


def site_size(site: Path) -> tuple[int, int, int]:
    """Pages (HTML files), files and bytes of the built site."""
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(p.suffix == ".html" for p in files), len(files), sum(p.stat().st_size for p in files)


def indicator_page(site: Path, authority: str = "synthetic-001", indicator: str = "re-referrals") -> Path | None:
    """A typical indicator page: a monthly percentage with targets and comparators.

    HOOK: matches any HTML path naming both the authority and the indicator; adjust if the
    pipeline names indicator pages otherwise.
    """
    pages = sorted(p for p in site.rglob("*.html")
                   if authority in p.as_posix() and indicator in p.as_posix() and "r12" not in p.as_posix())
    return pages[0] if pages else None


class Table:
    """The printed result: one row per measure, the median of its runs beside each run."""

    def __init__(self):
        self.rows: list[tuple[str, list, str, str]] = []

    def add(self, label: str, values: list, kind: str = "s", target: str = "") -> None:
        self.rows.append((label, [v for v in values if v is not None], kind, target))

    def print(self) -> None:
        print(f"\n{'measure':44} {'median':>12}  {'runs':28} target")
        for label, values, kind, target in self.rows:
            if kind == "text" or FAILED in values:
                print(f"{label:44} {values[0] if values else '-':>12}  {'':28} {target}")
                continue
            median = show(statistics.median(values), kind) if values else "-"
            runs = " ".join(show(v, kind) for v in values) if len(values) > 1 else ""
            print(f"{label:44} {median:>12}  {runs:28} {target}")


def show(value: float, kind: str) -> str:
    if kind == "s":
        return f"{value:.1f} s" if value >= 1 else f"{value * 1000:.0f} ms"
    if kind == "bytes":
        for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
            if value >= size:
                return f"{value / size:.1f} {unit}"
        return f"{value:.0f} B"
    if kind == "ratio":
        return f"{value:.2f}x"
    return f"{value:,.0f}"


def checked(result: Measured, what: str) -> Measured:
    """Say so when a measured command failed, so a failed run is never read as a fast one."""
    if result.returncode != 0:
        tail = "\n    ".join(result.output.strip().splitlines()[-6:])
        print(f"!! {what} failed (exit {result.returncode}) after {result.seconds:.1f} s:\n    {tail}")
    return result


def validate(folders: list[Path], cache: Path) -> Measured:
    return measure([PYTHON, "build_site.py", "validate", *map(str, folders)], env={CACHE_ENVIRONMENT: str(cache)})


def one_repeat(data: Path, config: Path, work: Path, n: int) -> dict:
    """From cold: validate, build; then change one authority's CSV, validate again and rebuild."""
    folders = sorted(p.parent for p in data.glob("*/datapackage.json"))
    site, cache = work / f"site-{n}", work / f"cache-{n}"
    runs = {"validate": checked(validate(folders, cache), "validation of every package"),
            "build": checked(build(config, site, cache), "build from clean")}
    if runs["build"].returncode == 0:
        path, original = change_one_authority(data)
        try:
            runs["validate changed"] = checked(validate([path.parent], cache), "validation of the changed package")
            runs["validate warm"] = checked(validate(folders, cache), "validation after one package changed")
            runs["rebuild"] = checked(build(config, site, cache), "rebuild after one authority changed")
        finally:
            path.write_bytes(original)
    runs["site"] = site
    return runs


def ok(run: Measured | None, value: str = "seconds"):
    """The figure of a run that succeeded; FAILED for one that did not; None if never run."""
    if run is None:
        return None
    return getattr(run, value) if run.returncode == 0 else FAILED


def add_run_rows(table: Table, repeats: list[dict], packages: int) -> None:
    pick = lambda key, value="seconds": [ok(r.get(key), value) for r in repeats]  # noqa: E731
    table.add(f"validation, cold ({packages} packages)", pick("validate"), target="<= 15 s")
    table.add("validation, the changed authority alone", pick("validate changed"), target="<= 1 s")
    table.add("validation, every package after one changed", pick("validate warm"), target="(cached: ~1 s)")
    table.add("build from clean: total wall time", pick("build"), target="<= 120 s")
    built = [r["build"] for r in repeats if r["build"].returncode == 0]
    for label in STAGES:
        table.add(f"  {label}", [run.stages.get(label) for run in built])
    for kind in ("charts", "pages", "site engine"):
        table.add(f"    in the pool: {kind} (summed over workers)", [run.workers.get(kind) for run in built])
    table.add("  other (start-up, assembly, publishing)",
              [run.seconds - sum(run.stages.values()) for run in built if run.stages])
    table.add("  CPU time of the build (all processes)", pick("build", "cpu_seconds"), target=f"on {os.cpu_count()} cores")
    table.add("peak memory (build's process tree)", pick("build", "peak_bytes"), "bytes", "<= 2 GB")
    table.add("rebuild after one authority's CSV changed", pick("rebuild"), target="<= 10 s")
    rebuilt = [r["rebuild"] for r in repeats if r.get("rebuild") and r["rebuild"].returncode == 0]
    for label in STAGES:
        table.add(f"  {label}", [run.stages.get(label) for run in rebuilt])
    table.add("  sections taken as they were", [run.workers.get("taken as they were") for run in rebuilt], "count")
    table.add("peak memory (rebuild)", pick("rebuild", "peak_bytes"), "bytes")


def add_site_rows(table: Table, site: Path, small: Path | None, query: str, browser: bool) -> None:
    pages, files, size = site_size(site)
    table.add("pages (HTML files)", [pages], "count")
    table.add("site size", [size], "bytes", f"in {files:,} files")
    if not browser:
        return
    figures = browser_figures(site, indicator_page(site), query)
    page, search = figures.get("page"), figures.get("search")
    table.add("indicator page, compressed, first load", [page and page[0]], "bytes",
              f"<= 150 kB; {page[1]} files, {page[2]} requests elsewhere" if page else "page not found (HOOK)")
    if small is not None and page:
        small_page = browser_figures(small, indicator_page(small), query).get("page")
        table.add("  same page at four-authority scale", [small_page and small_page[0]], "bytes")
        if small_page:
            table.add("  national / four-authority", [page[0] / small_page[0]], "ratio", "<= 1.00x")
    table.add("first search query, compressed", [search and search[0]], "bytes",
              f"<= 300 kB; '{query}': {search[3]:,} results, {search[1]} files, {search[2]} requests elsewhere"
              if search else "no search index found")


def four_authority_site(work: Path) -> Path | None:
    """The same generator's first four authorities, built in this run for the page-weight ratio."""
    data = work / "four"
    generate(4, str(data))
    result = checked(build(write_site_config(data, work / "four-config"), work / "site-four", work / "cache-four"),
                     "four-authority build")
    return work / "site-four" if result.returncode == 0 else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--authorities", type=int, default=153)
    parser.add_argument("--data", type=Path, default=ROOT / "national", help="dataset folder (default national/)")
    parser.add_argument("--repeat", type=int, default=1, help="cold builds to take the median of")
    parser.add_argument("--query", default=QUERY, help=f"first search query (default '{QUERY}')")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium page and search figures")
    parser.add_argument("--no-compare", action="store_true", help="skip the four-authority build")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    parser.add_argument("--stage-runner", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage_runner:
        return run_stages(*args.stage_runner)
    table = Table()
    print(f"load average before the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(other work on the machine slows every wall time; CPU time is steadier)")
    generated = ensure_dataset(args.data, args.authorities)
    packages, rows, size = dataset_size(args.data)
    table.add("generate dataset", [generated], target="(only when missing)")
    table.add("dataset", [f"{size / 1e6:.0f} MB"], "text", f"{packages} packages, {rows:,} rows")
    with tempfile.TemporaryDirectory(prefix="bench-national-") as temporary:
        work = args.keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        config = write_site_config(args.data, work)
        repeats = []
        for n in range(args.repeat):
            repeats.append(one_repeat(args.data, config, work, n))
            if n < args.repeat - 1:  # a national site is large: keep only the last
                shutil.rmtree(repeats[-1]["site"], ignore_errors=True)
        add_run_rows(table, repeats, packages)
        built = [r["site"] for r in repeats if r["build"].returncode == 0]
        if built:
            small = None if args.no_compare or args.no_browser else four_authority_site(work)
            add_site_rows(table, built[-1], small, args.query, not args.no_browser)
    table.print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
