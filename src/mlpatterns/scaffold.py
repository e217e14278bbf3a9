"""`mlpatterns new`: write a new entry, its snippet and the snippet's recorded output.

The files are valid from the start, so the page can be served at once; every
placeholder says TODO, and the validator warns about each until it is replaced.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import jinja2
import yaml

from mlpatterns.diagnostics import suggest
from mlpatterns.layout import KIND_FOLDERS
from mlpatterns.model import kebab
from mlpatterns.snippets import run_script


class ScaffoldError(Exception):
    """The entry cannot be created as asked (usage error)."""


def entry_id(name: str) -> str:
    """`"Shadow Deployment"` -> `shadow-deployment`."""
    made = kebab(name)
    if not made:
        raise ScaffoldError(f"cannot make an id from the name {name!r} - use letters or digits")
    return made


def _category_ids(patterns: Path) -> list[str]:
    taxonomy = yaml.safe_load((patterns / "taxonomy.yaml").read_text(encoding="utf-8"))
    return [category["id"] for category in taxonomy.get("categories", [])]


def scaffold(
    root: Path,
    kind: str,
    name: str,
    category: str | None,
    patterns_dir: str = "patterns",
    snippets_dir: str = "snippets",
) -> list[Path]:
    """Create the YAML entry, the snippet and its output; return the created paths."""
    new_id = entry_id(name)
    if kind == "pattern":
        categories = _category_ids(root / patterns_dir)
        if category not in categories:
            given = f"`{category}` is not a category" if category else "--category is required"
            hint = suggest(category, categories) if category else ""
            raise ScaffoldError(
                f"{given}; {hint + ' ' if hint else ''}use one of: {', '.join(categories)}"
            )
        folder = category
    else:
        if category:
            raise ScaffoldError(f"a {kind} has no category - drop --category")
        folder = KIND_FOLDERS[kind]
    yaml_path = root / patterns_dir / folder / f"{new_id}.yaml"
    snippet_path = root / snippets_dir / f"{new_id}.py"
    for path in (yaml_path, snippet_path):
        if path.exists():
            raise ScaffoldError(f"{path.relative_to(root)} already exists - pick another name")
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("mlpatterns", "templates"),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    schema = posixpath.relpath("schema/entry.schema.json", f"{patterns_dir}/{folder}")
    context = {"id": new_id, "name": name, "kind": kind, "category": category}
    context["schema_path"] = schema
    yaml_path.parent.mkdir(parents=True, exist_ok=True)
    yaml_path.write_text(env.get_template("new-entry.yaml.j2").render(context), encoding="utf-8")
    snippet_path.parent.mkdir(parents=True, exist_ok=True)
    snippet_path.write_text(env.get_template("new-snippet.py.j2").render(context), encoding="utf-8")
    stdout, stderr, code, _, _ = run_script(snippet_path)
    if code != 0:  # pragma: no cover - the template is tested to run
        raise ScaffoldError(f"the scaffolded snippet failed: {stderr}")
    output_path = snippet_path.with_suffix(".out")
    output_path.write_text(stdout, encoding="utf-8")
    return [yaml_path, snippet_path, output_path]
