"""Structural checks across files: ids, folders, vocabulary, edges and prose markup.

These are errors: the catalog cannot be built with them. The content bar (word
counts, references, evidence) is in `mlpatterns.rules`, as warnings that fail
`--strict` but let a half-written entry be served.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mlpatterns.diagnostics import Problems, Source, suggest
from mlpatterns.layout import KIND_FOLDERS, entry_folder
from mlpatterns.model import KEBAB_CASE, Entry, Taxonomy, kebab

REQUIRED_STAGES = ("training", "evaluation", "serving", "online-prediction", "batch-prediction")
# Fields that belong to one kind only, and the kind.
KIND_ONLY_FIELDS = {
    "category": "pattern",
    "challenges": "pattern",
    "mechanism": "anti-pattern",
    "detection": "anti-pattern",
    "question": "guide",
    "options": "guide",
    "decision_table": "guide",
    "choose_when": "guide",
}
REQUIRED_BY_KIND = {
    "pattern": ("category", "brief"),
    "anti-pattern": ("brief", "mechanism", "detection"),
    "guide": ("question",),
}
OPTION_KINDS = ("pattern", "anti-pattern")
"""What a guide may compare: patterns and anti-patterns, not challenges or other guides."""


def check_identity(
    source: Source, entry: Entry, catalog_dir: Path, categories: set[str], problems: Problems
) -> None:
    """The id equals the file stem, is kebab-case, and the file sits in its kind's folder."""
    stem = source.path.stem
    if entry.id != stem:
        problems.add(
            source,
            ("id",),
            f"id `{entry.id}` differs from the file name `{stem}.yaml`",
            f"rename the file to {entry.id}.yaml or set `id: {stem}`",
        )
    if not re.fullmatch(KEBAB_CASE, stem):
        problems.add(
            source,
            ("id",),
            f"file name `{stem}.yaml` is not kebab-case",
            f"rename it to {kebab(stem) or 'my-entry'}.yaml",
        )
    folder = source.path.parent.relative_to(catalog_dir).as_posix()
    expected = entry_folder(entry)
    # An unknown category is reported on its own; a folder hint would only mislead.
    known = entry.kind != "pattern" or entry.category in categories
    if expected and known and folder != expected:
        problems.add(
            source,
            ("category",) if entry.kind == "pattern" else ("kind",),
            f"the file is in `{folder}/` but belongs in `{expected}/`",
            f"move it to patterns/{expected}/{stem}.yaml",
        )


def check_taxonomy(
    source: Source, taxonomy: Taxonomy, entries: dict[str, Entry], problems: Problems
) -> None:
    """Unique ids, the stages the ML process needs, known parents and see-also targets."""
    reserved = {*KIND_FOLDERS.values(), "stages", "roles", "downloads"}
    for group in ("categories", "stages", "roles"):
        seen: set[str] = set()
        for index, item in enumerate(getattr(taxonomy, group)):
            if item.id in seen:
                problems.add(
                    source,
                    (group, index, "id"),
                    f"duplicate {group[:-1]} id `{item.id}`",
                    "give each one its own id",
                )
            seen.add(item.id)
            if group == "categories" and item.id in reserved:
                problems.add(
                    source,
                    (group, index, "id"),
                    f"`{item.id}` is the folder of another part of the catalog",
                    "give the category another id",
                )
    stage_ids = {stage.id for stage in taxonomy.stages}
    for required in REQUIRED_STAGES:
        if required not in stage_ids:
            problems.add(
                source,
                ("stages",),
                f"stage `{required}` is missing",
                f"add a stage with `id: {required}`; the ML process needs it",
            )
    for index, stage in enumerate(taxonomy.stages):
        if stage.parent and stage.parent not in stage_ids:
            problems.add(
                source,
                ("stages", index, "parent"),
                f"unknown stage `{stage.parent}`",
                suggest(stage.parent, stage_ids) or "use the id of another stage",
            )
    terms: set[str] = set()
    for index, term in enumerate(taxonomy.glossary):
        if term.term.lower() in terms:
            problems.add(
                source,
                ("glossary", index, "term"),
                f"term `{term.term}` is defined twice",
                "keep one definition",
            )
        terms.add(term.term.lower())
        for position, target in enumerate(term.see_also):
            if target not in entries:
                problems.add(
                    source,
                    ("glossary", index, "see_also", position),
                    f"unknown entry `{target}`",
                    suggest(target, entries) or "use the id of an entry",
                )


