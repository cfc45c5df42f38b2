"""The site engine keeps finished HTML away from the Markdown parser: the built page must be the
same page, CSV text must stay inert, and abbreviations must still get their tooltips."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from journeys.build import sections
from journeys import engine
from journeys.outputs import finish
from journeys.outputs.page import Page
from journeys.outputs.markup import Column, bullet_list, definitions, heading, paragraph, table, text
from test_render_markup import PAYLOADS

CAF = ("CAF", "Common Assessment Framework")
LOOK = engine.Look(site_name="Test site", primary_colour="#12436D", accent_colour="#801650", logo=None,
                   abbreviations=(CAF, ("CIN", "child in need")), built="1 December 2026")


class Content(HTMLParser):
    """The tags, attributes, text and comments inside the page's <article>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.tags, self.attrs, self.data, self.comments = 0, [], [], [], []

    def handle_starttag(self, tag, attrs):
        if tag == "article" or self.depth:
            self.depth += tag != "br"
            self.tags.append(tag)
            self.attrs += [(tag, name, value) for name, value in attrs]

    def handle_endtag(self, tag):
        if self.depth and tag != "br":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.data.append(data)

    def handle_comment(self, data):
        self.comments.append(data)


def build(tmp_path, pages: list[Page]) -> dict[str, Content]:
    section = engine.Section(name="", title="Test site", pages=pages)
    problems = sections.through_the_engine(section, LOOK, tmp_path)
    assert problems == []
    (tmp_path / "built" / "site").rename(tmp_path / "out")
    built = {}
    for page in pages:
        path = page.path.removesuffix(".md")
        path = "index.html" if path == "index" else f"{path}/index.html"
        built[page.path] = Content()
        built[page.path].feed((tmp_path / "out" / path).read_text(encoding="utf-8"))
    return built


def page(path: str, body: str) -> Page:
    return Page(path=path, title=text(path), nav_title=text(path), body=body)


def test_payloads_stay_inert_in_every_kind_of_block(tmp_path):
    pages = [page("index.md", "# Home\n")]
    for number, payload in enumerate(PAYLOADS):
        pages.append(page(f"p{number}.md", "\n\n".join([
            heading(2, payload, "h"), paragraph(payload), bullet_list([payload]), definitions([("Label", payload)]),
            table(payload, [Column("A", row_header=True), Column("B")], [[payload, payload]], "t")])))
    allowed = {"article", "h1", "h2", "a", "ul", "li", "dl", "dt", "dd", "p", "div", "table", "thead", "tbody",
               "tr", "th", "td", "br", "abbr"}
    built = build(tmp_path, pages)
    for path, content in built.items():
        assert set(content.tags) <= allowed, (path, set(content.tags) - allowed)
        assert [name for _, name, _ in content.attrs if name.startswith("on")] == []
        assert [name for _, name, _ in content.attrs if name == "markdown"] == []
        titles = {value for tag, name, value in content.attrs if name == "title"}
        assert titles <= {"Common Assessment Framework"}, titles
        assert not [comment for comment in content.comments if "journeys:" in comment]
    for number, payload in enumerate(PAYLOADS):
        content = built[f"p{number}.md"]
        expected = "".join(" ".join(line.split()) for line in payload.split("\n") if line.strip())
        # the payload appears literally: heading, paragraph, list item, definition, caption, two cells
        assert "".join(content.data).count(expected) >= 6, payload


def test_built_page_keeps_headings_contents_and_tooltips(tmp_path):
    body = "\n\n".join([heading(2, "The figures", "figures"),
                        paragraph("Open CAF cases"),
                        table("CIN and CAF", [Column("Period", row_header=True), Column("Note"),
                                              Column("Figure", numeric=True)],
                              [["April 2025", "CAF closed", 12]], "figures-table")])
    built = build(tmp_path, [page("index.md", "# Home\n\n" + body)])["index.md"]
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'id="figures"' in html and 'href="#figures"' in html  # the heading is in the table of contents
    assert html.count('<abbr title="Common Assessment Framework">CAF</abbr>') == 3
    assert '<abbr title="child in need">CIN</abbr>' in html
    assert "markdown=" not in html and "<!--journeys:" not in html
    assert built.tags.count("table") == 1 and built.tags.count("td") == 2


def test_only_paragraphs_made_wholly_of_html_are_lifted():
    body = "# Title\n\n<p>one</p>\n\n<div>\n<p>two</p>\n</div>\n\nSome *Markdown*\n\n<p>three</p>\n<strong>x</strong>\n"
    kept, blocks = finish.lift_blocks(body, 0)
    assert list(blocks.values()) == ["<p>one</p>\n\n<div>\n<p>two</p>\n</div>"]
    assert kept.strip().split("\n\n") == ["# Title", "<!--journeys:0-0-->", "Some *Markdown*",
                                          "<p>three</p>\n<strong>x</strong>"]


