"""The finishing pass: what the build does to pages before and after the site engine, outside it.

Generated pages are Markdown headings (which make the table of contents) around large blocks
of finished HTML: tables, lists of facts, charts. Python-Markdown's md_in_html reads every tag
of those blocks, about 170 ms a page, only to find escaped text. So before the engine runs,
each run of such blocks is lifted out and a marker left in its place (`lift_pages`); the one
thing Markdown did to them, abbreviation tooltips, is done here with the abbr extension's
rule. After the engine, one pass per built page (`finish_pages`) puts the blocks back and
writes the page's search document. Nothing here knows which engine ran (MkDocs today; its
successor Zensical ignores MkDocs hooks): it reads and writes plain files.

    lift_pages(pages, abbreviations) -> (pages with markers, blocks by name)
    finish_pages(site, blocks, documents)    one read and one write per page, published compact
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

from journeys.outputs.markup import MARKDOWN_SIGNIFICANT, Html
from journeys.outputs.page import Page
from journeys.outputs.search import search_document

# The one marker syntax: <!--journeys:NAME-->, NAME unique within a section.
MARKER = re.compile(r"<!--journeys:([A-Za-z0-9_.-]+)-->")


def marker(name: str) -> str:
    return f"<!--journeys:{name}-->"


def lift_pages(pages: list[Page], abbreviations: tuple[tuple[str, str], ...]) -> tuple[list[Page], dict[str, str]]:
    """Each page with its runs of finished HTML swapped for markers, and those blocks (with
    abbreviation tooltips) by marker name."""
    tooltips, blocks, lifted_pages = Abbreviations(abbreviations), {}, []
    for number, page in enumerate(pages):
        body, lifted = lift_blocks(page.body, number)
        blocks.update((name, tooltips.apply(block)) for name, block in lifted.items())
        lifted_pages.append(replace(page, body=Html(body)))
    return lifted_pages, blocks


def finish_pages(site: Path, blocks: dict[str, str], documents: Path, shared_assets: bool = False) -> None:
    """One pass per built page: its blocks put back, and its search document (the indexed
    content alone, at the same path under documents/) written beside it. `shared_assets`: the
    section's pages load the theme's files from the site's root (see compact_page)."""
    documents.mkdir(parents=True, exist_ok=True)
    for page in site.rglob("*.html"):
        built = page.read_text(encoding="utf-8")
        finished = MARKER.sub(lambda found: blocks[found[1]], built) if "<!--journeys:" in built else built
        document = search_document(finished)
        if document is not None:
            target = documents / page.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(document, encoding="utf-8")
        published = compact_page(finished, shared_assets)
        if published != built:
            page.write_text(published, encoding="utf-8")


# What a published page carries only for the search document made from it above (Pagefind
# indexes those documents, never the pages), and the indentation of the theme's templates:
# together about a quarter of an indicator page. Whitespace is kept inside <pre> and
# <textarea>, where it is content; elsewhere a run of it holding a line break reads the same
# to a browser as the one line break left.
_SEARCH_ONLY = re.compile(r' data-pagefind-ignore="all"')
# render.markup.text() writes characters Markdown would read as syntax ("(", "-", ":"…) as
# character references; once Markdown has run they are plain characters again. The ones
# HTML itself reads (& < > " ') stay references.
_MARKDOWN_ONLY = {f"&#{ord(char)};": char for char in MARKDOWN_SIGNIFICANT}
_MARKDOWN_REFERENCE = re.compile("|".join(map(re.escape, _MARKDOWN_ONLY)))
_KEEP_SPACE = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.S)
_INDENT = re.compile(r"[ \t]*\n\s*")


# The theme's files (stylesheets, scripts, icons) are the same in every section: a section's
# pages load the root section's copy, one folder up, and the section keeps none (engine.py),
# 300 KB saved per authority. Only a quoted address starting (../)*assets/ is one: CSV text
# can hold no quotation mark (render.markup.text() writes it as a reference).
_THEME_FILE = re.compile(r'(?<=")((?:\.\./)*)assets/(?=[\w./-]+")')


