"""Guarantees 2 and 4 (docs/reference/design.md): every snippet prints exactly its
recorded output, and a failure names the entry and the snippet file, for an edited
output, an exception and a hang.

The real catalog's snippets are collected by conftest.py from its rendered pages
(pytest-codeblocks runs each once and compares the output); these tests check the
runner behind `mlpatterns run` and `check`, and that the suite's own harness reports
failures by entry and file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mlpatterns.load import load_catalog
from mlpatterns.snippets import run_snippet

from .conftest import REPO, SNIPPETS_OF

pytestmark = pytest.mark.content


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


def test_runner_runs_snippets_as_the_suite_does(project: Path) -> None:
    # pytest-codeblocks runs blocks with exec(): a snippet that relies on being the main
    # module must fail in `mlpatterns run` too, not only in CI.
    script = project / "snippets/bucketing.py"
    script.write_text(script.read_text() + 'assert __name__ == "__main__"\n', encoding="utf-8")
    assert not run_snippet(*_bucketing(project)).ok


def test_the_suite_reports_a_failing_snippet_by_entry_and_file(project: Path, edit) -> None:
    """The real harness (conftest.py), run on a broken copy of the fixture catalog."""
    edit("snippets/bucketing.out", "bucketed R^2: 0.90", "bucketed R^2: 0.99")
    env = {**os.environ, SNIPPETS_OF: str(project)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/test_snippets.py",
            "-n",
            "0",
            "-k",
            "snippet_pages",
            "-q",
            "--no-header",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode == 1, done.stdout
    assert "entry `bucketing`, snippet snippets/bucketing.py:" in done.stdout
    assert "1 failed, 4 passed" in done.stdout
    assert "snippet code blocks run and passed: 4 of 5" in done.stdout
