"""Contributor tooling: workflows, YAML style, JSON Schemas, citation, editor and hook configs.

Each tool comes from the `test` extra (`make test` installs it). A missing tool
fails the test with that hint instead of skipping it, and each check is paired with
a file broken on purpose, so a tool that silently checks nothing cannot pass.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(
    path
    for path in (REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml")
    if path.name != "config.yml"
)
TAXONOMY = REPO / "patterns" / "taxonomy.yaml"
ENTRIES = sorted(path for path in (REPO / "patterns").rglob("*.yaml") if path != TAXONOMY)
ENTRY_SCHEMA = REPO / "schema" / "entry.schema.json"
TAXONOMY_SCHEMA = REPO / "schema" / "taxonomy.schema.json"
SCHEMA_COMMENT = "# yaml-language-server: $schema="

pytestmark = pytest.mark.unit


def tool(name: str) -> str:
    """The path of a command-line tool from the test extra, next to this Python or on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    if not found:
        pytest.fail(f"`{name}` is not installed - `make test` installs it (the `test` extra)")
    return found


def run(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def relative(paths: list[Path]) -> list[str]:
    return [path.relative_to(REPO).as_posix() for path in paths]


# --- GitHub workflows -------------------------------------------------------------------


def test_workflows_pass_actionlint() -> None:
    done = run(tool("actionlint"), "-no-color", *relative(WORKFLOWS))
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.no_such_context }}\n",
        encoding="utf-8",
    )
    done = run(tool("actionlint"), "-no-color", ".github/workflows/bad.yml", cwd=tmp_path)
    assert done.returncode == 1 and "no_such_context" in done.stdout, done.stdout + done.stderr


def workflow(name: str) -> dict:
    # PyYAML reads the `on:` key as the boolean True (YAML 1.1).
    data = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def test_ci_runs_make_test_on_two_pythons_with_chromium() -> None:
    ci = workflow("ci.yml")
    assert set(ci["on"]) >= {"pull_request", "push"}
    assert ci["on"]["push"]["branches"] == ["main"]
    job = ci["jobs"]["test"]
    project = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    oldest = re.search(r'^requires-python = ">=([0-9.]+)"', project, re.MULTILINE)
    assert oldest and oldest[1] in job["strategy"]["matrix"]["python-version"], (
        "CI must test the oldest Python that pyproject.toml accepts"
    )
    scripts = "\n".join(step.get("run", "") for step in job["steps"])
    assert "apt-get install" in scripts and "chromium" in scripts
    assert re.search(r"^make test\b", scripts, re.MULTILINE)


def test_pages_builds_with_mkdocs_and_deploys_with_the_official_actions() -> None:
    pages = workflow("pages.yml")
    steps = [step for job in pages["jobs"].values() for step in job["steps"]]
    uses = {step["uses"].split("@")[0] for step in steps if "uses" in step}
    assert {
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    } <= uses
    build = next(step for step in steps if "mkdocs build" in step.get("run", ""))
    assert build["env"]["MLPATTERNS_SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")
    assert build["env"]["MLPATTERNS_REPO_URL"] == (
        "${{ github.server_url }}/${{ github.repository }}"
    )


def test_weekly_snippets_upgrade_scikit_learn_and_open_an_issue() -> None:
    weekly = workflow("snippets-weekly.yml")
    assert "schedule" in weekly["on"] and "workflow_dispatch" in weekly["on"]
    assert weekly["permissions"]["issues"] == "write"
    scripts = "\n".join(step.get("run", "") for step in weekly["jobs"]["snippets"]["steps"])
    assert "pip install -U scikit-learn" in scripts
    assert "mlpatterns snippets" in scripts
    assert "gh issue create" in scripts


# --- YAML style and schemas ---------------------------------------------------------------


def test_yaml_passes_yamllint_with_the_repo_config() -> None:
    targets = [
        "patterns",
        "tests/data",
        ".github",
        ".pre-commit-config.yaml",
        ".yamllint.yaml",
        "CITATION.cff",
    ]
    done = run(tool("yamllint"), "--strict", "-c", ".yamllint.yaml", "-f", "parsable", *targets)
    assert done.returncode == 0, done.stdout + done.stderr


def test_yamllint_config_is_in_force(tmp_path: Path) -> None:
    """`on:` keys pass (workflows need them); a duplicate key and a bare `yes` do not."""
    config = str(REPO / ".yamllint.yaml")
    good = tmp_path / "good.yml"
    good.write_text("on:\n  push:\nenabled: true\n", encoding="utf-8")
    bad = tmp_path / "bad.yml"
    bad.write_text("name: a\nname: b\nenabled: yes\n", encoding="utf-8")
    assert run(tool("yamllint"), "--strict", "-c", config, good).returncode == 0
    done = run(tool("yamllint"), "--strict", "-c", config, "-f", "parsable", bad)
    assert done.returncode == 1
    assert "(key-duplicates)" in done.stdout and "(truthy)" in done.stdout


def test_entries_match_the_entry_schema() -> None:
    done = run(tool("check-jsonschema"), "--schemafile", ENTRY_SCHEMA, *relative(ENTRIES))
    assert done.returncode == 0, done.stdout + done.stderr


