"""Site configuration (site.yml): which authorities a site holds, its name, logo and colours, and
whether it is a national site or one council's own. Configuration, not code.

Every setting is described once, in SETTINGS: its default, how its value is read and what to
write instead. A mistake is returned as a Problem (file, key, value, what to write), like a
data problem, never raised. Then come the checks that need the file system: the site folder
must be one the build may replace, the logo a plain PNG or an SVG that runs nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from journeys.build import setting_values as kind
from journeys.build.logo import logo_problem
from journeys.build.setting_values import Invalid
from journeys.invocation import command
from journeys.model.problems import Problem, problem
from journeys.model.reading import read_file

CACHE_ENVIRONMENT = "JOURNEYS_CACHE_DIR"
SITE_MARKER = ".journeys-site"  # written into every site the build makes: the folder it may replace
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
    jobs: int | None = None            # worker processes; 0 = none; None = decided by the build
    size_limit_mb: float = 1000        # the build warns when the published site is larger
    paper_committee: str = ""          # the committee or board a committee paper is for (its cover)
    papers_on_site: bool = False       # each authority's overview links its latest report's paper
    docs_dir: Path | None = None       # the site's own hand-written pages, over the tool's; None: the tool's


# --- The settings, described once ------------------------------------------------------------------

@dataclass(frozen=True)
class Setting:
    key: str                          # "branding.logo" for a setting inside branding:
    default: object
    read: Callable[[object], object]  # the value as the build uses it; raises Invalid
    hint: str                         # what to write


SETTINGS = [
    Setting("name", "Children's services improvement journeys", kind.text,
            "Write the site's name as text, e.g. 'name: Coventry children's services'."),
    Setting("mode", "national", kind.mode,
            "Write 'mode: national' for many authorities, 'mode: single' for one council's site."),
    Setting("authorities", "all", kind.authorities,
            "Write 'authorities: all', or e.g. 'authorities: [coventry, kent]' (folder names in data_dir)."),
    Setting("data_dir", "data", kind.path, "Write the folder of the data packages, e.g. 'data_dir: data'."),
    Setting("site_dir", "site", kind.path, "Write the folder the site is built into, e.g. 'site_dir: site'."),
    Setting("docs_dir", "", kind.optional_path,
            "Write the folder of the site's own hand-written pages (accessibility.md, how-to-read.md), e.g. "
            "'docs_dir: docs', or \"\" to use the tool's."),
    Setting("cache_dir", ".cache/journeys", kind.optional_path,
            "Write a folder, e.g. 'cache_dir: .cache/journeys', or \"\" to keep nothing between builds."),
    Setting("site_url", "", kind.site_url,
            "Write the address the site is published at, e.g. 'site_url: https://example.github.io/journeys/', "
            'or "" for none.'),
    Setting("jobs", "auto", kind.jobs,
            "Write the number of worker processes, e.g. 'jobs: 4', 0 for none, or 'jobs: auto'."),
    Setting("size_limit_mb", 1000, kind.megabytes,
            "Write the size the published site should stay under, in MB, e.g. 'size_limit_mb: 1000' "
            "(GitHub Pages publishes up to 1 GB)."),
    Setting("paper.committee", "", kind.optional_text,
            "Write the committee or board the paper goes to, e.g. 'committee: Scrutiny Board (2)', or \"\" "
            "for none."),
    Setting("paper.on_site", False, kind.yes_or_no,
            "Write 'on_site: true' to publish each authority's latest committee paper on the site, or "
            "'on_site: false'."),
    Setting("branding.logo", "", kind.optional_path,
            "Give the path of an SVG or PNG logo relative to this file, e.g. 'logo: branding/coventry.svg', "
            'or "" for none.'),
    Setting("branding.primary_colour", "#12436D", kind.colour,
            'Write a colour as six hex digits in quotes, e.g. "#12436D", with 4.5:1 contrast against white.'),
    Setting("branding.accent_colour", "#801650", kind.colour,
            'Write a colour as six hex digits in quotes, e.g. "#801650", with 4.5:1 contrast against white.'),
]
GROUPS = {"branding", "paper"}  # settings that hold settings
HINTS = {setting.key: setting.hint for setting in SETTINGS}


# --- Reading the file ----------------------------------------------------------------------------

def load_config(path: Path | str, site_dir: Path | str | None = None) -> tuple[SiteConfig | None, list[Problem]]:
    """Read site.yml; relative paths in it are relative to the file. `site_dir` overrides the file's."""
    path = Path(path)
    raw, problems = _read(path)
    if problems:
        return None, problems
    values, problems = read_settings(path, raw)
    if problems:
        return None, problems
    base = path.resolve().parent
    cache_dir, problems = _cache_dir(path, base, values["cache_dir"])
    logo = base / values["branding.logo"] if values["branding.logo"] else None
    config = SiteConfig(
        path=path, name=values["name"], mode=values["mode"], authorities=values["authorities"],
        data_dir=base / values["data_dir"],
        site_dir=Path(os.path.abspath(site_dir or base / values["site_dir"])),
        site_url=values["site_url"],
        branding=Branding(logo, values["branding.primary_colour"], values["branding.accent_colour"]),
        cache_dir=cache_dir, jobs=values["jobs"], size_limit_mb=values["size_limit_mb"],
        paper_committee=values["paper.committee"], papers_on_site=values["paper.on_site"],
        docs_dir=base / values["docs_dir"] if values["docs_dir"] else None)
    problems += _check_together(config) + site_dir_problems(config) + cache_dir_problems(config)
    if logo is not None:
        problems += _logo_problems(path, base, values["branding.logo"])
    return (None, problems) if problems else (config, [])


