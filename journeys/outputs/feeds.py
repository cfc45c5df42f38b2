"""Atom feeds of what changed: one per authority (feeds/<slug>.xml) and one for the whole site
(feeds/all.xml), made as bytes that the build keeps and writes into the site.

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
from urllib.parse import urljoin

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


def authority_feed(authority: Summary, site_url: str, today: date, page_path: str = "{slug}/") -> bytes:
    """An authority's feed: an entry for each report its summary says changed something (domain.summary:
    the same as its overview).

    site_url: the site's absolute URL ("https://…/"), or "" to link relative to the feeds folder.
    page_path: where an authority's overview page is, relative to the site root.
    today: the build's date; a feed with no entries yet is `updated` at its start (otherwise at its
    newest report's date), so the same summary makes the same feed all day.
    """
    return _feed(f"{authority.name}: what changed", authority.slug, _changed(authority), site_url, page_path,
                 today, author=authority.name)


def site_feed(authorities: Iterable[Summary], site_url: str, today: date, site_name: str,
              page_path: str = "{slug}/") -> bytes:
    """The site's feed: the newest entries of every authority's, and each one's latest."""
    entries = [entry for authority in authorities for entry in _changed(authority)]
    return _feed(f"{site_name}: what changed", ALL_FEED, entries, site_url, page_path, today, author=site_name)


def _changed(authority: Summary) -> list[tuple[Summary, ReportChanges]]:
    return [(authority, report) for report in authority.changes if not report.is_empty()]


def _feed(title: str, name: str, entries: list[tuple[Summary, ReportChanges]], site_url: str,
          page_path: str, today: date, author: str) -> bytes:
    from feedgen.feed import FeedGenerator  # with lxml, a tenth of a second: only a build that writes a feed needs it

    newest = chosen_entries(entries)
    feed = FeedGenerator()
    feed.id(tag_uri(f"{FEEDS_DIR}/{name}"))
    feed.title(title)
    feed.author({"name": author})
    feed.language("en-GB")
    feed.link(href=_url(site_url, feed_path(name)), rel="self", type="application/atom+xml")
    home = page_path.format(slug=name) if name != ALL_FEED else ""
    feed.link(href=_url(site_url, home), rel="alternate", type="text/html")
    feed.updated(report_moment(newest[0][1].date if newest else today))
    for authority, report in newest:
        _entry(feed, authority, report, site_url, page_path, prefix=name == ALL_FEED)
    return feed.atom_str(pretty=True)


def _entry(feed, authority: Summary, report: ReportChanges, site_url: str,
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
