"""The build pipeline: configuration, refusing bad input with the old site untouched, the swap,
the engine's configuration, the preview's rebuild loop, and one real single-authority build."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from conftest import DEFAULT_TABLES, DOCUMENT, edit_descriptor, make_package
from journeys.build import pipeline, sections, workers
from journeys.build.kept import Kept
from journeys.build.publish import last_sections, publish
from journeys import engine
from journeys.cli import main
from journeys.build.config import SITE_MARKER, load_config
from journeys.model.problems import Problem
from journeys.build.serve import rebuild_on_change, relevant

ROOT = Path(__file__).resolve().parent.parent

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'


def site_config(tmp_path: Path, text: str = "") -> Path:
    path = tmp_path / "site.yml"
    path.write_text("data_dir: data\nsite_dir: site\n" + text, encoding="utf-8")
    return path


def old_site(tmp_path: Path) -> Path:
    """A previous site, which a failed build must leave exactly as it was."""
    marker = tmp_path / "site" / "index.html"
    marker.parent.mkdir(parents=True)
    marker.write_text("the old site", encoding="utf-8")
    (marker.parent / SITE_MARKER).write_text("", encoding="utf-8")  # a site a build made
    return marker


def assert_untouched(tmp_path: Path, marker: Path) -> None:
    assert marker.read_text(encoding="utf-8") == "the old site"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("site")) == ["site", "site.yml"]


# --- Refusing, and leaving the old site alone --------------------------------------------------

def test_bad_data_is_reported_and_the_old_site_is_untouched(tmp_path, capsys):
    marker = old_site(tmp_path)
    make_package(tmp_path, observations=[{**DEFAULT_TABLES["observations"][0], "value": "N/A"}])
    assert main(["build", "--config", str(site_config(tmp_path))]) == 1
    out = capsys.readouterr()
    assert 'observations.csv, row 2, column "value": "N/A"' in out.out
    assert "previous site (if any) is unchanged" in out.err
    assert_untouched(tmp_path, marker)


def test_a_problem_in_the_engine_leaves_the_old_site_untouched(tmp_path, monkeypatch, capsys):
    marker = old_site(tmp_path)
    make_package(tmp_path)
    broken = Problem("site-engine", "site section 'demo'", None, None, None, "a page would not build", "report it")
    monkeypatch.setattr(sections.engine, "build_section", lambda *args: [broken])
    config, _ = load_config(site_config(tmp_path))
    assert pipeline.build(config, NOW) == 1
    assert "a page would not build" in capsys.readouterr().out
    assert_untouched(tmp_path, marker)


def test_a_failed_home_page_stops_the_indexer_it_ran_beside_and_leaves_the_old_site_untouched(tmp_path, monkeypatch):
    import threading

    marker = old_site(tmp_path)
    make_package(tmp_path)
    indexed = []

    def index_site(out, documents):  # Pagefind's part: take every folder it is given, as it comes
        indexed.extend(documents)
        return []

    real = sections.build

    def broken_root(job, kept):
        if job.slug:
            return real(job, kept)
        return sections.SectionReport("", [Problem("site-engine", "site", None, None, None, "no home page", "")])

    monkeypatch.setattr(workers, "index_site", index_site)
    monkeypatch.setattr(sections, "build", broken_root)
    before = threading.active_count()
    config, _ = load_config(site_config(tmp_path))
    assert pipeline.build(config, NOW) == 1
    assert indexed and not any("_root" in folder.parts for folder in indexed)  # the authority's, never the root's
    assert threading.active_count() == before  # no indexer left waiting for the rest
    assert_untouched(tmp_path, marker)


def test_a_failed_search_index_leaves_the_old_site_untouched(tmp_path, monkeypatch):
    marker = old_site(tmp_path)
    make_package(tmp_path)
    monkeypatch.setattr(sections.engine, "build_section", lambda section, look, work, out, templates=None:
                        out.mkdir(parents=True) or [])
    monkeypatch.setattr(workers, "index_site", lambda out, documents: [
        Problem("search-index", "site", None, None, None, "no index", "")])
    config, _ = load_config(site_config(tmp_path))
    assert pipeline.build(config, NOW) == 1
    assert_untouched(tmp_path, marker)


def test_publishing_swaps_the_new_site_in_whole(tmp_path):
    old, new = tmp_path / "site", tmp_path / "site.build-1" / "site"
    (old / "gone").mkdir(parents=True)
    (new / "here").mkdir(parents=True)
    publish(new, old, {"demo": "a key"}, Kept(None))
    assert sorted(p.name for p in old.iterdir()) == [SITE_MARKER, "here"]
    assert not new.exists() and last_sections(old) == {"demo": "a key"}
    first = tmp_path / "first" / "site"
    (tmp_path / "new2" / "x").mkdir(parents=True)
    publish(tmp_path / "new2", first, {}, Kept(None))  # no previous site at all
    assert (first / "x").is_dir()


# --- Configuration -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, column", [
    ("mode: regional\n", "mode"),
    ("mode: single\nauthorities: [a, b]\n", "authorities"),
    ("branding:\n  primary_colour: '#FFDD00'\n", "branding.primary_colour"),
    ("branding:\n  accent_colour: red\n", "branding.accent_colour"),
    ("branding:\n  logo: missing.svg\n", "branding.logo"),
    ("colour: blue\n", "colour"),
])
def test_configuration_problems_name_the_setting(tmp_path, text, column):
    config, problems = load_config(site_config(tmp_path, text))
    assert config is None
    assert [p.column for p in problems] == [column]
    assert all(p.slug == "site-config" and p.hint for p in problems)


def test_broken_yaml_names_the_line(tmp_path):
    path = tmp_path / "site.yml"
    path.write_text("name: x\nmode: [unclosed\n", encoding="utf-8")
    _, problems = load_config(path)
    assert [p.row for p in problems] == [3]


def test_a_missing_configuration_is_a_problem_not_a_traceback(tmp_path, capsys):
    assert main(["build", "--config", str(tmp_path / "nowhere.yml")]) == 1
    assert "does not exist" in capsys.readouterr().out


def test_a_named_authority_must_exist_and_must_not_clash_with_the_site(tmp_path, capsys):
    make_package(tmp_path, slug="search")
    config, _ = load_config(site_config(tmp_path, "authorities: [search, nowhere]\n"))
    folders, problems = pipeline.find_packages(config)
    assert [p.value for p in problems] == ["nowhere"]
    config, _ = load_config(site_config(tmp_path, "authorities: [search]\n"))
    assert pipeline.build(config, NOW) == 1  # the site's own search page would clash: validation refuses it
    assert "is a name the site uses for its own pages" in capsys.readouterr().out


# --- The engine's configuration ----------------------------------------------------------------

def test_engine_builds_strict_with_no_search_plugin_no_web_fonts_and_no_html_tooltips():
    config = yaml.safe_load(engine.BASE_CONFIG.read_text(encoding="utf-8"))
    assert config["strict"] is True and config["plugins"] == [] and config["theme"]["font"] is False
    # Material's content.tooltips re-renders link text as HTML: a nav title from a CSV would run.
    assert "content.tooltips" not in config["theme"].get("features", [])


def test_navigation_groups_pages_and_links_to_the_other_builds():
    from journeys.outputs.page import Page
    from journeys.outputs.markup import Html

    def page(path, title, group=None):
        return Page(path, Html(title), Html(title), Html(""), group=group)

    section = engine.Section(name="demo", title="Demo &#38; Co", pages=[
        page("index.md", "Overview"), page("indicators/index.md", "Indicators", "Indicators"),
        page("indicators/a.md", "A &#60;b&#62;", "Indicators")], nav_head=[{"Home": "../"}],
        nav_tail=[{"About": [{"Glossary": "../glossary/"}]}])
    assert engine.navigation(section) == [
        {"Home": "../"},
        {"Demo &#38; Co": [{"Overview": "index.md"},
                           {"Indicators": ["indicators/index.md", {"A &#60;b&#62;": "indicators/a.md"}]}]},
        {"About": [{"Glossary": "../glossary/"}]}]


def test_front_matter_is_data_whatever_the_title():
    from journeys.outputs.page import Page
    from journeys.outputs.markup import Html, text

    title = text('x"\n---\nevil: true')
    matter = engine.front_matter(Page("a.md", title, title, Html("")))
    assert yaml.safe_load(matter.split("---\n")[1]) == {"title": str(title)}


def test_hand_written_pages_build_strict_on_their_own(tmp_path):
    """`mkdocs build --strict` with the project's mkdocs.yml: the hand-written pages in docs/."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config as mkdocs_config

    mkdocs_build(mkdocs_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "preview")))
    assert (tmp_path / "preview" / "how-to-read" / "index.html").is_file()


