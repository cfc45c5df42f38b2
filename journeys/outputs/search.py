"""Search documents: each page's indexed content as a page of its own, for Pagefind (journeys.build.search).

Only each page's content (`data-pagefind-body`, set by the theme override) is indexed. Pagefind
would read every built page whole, navigation and charts included; so each section also writes
a search document per page, its content alone, at the same path in a folder beside the site,
and Pagefind reads those, in about two thirds of the time.
"""

from __future__ import annotations

import re

BODY_START, BODY_END = "<div data-pagefind-body>", "</div><!--journeys-search-end-->"


# Cells and drawings marked for Pagefind to skip (data-pagefind-ignore="all"): skipped here
# already, so the indexer never reads them.
_IGNORED = re.compile(r'<(td|th|svg|dt|dd|p)\b[^>]*\sdata-pagefind-ignore="all"[^>]*>.*?</\1>', re.S)
# A table's column names and its caption say again, on every page, what the page's headings say:
# words no reader searches for, which only made the index larger (Pagefind holds some 17 bytes in
# memory for each byte of text it indexes).
_TABLE_LABELS = re.compile(r'<thead>.*?</thead>|<p class="table-caption"[^>]*>.*?</p>', re.S)
# An indicator page's list of sources is the bibliography of its figures, whose rows are left
# out above: at national scale, a hundred monthly papers repeated on every indicator page (30
# KB each). The plan and journey pages keep their lists.
_FIGURES_SOURCES = re.compile(r'<ul class="sources">.*?</ul>', re.S)
_HAS_FIGURES = 'aria-labelledby="figures-table"'
# A table row left with no words (a figure's row without a note) is left out with them.
_EMPTY_ROW = re.compile(r"<tr>(?:\s*<t[dh][^>]*>\s*</t[dh]>)*\s*</tr>\n?")
_SPACE = re.compile(r"\n\s+")
_ROW = re.compile(r"<tr>.*?</tr>\n?", re.S)


def search_document(page: str) -> str | None:
    """The page's indexed content as a page of its own; None for a page kept out of search."""
    start, end = page.find(BODY_START), page.rfind(BODY_END)
    if start < 0 or end < start:
        return None
    # What readers search for (titles, definitions, actions, findings, names, the latest figure,
    # notes), not every figure of every table: a few KB a page, so the indexer is quick and small.
    content = _TABLE_LABELS.sub("", _IGNORED.sub("", page[start:end]))
    content = _once(_SPACE.sub("\n", _EMPTY_ROW.sub("", content)))
    if _HAS_FIGURES in content:
        content = _FIGURES_SOURCES.sub("", content)
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"></head><body>\n'
            f"{content}</div>\n</body></html>\n")


def _once(content: str) -> str:
    """Each table row's words once: a note on forty suppressed months is one note to search for,
    and forty copies of it only made the indexer slower and larger."""
    seen: set[str] = set()

    def first(row: re.Match) -> str:
        if row.group() in seen:
            return ""
        seen.add(row.group())
        return row.group()

    return _ROW.sub(first, content)
