"""The validated catalog: entries, taxonomy, and the relations computed between them."""

from __future__ import annotations

import re
import typing
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from mlpatterns import facets
from mlpatterns.layout import KINDS
from mlpatterns.model import (
    Category,
    ChallengeLink,
    Entry,
    Relation,
    Role,
    SnippetRef,
    Stage,
    Taxonomy,
)

RELATIONS: tuple[str, ...] = typing.get_args(Relation)
"""Every relation type, in the order the schema lists them."""

REVERSE_LABEL = {
    "requires": "required by",
    "enables": "enabled by",
    "specializes": "generalizes",
    "fixed-by": "fixes",
}
"""How an edge reads on the page of the entry it points to, where that differs."""


RELATION_COLORS = {
    "complements": "#1565c0",
    "alternative-to": "#6a1b9a",
    "requires": "#bf360c",
    "enables": "#2e7d32",
    "specializes": "#5d4037",
    "conflicts-with": "#b71c1c",
    "fixed-by": "#00695c",
}
"""Color of each relation's chips and map edges; white text on each reads at 4.5:1 or more."""


def forward_label(relation: str) -> str:
    """How an edge reads on the page of the entry that declares it: `fixed-by` -> fixed by."""
    return relation.replace("-", " ")


def reverse_label(relation: str) -> str:
    """How the same edge reads on the page of the entry it points to."""
    return REVERSE_LABEL.get(relation, forward_label(relation))


@dataclass(frozen=True)
class Neighbor:
    """An entry related to another one, seen from that other entry's page."""

    entry: Entry
    relation: str
    label: str
    note: str
    declared_here: bool


