"""The national fixture site as files: every link and anchor resolves, every download is there."""

from __future__ import annotations

import json

from test_build import broken_links


def test_every_link_and_anchor_resolves(built_site):
    assert broken_links(built_site) == []


def test_each_authority_has_its_downloads_and_the_site_its_feeds(built_site):
    for slug in ("northam", "southby", "injection"):
        package = json.loads((built_site / slug / "downloads" / "datapackage.json").read_text(encoding="utf-8"))
        for resource in package["resources"]:
            assert (built_site / slug / "downloads" / resource["path"]).is_file()
        assert (built_site / slug / "downloads" / f"{slug}-data-package.zip").is_file()
    assert (built_site / "feeds" / "all.xml").is_file()
