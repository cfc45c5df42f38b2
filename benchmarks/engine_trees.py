"""The Markdown trees for benchmarks/bench_engines.py: the sections the pipeline hands the site
engine, written as journeys/engine.py writes them, with the changes each engine variant needs.

    python -m benchmarks.engine_trees SITE_YML OUT.pickle    (run by bench_engines.py) builds the
    site and keeps each section as it reached journeys.build.sections.through_the_engine
"""

from __future__ import annotations

import os
import pickle
import secrets
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from journeys import engine
from journeys.outputs import finish
from journeys.outputs.markup import Html
from journeys.outputs.page import Page

ROOT = Path(__file__).resolve().parent.parent


def _folders_inside(config: dict) -> None:
    config.update(docs_dir="docs", site_dir="site")


def _anchors_ours(config: dict) -> None:
    config["validation"]["links"]["anchors"] = "ignore"


def _search_off(config: dict) -> None:
    config["plugins"] = [{"search": {"enabled": False}}]


def _classic(config: dict) -> None:
    config["theme"]["variant"] = "classic"


# What Zensical needs changed in the generated mkdocs.yml, each in words and as a change.
CHANGES = {
    "folders inside": ("docs_dir: docs, site_dir: site (relative, inside the configuration's folder)",
                       _folders_inside),
    "anchors ours": ("validation.links.anchors: ignore (the targets are in lifted blocks)", _anchors_ours),
    "search off": ("plugins: [search: {enabled: false}] (Zensical's own search is on unless told)", _search_off),
    "classic": ("theme.variant: classic (Material's look; Zensical's default is 'modern')", _classic),
}


@dataclass(frozen=True)
class Variant:
    """One engine given one configuration: the generated one, with these CHANGES."""
    label: str
    engine: str                 # mkdocs, properdocs, zensical
    changes: tuple = ()

    @property
    def relative_folders(self) -> bool:
        return "folders inside" in self.changes


VARIANTS = [
    Variant("MkDocs + Material (today)", "mkdocs"),
    Variant("properdocs + Material", "properdocs"),
    Variant("Zensical, as written", "zensical"),
    Variant("Zensical, folders inside", "zensical", ("folders inside",)),
    Variant("Zensical, adjusted", "zensical", tuple(CHANGES)),
    Variant("MkDocs, Zensical's config", "mkdocs", tuple(CHANGES)),  # can one mkdocs.yml serve both?
]


# --- The trees --------------------------------------------------------------------------------------

def capture_sections(authority: str, work: Path) -> list[tuple[engine.Section, engine.Look]]:
    """The sections the pipeline hands the engine, from a real build of one authority's site."""
    config = work / "site.yml"
    config.write_text(yaml.safe_dump({
        "name": "Children's services improvement journeys", "mode": "national", "authorities": [authority],
        "data_dir": str(ROOT / "data"), "site_dir": str(work / "site"), "cache_dir": str(work / "cache"),
        "jobs": 0, "site_url": "https://example.org/journeys/"}), encoding="utf-8")
    environment = {**os.environ, "JOURNEYS_CACHE_SECRET": secrets.token_hex(16)}  # a cache of its own
    done = subprocess.run([sys.executable, "-m", "benchmarks.engine_trees", str(config), str(work / "sections.pickle")],
                          cwd=ROOT, env=environment, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"the shipped site did not build:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    with open(work / "sections.pickle", "rb") as handed:
        return pickle.load(handed)


def probe_section() -> engine.Section:
    """One page with each Markdown feature our pages rely on, written as Markdown, nothing lifted."""
    body = Html("# Probe: every feature\n\n"
                "## A heading with an id {#probe-id}\n\n"
                "The CAF is named here, and [a link to the heading](#probe-id).\n\n"
                "Term\n:   Its definition (def_list).\n\n"
                '<div class="probe" markdown="1">\n**Bold inside md_in_html** near CAF.\n</div>\n\n'
                '<table class="probe-table"><caption>Raw table</caption><tr><td>CAF cell</td></tr></table>\n\n'
                '<svg class="probe-svg" role="img" aria-label="probe"><title>probe</title>'
                '<rect width="1" height="1"/></svg>\n\n'
                "<!--journeys:probe-->\n")
    page = Page("index.md", Html("Probe &#38; title"), Html("Probe"), body)
    return engine.Section(name="", title="Probe", pages=[page])


def write_tree(section: engine.Section, look: engine.Look, variant: Variant, folder: Path,
               lift: bool = True) -> dict[str, str]:
    """The section written as journeys/engine.py writes it (config in folder/work, site into
    folder/built/site), with the variant's changes; returns the lifted blocks."""
    pages, blocks = finish.lift_pages(section.pages, look.abbreviations) if lift else (section.pages, {})
    work = folder / "work"
    engine.write_sources(replace(section, pages=pages), look, work / "docs", work / "snippets")
    config = engine.engine_config(section, look, work / "docs", work / "snippets", folder / "built" / "site")
    for change in variant.changes:
        CHANGES[change][1](config)
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return blocks


def site_folder(folder: Path, variant: Variant) -> Path:
    return folder / "work" / "site" if variant.relative_folders else folder / "built" / "site"




def _capture(config: str, out: str) -> int:
    """Build the site, keeping each section as the pipeline hands it to the engine."""
    from journeys.build import pipeline, sections

    handed, through = [], sections.through_the_engine

    def capture(section, look, *args):
        handed.append((section, look))
        return through(section, look, *args)

    sections.through_the_engine = capture
    status = pipeline.build_command(config)
    with open(out, "wb") as kept:
        pickle.dump(handed, kept)
    return status


if __name__ == "__main__":
    sys.exit(_capture(*sys.argv[1:3]))
