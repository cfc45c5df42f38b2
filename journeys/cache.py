"""Work done once and kept by its content: chart SVGs by their spec, authority sections by their inputs.

A national site rebuilds after one authority's CSV changes; the other sections' inputs are
unchanged, so their built folders are taken from the cache instead of being rendered and built
again. A key is a hash of everything the output depends on: the input itself and this
program's code and versions (CODE). A stale entry can therefore never be used, only left
unused; entries this build did not use are removed at the end, so the cache holds one site.

The cache is a folder (site.yml's `cache_dir`, or the JOURNEYS_CACHE_DIR environment
variable). Deleting it only makes the next build slower. Entries are written under a
temporary name and renamed into place, so a build stopped halfway leaves no half entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import cache
from importlib import metadata
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
CHARTS, SECTIONS, VALID = "charts", "sections", "valid"
# Code and settings whose change changes the output: any edit invalidates every entry.
CODE_PATHS = ["journeys", "schemas", "overrides", "mkdocs.yml", "docs/abbreviations.csv"]
DRAWING = "vl-convert-python"
PACKAGES = ["mkdocs", "mkdocs-material", "vl-convert-python", "altair", "pymdown-extensions", "markdown"]


@cache
def code_version() -> str:
    """One hash of this program's source files and the versions of the libraries that shape the output."""
    digest = hashlib.sha256()
    for top in CODE_PATHS:
        path = ROOT / top
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes())
    for package in PACKAGES:
        try:
            digest.update(f"{package}=={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(package.encode())
    return digest.hexdigest()


@cache
def drawing_version() -> str:
    return f"{DRAWING} {metadata.version(DRAWING)}"


def key(*parts: object, code: str | None = None) -> str:
    """A hash of the code version (default: all of it) and the given parts (strings, bytes, JSON-able values)."""
    digest = hashlib.sha256((code or code_version()).encode())
    for part in parts:
        data = part if isinstance(part, bytes) else \
            part.encode() if isinstance(part, str) else json.dumps(part, sort_keys=True, default=str).encode()
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def table_digest(table: pd.DataFrame) -> bytes:
    """A table's content, columns and order included, as a short digest (pandas hashes it vectorised)."""
    values = pd.util.hash_pandas_object(table, index=False).to_numpy().tobytes()
    return hashlib.sha256(repr(list(table.columns)).encode() + values).digest()


def folder_digest(folder: Path) -> str:
    """Every file of a package folder, names and bytes: a package's identity for validation."""
    digest = hashlib.sha256()
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(file.relative_to(folder)).encode() + b"\0" + hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


class Store:
    """The cache folder. `Store(None)` keeps nothing: every lookup misses."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    # --- Charts: spec -> SVG text ---------------------------------------------------------------

    def chart(self, spec: dict, draw) -> str:
        """The SVG for a spec: from the cache, or drawn by `draw(spec)` and kept."""
        if self.folder is None:
            return draw(spec)
        # A spec's drawing depends only on the spec and the drawing library.
        path = self.folder / CHARTS / f"{key(spec, code=drawing_version())}.svg"
        if path.is_file():
            os.utime(path)  # marks it used by this build (see prune)
            return path.read_text(encoding="utf-8")
        svg = draw(spec)
        _write_atomically(path, svg)
        return svg

    # --- Validation: packages found clean --------------------------------------------------------

    def known_valid(self, package_key: str) -> bool:
        """True if a package with exactly these files was found clean by this code before."""
        if self.folder is None:
            return False
        marker = self.folder / VALID / package_key
        if marker.is_file():
            os.utime(marker)
            return True
        return False

    def remember_valid(self, package_key: str) -> None:
        if self.folder is not None:
            _write_atomically(self.folder / VALID / package_key, "")

    # --- Sections: key -> a built folder ---------------------------------------------------------

    def restore_section(self, section_key: str, out: Path) -> bool:
        """Put a cached section's built folder at `out` (hard links: no copying); False if absent."""
        if self.folder is None:
            return False
        kept = self.folder / SECTIONS / section_key
        if not kept.is_dir():
            return False
        os.utime(kept)
        _link_tree(kept, out)
        return True

    def keep_section(self, section_key: str, out: Path) -> None:
        if self.folder is None:
            return
        final = self.folder / SECTIONS / section_key
        if final.is_dir():
            return
        temporary = final.with_name(f"{section_key}.tmp-{os.getpid()}")
        shutil.rmtree(temporary, ignore_errors=True)
        _link_tree(out, temporary)
        try:
            temporary.rename(final)
        except OSError:  # another process kept the same section first
            shutil.rmtree(temporary, ignore_errors=True)

    def prune(self, since: float) -> None:
        """Remove entries this build did not use (not touched since `since`): the cache holds one site."""
        if self.folder is None:
            return
        for kind in (CHARTS, SECTIONS, VALID):
            for entry in (self.folder / kind).glob("*") if (self.folder / kind).is_dir() else []:
                if entry.stat().st_mtime >= since:
                    continue
                if entry.is_dir():
                    shutil.rmtree(entry)
                else:
                    entry.unlink(missing_ok=True)


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def _link_tree(source: Path, target: Path) -> None:
    """Copy a folder as hard links where the file system allows, else as copies."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        shutil.copytree(source, target, copy_function=os.link)
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target)
