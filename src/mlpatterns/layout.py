"""Where everything lives: entry folders, page paths, titles and URLs of the site.

The one place that knows the site's layout. The loader checks entry files against
`entry_folder`, the renderer and templates build links with the page functions, and
the explorer's data carries the URLs computed here, so no other module (and no
script) builds or parses a page path.
"""

from __future__ import annotations

import posixpath

from mlpatterns.model import Entry

KINDS: tuple[str, ...] = ("pattern", "anti-pattern", "guide", "challenge")
"""Entry kinds in the order the catalog lists them."""

KIND_NAMES = {
    "pattern": ("Pattern", "Patterns"),
    "anti-pattern": ("Anti-pattern", "Anti-patterns"),
    "guide": ("Decision guide", "Decision guides"),
    "challenge": ("Challenge", "Challenges"),
}
"""Singular and plural display names of each kind."""

KIND_FOLDERS = {"challenge": "challenges", "anti-pattern": "anti-patterns", "guide": "guides"}
"""Folder (under patterns/ and under the generated pages) of every kind but patterns,
whose folder is their category."""

INDEX_PAGE = "index.md"
MAP_PAGE = "map.md"
GLOSSARY_PAGE = "glossary.md"
SYMPTOMS_PAGE = "symptoms.md"
RULES_PAGE = "rules.md"
DOWNLOADS = "downloads"
STAGES = "stages"
ROLES = "roles"
FACETS_FILE = "facets.json"
"""The explorer's data, published at the site root beside catalog.json."""
CATALOG_INDEX = "search/catalog_index.json"
"""The catalog's full search index, read by the search worker and the explorer."""


def entry_folder(entry: Entry) -> str:
    """Folder of the entry's YAML file under patterns/, and of its page."""
    if entry.kind == "pattern":
        return entry.category or ""
    return KIND_FOLDERS[entry.kind]


def entry_page(entry: Entry) -> str:
    """Page path of an entry, e.g. `data-representation/hashed-feature.md`."""
    return f"{entry_folder(entry)}/{entry.id}.md"


def kind_page(kind: str) -> str:
    """The index page of a kind's section, e.g. `anti-patterns/index.md`."""
    return f"{KIND_FOLDERS[kind]}/{INDEX_PAGE}"


def category_page(category_id: str) -> str:
    return f"{category_id}/{INDEX_PAGE}"


def stage_page(stage_id: str) -> str:
    return f"{STAGES}/{stage_id}.md"


def role_page(role_id: str) -> str:
    return f"{ROLES}/{role_id}.md"


def download(file: str) -> str:
    """Path of a downloadable file (a snippet, a notebook, the zip of all examples)."""
    return f"{DOWNLOADS}/{file}"


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL (relative to the folder of generated pages) of the page built from `path`.

    `data-representation/hashed-feature.md` -> `data-representation/hashed-feature/`
    (or `.html` without directory URLs); files that are not Markdown keep their path.
    """
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def relative_url(target: str, start: str) -> str:
    """A relative URL from the page URL `start` to the URL `target`, both site-relative."""
    base = start.rstrip("/") if start.endswith("/") else posixpath.dirname(start)
    relative = posixpath.relpath(target or ".", base or ".")
    return relative + "/" if target.endswith("/") or not target else relative
