"""Atom feeds of what changed: one per authority (feeds/<slug>.xml) and one for the whole site
(feeds/all.xml), written into the built site.

An entry is one authority's report date: its title says what changed, its content lists each
change (CSV text HTML-escaped, then XML-escaped by feedgen), its `updated` is the report date.
The site's feed holds the newest entries and, besides them, each authority's latest, so that no
authority is left out of it by others that report more often.

Ids are tag: URIs made from the slug and the date alone, never from the site's address: a reader
sees the same entry as the same entry on every rebuild, and when the site is given an address or
moves to another, nothing shows again as new. (RFC 4287: an entry's id must not change when it
is relocated or republished.)
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from journeys.domain.changes import ReportChanges
from journeys.domain.embargo import UK
from journeys.domain.summary import RECENT_REPORTS, Summary
from journeys.outputs.changes import change_lines, report_title, summary
from journeys.outputs.page import ALL_FEED, FEEDS_DIR, feed_path

# Every id is tag:journeys.invalid,2026:<slug>/changes/<date>, the ids the first feeds were
# published with (they had no address), so no reader's feed shows them again. ".invalid" is
# reserved (RFC 2606): no one else can mint ids under it, and it names no address that could move.
TAG_DATE = "2026"
TAG_AUTHORITY = "journeys.invalid"
# A feed carries the newest reports, as many as a summary keeps: a reader's feed reader keeps what
# it has already fetched. At national scale 100 entries were a third of a MB a feed.
MAX_ENTRIES = RECENT_REPORTS


def write_feeds(authorities: Iterable[Summary], site_url: str, out_dir: Path, now: datetime,
                site_name: str = "Children's services improvement journeys", page_path: str = "{slug}/") -> list[Path]:
    """Write feeds/<slug>.xml per authority and feeds/all.xml into out_dir; return the paths. Each
    authority's entries are what its summary says changed (domain.summary: the same as its overview).

    site_url: the site's absolute URL ("https://…/"), or "" to link relative to the feeds folder.
    page_path: where an authority's overview page is, relative to the site root.
    now: the feed's `updated` when it has no entries yet (otherwise its newest report date).
    """
    folder = out_dir / FEEDS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    entries, written = [], []
    for authority in authorities:
        mine = [(authority, report) for report in authority.changes if not report.is_empty()]
        entries += mine
        feed = _feed(f"{authority.name}: what changed", authority.slug, mine, site_url, page_path, now,
                     author=authority.name)
        written.append(_write(feed, out_dir / feed_path(authority.slug)))
    site = _feed(f"{site_name}: what changed", ALL_FEED, entries, site_url, page_path, now, author=site_name)
    written.append(_write(site, out_dir / feed_path(ALL_FEED)))
    return written


def _feed(title: str, name: str, entries: list[tuple[Summary, ReportChanges]], site_url: str,
          page_path: str, now: datetime, author: str) -> FeedGenerator:
    newest = chosen_entries(entries)
    feed = FeedGenerator()
    feed.id(tag_uri(f"{FEEDS_DIR}/{name}"))
    feed.title(title)
    feed.author({"name": author})
    feed.language("en-GB")
    feed.link(href=_url(site_url, feed_path(name)), rel="self", type="application/atom+xml")
    home = page_path.format(slug=name) if name != ALL_FEED else ""
    feed.link(href=_url(site_url, home), rel="alternate", type="text/html")
    feed.updated(report_moment(newest[0][1].date) if newest else now)
    for authority, report in newest:
        _entry(feed, authority, report, site_url, page_path, prefix=name == ALL_FEED)
    return feed


def _entry(feed: FeedGenerator, authority: Summary, report: ReportChanges, site_url: str,
           page_path: str, prefix: bool) -> None:
    entry = feed.add_entry(order="append")
    entry.id(tag_uri(f"{authority.slug}/changes/{report.date.isoformat()}"))
    title = f"{report_title(report)}: {summary(report)}"
    entry.title(f"{authority.name}: {title}" if prefix else title)
    entry.updated(report_moment(report.date))
    entry.published(report_moment(report.date))
    entry.author({"name": authority.name})
    entry.link(href=_url(site_url, page_path.format(slug=authority.slug)), rel="alternate", type="text/html")
    items = "".join(f"<li>{line}</li>" for line in change_lines(report, escape=html.escape))
    entry.content(f"<ul>{items}</ul>", type="html")


def report_moment(day: date) -> datetime:
    """A report date as an Atom date-time: the start of that day in the UK."""
    return datetime.combine(day, time(0, 0), tzinfo=UK)


def chosen_entries(entries: list[tuple[Summary, ReportChanges]]) -> list[tuple[Summary, ReportChanges]]:
    """The newest MAX_ENTRIES, and each authority's latest if it is not among them; newest first."""
    newest_first = sorted(entries, key=lambda e: (e[1].date, e[0].slug), reverse=True)
    seen = set()
    chosen = []
    for place, (authority, report) in enumerate(newest_first):
        if place < MAX_ENTRIES or authority.slug not in seen:
            chosen.append((authority, report))
        seen.add(authority.slug)
    return chosen


def tag_uri(specific: str) -> str:
    """A tag: URI (RFC 4151) that no address, given or changed, alters."""
    return f"tag:{TAG_AUTHORITY},{TAG_DATE}:{specific}"


def _url(site_url: str, path: str) -> str:
    # Without a site URL, links are relative to the feed file, which sits in feeds/.
    return urljoin(site_url.rstrip("/") + "/", path) if site_url else f"../{path}"


def _write(feed: FeedGenerator, path: Path) -> Path:
    feed.atom_file(str(path), pretty=True)
    return path
