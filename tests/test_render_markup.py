"""The one escaping function, and the markup helpers built on it, through the Markdown the site uses."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from journeys.engine import BASE_CONFIG
from journeys.outputs.markup import (Column, Html, bullet_list, definitions, heading, internal_link, link, paragraph,
                                    rag_tag, safe_url, table, text)

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "[click](javascript:alert(3))",
    "![image](https://example.org/x.png)",
    "<https://example.org/autolink>",
    "*[CAF]: Redefined abbreviation",
    '{: onclick="alert(4)" }',
    '--8<-- "/etc/passwd"',
    "# a heading",
    "1. a list",
    "- a list",
    "> a quote",
    "    indented code",
    "`code` and **bold** and _emphasis_ and ~~strike~~",
    "| a | table |",
    "<!-- a comment -->",
    "line one\n\n# heading after a blank line\n---",
    "&lt;already escaped&gt; &amp; &#60;",
    ":smile: ==mark== ^^insert^^",
]


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.data = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.data.append(data)


def render(source: str) -> Tags:
    """Markdown to HTML with the extensions of the site's own mkdocs.yml, plus one abbreviation."""
    config = yaml.safe_load(BASE_CONFIG.read_text(encoding="utf-8"))
    names, options = [], {}
    for extension in config["markdown_extensions"]:
        name = extension if isinstance(extension, str) else next(iter(extension))
        names.append(name)
        if isinstance(extension, dict):
            options[name] = dict(extension[name] or {})
    options["pymdownx.snippets"]["base_path"] = ["/nonexistent"]
    html = markdown.markdown(source + "\n\n*[CAF]: Common Assessment Framework\n", extensions=names,
                             extension_configs=options)
    parsed = Tags()
    parsed.feed(html)
    return parsed


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_makes_any_string_inert_and_literal(payload):
    parsed = render(paragraph(payload))
    assert set(parsed.tags) <= {"p", "br", "abbr"}, parsed.tags
    assert [name for name, _ in parsed.attrs if name.startswith("on")] == []
    assert {value for name, value in parsed.attrs if name == "title"} <= {"Common Assessment Framework"}
    shown = "".join(parsed.data).strip()
    expected = "".join(" ".join(line.split()) for line in payload.split("\n") if line.strip())
    assert shown == expected


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_is_inert_in_headings_lists_definitions_and_tables(payload):
    source = "\n\n".join([heading(2, payload, "h"), bullet_list([payload]), definitions([("Label", payload)]),
                          table(payload, [Column("A", row_header=True), Column("B")], [[payload, payload]], "t")])
    parsed = render(source)
    allowed = {"h2", "ul", "li", "dl", "dt", "dd", "p", "div", "table", "thead", "tbody", "tr", "th", "td", "br",
               "abbr"}
    assert set(parsed.tags) <= allowed, set(parsed.tags) - allowed
    assert [name for name, _ in parsed.attrs if name.startswith("on")] == []
    assert {value for name, value in parsed.attrs if name == "title"} <= {"Common Assessment Framework"}


def test_abbreviations_still_get_their_tooltips():
    parsed = render(paragraph("Open CAF cases <b>"))
    assert parsed.tags == ["p", "abbr"]
    assert ("title", "Common Assessment Framework") in parsed.attrs


def test_html_we_made_passes_through_and_plain_strings_do_not():
    assert text(Html("<strong>ours</strong>")) == "<strong>ours</strong>"
    assert "<" not in text("<strong>theirs</strong>")
    assert text(None) == ""


@pytest.mark.parametrize("url", ["https://example.org/paper.pdf", "http://example.org/a?b=c&d=e"])
def test_http_addresses_become_links(url):
    assert safe_url(url) is not None
    assert link(url, "Paper").startswith('<a href="http')


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>",
                                 "vbscript:x", "/relative/path", "//example.org/x", "https://", "java\tscript:x",
                                 "https://example.org/ x", "", None, "ftp://example.org/file"])
def test_other_addresses_never_become_links(url):
    assert safe_url(url) is None
    assert "<a" not in link(url, "Paper")


def test_quotes_in_an_address_cannot_leave_the_attribute():
    made = link('https://example.org/"><script>alert(1)</script>', "Paper")
    parsed = Tags()
    parsed.feed(made)
    assert parsed.tags == ["a"]
    assert parsed.attrs == [("href", "https://example.org/%22%3E%3Cscript%3Ealert(1)%3C/script%3E")]


@pytest.mark.parametrize("url, href", [
    ("https://example.org/papers/a%20b.pdf?x=1&y=2#p3", "https://example.org/papers/a%20b.pdf?x=1&amp;y=2#p3"),
    ("https://example.org/report é.pdf".replace(" ", "_"), "https://example.org/report_%C3%A9.pdf"),
    ("https://example.org/a<b>", "https://example.org/a%3Cb%3E"),
])
def test_an_address_is_written_as_a_browser_sends_it_valid_in_html(url, href):
    """Percent-encoded where a character may not stand as it is (the Nu Html Checker's rule); what
    is already encoded stays as it is."""
    assert safe_url(url) == href


def test_an_address_whose_host_holds_markup_is_no_link():
    assert safe_url('https://exa"mple.org/') is None


def test_internal_links_accept_only_our_own_addresses():
    assert internal_link("../plan/#action-1", "Action 1") == '<a href="../plan/#action-1">Action 1</a>'
    with pytest.raises(ValueError):
        internal_link('x" onclick="alert(1)', "bad")


def test_ratings_are_words_with_colour_as_a_second_cue():
    tag = rag_tag("Green", "good progress")
    assert ">Green<" in tag and "rag--green" in tag and 'title="good progress"' in tag
    assert "rag--amber" in rag_tag("Amber/Green")
    assert "rag--neutral" in rag_tag("Purple")
    assert "Not rated" in rag_tag("")


def test_tables_have_a_caption_header_cells_with_scope_and_numbers_aligned():
    made = table("Caption", [Column("Name", row_header=True), Column("Count", numeric=True)], [["A", "3"]], "t1")
    parsed = render(made)
    assert ("aria-labelledby", "t1") in parsed.attrs and ("id", "t1") in parsed.attrs
    assert ("scope", "col") in parsed.attrs and ("scope", "row") in parsed.attrs
    assert ("data-num", "2") in parsed.attrs and ("class", "num") not in parsed.attrs  # named once, on the table
    assert "Caption" in "".join(parsed.data)


def test_site_css_styles_every_column_a_table_names_and_cells_beyond_carry_their_class():
    from journeys.outputs.markup import STYLED_COLUMNS

    css = (Path(__file__).parent.parent / "journeys/theme/assets/stylesheets/site.css").read_text(encoding="utf-8")
    for index in range(1, STYLED_COLUMNS + 1):
        for name in ("num", "prose"):
            assert f'table[data-{name}~="{index}"] > * > tr > :nth-child({index})' in css
    wide = [Column("Report", row_header=True)] + [Column(f"R{i}", numeric=True) for i in range(STYLED_COLUMNS)]
    made = table("Ratings", wide, [["May"] + ["1"] * STYLED_COLUMNS], "wide")
    named = " ".join(str(i) for i in range(2, STYLED_COLUMNS + 1))
    assert f'data-num="{named}"' in made
    assert made.count('class="num"') == 2  # the last column's header and its one cell
