"""`python build_site.py`: validate every package and build the public site. `build()` is the table of contents.

The site is made in a workspace beside the site folder (site.build-<pid>/) and replaces the
old site in one swap only when everything succeeded: on any problem the problems are printed
and the old site is untouched.

Each authority is its own unit of work, `build_authority_section(folder, …)`: its pages,
charts and downloads, built by the site engine into a folder of its own and finished
(journeys/finish.py). Units share nothing but the site's look and context, so they are reused
from the cache (journeys/cache.py) when nothing they depend on has changed, and the rest run
in a pool of processes when there are several (site.yml's `jobs`). The home and site-wide
pages are one more unit, built from each authority's summary and reused when no summary (and
nothing else they show) changed; so is the search index.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import itertools
import multiprocessing
import os
import queue
import shutil
import sys
import time
import weakref
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from journeys import RUN, cache, charts, engine, finish, pictures, render
from journeys.config import SITE_MARKER, SiteConfig, load_config, site_dir_problems
from journeys.domain import Summary, summarise
from journeys.embargo import apply_embargo, embargo_ends, instant
from journeys.feeds import write_feeds as atom_feeds
from journeys.lifetime import end_with_parent, remove_stale_workspaces
from journeys.measures import claimed_series, gather
from journeys.model import Authority, load_authority
from journeys.periods import format_date
from journeys.problems import Problem, problem
from journeys.render import compare, downloads, glossary
from journeys.render.disclosure import protect
from journeys.render.indicators import CHART_LABEL, CHART_SUMMARY
from journeys.render.markup import text
from journeys.search import INDEX_FOLDER, index_site
from journeys.validate import package_folders, validate_packages

# Folders the root build writes into the site; a package with one of these names would clash.
RESERVED = {"assets", "search", "glossary", "how-to-read", "officers-guide", "accessibility", "problems",
            "pagefind", "feeds", "compare"}
ABOUT = [("How to read the site", render.HOW_TO_READ), ("Glossary", render.GLOSSARY),
         ("Officers' guide", render.GUIDE), ("Accessibility", render.ACCESSIBILITY), ("Search", render.SEARCH)]


def build_command(config_path: str | Path = "site.yml", site_dir: str | Path | None = None) -> int:
    """The command line's entry: load the configuration, build, return the exit status."""
    config, problems = load_config(config_path, site_dir)
    if problems:
        return refuse(problems)
    return build(config, now=datetime.now(timezone.utc))


def build(config: SiteConfig, now: datetime) -> int:
    """Validate → outline each package → build each section (and meanwhile index it for search)
    → the home and site-wide pages → assemble → feeds → publish."""
    started = time.time()
    folders, problems = find_packages(config)
    store = cache.Store(config.cache_dir)
    emptying = store.empty_trash()  # what earlier builds discarded, removed while this one works
    with stage(f"Validating {len(folders)} package(s)"):
        problems += validate_packages(folders, store) if folders else []
    if problems:
        return refuse(problems)
    problems = site_dir_problems(config)  # again: the folder may have changed since site.yml was read
    if problems:
        return refuse(problems)
    workspace = new_workspace(config.site_dir)
    search = None
    try:
        kept = kept_outlines(folders, now, store)
        # One pool, if there is work to share, for outlining the packages and building their sections.
        with workers(config.jobs, sum(outline is None for outline in kept.values())) as pool:
            with stage("Loading and summarising"):  # each authority's facts, once: home page, comparisons, feeds
                authorities = outline_all(kept, now, store, pool)
            context, look = site_context(config, authorities, now)
            found = gather(claim for outline in authorities for claim in outline.series)
            context = replace(context, compared=compare.entries(found))  # issue 7: measures compared
            root_job = (authorities, context, look, workspace / "_root", found, store)
            sections = section_jobs(authorities, context, look, workspace, store)
            search = Indexing(workspace, [job[1] for job in sections] + [root_key(authorities, context, look)], store)
            # With a pool, the home and site-wide pages are built in a worker beside the sections: at
            # national scale they take some 400 MB, which go with the worker before Pagefind starts.
            home = pool.submit(build_root_section_apart, *root_job) if pool else None
            reports = build_authority_sections(sections, config.jobs, pool, None if pool else search)
            root = home.result() if home else None
        if not any(report.problems for report in reports):
            search.add([authority.slug for authority in authorities])  # those not given it already
        if root is None:
            with stage("Building the home and site-wide pages"):
                root = build_root_section(*root_job)
        reports.append(root)
        problems += [problem for report in reports for problem in report.problems]
        if problems:
            return refuse(problems)
        site = assemble(workspace, authorities)
        problems += missing_pages(site, reports)
        with stage("Writing feeds"):
            write_feeds(authorities, config, site, now)
        with stage("Indexing for search"):
            problems += search.finish(site)
        problems += check_size(site, config)
        if problems:
            return refuse(problems)
        publish(site, config.site_dir, store)
    finally:
        if search:
            search.close()  # a build that stopped leaves no indexer waiting for the rest
        store.discard(workspace)
    store.keep_alive(cache.key(CHART_TEMPLATE))  # a build that drew nothing keeps it for the next
    store.prune(since=started)
    if emptying:
        emptying.wait()  # long done, as a rule: it had the whole build to run in
    print(f"Built {len(authorities)} authorities into {config.site_dir}")
    return 0


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
    problems += [problem("site-config", str(folder), None, None, folder.name,
                         what="this package folder's name is used by the site itself", fix="Rename the folder.")
                 for folder in folders if folder.name in RESERVED]
    if not folders:
        problems.append(problem("site-config", str(config.data_dir),
                                what="there are no data packages to publish",
                                fix=f"Start one with: {RUN} new <slug> --name ... --gss ... --dfe ..."))
    return [folder for folder in folders if folder.is_dir()], problems