def _read(path: Path) -> tuple[dict, list[Problem]]:
    if not path.is_file():
        return {}, [_problem(path, None, "the site configuration file does not exist",
                             f"Give another with --config, or start a site with one: {command()} init <folder> "
                             "--name ... --gss ... --dfe ...")]
    try:
        raw = yaml.safe_load(read_file(path).decode("utf-8")) or {}
    except UnicodeDecodeError:
        return {}, [_problem(path, None, "is not saved as UTF-8",
                             "Save the file as UTF-8 text (in a text editor: Save As, encoding UTF-8).")]
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        return {}, [_problem(path, None, "is not valid YAML",
                             "Check the indentation and quotes on this line or the one before it.",
                             row=None if line is None else line + 1)]
    except RecursionError:
        return {}, [_problem(path, None, "is nested too deeply to be settings",
                             "See site.yml in the project for the settings and their meaning.")]
    if not isinstance(raw, dict):
        return {}, [_problem(path, None, "must be a list of settings such as 'mode: national'",
                             "See site.yml in the project for the settings and their meaning.")]
    return raw, []


def read_settings(path: Path, raw: dict) -> tuple[dict, list[Problem]]:
    """Every setting's value as the build uses it, and a problem for every mistake, not just the first."""
    flat, problems = _flatten(path, raw)
    values = {}
    for setting in SETTINGS:
        value = flat.get(setting.key, setting.default)
        try:
            values[setting.key] = setting.read(value)
        except Invalid as wrong:
            problems.append(_problem(path, setting.key, str(wrong), setting.hint, value=_shown(value)))
    return values, problems


def _flatten(path: Path, raw: dict) -> tuple[dict, list[Problem]]:
    """{"branding": {"logo": x}} as {"branding.logo": x}; unknown keys and a group that is not one are problems."""
    flat, problems, known = {}, [], {setting.key for setting in SETTINGS}
    for key, value in raw.items():
        if key in GROUPS:
            if value is None:
                continue
            if not isinstance(value, dict):
                problems.append(_problem(path, str(key), "must hold settings, one a line, indented under it",
                                         "Write e.g. 'branding:' and on the next line '  logo: logo.svg'.",
                                         value=_shown(value)))
                continue
            flat.update((f"{key}.{inner}", inner_value) for inner, inner_value in value.items())
        else:
            flat[key] = value
    unknown = [key for key in flat if key not in known]
    problems += [_problem(path, str(key), "is not a setting",
                          f"The settings are: {', '.join(sorted(known))}.") for key in unknown]
    return {key: value for key, value in flat.items() if key in known}, problems


def _shown(value) -> str | None:
    return None if value is None else str(value)[:200]


# --- Checks that need more than one setting, or the file system ------------------------------------

def _check_together(config: SiteConfig) -> list[Problem]:
    if config.mode == "single" and (config.authorities is None or len(config.authorities) != 1):
        return [_problem(config.path, "authorities", "a single-authority site publishes exactly one authority",
                         "Write e.g. 'authorities: [coventry]', the folder name in data/.")]
    return []


