"""`build_site.py`: validate every package and build the public site. `build()` is the table of contents.

The site is made in a workspace beside the site folder and replaces the old site in one swap only
when everything succeeded: on any problem the problems are printed and the old site is untouched.
Each authority is a section of its own, built from its package alone; a section whose inputs are
unchanged is taken from the last site or the cache (journeys.build.sections), and the rest are
built across the workers (journeys.build.workers, where all the concurrency is).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

from journeys.build import outlines as outlining
from journeys.build import sections
from journeys.build.config import SiteConfig, load_config, site_dir_problems
from journeys.build.kept import Inputs, Kept
from journeys.build.outlines import Outline
from journeys.build.publish import Workspace, last_sections, publish
from journeys.build.search import INDEX_FOLDER
from journeys.build.sections import SectionJob, SectionReport
from journeys.build.stages import FEED, SEARCH_INDEX
from journeys.build.validation import package_folders, validate_packages
from journeys.build.workers import Workers
from journeys.invocation import command
from journeys.model.problems import WRITE_FAILURES, Problem, printable, problem, write_failed
from journeys.outputs import feeds
from journeys.outputs.page import ALL_FEED, feed_path


def build_command(config_path: str | Path = "site.yml", site_dir: str | Path | None = None,
                  site_url: str | None = None) -> int:
    """The command line's entry: load the configuration, build, return the exit status."""
    config, problems = load_config(config_path, site_dir, site_url)
    if problems:
        return refuse(problems)
    return build(config, now=datetime.now(timezone.utc))


def build_from(config: SiteConfig | str | Path = "site.yml", now: datetime | None = None) -> list[Problem]:
    """The Python API's journeys.build(config): the configuration (or its site.yml) built and published;
    the problems that stopped it, those in the configuration included, or none."""
    if not isinstance(config, SiteConfig):
        config, problems = load_config(config)
        if problems:
            return problems
    return build_site(config, now or datetime.now(timezone.utc))


def build(config: SiteConfig, now: datetime) -> int:
    """Build and publish the site, or print why not; the exit status."""
    problems = build_site(config, now)
    return refuse(problems) if problems else 0


def build_site(config: SiteConfig, now: datetime) -> list[Problem]:
    """Validate → outline each package → sections → home pages → assemble → feeds → search → publish.
    The problems that stopped it, or none: the site was published."""
    try:
        return _build_site(config, now)
    except OSError as error:  # the site's disk is full or read-only: the workspace goes, the old site stays
        return [disk_problem(config, error)]


def _build_site(config: SiteConfig, now: datetime) -> list[Problem]:
    started, kept = time.perf_counter(), Kept(config.cache_dir)
    with Workers(config.jobs, kept) as workers:
        folders, problems = find_packages(config)
        written, trouble = sections.hand_written_pages(config)
        problems += trouble
        with stage(f"Validating {len(folders)} package(s)"):
            problems += validate_packages(folders, kept, workers) if folders else []
        if problems or (problems := site_dir_problems(config)):
            return problems
        with stage("Loading and summarising"):
            outlines = outline(folders, now, kept, workers)
        site = sections.site_settings(config, outlines, now, written)
        with Workspace(config.site_dir, kept) as workspace:
            jobs = sections.section_jobs(outlines, site, workspace)
            root = sections.root_job(outlines, site, workspace)
            search = Search(workspace, jobs + [root], kept, workers)
            reports = build_sections(jobs, root, kept, workers, search, config.site_dir)
            problems = [found for report in reports for found in report.problems] + undeclared(kept)
            if problems:
                return problems
            built, problems = sections.assemble(workspace, reports)
            search.last()  # Pagefind completes the index while the feeds are written
            with stage("Writing feeds"):
                write_feeds(outlines, config, built, now, kept)
            with stage("Indexing for search"):
                problems += search.finish(built) + check_size(built, config)
            if problems:
                return problems
            publish(built, config.site_dir, {r.slug: r.key for r in reports if r.slug}, kept)
    kept.prune()
    print(f"Built {len(outlines)} authorities into {config.site_dir} in {time.perf_counter() - started:.1f} s")
    return []


# --- Stages --------------------------------------------------------------------------------------

