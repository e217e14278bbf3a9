"""Parse YAML while keeping the line and column of every key and value.

PyYAML's composer gives nodes with positions; the constructor turns the same
nodes into plain data, so each file is parsed once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml is about ten times faster; the pure-Python loader is the fallback.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Path_ = tuple[str | int, ...]

MAX_BYTES = 256 * 1024
"""The largest entry file accepted; the longest real entry is about 12 KB."""

# A continuation line of a plain (unquoted) scalar that starts like a list item: YAML
# folds it into the text above, which is almost always an item at the wrong indentation.
_ITEM_START = ("- ", "* ")


@dataclass
class Located:
    """Data parsed from one YAML document, with 1-based positions by field path."""

    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    duplicate_keys: list[tuple[Path_, tuple[int, int]]] = field(default_factory=list)
    folded_items: list[tuple[Path_, tuple[int, int]]] = field(default_factory=list)
    """Plain scalars that swallowed a line starting with `- `, and where that line is."""

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Where `path` is; for a missing field, where its nearest existing parent is."""
        if key and path in self.keys:
            return self.keys[path]
        if path in self.values:
            return self.values[path]
        for end in range(len(path) - 1, -1, -1):
            prefix = path[:end]
            if prefix in self.keys:
                return self.keys[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return (1, 1)


class YamlSyntaxError(Exception):
    """A YAML file that cannot be parsed; `line` and `column` are 1-based."""

    def __init__(
        self,
        message: str,
        line: int,
        column: int,
        fix: str = "check indentation, colons and quotes near this line",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.fix = fix


def parse(text: str) -> Located:
    """Parse one YAML document and index the positions of its keys and values.

    Entries never need anchors or aliases, and a nest of aliases can expand
    exponentially (an "alias bomb"), so both are refused before anything is built.
    """
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise YamlSyntaxError(
            f"the file is {size // 1024} KB; an entry may be at most {MAX_BYTES // 1024} KB",
            1,
            1,
            "an entry is a page of text: shorten it, and keep data in the snippet",
        )
    _refuse_anchors(text)
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(part for part in (exc.context, exc.problem) if part)
        raise YamlSyntaxError(
            f"YAML syntax error: {message or 'invalid YAML'}", line, column
        ) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"YAML syntax error: {str(exc).splitlines()[0]}", 1, 1) from None
    located = Located(data)
    if node is not None:
        _index(node, (), located, text.splitlines())
    return located


def _refuse_anchors(text: str) -> None:
    """Raise on the first `&anchor` or `*alias`; scanning tokens is linear in the text."""
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                mark = token.start_mark
                sign = "&" if isinstance(token, yaml.AnchorToken) else "*"
                raise YamlSyntaxError(
                    f"YAML anchors and aliases ({sign}{token.value}) are not allowed in entries",
                    mark.line + 1,
                    mark.column + 1,
                    "write the value out in full where it is needed",
                )
    except yaml.YAMLError:
        return  # a syntax error: parse() reports it with its position


def _index(node: yaml.Node, path: Path_, located: Located, lines: list[str]) -> None:
    located.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode) and not node.style:  # plain: None or ""
        first, last = node.start_mark.line, node.end_mark.line
        for number in range(first + 1, min(last, len(lines) - 1) + 1):
            stripped = lines[number].lstrip()
            if stripped.startswith(_ITEM_START):
                column = len(lines[number]) - len(stripped) + 1
                located.folded_items.append((path, (number + 1, column)))
                break
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            child = (*path, key)
            position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in seen:
                located.duplicate_keys.append((child, position))
            seen.add(key)
            located.keys[child] = position
            _index(value_node, child, located, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(item, (*path, index), located, lines)
