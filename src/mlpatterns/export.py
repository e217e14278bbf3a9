"""The catalog as JSON, for the site's explorer and for other tools."""

from __future__ import annotations

import json
from typing import Any

from mlpatterns import __version__
from mlpatterns.catalog import Catalog
from mlpatterns.render import entry_page
from mlpatterns.schema import schema_json

__all__ = ["catalog_data", "catalog_json", "schema_json"]


def catalog_data(catalog: Catalog) -> dict[str, Any]:
    """Entries with their computed relations, and the taxonomy, as plain data."""
    entries = []
    for entry in catalog.ordered:
        data = entry.model_dump(mode="json", exclude_defaults=False)
        data["page"] = entry_page(entry).removesuffix(".md") + "/"
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
            data["addressed_by"] = [other.id for other, _ in catalog.addressed_by(entry.id)]
        entries.append(data)
    return {
        "version": __version__,
        "taxonomy": catalog.taxonomy.model_dump(mode="json"),
        "entries": entries,
    }


def catalog_json(catalog: Catalog) -> str:
    """`catalog_data` as compact, stable JSON."""
    return json.dumps(catalog_data(catalog), ensure_ascii=False, sort_keys=True) + "\n"
