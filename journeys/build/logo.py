"""A council's logo is published on the site's own origin, so it must run nothing and fetch nothing.

A PNG is checked by its first bytes. An SVG is a document that can carry script: it is parsed
(with no document type, so no entities can expand) and refused, with the reason, if it holds
script, an event handler, foreignObject or other embedded documents, or a reference to anything
outside itself. Refusing is simpler and more honest than rewriting someone's logo.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from journeys.model.reading import read_file

MAX_LOGO_BYTES = 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
EMBEDDING = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
ANIMATION = {"set", "animate", "animatemotion", "animatetransform"}
EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.I)


def logo_problem(path: Path) -> str | None:
    """Why the logo cannot be published, or None if it can."""
    size = path.stat().st_size
    if size > MAX_LOGO_BYTES:
        return f"is {size // 1024} KB, more than the {MAX_LOGO_BYTES // 1024} KB a logo may be"
    data = read_file(path)
    if path.suffix.lower() == ".png":
        return None if data.startswith(PNG_SIGNATURE) else "is not a PNG image (its first bytes are not a PNG's)"
    return svg_problem(data)


def svg_problem(data: bytes) -> str | None:
    """Why an SVG could run script or fetch something, or None."""
    if b"<!doctype" in data.lower() or b"<!entity" in data.lower():
        return "has a document type or entities, which a logo does not need"
    if re.search(rb"<\?(?!xml\s)", data):
        return "has a processing instruction (such as a style sheet link), which a logo does not need"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return f"is not a well-formed SVG file ({error})"
    if _local(root.tag) != "svg":
        return "is not an SVG image (its root element is not <svg>)"
    for element in root.iter():
        reason = _element_problem(element)
        if reason:
            return reason
    return None


def _element_problem(element: ElementTree.Element) -> str | None:
    tag = _local(element.tag)
    if tag.lower() in EMBEDDING:
        return f"holds a <{tag}> element, which could run script"
    if tag == "style" and (EXTERNAL_URL.search(element.text or "") or "@import" in (element.text or "")):
        return "has a style that loads something from outside the file"
    for name, value in element.attrib.items():
        local = _local(name).lower()
        if local.startswith("on"):
            return f"has an event handler ({local}), which runs script"
        if local == "href" and not value.strip().startswith("#"):
            return f"refers to something outside the file ({local}=\"{value[:80]}\")"
        if EXTERNAL_URL.search(value) or "javascript:" in value.lower():
            return f"refers to something outside the file ({local}=\"{value[:80]}\")"
        if tag.lower() in ANIMATION and local == "attributename" and (_local(value).lower() == "href"
                                                               or value.lower().startswith("on")):
            return f"animates the {value} attribute, which could make a link run script"
    return None


def _local(name: str) -> str:
    """A tag or attribute name without its namespace: {http://www.w3.org/2000/svg}svg -> svg."""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1] if isinstance(name, str) else ""
