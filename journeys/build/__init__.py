"""The build: from package folders to a published site.

    pipeline     build(): validate, outline, build the sections, assemble, publish (the table of contents)
    kept         work kept between builds: one mechanism, keyed by what each stage declares
    stages       every kind of kept work, declared once
    outlines     each authority as the public may see it now, and what the build holds of it
    sections     an authority's section, and the root: built, or taken as they are
    workers      all the concurrency: the pool, the renderer process, the search indexer
    publish      the workspace and the swap
    validation   validate every package (the validate command)
    config       site.yml; serve: the preview

The package is also the Python API's `journeys.build(config)`: it can be called, and imports its
pipeline by name only then. Every module here imports this package, and the keys of kept work
(keys.py) follow import statements: one here would put the whole pipeline into every key.
"""

import sys
import types
from importlib import import_module


class _Build(types.ModuleType):
    def __call__(self, config="site.yml", now=None):
        """Validate and build the site `config` describes (a SiteConfig, or the path of its site.yml) and
        publish it; the problems that stopped it, none once it is published (pipeline.build_from)."""
        return import_module("journeys.build.pipeline").build_from(config, now)


sys.modules[__name__].__class__ = _Build
