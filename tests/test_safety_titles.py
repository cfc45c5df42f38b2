"""Issue 12.1: a title is text wherever it lands, whatever characters it holds.

An astral character (an emoji) once made the front matter invalid YAML; MkDocs dropped it
silently and the theme then printed the title through `striptags`, which decodes escaped
markup back into live tags. One real build, with an emoji, markup and entities in every
free-text field (so in every title: the authority's name, indicators, themes, actions,
documents, milestones) and in the site's name.
"""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

from browser.packages import free_text_fields
from conftest import DEFAULT_TABLES, edit_descriptor, make_package
from journeys.build.pipeline import build
from journeys.build.config import load_config

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
TITLE = "Return home 📈 </title><script>alert(document.domain)</script> &amp; &#60;b&#62; 𝒳"


class Page(HTMLParser):
    """The <title> text, the <h1> texts, and every script element's source and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title, self.headings, self.scripts, self._in = "", [], [], None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append([dict(attrs).get("src") or "", ""])
        if tag in ("title", "h1", "script"):
            self._in = tag
            if tag == "h1":
                self.headings.append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "h1":
            self.headings[-1] += data
        elif self._in == "script":
            self.scripts[-1][1] += data


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("titles")
    tables = copy.deepcopy(DEFAULT_TABLES)
    for name, rows in tables.items():
        for number, row in enumerate(rows):
            for field in free_text_fields(name):
                row[field] = f"{name}.{field}.{number} {TITLE}"
    edit_descriptor(make_package(base, "demo", **tables), title=f"Council {TITLE}")
    (base / "site.yml").write_text(f"name: 'Journeys {TITLE}'\ndata_dir: data\nsite_dir: site\n", encoding="utf-8")
    config, problems = load_config(base / "site.yml")
    assert problems == []
    assert build(config, NOW) == 0
    return config.site_dir


def parsed(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_title_and_heading_carries_the_text_literally(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        page = parsed(path)
        if path.name != "404.html":
            assert TITLE in page.title, f"{path.relative_to(site)}: <title>{page.title}</title>"
        for text in [page.title, *page.headings]:
            if "Return home" in text:  # every copy of the title whole, not a tag of it made live
                assert text.count("Return home") == text.count(TITLE), f"{path.relative_to(site)}: {text}"


def test_the_indicator_page_title_is_the_indicator_title(site):
    page = parsed(site / "demo" / "indicators" / "re-referrals" / "index.html")
    assert page.title.startswith(f"indicators.title.0 {TITLE}")
    assert page.headings[0].strip().startswith(f"indicators.title.0 {TITLE}")


def test_no_script_from_the_data_and_no_front_matter_on_any_page(site):
    for path in site.rglob("*.html"):
        page, html = parsed(path), path.read_text(encoding="utf-8")
        assert not [s for s in page.scripts if "alert" in s[1] or "alert" in s[0]], path
        assert "title: " not in html.split("<body", 1)[-1], path  # a dropped front matter shows as text
