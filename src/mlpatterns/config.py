"""Typed options of the `mlpatterns` MkDocs plugin, and their defaults."""

from __future__ import annotations

import posixpath

from mkdocs.config import base
from mkdocs.config import config_options as c

PATTERNS_DIR = "patterns"
SNIPPETS_DIR = "snippets"
OUTPUT_DIR = "catalog"


class OutputDir(c.Type[str]):
    """A folder inside docs_dir: a relative path that does not climb out of it."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        clean = posixpath.normpath(text.replace("\\", "/")).strip("/")
        if posixpath.isabs(text) or clean in {"", "."} or clean.startswith(".."):
            raise base.ValidationError(
                f"output_dir must be a folder inside docs_dir, such as `catalog`; got `{text}`"
            )
        return clean


class CatalogConfig(base.Config):
    """Options under `plugins: - mlpatterns:` in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    """Set to false to build the site without the catalog (the pages are not generated)."""
    patterns_dir = c.Dir(exists=True, default=PATTERNS_DIR)
    """Folder of the YAML entries, relative to mkdocs.yml."""
    snippets_dir = c.Dir(exists=True, default=SNIPPETS_DIR)
    """Folder of the runnable snippets and their recorded output."""
    output_dir = OutputDir(default=OUTPUT_DIR)
    """Folder inside docs_dir where generated pages are written (git-ignored)."""
    nav_after = c.Type(str, default="index.md")
    """The generated sections are inserted into the nav after this page."""
    include = c.DictOfItems(c.Type(str), default={})
    """Repository files published as pages, e.g. `{contributing.md: CONTRIBUTING.md}`;
    their edit links open the repository file."""
