"""Sitemaps and robots.txt, checked against the sitemaps.org schemas (tests/schemas/), and the
published-site check the workflow runs before it deploys."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import SHIPPED_URL
from journeys.build.config import load_config
from journeys.build.site_check import check_site
from journeys.outputs import sitemaps
from journeys.outputs.page import Page
from published_schemas import SITEMAP, SITEMAP_INDEX, errors

NS = {"s": sitemaps.NAMESPACE}


def listed(path: Path, element: str) -> list[str]:
    return [loc.text for loc in ET.parse(path).getroot().iterfind(f"s:{element}/s:loc", NS)]


def built_pages(site: Path) -> set[str]:
    """Every page a reader can open, as its address (the 404 page and the search page aside)."""
    pages = {page.relative_to(site).as_posix() for page in site.rglob("index.html")}
    return {SHIPPED_URL + page.removesuffix("index.html") for page in pages if not page.startswith("search/")}


def test_the_sitemap_index_and_every_sitemap_pass_the_sitemaps_org_schemas(shipped_site):
    index = shipped_site / "sitemap.xml"
    assert errors(SITEMAP_INDEX, index) == []
    sitemaps_listed = listed(index, "sitemap")
    assert sitemaps_listed == [f"{SHIPPED_URL}sitemap-home.xml"] + [
        f"{SHIPPED_URL}{slug}/sitemap.xml" for slug in ("coventry", "kent", "leicestershire", "worcestershire")]
    for address in sitemaps_listed:
        assert errors(SITEMAP, shipped_site / address.removeprefix(SHIPPED_URL)) == []


def test_the_sitemaps_list_every_page_once_and_nothing_else(shipped_site):
    addresses = [page for address in listed(shipped_site / "sitemap.xml", "sitemap")
                 for page in listed(shipped_site / address.removeprefix(SHIPPED_URL), "url")]
    assert len(addresses) == len(set(addresses))
    assert set(addresses) == built_pages(shipped_site)
    assert f"{SHIPPED_URL}coventry/indicators/" in addresses and f"{SHIPPED_URL}glossary/" in addresses


def test_robots_txt_names_the_sitemap_index(shipped_site):
    robots = (shipped_site / "robots.txt").read_text(encoding="utf-8")
    assert robots == f"User-agent: *\nAllow: /\nSitemap: {SHIPPED_URL}sitemap.xml\n"


def test_the_engine_writes_no_sitemap_of_its_own(shipped_site):
    assert not list(shipped_site.rglob("*.xml.gz"))
    assert sorted(p.relative_to(shipped_site).as_posix() for p in shipped_site.rglob("sitemap*.xml")) == [
        "coventry/sitemap.xml", "kent/sitemap.xml", "leicestershire/sitemap.xml", "sitemap-home.xml", "sitemap.xml",
        "worcestershire/sitemap.xml"]


def test_the_built_site_is_ready_to_publish(shipped_site):
    assert check_site(shipped_site) == []


def test_without_an_address_there_is_no_sitemap_and_the_check_refuses_the_site(tmp_path):
    page = Page(path="index.md", title="Home", nav_title="Home", body="# Home\n")
    files = sitemaps.root_files("", [page], ["kent"])
    assert files == {"robots.txt": b"User-agent: *\nAllow: /\n"}
    assert sitemaps.authority_files("", "kent", [page]) == {}
    (tmp_path / "robots.txt").write_bytes(files["robots.txt"])
    [refused] = check_site(tmp_path)
    assert refused.slug == "site-unpublishable" and "built without its address" in refused.line()


def test_the_check_refuses_an_empty_sitemap_and_a_page_listed_but_missing(shipped_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(shipped_site, site)
    (site / "kent" / "sitemap.xml").write_bytes(sitemaps.urlset([]))
    (site / "glossary" / "index.html").unlink()
    found = [problem.line() for problem in check_site(site)]
    assert len(found) == 2
    assert any("kent/sitemap.xml: lists no pages" in line for line in found)
    assert any(f"lists {SHIPPED_URL}glossary/, which is not in the site" in line for line in found)


def test_addresses_are_escaped_and_percent_encoded():
    page = Page(path="indicators/a b&c.md", title="x", nav_title="x", body="")
    body = sitemaps.authority_files("https://example.org/site/", "kent", [page])["sitemap.xml"].decode()
    assert "<loc>https://example.org/site/kent/indicators/a%20b%26c/</loc>" in body


def test_the_address_comes_from_the_command_line_then_the_environment_then_site_yml(tmp_path, monkeypatch):
    (tmp_path / "site.yml").write_text("site_url: https://file.example.org/\n", encoding="utf-8")
    monkeypatch.delenv("JOURNEYS_SITE_URL", raising=False)
    assert load_config(tmp_path / "site.yml")[0].site_url == "https://file.example.org/"
    monkeypatch.setenv("JOURNEYS_SITE_URL", "https://owner.github.io/repo")
    assert load_config(tmp_path / "site.yml")[0].site_url == "https://owner.github.io/repo"
    assert load_config(tmp_path / "site.yml", site_url="https://cli.example.org/x/")[0].site_url == \
        "https://cli.example.org/x/"
    monkeypatch.setenv("JOURNEYS_SITE_URL", "")  # an empty variable (a pull request's build) gives none
    assert load_config(tmp_path / "site.yml")[0].site_url == "https://file.example.org/"


def test_an_address_from_the_environment_is_checked_like_the_files(tmp_path, monkeypatch):
    (tmp_path / "site.yml").write_text("name: x\n", encoding="utf-8")
    monkeypatch.setenv("JOURNEYS_SITE_URL", "javascript:alert(1)")
    config, [found] = load_config(tmp_path / "site.yml")
    assert config is None
    assert 'JOURNEYS_SITE_URL (environment variable)' in found.line() and "javascript:alert(1)" in found.line()


def test_the_check_refuses_a_404_page_that_links_outside_the_sites_path(shipped_site, tmp_path):
    """Built without its address, the 404 page links to /assets/…: on a project address (…/journeys/)
    it would lose its styles and its home link."""
    site = tmp_path / "site"
    shutil.copytree(shipped_site, site)
    page = site / "404.html"
    page.write_text(page.read_text(encoding="utf-8").replace('href="/journeys/assets/', 'href="/assets/'),
                    encoding="utf-8")
    found = [problem.line() for problem in check_site(site)]
    assert found and all("404.html: links to /assets/" in line and "outside the site's address (/journeys/)" in line
                         for line in found)
