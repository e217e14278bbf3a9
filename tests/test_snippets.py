"""Guarantees 2 and 4: every snippet runs and prints exactly its recorded output.

A failure names the entry id and the snippet file, for an edited output, an
exception and a hang alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mlpatterns.load import load_catalog
from mlpatterns.snippets import run_snippet

from .conftest import REPO

CATALOG = load_catalog(REPO).catalog
SNIPPETS = [(entry, snippet) for entry, snippet in CATALOG.all_snippets()]


def test_catalog_has_snippets_to_run() -> None:
    # Guards the parametrized test below against running on nothing.
    assert len(SNIPPETS) >= len(CATALOG.entries) >= 3


@pytest.mark.parametrize(
    ("entry", "snippet"), SNIPPETS, ids=[f"{e.id}:{s.file}" for e, s in SNIPPETS]
)
def test_snippet_prints_its_recorded_output(entry, snippet) -> None:
    run = run_snippet(CATALOG, entry, snippet)
    assert run.ok, run.failure()


def _bucketing(project: Path):
    catalog = load_catalog(project).catalog
    entry = catalog.entries["bucketing"]
    return catalog, entry, entry.snippets[0]


def test_edited_output_fails_naming_entry_and_file(project: Path, edit) -> None:
    edit("snippets/bucketing.out", "bucketed R^2: 0.90", "bucketed R^2: 0.99")
    run = run_snippet(*_bucketing(project))
    assert not run.ok
    message = run.failure()
    assert message.startswith("entry `bucketing`, snippet snippets/bucketing.py: printed")
    assert "-bucketed R^2: 0.99\n+bucketed R^2: 0.90" in message
    assert "mlpatterns snippets --record bucketing" in message


def test_raising_snippet_fails_naming_entry_and_file(project: Path) -> None:
    script = project / "snippets/bucketing.py"
    script.write_text(script.read_text() + "raise ValueError('boom')\n", encoding="utf-8")
    run = run_snippet(*_bucketing(project))
    assert not run.ok and run.returncode == 1
    assert run.failure().startswith("entry `bucketing`, snippet snippets/bucketing.py: exited")
    assert "ValueError: boom" in run.failure()


def test_hanging_snippet_times_out_naming_entry_and_file(project: Path) -> None:
    script = project / "snippets/bucketing.py"
    script.write_text("import time\ntime.sleep(600)\n", encoding="utf-8")
    run = run_snippet(*_bucketing(project), timeout=2)
    assert run.timed_out and not run.ok
    assert run.failure().startswith("entry `bucketing`, snippet snippets/bucketing.py: timed out")
