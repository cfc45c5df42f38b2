"""The checks of the data standard, each a pure function from text tables to Problems.

descriptor  datapackage.json: properties, resources, paths that stay inside the package
columns     each CSV's header row against its Table Schema
cells       every cell against its field: types, patterns, enums, GSS symbols, Excel errors
keys        duplicate keys and references between tables
rules       what types cannot say: RAG scales, framework grades, percentages, targets,
            dates of progress against their documents, disclosure control
mappings    imports/*.yml, the officer's import mappings (build_site.py import-xlsx), against their schema
"""
