"""Every kind of work the build keeps between builds, declared once (journeys.build.kept).

Each names the modules whose code does the work (their imports are followed) and any library
used by name; each use names its own inputs. Nothing else goes into a key.
"""

from __future__ import annotations

from journeys.build.kept import Inputs, Kept, Stage
from journeys.outputs import drawing
from journeys.outputs.drawing import Converter, Drawing

VALIDATION = Stage("validation", code=("journeys.checks.package",))
MAPPINGS_CHECKED = Stage("import mappings checked", code=("journeys.checks.mappings",))
MODEL = Stage("model", code=("journeys.model",))
EMBARGO_ENDS = Stage("embargo ends", code=("journeys.domain.embargo",))
OUTLINE = Stage("outline", code=("journeys.build.outlines",))
SECTION = Stage("section", code=("journeys.build.sections",))
SEARCH_DOCUMENTS = Stage("search documents", code=("journeys.build.sections",))
SITE_PAGES = Stage("site pages", code=("journeys.build.sections",))
SEARCH_INDEX = Stage("search index", code=("journeys.build.search",))
FEED = Stage("feed", code=("journeys.outputs.feeds",))
THEME_TEMPLATES = Stage("compiled theme template", code=("journeys.engine",))

# What outputs ask to keep as they draw (journeys.outputs.drawing names them).
DRAWINGS = {
    drawing.DRAWN: Stage("drawing", code=("journeys.outputs.vega",)),
    drawing.AUTHORED: Stage("authored spec", code=("journeys.outputs.picture_specs",)),
    drawing.TEMPLATE: Stage("chart template", code=("journeys.outputs.charts",)),
    drawing.COMPILED: Stage("compiled vega", code=("journeys.outputs.vega",)),
}


def drawing_with(kept: Kept, convert: Converter) -> Drawing:
    """A Drawing whose work is kept: each drawing by its spec, each spec by its facts."""
    def keep(kind: str, made_from: object, compute):
        return kept.value(DRAWINGS[kind], Inputs(settings=made_from), compute)

    return Drawing(convert=convert, keep=keep)


class KeptTemplates:
    """The theme's compiled templates, kept like any other work: by the template and its source's
    checksum (Jinja's own bucket, journeys.engine), signed, so a crafted one is never loaded."""

    def __init__(self, kept: Kept):
        self.kept = kept

    def load(self, key: str, checksum: str) -> bytes | None:
        return self.kept.kept(THEME_TEMPLATES, Inputs(settings=[key, checksum]))

    def dump(self, key: str, checksum: str, code: bytes) -> None:
        self.kept.put(THEME_TEMPLATES, Inputs(settings=[key, checksum]), code)
