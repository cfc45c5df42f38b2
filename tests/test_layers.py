"""The layers, as pyproject.toml writes them for import-linter: model → domain → outputs and checks →
engine → build → commands, each importing only from those beneath it; no cycle among the parts of
any package; and no import hidden in a function to dodge one (only the command line imports late,
so that `--help` answers at once)."""

import ast
import os
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "journeys"
LATE_IMPORTS_ALLOWED = {"journeys/cli.py", "journeys/__init__.py"}  # entry points: import what a command needs


def test_the_import_contracts_are_kept(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename="pyproject.toml", no_cache=True, no_logo=True) == 0


def journeys_imports_inside_functions(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith("journeys"):
                    found.append(f"{node.name}: from {inner.module}")
                elif isinstance(inner, ast.Import):
                    found += [f"{node.name}: import {alias.name}" for alias in inner.names
                              if alias.name.startswith("journeys")]
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_module_imports_journeys_inside_a_function(path):
    if path.relative_to(ROOT).as_posix() in LATE_IMPORTS_ALLOWED:
        return
    assert journeys_imports_inside_functions(path) == []


def test_a_late_import_is_caught():
    """The check above would see one."""
    assert journeys_imports_inside_functions(PACKAGE / "cli.py")


def test_no_module_is_over_four_hundred_lines():
    long = {str(path.relative_to(ROOT)): lines for path in PACKAGE.rglob("*.py")
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


def test_every_package_of_journeys_is_in_the_wheel():
    """pyproject.toml lists the packages (the standard and the docs are mapped into it from the top of
    the repository): a package added to journeys/ must be listed, or an installed tool would lack it."""
    import tomllib
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(path.parent.relative_to(ROOT).parts) for path in PACKAGE.rglob("__init__.py")}
    assert found <= listed and {"journeys.schemas", "journeys.docs"} <= listed
    assert os.path.isfile(ROOT / "schemas" / "__init__.py") and os.path.isfile(ROOT / "docs" / "__init__.py")