def compact_page(page: str, shared_assets: bool = False) -> str:
    """The page as published: no search-only attributes, no needless character references,
    no indentation outside <pre>; with `shared_assets`, the theme's files from the site's root."""
    if shared_assets:
        page = _THEME_FILE.sub(r"\1../assets/", page)
    page = _MARKDOWN_REFERENCE.sub(lambda found: _MARKDOWN_ONLY[found[0]], _SEARCH_ONLY.sub("", page))
    pieces = _KEEP_SPACE.split(page)
    # split() yields text, then (whole kept block, its tag name) pairs: indent-strip the text only
    return "".join(_INDENT.sub("\n", piece) if index % 3 == 0 else piece if index % 3 == 1 else ""
                   for index, piece in enumerate(pieces))


# A line that starts one of these is HTML to Markdown (a block, or a part of a table or list).
_HTML_LINE = re.compile(r"<(?:!--|/|(?:p|div|table|thead|tbody|tfoot|tr|th|td|dl|dt|dd|ul|ol|li|section|figure"
                        r"|figcaption|details|summary|nav|aside|blockquote|hr|h[1-6]|svg)[\s>/])")
_MARKDOWN_ATTRIBUTE = re.compile(r' markdown="(?:1|span|block)"')


def lift_blocks(body: str, page_number: int) -> tuple[str, dict[str, str]]:
    """Swap each run of paragraphs made only of HTML lines for a marker, named
    "<page_number>-<n>" so that names are unique across a section.

    Anything else (a heading, a paragraph of Markdown, a block mixing the two) stays in the
    Markdown. Returns the new body and the blocks by marker name.
    """
    kept, blocks, run = [], {}, []

    def end_run():
        if run:
            name = f"{page_number}-{len(blocks)}"
            blocks[name] = _MARKDOWN_ATTRIBUTE.sub("", "\n\n".join(run))
            kept.append(marker(name))
            run.clear()

    for paragraph in re.split(r"\n[ \t]*\n", body):
        lines = [line for line in paragraph.split("\n") if line.strip()]
        if lines and all(_HTML_LINE.match(line) for line in lines):
            run.append(paragraph.strip("\n"))
        else:
            end_run()
            kept.append(paragraph)
    end_run()
    return "\n\n".join(kept) + "\n", blocks


class Abbreviations:
    """Wrap each known abbreviation in the text of a block of HTML in <abbr title="meaning">.

    The abbr extension's rule: whole words, longest first, never inside a tag, a comment, a
    drawing (an SVG's text is not HTML) or an <abbr> already there. Text here is already
    escaped by render.markup.text(), so a tag can only be one we made.
    """

    _PIECES = re.compile(r"(<svg\b.*?</svg>|<!--.*?-->|<[^>]*>)", re.S)

    def __init__(self, abbreviations: tuple[tuple[str, str], ...]):
        self.titles = {short: html.escape(" ".join(meaning.split()), quote=True) for short, meaning in abbreviations}
        words = sorted(self.titles, key=len, reverse=True)
        self.pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b") if words else None

    def apply(self, block: str) -> str:
        if self.pattern is None:
            return block
        pieces, inside_abbr = self._PIECES.split(block), False
        for index in range(0, len(pieces), 2):
            if index:
                tag = pieces[index - 1]
                inside_abbr = tag.startswith("<abbr") or (inside_abbr and not tag.startswith("</abbr"))
            if not inside_abbr and pieces[index]:
                pieces[index] = self.pattern.sub(self._wrap, pieces[index])
        return "".join(pieces)

    def _wrap(self, found: re.Match) -> str:
        return f'<abbr title="{self.titles[found[0]]}">{found[0]}</abbr>'
