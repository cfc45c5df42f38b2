"""`journeys init DIR --name … --gss … --dfe …`: a council's own repository, ready to fill in and publish.

It holds what a council keeps and nothing of the tool's: site.yml (one council's site), its
package in data/<slug>/ as `new` makes it, the accessibility statement to complete in docs/, a
README of the officers' commands, requirements.txt pinning the release of journeys that wrote
it (the workflow installs the same: upgrading is changing one number), the publishing workflow
and a .gitignore. The files are templates shipped in the package (journeys/council/), filled in
with the council's name and this release's version.

A folder that holds anything (but an empty clone's .git) is refused, named with what is in it,
and left as it was.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
from importlib.resources import files
from pathlib import Path

from journeys.invocation import command
from journeys.model.problems import Problem, problem, write_failed
from journeys.release import VERSION
from journeys.scaffold import CONTACT_PLACEHOLDER, check_arguments, write_package

COUNCIL = files("journeys") / "council"
DOCS = files("journeys.docs")
# template in journeys/council/ -> where it goes in the council's repository
TEMPLATES = {"site.yml": "site.yml", "README.md": "README.md", "requirements.txt": "requirements.txt",
             "gitignore": ".gitignore", "github/workflows/publish.yml": ".github/workflows/publish.yml"}
ACCESSIBILITY = "docs/accessibility.md"
ALLOWED = {".git"}  # an empty repository, cloned: init may write beside its .git

# The words around a council's place name: "London Borough of Hackney", "Kent County Council".
TITLE_BEFORE = re.compile(r"^(the )?((london|royal) borough of|city and county of|city of|county of|borough of) ")
TITLE_AFTER = re.compile(r"( metropolitan)?( borough| city| county| district)?( council)$")


def init(folder: str | Path, name: str, gss: str, dfe: str, slug: str | None = None) -> int:
    """Write the council's repository into `folder` (new or empty); 0 on success."""
    target = Path(folder)
    slug = slug or slug_from(name)
    package = target / "data" / slug
    problems = folder_problems(target) + check_arguments(slug, name, gss, dfe, package.as_posix())
    if problems:
        print("\n".join(found.line() for found in problems))
        return 1
    before = set(os.listdir(target)) if target.is_dir() else None
    try:
        write_repository(target, name, gss, dfe, slug)
    except OSError as error:  # a full or read-only disk: what init began goes, and it says why
        _remove_new(target, before)
        print(write_failed(target.as_posix(), error, target.parent.as_posix()).line())
        return 1
    print(made(target, name, slug))
    return 0


def write_repository(target: Path, name: str, gss: str, dfe: str, slug: str) -> None:
    """The council's repository: site.yml, README, workflow, accessibility statement and a new package."""
    values = {"name": name, "site_name": json.dumps(f"{name}: children's services improvement", ensure_ascii=False),
              "slug": slug, "version": VERSION}
    for template, path in TEMPLATES.items():
        write(target / path, fill((COUNCIL / template).read_text(encoding="utf-8"), values))
    write(target / ACCESSIBILITY, accessibility_statement(name))
    write_package(target / "data" / slug, slug, name, gss, dfe)


def _remove_new(target: Path, before: set[str] | None) -> None:
    """Remove what init made in a folder that was new or empty (but for ALLOWED), as far as the disk
    lets it: entries that were there before are never touched."""
    if before is None:
        shutil.rmtree(target, ignore_errors=True)
        return
    for entry in set(os.listdir(target)) - before if target.is_dir() else ():
        path = target / entry
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def slug_from(name: str) -> str:
    """The package's name from the council's: 'Slough Borough Council' -> 'slough'."""
    place = TITLE_AFTER.sub("", TITLE_BEFORE.sub("", " ".join(name.lower().split())))
    return "-".join(re.findall(r"[a-z0-9]+", place)) or "my-authority"


def folder_problems(target: Path) -> list[Problem]:
    """init writes only into a new or empty folder: nothing there is ever overwritten."""
    here = target.as_posix()
    if target.exists() and not target.is_dir():
        return [problem("folder-not-empty", here, None, None, None, found="is a file")]
    found = sorted(entry.name for entry in target.iterdir()) if target.is_dir() else []
    if set(found) <= ALLOWED:
        return []
    shown = ", ".join(found[:8]) + (f" and {len(found) - 8} more" if len(found) > 8 else "")
    return [problem("folder-not-empty", here, None, None, None, found=f"holds {shown}")]


def fill(template: str, values: dict[str, str]) -> str:
    """The template with each @key@ replaced; GitHub's own ${{ }} expressions are left alone."""
    return re.sub(r"@(\w+)@", lambda match: values[match[1]], template)


def accessibility_statement(name: str) -> str:
    """The tool's template of the statement, the council's name filled in; the rest is theirs to complete."""
    template = (DOCS / "accessibility.md").read_text(encoding="utf-8")
    return template.replace("[name of council]", name).replace("[Name of council]", name)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def made(target: Path, name: str, slug: str) -> str:
    """What init made, and the next step, as commands that work in the new folder."""
    folder = target.as_posix()
    rows = [("site.yml", "the site: its name, its one package, how it looks"),
            (f"data/{slug}/", "the package: fill in documents.csv first (every other table cites it)"),
            (ACCESSIBILITY, "the accessibility statement: complete the parts in [square brackets]"),
            ("README.md", "the commands officers run"),
            ("requirements.txt", f"journeys=={VERSION}, the version the site is built with"),
            (".github/workflows/publish.yml", "checks pull requests; builds and publishes on merge to main"),
            (".gitignore", "what the build makes, never committed")]
    width = max(len(path) for path, _ in rows)
    lines = [f"Made {folder} for {name}:"] + [f"  {path.ljust(width)}  {what}" for path, what in rows]
    lines += ["", f"Next: cd {shlex.quote(folder)}, replace the contact's email ({CONTACT_PLACEHOLDER}) in "
                  f"data/{slug}/datapackage.json, then check the package with: {command()} validate data/{slug}"]
    return "\n".join(lines)
