"""Reading built pages for benchmarks/bench_engines.py: what a reader gets from a page, engine aside.

A page is read as its title, the text, links, heading ids and figures inside its <article>, the
links of its primary navigation, and the marks our theme overrides leave (the search band, the
footer, the stylesheets). Two engines' pages are compared on those, not byte for byte.
"""

from __future__ import annotations

import difflib
import gzip
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class Reading:
    """One built page, as a reader meets it."""
    title: str = ""
    text: list[str] = field(default_factory=list)         # inside <article>
    around: list[str] = field(default_factory=list)       # the rest of <body>: header, navigation, footer
    links: list[str] = field(default_factory=list)        # hrefs inside <article>
    heading_ids: list[str] = field(default_factory=list)  # ids of h1-h6 inside <article>
    nav: list[str] = field(default_factory=list)          # hrefs in the primary navigation
    nav_depth: int = 0                                     # nested lists in the primary navigation
    counts: dict = field(default_factory=dict)             # abbr, svg, table, dl… inside <article>
    stylesheets: list[str] = field(default_factory=list)
    marks: set = field(default_factory=set)                # our theme overrides' marks found

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())

    @property
    def words_around(self) -> str:
        return " ".join(" ".join(self.around).split())


class _Reader(HTMLParser):
    def __init__(self, address: str):
        super().__init__(convert_charrefs=True)
        self.page, self.stack, self.address = Reading(), [], address

    def _target(self, href: str) -> str:
        """Where a link leads, as an address: engines may write the same target differently
        ("." and "" for the page itself; "index.html" or not)."""
        target = urljoin(self.address, href)
        return target[:-len("index.html")] if target.endswith("/index.html") else target

    def _inside(self, flag: str) -> bool:
        return any(flag in flags for _, flags in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        flags = set()
        if tag == "article":
            flags.add("article")
        if tag == "nav" and "md-nav--primary" in classes:
            flags.add("nav")
        if tag == "title":
            flags.add("title")
        if tag == "body":
            flags.add("body")
        if tag in ("script", "style", "svg"):
            flags.add("unread")
        self._note(tag, attrs, classes)
        if tag not in VOID:
            self.stack.append((tag, flags))
            if tag == "ul" and self._inside("nav"):
                self.page.nav_depth = max(self.page.nav_depth, sum(t == "ul" for t, f in self.stack
                                                                   if self._inside("nav")))

    def handle_startendtag(self, tag, attrs):
        self._note(tag, dict(attrs), (dict(attrs).get("class") or "").split())

    def _note(self, tag, attrs, classes):
        page = self.page
        if self._inside("article") or tag == "article":
            page.counts[tag] = page.counts.get(tag, 0) + 1
            if tag == "a" and attrs.get("href") is not None:
                page.links.append(self._target(attrs["href"]))
            if tag in HEADINGS and attrs.get("id"):
                page.heading_ids.append(attrs["id"])
            if "markdown" in attrs:
                page.counts["markdown attribute left"] = page.counts.get("markdown attribute left", 0) + 1
        if tag == "a" and self._inside("nav") and attrs.get("href") is not None:
            page.nav.append(self._target(attrs["href"]))
        if tag == "link" and attrs.get("rel") == "stylesheet":
            page.stylesheets.append(attrs.get("href", ""))
        if tag == "script" and "resize-observer.js" in (attrs.get("src") or ""):
            page.marks.add("resize-observer script")
        if tag == "form" and attrs.get("role") == "search":
            page.marks.add("search form")
        if "data-pagefind-body" in attrs:
            page.marks.add("data-pagefind-body")
        if "site-footer" in classes:
            page.marks.add("footer partial")
        if tag == "body" and attrs.get("data-md-color-primary") == "custom":
            page.marks.add("custom palette")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if self._inside("title"):
            self.page.title += data
        elif self._inside("article"):
            self.page.text.append(data)
        elif self._inside("body") and not self._inside("unread"):
            self.page.around.append(data)

    def handle_comment(self, data):
        if data.startswith("journeys-search-end"):
            self.page.marks.add("search end marker")


# Links are read as addresses under this one: a link that leaves the site (one "../" too many)
# leaves /site/ and shows.
SITE = "https://example.invalid/site/"


def read_page(path: Path, address: str = SITE) -> Reading:
    reader = _Reader(address)
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader.page


def read_site(site: Path, section: str = "") -> dict[str, Reading]:
    """Every page of a built section, by its path within it; `section`: its folder in the site."""
    prefix = SITE + (f"{section}/" if section else "")
    return {page.relative_to(site).as_posix(): read_page(page, prefix + page.relative_to(site).as_posix())
            for page in sorted(site.rglob("*.html"))}


# --- Comparing two engines' pages ------------------------------------------------------------------

ASPECTS = {
    "title": lambda page: page.title,
    "article text": lambda page: page.words,
    "article link targets": lambda page: page.links,
    "heading ids": lambda page: page.heading_ids,
    "figures (svg, table, dl, abbr)": lambda page: [page.counts.get(tag, 0) for tag in ("svg", "table", "dl", "abbr")],
    "navigation link targets": lambda page: page.nav,
    "text around the article": lambda page: page.words_around,
}


@dataclass
class Agreement:
    """How many of the pages both engines built agree on one aspect; and the commonest difference."""
    aspect: str
    same: int = 0
    compared: int = 0
    differences: Counter = field(default_factory=Counter)  # (difference, an example page) -> pages

    @property
    def example(self) -> str:
        if not self.differences:
            return ""
        (difference, page), count = self.differences.most_common(1)[0]
        return f"{difference} (on {count} page(s), e.g. {page})"


def compare_sites(base: dict[str, Reading], other: dict[str, Reading]) -> tuple[list[Agreement], list[str], list[str]]:
    """Per aspect, the pages that agree; and the pages only one of the two built."""
    common = sorted(set(base) & set(other))
    agreements = []
    for aspect, value in ASPECTS.items():
        agreement, first_page = Agreement(aspect, compared=len(common)), {}
        for path in common:
            ours, theirs = value(base[path]), value(other[path])
            if ours == theirs:
                agreement.same += 1
                continue
            difference = first_difference(ours, theirs)
            agreement.differences[difference, first_page.setdefault(difference, path)] += 1
        agreements.append(agreement)
    return agreements, sorted(set(base) - set(other)), sorted(set(other) - set(base))


def first_difference(ours, theirs) -> str:
    """Where two values part, shortly: a text's differing words, or a list's differing items."""
    if isinstance(ours, str) and isinstance(theirs, str):
        ours, theirs = ours.split(), theirs.split()
        changes = [f"{' '.join(ours[i1:i2]) or '(nothing)'!r} -> {' '.join(theirs[j1:j2]) or '(nothing)'!r}"
                   for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes()
                   if op != "equal"]
        return "; ".join(dict.fromkeys(changes))
    only_ours = [item for item in ours if item not in theirs]
    only_theirs = [item for item in theirs if item not in ours]
    if only_ours or only_theirs:
        return f"only in MkDocs: {only_ours[:3]} ({len(only_ours)}); only here: {only_theirs[:3]} ({len(only_theirs)})"
    return f"same items, another order or count ({len(ours)} vs {len(theirs)})"


# --- What an engine wrote besides the pages --------------------------------------------------------

LOC = re.compile(r"<loc>([^<]*)</loc>")


def sitemap(site: Path) -> tuple[int, str]:
    """How many addresses the sitemap lists, and the first ('' when there is none)."""
    path = site / "sitemap.xml"
    if not path.is_file():
        return 0, ""
    found = LOC.findall(path.read_text(encoding="utf-8"))
    return len(found), found[0] if found else ""


GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def identical_files(ours: Path, theirs: Path) -> tuple[int, int]:
    """How many files two sites both have are the same bytes (but for the generator's name in a
    page's <meta>), of how many they both have."""
    names = {path.relative_to(ours) for path in ours.rglob("*") if path.is_file()}
    common = [name for name in names if (theirs / name).is_file()]
    return sum(GENERATOR.sub(b"", (ours / name).read_bytes()) == GENERATOR.sub(b"", (theirs / name).read_bytes())
               for name in common), len(common)


def folder_bytes(folder: Path) -> int:
    return sum(entry.stat().st_size for entry in folder.rglob("*") if entry.is_file()) if folder.is_dir() else 0


# --- Following every link in an assembled site ----------------------------------------------------

REFERENCE = re.compile(r'\b(?:href|src)="([^"]*)"')


def dead_ends(site: Path) -> Counter:
    """Each address a page links to or loads (stylesheets, scripts, images, pages) that is not a
    file of the assembled site, with how many pages use it. Addresses with a scheme or from the
    host's root (the 404 page's, made from site_url) and links within the page are not followed;
    one that climbs out of the site shows as ../<target>."""
    missing: Counter = Counter()
    for page in site.rglob("*.html"):
        here = page.relative_to(site).as_posix()
        for address in set(REFERENCE.findall(page.read_text(encoding="utf-8"))):
            if not address or address.startswith(("#", "/")) or re.match(r"[a-z]+:", address):
                continue
            target = urljoin(SITE + here, address.split("#")[0].split("?")[0])
            if not target.startswith(SITE):
                missing["../" + target.removeprefix(urljoin(SITE, "../"))] += 1
                continue
            path = target.removeprefix(SITE)
            if not (site / path).is_file() and not (site / path / "index.html").is_file():
                missing[path] += 1
    return missing


LOADED = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"]*)"')


def loaded_bytes(site: Path, page: str) -> int:
    """The stylesheets and scripts one page loads, gzip-compressed as a server sends them."""
    total = 0
    for address in LOADED.findall((site / page).read_text(encoding="utf-8")):
        target = urljoin(SITE + page, address).removeprefix(SITE)
        if (site / target).is_file():
            total += len(gzip.compress((site / target).read_bytes()))
    return total