def load_one(folder: Path, now: datetime, store: cache.Store, model_key: str | None = None
             ) -> tuple[Authority, list[str]]:
    """The package as the public may see it now (embargoes applied, suppression protected), and
    what was held back."""
    authority, held = apply_embargo(_model(folder, model_key or _model_key(folder), store), now)
    return protect(authority), [item.line() for item in held]


@dataclass(frozen=True)
class Outline:
    """What the build keeps of an authority while it builds the site: its names, its package, its
    key, its summary and its series for the comparisons, but not its tables. At national scale
    every authority's tables held at once would not fit in memory (5 MB each); the worker that
    builds a section loads them again, from the cache."""
    slug: str
    name: str
    folder: Path
    key: str             # the authority as published (authority_key), as a digest
    summary: Summary
    series: tuple        # measures.claimed_series: what the comparisons take from it
    digest: str          # of the summary and series, for the keys of what is built from them


def kept_outlines(folders: list[Path], now: datetime, store: cache.Store) -> dict[Path, tuple | None]:
    """folder -> (outline, held-back lines) where the cache holds them (reading no package), else None."""
    return {folder: kept_outline(folder, now, store) for folder in folders}


def outline_all(kept: dict[Path, tuple | None], now: datetime, store: cache.Store, pool=None) -> list[Outline]:
    """Every package's outline, in order: those not kept outlined here one at a time (its tables
    let go of before the next), or across the pool; saying what embargoes hold back."""
    unknown = [folder for folder, found in kept.items() if found is None]
    if pool is not None and len(unknown) > 1:
        made = pool.map(outline_one, unknown, itertools.repeat(now), itertools.repeat(store))
    else:
        made = (outline_one(folder, now, store) for folder in unknown)
    kept = {**kept, **dict(zip(unknown, made))}
    for _, held in kept.values():
        for line in held:
            print(f"  {line}")
    return [outline for outline, _ in kept.values()]


def outline_one(folder: Path, now: datetime, store: cache.Store) -> tuple[Outline, list[str]]:
    """The package's outline and what its embargoes hold back, kept in the cache by the package's
    files, the build's date and how many of its embargoes have ended by now (which is all that
    `now` changes of what is public): a rebuild reads an outline, not the package's tables."""
    model_key = _model_key(folder)
    ends, _ = store.value(cache.key("embargo ends", model_key),
                          lambda: sorted(embargo_ends(_model(folder, model_key, store).table("documents")).values()))
    kept, _ = store.value(_outline_key(model_key, ends, now), lambda: _outline(folder, model_key, now, store))
    store.keep_alive(model_key)  # a rebuild that reads only the outline still keeps the tables for the next
    return kept


def kept_outline(folder: Path, now: datetime, store: cache.Store) -> tuple[Outline, list[str]] | None:
    model_key = _model_key(folder)
    ends = store.kept(cache.key("embargo ends", model_key))
    kept = store.kept(_outline_key(model_key, ends, now)) if ends is not None else None
    if kept is not None:
        store.keep_alive(model_key)
    return kept