def site_dir_problems(config: SiteConfig) -> list[Problem]:
    """The site folder is replaced whole by each build, so it must be one the build made itself.

    Refused: a file; a folder that holds the configuration, the data or the cache (`.`, `..`,
    `/`, `data`); and a folder of other files. Accepted: a new or empty folder, or one carrying
    the marker every build writes, or (from before the marker) a previous build's site.
    """
    site = config.site_dir
    key = "site_dir"
    if site.is_symlink():
        return [_problem(config.path, key, "is a symbolic link", "Write the path of a real folder.", str(site))]
    if site.exists() and not site.is_dir():
        return [_problem(config.path, key, "is a file, not a folder: the build would replace it",
                         "Write the path of a new folder, e.g. 'site_dir: site'.", str(site))]
    resolved = site.resolve()
    kept = {"the configuration": config.path.resolve(), "the data": config.data_dir.resolve()}
    if config.cache_dir is not None:
        kept["the cache"] = config.cache_dir.resolve()
    for what, path in kept.items():
        if resolved == path or resolved in path.parents:
            return [_problem(config.path, key, f"holds {what} ({path}), which the build would delete",
                             "Write the path of a folder of its own, e.g. 'site_dir: site'.", str(site))]
        if what == "the data" and path in resolved.parents:
            return [_problem(config.path, key, f"lies inside the data folder ({path})",
                             "Write the path of a folder outside data_dir, e.g. 'site_dir: site'.", str(site))]
    if site.is_dir() and not made_by_the_build(site):
        return [_problem(config.path, key, "holds files this program did not make, which the build would delete",
                         f"Write the path of a new or empty folder. If the folder is a site an earlier version built, "
                         f"delete it (each build now marks its site with a file named {SITE_MARKER}).", str(site))]
    return []


def cache_dir_problems(config: SiteConfig) -> list[Problem]:
    """The cache is the build's to prune and empty: never the data, the configuration's folder or the
    site, nor a folder inside or holding one of them."""
    if config.cache_dir is None:
        return []
    cache = config.cache_dir.resolve()
    key = f"{CACHE_ENVIRONMENT} (environment variable)" if os.environ.get(CACHE_ENVIRONMENT) else "cache_dir"
    kept = {"the data": config.data_dir.resolve(), "the site": config.site_dir.resolve(),
            "the configuration": config.path.resolve().parent}
    for what, path in kept.items():
        inside = what != "the configuration" and path in cache.parents
        if cache == path or cache in path.parents or inside:
            where = "is" if cache == path else "lies inside" if inside else "holds"
            return [_problem(config.path, key, f"{where} {what} ({path}), which the build would delete as it "
                             "clears out what it no longer needs",
                             "Give the cache a folder of its own, e.g. 'cache_dir: .cache/journeys'.",
                             str(config.cache_dir))]
    return []


def made_by_the_build(folder: Path) -> bool:
    """Empty, marked by a build, or (before the marker existed) a previous build's site."""
    if (folder / SITE_MARKER).is_file() or not any(folder.iterdir()):
        return True
    return all((folder / name).exists() for name in ("index.html", "pagefind", "assets", "sitemap.xml"))


def _cache_dir(path: Path, base: Path, setting: str) -> tuple[Path | None, list[Problem]]:
    """JOURNEYS_CACHE_DIR, else the setting relative to site.yml; an empty setting keeps no cache."""
    from_environment = os.environ.get(CACHE_ENVIRONMENT)
    chosen = from_environment or setting
    if not chosen:
        return None, []
    folder = base / chosen
    if cache_dir_unusable(folder):
        key = f"{CACHE_ENVIRONMENT} (environment variable)" if from_environment else "cache_dir"
        return None, [_problem(path, key, "is a file (or inside one), not a folder the cache can be kept in",
                               "Give a folder, e.g. .cache/journeys, or delete the file.", chosen)]
    return folder, []


def cache_dir_unusable(folder: Path) -> bool:
    """True if the folder, or the nearest part of its path that exists, is not a folder."""
    for part in (folder, *folder.parents):
        if part.exists():
            return not part.is_dir()
    return False


def _logo_problems(path: Path, base: Path, logo: str) -> list[Problem]:
    """An SVG or PNG file inside the configuration's folder, reached through no symbolic link, that runs nothing."""
    where = Path(os.path.abspath(base / logo))
    reason = None
    if where.suffix.lower() not in LOGO_TYPES:
        reason = "is not an .svg or .png file"
    elif base not in where.parents:
        reason = "is outside the configuration's folder"
    elif where.resolve() != where or where.is_symlink():
        reason = "is a symbolic link (or lies behind one), and the build publishes only plain files"
    elif not where.is_file():
        reason = "is not a file next to the configuration"
    else:
        reason = logo_problem(where)
    if reason is None:
        return []
    return [_problem(path, "branding.logo", reason, HINTS["branding.logo"], logo)]


def _problem(path: Path, key: str | None, message: str, hint: str, value=None, row: int | None = None) -> Problem:
    return problem("site-config", str(path), row, key, None if value is None else str(value), what=message, fix=hint)
