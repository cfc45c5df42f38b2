"""Atom feeds of what changed: valid Atom 1.0, stable ids, text escaped."""

import html
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import datetime, timezone

import feedparser
import pytest

from journeys.domain import summarise
from journeys.outputs.feeds import tag_uri
from journeys.model import load_authority
from published_schemas import ATOM as ATOM_SCHEMA
from published_schemas import errors
from publishing_support import authority, embargo_package
from publishing_support import write_feeds as write_summaries

ATOM = "{http://www.w3.org/2005/Atom}"
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)
SITE = "https://journeys.example.org/site/"
INJECTED = "<script>alert(1)</script>"


def write_feeds(authorities, *args, **kwargs):
    """The feeds of these authorities, as the build writes them: from each one's summary."""
    return write_summaries([summarise(authority, NOW) for authority in authorities], *args, **kwargs)


def plan_with(tmp_path, action_text, name="Testshire County Council"):
    tables = {"themes": [{"theme_id": "t", "title": "Theme", "order": "1", "source": "doc"}],
              "actions": [{"action_id": "1", "theme_id": "t", "action": action_text, "source": "doc"}],
              "progress": [{"action_id": "1", "report_date": "2016-10-13", "rating": "Amber", "source": "doc"},
                           {"action_id": "1", "report_date": "2017-01-12", "rating": "Green", "source": "doc"}]}
    return replace(authority(tmp_path, **tables), name=name)


@pytest.fixture
def feeds(tmp_path):
    testshire = load_authority(embargo_package(tmp_path / "testshire"))
    other = plan_with(tmp_path / "other", f"Publish {INJECTED} plans", name=f"Other {INJECTED} Council")
    other = replace(other, slug="other")
    paths = write_feeds([testshire, other], SITE, tmp_path / "site", NOW)
    return {path.stem: path for path in paths}


def test_a_feed_per_authority_and_one_for_the_site(feeds):
    assert sorted(feeds) == ["all", "other", "testshire"]
    assert all(path.parent.name == "feeds" for path in feeds.values())


@pytest.mark.parametrize("name", ["all", "other", "testshire"])
def test_every_feed_is_well_formed_atom_with_the_required_elements(feeds, name):
    root = ET.parse(feeds[name]).getroot()
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    assert [link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"] == [
        f"{SITE}feeds/{name}.xml"]
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for required in ("id", "title", "updated", "content"):
            assert entry.find(f"{ATOM}{required}") is not None, required
        assert entry.find(f"{ATOM}id").text.startswith("tag:journeys.invalid,2026:")


@pytest.mark.parametrize("name", ["all", "other", "testshire"])
def test_feedparser_reads_every_feed_without_complaint(feeds, name):
    parsed = feedparser.parse(feeds[name].read_bytes())
    assert parsed.bozo is False, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.entries


def test_entries_are_dated_by_their_report_and_newest_first(feeds):
    root = ET.parse(feeds["testshire"]).getroot()
    updated = [entry.find(f"{ATOM}updated").text for entry in root.findall(f"{ATOM}entry")]
    assert updated == sorted(updated, reverse=True)
    assert updated[0].startswith("2017-03-01T00:00:00")
    assert root.find(f"{ATOM}updated").text == updated[0]


def test_a_feed_holds_the_newest_reports_up_to_its_limit(tmp_path, feeds, monkeypatch):
    import journeys.outputs.feeds

    every = [e.find(f"{ATOM}updated").text for e in ET.parse(feeds["testshire"]).getroot().findall(f"{ATOM}entry")]
    assert len(every) >= 2
    monkeypatch.setattr(journeys.outputs.feeds, "MAX_ENTRIES", 1)
    kept = write_feeds([load_authority(embargo_package(tmp_path / "few" / "testshire"))], SITE, tmp_path / "few", NOW)
    root = ET.parse(kept[0]).getroot()
    assert [e.find(f"{ATOM}updated").text for e in root.findall(f"{ATOM}entry")] == every[:1]
    assert root.find(f"{ATOM}updated").text == every[0]


def test_ids_are_stable_across_builds(tmp_path, feeds):
    again = write_feeds([load_authority(embargo_package(tmp_path / "again" / "testshire"))], SITE,
                        tmp_path / "site2", NOW)
    ids = [e.find(f"{ATOM}id").text for e in ET.parse(feeds["testshire"]).getroot().findall(f"{ATOM}entry")]
    ids_again = [e.find(f"{ATOM}id").text for e in ET.parse(again[0]).getroot().findall(f"{ATOM}entry")]
    assert ids == ids_again and len(set(ids)) == len(ids)
    assert ids[0] == tag_uri("testshire/changes/2017-03-01") == "tag:journeys.invalid,2026:testshire/changes/2017-03-01"


