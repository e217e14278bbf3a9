"""The committed JSON Schemas are exactly what the typed models generate."""

from __future__ import annotations

import json

import pytest

from mlpatterns.schema import json_schema, schema_json

from .conftest import REPO

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("name", ["entry", "taxonomy"])
def test_committed_schema_matches_the_models(name: str) -> None:
    committed = (REPO / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(name), (
        f"schema/{name}.schema.json is stale; regenerate it with "
        f"`python -m mlpatterns.schema` and commit it"
    )


def test_schema_is_draft_07_with_local_definitions() -> None:
    schema = json_schema("entry")
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    text = json.dumps(schema)
    assert "$defs" not in text
    refs = {ref.split("/")[-1] for ref in _refs(schema)}
    assert refs and refs <= set(schema["definitions"])
    assert schema["additionalProperties"] is False
    assert schema["properties"]["summary"]["maxLength"] == 200


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)
