"""What each setting of site.yml may be (journeys.build.config.SETTINGS): a reader per kind of
value, which returns the value as the build uses it or raises Invalid saying what is wrong."""

from __future__ import annotations

import math
import re
from urllib.parse import urlsplit

from journeys.model.standard import FORBIDDEN_CHARACTERS, SLUG, TEXT_LENGTHS, character_name

MODES = ("national", "single")
HEX = re.compile(r"#[0-9A-Fa-f]{6}")


class Invalid(ValueError):
    """A setting's value cannot be used; the message says what is wrong with it."""


def text(value) -> str:
    if not isinstance(value, str):
        raise Invalid("must be text")
    if not value.strip():
        raise Invalid("is empty")
    return shown(value)


def shown(value: str) -> str:
    """Text pages, feeds and papers show: no control character, no longer than a name may be."""
    if found := FORBIDDEN_CHARACTERS.search(value):
        raise Invalid(f"holds {character_name(found[0])}, a control character pages and feeds cannot show")
    if len(value) > TEXT_LENGTHS["a name or label"]:
        raise Invalid(f"is {len(value):,} characters long, more than the {TEXT_LENGTHS['a name or label']} a name may hold")
    return value


def path(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid("must be a path, written as text")
    if "\0" in value:
        raise Invalid("holds a NUL character, which no path can")
    return value


def optional_path(value) -> str:
    return "" if value in (None, "") else path(value)


def mode(value) -> str:
    if value not in MODES:
        raise Invalid("must be national or single")
    return value


def authorities(value) -> tuple[str, ...] | None:
    if value in (None, "all"):
        return None
    names = value if isinstance(value, list) else [value]
    if not names or not all(isinstance(name, str) and SLUG.fullmatch(name) for name in names):
        raise Invalid("must be 'all' or a list of package folder names")
    return tuple(names)


def site_url(value) -> str:
    """'' or an absolute http(s) address with nothing that could leave an attribute or a URL."""
    if value in (None, ""):
        return ""
    if not isinstance(value, str):
        raise Invalid("must be a web address, written as text")
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # e.g. an unclosed [ in the host
        raise Invalid("is not an absolute http or https web address") from None
    if parts.scheme not in ("http", "https") or not host or "@" in parts.netloc:
        raise Invalid("is not an absolute http or https web address")
    if re.search(r"[\s\"'<>`\\{}|^]", value) or any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise Invalid("holds a character a web address cannot (a space, a quote or a bracket)")
    return value


def colour(value) -> str:
    if not isinstance(value, str) or not HEX.fullmatch(value):
        raise Invalid("is not a colour")
    if contrast(value, "#FFFFFF") < 4.5:
        raise Invalid(f"has a contrast of {contrast(value, '#FFFFFF'):.1f}:1 with white, below the 4.5:1 "
                      "that text needs")
    return value


def jobs(value) -> int | None:
    if value in (None, "auto"):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Invalid("must be a whole number, 0 or more, or auto")
    return value


def optional_text(value) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str):
        raise Invalid("must be text")
    return shown(value.strip())


def yes_or_no(value) -> bool:
    if not isinstance(value, bool):
        raise Invalid("must be true or false")
    return value


def megabytes(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise Invalid("must be a number of megabytes, more than 0")
    return float(value)


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio between two #RRGGBB colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
