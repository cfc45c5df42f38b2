"""The one way CSV text enters a page: `text()`. Everything else here builds markup from it.

Pages are Markdown that MkDocs renders with raw HTML allowed, the abbreviation extension,
attribute lists and snippets, so a CSV string must be neutralised twice: as HTML (`<script>`,
`<img onerror=…>`) and as Markdown (`[x](javascript:…)`, `*[ABBR]: …`, `{: onclick=… }`,
`--8<-- "file"`, `# heading`, `1. list`). `text()` turns every character that means something
to either into a numeric character reference: the browser shows the character, and no parser
on the way sees syntax. Letters, digits and spaces are untouched, so abbreviations such as
"CAF" still get their tooltips and search still finds the words.

Markup we generate ourselves is an `Html` string; helpers accept `str | Html` and escape
whatever is not already `Html`, so forgetting to escape is not possible by passing a str.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, replace
from urllib.parse import quote, urlsplit, urlunsplit

# Characters with a meaning to HTML, Markdown, or an extension MkDocs runs (abbr `*[ ]:`,
# attr_list `{ }`, snippets `--8<--`, tables `|`, emoji `:x:`, tilde/caret/mark `~ ^ =`).
# Block syntax that needs a line start ("1. ", "- ") cannot arise: text() never emits a
# newline, and pages put CSV text only in headings and Markdown spans.
HTML_SIGNIFICANT = "&<>\"'"
MARKDOWN_SIGNIFICANT = "\\`*_{}[]()#+-!|:~^="
_ENTITIES = str.maketrans({char: f"&#{ord(char)};" for char in HTML_SIGNIFICANT + MARKDOWN_SIGNIFICANT})


class Html(str):
    """Markup made by this package: safe to put into a page as it is."""

    __slots__ = ()


def text(value: object) -> Html:
    """CSV text as inert page text: HTML- and Markdown-neutral, whitespace collapsed.

    Line breaks in the cell become <br>; runs of spaces and tabs become one space, so no
    indentation can turn a line into a code block.
    """
    if isinstance(value, Html):
        return value
    if value is None:
        return Html("")
    lines = str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cleaned = (" ".join(line.split()).translate(_ENTITIES) for line in lines)
    return Html("<br>".join(line for line in cleaned if line))


def join(parts, separator: str = "") -> Html:
    """Concatenate pieces of markup, escaping any plain string among them."""
    return Html(text(separator).join(text(part) for part in parts))


@functools.lru_cache(maxsize=4096)  # a page cites the same few papers on every row
def safe_url(url: object) -> str | None:
    """An http(s) address fit for an href, attribute-escaped; None for anything else.

    Only documents.csv addresses become links: `javascript:`, `data:` and relative paths
    are refused, as is anything with whitespace or control characters.
    """
    if not isinstance(url, str) or not url or any(ord(c) <= 32 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or _NOT_IN_HOST.search(parts.netloc):
        return None
    # A character no address may hold (a quote, < >, a space's kin, a letter beyond ASCII) is
    # written as a browser would send it, percent-encoded: the same address, and valid HTML.
    encoded = parts._replace(path=quote(parts.path, safe=_KEEP), query=quote(parts.query, safe=_KEEP),
                             fragment=quote(parts.fragment, safe=_KEEP))
    return html.escape(urlunsplit(encoded), quote=True)


_KEEP = "/:@!$&'()*+,;=%~?#[]"  # what an address's path, query and fragment may hold as they are
_NOT_IN_HOST = re.compile(r"[\"<>`{}|\\^]")


def link(url: object, label: object) -> Html:
    """A link to an external paper, or the label alone when the address is not http(s)."""
    href = safe_url(url)
    if href is None:
        return text(label)
    return Html(f'<a href="{href}">{text(label)}</a>')


def internal_link(href: str, label: object) -> Html:
    """A link to a page of this site; `href` is built by us from identifiers, never from text."""
    if not re.fullmatch(r"[A-Za-z0-9._/#-]*", href):
        raise ValueError(f"not a site-internal address: {href!r}")
    return Html(f'<a href="{href}">{text(label)}</a>')


def anchor_id(*parts: str) -> str:
    """An HTML id from identifiers (already pattern-checked), made safe regardless."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", "-".join(parts)).strip("-").lower() or "item"


# RAG ratings: a word always, colour as a second cue. Colours meet 4.5:1 for their text.
RAG_CLASSES = {"red": "red", "amber": "amber", "green": "green", "blue": "blue",
               "complete": "complete", "completed": "complete"}


def rag_class(rating: str) -> str:
    words = re.findall(r"[a-z]+", rating.lower())
    return next((RAG_CLASSES[word] for word in words if word in RAG_CLASSES), "neutral")


def rag_tag(rating: object, meaning: object = None) -> Html:
    """The rating as a word in a coloured tag; its meaning (if known) as a tooltip too."""
    rating_text = str(rating or "")
    if not rating_text:
        return Html('<span class="rag rag--none">Not rated</span>')
    title = f' title="{text(meaning)}"' if meaning else ""
    return Html(f'<strong class="rag rag--{rag_class(rating_text)}"{title}>{text(rating_text)}</strong>')


# Columns site.css styles by position from the table's data-num and data-prose (keep in step
# with it); a styled column further right carries its class on each cell.
STYLED_COLUMNS = 12
_STYLES = (("num", "numeric"), ("prose", "prose"))  # class (or data-) name, and the Column flag that asks for it


@dataclass(frozen=True)
class Column:
    title: str
    numeric: bool = False
    row_header: bool = False
    prose: bool = False  # notes and sources: sentences that need a readable width, however many columns
    indexed: bool = True  # False: site search skips these cells (columns of figures would swamp its index)


