"""The built site's last check before it is published (`build_site.py check-site site`, run by the
publishing workflow): search engines can find every page of it.

robots.txt must name the sitemap index; the index must list at least one sitemap; every sitemap
it lists must be in the site and list at least one page; and every page listed must be there. A
site built without its address has no sitemap at all, and is refused here rather than published.
The 404 page, served at any depth, must link only under the site's own path.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

from journeys.model.problems import Problem, problem
from journeys.outputs.sitemaps import NAMESPACE, ROBOTS, SITEMAP

NOT_FOUND = "404.html"
_ROOTED = re.compile(r'(?:href|src|action)="(/[^/"][^"]*|/)"')  # a path from the host's root, not //host/…
ADDRESS_FIX = ("Build it with its address: site_url in site.yml, or the JOURNEYS_SITE_URL environment variable "
               "(the publishing workflow sets it from GitHub Pages).")


def check_site(site: Path) -> list[Problem]:
    """Every reason the site at `site` is not ready to publish; [] when it is."""
    index = _named_index(site)
    if index is None:
        return [_problem(site / ROBOTS, "names no sitemap: the site was built without its address, so search "
                                        "engines would find none of its pages", ADDRESS_FIX)]
    base = index.removesuffix(SITEMAP)
    sitemaps, problems = _listed(site, base, index, "sitemap")
    problems += _stray_links(site / NOT_FOUND, urlsplit(base).path)
    for sitemap in sitemaps:
        pages, found = _listed(site, base, sitemap, "url")
        problems += found + [_problem(site / _local(base, sitemap), f"lists {page}, which is not in the site",
                                      "Build the site again; please report this.")
                             for page in pages if not _page(site, base, page).is_file()]
    return problems


def _stray_links(page: Path, root: str) -> list[Problem]:
    """The 404 page is served at any depth, so it links by paths from the host's root: each must
    lie under the site's own path, or on a project address it would lose its styles and links."""
    if not page.is_file():
        return []
    stray = sorted({link for link in _ROOTED.findall(page.read_text(encoding="utf-8")) if not link.startswith(root)})
    return [_problem(page, f"links to {link}, outside the site's address ({root})", ADDRESS_FIX) for link in stray]


def _named_index(site: Path) -> str | None:
    """The sitemap index robots.txt names, if it names one."""
    robots = site / ROBOTS
    if not robots.is_file():
        return None
    named = [line.split(":", 1)[1].strip() for line in robots.read_text(encoding="utf-8").splitlines()
             if line.lower().startswith("sitemap:")]
    return named[0] if named and named[0].endswith("/" + SITEMAP) else None


def _listed(site: Path, base: str, address: str, element: str) -> tuple[list[str], list[Problem]]:
    """The addresses a sitemap (element "url") or an index ("sitemap") lists, or why it cannot be read."""
    path = site / _local(base, address)
    if not address.startswith(base) or not path.is_file():
        return [], [_problem(path, f"is not in the site, though {address} is listed", ADDRESS_FIX)]
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        return [], [_problem(path, f"is not well-formed XML ({error})", "Build the site again; please report this.")]
    found = [loc.text.strip() for loc in root.iterfind(f"{{{NAMESPACE}}}{element}/{{{NAMESPACE}}}loc") if loc.text]
    if not found:
        return [], [_problem(path, f"lists no {'pages' if element == 'url' else 'sitemaps'}: a sitemap with none "
                                   "is invalid", ADDRESS_FIX)]
    return found, []


def _local(base: str, address: str) -> str:
    return unquote(address.removeprefix(base)) if address.startswith(base) else address.rsplit("/", 1)[-1]


def _page(site: Path, base: str, address: str) -> Path:
    path = site / _local(base, address)
    return path / "index.html" if address.endswith("/") else path


def _problem(path: Path, what: str, fix: str) -> Problem:
    return problem("site-unpublishable", str(path), what=what, fix=fix)
