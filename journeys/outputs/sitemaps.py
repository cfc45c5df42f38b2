"""Sitemaps (the sitemaps.org protocol, 0.9) and robots.txt: how search engines find every page.

A sitemap lists full addresses, so there is one only where the site's address is known (site.yml's
`site_url`, or JOURNEYS_SITE_URL, which the publishing workflow sets from GitHub Pages): each
authority's section lists its own pages in <slug>/sitemap.xml, kept with the section; the home
and site-wide pages are in sitemap-home.xml; and /sitemap.xml is the index of them all, which
robots.txt names. With no address there is no sitemap (one with no addresses is invalid) and
robots.txt names none; the workflow's check of the built site refuses to publish that.

    authority_files(site_url, slug, pages) -> {"sitemap.xml": …} or {}
    root_files(site_url, pages, slugs)     -> robots.txt, and with an address the index and sitemap-home.xml
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote
from xml.sax.saxutils import escape

from journeys.outputs.page import SEARCH, Page, in_section, page_dir

SITEMAP, HOME_SITEMAP, ROBOTS = "sitemap.xml", "sitemap-home.xml", "robots.txt"
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
# Pages with nothing of their own to find: the search page shows only what a reader asks for.
UNLISTED = {SEARCH}


def address(site_url: str, path: str) -> str:
    """A site-level path ('coventry/plan.md', 'sitemap-home.xml') as a full address under site_url."""
    target = page_dir(path) if path.endswith(".md") else path
    return site_url.rstrip("/") + "/" + quote(target, safe="/")


def authority_files(site_url: str, slug: str, pages: Iterable[Page]) -> dict[str, bytes]:
    """The authority's sitemap, placed in its section's folder (a sitemap may list only addresses
    under its own folder), or nothing when the site has no address."""
    if not site_url:
        return {}
    return {SITEMAP: urlset(address(site_url, in_section(slug, page.path)) for page in pages)}


def root_files(site_url: str, pages: Iterable[Page], slugs: Iterable[str]) -> dict[str, bytes]:
    """robots.txt; and, when the site has an address, the home pages' sitemap and the index of every sitemap."""
    if not site_url:
        return {ROBOTS: robots("")}
    listed = [address(site_url, page.path) for page in pages if page.path not in UNLISTED]
    sitemaps = [address(site_url, HOME_SITEMAP)] + [address(site_url, f"{slug}/{SITEMAP}") for slug in slugs]
    return {ROBOTS: robots(address(site_url, SITEMAP)), HOME_SITEMAP: urlset(listed), SITEMAP: index(sitemaps)}


def urlset(addresses: Iterable[str]) -> bytes:
    urls = "".join(f"<url><loc>{escape(url)}</loc></url>\n" for url in addresses)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NAMESPACE}">\n{urls}</urlset>\n'.encode()


def index(addresses: Iterable[str]) -> bytes:
    maps = "".join(f"<sitemap><loc>{escape(url)}</loc></sitemap>\n" for url in addresses)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NAMESPACE}">\n{maps}'
            '</sitemapindex>\n').encode()


def robots(sitemap: str) -> bytes:
    """Every page may be crawled; the sitemap index, when there is one. (A crawler reads robots.txt
    only at a host's root: on a project address such as example.github.io/journeys/ it is the
    sitemap, submitted to the search engine, that counts.)"""
    return ("User-agent: *\nAllow: /\n" + (f"Sitemap: {sitemap}\n" if sitemap else "")).encode()