def _outline_key(model_key: str, ends: list[datetime], now: datetime) -> str:
    return cache.key("outline", model_key, now.date().isoformat(), sum(end <= instant(now) for end in ends))


def _model_key(folder: Path) -> str:
    return cache.key(MODEL, str(folder), cache.folder_digest(folder))


def _model(folder: Path, model_key: str, store: cache.Store) -> Authority:
    """The package as read, kept in the cache by its files (embargoes are applied to it after)."""
    return store.value(model_key, lambda: load_authority(folder))[0]


def _outline(folder: Path, model_key: str, now: datetime, store: cache.Store) -> tuple[Outline, list[str]]:
    authority, held = load_one(folder, now, store, model_key)
    summary = summarise(authority, now)
    series = claimed_series(authority, summary)
    return Outline(authority.slug, authority.name, folder, cache.key(authority_key(authority)), summary, series,
                   cache.digest((summary, series))), held


def site_context(config: SiteConfig, authorities: list[Outline], now: datetime):
    """What every section shares: names and links (context) and the site's look."""
    context = render.SiteContext(site_name=config.name, mode=config.mode, built_at=now,
                                 authorities=tuple(render.Entry(a.slug, a.name) for a in authorities),
                                 papers=config.papers_on_site, committee=config.paper_committee)
    look = engine.Look(site_name=str(text(config.name)), primary_colour=config.branding.primary_colour,
                       accent_colour=config.branding.accent_colour, logo=config.branding.logo,
                       abbreviations=tuple((a.abbreviation, a.meaning) for a in glossary.load()),
                       built=format_date(now.date()), site_url=config.site_url)
    return context, look


@dataclass
class SectionReport:
    """What one section's build did: its problems, its pages, whether it came from the cache, where time went."""
    slug: str
    problems: list[Problem]
    from_cache: bool = False
    seconds: dict[str, float] = field(default_factory=dict)
    pages: list[str] = field(default_factory=list)  # the built pages, relative to the section's folder
    key: str = ""                                     # what the section was kept under in the cache


def section_jobs(authorities: list[Outline], context: render.SiteContext, look: engine.Look, workspace: Path,
                 store: cache.Store) -> list[tuple]:
    """Each authority's arguments for build_authority_section (and restore_authority_section)."""
    jobs = []
    for authority in authorities:
        own = section_context(context, authority.slug)
        jobs.append((authority.folder, section_key(authority, own, look), authority.summary, own, look,
                     workspace / authority.slug, store))
    return jobs


def build_authority_sections(jobs_to_do: list[tuple], jobs: int | None, pool=None,
                             search: Indexing | None = None) -> list[SectionReport]:
    """Every authority's section (section_jobs): those the cache holds restored here (and given to
    `search` at once, to index while the rest build), the rest built (across the pool, or one of
    their own when there are several and `jobs` allows), showing progress as they finish."""
    print(f"Building {len(jobs_to_do)} authority section(s)...", flush=True)
    started = time.perf_counter()
    with progress(len(jobs_to_do)) as tick, ThreadPoolExecutor(4) as threads:
        # Restoring is mostly reading and hashing files (checking each against its manifest), which
        # threads overlap: a national rebuild restores some 24,000 files.
        restored = threads.map(lambda job: restore_authority_section(*job), jobs_to_do)
        reports = [tick(report) for report in restored if report]
        if search is not None:
            search.add([report.slug for report in reports])
        restored = {report.key for report in reports}
        misses = [job for job in jobs_to_do if job[1] not in restored]
        with nullcontext(pool) if pool else workers(jobs, len(misses)) as pool:
            if pool is None:
                reports += [tick(build_authority_section(*job)) for job in misses]
            else:
                futures = [pool.submit(build_authority_section, *job) for job in misses]
                reports += [tick(future.result()) for future in as_completed(futures)]
    print(f"  {time.perf_counter() - started:.1f} s; {section_summary(reports)}", flush=True)
    return reports


def section_context(context: render.SiteContext, slug: str) -> render.SiteContext:
    """What an authority's pages may read of the site: no list of every authority (no page of a
    section reads it, and with it in the key one authority's change would rebuild them all), and
    only its own comparisons."""
    return replace(context, authorities=(),
                   compared={place: entry for place, entry in context.compared.items() if place[0] == slug})


