"""The catalog as JSON: `catalog.json` for other tools, `facets.json` for the explorer."""

from __future__ import annotations

import json
from typing import Any

from mlpatterns import __version__, facets, layout
from mlpatterns.catalog import Catalog
from mlpatterns.schema import schema_json

__all__ = ["catalog_data", "catalog_json", "facets_json", "schema_json"]


def entry_url(entry: Any, prefix: str = "catalog", directory_urls: bool = True) -> str:
    """The entry page's URL relative to the site root, e.g. `catalog/x/hashed-feature/`."""
    page = layout.page_url(layout.entry_page(entry), directory_urls)
    return f"{prefix}/{page}" if prefix else page


def catalog_data(
    catalog: Catalog, prefix: str = "catalog", directory_urls: bool = True
) -> dict[str, Any]:
    """Entries with their computed relations, and the taxonomy, as plain data."""
    entries = []
    for entry in catalog.ordered:
        data = entry.model_dump(mode="json", exclude_defaults=False)
        data["url"] = entry_url(entry, prefix, directory_urls)
        data["source"] = catalog.sources.get(entry.id)
        data["related_both"] = [
            {
                "id": item.entry.id,
                "relation": item.relation,
                "label": item.label,
                "declared_here": item.declared_here,
            }
            for item in catalog.related(entry.id)
        ]
        if entry.kind == "challenge":
            data["addressed_by"] = [
                {"id": other.id, "fit": link.fit, "why": link.why}
                for other, link in catalog.addressed_by(entry.id)
            ]
        if entry.kind == "pattern":
            data["fixes"] = [other.id for other, _ in catalog.fixes(entry.id)]
            data["compared_in"] = [guide.id for guide in catalog.compared_in(entry.id)]
        entries.append(data)
    return {
        "version": __version__,
        "taxonomy": catalog.taxonomy.model_dump(mode="json"),
        "entries": entries,
    }


def catalog_json(catalog: Catalog, prefix: str = "catalog", directory_urls: bool = True) -> str:
    """`catalog_data` as compact, stable JSON."""
    data = catalog_data(catalog, prefix, directory_urls)
    return json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n"


def facets_json(catalog: Catalog, prefix: str = "catalog", directory_urls: bool = True) -> str:
    """What the explorer needs, and no more: facet options and each entry's values.

    Values come from `mlpatterns.facets`, already expanded (a refined stage counts
    under its parent, `any` data under every type), so the explorer's counts equal
    the CLI's and the taxonomy pages'.
    """
    options = facets.options(catalog)
    data = {
        "facets": [
            {"key": facet.key, "label": facet.label, "options": options[facet.key]}
            for facet in facets.FACETS
        ],
        "entries": [
            {
                "id": entry.id,
                "name": entry.name,
                "url": entry_url(entry, prefix, directory_urls),
                "values": {
                    key: sorted(facets.values(catalog, entry, key)) for key in facets.FACET_KEYS
                },
            }
            for entry in catalog.ordered
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
