"""The MkDocs navigation of the generated pages, grouped like the catalog."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mlpatterns import layout
from mlpatterns.catalog import Catalog
from mlpatterns.render import Site


def navigation(catalog: Catalog, site: Site, prefix: str, skip: set[str]) -> list[Any]:
    """Nav entries for the generated pages; `skip` holds the docs paths the user's own
    nav already places (such as the content rules under Reference)."""

    def item(path: str) -> dict[str, str]:
        return {site.titles[path]: f"{prefix}/{path}"}

    def section(title: str, index: str, children: Iterable[str]) -> dict[str, list[Any]]:
        return {title: [f"{prefix}/{index}", *(item(child) for child in children)]}

    catalog_section: list[Any] = [f"{prefix}/{layout.INDEX_PAGE}"]
    for category in catalog.taxonomy.categories:
        members = [layout.entry_page(entry) for entry in catalog.in_category(category.id)]
        catalog_section.append(section(category.name, layout.category_page(category.id), members))
    challenges = [layout.entry_page(entry) for entry in catalog.challenges]
    catalog_section += [
        section("Challenges", layout.kind_page("challenge"), challenges),
        item(layout.SYMPTOMS_PAGE),
        item(layout.MAP_PAGE),
    ]
    sections: list[Any] = [{"Catalog": catalog_section}]
    for kind in ("anti-pattern", "guide"):
        members = [layout.entry_page(entry) for entry in catalog.of_kind(kind)]
        sections.append(section(layout.KIND_NAMES[kind][1], layout.kind_page(kind), members))
    sections += [
        {
            "Process and roles": [
                f"{prefix}/{layout.STAGES}/{layout.INDEX_PAGE}",
                *(item(layout.stage_page(stage.id)) for stage in catalog.taxonomy.stages),
                section(
                    "Roles",
                    f"{layout.ROLES}/{layout.INDEX_PAGE}",
                    [layout.role_page(role.id) for role in catalog.taxonomy.roles],
                ),
            ]
        },
        item(layout.GLOSSARY_PAGE),
        item(layout.RULES_PAGE),
    ]
    return [entry for entry in sections if not _placed(entry, skip)]


def _placed(item: Any, skip: set[str]) -> bool:
    return isinstance(item, dict) and all(
        isinstance(value, str) and value in skip for value in item.values()
    )