# --- The preview's rebuild loop ----------------------------------------------------------------

def test_preview_rebuilds_when_a_csv_changes_and_not_for_editor_noise():
    batches = [{(2, "/data/demo/observations.csv")}, {(1, "/data/demo/.observations.csv.swp")},
               {(2, "/data/demo/notes.txt")}, {(2, "/docs/how-to-read.md")}]
    rebuilt = []
    assert rebuild_on_change(batches, lambda: rebuilt.append(1) or 0) == 2
    assert relevant(["/a/b.csv", "/a/.b.csv", "/a/b.tmp"]) == ["/a/b.csv"]


# --- One real build: a council's own site -------------------------------------------------------

class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for name in ("href", "src"):
            if attributes.get(name) and tag != "use":
                self.links.append(attributes[name])


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def broken_links(site: Path) -> list[str]:
    """Every relative link and anchor in every page, resolved against the built files."""
    # The root 404 page's links are written for a site at the root of its host, as hosts serve it.
    broken, pages = [], {page: parse(page) for page in site.rglob("*.html") if page.name != "404.html"}
    for page, found in pages.items():
        base = "http://site/" + page.relative_to(site).as_posix()
        for link in found.links:
            if urlsplit(link).scheme in ("http", "https", "mailto") and not link.startswith("http://site"):
                continue
            target = urlsplit(urljoin(base, link))
            path = site / unquote(target.path).lstrip("/")
            path = path / "index.html" if path.is_dir() else path
            if not path.exists():
                broken.append(f"{page.relative_to(site)}: {link}")
            elif target.fragment and path.suffix == ".html" and target.fragment not in pages[path].ids:
                broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    return broken