@dataclass
class Catalog:
    """All entries and the taxonomy, cross-checked; reverse relations are computed here."""

    taxonomy: Taxonomy
    entries: dict[str, Entry]
    sources: dict[str, str] = field(default_factory=dict)
    """Entry id -> path of its YAML file relative to `root`."""
    snippets_dir: Path = Path("snippets")
    taxonomy_source: str = "patterns/taxonomy.yaml"
    """Path of the taxonomy file relative to `root`, for edit links."""

    @cached_property
    def categories(self) -> dict[str, Category]:
        return {category.id: category for category in self.taxonomy.categories}

    @cached_property
    def stages(self) -> dict[str, Stage]:
        return {stage.id: stage for stage in self.taxonomy.stages}

    @cached_property
    def roles(self) -> dict[str, Role]:
        return {role.id: role for role in self.taxonomy.roles}

    @cached_property
    def patterns(self) -> list[Entry]:
        """Patterns in taxonomy category order, then by name."""
        order = {category_id: index for index, category_id in enumerate(self.categories)}
        found = [entry for entry in self.entries.values() if entry.kind == "pattern"]
        return sorted(found, key=lambda entry: (order.get(entry.category or "", 99), entry.name))

    def of_kind(self, kind: str) -> list[Entry]:
        """Entries of one kind: patterns in category order, the other kinds by name."""
        if kind == "pattern":
            return self.patterns
        return self._by_kind.get(kind, [])

    @cached_property
    def _by_kind(self) -> dict[str, list[Entry]]:
        table: dict[str, list[Entry]] = defaultdict(list)
        for entry in sorted(self.entries.values(), key=lambda entry: entry.name):
            table[entry.kind].append(entry)
        return table

    @property
    def challenges(self) -> list[Entry]:
        """Challenges by name."""
        return self.of_kind("challenge")

    @property
    def anti_patterns(self) -> list[Entry]:
        """Anti-patterns by name."""
        return self.of_kind("anti-pattern")

    @property
    def guides(self) -> list[Entry]:
        """Decision guides by name."""
        return self.of_kind("guide")

    @cached_property
    def _by_category(self) -> dict[str, list[Entry]]:
        table: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.patterns:
            table[entry.category or ""].append(entry)
        return table

    def in_category(self, category_id: str) -> list[Entry]:
        """The category's patterns, by name."""
        return self._by_category.get(category_id, [])

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {
            entry.id: index
            for members in self._by_category.values()
            for index, entry in enumerate(members)
        }

    def siblings(self, entry: Entry) -> tuple[Entry | None, Entry | None]:
        """The previous and next pattern in the entry's category (None at either end)."""
        members = self.in_category(entry.category or "")
        index = self._positions.get(entry.id)
        if index is None:
            return None, None
        before = members[index - 1] if index > 0 else None
        after = members[index + 1] if index + 1 < len(members) else None
        return before, after

    @cached_property
    def _addressed_by(self) -> dict[str, list[tuple[Entry, ChallengeLink]]]:
        table: dict[str, list[tuple[Entry, ChallengeLink]]] = defaultdict(list)
        fits = {"direct": 0, "partial": 1}
        for entry in self.patterns:
            for link in entry.challenges:
                table[link.id].append((entry, link))
        for found in table.values():
            found.sort(key=lambda pair: (fits[pair[1].fit], pair[0].name))
        return table

    def addressed_by(self, challenge_id: str) -> list[tuple[Entry, ChallengeLink]]:
        """The patterns that address `challenge_id`, with why: direct answers first."""
        return self._addressed_by.get(challenge_id, [])

    @cached_property
    def _fixes(self) -> dict[str, list[tuple[Entry, str]]]:
        table: dict[str, list[tuple[Entry, str]]] = defaultdict(list)
        for entry in self.anti_patterns:
            for link in entry.related:
                if link.relation == "fixed-by":
                    table[link.id].append((entry, link.note))
        return table

    def fixes(self, pattern_id: str) -> list[tuple[Entry, str]]:
        """The anti-patterns that the pattern fixes, with each edge's note."""
        return self._fixes.get(pattern_id, [])

    def fixed_by(self, entry: Entry) -> list[tuple[Entry, str]]:
        """The patterns that fix an anti-pattern, with each edge's note."""
        return [
            (self.entries[link.id], link.note)
            for link in entry.related
            if link.relation == "fixed-by"
        ]

    @cached_property
    def _compared_in(self) -> dict[str, list[Entry]]:
        table: dict[str, list[Entry]] = defaultdict(list)
        for guide in self.guides:
            for option in guide.options:
                table[option].append(guide)
        return table

    def compared_in(self, entry_id: str) -> list[Entry]:
        """The guides that compare the entry with others."""
        return self._compared_in.get(entry_id, [])

    @cached_property
    def _neighbors(self) -> dict[str, list[Neighbor]]:
        table: dict[str, list[Neighbor]] = defaultdict(list)
        for entry in self.entries.values():
            for link in entry.related:
                target = self.entries[link.id]
                table[entry.id].append(
                    Neighbor(target, link.relation, forward_label(link.relation), link.note, True)
                )
                table[target.id].append(
                    Neighbor(entry, link.relation, reverse_label(link.relation), link.note, False)
                )
        return table

    def related(self, entry_id: str) -> list[Neighbor]:
        """Edges declared by the entry and edges other entries declare towards it."""
        return sorted(self._neighbors.get(entry_id, []), key=lambda item: item.entry.name)

    def for_role(self, role_id: str) -> list[Entry]:
        """Entries that concern the role (the same filter as the CLI and the explorer)."""
        return self.select(role=[role_id])

    def for_stage(self, stage_id: str) -> list[Entry]:
        """Entries that list the stage, or one of its refinements (prediction: online, batch)."""
        return self.select(stage=[stage_id])

    def select(self, **wanted: list[str]) -> list[Entry]:
        """Entries matching every given facet (any of its values), in catalog order.

        The one filter of the catalog: the CLI's `list`, the stage, role and category
        pages and the explorer's data all go through `mlpatterns.facets`.
        """
        return [entry for entry in self.ordered if facets.matches(self, entry, wanted)]

    def options_of(self, guide: Entry) -> list[Entry]:
        """The entries a guide compares, in the order it lists them."""
        return [self.entries[option] for option in guide.options]

    def first_stage(self, entry: Entry) -> str:
        """The earliest stage of the ML process that the entry lists."""
        order = {stage_id: index for index, stage_id in enumerate(self.stages)}
        return min(entry.stages, key=lambda stage_id: order.get(stage_id, len(order)))

    def reading_path(self, entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
        """Entries grouped under the earliest stage of the ML process they apply to.

        Stages come in taxonomy order (data preparation first, monitoring last), so
        a role reads the catalog in the order its work meets the problems.
        """
        groups: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            groups[self.first_stage(entry)].append(entry)
        return [(stage_id, groups[stage_id]) for stage_id in self.stages if stage_id in groups]

    def symptoms_by_stage(self) -> list[tuple[str, list[tuple[str, Entry]]]]:
        """Every entry's symptoms, grouped by the entry's earliest stage; anti-patterns
        first within a stage, since a symptom most often means a mistake was made."""
        order = {"anti-pattern": 0, "challenge": 1, "pattern": 2}
        with_symptoms = [entry for entry in self.ordered if entry.symptoms]
        with_symptoms.sort(key=lambda entry: order.get(entry.kind, 3))
        return [
            (stage_id, [(symptom, entry) for entry in group for symptom in entry.symptoms])
            for stage_id, group in self.reading_path(with_symptoms)
        ]

    @cached_property
    def stage_ancestors(self) -> dict[str, list[str]]:
        """Stage id -> the stage and every stage it refines, nearest first."""
        parents = {stage.id: stage.parent for stage in self.taxonomy.stages}
        table: dict[str, list[str]] = {}
        for stage_id in parents:
            chain: list[str] = []
            current: str | None = stage_id
            while current and current not in chain:
                chain.append(current)
                current = parents.get(current)
            table[stage_id] = chain
        return table

    def snippet_path(self, snippet: SnippetRef) -> Path:
        return self.snippets_dir / snippet.file

    def output_path(self, snippet: SnippetRef) -> Path:
        return self.snippet_path(snippet).with_suffix(".out")

    def all_snippets(self) -> list[tuple[Entry, SnippetRef]]:
        """Every (entry, snippet) pair, in page order."""
        return [(entry, snippet) for entry in self.ordered for snippet in entry.snippets]

    @cached_property
    def glossary_groups(self) -> list[str]:
        """Glossary sections in the order the taxonomy first names them."""
        return list(dict.fromkeys(term.group for term in self.taxonomy.glossary))

    @cached_property
    def _prose(self) -> dict[str, str]:
        """Each entry's text in lowercase, searched for glossary terms."""
        return {
            entry.id: " ".join(
                [entry.name, entry.summary, entry.problem, entry.solution]
                + [item.text for item in entry.trade_offs]
                + list(entry.avoid_when)
            ).lower()
            for entry in self.ordered
        }

    def glossary_usage(self, term: str) -> list[Entry]:
        """Entries whose text uses `term` (whole words, any case, plural allowed)."""
        word = term.lower()
        pattern = re.compile(rf"\b{re.escape(word)}(s|es)?\b")
        return [
            entry
            for entry in self.ordered
            if word in self._prose[entry.id] and pattern.search(self._prose[entry.id])
        ]

    @cached_property
    def ordered(self) -> list[Entry]:
        """Patterns, anti-patterns, guides, then challenges: the order of the catalog index."""
        return [entry for kind in KINDS for entry in self.of_kind(kind)]
