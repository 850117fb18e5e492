"""Resolutions Atlas: UNTOC COP, CCPCJ, ECOSOC and General Assembly resolutions as a static site.

The core (importer, schema, citations, graph, render) never imports MkDocs; only
``generator.mkdocs_adapter`` does.
"""
