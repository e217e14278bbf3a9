"""Read `patterns/` and `snippets/`, validate everything, and build a `Catalog`.

Every problem in every file is collected before anything is reported, so a
contributor fixes a whole batch in one go. Each problem names the file, the line,
the column and the field, and says how to fix it. Errors (the structure) stop the
build; warnings (TODO placeholders and the content rules of `mlpatterns.rules`)
fail only strict runs.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from pathlib import Path

from mlpatterns import checks, prose, rules, snippetfiles
from mlpatterns.catalog import Catalog
from mlpatterns.config import PATTERNS_DIR, SNIPPETS_DIR
from mlpatterns.diagnostics import Problems, Source, field_name
from mlpatterns.errors import CatalogError, Problem, display_path
from mlpatterns.explain import node_at, type_word, validate_model
from mlpatterns.layout import KIND_FOLDERS
from mlpatterns.model import Entry, Taxonomy
from mlpatterns.prose import TODO_MARKER
from mlpatterns.yamlsource import YamlSyntaxError, parse

TAXONOMY_FILE = "taxonomy.yaml"


@dataclass
class LoadResult:
    """A valid catalog and the warnings (TODO placeholders, content rules) found on the way."""

    catalog: Catalog
    warnings: list[Problem] = field(default_factory=list)


def load_catalog(
    root: Path,
    patterns_dir: str = PATTERNS_DIR,
    snippets_dir: str = SNIPPETS_DIR,
    *,
    require_outputs: bool = True,
) -> LoadResult:
    """Validate `root/patterns` and `root/snippets`; raise `CatalogError` listing all errors.

    `require_outputs=False` accepts snippets whose output is not recorded yet; only
    `mlpatterns snippets --record` uses it.
    """
    root = root.resolve()
    problems = Problems()
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
    taxonomy = validate_model(taxonomy_source, Taxonomy, problems) if taxonomy_source else None

    sources: list[Source] = []
    unreadable: list[Path] = []
    for path in sorted(catalog_dir.rglob("*.yaml")):
        if path.name == TAXONOMY_FILE and path.parent == catalog_dir:
            continue
        source = _read(path, root, problems)
        if source is None:
            unreadable.append(path)
            continue
        source.model = validate_model(source, Entry, problems)
        sources.append(source)

    entries, origin = _unique_entries(sources, catalog_dir, taxonomy, problems)
    if taxonomy is not None and taxonomy_source is not None:
        known = typing.cast(Taxonomy, taxonomy)
        checks.check_taxonomy(taxonomy_source, known, entries, problems)
        kinds = _kinds_found(sources, unreadable, catalog_dir)
        category_list = [category.id for category in known.categories]
        for entry_id, entry in entries.items():
            checks.check_kind_fields(origin[entry_id], entry, category_list, problems)
            checks.check_guide_table(origin[entry_id], entry, problems)
        for source in sources:
            checks.check_vocabulary(source, known, kinds, problems)
        checks.check_edges(entries, origin, problems)

    for source in [*([taxonomy_source] if taxonomy_source else []), *sources]:
        prose.check_text(source, problems)
    used = snippetfiles.check_listed(entries, origin, snippet_dir, root, problems, require_outputs)
    # An entry that failed validation, or did not parse, still owns the snippets it names.
    for source in sources:
        if source.model is None:
            used |= snippetfiles.names_mentioned(source.located.data, "")
    for path in unreadable:
        text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
        used |= snippetfiles.names_mentioned(None, text) | {f"{path.stem}.py", f"{path.stem}.out"}
    snippetfiles.check_orphans(snippet_dir, used, root, problems)
    snippetfiles.check_todos(entries, snippet_dir, root, problems)

    if problems.errors or taxonomy is None:
        raise CatalogError(problems.errors)
    catalog = Catalog(
        taxonomy=typing.cast(Taxonomy, taxonomy),
        entries=entries,
        sources={entry_id: source.display for entry_id, source in origin.items()},
        snippets_dir=snippet_dir,
        taxonomy_source=display_path(catalog_dir / TAXONOMY_FILE, root),
    )
    _check_rules(catalog, origin, root, problems)
    return LoadResult(catalog, problems.warnings)


def _kinds_found(
    sources: list[Source], unreadable: list[Path], catalog_dir: Path
) -> dict[str, str]:
    """Entry id -> kind of every entry file, also the ones that did not parse (taken from
    their file name and folder), so that a syntax error in one file does not make every
    link to it an error too."""
    folders = {folder: kind for kind, folder in KIND_FOLDERS.items()}
    kinds = {
        path.stem: folders.get(path.parent.relative_to(catalog_dir).as_posix(), "pattern")
        for path in unreadable
    }
    for source in sources:
        data = source.located.data
        if isinstance(data.get("id"), str):
            kinds[data["id"]] = str(data.get("kind"))
    return kinds


def _unique_entries(
    sources: list[Source], catalog_dir: Path, taxonomy: object, problems: Problems
) -> tuple[dict[str, Entry], dict[str, Source]]:
    """Valid entries by id, each in the right file; a repeated id is reported, not kept."""
    category_ids = {c.id for c in typing.cast(Taxonomy, taxonomy).categories} if taxonomy else set()
    entries: dict[str, Entry] = {}
    origin: dict[str, Source] = {}
    for source in sources:
        if source.model is None:
            continue
        entry = typing.cast(Entry, source.model)
        checks.check_identity(source, entry, catalog_dir, category_ids, problems)
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
    return entries, origin


def _check_rules(
    catalog: Catalog, origin: dict[str, Source], root: Path, problems: Problems
) -> None:
    """Run the content rules on every entry; each broken rule is a warning."""
    for entry in catalog.ordered:
        subject = rules.Subject(entry, catalog)
        for snippet in entry.snippets:
            script, output = catalog.snippet_path(snippet), catalog.output_path(snippet)
            if script.is_file():
                subject.code[snippet.file] = script.read_text(encoding="utf-8")
            if output.is_file():
                subject.output[snippet.file] = output.read_text(encoding="utf-8")
        data = origin[entry.id].located.data
        for rule, finding in rules.check_entry(subject):
            if _still_todo(data, finding.path):
                continue  # the TODO warning already says the field needs writing
            message = f"[{rule.code}] {finding.message}"
            if finding.file:
                problems.at(
                    display_path(catalog.snippets_dir / finding.file, root),
                    "(snippet)",
                    message,
                    finding.fix,
                    line=finding.line,
                    column=finding.column,
                    severity="warning",
                )
            else:
                problems.add(
                    origin[entry.id],
                    finding.path,
                    message,
                    finding.fix,
                    key=True,  # point at the field's name: `trade_offs:`, not its first item
                    severity="warning",
                )


def _still_todo(data: object, path: tuple[str | int, ...]) -> bool:
    value = node_at(data, path) if path else None
    return isinstance(value, str) and bool(TODO_MARKER.search(value))


def _read(path: Path, root: Path, problems: Problems) -> Source | None:
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
        problems.at(display, "(yaml)", exc.message, exc.fix, line=exc.line, column=exc.column)
        return None
    source = Source(path, display, located)
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
            f"the top level is {type_word(kind)}, not a mapping of fields",
            "start the file with `id: ...`, `kind: ...` on their own lines",
        )
        return None
    for path_, (line, column) in located.duplicate_keys:
        problems.at(
            display,
            field_name(path_),
            "field appears twice",
            "keep one of them; YAML would silently drop the first",
            line=line,
            column=column,
        )
    return source