def unindexed(columns: list[Column]) -> list[Column]:
    """Columns site search skips: a table that repeats what its page says in words (a picture's
    figures, with the summary indexed) or that holds figures, dates and sources rather than
    words a reader searches for (targets, comparators, a rating's history). Search indexes
    titles, definitions, actions, findings and the latest figure: a few KB a page."""
    return [replace(column, indexed=False) for column in columns]


def table(caption: object, columns: list[Column], rows: list[list[object]], table_id: str,
          region: bool = False) -> Html:
    """An accessible data table: a visible caption naming it, header cells with scope,
    numbers right-aligned. Cells are escaped unless already Html.

    The caption is a paragraph the table is labelled by (not <caption>, which Markdown's
    md_in_html cannot hold); text cells are parsed as Markdown spans so abbreviations in
    them get tooltips. A table with nothing to focus in it that may scroll sideways on a phone is a
    `region`: a named box the keyboard can focus, and so scroll.
    """
    columns, rows = _filled(columns, rows)
    classes = [_classes(column) if index > STYLED_COLUMNS else "" for index, column in enumerate(columns, 1)]
    head = "".join(f'<th scope="col"{css}>{text(c.title)}</th>' for c, css in zip(columns, classes))
    body = "\n".join(_row(columns, classes, row) for row in rows)
    focusable = f' tabindex="0" role="region" aria-labelledby="{table_id}"' if region else ""
    return Html(
        f'<p class="table-caption" id="{table_id}" markdown="span">{text(caption)}</p>\n\n'
        f'<div class="table-wrap" markdown="1"{focusable}>\n'
        f'<table aria-labelledby="{table_id}"{_styled(columns)} markdown="1">\n'
        f'<thead markdown="1"><tr markdown="1">{head}</tr></thead>\n'
        f'<tbody markdown="1">\n{body}\n</tbody>\n</table>\n</div>\n')


def _filled(columns: list[Column], rows: list[list[object]]) -> tuple[list[Column], list[list[object]]]:
    """Leave out a column empty in every row (a figures table with no numerators, say): a
    heading over nothing is one more thing a screen reader announces on every row."""
    keep = [index for index, column in enumerate(columns)
            if column.row_header or not rows or any(row[index] not in (None, "") for row in rows)]
    if len(keep) == len(columns):
        return columns, rows
    return [columns[index] for index in keep], [[row[index] for index in keep] for row in rows]


def _styled(columns: list[Column]) -> str:
    """The table's columns of numbers and of sentences, named once on the table (site.css styles
    them by position) instead of a class on every cell: at national scale those classes were a
    third of a MB an authority."""
    named = {name: " ".join(str(i) for i, column in enumerate(columns[:STYLED_COLUMNS], 1) if getattr(column, wanted))
             for name, wanted in _STYLES}
    return "".join(f' data-{name}="{indexes}"' for name, indexes in named.items() if indexes)


def _classes(column: Column) -> str:
    names = [name for name, wanted in _STYLES if getattr(column, wanted)]
    return f' class="{" ".join(names)}"' if names else ""


def _row(columns: list[Column], classes: list[str], row: list[object]) -> str:
    cells = []
    for column, css, value in zip(columns, classes, row):
        tag = 'th scope="row"' if column.row_header else "td"
        unindexed = "" if column.indexed else ' data-pagefind-ignore="all"'
        # Only plain text is read as Markdown (for abbreviation tooltips): figures and ready-made
        # markup pass through untouched, which keeps long tables cheap to build.
        span = "" if column.numeric or isinstance(value, Html) else ' markdown="span"'
        cells.append(f'<{tag}{css}{unindexed}{span}>{text(value)}</{tag.split()[0]}>')
    return f'<tr markdown="1">{"".join(cells)}</tr>'


def definitions(pairs: list[tuple[object, object]], css_class: str = "facts", unindexed: tuple[str, ...] = ()) -> Html:
    """A description list of label/value pairs, skipping empty values; site search skips the
    pairs labelled in `unindexed` (words every page of a kind repeats)."""
    skip = ' data-pagefind-ignore="all"'
    items = "\n".join(f'<dt{skip if label in unindexed else ""} markdown="span">{text(label)}</dt>\n'
                       f'<dd{skip if label in unindexed else ""} markdown="span">{text(value)}</dd>'
                       for label, value in pairs if value not in (None, ""))
    return Html(f'<dl class="{css_class}" markdown="1">\n{items}\n</dl>\n') if items else Html("")


def bullet_list(items: list[object], css_class: str | None = None) -> Html:
    """A plain list; each item escaped unless Html."""
    cls = f' class="{css_class}"' if css_class else ""
    lines = "\n".join(f'<li markdown="span">{text(item)}</li>' for item in items)
    return Html(f'<ul{cls} markdown="1">\n{lines}\n</ul>\n') if items else Html("")


def paragraph(content: object, css_class: str | None = None) -> Html:
    cls = f' class="{css_class}"' if css_class else ""
    return Html(f'<p{cls} markdown="span">{text(content)}</p>\n')


def heading(level: int, content: object, anchor: str) -> Html:
    """A Markdown heading (so it joins the table of contents) with a stable id."""
    return Html(f'{"#" * level} {text(content)} {{#{anchor_id(anchor)}}}\n')


def chart_region(svg: str, labelled_by: str) -> Html:
    """A drawing kept at its true size, in a box that scrolls sideways when the column is narrower.

    Shrinking a 600-px chart to a 320-px phone turns its 12-px labels into 6-px ones (issue
    16.7). The box is a named region a keyboard can focus, so it can be scrolled without a mouse.
    """
    return Html(f'<div class="chart-scroll" role="region" tabindex="0" aria-labelledby="{labelled_by}">'
                f"\n{svg}\n</div>")
