"""Site configuration (site.yml): which authorities a site holds, its name, logo and colours, and
whether it is a national site or one council's own. Configuration, not code.

Problems in the file are returned as data, like the validator's, never raised.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from journeys.problems import Problem

MODES = ("national", "single")
CACHE_ENVIRONMENT = "JOURNEYS_CACHE_DIR"
DEFAULTS = {"name": "Children's services improvement journeys", "mode": "national", "authorities": "all",
            "data_dir": "data", "site_dir": "site", "site_url": "", "cache_dir": ".cache/journeys",
            "branding": {"logo": "", "primary_colour": "#12436D", "accent_colour": "#801650"}}
HEX = re.compile(r"#[0-9A-Fa-f]{6}")
LOGO_TYPES = (".svg", ".png")


@dataclass(frozen=True)
class Branding:
    logo: Path | None
    primary_colour: str   # header background and links: 4.5:1 against white
    accent_colour: str    # links on hover and focus: 4.5:1 against white


@dataclass(frozen=True)
class SiteConfig:
    path: Path
    name: str
    mode: str                          # "national" or "single"
    authorities: tuple[str, ...] | None  # package folder names; None means every package in data_dir
    data_dir: Path
    site_dir: Path
    site_url: str
    branding: Branding
    cache_dir: Path | None = None      # work kept between builds (journeys/cache.py); None keeps nothing


def load_config(path: Path | str, site_dir: Path | str | None = None) -> tuple[SiteConfig | None, list[Problem]]:
    """Read site.yml; relative paths in it are relative to the file. `site_dir` overrides the file's."""
    path = Path(path)
    raw, problems = _read(path)
    if problems:
        return None, problems
    merged = {**DEFAULTS, **raw, "branding": {**DEFAULTS["branding"], **(raw.get("branding") or {})}}
    problems = check(path, merged)
    if problems:
        return None, problems
    base = path.resolve().parent
    branding = merged["branding"]
    config = SiteConfig(
        path=path, name=str(merged["name"]), mode=merged["mode"], authorities=_authorities(merged["authorities"]),
        data_dir=base / merged["data_dir"], site_dir=Path(site_dir) if site_dir else base / merged["site_dir"],
        site_url=str(merged["site_url"] or ""),
        branding=Branding(base / branding["logo"] if branding["logo"] else None,
                          branding["primary_colour"], branding["accent_colour"]),
        cache_dir=_cache_dir(base, merged["cache_dir"]))
    return config, []


def _cache_dir(base: Path, setting) -> Path | None:
    """JOURNEYS_CACHE_DIR, else the setting relative to site.yml; an empty setting keeps no cache."""
    chosen = os.environ.get(CACHE_ENVIRONMENT, setting)
    return base / chosen if chosen else None


def _read(path: Path) -> tuple[dict, list[Problem]]:
    if not path.is_file():
        return {}, [_problem(path, None, None, "the site configuration file does not exist",
                             "Create it (copy site.yml from the project) or give another with --config.")]
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        return {}, [_problem(path, None if line is None else line + 1, None, "is not valid YAML",
                             "Check the indentation and quotes on this line or the one before it.")]
    if not isinstance(raw, dict):
        return {}, [_problem(path, None, None, "must be a list of settings such as 'mode: national'",
                             "See site.yml in the project for the settings and their meaning.")]
    return raw, []


def check(path: Path, raw: dict) -> list[Problem]:
    """Every problem with the settings, not just the first."""
    problems = [_problem(path, None, key, "is not a setting",
                         f"The settings are: {', '.join(DEFAULTS)}.") for key in raw if key not in DEFAULTS]
    if raw["mode"] not in MODES:
        problems.append(_problem(path, None, "mode", "must be national or single",
                                 "Write 'mode: national' for many authorities, 'mode: single' for one council's site.",
                                 raw["mode"]))
    authorities = _authorities(raw["authorities"])
    if raw["mode"] == "single" and (authorities is None or len(authorities) != 1):
        problems.append(_problem(path, None, "authorities", "a single-authority site publishes exactly one authority",
                                 "Write e.g. 'authorities: [coventry]', the folder name in data/."))
    if authorities is not None and not all(isinstance(a, str) and re.fullmatch(r"[a-z0-9-]+", a) for a in authorities):
        problems.append(_problem(path, None, "authorities", "must be 'all' or a list of package folder names",
                                 "Write e.g. 'authorities: [coventry, kent]'."))
    return problems + _check_branding(path, raw["branding"])


def _check_branding(path: Path, branding: dict) -> list[Problem]:
    problems = []
    for key in ("primary_colour", "accent_colour"):
        colour = str(branding.get(key, ""))
        if not HEX.fullmatch(colour):
            problems.append(_problem(path, None, f"branding.{key}", "is not a colour",
                                     'Write a colour as six hex digits in quotes, e.g. "#12436D".', colour))
        elif contrast(colour, "#FFFFFF") < 4.5:
            problems.append(_problem(path, None, f"branding.{key}",
                                     f"has a contrast of {contrast(colour, '#FFFFFF'):.1f}:1 with white, below the "
                                     "4.5:1 that text needs", "Choose a darker shade.", colour))
    logo = branding.get("logo") or ""
    if logo and (Path(str(logo)).suffix.lower() not in LOGO_TYPES or not (path.resolve().parent / logo).is_file()):
        problems.append(_problem(path, None, "branding.logo", "is not an SVG or PNG file next to the configuration",
                                 "Give the path of the logo relative to this file, or leave it empty.", str(logo)))
    return problems


def _authorities(value) -> tuple[str, ...] | None:
    if value in (None, "all"):
        return None
    return tuple(value) if isinstance(value, list) else (value,)


def _problem(path: Path, line: int | None, key: str | None, message: str, hint: str, value=None) -> Problem:
    return Problem("site-config", str(path), line, key, None if value is None else str(value), message, hint)


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio between two #RRGGBB colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
