"""Turn pydantic's validation errors into sentences that say what to write instead."""

from __future__ import annotations

import re
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from mlpatterns.diagnostics import Problems, Source, suggest
from mlpatterns.model import SUMMARY_MAX, kebab


def validate_model(source: Source, model: type[BaseModel], problems: Problems) -> BaseModel | None:
    """The file's data as `model`, or None after reporting every field error."""
    try:
        return model.model_validate(source.located.data)
    except ValidationError as exc:
        for error in exc.errors():
            explain(source, model, error, problems)
        return None


def explain(source: Source, model: type[BaseModel], error: Any, problems: Problems) -> None:
    """Turn one pydantic error into a sentence with a fix."""
    loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and "[" in part))
    kind = error["type"]
    value = error.get("input")
    name = loc[-1] if loc else ""
    parent = node_at(source.located.data, loc[:-1])
    owner = f' under "{label(parent)}"' if label(parent) else ""
    if kind == "missing":
        problems.add(source, loc, "field required", f"add `{name}:`{owner}")
    elif kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        hint = (
            suggest(str(name), allowed) or f"remove it; allowed here: {', '.join(sorted(allowed))}"
        )
        problems.add(source, loc, f"unknown field `{name}`", hint, key=True)
    elif kind == "string_too_long" and name == "summary":
        problems.add(
            source,
            loc,
            f"summary is {len(value)} characters; the limit is {SUMMARY_MAX}",
            "shorten it to one sentence a practitioner can act on",
        )
    elif kind == "string_too_long":
        limit = error["ctx"]["max_length"]
        problems.add(
            source, loc, f"text is {len(value)} characters; the limit is {limit}", "shorten it"
        )
    elif kind == "string_pattern_mismatch":
        _pattern_mismatch(source, loc, str(name), value, problems)
    elif kind in {"string_too_short", "too_short"}:
        what = "text" if kind == "string_too_short" else "list"
        problems.add(
            source,
            loc,
            f"{what} is empty",
            f"give `{name}` at least one item" if what == "list" else "write it",
        )
    elif kind == "literal_error":
        expected = re.findall(r"'([^']+)'", error["ctx"]["expected"])
        hint = suggest(str(value), expected) or f"use one of: {', '.join(expected)}"
        problems.add(source, loc, f"`{value}` is not allowed here", hint)
    elif kind.endswith("_type"):
        _wrong_type(source, loc, kind, value, problems)
    else:
        problems.add(source, loc, error["msg"], "see the schema in schema/entry.schema.json")


def _pattern_mismatch(
    source: Source, loc: tuple[str | int, ...], name: str, value: Any, problems: Problems
) -> None:
    if name == "url":
        problems.add(
            source,
            loc,
            f"`{value}` is not an http(s) URL",
            "use a full address starting with https://",
        )
    elif name == "file":
        problems.add(
            source,
            loc,
            f"`{value}` is not a snippet file name",
            "use a lowercase .py file name under snippets/, e.g. hashed-feature.py",
        )
    elif "\n" in str(value):
        problems.add(source, loc, "must be one line", "join the lines into one sentence")
    elif name == "color":
        problems.add(source, loc, f"`{value}` is not a color", "use six hex digits, e.g. `#3949ab`")
    else:
        problems.add(
            source,
            loc,
            f"`{value}` is not kebab-case",
            f"use lowercase words joined by hyphens, e.g. `{kebab(str(value)) or 'my-entry'}`",
        )


_TYPE_WORDS = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "int_type": "a whole number",
    "bool_type": "yes/no",
}


def _wrong_type(
    source: Source, loc: tuple[str | int, ...], kind: str, value: Any, problems: Problems
) -> None:
    expected_word = _TYPE_WORDS.get(kind, kind.removesuffix("_type"))
    got = type_word(type(value).__name__)
    fix = {
        "text": "write text; quote it if YAML reads it as a number, date or yes/no",
        "a list": "write one item a line, each starting with `- `",
    }.get(expected_word, f"write {expected_word}")
    problems.add(source, loc, f"expected {expected_word}, got {got}", fix)


def node_at(data: Any, path: tuple[str | int, ...]) -> Any:
    """The value at `path` in parsed YAML data, or None when the path does not exist."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def label(node: Any) -> str:
    """What a person calls a list item: its name, title, term, id or file."""
    if isinstance(node, dict):
        for key in ("name", "title", "term", "criterion", "id", "file"):
            if isinstance(node.get(key), str):
                return node[key]
    return ""


def _fields_at(model: type[BaseModel], path: tuple[str | int, ...]) -> set[str]:
    current: type[BaseModel] | None = model
    for part in path:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        current = _model_in(info.annotation) if info else None
    return set(current.model_fields) if current else set()


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found:
            return found
    return None


def type_word(name: str) -> str:
    """A Python type name as a YAML author would say it."""
    return {
        "int": "a number",
        "float": "a number",
        "bool": "yes/no",
        "str": "text",
        "list": "a list",
        "dict": "a mapping",
        "NoneType": "nothing",
        "date": "a date",
        "datetime": "a date",
    }.get(name, name)
