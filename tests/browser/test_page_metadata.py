"""Every page's head: a description of its own facts (markup in the data stays text), a title that
does not repeat the site's name, and a link to the feed of what changed that leads to the feed."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from journeys.domain import summarise
from journeys.model import load_authority
from journeys.outputs.pages.descriptions import describe_authority
from journeys.outputs.wording import describe

SITE_NAME = "Children's services improvement journeys"


class Head(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title, self.descriptions, self.feeds, self._in_title = "", [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and attrs.get("name") == "description":
            self.descriptions.append(attrs.get("content", ""))
        elif tag == "link" and attrs.get("rel") == "alternate" and attrs.get("type") == "application/atom+xml":
            self.feeds.append(attrs)

    def handle_endtag(self, tag):
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def heads(site: Path) -> dict[str, Head]:
    found = {}
    for page in sorted(site.rglob("*.html")):
        head = Head()
        head.feed(page.read_text(encoding="utf-8").split("</head>")[0])
        found[page.relative_to(site).as_posix()] = head
    return found


@pytest.mark.parametrize("which", ["built_site", "shipped_site"])
def test_every_page_has_one_description_of_its_own(which, request):
    site = request.getfixturevalue(which)
    pages = {path: head for path, head in heads(site).items() if path != "404.html"}
    missing = [path for path, head in pages.items() if len(head.descriptions) != 1 or len(head.descriptions[0]) < 40]
    assert missing == []
    descriptions = [head.descriptions[0] for head in pages.values()]
    assert len(set(descriptions)) == len(descriptions), "two pages share a description"


def test_descriptions_say_the_pages_facts(shipped_site):
    found = heads(shipped_site)
    overview = found["coventry/index.html"].descriptions[0]
    assert overview.startswith("Coventry City Council's children's services improvement journey.")
    assert "indicators" in overview and "Figures as at" in overview
    assert found["index.html"].descriptions[0].startswith("How 4 English councils (")


def test_an_indicator_pages_description_is_its_charts_summary(shipped_site, tmp_path):
    """The same facts in the same words: the description is the chart's summary, without the gaps."""
    from datetime import datetime, timezone

    from journeys.outputs.page import Page, indicator_path

    authority = load_authority(Path(__file__).parents[2] / "data" / "leicestershire")
    summary = summarise(authority, datetime(2026, 11, 1, tzinfo=timezone.utc))
    status = next(s for s in summary.statuses if s.indicator_id == "repeat-cp-plans")
    [page] = describe_authority([Page(indicator_path("repeat-cp-plans"), "t", "t", "")], summary)
    caption = heads(shipped_site)["leicestershire/indicators/repeat-cp-plans/index.html"].descriptions[0]
    assert caption == page.description == f"{summary.name}: {describe(status, _no_gaps())}"


def _no_gaps():
    import pandas as pd
    return pd.DataFrame(columns=["value", "period_label"])


def test_markup_in_the_data_stays_text_in_the_description(built_site):
    raw = (built_site / "injection" / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    [described] = heads(built_site)["injection/index.html"].descriptions
    assert "package.title-PAYLOAD <script>window.__pwned" in described  # the name, as the characters it is
    assert "<script>window" not in raw  # never as markup


def test_the_home_pages_title_is_the_sites_name_once(shipped_site):
    found = heads(shipped_site)
    assert found["index.html"].title.strip() == SITE_NAME
    assert found["coventry/index.html"].title.strip() == f"Coventry City Council: overview - {SITE_NAME}"


@pytest.mark.parametrize("which", ["built_site", "shipped_site"])
def test_every_page_links_its_feed_and_the_link_leads_to_it(which, request):
    site = request.getfixturevalue(which)
    for path, head in heads(site).items():
        assert len(head.feeds) == 1, path
        [feed] = head.feeds
        if path == "404.html":
            continue  # links by the site's path; test_not_found serves it where that resolves
        target = urljoin(f"https://host/{path}", feed["href"]).removeprefix("https://host/")
        slug = path.split("/")[0]
        expected = f"feeds/{slug}.xml" if (site / "feeds" / f"{slug}.xml").is_file() else "feeds/all.xml"
        assert target == expected, path
        assert (site / target).is_file() and feed["title"].endswith(": what changed")
