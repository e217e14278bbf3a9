"""Checks of the prose in any YAML file of the catalog: no TODO left, no code that would
never run, no headings, no script links, and no list item swallowed by the text above."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from mlpatterns.diagnostics import Problems, Source, field_name
from mlpatterns.markdown import UNSAFE_LINK

TODO_MARKER = re.compile(r"\bTODO\b")
# Fences whose content would be shown as code but never run by the snippet tests.
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*([^\s`]*)", re.MULTILINE)
ALLOWED_FENCE_LANGUAGES = {"", "text", "yaml", "json", "console"}
HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]", re.MULTILINE)
LIST_ITEM = re.compile(r"^( *)(?:[-*+]|\d+\.)[ \t]", re.MULTILINE)
# Fields whose strings are identifiers or addresses, not prose.
NON_PROSE_FIELDS = {"id", "kind", "category", "url", "file", "relation", "roles", "stages"}
NON_PROSE_FIELDS |= {"modality", "see_also", "parent", "options", "option", "fit", "color"}


def strings(
    data: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every prose string in parsed YAML data, with its field path."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NON_PROSE_FIELDS:
                yield from strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, (*path, index))
    elif isinstance(data, str):
        yield path, data


def check_text(source: Source, problems: Problems) -> None:
    """Prose rules: no TODO left, no unrun code, no headings, no script URLs, no folded items."""
    for path, (line, column) in source.located.folded_items:
        problems.at(
            source.display,
            field_name(path),
            "this line starts with `- ` but YAML read it as part of the text above",
            "indent it like the other items of the list (or quote the text if the dash is meant)",
            line=line,
            column=column,
        )
    for path, text in strings(source.located.data):
        if TODO_MARKER.search(text):
            problems.add(
                source,
                path,
                "still a TODO placeholder",
                "replace it with real text",
                severity="warning",
            )
        for match in FENCE.finditer(text):
            if match.group(2).lower() not in ALLOWED_FENCE_LANGUAGES:
                problems.add(
                    source,
                    path,
                    f"a `{match.group(2)}` code fence in text would never be run",
                    "move the code to a snippet file under snippets/ and list it in `snippets:`",
                )
        if HEADING.search(text):
            problems.add(
                source,
                path,
                "headings are not allowed in a text field",
                "the page sets its own headings; use **bold** or a paragraph",
            )
        indents = {len(match.group(1)) for match in LIST_ITEM.finditer(text)}
        if 0 in indents and indents & {1, 2, 3}:
            problems.add(
                source,
                path,
                "a nested list is indented by fewer than 4 spaces and would render flat",
                "indent nested list items by 4 spaces under their parent item",
            )
        unsafe = UNSAFE_LINK.search(text)
        if unsafe:
            problems.add(
                source,
                path,
                f"`{unsafe['scheme']}:` links are not allowed",
                "link to an http(s) address",
            )
