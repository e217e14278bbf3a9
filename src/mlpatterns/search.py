"""The site's search: Material's search box, the project's own ranking.

Material's search plugin writes `search/search_index.json`; its web worker ranks
with lunr, which has no synonyms, ranks a page that matches one title word above
one that matches every word, and shows code in previews. The theme reads the
worker's address from each page's config block, so the plugin points it at a
worker of its own (`assets/search-worker.js`) that speaks the same messages, and
rewrites the index after the build:

- an entry page's preview is its summary, not its badges or code;
- what a reader searches for but never sees in a preview (symptoms, aliases,
  the brief, a guide's question, API names in the example) goes to `keywords`;
- code blocks are taken out of every preview;
- an entry's main document carries its kind, which the engine weighs by the query's
  intent (a guide first for "X or Y?", the pattern first for "X");
- the synonym groups of the taxonomy travel in the index's config.

The rewritten index is published as `search/catalog_index.json`, and Material's
`search_index.json`, which every page downloads at load, is left with the config
only: the worker fetches the catalog's index on the first query, so a page that is
only read does not download the whole site's text.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from mlpatterns import layout
from mlpatterns.catalog import Catalog
from mlpatterns.model import Entry

WORKER = "assets/javascripts/workers/mlpatterns-search.js"
"""The project's worker, beside Material's own."""
INDEX = "search/search_index.json"
"""Material's index: downloaded by every page, so it keeps only the config."""
CATALOG_INDEX = layout.CATALOG_INDEX
"""The full, rewritten index: downloaded by the search worker on the first query."""
SUPPORT_PAGE_BOOST = 0.3
"""Search boost of pages about the project rather than ML (contributing, reference)."""
_MATERIAL_WORKER = re.compile(r"workers/search\.[0-9a-f]+\.min\.js")
_CODE_BLOCK = re.compile(r"<pre\b.*?</pre>|<div class=\"(?:language-|highlight).*?</div>", re.S)
_API_NAME = re.compile(r"\b(?:[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+|[a-z]+(?:_[a-z0-9]+)+)\b")
_TAG = re.compile(r"<[^>]+>")
LINK_SECTIONS = (
    "related",
    "references",
    "challenges-it-addresses",
    "anti-patterns-it-fixes",
    "compared-in",
    "patterns-that-address-it",
)
"""Sections of an entry page that only point at other entries: indexed, their names and
notes would make every neighbor match what this page is about."""


def use_worker(page_html: str) -> str:
    """Point the theme's config block at the project's search worker."""
    return _MATERIAL_WORKER.sub("workers/" + WORKER.rsplit("/", 1)[1], page_html, 1)


def rewrite_index(site_dir: Path, catalog: Catalog, directory_urls: bool, prefix: str) -> None:
    """Rewrite Material's search index for the project's worker (see the module doc)."""
    path = site_dir / INDEX
    if not path.is_file():
        return  # the search plugin is off
    index = json.loads(path.read_text(encoding="utf-8"))
    entries = {
        f"{prefix}/{layout.page_url(layout.entry_page(entry), directory_urls)}": entry
        for entry in catalog.ordered
    }
    code = _code_by_page(index)
    kept = []
    for doc in index.get("docs", []):
        location = doc.get("location", "")
        page, _, anchor = location.partition("#")
        entry = entries.get(page)
        text = doc.get("text", "")
        if entry is not None and anchor in LINK_SECTIONS:
            continue
        if entry is not None and not anchor:
            doc["kind"] = entry.kind  # the engine weighs guides by the query's intent
            doc["keywords"] = _keywords(entry, _API_NAME.findall(code.get(page, "")))
            doc["text"] = html.escape(_preview(entry))
        else:
            doc["text"] = _CODE_BLOCK.sub(" ", text).strip()
        if page.startswith(f"{prefix}/") and anchor:
            # "Problem", "Solution", "Example": the same headings on every page of the
            # catalog say nothing about this one, so search does not weigh them.
            doc["index_title"] = False
        if anchor:
            doc.pop("tags", None)  # the page's tags belong to its main document
        kept.append(doc)
    index["docs"] = kept
    config = index.setdefault("config", {})
    config["synonyms"] = catalog.taxonomy.synonyms
    full = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    (site_dir / CATALOG_INDEX).write_text(full, "utf-8")
    stub = {"config": {**config, "catalog_index": CATALOG_INDEX}, "docs": []}
    path.write_text(json.dumps(stub, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _preview(entry: Entry) -> str:
    kind = layout.KIND_NAMES[entry.kind][0]
    lead = entry.question if entry.kind == "guide" and entry.question else entry.summary
    return f"{kind}: {' '.join(lead.split())}"


def _keywords(entry: Entry, api_names: list[str]) -> str:
    parts = [*entry.aliases, *entry.symptoms]
    if entry.brief:
        parts += [entry.brief.problem, entry.brief.solution]
    if entry.question:
        parts.append(entry.question)
    parts += [item.name for item in entry.compared_with]
    parts += sorted(set(api_names))
    return " ".join(" ".join(parts).split())


def _code_by_page(index: dict) -> dict[str, str]:
    """The code shown on each page (its sections' code blocks), for API names."""
    found: dict[str, list[str]] = {}
    for doc in index.get("docs", []):
        page, _, anchor = doc.get("location", "").partition("#")
        if anchor:
            found.setdefault(page, []).extend(_CODE_BLOCK.findall(doc.get("text", "")))
    return {page: _TAG.sub(" ", " ".join(blocks)) for page, blocks in found.items()}
