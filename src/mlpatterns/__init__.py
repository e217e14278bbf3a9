"""mlpatterns: a catalog of machine-learning design patterns.

The package turns YAML entries under `patterns/` and runnable scripts under
`snippets/` into a validated [`Catalog`][mlpatterns.catalog.Catalog], renders it
to Markdown pages, and plugs into MkDocs to build the site.
"""

__version__ = "0.1.0"