@pytest.fixture(scope="module")
def single_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("single")
    milestones = DEFAULT_TABLES["milestones"] + [
        {"milestone_id": "notice", "kind": "improvement notice issued", "date": "2014-06-30",
         "title": "Improvement notice issued", **DOCUMENT}]
    edit_descriptor(make_package(base, "coventry", milestones=milestones), title="Coventry City Council")
    make_package(base, "kent")  # in data/, but not on this council's site
    (base / "logo.svg").write_text(LOGO, encoding="utf-8")
    old_site(base)
    config = site_config(base, "name: Coventry's children's services\nmode: single\nauthorities: [coventry]\n"
                               "branding:\n  logo: logo.svg\n  primary_colour: '#8A1538'\n")
    assert main(["build", "--config", str(config)]) == 0
    return base / "site"


def test_single_site_is_the_councils_own(single_site):
    home = (single_site / "index.html").read_text(encoding="utf-8")
    assert "Coventry&#39;s children&#39;s services" in home or "Coventry's children's services" in home
    assert "authorities-table" not in home and "kent/" not in home
    assert (single_site / "coventry" / "plan" / "index.html").is_file()
    assert not (single_site / "kent").exists()


def test_single_site_wears_the_councils_colours_and_logo(single_site):
    assert "#8A1538" in (single_site / "assets/stylesheets/branding.css").read_text(encoding="utf-8")
    assert (single_site / "assets/images/logo.svg").read_text(encoding="utf-8") == LOGO
    # an authority's pages load the site's one copy of the theme's files, its branding and logo included
    plan = (single_site / "coventry/plan/index.html").read_text(encoding="utf-8")
    assert 'src="../../assets/images/logo.svg"' in plan and 'href="../../assets/stylesheets/branding.css"' in plan
    assert not (single_site / "coventry" / "assets").exists()


def test_the_new_site_replaced_the_old_one_whole(single_site):
    assert (single_site / "index.html").read_text(encoding="utf-8") != "the old site"
    assert [p.name for p in single_site.parent.iterdir() if p.name.startswith("site.") and p.is_dir()] == []


def test_every_link_and_anchor_in_the_built_site_resolves(single_site):
    assert broken_links(single_site) == []


def test_the_built_site_has_its_search_index_and_no_material_search(single_site):
    assert (single_site / "pagefind" / "pagefind.js").is_file()
    assert not (single_site / "coventry" / "assets" / "javascripts" / "lunr").exists()
    plan = (single_site / "coventry" / "plan" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in plan and re.search(r'action="\.\./\.\./search/"', plan)
    assert "fonts.googleapis" not in plan and "fonts.gstatic" not in plan


def test_the_sites_feed_is_published_under_the_sites_own_name(single_site):
    """Issue 13, defect 2: feeds/all.xml took the default name, whatever site.yml said."""
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(single_site / "feeds" / "all.xml").getroot()
    assert feed.find(f"{atom}title").text == "Coventry's children's services: what changed"
    assert feed.find(f"{atom}author/{atom}name").text == "Coventry's children's services"