def find_packages(config: SiteConfig) -> tuple[list[Path], list[Problem]]:
    """The package folders this site publishes, and any named in site.yml that are missing."""
    if config.authorities is None:
        folders = package_folders(config.data_dir)
    else:
        folders = [config.data_dir / slug for slug in config.authorities]
    problems = [problem("site-config", str(config.path), None, "authorities", folder.name,
                        what=f"names a package that is not in {config.data_dir}",
                        fix="Check the folder name, or remove it.")
                for folder in folders if not folder.is_dir()]
    if not folders:
        problems.append(problem("site-config", str(config.data_dir),
                                what="there are no data packages to publish",
                                fix=f"Start one with: {command()} new <slug> --name ... --gss ... --dfe ..."))
    return [folder for folder in folders if folder.is_dir()], problems


def outline(folders: list[Path], now: datetime, kept: Kept, workers: Workers) -> list[Outline]:
    """Every package's outline, in order: kept ones read back, the rest made across the workers;
    saying what embargoes hold back."""
    found = {folder: outlining.kept_outline(folder, now, kept) for folder in folders}
    unknown = [folder for folder, known in found.items() if known is None]
    if unknown:
        workers.expect_drawing(len(unknown))  # their sections will draw charts
    found.update(zip(unknown, workers.map(partial(outlining.outline_at, now), unknown)))
    for known in found.values():
        for line in known.held:
            print(f"  {printable(line)}")
    return list(found.values())


SEARCH_BATCH = 16  # sections taken as they were, given to Pagefind together


def build_sections(jobs: list[SectionJob], root: SectionJob, kept: Kept, workers: Workers, search: Search,
                   site_dir: Path) -> list[SectionReport]:
    """Every authority's section and the root: those whose key is unchanged taken as they are (and
    given to the search index as they come), the rest built across the workers, the root beside them."""
    print(f"Building {len(jobs)} authority section(s)...", flush=True)
    started, last = time.perf_counter(), last_sections(site_dir)
    taken, ready = [], []
    for report in workers.in_threads(lambda job: sections.restore(job, kept, last, site_dir), jobs):
        taken.append(report)
        ready += [report] if report else []
        if len(ready) == SEARCH_BATCH:  # Pagefind indexes these while the rest are taken and built
            search.add(ready)
            ready = []
    search.add(ready)
    reports = [report for report in taken if report]
    kept_root = sections.restore(root, kept, last, site_dir)
    home = workers.beside(sections.build, root) if kept_root is None else (lambda: kept_root)
    built = workers.map(sections.build, [job for job, report in zip(jobs, taken) if report is None])
    search.add(built)
    reports += built + [home()]
    workers.release()
    print(f"  {time.perf_counter() - started:.1f} s; {sections.section_summary(reports)}", flush=True)
    return reports


def write_feeds(outlines: list[Outline], config: SiteConfig, site: Path, now: datetime, kept: Kept) -> None:
    """Each authority's feed, kept by its outline (a rebuild makes only a changed one's again), and the
    site's, kept by all of them."""
    today, url = now.date(), config.site_url
    made = {feed_path(o.slug): kept.value(FEED, Inputs(settings=[o.digest, url, today.isoformat()]),
                                          partial(feeds.authority_feed, o.summary, url, today))
            for o in outlines}
    made[feed_path(ALL_FEED)] = kept.value(
        FEED, Inputs(settings=[[o.digest for o in outlines], url, today.isoformat(), config.name]),
        lambda: feeds.site_feed([o.summary for o in outlines], url, today, config.name))
    for path, data in made.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(data)