def section_key(authority: Outline, context: render.SiteContext, look: engine.Look) -> str:
    return cache.key("section", authority.key, context_key(context), look_key(look))


def restore_authority_section(folder: Path, kept_key: str, summary: Summary, context: render.SiteContext,
                              look: engine.Look, workspace: Path, store: cache.Store) -> SectionReport | None:
    """The section from the cache (its pages, search documents and charts), or None. Takes the
    arguments of build_authority_section."""
    files = store.restore(cache.SECTIONS, kept_key, workspace / "built")
    if files is None:
        return None
    return SectionReport(workspace.name, [], from_cache=True, pages=site_pages(files), key=kept_key)


def site_pages(files: list[str]) -> list[str]:
    """The pages among a built folder's files (site/…/*.html), relative to site/."""
    return sorted(name[len("site/"):] for name in files if name.startswith("site/") and name.endswith(".html"))


def build_authority_section(folder: Path, kept_key: str, summary: Summary, context: render.SiteContext,
                            look: engine.Look, workspace: Path, store: cache.Store | None = None) -> SectionReport:
    """One authority: pages, charts and downloads, built into workspace/built/site, and its pages'
    search documents into workspace/built/search, then kept under kept_key (section_key). Depends
    on nothing else: the package is loaded here (from the cache, as the build loaded it)."""
    store = store or cache.Store(None)
    authority, _ = load_one(folder, context.built_at, store)
    specs = keep_authored_specs(store)
    built = workspace / "built"
    report = SectionReport(authority.slug, [], key=kept_key)
    draw, drawn = drawing_through(store)
    with timed(report, "charts"):
        svgs = {key: charts.embed_svg(draw(spec), f"chart-{key}", CHART_LABEL, CHART_SUMMARY)
                for key, spec in charts.indicator_specs(authority).items()}
    with timed(report, "pages"), charts.drawing_with(draw):  # the overview's pictures, drawn once ever
        pages = render.authority_pages(authority, context, svgs, summary)
        section = engine.Section(name=authority.slug, title=str(text(authority.name)), pages=pages,
                                 files={**downloads.files(authority), **committee_paper(authority, context, draw)},
                                 nav_head=[{"Home": "../"}],
                                 nav_tail=[about_links("../")])
    with timed(report, "site engine"):
        report.problems = build_section(section, look, workspace)
    if not report.problems:
        report.pages = built_pages(built / "site")
        store.keep(cache.SECTIONS, report.key, built, charts=drawn, values=specs)
    shutil.rmtree(workspace / "work", ignore_errors=True)
    return report


def committee_paper(authority: Authority, context: render.SiteContext, draw) -> dict[str, bytes]:
    """The committee paper for the latest report, as PDF and HTML in the section, when site.yml
    asks for it (paper.on_site; issue 26): the paper `build_site.py paper <slug>` writes."""
    if not context.papers:
        return {}
    from journeys.paper.command import site_paper

    return site_paper(authority, context.built_at, context.committee, draw)


def build_section(section: engine.Section, look: engine.Look, workspace: Path) -> list[Problem]:
    """A section's pages through the site engine into workspace/built/site, finished (their
    HTML blocks and charts, lifted before the engine, put back), and their search documents
    into workspace/built/search (which assemble() lays out beside the site)."""
    built = workspace / "built"
    pages, blocks = finish.lift_pages(section.pages, look.abbreviations)
    problems = engine.build_section(replace(section, pages=pages), look, workspace / "work", built / "site")
    if not problems:
        finish.finish_pages(built / "site", blocks, built / "search", shared_assets=bool(section.name))
    return problems


def keep_authored_specs(store: cache.Store) -> list[str]:
    """Authored specs kept between builds: the charts' template and its Vega for each kind of
    chart, the theme's compiled templates, and each picture's spec by its facts. Returns the
    keys of the specs read (filled in as charts and pictures are made), which a section keeps
    with it, as it keeps its drawings, so that they outlive its restores."""
    charts.keep_template(lambda compute: store.value(cache.key(CHART_TEMPLATE), compute)[0])
    engine.keep_compiled_in(store.folder / cache.TEMPLATES if store.folder else None)
    used: list[str] = []

    def keeper(parts: tuple, compute):
        used.append(cache.key(KEPT_SPEC, *parts))
        return store.value(used[-1], compute)[0]

    pictures.keep_specs(keeper)
    charts.keep_compiled(keeper)
    return used


