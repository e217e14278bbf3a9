"""The `mlpatterns` command: exit codes 0/1/2, help everywhere, and each subcommand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlpatterns.cli import build_parser, main

pytestmark = pytest.mark.unit

COMMANDS = ["validate", "check", "generate", "list", "show", "run", "snippets", "new", "export"]


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
    out = capsys.readouterr().out
    assert out == "ok: 2 patterns, 1 anti-pattern, 1 decision guide, 1 challenge, 5 snippets\n"


def test_validate_errors_exit_1_with_locations(project: Path, edit, capsys) -> None:
    edit("patterns/challenges/drift.yaml", "stages: [serving]", "stages: [servng]")
    assert cli(project, "validate") == 1
    err = capsys.readouterr().err
    lines = (project / "patterns/challenges/drift.yaml").read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "servng" in text)
    assert f"patterns/challenges/drift.yaml:{line}:10: stages[0]: unknown stage `servng`" in err
    assert "did you mean `serving`?" in err and "Traceback" not in err


def test_usage_errors_exit_2(project: Path, capsys) -> None:
    assert cli(project, "show", "no-such-entry") == 2
    assert "unknown entry id `no-such-entry` - see `mlpatterns list`" in capsys.readouterr().err
    with pytest.raises(SystemExit) as done:
        main(["frobnicate"])
    assert done.value.code == 2
    assert main(["--root", str(project / "nowhere"), "validate"]) == 1


def test_near_misses_get_a_suggestion(project: Path, capsys) -> None:
    assert cli(project, "show", "bucketng") == 2
    assert "unknown entry id `bucketng` - did you mean `bucketing`?" in capsys.readouterr().err
    assert cli(project, "list", "--role", "ml-enginer") == 2
    err = capsys.readouterr().err
    assert "`ml-enginer` is not a role; did you mean `ml-engineer`?" in err
    assert cli(project, "list", "--kind", "antipattern") == 2
    assert "did you mean `anti-pattern`?" in capsys.readouterr().err


def test_list_filters(project: Path, capsys) -> None:
    assert cli(project, "list", "--role", "ml-engineer") == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == ["scaling", "drift"]
    assert cli(project, "list", "--challenge", "drift", "--stage", "training") == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == ["bucketing"]
    assert cli(project, "list", "--kind", "anti-pattern") == 0
    assert capsys.readouterr().out.split()[0] == "unscaled-distances"
    assert cli(project, "list", "--modality", "image") == 0  # `any` counts under every type
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == ["scaling", "scale-or-bucket", "drift"]


def test_show_is_readable(project: Path, capsys) -> None:
    assert cli(project, "show", "bucketing") == 0
    out = capsys.readouterr().out
    assert out.startswith("Bucketing  [Data Representation]\n")
    assert "Problem\n-------\n" in out and "alternative to scaling" in out


def test_export_and_generate(project: Path, tmp_path: Path, capsys) -> None:
    assert cli(project, "export") == 0
    data = json.loads(capsys.readouterr().out)
    drift = next(entry for entry in data["entries"] if entry["id"] == "drift")
    assert [item["id"] for item in drift["addressed_by"]] == ["bucketing"]
    assert cli(project, "generate", "--out", str(tmp_path / "pages")) == 0
    assert (tmp_path / "pages/challenges/drift.md").is_file()


def test_piping_into_head_ends_quietly(project: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        f"{sys.executable} -m mlpatterns --root {project} show bucketing | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout == "Bucketing  [Data Representation]\n"
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def test_cli_reads_the_folders_from_mkdocs_yml(project: Path, edit, capsys) -> None:
    (project / "patterns").rename(project / "catalog-src")
    edit("mkdocs.yml", "  - mlpatterns\n", "  - mlpatterns:\n      patterns_dir: catalog-src\n")
    assert cli(project, "validate") == 0
    assert cli(project, "list", "--kind", "guide") == 0
    assert "scale-or-bucket" in capsys.readouterr().out
