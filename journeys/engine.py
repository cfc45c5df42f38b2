"""The site engine: everything MkDocs-specific lives here, and only here.

A site is built as several independent MkDocs builds: one for the home and site-wide pages,
and one per authority into its own folder, each with a navigation of its own pages plus links
to the others (plain relative URLs). Each build gets a generated configuration: the project's
mkdocs.yml with this build's folders, name, navigation and branding filled in. Pages arrive
as plain Markdown files written before MkDocs starts; no hooks or plugins, so another engine
that reads mkdocs.yml and Markdown (Material's successor, Zensical) can replace this module.

    build_section(section, look, work_dir, out_dir) -> list[Problem]
"""

from __future__ import annotations

import logging
import math
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from journeys.problems import Problem, problem
from journeys.render import Page

ROOT = Path(__file__).resolve().parent.parent
BASE_CONFIG = ROOT / "mkdocs.yml"
OVERRIDES = ROOT / "overrides"
SNIPPET = "abbreviations.md"


@dataclass(frozen=True)
class Look:
    """What every build of one site shares: name, branding, abbreviations, build date."""
    site_name: str
    primary_colour: str
    accent_colour: str
    logo: Path | None
    abbreviations: tuple[tuple[str, str], ...]  # (abbreviation, meaning): a tooltip wherever one appears
    built: str               # e.g. "22 November 2026", for the footer
    site_url: str = ""


@dataclass(frozen=True)
class Section:
    """One build: the root (name "") or an authority (name = its slug)."""
    name: str
    title: str                               # the section's heading in the navigation
    pages: list[Page]
    files: dict[str, bytes] = field(default_factory=dict)  # other files, e.g. downloads
    nav_head: list = field(default_factory=list)  # nav entries before this build's pages, e.g. {"Home": "../"}
    nav_tail: list = field(default_factory=list)  # and after them: links into the other builds


def build_section(section: Section, look: Look, work_dir: Path, out_dir: Path) -> list[Problem]:
    """Write the section's sources into work_dir and build them into out_dir (strict)."""
    docs = work_dir / "docs"
    write_sources(section, look, docs, work_dir / "snippets")
    config_path = work_dir / "mkdocs.yml"
    config_path.write_text(yaml.safe_dump(engine_config(section, look, docs, work_dir / "snippets", out_dir),
                                          sort_keys=False, allow_unicode=True), encoding="utf-8")
    problems = run(config_path, section.name or "home")
    if not problems:
        prune_theme_files(out_dir, section=bool(section.name))
    return problems


# Theme files this site never loads: Material's own search (off; Pagefind searches the site)
# and source maps, about 2.3 MB per build (a third of a GB at 153 authorities); and an
# authority build's 404 page (hosts serve only the site's root 404 page).
UNUSED_THEME_FILES = ["assets/javascripts/lunr", "assets/javascripts/workers"]
UNUSED_IN_SECTIONS = ["404.html"]


def prune_theme_files(out_dir: Path, section: bool) -> None:
    """Theme files no page loads; and in an authority's build, all of them: its pages load the
    home build's copy (finish.compact_page points them there)."""
    for folder in UNUSED_THEME_FILES + (["assets"] if section else []):
        shutil.rmtree(out_dir / folder, ignore_errors=True)
    for name in UNUSED_IN_SECTIONS if section else []:
        (out_dir / name).unlink(missing_ok=True)
    for source_map in (out_dir / "assets").rglob("*.map"):
        source_map.unlink()


def write_sources(section: Section, look: Look, docs: Path, snippets: Path) -> None:
    """The pages as Markdown, and the section's other files."""
    for page in section.pages:
        _write(docs / page.path, front_matter(page) + page.body)
    for path, body in section.files.items():
        _write(docs / path, body)
    _write(docs / "assets/stylesheets/branding.css", branding_css(look))
    if look.logo:
        _write(docs / f"assets/images/logo{look.logo.suffix}", look.logo.read_bytes())
    _write(snippets / SNIPPET, abbreviation_snippet(look.abbreviations))


def _write(path: Path, body: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(body, bytes):
        path.write_bytes(body)
    else:
        path.write_text(body, encoding="utf-8")


def abbreviation_snippet(abbreviations: tuple[tuple[str, str], ...]) -> str:
    """Markdown abbreviation definitions (our own file; the abbr extension escapes the meanings)."""
    return "".join(f"*[{short}]: {' '.join(meaning.split())}\n" for short, meaning in abbreviations)


def front_matter(page: Page) -> str:
    """The page's metadata. Titles are already escaped: the theme prints them as they are.

    Written by PyYAML itself, with every character as it is: JSON's escapes write an emoji as
    a surrogate pair, which YAML refuses, and MkDocs then drops the whole front matter silently
    (the raw lines appear on the page, and the theme takes the title from elsewhere).
    """
    meta = {"title": str(page.title), **page.meta}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=math.inf) + "---\n\n"


def branding_css(look: Look) -> str:
    """Material's custom palette, from the site's configured colours."""
    return (":root > * {\n"
            f"  --md-primary-fg-color: {look.primary_colour};\n"
            f"  --md-primary-fg-color--light: {look.primary_colour};\n"
            f"  --md-primary-fg-color--dark: {look.primary_colour};\n"
            f"  --md-accent-fg-color: {look.accent_colour};\n"
            f"  --md-typeset-a-color: {look.primary_colour};\n"
            "}\n")