CHART_TEMPLATE, KEPT_SPEC, MODEL = "chart-template", "kept-spec", "model"


def built_pages(site: Path) -> list[str]:
    return sorted(str(page.relative_to(site)) for page in site.rglob("*.html"))


def authority_key(authority: Authority) -> list:
    """The authority as published (after embargo and suppression): its identity and every table.
    Worked out once per authority loaded (hashing its tables is most of a rebuild's tenth of a second)."""
    if id(authority) not in _authority_keys:
        tables = sorted(authority.tables.items())
        _authority_keys[id(authority)] = [
            authority.slug, authority.name, authority.gss_code, authority.dfe_code, authority.descriptor,
            [(name, cache.table_digest(table).hex()) for name, table in tables]]
        weakref.finalize(authority, _authority_keys.pop, id(authority), None)  # its id may be reused after
    return _authority_keys[id(authority)]


# id -> key, while the authority lives: a worker that builds many sections must not keep every one
_authority_keys: dict[int, list] = {}


def context_key(context: render.SiteContext) -> list:
    """What a section's pages take from the site: names, links, the build's date (not its time)."""
    return [context.site_name, context.mode, context.built_at.date().isoformat(),
            [asdict(entry) for entry in context.authorities],
            [asdict(entry) for _, entry in sorted(context.compared.items())], context.papers, context.committee]


def look_key(look: engine.Look) -> list:
    logo = look.logo.read_bytes().hex() if look.logo and look.logo.is_file() else ""
    return [asdict(replace(look, logo=None)), logo]


def root_key(authorities: list[Outline], context: render.SiteContext, look: engine.Look) -> str:
    """What the home and site-wide pages show: every authority's summary and series (the comparisons
    are made from these, so the key need not hash them again: at national scale that took seconds)."""
    return cache.key("root", [a.digest for a in authorities], context_key(replace(context, compared={})),
                     look_key(look))


def build_root_section(authorities: list[Outline], context: render.SiteContext, look: engine.Look,
                       workspace: Path, found: list = (), store: cache.Store | None = None) -> SectionReport:
    """The home page and the site-wide pages, linking to every authority's section: from the
    cache when nothing it shows has changed (the authorities' summaries, the comparisons, the
    site's names and look), else built."""
    store = store or cache.Store(None)
    summaries = [authority.summary for authority in authorities]
    report = SectionReport("", [], key=root_key(authorities, context, look))
    built = workspace / "built"
    files = store.restore(cache.ROOT_SECTION, report.key, built)
    if files is not None:
        report.from_cache, report.pages = True, site_pages(files)
        return report
    listed = [{str(text(a.name)): f"{a.slug}/"} for a in authorities]
    specs = keep_authored_specs(store)
    draw, drawn = drawing_through(store)
    with charts.drawing_with(draw):
        pages = render.site_pages(summaries, context) + compare.pages(list(found), context, draw)
    section = engine.Section(name="", title=look.site_name, pages=pages, files=compare.files(list(found)),
                             nav_tail=[{"Authorities": listed}] if listed else [])
    report.problems = build_section(section, look, workspace)
    if not report.problems:
        report.pages = built_pages(built / "site")
        store.keep(cache.ROOT_SECTION, report.key, built, charts=drawn, values=specs)
    return report


def build_root_section_apart(*job) -> SectionReport:
    """build_root_section, as a pool's worker runs it (by this name: a benchmark may time the other)."""
    return build_root_section(*job)


def drawing_through(store: cache.Store):
    """A draw(spec) that never draws a spec twice (the chart cache), and the specs it was asked for,
    which the section keeps with it so that restoring the section keeps their drawings too."""
    drawn: list[dict] = []

    def draw(spec: dict) -> str:
        drawn.append(spec)
        return store.chart(spec, charts.chart_svg)

    return draw, drawn


def missing_pages(site: Path, reports: list[SectionReport]) -> list[Problem]:
    """Every page a section made must be in the assembled site: never publish fewer than were made."""
    missing = [f"{report.slug}/{page}" if report.slug else page for report in reports for page in report.pages
               if not (site / report.slug / page).is_file()]
    return [problem("site-engine", "site",
                    what=f"{len(missing)} built page(s) are missing from the assembled site, e.g. {missing[0]}",
                    fix="Delete the cache folder (cache_dir in site.yml) and build again; please report this.")
            ] if missing else []


