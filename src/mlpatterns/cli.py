"""The `mlpatterns` command: validate, check, generate, browse, run and scaffold entries.

Exit codes: 0 when all is well, 1 when the catalog has errors or a snippet fails,
2 when the command itself was used wrongly.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from mlpatterns import facets
from mlpatterns.catalog import Catalog
from mlpatterns.check import check_entries
from mlpatterns.diagnostics import suggest
from mlpatterns.errors import CatalogError
from mlpatterns.export import catalog_json
from mlpatterns.generate import generate
from mlpatterns.layout import KIND_NAMES, KINDS
from mlpatterns.load import LoadResult, load_catalog
from mlpatterns.model import Entry
from mlpatterns.project import Project, ProjectError, find_project
from mlpatterns.scaffold import ScaffoldError, scaffold
from mlpatterns.snippets import DEFAULT_TIMEOUT, record, run_snippet, write_verified

OK, CONTENT_ERROR, USAGE_ERROR = 0, 1, 2


class UsageError(Exception):
    """The command was called with something that cannot work (exit code 2)."""


def _load(
    args: argparse.Namespace, *, require_outputs: bool = True, warn: bool = True
) -> LoadResult:
    project: Project = args.project
    loaded = load_catalog(
        project.root, project.patterns_dir, project.snippets_dir, require_outputs=require_outputs
    )
    for warning in loaded.warnings if warn else ():
        print(warning, file=sys.stderr)
    return loaded


def _entries(catalog: Catalog, ids: Sequence[str]) -> list[Entry]:
    for entry_id in ids:
        if entry_id not in catalog.entries:
            hint = suggest(entry_id, catalog.entries)
            raise UsageError(
                f"unknown entry id `{entry_id}` - {hint or 'see `mlpatterns list` for the ids'}"
            )
    return [catalog.entries[entry_id] for entry_id in ids] if ids else catalog.ordered


def counts(catalog: Catalog) -> str:
    """`30 patterns, 11 anti-patterns, ...`: every kind the catalog has."""
    parts = []
    for kind in KINDS:
        found = len(catalog.of_kind(kind))
        if found or kind in ("pattern", "challenge"):
            parts.append(f"{found} {KIND_NAMES[kind][1 if found != 1 else 0].lower()}")
    return ", ".join(parts)


def cmd_validate(args: argparse.Namespace) -> int:
    loaded = _load(args)
    catalog = loaded.catalog
    print(
        f"ok: {counts(catalog)}, {len(catalog.all_snippets())} snippets"
        + (f", {len(loaded.warnings)} warning(s)" if loaded.warnings else "")
    )
    return CONTENT_ERROR if args.strict and loaded.warnings else OK


def cmd_check(args: argparse.Namespace) -> int:
    return check_entries(args.project, args.ids, args.timeout, build=not args.no_build)


def cmd_generate(args: argparse.Namespace) -> int:
    project: Project = args.project
    out = args.out if args.out else project.output
    out = out if out.is_absolute() else project.root / out
    generated = generate(
        project.root, out, project.patterns_dir, project.snippets_dir, prefix=project.output_dir
    )
    for warning in generated.loaded.warnings:
        print(warning, file=sys.stderr)
    report = generated.report
    print(
        f"{len(generated.site.pages)} files in {out}: {len(report.written)} written, "
        f"{report.unchanged} unchanged, {len(report.deleted)} deleted"
    )
    return OK


def cmd_list(args: argparse.Namespace) -> int:
    catalog = _load(args).catalog
    options = facets.options(catalog)
    wanted: dict[str, list[str]] = {}
    for key in facets.FACET_KEYS:
        value = getattr(args, key, None)
        if value is None:
            continue
        known = [choice for choice, _ in options[key]]
        if value not in known:
            hint = suggest(value, known)
            raise UsageError(
                f"`{value}` is not a {key}; {hint + ' ' if hint else ''}"
                f"use one of: {', '.join(known)}"
            )
        wanted[key] = [value]
    rows = catalog.select(**wanted)
    width = max((len(entry.id) for entry in rows), default=2)
    for entry in rows:
        group = entry.category or KIND_NAMES[entry.kind][0].lower()
        print(f"{entry.id:<{width}}  {group:<22}  {entry.name}")
    print(f"{len(rows)} of {len(catalog.entries)} entries", file=sys.stderr)
    return OK


def cmd_show(args: argparse.Namespace) -> int:
    catalog = _load(args).catalog
    (entry,) = _entries(catalog, [args.id])
    width = min(shutil.get_terminal_size((88, 20)).columns, 88)

    def block(title: str, text: str | None) -> None:
        if not text:
            return
        print(f"\n{title}")
        print("-" * len(title))
        for paragraph in text.strip().split("\n\n"):
            print(textwrap.fill(" ".join(paragraph.split()), width))
            print()

    group = catalog.categories[entry.category].name if entry.category else None
    print(f"{entry.name}  [{group or KIND_NAMES[entry.kind][0]}]")
    print(textwrap.fill(entry.question or entry.summary, width))
    print(f"stages: {', '.join(entry.stages)}   roles: {', '.join(entry.roles)}")
    print(f"file: {catalog.sources[entry.id]}")
    block("Problem", entry.problem)
    block("Why it hurts", entry.mechanism)
    block("How to detect it", entry.detection)
    block("Solution", entry.solution)
    if entry.options:
        block("Options", ", ".join(entry.options))
    if entry.trade_offs:
        block("Trade-offs", "\n\n".join(f"{t.name}: {t.text}" for t in entry.trade_offs))
    if entry.avoid_when:
        block("When not to use it", "\n\n".join(f"- {item}" for item in entry.avoid_when))
    neighbors = catalog.related(entry.id)
    if neighbors:
        block("Related", "\n\n".join(f"{n.label} {n.entry.id}" for n in neighbors))
    for snippet in entry.snippets:
        print(f"snippet: snippets/{snippet.file}  (run it: mlpatterns run {entry.id})")
    return OK


def cmd_run(args: argparse.Namespace) -> int:
    catalog = _load(args, require_outputs=False).catalog
    (entry,) = _entries(catalog, [args.id])
    if not entry.snippets:
        raise UsageError(f"entry `{entry.id}` has no snippet")
    status = OK
    for snippet in entry.snippets:
        run = run_snippet(catalog, entry, snippet, args.timeout)
        print(f"$ python snippets/{snippet.file}   ({run.seconds:.1f} s)")
        sys.stdout.write(run.stdout)
        if not run.ok:
            print(run.failure(), file=sys.stderr)
            status = CONTENT_ERROR
        else:
            print("output matches snippets/" + Path(snippet.file).with_suffix(".out").name)
    return status


def cmd_snippets(args: argparse.Namespace) -> int:
    # Recording replaces the outputs that some rules read: warn after it, not before.
    catalog = _load(args, require_outputs=not args.record, warn=not args.record).catalog
    status = OK
    count = failed = 0
    for entry in _entries(catalog, args.ids):
        for snippet in entry.snippets:
            count += 1
            action = record if args.record else run_snippet
            run = action(catalog, entry, snippet, args.timeout)
            verb = "recorded" if args.record else "ok"
            if run.ok:
                print(f"{verb}: {entry.id} snippets/{snippet.file} ({run.seconds:.1f} s)")
            else:
                print(f"FAILED: {run.failure()}", file=sys.stderr)
                status = CONTENT_ERROR
                failed += 1
    if args.record and status == OK:
        write_verified(catalog.snippets_dir)
    if args.record:
        _load(args, require_outputs=False)
    done = "recorded" if args.record else "passed"
    print(f"{count - failed} of {count} snippet(s) {done}, {failed} failed", file=sys.stderr)
    return status


def cmd_new(args: argparse.Namespace) -> int:
    project: Project = args.project
    created = scaffold(
        project.root,
        args.kind,
        args.name,
        args.category,
        project.patterns_dir,
        project.snippets_dir,
    )
    for path in created:
        print(f"created {path.relative_to(project.root).as_posix()}")
    entry_id = created[0].stem
    print(f"next: replace every TODO, then `mlpatterns check {entry_id}`")
    return OK


def cmd_export(args: argparse.Namespace) -> int:
    text = catalog_json(_load(args).catalog, args.project.output_dir)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    return OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mlpatterns",
        description="Validate, check, browse, run and scaffold the ML design patterns catalog.",
        epilog="Exit codes: 0 ok, 1 content errors or failing snippets, 2 usage errors.",
    )
    parser.add_argument("--root", type=Path, help="project folder (default: found from here)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    validate = command("validate", cmd_validate, "Check every entry, the taxonomy and snippets.")
    validate.add_argument(
        "--strict", action="store_true", help="fail on warnings (TODO, content rules)"
    )

    check = command(
        "check",
        cmd_check,
        "Before a pull request: validate strictly, run and lint the snippets, build the site.",
    )
    check.add_argument("ids", nargs="+", metavar="ID", help="entry ids, e.g. hashed-feature")
    check.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds a snippet")
    check.add_argument("--no-build", action="store_true", help="skip the strict site build")

    gen = command("generate", cmd_generate, "Write the Markdown pages for any site builder.")
    gen.add_argument("--out", type=Path, help="output folder (default: from mkdocs.yml)")

    lister = command("list", cmd_list, "List entries, optionally filtered.")
    lister.add_argument("--kind", help="pattern, anti-pattern, guide or challenge")
    lister.add_argument("--category", help="category id, e.g. data-representation")
    lister.add_argument("--role", help="role id, e.g. ml-engineer")
    lister.add_argument("--stage", help="stage id, e.g. training")
    lister.add_argument("--challenge", help="challenge id, e.g. data-drift")
    lister.add_argument("--modality", help="data type: tabular, text, image, time-series")

    show = command("show", cmd_show, "Print one entry, readable in a terminal.")
    show.add_argument("id", help="entry id, e.g. hashed-feature")

    run = command("run", cmd_run, "Run an entry's snippets and compare with the recorded output.")
    run.add_argument("id", help="entry id")
    run.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per snippet")

    snip = command("snippets", cmd_snippets, "Check all snippets, or re-record their output.")
    snip.add_argument("ids", nargs="*", metavar="ID", help="entry ids (default: all)")
    snip.add_argument("--record", action="store_true", help="write stdout to the .out files")
    snip.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per snippet")

    new = command("new", cmd_new, "Scaffold a new entry: a YAML file, a snippet and its output.")
    new.add_argument("kind", choices=list(KINDS))
    new.add_argument("name", help='display name, e.g. "Shadow Deployment"')
    new.add_argument("--category", help="category id (patterns only)")

    export = command("export", cmd_export, "Write the catalog as JSON (catalog.json).")
    export.add_argument("-o", "--output", default="-", help="file to write (default: stdout)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        args.project = Project.at(args.root.resolve()) if args.root else find_project(Path.cwd())
        return args.handler(args)
    except CatalogError as error:
        print(error.report(), file=sys.stderr)
        return CONTENT_ERROR
    except (UsageError, ScaffoldError, ProjectError) as error:
        print(f"mlpatterns: error: {error}", file=sys.stderr)
        return USAGE_ERROR
    except BrokenPipeError:
        # The reader closed the pipe (`mlpatterns show x | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