def test_ids_are_the_same_with_no_address_with_an_address_and_after_a_move(tmp_path):
    """Giving the site an address (or moving it) must not make a reader's feed show every entry again."""
    def ids(site_url, folder):
        [own, every] = write_feeds([load_authority(embargo_package(tmp_path / folder / "testshire"))], site_url,
                                   tmp_path / folder / "site", NOW)
        return [found.text for path in (own, every) for found in ET.parse(path).getroot().iter(f"{ATOM}id")]

    assert ids("", "none") == ids(SITE, "given") == ids("https://other.example.net/moved/", "moved")


def test_markup_in_csv_text_is_text_in_titles_and_content(feeds):
    raw = feeds["all"].read_text(encoding="utf-8")
    assert "<script" not in raw
    root = ET.parse(feeds["all"]).getroot()
    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    assert any(title.startswith(f"Other {INJECTED} Council:") for title in titles)  # shown as text
    contents = [e.find(f"{ATOM}content") for e in root.findall(f"{ATOM}entry")]
    assert all(c.get("type") == "html" for c in contents)
    injected = [c.text for c in contents if "alert" in c.text]
    assert injected and all("<script>" not in text and html.escape(INJECTED) in text for text in injected)


def test_feedparser_sees_the_injected_markup_as_text(feeds):
    parsed = feedparser.parse(feeds["other"].read_bytes())
    content = parsed.entries[0].content[0].value
    assert "<script" not in content and html.escape(INJECTED) in content


def test_a_feed_without_changes_is_still_valid_and_dated_the_day_it_was_built(tmp_path):
    empty = authority(tmp_path)
    [own, _] = write_feeds([empty], "", tmp_path / "site", NOW)
    parsed = feedparser.parse(own.read_bytes())
    assert parsed.bozo is False and parsed.entries == []
    assert parsed.feed.updated_parsed[:4] == (2026, 11, 1, 0)  # the start of the build's day, in UK time (GMT)
    assert ET.parse(own).getroot().find(f"{ATOM}id").text == "tag:journeys.invalid,2026:feeds/testshire"


def test_a_feed_says_what_the_summary_says_changed_and_nothing_else(tmp_path):
    summary = summarise(load_authority(embargo_package(tmp_path)), NOW)
    [own, _] = write_summaries([replace(summary, changes=())], SITE, tmp_path / "site", NOW)
    assert feedparser.parse(own.read_bytes()).entries == []
    [own, _] = write_summaries([summary], SITE, tmp_path / "site", NOW)
    assert len(feedparser.parse(own.read_bytes()).entries) == len([c for c in summary.changes if not c.is_empty()]) > 0


def test_the_site_feed_carries_the_sites_name_as_text(tmp_path):
    paths = write_feeds([authority(tmp_path)], SITE, tmp_path / "site", NOW, site_name=f"Journeys {INJECTED}")
    root = ET.parse(paths[-1]).getroot()
    assert root.find(f"{ATOM}title").text == f"Journeys {INJECTED}: what changed"
    assert "<script" not in paths[-1].read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["all", "other", "testshire"])
def test_every_feed_passes_the_rfc_4287_schema(feeds, name):
    assert errors(ATOM_SCHEMA, feeds[name]) == []


def test_every_feed_of_the_shipped_site_passes_the_rfc_4287_schema(shipped_site):
    written = sorted((shipped_site / "feeds").glob("*.xml"))
    assert [path.stem for path in written] == ["all", "coventry", "kent", "leicestershire", "worcestershire"]
    assert [error for path in written for error in errors(ATOM_SCHEMA, path)] == []


def test_the_site_feed_holds_each_authoritys_latest_report_however_often_others_report(tmp_path, monkeypatch):
    import journeys.outputs.feeds

    monkeypatch.setattr(journeys.outputs.feeds, "MAX_ENTRIES", 1)
    testshire = load_authority(embargo_package(tmp_path / "testshire"))  # reports up to 2017-03-01
    other = replace(plan_with(tmp_path / "other", "Publish plans"), slug="other")  # its latest: 2017-01-12
    every = write_feeds([testshire, other], SITE, tmp_path / "site", NOW)[-1]
    ids = [e.find(f"{ATOM}id").text for e in ET.parse(every).getroot().findall(f"{ATOM}entry")]
    assert ids == [tag_uri("testshire/changes/2017-03-01"), tag_uri("other/changes/2017-01-12")]


def test_the_shipped_site_feed_has_every_authority(shipped_site):
    root = ET.parse(shipped_site / "feeds" / "all.xml").getroot()
    ids = [entry.find(f"{ATOM}id").text for entry in root.findall(f"{ATOM}entry")]
    assert {entry_id.split(":")[-1].split("/")[0] for entry_id in ids} == {
        "coventry", "kent", "leicestershire", "worcestershire"}
