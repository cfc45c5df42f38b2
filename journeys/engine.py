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

import html
import logging
import math
import shutil
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import rcssmin
import yaml

from journeys.model.problems import Problem, problem
from journeys.model.reading import read_file
from journeys.outputs.page import Page

# The base configuration and the theme (Material, with our templates and assets) ship in the package.
BASE_CONFIG = Path(str(files("journeys") / "engine.yml"))
THEME = Path(str(files("journeys") / "theme"))
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
    feed: tuple[str, str] | None = None  # (path from the site's root, title): each page's <link rel="alternate">


def build_section(section: Section, look: Look, work_dir: Path, out_dir: Path, templates=None) -> list[Problem]:
    """Write the section's sources into work_dir and build them into out_dir (strict). `templates`:
    where the theme's compiled templates are kept (load and dump: build.stages.KeptTemplates), if anywhere."""
    docs = work_dir / "docs"
    write_sources(section, look, docs, work_dir / "snippets")
    config_path = work_dir / "mkdocs.yml"
    config_path.write_text(yaml.safe_dump(engine_config(section, look, docs, work_dir / "snippets", out_dir),
                                          sort_keys=False, allow_unicode=True), encoding="utf-8")
    problems = run(config_path, section.name or "home", templates)
    if not problems:
        prune_theme_files(out_dir, section=bool(section.name))
        minify_stylesheets(out_dir)
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


def minify_stylesheets(out_dir: Path) -> None:
    """Our own stylesheets (site.css, branding.css) published minified, as the theme's are: the
    source keeps its comments, which say why each rule is there; readers need only the rules."""
    for stylesheet in (out_dir / "assets" / "stylesheets").glob("*.css"):
        if ".min." not in stylesheet.name:
            stylesheet.write_text(rcssmin.cssmin(stylesheet.read_text(encoding="utf-8")), encoding="utf-8")


def write_sources(section: Section, look: Look, docs: Path, snippets: Path) -> None:
    """The pages as Markdown, and the section's other files."""
    for page in section.pages:
        _write(docs / page.path, front_matter(page) + page.body)
    for path, body in section.files.items():
        _write(docs / path, body)
    _write(docs / "assets/stylesheets/branding.css", branding_css(look))
    if look.logo:
        _write(docs / f"assets/images/logo{look.logo.suffix}", read_file(look.logo))
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
    if page.description:  # plain text; the theme prints it into an attribute as it is
        meta["description"] = html.escape(" ".join(page.description.split()), quote=True)
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
    config["theme"]["custom_dir"] = str(THEME)
    if look.logo:
        config["theme"]["logo"] = f"assets/images/logo{look.logo.suffix}"
    config["extra"] = {**config.get("extra", {}), "site_root": "../" if section.name else "",
                       "built": look.built}
    if section.feed:
        config["extra"]["feed"] = {"path": section.feed[0], "title": section.feed[1]}
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


def _keep_templates(config, templates) -> None:
    """This build's theme makes its Jinja environment with `templates` (compiled templates, kept:
    load(key, checksum) and dump(key, checksum, code)) and lists the theme's files without its icons.

    MkDocs makes a new Jinja environment for every build, and so compiles the theme's templates
    again each time: about a quarter of a second of every section's build. MkDocs also lists
    every file of the theme to copy its static ones, and Material's theme holds 14,000 icons in
    `.icons/`, which MkDocs then leaves out (it copies no hidden path): listing them was another
    fifth of a second a build. MkDocs offers no setting for either, so this build's own Theme
    object (never the class) gets a get_env that adds both. tests/test_engine.py builds a site
    with and without it and fails if the two differ by a byte, or if MkDocs no longer makes its
    environment through Theme.get_env."""
    make_env = config.theme.get_env

    def get_env():
        env = make_env()
        env.bytecode_cache = _bytecode_cache(templates)
        env.loader.list_templates = lambda loader=env.loader: _visible_files(loader.searchpath)
        return env

    config.theme.get_env = get_env


def _bytecode_cache(templates):
    """`templates` as the jinja2 BytecodeCache Jinja asks for; made when MkDocs has loaded jinja2,
    so a rebuild that builds no page never loads it."""
    import jinja2

    class Kept(jinja2.BytecodeCache):
        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            code = templates.load(bucket.key, bucket.checksum)
            if code is not None:
                bucket.bytecode_from_string(code)

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            templates.dump(bucket.key, bucket.checksum, bucket.bytecode_to_string())

    return Kept()


def _visible_files(searchpath: list[str]) -> list[str]:
    """What jinja2.FileSystemLoader.list_templates returns, less hidden folders (never copied)."""
    import os

    found = set()
    for root in searchpath:
        for folder, subfolders, names in os.walk(root):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            for name in names:
                found.add(os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/"))
    return sorted(found)


def run(config_path: Path, name: str, templates=None) -> list[Problem]:
    """Run MkDocs in this process, strict: any warning is a problem and no output is kept.
    `templates`: where the theme's compiled templates are kept (load and dump; None: compile them)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger, collect = logging.getLogger("mkdocs"), _Collect()
    logger.addHandler(collect)
    try:
        config = load_config(config_file=str(config_path))
        if templates is not None:
            _keep_templates(config, templates)
        build(config)
    except MkDocsException as error:
        collect.messages.append(str(error))
    finally:
        logger.removeHandler(collect)
    return [problem("site-engine", f"site section '{name}'", what=message,
                    fix="The site generator made a page the engine could not build: please report this.")
            for message in collect.messages]