class Search:
    """The search index: kept by the keys of what it indexes, else made by Pagefind from each
    section's search documents as they are ready."""

    def __init__(self, workspace: Path, jobs: list[SectionJob], kept: Kept, workers: Workers):
        self.workspace, self.kept = workspace, kept
        self.key = kept.key(SEARCH_INDEX, Inputs(settings=sorted(kept.key(sections.SEARCH_DOCUMENTS, job.inputs)
                                                                for job in jobs)))
        self.out = workspace / INDEX_FOLDER
        self.restored = kept.restore(self.key, self.out) is not None
        self.indexer = None if self.restored else workers.indexer(self.out)
        self.batches = 0

    def add(self, reports: list[SectionReport]) -> None:
        """These sections' search documents, laid out under a folder of their own as in the site."""
        reports = [report for report in reports if report and report.slug and not report.problems]
        if self.indexer is None or not reports:
            return
        batch = self.workspace / f"search-{self.batches}"
        self.batches += 1
        batch.mkdir()
        for report in reports:
            (self.workspace / report.slug / "built" / "search").rename(batch / report.slug)
        self.indexer.add(batch)

    def last(self) -> None:
        """The home and site-wide pages' search documents, the last to index."""
        if self.indexer is not None:
            self.indexer.add(self.workspace / "_root" / "built" / "search")

    def finish(self, site: Path) -> list[Problem]:
        """Wait for the index, and put it into the site."""
        if self.indexer is not None:
            problems = self.indexer.close()
            if problems:
                return problems
            self.kept.keep(self.key, self.out)
        self.out.rename(site / INDEX_FOLDER)
        return []


def undeclared(kept: Kept) -> list[Problem]:
    """A stage that read a file it did not declare could publish a stale page: refuse, and say so."""
    return [problem("site-engine", str(path), what=f"the build's stage '{stage_name}' read this file without "
                    "declaring it, so the cache could keep a stale page", fix="Please report this.")
            for stage_name, path in dict.fromkeys(kept.undeclared)]


FAIL_OVER_SIZE_LIMIT = "JOURNEYS_FAIL_OVER_SIZE_LIMIT"  # set (the publishing workflow does): a refusal


def check_size(site: Path, config: SiteConfig) -> list[Problem]:
    """Warn when the site is larger than its host accepts (site.yml's size_limit_mb, default 1 GB);
    with JOURNEYS_FAIL_OVER_SIZE_LIMIT set, refuse to publish it, so the workflow fails at build
    time rather than at deployment."""
    limit = config.size_limit_mb
    size = folder_size(site)
    if size <= limit * 1_000_000:
        return []
    message = f"the site is {size / 1_000_000:,.1f} MB, over the limit of {limit:,g} MB"
    hint = ("Publish fewer authorities, or raise size_limit_mb in site.yml if the host accepts more "
            "(GitHub Pages refuses a site over 1 GB).")
    if os.environ.get(FAIL_OVER_SIZE_LIMIT):
        return [problem("site-config", str(config.path), None, "size_limit_mb", f"{limit:g}", what=message, fix=hint)]
    print(f"Warning: {message}. {hint}", flush=True)
    return []


def folder_size(folder: Path) -> int:
    """The bytes of every file under the folder (os.scandir: a national site's 24,000 files in a
    quarter of the time pathlib takes)."""
    size = 0
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                size += folder_size(Path(entry.path))
            elif entry.is_file(follow_symlinks=False):
                size += entry.stat(follow_symlinks=False).st_size
    return size


def disk_problem(config: SiteConfig, error: OSError) -> Problem:
    """What the disk refused, for the person building: the site folder, why, and what to do. A
    copy of many files fails with one shutil.Error listing every file; its first says why."""
    if isinstance(error, shutil.Error) and error.args and isinstance(error.args[0], list) and error.args[0]:
        reason = str(error.args[0][0][-1])
        number = next((number for number in WRITE_FAILURES if os.strerror(number) in reason), None)
        error = OSError(number, reason.rsplit("] ", 1)[-1] if number is None else os.strerror(number))
    return write_failed(str(config.site_dir), error, str(config.site_dir.parent))


# --- Telling the person what is happening ---------------------------------------------------------

@contextmanager
def stage(what: str):
    """Print each stage as it starts and how long it took, so a long build shows it is working."""
    print(f"{what}...", end="", flush=True)
    start = time.perf_counter()
    yield
    print(f" {time.perf_counter() - start:.1f} s", flush=True)


def refuse(problems: list[Problem]) -> int:
    """Print every problem, say the site was left as it was, and fail."""
    print()
    for found in problems:
        print(found.line())
    print(f"\n{len(problems)} problem{'s' if len(problems) != 1 else ''}: the site was not built, "
          "and the previous site (if any) is unchanged.", file=sys.stderr)
    return 1



