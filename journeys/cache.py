"""Work done once and kept by its content: chart SVGs by their spec, authority sections by their
inputs; summaries, the home pages and the search index by what they show.

A national site rebuilds after one authority's CSV changes; the other sections' inputs are
unchanged, so their built folders are taken from the cache instead of being rendered and built
again. A key is a hash of everything the output depends on: the input itself and this
program's code and versions (CODE). A stale entry can therefore never be used, only left
unused; entries this build did not use are removed at the end, so the cache holds one site.

The cache is a folder (site.yml's `cache_dir`, or the JOURNEYS_CACHE_DIR environment
variable). Deleting it only makes the next build slower. Entries are written under a
temporary name and renamed into place, so a build stopped halfway leaves no half entry, and
each is checked against its hashes before use (see Store), so a damaged one is never used.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import subprocess
import time
from functools import cache
from importlib import metadata
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
CHARTS, SECTIONS, SEARCH, ROOT_SECTION, VALUES, VALID = "charts", "sections", "search", "root", "values", "valid"
FOLDERS = (SECTIONS, SEARCH, ROOT_SECTION)
# The theme's compiled templates (jinja2's own cache, which checks each against its source);
# not pruned: a build reads them without marking them used, and they are one small set.
TEMPLATES = "templates"
TRASH = "trash"  # folders discarded by a build (the old site, its workspace), emptied by the next
MANIFEST = "manifest.json"
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
    """What a chart's drawing depends on besides its spec: the drawing library and our code that
    draws with it and tidies its output (journeys/charts.py)."""
    charts = hashlib.sha256((ROOT / "journeys" / "charts.py").read_bytes()).hexdigest()
    return f"{DRAWING} {metadata.version(DRAWING)} {charts}"


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


def digest(value: object) -> str:
    """A digest of any picklable value. Equal bytes mean equal values, so a digest can miss
    (pickle may write one value two ways) but never match a different value: safe for keys."""
    return hashlib.sha256(pickle.dumps(value, protocol=5)).hexdigest()


def folder_digest(folder: Path) -> str:
    """Every file of a package folder, names and bytes: a package's identity for validation."""
    digest = hashlib.sha256()
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(file.relative_to(folder)).encode() + b"\0" + hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