FAIL_OVER_SIZE_LIMIT = "JOURNEYS_FAIL_OVER_SIZE_LIMIT"  # set (the publishing workflow does): a refusal


def check_size(site: Path, config: SiteConfig) -> list[Problem]:
    """Warn when the site is larger than its host accepts (site.yml's size_limit_mb, default 1 GB);
    with JOURNEYS_FAIL_OVER_SIZE_LIMIT set, refuse to publish it, so the workflow fails at build
    time rather than at deployment."""
    limit = config.size_limit_mb
    size = sum(entry.stat().st_size for entry in site.rglob("*") if entry.is_file())
    if size <= limit * 1_000_000:
        return []
    message = f"the site is {size / 1_000_000:,.1f} MB, over the limit of {limit:,g} MB"
    hint = ("Publish fewer authorities, or raise size_limit_mb in site.yml if the host accepts more "
            "(GitHub Pages refuses a site over 1 GB).")
    if os.environ.get(FAIL_OVER_SIZE_LIMIT):
        return [problem("site-config", str(config.path), None, "size_limit_mb", f"{limit:g}", what=message, fix=hint)]
    print(f"Warning: {message}. {hint}", flush=True)
    return []


class Indexing:
    """The search index: from the cache when every section it indexes is as it was, else made by
    Pagefind (a process of its own) from a thread of this one, given each batch of sections'
    search documents as they are ready (`add`) and the home and site-wide pages' last (`finish`).
    So Pagefind works while this process builds: beside the one changed section of a rebuild (the
    others' documents go first), and beside the home pages."""

    def __init__(self, workspace: Path, keys: list[str], store: cache.Store):
        self.workspace, self.store, self.key = workspace, store, cache.key("search", sorted(keys))
        self.out = workspace / INDEX_FOLDER
        self.restored = store.restore(cache.SEARCH, self.key, self.out) is not None
        self.folders: queue.Queue = queue.Queue()
        self.added: set[str] = set()
        self.thread, self.running = None, None

    def add(self, slugs: list[str]) -> None:
        """These authorities' search documents, laid out under a folder of their own as in the site."""
        slugs = [slug for slug in slugs if slug not in self.added]
        if self.restored or not slugs:
            return
        batch = self.workspace / f"search-{len(self.added)}"
        batch.mkdir()
        for slug in slugs:
            (self.workspace / slug / "built" / "search").rename(batch / slug)
        self.added.update(slugs)
        self.folders.put(batch)
        if self.running is None:
            self.thread = ThreadPoolExecutor(max_workers=1)
            self.running = self.thread.submit(index_site, self.out, iter(self.folders.get, None))

    def finish(self, site: Path) -> list[Problem]:
        """Index the home and site-wide pages' documents, wait, and put the index into the site."""
        if self.running is not None:
            self.folders.put(self.workspace / "_root" / "built" / "search")
        problems = self.close()
        if not problems and self.out.is_dir():
            if not self.restored:
                self.store.keep(cache.SEARCH, self.key, self.out)
            self.out.rename(site / INDEX_FOLDER)
        return problems

    def close(self) -> list[Problem]:
        """Let Pagefind finish with what it was given, and end its thread (the build may have stopped)."""
        if self.running is None:
            return []
        self.folders.put(None)
        problems = self.running.result()
        self.thread.shutdown()
        self.running = None
        return problems


def about_links(root: str) -> dict:
    return {"About this site": [{title: root + render.page_dir(path)} for title, path in ABOUT]}


def assemble(workspace: Path, authorities: list[Outline]) -> Path:
    """One site: the root build, with each authority's build moved into its folder."""
    site = workspace / "site"
    (workspace / "_root" / "built" / "site").rename(site)
    for authority in authorities:
        (workspace / authority.slug / "built" / "site").rename(site / authority.slug)
    return site


def write_feeds(authorities: list[Outline], config: SiteConfig, site: Path, now: datetime) -> None:
    changes = {authority.slug: list(authority.summary.changes) for authority in authorities}
    atom_feeds(authorities, config.site_url, site, now, changes=changes, site_name=config.name)


# --- The workspace and the swap -------------------------------------------------------------

