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
"""
