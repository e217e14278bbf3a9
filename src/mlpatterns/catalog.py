"""The validated catalog: entries, taxonomy, and the relations computed between them."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from mlpatterns.model import Category, Entry, Role, SnippetRef, Stage, Taxonomy

FORWARD_LABEL = {
    "complements": "complements",
    "alternative-to": "alternative to",
    "requires": "requires",
    "enables": "enables",
    "specializes": "specializes",
    "conflicts-with": "conflicts with",
}
"""How an edge reads on the page of the entry that declares it."""

REVERSE_LABEL = {
    "complements": "complements",
    "alternative-to": "alternative to",
    "requires": "required by",
    "enables": "enabled by",
    "specializes": "generalizes",
    "conflicts-with": "conflicts with",
}
"""How the same edge reads on the page of the entry it points to."""


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

    root: Path
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

    @cached_property
    def challenges(self) -> list[Entry]:
        """Challenges by name."""
        found = [entry for entry in self.entries.values() if entry.kind == "challenge"]
        return sorted(found, key=lambda entry: entry.name)

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
    def _addressed_by(self) -> dict[str, list[Entry]]:
        table: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.patterns:
            for challenge_id in entry.challenges:
                table[challenge_id].append(entry)
        return table

    def addressed_by(self, challenge_id: str) -> list[Entry]:
        """The patterns that list `challenge_id` under `challenges`."""
        return self._addressed_by.get(challenge_id, [])

    @cached_property
    def _neighbors(self) -> dict[str, list[Neighbor]]:
        table: dict[str, list[Neighbor]] = defaultdict(list)
        for entry in self.entries.values():
            for link in entry.related:
                target = self.entries[link.id]
                table[entry.id].append(
                    Neighbor(target, link.relation, FORWARD_LABEL[link.relation], link.note, True)
                )
                table[target.id].append(
                    Neighbor(entry, link.relation, REVERSE_LABEL[link.relation], link.note, False)
                )
        return table

    def related(self, entry_id: str) -> list[Neighbor]:
        """Edges declared by the entry and edges other entries declare towards it."""
        return sorted(self._neighbors.get(entry_id, []), key=lambda item: item.entry.name)

    def for_role(self, role_id: str) -> list[Entry]:
        return [entry for entry in [*self.patterns, *self.challenges] if role_id in entry.roles]

    def for_stage(self, stage_id: str) -> list[Entry]:
        """Entries that list the stage, or one of its refinements (prediction: online, batch)."""
        wanted = {stage_id} | {s.id for s in self.taxonomy.stages if s.parent == stage_id}
        return [entry for entry in self.ordered if wanted & set(entry.stages)]

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
        """Patterns first, then challenges: the order of the catalog index."""
        return [*self.patterns, *self.challenges]