def check_kind_fields(
    source: Source, entry: Entry, categories: list[str], problems: Problems
) -> None:
    """Fields each kind needs, and fields that belong to another kind."""
    for name in REQUIRED_BY_KIND.get(entry.kind, ()):
        if getattr(entry, name) is None:
            hint = f"with one of: {', '.join(categories)}" if name == "category" else ""
            problems.add(
                source,
                (name,),
                f"field required for {_a(entry.kind)}",
                f"add `{name}:` {hint}".rstrip() + _FIELD_HINTS.get(name, ""),
            )
    for name, kind in KIND_ONLY_FIELDS.items():
        value = getattr(entry, name)
        if kind != entry.kind and value:
            problems.add(
                source,
                (name,),
                f"only a {kind} has `{name}`, and this entry is a {entry.kind}",
                f"remove `{name}:`",
                key=True,
            )


_FIELD_HINTS = {
    "brief": " with a one-line `problem:` and `solution:` after the summary",
    "mechanism": ": why the mistake hurts",
    "detection": ": a check a team can automate to catch it",
    "question": ": the question in a practitioner's words",
}


def check_vocabulary(
    source: Source, taxonomy: Taxonomy, kinds: dict[str, str], problems: Problems
) -> None:
    """Every id an entry mentions must exist, and be of the right kind.

    Works on the raw YAML data, so an entry that failed the schema (say, a missing
    field) still has its ids checked in the same run. `kinds` maps every entry id
    found to its kind.
    """
    data = source.located.data
    categories = [category.id for category in taxonomy.categories]
    category = data.get("category")
    if data.get("kind") == "pattern" and isinstance(category, str) and category not in categories:
        problems.add(
            source,
            ("category",),
            f"unknown category `{category}`",
            suggest(category, categories) or f"use one of: {', '.join(categories)}",
        )
    challenge_ids = [entry_id for entry_id, kind in kinds.items() if kind == "challenge"]
    vocab = {"roles": [r.id for r in taxonomy.roles], "stages": [s.id for s in taxonomy.stages]}
    for group, known in vocab.items():
        for index, value in _items(data, group):
            if isinstance(value, str) and value not in known:
                problems.add(
                    source,
                    (group, index),
                    f"unknown {group[:-1]} `{value}`",
                    suggest(value, known) or f"use one of: {', '.join(known) or '(none yet)'}",
                )
    any_challenge = f"use one of: {', '.join(challenge_ids) or '(none yet)'}"
    any_entry = "use the id of an existing entry"
    _check_ids(source, data, "challenges", challenge_ids, "challenge", any_challenge, problems)
    _check_ids(source, data, "related", list(kinds), "entry", any_entry, problems)
    _check_ids(source, data, "compared_with", list(kinds), "entry", any_entry, problems)
    for index, link in _items(data, "related"):
        if isinstance(link, dict) and link.get("id") == data.get("id"):
            problems.add(
                source,
                ("related", index, "id"),
                "an entry cannot be related to itself",
                "remove it",
            )
    _check_options(source, data, kinds, problems)


def _check_ids(
    source: Source,
    data: dict[str, Any],
    group: str,
    known: list[str],
    noun: str,
    fallback: str,
    problems: Problems,
) -> None:
    """The `id` of every item of a list of links names something that exists."""
    for index, item in _items(data, group):
        target = item.get("id") if isinstance(item, dict) else None
        if isinstance(target, str) and target not in known:
            problems.add(
                source,
                (group, index, "id"),
                f"unknown {noun} `{target}`",
                suggest(target, known) or fallback,
            )


