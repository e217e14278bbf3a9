"""The `mlpatterns` commands that run snippets (run, snippets, new, check): slower than
the other command tests, so they belong to the content layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_cli import cli

pytestmark = pytest.mark.content


def test_run_shows_output_and_checks_it(project: Path, edit, capsys) -> None:
    assert cli(project, "run", "bucketing") == 0
    assert "bucketed R^2: 0.90" in capsys.readouterr().out
    edit("snippets/bucketing.out", "0.90", "0.91")
    assert cli(project, "run", "bucketing") == 1
    assert "entry `bucketing`, snippet snippets/bucketing.py" in capsys.readouterr().err


def test_snippets_record_rewrites_output(project: Path, edit) -> None:
    edit("snippets/bucketing.out", "0.90", "0.91")
    assert cli(project, "snippets", "bucketing") == 1
    assert cli(project, "snippets", "--record", "bucketing") == 0
    assert "0.90" in (project / "snippets/bucketing.out").read_text()
    assert cli(project, "snippets") == 0


def test_new_pattern_is_valid_with_todo_warnings(project: Path, capsys) -> None:
    assert cli(project, "new", "pattern", "Shadow Deployment", "--category", "model-training") == 0
    created = project / "patterns/model-training/shadow-deployment.yaml"
    assert created.read_text().startswith("# yaml-language-server: $schema=")
    assert (project / "snippets/shadow-deployment.out").read_text() != ""
    capsys.readouterr()
    assert cli(project, "validate") == 0
    err = capsys.readouterr().err
    assert "shadow-deployment.yaml:" in err and "still a TODO placeholder" in err
    assert cli(project, "validate", "--strict") == 1


def test_new_challenge_and_bad_requests(project: Path, capsys) -> None:
    assert cli(project, "new", "challenge", "Label Noise") == 0
    assert (project / "patterns/challenges/label-noise.yaml").is_file()
    assert cli(project, "new", "challenge", "Label Noise") == 2
    assert cli(project, "new", "pattern", "X", "--category", "nope") == 2
    assert "`nope` is not a category" in capsys.readouterr().err


def test_record_refuses_a_failing_snippet_and_keeps_the_old_output(project: Path, capsys) -> None:
    script = project / "snippets/bucketing.py"
    before = (project / "snippets/bucketing.out").read_text()
    script.write_text(script.read_text() + "assert False, 'claim not proven'\n")
    assert cli(project, "snippets", "--record", "bucketing") == 1
    err = capsys.readouterr().err
    assert "0 of 1 snippet(s) recorded, 1 failed" in err and "claim not proven" in err
    assert (project / "snippets/bucketing.out").read_text() == before


def test_check_passes_a_good_entry_without_building(project: Path, capsys) -> None:
    assert cli(project, "check", "bucketing", "--no-build") == 0
    out = capsys.readouterr().out
    assert "validate --strict: ok" in out and "snippet bucketing.py: ok" in out
    assert out.rstrip().endswith("check passed: bucketing")


def test_check_fails_a_broken_rule_with_file_line_and_field(project: Path, edit, capsys) -> None:
    edit(
        "patterns/data-representation/scaling.yaml", "  - name: unscaled\n", "  - name: unskaled\n"
    )
    assert cli(project, "check", "scaling", "--no-build") == 1
    out = capsys.readouterr().out
    lines = (project / "patterns/data-representation/scaling.yaml").read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "unskaled" in text)
    assert (
        f"patterns/data-representation/scaling.yaml:{line}:5: warning: compared_with[0].name: [R11]"
        in out
    )
    assert "AssertionError" not in out and out.rstrip().endswith("check FAILED: scaling")


def test_check_fails_a_snippet_that_prints_something_else(project: Path, edit, capsys) -> None:
    edit("snippets/bucketing.out", "0.90", "0.91")
    assert cli(project, "check", "bucketing", "--no-build") == 1
    assert "snippet bucketing.py: FAILED" in capsys.readouterr().out


def test_check_fails_a_snippet_that_make_test_would_lint_out(project: Path, capsys) -> None:
    script = project / "snippets/bucketing.py"
    script.write_text("import os\n" + script.read_text())  # unused import: ruff F401
    assert cli(project, "check", "bucketing", "--no-build") == 1
    out = capsys.readouterr().out
    assert "ruff check: FAILED" in out and "F401" in out
    assert out.rstrip().endswith("check FAILED: bucketing")


def test_record_warns_about_the_new_output_not_the_old_one(project: Path, edit, capsys) -> None:
    edit("snippets/bucketing.out", "raw R^2", "plain R^2")  # stale: R11 misses "raw"
    assert cli(project, "snippets", "--record", "bucketing") == 0
    assert "[R11]" not in capsys.readouterr().err
    edit("patterns/data-representation/bucketing.yaml", "  - name: raw", "  - name: rough")
    assert cli(project, "snippets", "--record", "bucketing") == 0
    assert "compared_with[0].name: [R11] `rough`" in capsys.readouterr().err