class Store:
    """The cache folder. `Store(None)` keeps nothing: every lookup misses.

    Every entry can be checked before it is used: a chart file carries its content's hash on
    its first line; a folder entry (a section, a search index) carries a manifest of every
    file's size and hash, written last. A damaged or partial entry is a miss: it is removed
    and the work is done again, so a damaged cache can slow a build but never shorten a site.
    """

    def __init__(self, folder: Path | None):
        self.folder = folder

    # --- Charts: spec -> SVG text ---------------------------------------------------------------

    def chart(self, spec: dict, draw) -> str:
        """The SVG for a spec: from the cache, or drawn by `draw(spec)` and kept."""
        if self.folder is None:
            return draw(spec)
        path = self.chart_path(spec)
        svg = _read_checked(path)
        if svg is not None:
            os.utime(path)  # marks it used by this build (see prune)
            return svg
        svg = draw(spec)
        _write_atomically(path, _with_hash(svg))
        return svg

    def chart_path(self, spec: dict) -> Path:
        # A spec's drawing depends only on the spec and the drawing library.
        return self.folder / CHARTS / f"{key(spec, code=drawing_version())}.svg"

    # --- Values: key -> any picklable value (e.g. an authority's summary) --------------------------

    def value(self, value_key: str, compute) -> tuple[object, str]:
        """`compute()`, kept by its key (which must hash everything the value depends on), and a
        digest of the value that is the same whether it was computed now or read back."""
        if self.folder is None:
            value = compute()
            return value, _hash(pickle.dumps(value, protocol=5))
        kept = self._kept_bytes(value_key)
        if kept is not None:
            return pickle.loads(kept), _hash(kept)
        kept = pickle.dumps(compute(), protocol=5)
        _write_atomically(self.folder / VALUES / value_key, _with_hash(kept))
        return pickle.loads(kept), _hash(kept)

    def kept(self, value_key: str) -> object | None:
        """The value kept by its key, or None: never computed here."""
        kept = self._kept_bytes(value_key) if self.folder is not None else None
        return pickle.loads(kept) if kept is not None else None

    def _kept_bytes(self, value_key: str) -> bytes | None:
        path = self.folder / VALUES / value_key
        kept = _read_checked(path, binary=True)
        if kept is not None:
            os.utime(path)  # marks it used by this build (see prune)
        return kept

    def keep_alive(self, value_key: str) -> None:
        """Mark a kept value used by this build, though it was not read (see prune)."""
        if self.folder is not None and (self.folder / VALUES / value_key).is_file():
            os.utime(self.folder / VALUES / value_key)

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

    # --- Folders: key -> a built folder (a section, the search index) -----------------------------

    def restore(self, kind: str, entry_key: str, out: Path) -> list[str] | None:
        """Put a kept folder at `out` (hard links: no copying) and return its files; None on a miss.

        The entry is checked against its manifest first; a damaged one is removed (a miss).
        Charts the entry holds go back into the chart store, so they stay cached for the next
        change to this section.
        """
        if self.folder is None:
            return None
        kept = self.folder / kind / entry_key
        files = _checked_files(kept)
        if files is None:
            shutil.rmtree(kept, ignore_errors=True)
            return None
        os.utime(kept)
        _link_tree(kept, out, skip={MANIFEST, CHARTS, VALUES})
        for store in (CHARTS, VALUES):
            self._return(kept / store, store)
        return [name for name in files if not name.startswith((CHARTS + "/", VALUES + "/"))]

    def keep(self, kind: str, entry_key: str, out: Path, charts: list[dict] = (), values: list[str] = ()) -> None:
        """Keep the folder `out` (and the drawings of `charts`, specs it used, and the kept
        `values` it read, by key) under the key."""
        if self.folder is None:
            return
        final = self.folder / kind / entry_key
        if _checked_files(final) is not None:
            return
        shutil.rmtree(final, ignore_errors=True)
        temporary = final.with_name(f"{entry_key}.tmp-{os.getpid()}")
        shutil.rmtree(temporary, ignore_errors=True)
        _link_tree(out, temporary)
        for spec in charts:
            drawn = self.chart_path(spec)
            if drawn.is_file():
                _link_file(drawn, temporary / CHARTS / drawn.name)
        for value_key in values:
            if (self.folder / VALUES / value_key).is_file():
                _link_file(self.folder / VALUES / value_key, temporary / VALUES / value_key)
        _write_manifest(temporary)  # last: an entry without it is never used
        try:
            temporary.rename(final)
        except OSError:  # another process kept the same entry first
            shutil.rmtree(temporary, ignore_errors=True)

    def _return(self, kept_entries: Path, store: str) -> None:
        """An entry's charts (or values) back into the store they came from, marked used."""
        if not kept_entries.is_dir():
            return
        for entry in kept_entries.iterdir():
            target = self.folder / store / entry.name
            # The entry's file was checked against its manifest; the store's, if it is the same
            # file (a hard link), needs no reading again.
            if not _same_file(entry, target) and _read_checked(target, binary=True) is None:
                target.unlink(missing_ok=True)
                _link_file(entry, target)
            os.utime(target)

    # --- The trash: folders a build is done with, emptied by the next build while it works ------

    def discard(self, folder: Path) -> None:
        """Move `folder` into the trash (one rename), or remove it now if it cannot be moved there
        (no cache, or another file system). Removing a site is tens of thousands of unlinks: a
        second, on some file systems, that no one need wait for."""
        if self.folder is not None and folder.is_dir():
            (self.folder / TRASH).mkdir(parents=True, exist_ok=True)
            try:
                folder.rename(self.folder / TRASH / f"{folder.name}-{os.getpid()}-{time.time_ns()}")
                return
            except OSError:
                pass
        shutil.rmtree(folder, ignore_errors=True)

    def empty_trash(self) -> subprocess.Popen | None:
        """Remove what earlier builds discarded, in a process of its own (a thread here would
        hold the interpreter's lock through every unlink), while the build goes on; wait() for it.
        A build killed before it ends leaves the rest for the next."""
        if self.folder is None or not (self.folder / TRASH).is_dir():
            return None
        discarded = [str(folder) for folder in (self.folder / TRASH).iterdir()]  # not what this build discards
        if not discarded:
            return None
        try:
            return subprocess.Popen(["rm", "-rf", "--", *discarded], stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:  # no rm: remove them now
            for folder in discarded:
                shutil.rmtree(folder, ignore_errors=True)
            return None

    def prune(self, since: float) -> None:
        """Remove entries this build did not use (not touched since `since`): the cache holds one site."""
        if self.folder is None:
            return
        for kind in (CHARTS, VALUES, VALID, *FOLDERS):
            for entry in (self.folder / kind).glob("*") if (self.folder / kind).is_dir() else []:
                if entry.stat().st_mtime >= since:
                    continue
                if entry.is_dir():
                    shutil.rmtree(entry)
                else:
                    entry.unlink(missing_ok=True)


# --- Entries that can be checked -------------------------------------------------------------------

def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _with_hash(payload: str | bytes) -> bytes:
    """A file entry: its payload's hash on the first line, then the payload."""
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    return f"sha256 {_hash(data)}\n".encode() + data


def _read_checked(path: Path, binary: bool = False):
    """A file entry's payload, or None if it is missing or does not match its hash."""
    try:
        header, _, data = path.read_bytes().partition(b"\n")
    except OSError:
        return None
    if header != f"sha256 {_hash(data)}".encode():
        return None
    return data if binary else data.decode("utf-8")


def _write_manifest(folder: Path) -> None:
    files = {str(p.relative_to(folder)): [p.stat().st_size, _hash(p.read_bytes())]
             for p in sorted(folder.rglob("*")) if p.is_file()}
    (folder / MANIFEST).write_text(json.dumps({"files": files}), encoding="utf-8")


def _checked_files(folder: Path) -> list[str] | None:
    """The files of a folder entry if every one is there with its size and hash; else None."""
    try:
        files = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
        for name, (size, digest) in files.items():
            path = folder / name
            if path.stat().st_size != size or _hash(path.read_bytes()) != digest:
                return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return list(files)


def _write_atomically(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    if isinstance(data, str):
        temporary.write_text(data, encoding="utf-8")
    else:
        temporary.write_bytes(data)
    temporary.replace(path)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samestat(one.stat(), other.stat())
    except OSError:
        return False


def _link_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except FileExistsError:
        pass
    except OSError:
        shutil.copyfile(source, target)


def _link_tree(source: Path, target: Path, skip: set[str] = frozenset()) -> None:
    """Copy a folder as hard links where the file system allows, else as copies (top-level `skip` left out)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    def ignore_top(folder, names):
        return [name for name in names if name in skip] if Path(folder) == source else []

    try:
        shutil.copytree(source, target, copy_function=os.link, ignore=ignore_top)
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target, ignore=ignore_top)
