"""Read `patterns/` and `snippets/`, validate everything, and build a `Catalog`.

Every problem in every file is collected before anything is reported, so a
contributor fixes a whole batch in one go. Each problem names the file, the line,
the column and the field, and says how to fix it.
"""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from mlpatterns.catalog import Catalog
from mlpatterns.errors import CatalogError, Problem, display_path
from mlpatterns.markdown import UNSAFE_LINK
from mlpatterns.model import KEBAB_CASE, SUMMARY_MAX, Entry, Taxonomy
from mlpatterns.yamlsource import Located, YamlSyntaxError, parse

TAXONOMY_FILE = "taxonomy.yaml"
REQUIRED_STAGES = ("training", "evaluation", "serving", "online-prediction", "batch-prediction")
MIN_PATTERN_TRADE_OFFS = 3
TODO_MARKER = re.compile(r"\bTODO\b")
# Fences whose content would be shown as code but never run by the snippet tests.
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*([^\s`]*)", re.MULTILINE)
ALLOWED_FENCE_LANGUAGES = {"", "text", "yaml", "json", "console"}
HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]", re.MULTILINE)
LIST_ITEM = re.compile(r"^( *)(?:[-*+]|\d+\.)[ \t]", re.MULTILINE)
# Fields whose strings are identifiers or addresses, not prose.
NON_PROSE_FIELDS = {"id", "kind", "category", "url", "file", "relation", "roles", "stages"}
NON_PROSE_FIELDS |= {"challenges", "modality", "see_also", "parent"}


@dataclass
class LoadResult:
    """A valid catalog and the warnings (such as TODO placeholders) found on the way."""

    catalog: Catalog
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class _Source:
    path: Path
    display: str
    located: Located
    model: BaseModel | None = None


class _Problems:
    """Collects problems for one file at a time, resolving positions from field paths."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(
        self,
        source: _Source,
        path: tuple[str | int, ...],
        message: str,
        fix: str = "",
        *,
        key: bool = False,
        severity: str = "error",
    ) -> None:
        line, column = source.located.position(path, key=key)
        self.items.append(
            Problem(source.display, line, column, field_name(path), message, fix, severity)  # type: ignore[arg-type]
        )

    def at(self, display: str, field_label: str, message: str, fix: str = "") -> None:
        self.items.append(Problem(display, 1, 1, field_label, message, fix))


def field_name(path: tuple[str | int, ...]) -> str:
    """`('trade_offs', 1, 'text')` -> `trade_offs[1].text`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    """A "did you mean" hint for a near miss, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else ""


def load_catalog(
    root: Path,
    patterns_dir: str = "patterns",
    snippets_dir: str = "snippets",
    *,
    require_outputs: bool = True,
) -> LoadResult:
    """Validate `root/patterns` and `root/snippets`; raise `CatalogError` listing all errors.

    `require_outputs=False` accepts snippets whose output is not recorded yet; only
    `mlpatterns snippets --record` uses it.
    """
    root = root.resolve()
    problems = _Problems()
    catalog_dir = root / patterns_dir
    snippet_dir = root / snippets_dir
    if not catalog_dir.is_dir():
        problems.at(
            patterns_dir,
            "(folder)",
            "folder not found",
            f"run from the project root, or create {patterns_dir}/",
        )
        raise CatalogError(problems.items)

    taxonomy_source = _read(catalog_dir / TAXONOMY_FILE, root, problems)
    taxonomy = _validate_model(taxonomy_source, Taxonomy, problems) if taxonomy_source else None

    sources: list[_Source] = []
    for path in sorted(catalog_dir.rglob("*.yaml")):
        if path.name == TAXONOMY_FILE and path.parent == catalog_dir:
            continue
        source = _read(path, root, problems)
        if source is not None:
            source.model = _validate_model(source, Entry, problems)
            sources.append(source)

    valid = [source for source in sources if source.model is not None]
    category_ids = {c.id for c in typing.cast(Taxonomy, taxonomy).categories} if taxonomy else set()
    entries: dict[str, Entry] = {}
    origin: dict[str, _Source] = {}
    for source in valid:
        entry = typing.cast(Entry, source.model)
        _check_identity(source, entry, catalog_dir, category_ids, problems)
        if entry.id in origin:
            first = origin[entry.id]
            problems.add(
                source,
                ("id",),
                f"duplicate id `{entry.id}`, also used by {first.display}",
                "give each entry its own id (and file name)",
            )
            continue
        entries[entry.id] = entry
        origin[entry.id] = source

    if taxonomy is not None and taxonomy_source is not None:
        known = typing.cast(Taxonomy, taxonomy)
        _check_taxonomy(taxonomy_source, known, entries, problems)
        raw = [source.located.data for source in sources]
        ids = [data["id"] for data in raw if isinstance(data.get("id"), str)]
        challenge_ids = [
            data["id"]
            for data in raw
            if data.get("kind") == "challenge" and isinstance(data.get("id"), str)
        ]
        category_list = [category.id for category in known.categories]
        for entry_id, entry in entries.items():
            _check_kind_rules(origin[entry_id], entry, category_list, problems)
        for source in sources:
            _check_vocabulary(source, known, ids, challenge_ids, problems)
        _check_edges(entries, origin, problems)

    for source in [*([taxonomy_source] if taxonomy_source else []), *sources]:
        _check_text(source, problems)
    used = _check_snippets(entries, origin, snippet_dir, root, problems, require_outputs)
    # An entry that failed validation still owns the snippets it names.
    for source in sources:
        if source.model is None:
            used.update(_raw_snippet_files(source.located.data))
    _check_orphan_snippets(snippet_dir, used, root, problems)
    _scan_snippet_todos(entries, snippet_dir, root, problems)

    errors = [problem for problem in problems.items if problem.severity == "error"]
    warnings = sorted(problem for problem in problems.items if problem.severity == "warning")
    if errors or taxonomy is None:
        raise CatalogError(errors)
    catalog = Catalog(
        root=root,
        taxonomy=typing.cast(Taxonomy, taxonomy),
        entries=entries,
        sources={entry_id: source.display for entry_id, source in origin.items()},
        snippets_dir=snippet_dir,
        taxonomy_source=display_path(catalog_dir / TAXONOMY_FILE, root),
    )
    return LoadResult(catalog, warnings)


def _read(path: Path, root: Path, problems: _Problems) -> _Source | None:
    display = display_path(path, root)
    if not path.is_file():
        problems.at(display, "(file)", "file not found", "create it (see CONTRIBUTING.md)")
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.at(display, "(file)", f"not UTF-8 text ({exc.reason})", "save the file as UTF-8")
        return None
    try:
        located = parse(text)
    except YamlSyntaxError as exc:
        problems.items.append(
            Problem(
                display,
                exc.line,
                exc.column,
                "(yaml)",
                f"YAML syntax error: {exc.message}",
                "check indentation, colons and quotes near this line",
            )
        )
        return None
    source = _Source(path, display, located)
    if located.data is None:
        problems.at(
            display,
            "(file)",
            "the file is empty",
            "fill it in, or scaffold one with `mlpatterns new`",
        )
        return None
    if not isinstance(located.data, dict):
        kind = type(located.data).__name__
        problems.add(
            source,
            (),
            f"the top level is a {_type_word(kind)}, not a mapping of fields",
            "start the file with `id: ...`, `kind: ...` on their own lines",
        )
        return None
    for path_, (line, column) in located.duplicate_keys:
        problems.items.append(
            Problem(
                display,
                line,
                column,
                field_name(path_),
                "field appears twice",
                "keep one of them; YAML would silently drop the first",
            )
        )
    return source


def _validate_model(
    source: _Source, model: type[BaseModel], problems: _Problems
) -> BaseModel | None:
    try:
        return model.model_validate(source.located.data)
    except ValidationError as exc:
        for error in exc.errors():
            _explain(source, model, error, problems)
        return None


def _explain(source: _Source, model: type[BaseModel], error: Any, problems: _Problems) -> None:
    """Turn one pydantic error into a sentence with a fix."""
    loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and "[" in part))
    kind = error["type"]
    value = error.get("input")
    name = loc[-1] if loc else ""
    parent = _node_at(source.located.data, loc[:-1])
    owner = f' under "{_label(parent)}"' if _label(parent) else ""
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
    elif kind == "string_pattern_mismatch" and name == "url":
        problems.add(
            source,
            loc,
            f"`{value}` is not an http(s) URL",
            "use a full address starting with https://",
        )
    elif kind == "string_pattern_mismatch" and name == "file":
        problems.add(
            source,
            loc,
            f"`{value}` is not a snippet file name",
            "use a lowercase .py file name under snippets/, e.g. hashed-feature.py",
        )
    elif kind == "string_pattern_mismatch":
        problems.add(
            source,
            loc,
            f"`{value}` is not kebab-case",
            f"use lowercase words joined by hyphens, e.g. `{_kebab(str(value))}`",
        )
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
        wanted = {
            "string_type": "text",
            "list_type": "a list",
            "dict_type": "a mapping",
            "model_type": "a mapping of fields",
            "model_attributes_type": "a mapping of fields",
        }
        expected_word = wanted.get(kind, kind.removesuffix("_type"))
        got = _type_word(type(value).__name__)
        fix = {
            "text": "write text; quote it if YAML reads it as a number, date or yes/no",
            "a list": "write one item a line, each starting with `- `",
        }.get(expected_word, f"write {expected_word}")
        problems.add(source, loc, f"expected {expected_word}, got {got}", fix)
    else:
        problems.add(source, loc, error["msg"], "see the schema in schema/entry.schema.json")


def _node_at(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _label(node: Any) -> str:
    if isinstance(node, dict):
        for key in ("name", "title", "term", "id", "file"):
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


def _type_word(name: str) -> str:
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


def _kebab(value: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", value))
    return "-".join(word.lower() for word in words) or "my-entry"


def _check_identity(
    source: _Source, entry: Entry, catalog_dir: Path, categories: set[str], problems: _Problems
) -> None:
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
            f"rename it to {_kebab(stem)}.yaml",
        )
    folder = source.path.parent.relative_to(catalog_dir).as_posix()
    expected = entry.category if entry.kind == "pattern" else "challenges"
    # An unknown category is reported on its own; a folder hint would only mislead.
    known = entry.kind == "challenge" or entry.category in categories
    if expected and known and folder != expected:
        problems.add(
            source,
            ("category",) if entry.kind == "pattern" else ("kind",),
            f"the file is in `{folder}/` but belongs in `{expected}/`",
            f"move it to patterns/{expected}/{stem}.yaml",
        )


def _check_taxonomy(
    source: _Source, taxonomy: Taxonomy, entries: dict[str, Entry], problems: _Problems
) -> None:
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
                    suggest(target, entries) or "use the id of a pattern or challenge",
                )


def _check_kind_rules(
    source: _Source, entry: Entry, categories: list[str], problems: _Problems
) -> None:
    """Fields a pattern needs, and fields a challenge must not have."""
    if entry.kind == "pattern":
        if entry.category is None:
            problems.add(
                source,
                ("category",),
                "field required for a pattern",
                f"add `category:` with one of: {', '.join(categories)}",
            )
        if entry.brief is None:
            problems.add(
                source,
                ("brief",),
                "field required for a pattern",
                "add `brief:` with a one-line `problem:` and `solution:` after the summary",
            )
        if len(entry.trade_offs) < MIN_PATTERN_TRADE_OFFS:
            problems.add(
                source,
                ("trade_offs",),
                f"a pattern needs at least {MIN_PATTERN_TRADE_OFFS} trade-offs, "
                f"found {len(entry.trade_offs)}",
                "add costs or named alternatives, each saying when it wins",
            )
    else:
        if entry.category is not None:
            problems.add(source, ("category",), "a challenge has no category", "remove `category:`")
        if entry.challenges:
            problems.add(
                source,
                ("challenges",),
                "a challenge does not address challenges",
                "remove it; patterns list the challenges they address",
            )


def _check_vocabulary(
    source: _Source,
    taxonomy: Taxonomy,
    ids: list[str],
    challenge_ids: list[str],
    problems: _Problems,
) -> None:
    """Every id an entry mentions must exist.

    Works on the raw YAML data, so an entry that failed the schema (say, a missing
    field) still has its ids checked in the same run.
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
    vocab = {
        "roles": [role.id for role in taxonomy.roles],
        "stages": [stage.id for stage in taxonomy.stages],
        "challenges": challenge_ids,
    }
    for group, known in vocab.items():
        values = data.get(group)
        for index, value in enumerate(values if isinstance(values, list) else []):
            if isinstance(value, str) and value not in known:
                problems.add(
                    source,
                    (group, index),
                    f"unknown {group[:-1]} `{value}`",
                    suggest(value, known) or f"use one of: {', '.join(known) or '(none yet)'}",
                )
    links = data.get("related")
    for index, link in enumerate(links if isinstance(links, list) else []):
        target = link.get("id") if isinstance(link, dict) else None
        if not isinstance(target, str):
            continue
        if target == data.get("id"):
            problems.add(
                source,
                ("related", index, "id"),
                "an entry cannot be related to itself",
                "remove this edge",
            )
        elif target not in ids:
            problems.add(
                source,
                ("related", index, "id"),
                f"unknown entry `{target}`",
                suggest(target, ids) or "use the id of an existing pattern or challenge",
            )


def _check_edges(
    entries: dict[str, Entry], origin: dict[str, _Source], problems: _Problems
) -> None:
    """An edge is declared once: not twice in one entry, not once from each side."""
    declared: dict[frozenset[str], tuple[str, int]] = {}
    for entry_id in sorted(entries, key=lambda key: origin[key].display):
        for index, link in enumerate(entries[entry_id].related):
            if link.id == entry_id or link.id not in entries:
                continue
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


def _strings(
    data: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NON_PROSE_FIELDS:
                yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))
    elif isinstance(data, str):
        yield path, data


def _check_text(source: _Source, problems: _Problems) -> None:
    """Prose rules: no TODO left, no unrun code, no headings, no script URLs."""
    for path, text in _strings(source.located.data):
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


def _check_snippets(
    entries: dict[str, Entry],
    origin: dict[str, _Source],
    snippet_dir: Path,
    root: Path,
    problems: _Problems,
    require_outputs: bool = True,
) -> set[str]:
    used: set[str] = set()
    for entry_id, entry in entries.items():
        source = origin[entry_id]
        for index, snippet in enumerate(entry.snippets):
            script = snippet_dir / snippet.file
            output = script.with_suffix(".out")
            used.update({script.name, output.name})
            where = ("snippets", index, "file")
            if not script.is_file():
                problems.add(
                    source,
                    where,
                    f"snippet {display_path(script, root)} does not exist",
                    f"create it, or fix the file name{_near(snippet.file, snippet_dir, '*.py')}",
                )
            elif require_outputs and not _has_output(output):
                problems.add(
                    source,
                    where,
                    f"snippet {snippet.file} has no recorded output",
                    f"run `mlpatterns snippets --record {entry_id}`",
                )
    return used


def _raw_snippet_files(data: Any) -> set[str]:
    names: set[str] = set()
    items = data.get("snippets") if isinstance(data, dict) else None
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("file"), str):
            names.update({item["file"], str(Path(item["file"]).with_suffix(".out"))})
    return names


def _has_output(path: Path) -> bool:
    return path.is_file() and bool(path.read_text(encoding="utf-8").strip())


def _scan_snippet_todos(
    entries: dict[str, Entry], snippet_dir: Path, root: Path, problems: _Problems
) -> None:
    for entry in entries.values():
        for snippet in entry.snippets:
            script = snippet_dir / snippet.file
            if not script.is_file():
                continue
            for number, line in enumerate(script.read_text(encoding="utf-8").splitlines(), 1):
                if TODO_MARKER.search(line):
                    problems.items.append(
                        Problem(
                            display_path(script, root),
                            number,
                            line.index("TODO") + 1,
                            "(snippet)",
                            "still a TODO placeholder",
                            "replace it with real code or text",
                            "warning",
                        )
                    )
                    break


def _near(name: str, folder: Path, pattern: str) -> str:
    hint = suggest(name, [path.name for path in folder.glob(pattern)]) if folder.is_dir() else ""
    return f" ({hint})" if hint else ""


def _check_orphan_snippets(
    snippet_dir: Path, used: set[str], root: Path, problems: _Problems
) -> None:
    if not snippet_dir.is_dir():
        return
    for path in sorted(snippet_dir.iterdir()):
        if path.suffix in {".py", ".out"} and path.name not in used:
            problems.at(
                display_path(path, root),
                "(file)",
                "no entry uses this snippet file",
                "list it under `snippets:` in an entry, or delete it",
            )