def engine_config(section: Section, look: Look, docs: Path, snippets: Path, out_dir: Path) -> dict:
    """The project's mkdocs.yml with this build's folders, navigation and branding."""
    config = yaml.safe_load(BASE_CONFIG.read_text(encoding="utf-8"))
    config.update(site_name=look.site_name, docs_dir=str(docs), site_dir=str(out_dir), nav=navigation(section),
                  strict=True)
    if look.site_url:
        config["site_url"] = look.site_url.rstrip("/") + "/" + (f"{section.name}/" if section.name else "")
    config["theme"]["custom_dir"] = str(OVERRIDES)
    if look.logo:
        config["theme"]["logo"] = f"assets/images/logo{look.logo.suffix}"
    config["extra"] = {**config.get("extra", {}), "site_root": "../" if section.name else "",
                       "built": look.built}
    config["markdown_extensions"] = [_with_snippets(ext, snippets) for ext in config["markdown_extensions"]]
    return config


def _with_snippets(extension, snippets: Path):
    if isinstance(extension, dict) and "pymdownx.snippets" in extension:
        options = extension["pymdownx.snippets"] or {}
        return {"pymdownx.snippets": {**options, "base_path": [str(snippets)], "auto_append": [SNIPPET]}}
    return extension


def navigation(section: Section) -> list:
    """This build's pages (grouped pages under their headings, a group within a group where a
    page's group is a tuple of headings), then links to other builds. A group whose first page
    is an index.md opens on that page."""
    entries: list = []
    groups: dict[tuple, list] = {}
    for page in section.pages:
        headings = (page.group,) if isinstance(page.group, str) else tuple(page.group or ())
        siblings = entries
        for depth in range(1, len(headings) + 1):
            if headings[:depth] not in groups:
                groups[headings[:depth]] = []
                siblings.append({headings[depth - 1]: groups[headings[:depth]]})
            siblings = groups[headings[:depth]]
        opens_group = headings and not siblings and page.path.endswith("index.md")
        siblings.append(page.path if opens_group else {str(page.nav_title): page.path})
    if section.name:
        entries = [{section.title: entries}]
    return section.nav_head + entries + section.nav_tail


class _Collect(logging.Handler):
    """MkDocs reports problems as log warnings; the build returns them as Problems."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _CompiledTemplates:
    """Jinja's compiled theme templates, kept (a jinja2 BytecodeCache), and the theme's files
    listed without its icons.

    MkDocs makes a new Jinja environment for every build, and so compiles the theme's templates
    again each time: about a quarter of a second of every section's build. They are kept for
    the life of the process, and, when the build has a cache folder (`keep_compiled_in`), in it,
    so a rebuild in a new process compiles nothing. Jinja checks each template's source
    against its checksum before reuse.

    MkDocs also lists every file of the theme to copy its static ones, and Material's theme
    holds 14,000 icons in `.icons/`, which MkDocs then leaves out (it copies no hidden path):
    listing them was another fifth of a second a build.
    """

    folder: Path | None = None

    @staticmethod
    def install() -> None:
        """Set MkDocs to make its Jinja environments with the kept templates (once per folder)."""
        import jinja2
        from mkdocs.theme import Theme

        folder = _CompiledTemplates.folder
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)  # each time: the cache folder may have been deleted
        if getattr(Theme.get_env, "keeps_compiled_in", "unset") == folder:
            return
        cache = jinja2.FileSystemBytecodeCache(str(folder)) if folder is not None else _in_memory_cache()
        make_env = getattr(Theme.get_env, "makes_env", Theme.get_env)

        def get_env(theme):
            env = make_env(theme)
            env.bytecode_cache = cache
            env.loader.list_templates = lambda loader=env.loader: _visible_files(loader.searchpath)
            return env

        get_env.keeps_compiled_in, get_env.makes_env = folder, make_env
        Theme.get_env = get_env


def _in_memory_cache():
    """A jinja2 BytecodeCache for the life of the process (when the build has no cache folder)."""
    import jinja2

    class Kept(jinja2.BytecodeCache):
        store: dict[str, bytes] = {}

        def load_bytecode(self, bucket):
            if bucket.key in self.store:
                bucket.bytecode_from_string(self.store[bucket.key])

        def dump_bytecode(self, bucket):
            self.store[bucket.key] = bucket.bytecode_to_string()

    return Kept()


def keep_compiled_in(folder: Path | None) -> None:
    """Keep compiled theme templates in `folder` (the build's cache) from now on; None: in memory."""
    _CompiledTemplates.folder = folder


def _visible_files(searchpath: list[str]) -> list[str]:
    """What jinja2.FileSystemLoader.list_templates returns, less hidden folders (never copied)."""
    import os

    found = set()
    for root in searchpath:
        for folder, subfolders, files in os.walk(root):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            for name in files:
                found.add(os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/"))
    return sorted(found)


def run(config_path: Path, name: str) -> list[Problem]:
    """Run MkDocs in this process, strict: any warning is a problem and no output is kept."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _CompiledTemplates.install()

    logger, collect = logging.getLogger("mkdocs"), _Collect()
    logger.addHandler(collect)
    try:
        build(load_config(config_file=str(config_path)))
    except MkDocsException as error:
        collect.messages.append(str(error))
    finally:
        logger.removeHandler(collect)
    return [problem("site-engine", f"site section '{name}'", what=message,
                    fix="The site generator made a page the engine could not build: please report this.")
            for message in collect.messages]
