"""Work kept between builds: one mechanism, for every kind of work the build keeps.

A `Stage` is a kind of work whose result is kept (a package found valid, its model, an
authority's section, a chart's drawing, …). It declares the code it runs, as modules, and any
library it uses by name rather than by requirement (none yet). Each use of a stage gives its
`Inputs`: the files it reads and the settings it depends on. The key of the result is derived
from those declarations and nothing else:

    the stage's name
    + the source of its modules, of every module of journeys they import (followed to the end),
      and of the package data those modules read (`files("journeys.…")`: the theme, the standard),
      and the versions of the libraries journeys requires, and of everything those require (both
      kept, `Kept.code`, by a fingerprint of the installed files)
    + every declared file's name and bytes, and the settings.

No key is written by hand. Whether a stage read only what it declared is checked, not hoped:
while a stage computes, every read of a user's file (journeys.model.reading.read_file) is
checked against its declared files, and a read outside them is recorded (`undeclared`); the
build refuses to publish then, and tests/test_kept.py builds whole sites to show there are none.

A cache is a folder someone else may have written (CI restores it; so may a shared disk), so
nothing in it is trusted: every entry is signed with a secret that is not kept in the cache
(JOURNEYS_CACHE_SECRET, or a file of the user's own, see `secret`), and an entry is used only if
its signature is good for the key the build asks for. A value is unpickled only after that. A
folder is restored only as the regular files its signed manifest lists, each checked by size and
hash; no symbolic link is followed anywhere in the cache. A bad entry is a miss: the work is done
again, so a damaged or crafted cache can slow a build but never change what it publishes.

Entries this build did not use, nor any entry it used relies on, are removed at the end
(`prune`): the cache holds one site's work.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import pickle
import secrets
import shutil
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from journeys.build.keys import code_digest, file_hash, files_digest, installed, libraries_digest, settings_bytes
from journeys.model.reading import noticing

T = TypeVar("T")
SECRET_ENVIRONMENT = "JOURNEYS_CACHE_SECRET"
VALUES, FOLDERS, TRASH = "values", "folders", "trash"
MANIFEST = ".manifest"
FORMAT = b"journeys-kept 2"


@dataclass(frozen=True)
class Stage:
    """A kind of kept work: the code it runs and the libraries it uses by name."""
    name: str
    code: tuple[str, ...]              # modules of journeys; their imports are followed
    libraries: tuple[str, ...] = ()    # distributions it uses that journeys does not require


@dataclass(frozen=True)
class Inputs:
    """What one use of a stage is made from, besides its code."""
    files: tuple[Path, ...] = ()       # files, or folders (every file under them), that the work reads
    settings: object = None            # anything else it depends on, as JSON (or its repr)


class Kept:
    """The cache folder, or None to keep nothing. Picklable: a pool's workers use it too, and
    send back the keys they used (`used`) for `prune`."""

    def __init__(self, folder: Path | None, secret: bytes | None = None):
        self.folder = folder
        self.secret = secret if secret is not None else (load_secret() if folder is not None else b"")
        self.used: set[str] = set()
        self.undeclared: list[tuple[str, Path]] = []
        self.warned = False
        self.digests: dict[str, list[str]] = {}  # Kept.code's: the kept entry, as read and added to

    def fresh(self) -> Kept:
        """The same cache and secret, with nothing used yet (for a job sent to a worker)."""
        return Kept(self.folder, self.secret)

    # --- Keys ----------------------------------------------------------------------------------

    def key(self, stage: Stage, inputs: Inputs = Inputs()) -> str:
        digest = hashlib.sha256()
        for part in (stage.name, *self.code(stage), files_digest(inputs.files), settings_bytes(inputs.settings)):
            data = part.encode() if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "little") + data)
        return digest.hexdigest()

    def code(self, stage: Stage) -> tuple[str, str]:
        """The digests of the stage's code and libraries (working them out reads every module a stage
        reaches): every stage's kept in one entry, by a fingerprint of the files they come from."""
        key = hashlib.sha256(b"digests\0" + installed().encode()).hexdigest()
        wanted = json.dumps(stage.code + ("",) + stage.libraries)
        if wanted not in self.digests and self.folder is not None:  # read again: a pool's workers add to it
            self.digests.update(json.loads(self._read_value(key) or b"{}"))
        if wanted not in self.digests:
            self.digests[wanted] = [code_digest(stage.code), libraries_digest(stage.libraries)]
            if self.folder is not None:
                self._write_value(key, json.dumps(self.digests).encode())
        self.used.add(key)
        return tuple(self.digests[wanted])

    # --- Values: any picklable result ------------------------------------------------------------

    def value(self, stage: Stage, inputs: Inputs, compute: Callable[[], T]) -> T:
        """compute()'s result, kept by the stage's key for these inputs."""
        key = self.key(stage, inputs)
        self.used.add(key)
        if self.folder is not None:
            kept = self._read_value(key)
            if kept is not None:
                return pickle.loads(kept)
        result = self.computing(stage, inputs, compute)
        if self.folder is not None:
            self._write_value(key, pickle.dumps(result, protocol=5))
        return result

    def kept(self, stage: Stage, inputs: Inputs) -> object | None:
        """The kept value for these inputs, or None: never computed here."""
        key = self.key(stage, inputs)
        kept = self._read_value(key) if self.folder is not None else None
        if kept is None:
            return None
        self.used.add(key)
        return pickle.loads(kept)

    def put(self, stage: Stage, inputs: Inputs, value: object) -> None:
        """Keep a value made elsewhere (a compiled template, which Jinja makes and hands over)."""
        key = self.key(stage, inputs)
        self.used.add(key)
        if self.folder is not None:
            self._write_value(key, pickle.dumps(value, protocol=5))

    def computing(self, stage: Stage, inputs: Inputs, compute: Callable[[], T]) -> T:
        """Run compute(), noting any read of a file outside the stage's declared inputs."""
        declared = [Path(os.path.abspath(path)) for path in inputs.files]

        def check(path: Path) -> None:
            where = Path(os.path.abspath(path))
            if not any(where == known or known in where.parents for known in declared):
                self.undeclared.append((stage.name, where))

        with noticing(check):
            return compute()

    def _read_value(self, key: str) -> bytes | None:
        data = _read_regular(self.folder / VALUES / key)
        if data is None:
            return None
        head, _, rest = data.partition(b"\n")
        signature, _, payload = rest.partition(b"\n")
        if head != FORMAT or not hmac.compare_digest(signature, self._sign(key, payload)):
            return None
        return payload

    def _write_value(self, key: str, payload: bytes) -> None:
        try:
            _write_atomically(self._own(VALUES) / key, FORMAT + b"\n" + self._sign(key, payload) + b"\n" + payload)
        except OSError as error:
            self._cannot_keep(error)

    def _cannot_keep(self, error: OSError) -> None:
        """Kept work is an optimisation: a cache that is full, read-only or unreadable makes this
        build slower (it keeps nothing), never a failed one. Said once per process."""
        if not self.warned:
            self.warned = True
            print(f"\nWarning: the cache ({self.folder}) cannot be used ({error.strerror or error}); this build "
                  "keeps nothing for the next, which will be slower. Free space on its disk, or set cache_dir "
                  "in site.yml to another folder.", flush=True)

    def _sign(self, key: str, payload: bytes) -> bytes:
        return hmac.new(self.secret, key.encode() + b"\0" + payload, hashlib.sha256).hexdigest().encode()

    # --- Folders: a built section, a search index ---------------------------------------------------

    def restore(self, key: str, out: Path) -> list[str] | None:
        """The kept folder's files put at `out` (hard links where possible) and listed; None on a miss.

        Only the regular files its signed manifest lists, each with its size and hash, are
        restored; anything else in the entry is never published."""
        if self.folder is None:
            return None
        entry = self.folder / FOLDERS / key
        manifest = self._manifest(key, entry)
        if manifest is None:
            return None
        checked = {}
        for name, (size, digest) in manifest["files"].items():
            data = _read_regular(entry / name, entry)
            if data is None or len(data) != size or hashlib.sha256(data).hexdigest() != digest:
                return None
            checked[name] = data
        out.mkdir(parents=True, exist_ok=True)
        for name, data in checked.items():  # the bytes checked, not the file again: it may have changed since
            _write_new(out / name, data)
        self.used.add(key)
        self.used.update(manifest["relies_on"])
        return sorted(checked)

    def mark_used(self, key: str) -> None:
        """Keep a folder entry, and what it relies on, though this build took its files elsewhere."""
        manifest = self._manifest(key, self.folder / FOLDERS / key) if self.folder is not None else None
        if manifest is not None:
            self.used.add(key)
            self.used.update(manifest["relies_on"])

    def keep(self, key: str, folder: Path, relies_on: Iterable[str] = ()) -> None:
        """Keep a built folder under the key, and the keys of the entries it was made with (kept
        as long as it is)."""
        self.used.add(key)
        if self.folder is None:
            return
        try:
            self._keep(key, folder, relies_on)
        except OSError as error:
            _remove(self.folder / FOLDERS / f"{key}.tmp-{os.getpid()}")
            self._cannot_keep(error)

    def _keep(self, key: str, folder: Path, relies_on: Iterable[str]) -> None:
        final = self._own(FOLDERS) / key
        if self._manifest(key, final) is not None:
            return
        temporary = final.with_name(f"{key}.tmp-{os.getpid()}")
        _remove(temporary)
        manifest = {"key": key, "files": {}, "relies_on": sorted(set(relies_on))}
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink():
                name = path.relative_to(folder).as_posix()
                manifest["files"][name] = [path.stat().st_size, file_hash(path)]
                _link_or_copy(path, temporary / name)
        payload = json.dumps(manifest, sort_keys=True).encode()
        _write_atomically(temporary / MANIFEST, self._sign(key, payload) + b"\n" + payload)  # last: no manifest, no entry
        _remove(final)
        try:
            temporary.rename(final)
        except OSError:  # another process kept the same entry first
            _remove(temporary)

    def _manifest(self, key: str, entry: Path) -> dict | None:
        data = _read_regular(entry / MANIFEST, entry)
        if data is None:
            return None
        signature, _, payload = data.partition(b"\n")
        if not hmac.compare_digest(signature, self._sign(key, payload)):
            return None
        try:
            manifest = json.loads(payload)
        except ValueError:
            return None
        return manifest if manifest.get("key") == key and _safe_names(manifest.get("files", {})) else None

    # --- The trash, and pruning ------------------------------------------------------------------

    def discard(self, folder: Path) -> None:
        """Move a folder of ours into the trash (one rename), to be removed while the next build works;
        or remove it now if it cannot be moved there."""
        if self.folder is not None and folder.is_dir() and not folder.is_symlink():
            try:
                folder.rename(self._own(TRASH) / f"{folder.name}-{os.getpid()}-{time.time_ns()}")
                return
            except OSError:
                pass
        _remove(folder)

    def trash(self) -> list[Path]:
        """What earlier builds discarded (never the trash's target if someone made it a link)."""
        if self.folder is None:
            return []
        try:
            return [entry for entry in sorted(self._own(TRASH).iterdir())]
        except OSError:  # a cache that cannot be read or written: nothing to empty
            return []

    def prune(self, used: Iterable[str] = ()) -> None:
        """Remove every entry that this build (with `used`, its workers' keys) did not use."""
        if self.folder is None:
            return
        keep = self.used | set(used)
        for kind in (VALUES, FOLDERS):
            try:
                for entry in self._own(kind).iterdir():
                    if entry.name not in keep and ".tmp-" not in entry.name:
                        _remove(entry)
            except OSError:  # a read-only or unreadable cache keeps what it has: the next build tries again
                pass

    def _own(self, kind: str) -> Path:
        """One of the cache's folders, made if missing; a symbolic link in its place is removed (the
        link, never what it points to) and a real folder made."""
        folder = self.folder / kind
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            folder.unlink()
        folder.mkdir(parents=True, exist_ok=True)
        return folder


