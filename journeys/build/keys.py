"""What a key is made of (journeys.build.kept): a stage's code, found by following its imports;
the libraries' versions; the declared files' bytes; the settings. Worked out once per process;
the code's and the libraries' digests are kept between builds too (Kept.code), by `installed`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from functools import cache, lru_cache
from importlib import metadata
from importlib.resources import files
from pathlib import Path


@cache
def code_digest(modules: tuple[str, ...]) -> str:
    """The source of the modules, of every journeys module they import, and of the package data
    they read, as one digest."""
    digest = hashlib.sha256()
    for path in sorted(_code_files(modules)):
        digest.update(str(path).encode() + b"\0" + _file_bytes_digest(path))
    return digest.hexdigest()


@cache
def libraries_digest(named: tuple[str, ...]) -> str:
    """The versions of the libraries journeys requires, and those named, and of all they require,
    followed to the end; and Python's (pickles and behaviour)."""
    versions = _with_requirements({"journeys", *named})
    versions["python"] = ".".join(map(str, sys.version_info[:3]))
    return hashlib.sha256(json.dumps(sorted(versions.items())).encode()).hexdigest()


@cache
def installed() -> str:
    """A fingerprint of everything the code and libraries digests are worked out from: each file of
    journeys (its size, times and inode), each installed distribution's metadata folder (its name
    holds the version; installing again makes it anew) and Python's version. Cheap (a few
    milliseconds: stat, not read), and changed by any edit, install or upgrade."""
    digest = hashlib.sha256(sys.version.encode())
    for folder, children, names in os.walk(str(files("journeys"))):
        children[:] = sorted(child for child in children if child != "__pycache__")
        for name in sorted(names):
            digest.update(_stat_line(os.path.join(folder, name)))
    for folder in sys.path:
        try:
            entries = sorted(entry.path for entry in os.scandir(folder or ".")
                             if entry.name.endswith((".dist-info", ".egg-info", ".egg-link", ".pth")))
        except OSError:  # a zip or a missing folder on the path
            continue
        for path in entries:
            digest.update(_stat_line(path))
    return digest.hexdigest()


def _stat_line(path: str) -> bytes:
    try:
        status = os.stat(path)
    except OSError:
        return f"{path}\0missing\n".encode()
    return f"{path}\0{status.st_size}\0{status.st_mtime_ns}\0{status.st_ctime_ns}\0{status.st_ino}\n".encode()


def _code_files(modules: tuple[str, ...]) -> set[Path]:
    ours = _reached(modules)
    paths = {_source(module) for module in ours}
    for package in {package for module in ours for package in _analysed(module)[1]}:
        root = Path(str(files(package)))
        paths.update(path for path in root.rglob("*") if path.is_file() and path.suffix not in (".py", ".pyc"))
    return {path for path in paths if path is not None}


@cache
def _reached(modules: tuple[str, ...]) -> frozenset[str]:
    """The journeys modules reached from `modules` by import (a module's package is imported with it)."""
    seen, todo = set(), list(modules)
    while todo:
        module = todo.pop()
        if module in seen or _source(module) is None:
            continue
        seen.add(module)
        parent = module.rpartition(".")[0]
        todo += [parent] if parent else []
        todo += _analysed(module)[0]
    return frozenset(seen)


# Imports of journeys modules, at the top or in a function ("from journeys.a import b, c" names a.b and
# a.c too, which may be modules), and files("journeys.…"), the package data a module reads. Read
# with patterns, not by parsing: a rebuild works its keys out from some seventy modules.
_FROM = re.compile(r"^[ \t]*from[ \t]+(journeys[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)", re.M)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+(journeys[\w.]*)", re.M)
_DATA = re.compile(r"""\bfiles\(["'](journeys[\w.]*)["']\)""")
_NAME = re.compile(r"\b([A-Za-z_]\w*)(?:\s+as\s+\w+)?")


@cache
def _analysed(module: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the journeys modules `module` imports; the packages whose data it reads), from its source."""
    path = _source(module)
    if path is None:
        return (), ()
    source = path.read_text(encoding="utf-8")
    imports = _IMPORT.findall(source)
    for parent, names in _FROM.findall(source):
        imports.append(parent)
        imports += [f"{parent}.{name}" for name in _NAME.findall(re.sub(r"#[^\n]*", "", names).strip("()"))]
    return tuple(imports), tuple(_DATA.findall(source))


@cache
def _source(module: str) -> Path | None:
    """The source file of a journeys module, or None for anything else (a name imported from a module
    rather than a module, a library's module, the data packages)."""
    parts = module.split(".")
    if parts[0] != "journeys":
        return None
    folder = Path(str(files("journeys")))
    for part in parts[1:-1]:
        folder = folder / part
        if not (folder / "__init__.py").is_file():
            return None
    if len(parts) == 1:
        return folder / "__init__.py"
    for candidate in (folder / parts[-1] / "__init__.py", folder / f"{parts[-1]}.py"):
        if candidate.is_file():
            return candidate
    return None


@cache
def _file_bytes_digest(path: Path) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


def _with_requirements(names: set[str]) -> dict[str, str]:
    """name -> version for each distribution and, followed to the end, everything it requires."""
    versions, todo = {}, sorted(names)
    while todo:
        name = todo.pop()
        canonical = name.lower().replace("_", "-")
        if canonical in versions:
            continue
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            versions[canonical] = "absent"
            continue
        versions[canonical] = distribution.version
        for requirement in distribution.requires or ():
            if "extra ==" not in requirement:
                todo.append(_requirement_name(requirement))
    return versions


def _requirement_name(requirement: str) -> str:
    for stop in " ;<>=!~[(":
        requirement = requirement.split(stop)[0]
    return requirement


def files_digest(paths: tuple[Path, ...]) -> str:
    """Every declared file's path and bytes (every file under a declared folder, in order)."""
    digest = hashlib.sha256()
    for path in paths:
        path = Path(path)
        found = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in found:
            name = str(file.relative_to(path)) if path.is_dir() else ""
            digest.update(f"{path}\0{name}\0{_content_hash(file)}\n".encode())
    return digest.hexdigest()


def _content_hash(file: Path) -> str:
    """A file's hash, worked out once per process while the file stays as it was: a build keys
    several stages by the same package (its validation, its model, its outline, its section)."""
    try:
        status = file.stat()
    except OSError:
        return "missing"
    return _hashed(str(file), status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


@lru_cache(maxsize=65536)
def _hashed(path: str, inode: int, size: int, modified: int, changed: int) -> str:
    return file_hash(Path(path))


def settings_bytes(settings: object) -> bytes:
    return json.dumps(settings, sort_keys=True, default=repr).encode()


def file_hash(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
