"""Typed options of the `mlpatterns` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class CatalogConfig(base.Config):
    """Options under `plugins: - mlpatterns:` in mkdocs.yml."""

    patterns_dir = c.Type(str, default="patterns")
    """Folder of the YAML entries, relative to mkdocs.yml."""
    snippets_dir = c.Type(str, default="snippets")
    """Folder of the runnable snippets and their recorded output."""
    output_dir = c.Type(str, default="catalog")
    """Folder inside docs_dir where generated pages are written (git-ignored)."""
    nav_after = c.Type(str, default="index.md")
    """The generated sections are inserted into the nav after this page."""
    edit_branch = c.Type(str, default="main")
    """Branch that "edit this entry" links open."""
    include = c.Type(dict, default={})
    """Repository files published as pages, e.g. `{contributing.md: CONTRIBUTING.md}`;
    their edit links open the repository file."""
