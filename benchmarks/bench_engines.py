#!/usr/bin/env python3
"""The same Markdown trees through three site engines (issue 21.5): prints figures, never asserts them.

    python benchmarks/bench_engines.py --install     # once: the other engines' virtual environments
    python benchmarks/bench_engines.py               # 3 cold builds of each tree with each engine
    python benchmarks/bench_engines.py --repeat 5 --authority kent
    python benchmarks/bench_engines.py --repeat 1 --axe    # and axe-core on every page (chromium)

The trees are the ones journeys/engine.py writes: the shipped site is built (one authority) and
each section the pipeline hands to the engine, the home and site-wide pages and the authority's
section, is written again as the engine writes it (Markdown with its HTML blocks lifted out by
journeys/outputs/finish.py, snippets, the generated mkdocs.yml) once per engine. Then:

- MkDocs 1.6 + Material 9 (today, this project's .venv);
- properdocs 1.6 (the maintained MkDocs fork) + Material, with MkDocs itself uninstalled;
- Zensical (reads mkdocs.yml), first given the configuration as written, then with the least
  changed that it needs (each change printed).

Each build is the engine's own command in a process of its own, cold (no site, no cache);
Zensical also warm (its cache kept). Then each built section is finished as the build finishes
it (blocks put back), and its pages are read and compared with MkDocs' (title, the article's
text, links, heading ids and figures, the navigation's links). A probe page with each Markdown
feature written as Markdown (not lifted) shows what the engines' Markdown does on its own.

The engines live outside the repository, never in .venv: --engines (default $JOURNEYS_ENGINES,
else ~/.cache/journeys-engines) holds one virtual environment per engine; --install makes them. An
engine that is not installed is skipped, and said to be. The machine may be shared: the load
average is printed, and the times are medians.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(ROOT))
from benchmarks.engine_pages import (compare_sites, dead_ends, folder_bytes, identical_files,  # noqa: E402
                                     loaded_bytes, read_site, sitemap)
from benchmarks.engine_axe import violations  # noqa: E402
from benchmarks.engine_trees import (CHANGES, VARIANTS, Variant, capture_sections, probe_section,  # noqa: E402
                                     site_folder, write_tree)
from journeys import engine  # noqa: E402
from journeys.outputs import finish  # noqa: E402

ENGINES_DIR = Path(os.environ.get("JOURNEYS_ENGINES", Path.home() / ".cache" / "journeys-engines"))
# What --install puts in each engine's environment. Material is installed on properdocs with its
# dependencies, then MkDocs is taken away: what builds is properdocs alone.
INSTALL = {"properdocs": (["properdocs", "mkdocs-material", "pymdown-extensions"], ["mkdocs", "mkdocs-get-deps"]),
           "zensical": (["zensical"], [])}
ANSI = re.compile(r"\x1b\[[0-9;]*m")
OWN_TIME = re.compile(r"(?:Documentation built in|Build finished in) ([0-9.]+) ?s")


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    returncode: int
    warnings: list[str]
    last_line: str
    own_seconds: float | None  # the engine's own figure ("Documentation built in", "Build finished in")


@dataclass
class Outcome:
    """One variant's builds of one section."""
    runs: list[Run] = field(default_factory=list)
    warm: list[Run] = field(default_factory=list)
    site: Path | None = None     # finished, when the build succeeded
    markers: int = 0             # the lifted blocks' markers the engine left in its pages


# --- Running an engine ------------------------------------------------------------------------------

def command(name: str, engines: Path) -> list[str] | None:
    """The engine's build command, or None when it is not installed."""
    if name == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "build", "-f"]
    program = engines / name / "bin" / name
    return [str(program), "build", "-f"] if program.is_file() else None


def version(name: str, engines: Path) -> str:
    python = sys.executable if name == "mkdocs" else str(engines / name / "bin" / "python")
    packages = {"mkdocs": ["mkdocs", "mkdocs-material"], "properdocs": ["properdocs", "mkdocs-material"],
                "zensical": ["zensical"]}[name]
    script = ("import importlib.metadata as m, sys\n"
              "print(' + '.join(f'{p} {m.version(p)}' for p in sys.argv[1:]))")
    return subprocess.run([python, "-c", script, *packages], capture_output=True, text=True).stdout.strip()


