"""The published schemas our output must pass (tests/schemas/, vendored: see its README), read once.

    errors(ATOM, path)   -> the schema's complaints about that file, [] when it is valid
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import rnc2rng
from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"
ATOM, SITEMAP, SITEMAP_INDEX = "atom.rnc", "sitemap.xsd", "siteindex.xsd"


@cache
def schema(name: str):
    if name.endswith(".rnc"):
        # rnc2rng declares the compact syntax's empty `local` namespace, which XML 1.0 forbids
        # (nothing refers to the prefix: local:* becomes <nsName ns=""/>).
        grammar = rnc2rng.dumps(rnc2rng.loads((SCHEMAS / name).read_text(encoding="utf-8")))
        return etree.RelaxNG(etree.fromstring(grammar.replace('xmlns:local=""', "").encode()))
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def errors(name: str, path: Path) -> list[str]:
    checker = schema(name)
    if checker.validate(etree.parse(str(path))):
        return []
    return [f"{path}:{error.line}: {error.message}" for error in checker.error_log]
