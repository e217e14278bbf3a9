"""The catalog's filters, defined once: what values an entry has for each facet.

The CLI (`mlpatterns list --stage ...`), the stage, role and category pages and the
explorer's data (`facets.json`) all use these functions, so their counts agree:
an entry that lists a refined stage (online prediction) also counts under the
stage it refines (prediction), and an entry for `any` data counts under every
data type.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mlpatterns.layout import KIND_NAMES, KINDS
from mlpatterns.model import Entry, Modality

if typing.TYPE_CHECKING:
    from mlpatterns.catalog import Catalog

DATA_TYPES: tuple[str, ...] = tuple(value for value in typing.get_args(Modality) if value != "any")
"""The data types a reader can filter on; `any` is not one, it counts under each."""


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    """The heading the explorer shows."""


FACETS = (
    Facet("kind", "Kind"),
    Facet("category", "Category"),
    Facet("stage", "Stage"),
    Facet("role", "Role"),
    Facet("challenge", "Challenge"),
    Facet("modality", "Data"),
)
FACET_KEYS = tuple(facet.key for facet in FACETS)


def values(catalog: Catalog, entry: Entry, key: str) -> set[str]:
    """The values `entry` has for facet `key`, with stages and `any` data expanded."""
    if key == "kind":
        return {entry.kind}
    if key == "category":
        return {entry.category} if entry.category else set()
    if key == "stage":
        return {
            ancestor
            for stage_id in entry.stages
            for ancestor in catalog.stage_ancestors.get(stage_id, [stage_id])
        }
    if key == "role":
        return set(entry.roles)
    if key == "challenge":
        return {entry.id} if entry.kind == "challenge" else set(entry.challenge_ids)
    if key == "modality":
        return set(DATA_TYPES) if "any" in entry.modality else set(entry.modality)
    raise KeyError(f"unknown facet `{key}`; facets are {', '.join(FACET_KEYS)}")


def matches(catalog: Catalog, entry: Entry, wanted: Mapping[str, Iterable[str]]) -> bool:
    """True when, for every facet with wanted values, the entry has at least one of them."""
    for key, chosen in wanted.items():
        chosen = list(chosen or [])
        if chosen and not values(catalog, entry, key) & set(chosen):
            return False
    return True


def options(catalog: Catalog) -> dict[str, list[tuple[str, str]]]:
    """For each facet, its (value, display name) pairs in the taxonomy's order."""
    return {
        "kind": [(kind, KIND_NAMES[kind][1]) for kind in KINDS if catalog.of_kind(kind)],
        "category": [(c.id, c.name) for c in catalog.taxonomy.categories],
        "stage": [(s.id, s.name) for s in catalog.taxonomy.stages],
        "role": [(r.id, r.name) for r in catalog.taxonomy.roles],
        "challenge": [(e.id, e.name) for e in catalog.challenges],
        "modality": [(value, value) for value in DATA_TYPES],
    }


def facet_count(catalog: Catalog, key: str, value: str) -> int:
    """How many entries have `value` for facet `key` (the explorer's count with no filter)."""
    return sum(1 for entry in catalog.ordered if value in values(catalog, entry, key))