def new_workspace(site_dir: Path) -> Path:
    """A fresh folder beside the site (same file system, so the final swap is a rename)."""
    remove_stale_workspaces(site_dir)  # left by a build that was killed
    workspace = site_dir.parent / f"{site_dir.name}.build-{os.getpid()}"
    shutil.rmtree(workspace, ignore_errors=True)
    workspace.mkdir(parents=True)
    return workspace


def publish(new_site: Path, site_dir: Path, store: cache.Store | None = None) -> None:
    """Put the new site in place of the old in one step; then discard the old one (into the
    cache's trash, which the next build empties while it works).

    The new site carries the marker that lets the next build replace it (config.site_dir_problems).
    """
    (new_site / SITE_MARKER).write_text("Made by journeys (build_site.py); replaced whole by each build.\n",
                                        encoding="utf-8")
    if not site_dir.exists():
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        new_site.rename(site_dir)
        return
    if not _exchange(new_site, site_dir):
        retired = site_dir.parent / f"{site_dir.name}.old-{os.getpid()}"
        site_dir.rename(retired)   # the gap between these two renames is microseconds
        new_site.rename(site_dir)
        new_site = retired
    (store or cache.Store(None)).discard(new_site)  # after the swap it holds the old site


def _exchange(first: Path, second: Path) -> bool:
    """Swap two directories atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    at_cwd, rename_exchange = -100, 2
    result = renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), rename_exchange)
    return result == 0


# --- Workers ----------------------------------------------------------------------------------

@contextmanager
def workers(jobs: int | None, units: int):
    """A pool of processes for the sections to build, or None to build them in this process.

    `jobs` (site.yml): 0 builds in this process; n uses up to n processes; unset, one per core.
    A pool costs seconds to start (each worker imports the libraries again), so a single unit
    of work, the usual rebuild, is always done here.

    Workers are fresh interpreters ("spawn"): a forked copy of this process could inherit a
    lock held by one of its threads (the chart renderer runs one) and wait forever. They end
    with the build, even one killed with SIGKILL (journeys/lifetime.py).
    """
    count = min(os.cpu_count() or 1 if jobs is None else jobs, units)
    if count < 2:
        yield None
        return
    with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn"), initializer=end_with_parent,
                             initargs=(os.getpid(),)) as pool:
        yield pool


@contextmanager
def timed(report: SectionReport, what: str):
    start = time.perf_counter()
    yield
    report.seconds[what] = report.seconds.get(what, 0.0) + time.perf_counter() - start


# --- Telling the person what is happening ---------------------------------------------------------

@contextmanager
def stage(what: str):
    """Print each stage as it starts and how long it took, so a long build shows it is working."""
    print(f"{what}...", end="", flush=True)
    start = time.perf_counter()
    yield
    print(f" {time.perf_counter() - start:.1f} s", flush=True)


@contextmanager
def progress(total: int):
    """Count units as they finish: on a terminal one updating line, in a log a line per tenth."""
    done, shown, live = 0, 0, sys.stdout.isatty()

    def tick(report: SectionReport) -> SectionReport:
        nonlocal done, shown
        done += 1
        if live:
            print(f"\r  {done}/{total} {report.slug[:40]:<40}", end="", flush=True)
        elif done * 10 // total > shown:
            shown = done * 10 // total
            print(f"  {done}/{total}", flush=True)
        return report

    yield tick
    if live:
        print("\r" + " " * 50 + "\r", end="", flush=True)


def section_summary(reports: list[SectionReport]) -> str:
    """How many sections came from the cache, and the processes' time per kind of work."""
    totals: dict[str, float] = {}
    for report in reports:
        for what, seconds in report.seconds.items():
            totals[what] = totals.get(what, 0.0) + seconds
    reused = sum(report.from_cache for report in reports)
    spent = ", ".join(f"{what} {seconds:.1f} s" for what, seconds in totals.items()) or "nothing to build"
    return f"{reused} of {len(reports)} from the cache; work in the sections: {spent}"


def refuse(problems: list[Problem]) -> int:
    """Print every problem, say the site was left as it was, and fail."""
    print()
    for found in problems:
        print(found.line())
    print(f"\n{len(problems)} problem{'s' if len(problems) != 1 else ''}: the site was not built, "
          "and the previous site (if any) is unchanged.", file=sys.stderr)
    return 1