@pytest.mark.parametrize("block, expected", [
    ('<td title="CAF">CAF</td>', '<td title="CAF"><abbr title="Common Assessment Framework">CAF</abbr></td>'),
    ("<p><!-- CAF -->CAFE eCAF</p>", "<p><!-- CAF -->CAFE eCAF</p>"),
    ('<figure><svg><text>CAF</text></svg><figcaption>CAF</figcaption></figure>',
     '<figure><svg><text>CAF</text></svg><figcaption><abbr title="Common Assessment Framework">CAF</abbr>'
     '</figcaption></figure>'),
    ('<p><abbr title="mine">CAF</abbr> CAF&#58;</p>',
     '<p><abbr title="mine">CAF</abbr> <abbr title="Common Assessment Framework">CAF</abbr>&#58;</p>'),
])
def test_abbreviations_only_in_text(block, expected):
    assert finish.Abbreviations((CAF,)).apply(block) == expected


def test_the_theme_files_listed_are_jinjas_less_only_hidden_ones_which_mkdocs_never_copies():
    import jinja2
    from mkdocs.theme import Theme

    from journeys.engine import _visible_files

    theme = Theme(name="material")
    everything = jinja2.FileSystemLoader(theme.dirs).list_templates()
    hidden = [name for name in everything if any(part.startswith(".") for part in name.split("/"))]
    assert len(hidden) > 1000  # Material's icons: the reason for listing without them
    assert _visible_files(theme.dirs) == sorted(set(everything) - set(hidden))


def test_pages_grouped_by_a_tuple_of_headings_nest_and_a_group_opens_on_its_index_page():
    def page(path, group):
        return Page(path=path, title=text(path), nav_title=text(path), body=text(""), group=group)

    section = engine.Section(name="", title="Site", pages=[
        page("index.md", None), page("indicators/index.md", "Indicators"),
        page("indicators/a.md", ("Indicators", "Early help")), page("indicators/b.md", ("Indicators", "Care")),
        page("indicators/c.md", ("Indicators", "Early help"))])
    assert engine.navigation(section) == [
        {"index.md": "index.md"},
        {"Indicators": ["indicators/index.md",
                        {"Early help": [{"indicators/a.md": "indicators/a.md"}, {"indicators/c.md": "indicators/c.md"}]},
                        {"Care": [{"indicators/b.md": "indicators/b.md"}]}]}]


def test_keeping_templates_changes_nothing_the_engine_builds_and_mkdocs_still_takes_them_from_the_theme(tmp_path):
    """The engine gives each build's own Theme object a get_env that keeps compiled templates and
    lists the theme without its icons (journeys.engine._keep_templates). If MkDocs stops making its
    Jinja environment through Theme.get_env, or the two builds differ by a byte, this fails: look at
    what the new version of MkDocs or Material does before trusting the patch again."""
    import inspect

    from mkdocs.commands import build as mkdocs_build

    assert "config.theme.get_env()" in inspect.getsource(mkdocs_build.build)
    pages = [page("index.md", "# Home\n\nA page with a table.\n"), page("plan.md", "# Plan\n\nText.\n")]
    section = engine.Section(name="", title="Test site", pages=pages)
    kept = {}

    class Kept:  # as journeys.build.stages.KeptTemplates keeps them, in a dict
        def load(self, key, checksum):
            return kept.get((key, checksum))

        def dump(self, key, checksum, code):
            kept[key, checksum] = code

    trees = []
    for name, templates in (("plain", None), ("kept", Kept()), ("kept again", Kept())):
        assert sections.through_the_engine(section, LOOK, tmp_path / name, templates) == []
        site = tmp_path / name / "built" / "site"
        trees.append({str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()})
    assert kept and trees[0] == trees[1] == trees[2]


def test_our_stylesheets_are_published_minified_with_every_rule_of_their_source(tmp_path):
    import rcssmin

    build(tmp_path, [page("index.md", "# Home\n\nText.\n")])
    source = (engine.THEME / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    published = (tmp_path / "out" / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    assert "/*" in source and "/*" not in published and "\n" not in published.strip()
    assert published == rcssmin.cssmin(source)
    assert "content-visibility:auto" in published  # the rule that keeps a long page's first layout short
    assert "--md-primary-fg-color:#12436D" in (tmp_path / "out/assets/stylesheets/branding.css").read_text(encoding="utf-8")
