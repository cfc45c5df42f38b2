"""Imports run one way: vocabulary -> model -> domain -> render -> engine -> build. A rule that
needs an import against the flow sits on the wrong floor."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "journeys"
ABOVE_THE_DOMAIN = ("journeys.render", "journeys.engine", "journeys.build", "journeys.feeds", "journeys.charts",
                    "journeys.search", "journeys.serve", "journeys.cli")


def imported(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted((PACKAGE / "domain").glob("*.py")), ids=lambda path: path.name)
def test_the_domain_never_imports_what_renders(path):
    assert not {name for name in imported(path) if name.startswith(ABOVE_THE_DOMAIN)}


def test_the_vocabulary_and_the_model_sit_beneath_the_domain():
    assert not {name for name in imported(PACKAGE / "vocabulary.py") if name.startswith("journeys")}
    assert not {name for name in imported(PACKAGE / "model.py")
                if name.startswith(("journeys.domain", *ABOVE_THE_DOMAIN))}