def build_once(argv: list[str], work: Path, site: Path, cold: bool) -> Run:
    if cold:
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(work / ".cache", ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([*argv, str(work / "mkdocs.yml")], cwd=work, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    output = ANSI.sub("", done.stdout + done.stderr)
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    warnings = [line for line in lines if line.startswith(("WARNING", "Warning:", "ERROR", "Error:"))]
    own = OWN_TIME.search(output)
    return Run(seconds, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, done.returncode,
               warnings, lines[-1] if lines else "", float(own[1]) if own else None)


def finished_copy(site: Path, blocks: dict[str, str], target: Path, section: engine.Section) -> tuple[Path, int]:
    """The built section finished as the build finishes it, in a copy; and the markers found."""
    shutil.copytree(site, target / "site")
    markers = sum(len(finish.MARKER.findall(page.read_text(encoding="utf-8"))) for page in site.rglob("*.html"))
    if blocks:  # the probe's page keeps its marker: it shows the engine left the comment alone
        finish.finish_pages(target / "site", blocks, target / "search", shared_assets=bool(section.name))
    return target / "site", markers


def measure(variant: Variant, argv: list[str], sections, work: Path, repeat: int) -> dict[str, Outcome]:
    outcomes = {}
    for name, section, look in sections:
        folder = work / "trees" / slug(variant.label) / name
        blocks = write_tree(section, look, variant, folder, lift=name != "probe")
        outcome = outcomes[name] = Outcome()
        site = site_folder(folder, variant)
        for _ in range(repeat if name != "probe" else 1):
            outcome.runs.append(build_once(argv, folder / "work", site, cold=True))
            if outcome.runs[-1].returncode:
                break
        if outcome.runs[-1].returncode == 0:
            if variant.engine == "zensical" and name != "probe":
                outcome.warm = [build_once(argv, folder / "work", site, cold=False) for _ in range(repeat)]
            outcome.site, outcome.markers = finished_copy(site, blocks, work / "finished" / slug(variant.label) / name,
                                                          section)
    return outcomes


def section_folder(name: str) -> str:
    """The section's folder in the assembled site: the home section is the site's root."""
    return "" if name == "home" else name


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


# --- Printing -----------------------------------------------------------------------------------------

def median(runs: list[Run], figure: str = "seconds") -> str:
    """The median of one figure over the runs that built ("-" when none did)."""
    good = [getattr(run, figure) for run in runs if run.returncode == 0 and getattr(run, figure) is not None]
    return f"{statistics.median(good):5.2f} s" if good else "    -  "


def outcome_line(outcome: Outcome) -> str:
    last = outcome.runs[-1]
    if last.returncode == 0:
        return f"built, {len(last.warnings)} warning(s)"
    kinds = sorted({re.sub(r"\s+", " ", warning)[:60] for warning in last.warnings})
    return (f"refused: {len(last.warnings)} warning(s) {kinds[:2]}" if last.warnings
            else f"failed: {last.last_line[:110]}")


def print_builds(results: dict[Variant, dict[str, Outcome]]) -> None:
    print("\nMedian seconds per build: the command's wall and CPU time (start-up and imports included), the "
          "engine's own figure for its build, and Zensical's with its cache kept")
    print(f"{'engine':30} {'section':9} {'wall':>8} {'CPU':>8} {'own':>8} {'warm own':>8}  result")
    printed = set()
    for variant, outcomes in results.items():
        for name, outcome in outcomes.items():
            print(f"{variant.label:30} {name:9} {median(outcome.runs):>8} {median(outcome.runs, 'cpu_seconds'):>8} "
                  f"{median(outcome.runs, 'own_seconds'):>8} "
                  f"{median(outcome.warm, 'own_seconds') if outcome.warm else '':>8}  {outcome_line(outcome)}")
        if not variant.changes:
            continue
        if variant.changes in printed:
            print(f"{'':30}   changed: as above")
            continue
        printed.add(variant.changes)
        for change in variant.changes:
            print(f"{'':30}   changed: {CHANGES[change][0]}")


def features(outcomes: dict[str, Outcome], blocks: int, site: Path | None) -> dict[str, str]:
    """What a reader gets, measured on the finished sections and the site assembled from them."""
    built = {name: read_site(outcome.site, section_folder(name)) for name, outcome in outcomes.items()
             if outcome.site and name != "probe"}
    if not built:
        return {}
    pages = [page for section in built.values() for page in section.values()]
    home = next((outcome.site for name, outcome in outcomes.items() if name == "home" and outcome.site), None)
    overview = next((section["index.html"] for name, section in built.items() if name != "home"), None)
    marks = sorted({mark for page in pages for mark in page.marks})
    styles = sorted({Path(href).name for page in pages for href in page.stylesheets if "/stylesheets/" in href
                     and not Path(href).name.startswith(("main.", "palette."))})
    directory_urls = all(path == "index.html" or path.endswith("/index.html") for section in built.values()
                         for path in section if path != "404.html")
    count, first = sitemap(home) if home else (0, "")
    rows = {
        "pages built": " + ".join(f"{len(built[name])} ({name})" for name in built),
        "markers kept for the finishing pass": f"{sum(o.markers for n, o in outcomes.items() if n != 'probe')}"
                                               f" of {blocks}",
        "markdown= attributes left": str(sum(page.counts.get("markdown attribute left", 0) for page in pages)),
        "<abbr> in articles": str(sum(page.counts.get("abbr", 0) for page in pages)),
        "inline <svg> / <table> in articles": f"{sum(p.counts.get('svg', 0) for p in pages)} / "
                                              f"{sum(p.counts.get('table', 0) for p in pages)}",
        "theme overrides seen": f"{len(marks)} of 6: {', '.join(marks)}",
        "extra_css linked": ", ".join(styles),
        "navigation on the authority's overview": f"{len(overview.nav)} links, {overview.nav_depth} levels"
                                                   if overview else "-",
        "directory URLs": "yes" if directory_urls else "no",
        "404.html (home section)": "yes" if home and (home / "404.html").is_file() else "no",
        "sitemap.xml (home section)": f"{count} address(es), {first}" if count else "none",
        "engine's own search index": ", ".join(name for name in ("search.json", "search/search_index.json")
                                               if home and (home / name).is_file()) or "none",
    }
    if site:
        rows["assembled site (theme files pruned)"] = f"{folder_bytes(site) / 1e6:.2f} MB"
        overview_page = overview_path(outcomes)
        rows["theme files a page loads (gzip): overview, plan"] = (
            f"{loaded_bytes(site, overview_page) / 1e3:.0f} KB, "
            f"{loaded_bytes(site, overview_page.replace('index.html', 'plan/index.html')) / 1e3:.0f} KB")
    return rows


def assemble(outcomes: dict[str, Outcome], target: Path) -> Path | None:
    """The finished sections put together as journeys.build.sections.assemble does, with the theme
    files pruned as the engine prunes them (a section keeps none: its pages load the root's)."""
    if not all(outcome.site for name, outcome in outcomes.items() if name != "probe"):
        return None
    for name, outcome in outcomes.items():
        if name != "probe":
            folder = target / section_folder(name)
            shutil.copytree(outcome.site, folder, dirs_exist_ok=True)
            engine.prune_theme_files(folder, section=name != "home")
    return target


def overview_path(outcomes: dict[str, Outcome]) -> str:
    return next(f"{name}/index.html" for name in outcomes if name not in ("home", "probe"))


def probe(outcome: Outcome) -> str:
    if not outcome.site:
        return "not built"
    page = (outcome.site / "index.html").read_text(encoding="utf-8")
    checks = {"front-matter title": "<title>Probe &amp; title" in page or "<title>Probe &#38; title" in page,
              "attr_list id": 'id="probe-id"' in page, "def_list": "<dd>" in page and "<dt>Term</dt>" in page,
              "abbr": '<abbr title="Common Assessment Framework">CAF</abbr>' in page,
              "md_in_html": "<strong>Bold inside md_in_html</strong>" in page and 'markdown="1"' not in page,
              "raw table": '<table class="probe-table">' in page, "inline svg": '<svg class="probe-svg"' in page,
              "HTML comment kept": "<!--journeys:probe-->" in page}
    return ", ".join(f"{name} {'yes' if ok else 'NO'}" for name, ok in checks.items())


def print_findings(results: dict[Variant, dict[str, Outcome]], blocks: int, work: Path, axe: bool) -> None:
    sites = {variant: assemble(outcomes, work / "assembled" / slug(variant.label)) for variant, outcomes in results.items()}
    base = dead_ends(next(iter(sites.values()))) if next(iter(sites.values()), None) else Counter()
    for variant, outcomes in results.items():
        rows = features(outcomes, blocks, sites[variant])
        if not rows:
            continue
        print(f"\n{variant.label}")
        for name, value in rows.items():
            print(f"  {name:42} {value}")
        if sites[variant]:
            found = dead_ends(sites[variant])
            new = sorted(found.keys() - base.keys())
            print(f"  {'addresses that lead nowhere (all engines)':42} {len(found.keys() & base.keys())}: "
                  f"{', '.join(sorted(found.keys() & base.keys())[:4])}")
            print(f"  {'... that lead somewhere under MkDocs':42} {len(new)} (on {sum(found[a] for a in new)} page(s))"
                  + (f": {', '.join(new[:4])}" if new else ""))
            if axe:
                broken = violations(sites[variant])
                print(f"  {'axe-core WCAG 2.2 AA violations':42} " + ("none" if not broken else "; ".join(
                    f"{rule} on {len(pages)} page(s), e.g. {pages[0]}" for rule, pages in broken.items())))
    print("\nprobe page (each feature as Markdown, nothing lifted):")
    for variant, outcomes in results.items():
        if "probe" in outcomes:
            print(f"  {variant.label:30} {probe(outcomes['probe'])}")


def print_comparison(results: dict[Variant, dict[str, Outcome]]) -> None:
    base = next(iter(results.values()))
    for variant, outcomes in list(results.items())[1:]:
        sections = [name for name, outcome in outcomes.items() if outcome.site and base[name].site and name != "probe"]
        if not sections:
            continue
        print(f"\n{variant.label} beside MkDocs (finished pages that agree):")
        for name in sections:
            agreements, only_base, only_here = compare_sites(read_site(base[name].site, section_folder(name)),
                                                             read_site(outcomes[name].site, section_folder(name)))
            same, common = identical_files(base[name].site, outcomes[name].site)
            print(f"  {name}: pages only in MkDocs {only_base[:3] or 'none'}, only here {only_here[:3] or 'none'}; "
                  f"finished files the same, byte for byte but the generator tag: {same} of {common}")
            for agreement in agreements:
                example = f"   {agreement.example[:200]}" if agreement.example else ""
                print(f"    {agreement.aspect:32} {agreement.same:3} of {agreement.compared}{example}")


# --- Installing the engines ---------------------------------------------------------------------------

def install(engines: Path) -> None:
    for name, (packages, removed) in INSTALL.items():
        folder = engines / name
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(folder)], check=True)
        subprocess.run([str(folder / "bin" / "pip"), "install", "-q", *packages], check=True)
        if removed:
            subprocess.run([str(folder / "bin" / "pip"), "uninstall", "-q", "-y", *removed], check=True)
        print(f"{name}: {version(name, engines)} in {folder}")


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=3)
    options.add_argument("--authority", default="coventry")
    options.add_argument("--engines", type=Path, default=ENGINES_DIR)
    options.add_argument("--install", action="store_true", help="make the engines' environments and stop")
    options.add_argument("--keep", action="store_true", help="keep the work folder (its path is printed)")
    options.add_argument("--axe", action="store_true", help="also run axe-core on every page of each assembled site")
    args = options.parse_args()
    if args.install:
        install(args.engines)
        return 0
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores "
          "(a shared machine: compare medians, not single runs)")
    work = Path(tempfile.mkdtemp(prefix="bench-engines-"))
    try:
        sections = capture_sections(args.authority, work)
        look = sections[0][1]
        sections = [(section.name or "home", section, look) for section, look in sections]
        blocks = sum(len(finish.lift_pages(section.pages, look.abbreviations)[1]) for _, section, look in sections)
        sections.append(("probe", probe_section(), look))
        results = {}
        for variant in VARIANTS:
            argv = command(variant.engine, args.engines)
            if argv is None:
                print(f"{variant.label}: not installed in {args.engines / variant.engine} (--install makes it); skipped")
                continue
            print(f"{variant.label}: {version(variant.engine, args.engines)}", flush=True)
            results[variant] = measure(variant, argv, sections, work, args.repeat)
        print_builds(results)
        print_findings(results, blocks, work, args.axe)
        print_comparison(results)
        print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        if args.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
