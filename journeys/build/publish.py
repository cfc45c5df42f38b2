"""The workspace and the swap: a site is made beside the old one and replaces it in one step, only
when everything succeeded. On any problem the workspace is discarded and the old site is untouched.

Every site the build publishes carries a marker (SITE_MARKER) that lets the next build replace it,
and records the key of each section in it: the next build takes a section whose key is unchanged
from it as it is (journeys.build.sections).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from journeys.build.config import SITE_MARKER
from journeys.build.kept import Kept
from journeys.build.workers import libc, remove_stale_workspaces


class Workspace:
    """A fresh folder beside the site (the same file system, so the final swap is a rename), discarded
    when the build ends, whether or not it published."""

    def __init__(self, site_dir: Path, kept: Kept):
        self.site_dir, self.kept = site_dir, kept
        self.folder = site_dir.parent / f"{site_dir.name}.build-{os.getpid()}"

    def __enter__(self) -> Path:
        remove_stale_workspaces(self.site_dir)  # left by a build that was killed
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        return self.folder

    def __exit__(self, *exc) -> None:
        self.kept.discard(self.folder)


def last_sections(site_dir: Path) -> dict[str, str]:
    """slug -> the key each section had when the site now published was built (none if unknown)."""
    try:
        marker = json.loads((site_dir / SITE_MARKER).read_text(encoding="utf-8"))
        return {str(slug): str(key) for slug, key in marker.get("sections", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def publish(new_site: Path, site_dir: Path, sections: dict[str, str], kept: Kept) -> None:
    """Put the new site in place of the old in one step; then discard the old one (into the cache's
    trash, which the next build empties while it works)."""
    marker = {"made by": "journeys: this folder is replaced whole by each build", "sections": sections}
    (new_site / SITE_MARKER).write_text(json.dumps(marker, indent=1, sort_keys=True), encoding="utf-8")
    if not site_dir.exists():
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        new_site.rename(site_dir)
        return
    if not _exchange(new_site, site_dir):
        retired = site_dir.parent / f"{site_dir.name}.old-{os.getpid()}"
        site_dir.rename(retired)   # the gap between these two renames is microseconds
        new_site.rename(site_dir)
        new_site = retired
    kept.discard(new_site)  # after the swap it holds the old site


def _exchange(first: Path, second: Path) -> bool:
    """Swap two directories atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        renameat2 = libc().renameat2
    except (OSError, AttributeError, TypeError):
        return False
    at_cwd, rename_exchange = -100, 2
    result = renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), rename_exchange)
    return result == 0
