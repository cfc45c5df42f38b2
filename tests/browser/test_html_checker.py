"""Every page of two whole built sites passes the Nu Html Checker (the W3C's vnu.jar) with no error
of ours: the fixture site (whose "injection" authority puts markup in every free-text field) and
the shipped data's site.

The checker runs on Java, from the npm package vnu-jar (`make test` installs both; a missing
checker fails here, never skips). The theme's own faults are known and left out by rule, each
with the element it is about, never by page: a new fault of ours on any page fails.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds and checks two whole sites

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / ".ci" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class Known:
    """A fault of Material for MkDocs' templates, not ours: the message and the markup it is about."""
    message: re.Pattern
    extract: re.Pattern
    why: str


KNOWN = [
    Known(re.compile(r"^Attribute “autocomplete” is only allowed when the input type is "),
          re.compile(r'<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" '
                     r'id="__(?:drawer|search)" autocomplete="off">'),
          "Material's base.html sets autocomplete=off on its two hidden checkbox toggles (the drawer and "
          "its search), so that Firefox does not restore them checked on reload"),
]


def check(*sites: Path) -> list[dict]:
    """The checker's errors on every HTML file under these folders."""
    java = shutil.which("java")
    assert java, "java is not installed: the Nu Html Checker runs on Java (make test installs it)"
    assert VNU.is_file(), f"{VNU} is missing: run npm ci --prefix .ci/vnu (make test does)"
    result = subprocess.run([java, "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json",
                             *map(str, sites)], capture_output=True, text=True, timeout=600)
    report = json.loads(result.stderr)  # the checker writes its report to standard error
    return [message for message in report["messages"] if message["type"] != "info"]


def ours(messages: list[dict]) -> list[str]:
    """Every message no known fault explains, as 'page: line: message (markup)'."""
    return [f"{message.get('url', '')}:{message.get('lastLine')}: {message['message']} ({message.get('extract')!r})"
            for message in messages
            if not any(known.message.search(message["message"]) and known.extract.search(message.get("extract", ""))
                       for known in KNOWN)]


def test_no_page_of_either_site_has_an_error_of_ours(built_site, shipped_site):
    messages = check(built_site, shipped_site)
    assert messages, "the checker reported nothing: the theme's known faults should be there"
    assert ours(messages) == []


def test_the_known_faults_are_only_the_themes_and_an_error_of_ours_is_found(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>'
                    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
                    '<p id="x">one</p><p id="x">two</p><label for="nothing">none</label></body></html>',
                    encoding="utf-8")
    found = ours(check(tmp_path))
    assert len(found) == 2
    assert "Duplicate ID “x”" in found[0] and "“for” attribute" in found[1]
