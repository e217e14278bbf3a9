"""`mlpatterns check ID`: the one command a contributor runs before a pull request.

It gives the verdict CI gives on an entry: the catalog validates strictly (every
content rule, no TODO), the entry's snippets print their recorded output when run
the way the test suite runs them, ruff passes on those snippets as in `make test`,
and the site builds strictly with the entry's pages in it. The build runs in a
temporary copy, so the work tree is not touched.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mlpatterns.diagnostics import suggest
from mlpatterns.errors import CatalogError
from mlpatterns.load import load_catalog
from mlpatterns.project import CONFIG_FILE, Project
from mlpatterns.snippets import run_snippet

SLOW_SNIPPET = 5.0
"""Seconds; the style guide asks for less, so the check says so."""
_NOT_COPIED = {".git", ".venv", "venv", "site", "node_modules", "__pycache__", ".ruff_cache"}


def check_entries(project: Project, ids: list[str], timeout: float, build: bool = True) -> int:
    """Validate, run and build for the given entries; print a verdict; return an exit code."""
    try:
        loaded = load_catalog(project.root, project.patterns_dir, project.snippets_dir)
    except CatalogError as error:
        print(error.report(), file=sys.stderr)
        print("check failed: fix the errors above first", file=sys.stderr)
        return 1
    catalog = loaded.catalog
    unknown = [entry_id for entry_id in ids if entry_id not in catalog.entries]
    for entry_id in unknown:
        hint = suggest(entry_id, catalog.entries) or "see `mlpatterns list` for the ids"
        print(f"mlpatterns: error: unknown entry id `{entry_id}` - {hint}", file=sys.stderr)
    if unknown:
        return 2
    entries = [catalog.entries[entry_id] for entry_id in ids]
    own_files = {catalog.sources[entry.id] for entry in entries}
    scripts = [catalog.snippet_path(s) for entry in entries for s in entry.snippets]
    for script in scripts:
        own_files.add(script.resolve().relative_to(project.root.resolve()).as_posix())
    own = [w for w in loaded.warnings if w.path in own_files]
    others = [w for w in loaded.warnings if w.path not in own_files]
    failed = bool(loaded.warnings)
    for warning in own:
        print(warning)
    print(
        f"validate --strict: {'FAILED' if own else 'ok'} ({len(own)} problem(s) in these entries)"
    )
    if others:
        print(
            f"  and {len(others)} warning(s) in other entries: run `mlpatterns validate --strict`"
        )

    for entry in entries:
        for snippet in entry.snippets:
            run = run_snippet(catalog, entry, snippet, timeout)
            verdict = "ok" if run.ok else "FAILED"
            print(f"snippet {snippet.file}: {verdict} ({run.seconds:.1f} s)")
            if not run.ok:
                print(run.failure())
                failed = True
            elif run.seconds > SLOW_SNIPPET:
                print(f"  note: slower than {SLOW_SNIPPET:.0f} s; keep snippets short")

    if scripts:
        failed |= not _lint(project, scripts)
    if build:
        failed |= not _build(project)
    print(f"check {'FAILED' if failed else 'passed'}: {', '.join(ids)}")
    return 1 if failed else 0


def _lint(project: Project, scripts: list[Path]) -> bool:
    """`ruff check` and `ruff format --check` on the snippets, as `make test` runs them."""
    if importlib.util.find_spec("ruff") is None:
        print("ruff: FAILED (not installed: `pip install -e '.[test]'` or `make test`)")
        return False
    ok = True
    for command in (["check", "--quiet"], ["format", "--check", "--quiet"]):
        done = subprocess.run(
            [sys.executable, "-m", "ruff", *command, *map(str, scripts)],
            cwd=project.root,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            ok = False
            print(f"ruff {command[0]}: FAILED")
            found = (done.stdout + done.stderr).strip().splitlines()
            for line in found[:20]:
                print(f"  {line}")
            if command[0] == "format":
                print("  fix: `ruff format` on the snippet")
    if ok:
        print("ruff check and format: ok")
    return ok


def _build(project: Project) -> bool:
    """A strict MkDocs build of a copy of the project; print what fails it."""
    if not (project.root / CONFIG_FILE).is_file():
        print("site build: skipped (no mkdocs.yml)")
        return True
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mlpatterns-check-") as temporary:
        copy = Path(temporary) / "project"
        generated = (project.root / project.docs_dir / project.output_dir).resolve()

        def ignore(folder: str, names: list[str]) -> set[str]:
            here = Path(folder).resolve()
            return {
                name
                for name in names
                if name in _NOT_COPIED or (here / name).resolve() == generated
            }

        shutil.copytree(project.root, copy, ignore=ignore, symlinks=True)
        env = {key: value for key, value in os.environ.items() if key != "MLPATTERNS_SITE_URL"}
        env["NO_MKDOCS_2_WARNING"] = "1"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "-d",
                str(Path(temporary) / "site"),
            ],
            cwd=copy,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
    seconds = time.perf_counter() - started
    if done.returncode == 0:
        print(f"site build --strict: ok ({seconds:.1f} s)")
        return True
    lines = [line for line in done.stderr.splitlines() if line.startswith(("WARNING", "ERROR"))]
    print(f"site build --strict: FAILED ({seconds:.1f} s)")
    for line in lines or done.stderr.strip().splitlines()[-15:]:
        print(f"  {line}")
    return False
