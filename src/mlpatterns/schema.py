"""Generate the JSON Schemas published for editors and pre-commit from the typed models.

The committed files under `schema/` are output of this module, never edited by
hand; a test regenerates them and fails on any difference.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from mlpatterns.model import Entry, Taxonomy

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SchemaName = Literal["entry", "taxonomy"]
MODELS: dict[str, type[BaseModel]] = {"entry": Entry, "taxonomy": Taxonomy}


def json_schema(name: SchemaName) -> dict[str, Any]:
    """The draft-07 JSON Schema of `entry` or `taxonomy`.

    Pydantic writes 2020-12 style `$defs`; draft-07 tools (the YAML language
    server, check-jsonschema) read `definitions`, so references are rewritten.
    """
    model = MODELS[name]
    schema = model.model_json_schema(ref_template="#/definitions/{model}", mode="validation")
    definitions = schema.pop("$defs", {})
    out: dict[str, Any] = {
        "$schema": DRAFT_07,
        **schema,
    }
    if definitions:
        out["definitions"] = definitions
    return out


def schema_json(name: SchemaName) -> str:
    """`json_schema(name)` as the exact text committed under `schema/`."""
    return json.dumps(json_schema(name), indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Regenerate the committed schema files under `folder` (usually `schema/`)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in MODELS:
        path = folder / f"{name}.schema.json"
        path.write_text(schema_json(name), encoding="utf-8")  # type: ignore[arg-type]
        written.append(path)
    return written


if __name__ == "__main__":  # `python -m mlpatterns.schema` from the project root
    for path in write_schemas(Path("schema")):
        print(f"wrote {path}")
