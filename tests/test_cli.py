"""The `mlpatterns` command: exit codes 0/1/2, help everywhere, and each subcommand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlpatterns.cli import build_parser, main

COMMANDS = ["validate", "generate", "list", "show", "run", "snippets", "new", "export"]


def cli(project: Path, *args: str) -> int:
    return main(["--root", str(project), *args])


@pytest.mark.parametrize("command", [[], *[[name] for name in COMMANDS]])
def test_help_everywhere(command: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main([*command, "--help"])
    assert done.value.code == 0
    assert "usage: mlpatterns" in capsys.readouterr().out


def test_parser_knows_every_command() -> None:
    parser = build_parser()
    choices = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert sorted(choices) == sorted(COMMANDS)


def test_validate_ok(project: Path, capsys) -> None:
    assert cli(project, "validate") == 0
    assert "ok: 2 patterns, 1 challenges, 2 snippets" in capsys.readouterr().out


def test_validate_errors_exit_1_with_locations(project: Path, edit, capsys) -> None:
    edit("patterns/challenges/drift.yaml", "stages: [serving]", "stages: [servng]")
    assert cli(project, "validate") == 1
    err = capsys.readouterr().err
    assert "patterns/challenges/drift.yaml:10:10: stages[0]: unknown stage `servng`" in err
    assert "did you mean `serving`?" in err and "Traceback" not in err


def test_usage_errors_exit_2(project: Path, capsys) -> None:
    assert cli(project, "show", "no-such-entry") == 2
    assert "unknown entry id: no-such-entry" in capsys.readouterr().err
    with pytest.raises(SystemExit) as done:
        main(["frobnicate"])
    assert done.value.code == 2
    assert main(["--root", str(project / "nowhere"), "validate"]) == 1


def test_list_filters(project: Path, capsys) -> None:
    assert cli(project, "list", "--role", "ml-engineer") == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == ["scaling", "drift"]
    assert cli(project, "list", "--challenge", "drift", "--stage", "training") == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == ["bucketing"]


def test_show_is_readable(project: Path, capsys) -> None:
    assert cli(project, "show", "bucketing") == 0
    out = capsys.readouterr().out
    assert out.startswith("Bucketing  [Data Representation]\n")
    assert "Problem\n-------\n" in out and "alternative to scaling" in out


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


def test_export_and_generate(project: Path, tmp_path: Path, capsys) -> None:
    assert cli(project, "export") == 0
    data = json.loads(capsys.readouterr().out)
    drift = next(entry for entry in data["entries"] if entry["id"] == "drift")
    assert drift["addressed_by"] == ["bucketing"]
    assert cli(project, "generate", "--out", str(tmp_path / "pages")) == 0
    assert (tmp_path / "pages/challenges/drift.md").is_file()


def test_record_refuses_a_failing_snippet_and_keeps_the_old_output(project: Path, capsys) -> None:
    script = project / "snippets/bucketing.py"
    before = (project / "snippets/bucketing.out").read_text()
    script.write_text(script.read_text() + "assert False, 'claim not proven'\n")
    assert cli(project, "snippets", "--record", "bucketing") == 1
    err = capsys.readouterr().err
    assert "0 of 1 snippet(s) recorded, 1 failed" in err and "claim not proven" in err
    assert (project / "snippets/bucketing.out").read_text() == before