def test_taxonomy_matches_the_taxonomy_schema() -> None:
    done = run(tool("check-jsonschema"), "--schemafile", TAXONOMY_SCHEMA, TAXONOMY)
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_jsonschema_catches_an_unknown_field(tmp_path: Path) -> None:
    entry = tmp_path / "bad.yaml"
    entry.write_text(
        ENTRIES[0].read_text(encoding="utf-8").replace("\nkind:", "\nkindd: pattern\nkind:", 1),
        encoding="utf-8",
    )
    done = run(tool("check-jsonschema"), "--schemafile", ENTRY_SCHEMA, entry)
    assert done.returncode == 1 and "kindd" in done.stdout, done.stdout + done.stderr


def test_issue_forms_and_config_match_githubs_schemas() -> None:
    assert ISSUE_FORMS, "no issue forms found"
    checks = [
        ("vendor.github-issue-forms", relative(ISSUE_FORMS)),
        ("vendor.github-issue-config", [".github/ISSUE_TEMPLATE/config.yml"]),
        ("vendor.github-workflows", relative(WORKFLOWS)),
    ]
    for schema, files in checks:
        done = run(tool("check-jsonschema"), "--builtin-schema", schema, *files)
        assert done.returncode == 0, f"{schema}: {done.stdout}{done.stderr}"


def schema_comment(path: Path) -> str:
    schema = TAXONOMY_SCHEMA if path == TAXONOMY else ENTRY_SCHEMA
    return SCHEMA_COMMENT + Path(os.path.relpath(schema, path.parent)).as_posix()


@pytest.mark.parametrize("path", [TAXONOMY, *ENTRIES], ids=lambda path: path.stem)
def test_every_catalog_file_starts_with_its_schema_comment(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first_line == schema_comment(path), (
        f"{path.relative_to(REPO)}: the first line must be `{schema_comment(path)}` "
        "so editors find the schema"
    )


def test_vscode_maps_the_catalog_to_the_schemas() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for schema in mapping:
        assert (REPO / schema).is_file(), f"{schema} does not exist"
    assert "patterns/**/*.yaml" in mapping["./schema/entry.schema.json"]
    assert mapping["./schema/taxonomy.schema.json"] == "patterns/taxonomy.yaml"


# --- pre-commit ---------------------------------------------------------------------------


def test_pre_commit_config_is_valid_and_local_only() -> None:
    done = run(tool("pre-commit"), "validate-config", ".pre-commit-config.yaml")
    assert done.returncode == 0, done.stdout + done.stderr
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert {repo["repo"] for repo in config["repos"]} == {"local"}
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert set(hooks) >= {
        "yamllint",
        "entry-schema",
        "taxonomy-schema",
        "ruff-check",
        "ruff-format",
        "mlpatterns-validate",
    }
    for hook in hooks.values():
        assert hook["language"] in {"python", "system"}, hook["id"]
        if hook["language"] == "system":
            assert hook["entry"].startswith(".venv/bin/"), f"{hook['id']} must use the venv"
        else:
            assert hook.get("additional_dependencies"), f"{hook['id']} installs nothing"


# --- citation, licences, changelog, contributing ----------------------------------------


def test_citation_cff_is_valid_cff_1_2_0() -> None:
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert {"message", "title", "authors"} <= set(citation)
    project = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "([^"]+)"', project, re.MULTILINE)
    assert version and citation["version"] == version[1], "CITATION.cff and pyproject disagree"
    done = run(
        tool("check-jsonschema"), "--builtin-schema", "vendor.citation-file-format", "CITATION.cff"
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_licences_and_changelog() -> None:
    code = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert code.startswith("MIT License") and "the mlpatterns contributors" in code
    content = (REPO / "LICENSE-CONTENT").read_text(encoding="utf-8")
    assert "https://creativecommons.org/licenses/by/4.0/" in content
    assert all(folder in content for folder in ("patterns/", "snippets/", "docs/"))
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog and "## [0.1.0]" in changelog


def test_contributing_is_safe_to_render_on_the_site() -> None:
    """One H1; no fence that pytest-codeblocks would run; no relative links to repo files."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert text.startswith("# Contributing\n")
    outside_fences = re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
    assert re.findall(r"^# ", outside_fences, re.MULTILINE) == ["# "]
    fences = re.findall(r"^\s*(?:```|~~~)(\S*)", text, re.MULTILINE)
    assert set(fences) <= {"console", "yaml", "text", ""}, set(fences)
    targets = re.findall(r"\]\(([^)]+)\)", outside_fences)
    relative_links = [t for t in targets if not t.startswith(("https://", "http://", "#"))]
    assert relative_links == []


# --- the test harness itself ------------------------------------------------------------


def test_a_subset_run_and_collect_only_pass_on_their_own() -> None:
    """`pytest -k NAME` and `pytest --collect-only` exit 0: the session-end check only
    counts the snippet blocks a run collected."""
    pytest_bin = Path(sys.executable).parent / "pytest"
    one = run(pytest_bin, "-q", "-k", "test_rules_have_unique_codes_and_say_what_they_check")
    assert one.returncode == 0 and "1 passed" in one.stdout, one.stdout[-2000:]
    collect = run(pytest_bin, "-q", "--collect-only")
    assert collect.returncode == 0, collect.stdout[-2000:]


def test_relation_colors_cover_every_relation_and_read_with_white_text() -> None:
    from mlpatterns.catalog import RELATION_COLORS, RELATIONS

    assert set(RELATION_COLORS) == set(RELATIONS)

    def luminance(color: str) -> float:
        channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for relation, color in RELATION_COLORS.items():
        contrast = 1.05 / (luminance(color) + 0.05)
        assert contrast >= 4.5, f"{relation}: white text on {color} is {contrast:.2f}:1"
