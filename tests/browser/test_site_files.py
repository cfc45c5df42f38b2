"""The national fixture site as files: every link and anchor resolves, every download is there."""

from __future__ import annotations

import json
import zipfile

from test_build import broken_links


def test_every_link_and_anchor_resolves(built_site):
    assert broken_links(built_site) == []


def test_each_authority_has_its_downloads_and_the_site_its_feeds(built_site):
    """A national site publishes each authority's tables in its zipped package alone (issue 26), beside
    its scorecard."""
    for slug in ("northam", "southby", "injection"):
        assert {path.name for path in (built_site / slug / "downloads").iterdir()} == {
            f"{slug}-data-package.zip", f"{slug}-scorecard.xlsx"}
        with zipfile.ZipFile(built_site / slug / "downloads" / f"{slug}-data-package.zip") as archive:
            package = json.loads(archive.read("datapackage.json"))
            assert {resource["path"] for resource in package["resources"]} | {f"{slug}.json", "datapackage.json"} \
                == set(archive.namelist())
    assert (built_site / "feeds" / "all.xml").is_file()