def _check_options(
    source: Source, data: dict[str, Any], kinds: dict[str, str], problems: Problems
) -> None:
    comparable = [entry_id for entry_id, kind in kinds.items() if kind in OPTION_KINDS]
    for index, option in _items(data, "options"):
        if not isinstance(option, str):
            continue
        if option not in kinds:
            problems.add(
                source,
                ("options", index),
                f"unknown entry `{option}`",
                suggest(option, comparable) or "use the id of a pattern or anti-pattern",
            )
        elif kinds[option] not in OPTION_KINDS:
            problems.add(
                source,
                ("options", index),
                f"`{option}` is a {kinds[option]}; a guide compares patterns and anti-patterns",
                "list patterns or anti-patterns as options",
            )


def _items(data: dict[str, Any], group: str) -> Iterator[tuple[int, Any]]:
    values = data.get(group)
    yield from enumerate(values if isinstance(values, list) else [])


def _a(kind: str) -> str:
    """`a pattern`, `an anti-pattern`."""
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def check_edges(entries: dict[str, Entry], origin: dict[str, Source], problems: Problems) -> None:
    """An edge is declared once, and `fixed-by` runs from an anti-pattern to a pattern."""
    declared: dict[frozenset[str], tuple[str, int]] = {}
    for entry_id in sorted(entries, key=lambda key: origin[key].display):
        entry = entries[entry_id]
        for index, link in enumerate(entry.related):
            if link.id == entry_id or link.id not in entries:
                continue
            target = entries[link.id]
            if link.relation == "fixed-by" and entry.kind != "anti-pattern":
                problems.add(
                    origin[entry_id],
                    ("related", index, "relation"),
                    f"`fixed-by` goes from an anti-pattern to the pattern that fixes it; "
                    f"this entry is {_a(entry.kind)}",
                    "use another relation, or declare the edge on the anti-pattern",
                )
            elif link.relation == "fixed-by" and target.kind != "pattern":
                problems.add(
                    origin[entry_id],
                    ("related", index, "id"),
                    f"`fixed-by` points at a pattern; `{link.id}` is {_a(target.kind)}",
                    "name the pattern that fixes this mistake, or use another relation",
                )
            pair = frozenset((entry_id, link.id))
            if pair in declared:
                first_id, first_index = declared[pair]
                first = origin[first_id]
                line, _ = first.located.position(("related", first_index, "id"))
                where = (
                    "earlier in this file" if first_id == entry_id else f"in {first.display}:{line}"
                )
                problems.add(
                    origin[entry_id],
                    ("related", index, "id"),
                    f"edge to `{link.id}` is already declared {where}",
                    "declare each edge once; the other page shows it automatically",
                )
            else:
                declared[pair] = (entry_id, index)


def check_guide_table(source: Source, entry: Entry, problems: Problems) -> None:
    """Each row of a guide's decision table has one cell per option, and choices name options."""
    if entry.kind != "guide":
        return
    options = list(entry.options)
    for index, row in enumerate(entry.decision_table):
        missing = [option for option in options if option not in row.cells]
        extra = [cell for cell in row.cells if cell not in options]
        if missing:
            problems.add(
                source,
                ("decision_table", index, "cells"),
                f"no cell for {', '.join(f'`{option}`' for option in missing)}",
                "give every option a cell in every row",
            )
        for cell_id in extra:
            problems.add(
                source,
                ("decision_table", index, "cells", cell_id),
                f"`{cell_id}` is not one of the options",
                suggest(cell_id, options) or f"use one of: {', '.join(options) or '(none yet)'}",
                key=True,
            )
        for cell_id, cell in row.cells.items():
            if cell.ref is not None and cell.ref > len(entry.references):
                problems.add(
                    source,
                    ("decision_table", index, "cells", cell_id, "ref"),
                    f"reference {cell.ref} does not exist; the entry lists {len(entry.references)}",
                    "number the references from 1, in the order of `references:`",
                )
    for index, choice in enumerate(entry.choose_when):
        if choice.option not in options:
            problems.add(
                source,
                ("choose_when", index, "option"),
                f"`{choice.option}` is not one of the options",
                suggest(choice.option, options)
                or f"use one of: {', '.join(options) or '(none yet)'}",
            )