# --- The secret -------------------------------------------------------------------------------------

def load_secret() -> bytes:
    """The key entries are signed with: JOURNEYS_CACHE_SECRET, or a random one kept in the user's own
    state folder (made on first use, readable by the user alone), never in the cache."""
    given = os.environ.get(SECRET_ENVIRONMENT)
    if given:
        return given.encode()
    state = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "journeys"
    path = state / "cache-secret"
    try:
        return path.read_bytes().strip() or _new_secret(path)
    except FileNotFoundError:
        return _new_secret(path)
    except OSError:
        return secrets.token_hex(32).encode()  # nowhere to keep one: this build's entries only


def _new_secret(path: Path) -> bytes:
    value = secrets.token_hex(32).encode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(value)
    except FileExistsError:
        return path.read_bytes().strip()
    except OSError:
        pass
    return value


# --- Files in the cache: regular files only, never through a link ------------------------------------

def _read_regular(path: Path, within: Path | None = None) -> bytes | None:
    """The bytes of a regular file reached through no symbolic link (below `within`, if given)."""
    try:
        if within is not None and any(part.is_symlink() for part in [within, *_between(within, path)]):
            return None
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            return handle.read()
    except OSError:  # a disk that fails as it is read: the entry is a miss
        return None


def _between(top: Path, path: Path) -> list[Path]:
    parts, current = [], path.parent
    while current != top and top in current.parents:
        parts.append(current)
        current = current.parent
    return parts


def _safe_names(names: dict) -> bool:
    """Manifest names are plain relative paths: no absolute path, no '..'."""
    return all(not Path(name).is_absolute() and ".." not in Path(name).parts for name in names)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    temporary.write_bytes(data)
    temporary.replace(path)


def _write_new(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        pass
    except OSError:
        shutil.copyfile(source, target, follow_symlinks=False)


def _remove(path: Path) -> None:
    try:
        if path.is_symlink() or path.is_file():
            path.unlink(missing_ok=True)
        elif path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
    except OSError:  # what cannot be removed now (a read-only disk) is left for a later build
        pass
