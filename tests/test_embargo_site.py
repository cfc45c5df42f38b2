"""End to end: an embargoed paper's rows are in no file of a real build until their time.

Every output file is read, gzip and zip members included (Pagefind's index and fragments are
gzipped, the data package download is a zip, the sitemap has a .gz twin) and a PDF's text (the
committee paper's), and searched for the marker word every held-back row carries.
"""

import contextlib
import gzip
import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pypdf
import pytest

from journeys.build.pipeline import build
from journeys.build.config import load_config
from publishing_support import MARKER, embargo_package

pytestmark = pytest.mark.slow

BEFORE = datetime(2017, 3, 1, 9, 59, tzinfo=timezone.utc)  # the paper is embargoed until 10:00 UK time
AT = datetime(2017, 3, 1, 10, 0, tzinfo=timezone.utc)
NEEDLE = MARKER.lower()[:9].encode()  # search indexes lowercase and stem words
PUBLIC = b"recruit permanent social workers"


def contents(path: Path, data: bytes):
    """(name, bytes) for a file and, for gzip and zip files, for what is inside."""
    yield str(path), data
    if data[:2] == b"\x1f\x8b":
        yield from contents(Path(f"{path}!gunzip"), gzip.decompress(data))
    elif data[:5] == b"%PDF-":
        words = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
        yield f"{path}!text", " ".join(words.split()).encode()
    elif data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield from contents(Path(f"{path}!{member}"), archive.read(member))


def files_containing(site: Path, needle: bytes) -> set[str]:
    found = set()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        for name, data in contents(path.relative_to(site), path.read_bytes()):
            if needle in data.lower():
                found.add(name)
    return found


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The same package built before and at the end of the embargo: (site, printed output) each."""
    root = tmp_path_factory.mktemp("embargo-site")
    embargo_package(root)
    (root / "site.yml").write_text("name: Embargo test\nsite_url: https://journeys.example.org/\n"
                                   "paper:\n  on_site: true\n", encoding="utf-8")
    results = {}
    for label, now in (("before", BEFORE), ("at", AT)):
        config, problems = load_config(root / "site.yml", root / f"site-{label}")
        assert problems == []
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            status = build(config, now=now)
        assert status == 0, printed.getvalue()
        results[label] = (root / f"site-{label}", printed.getvalue())
    return results


def test_before_its_time_no_output_file_mentions_the_paper(builds):
    site, _ = builds["before"]
    assert files_containing(site, NEEDLE) == set()


def test_the_search_for_the_marker_does_look_everywhere(builds):
    # The public rows are found in pages, search index, feeds and downloads of the same build,
    # so an empty result above means absent, not unsearched.
    site, _ = builds["before"]
    found = files_containing(site, PUBLIC)
    assert any(name.endswith(".html") for name in found)
    assert any(".pf_fragment" in name for name in found)
    assert any(name.startswith("testshire/downloads/") and "!" in name for name in found)  # inside the zip
    assert any(name.startswith("testshire/downloads/") and name.endswith(".json") for name in found)
    assert {"testshire/paper/committee-paper.html", "testshire/paper/committee-paper.pdf!text"} <= found


def test_the_build_says_what_it_held_back(builds):
    _, printed = builds["before"]
    assert "held back until 1 March 2017 10:00 (UK time): document 'doc-embargoed'" in printed
    _, printed = builds["at"]
    assert "held back" not in printed


def test_once_its_time_has_come_the_paper_is_everywhere(builds):
    site, _ = builds["at"]
    found = files_containing(site, NEEDLE)
    assert any(name.endswith(".html") and name.startswith("testshire/") for name in found)
    assert any(".pf_fragment" in name for name in found) and any(".pf_index" in name for name in found)
    assert {"feeds/testshire.xml", "feeds/all.xml"} <= found
    assert any(name.startswith("testshire/downloads/") and "!" in name for name in found)
    assert {"testshire/paper/committee-paper.html", "testshire/paper/committee-paper.pdf!text"} <= found


def test_pages_of_held_back_rows_are_missing_from_the_sitemap_until_released(builds):
    page = b"secret-indicator"
    assert files_containing(builds["before"][0], page) == set()
    released = files_containing(builds["at"][0], page)
    assert any("sitemap.xml" in name for name in released)
