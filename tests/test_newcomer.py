"""A newcomer follows CONTRIBUTING.md in a copy of the repository, end to end.

Scaffold a pattern, write it fully (tests/data/newcomer/), record its snippet and
run `mlpatterns check`; then run the content and site suite on that copy: a new
entry must never fail on something the contributor cannot see. The console
transcripts of CONTRIBUTING.md are replayed here, each in the state it describes,
and must print what the guide shows.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import REPO, copy_repo

pytestmark = pytest.mark.content

ENTRY_ID = "shadow-deployment"
ENTRY_FILE = f"patterns/resilient-serving/{ENTRY_ID}.yaml"
SNIPPET_FILE = f"snippets/{ENTRY_ID}.py"
WRITTEN = REPO / "tests" / "data" / "newcomer"
SCAFFOLD = ("new", "pattern", "Shadow Deployment", "--category", "resilient-serving")


def mlpatterns(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command as a contributor runs it in the project folder; one output stream."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "88"}
    return subprocess.run(
        [sys.executable, "-m", "mlpatterns", *args],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
        env=env,
    )


def catalog_copy(target: Path) -> Path:
    """What content work needs: the catalog, the schema and mkdocs.yml."""
    target.mkdir(parents=True)
    for folder in ("patterns", "snippets", "schema"):
        shutil.copytree(REPO / folder, target / folder)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return without_example(target)


def repo_copy(target: Path) -> Path:
    """The whole repository, as `make test` and `mlpatterns check` see it."""
    return without_example(copy_repo(target))


def without_example(root: Path) -> Path:
    """The copy as it was before the walkthrough: a contributor who followed it in their
    own clone (or who adds this very pattern) has the example's files already."""
    for found in [
        *(root / "patterns").rglob(f"{ENTRY_ID}.yaml"),
        *(root / "snippets").glob(f"{ENTRY_ID}.*"),
    ]:
        found.unlink()
    return root


def scaffold(root: Path) -> Path:
    done = mlpatterns(root, *SCAFFOLD)
    assert done.returncode == 0, done.stdout
    return root


def write(root: Path) -> Path:
    """Step 2 and 3 of CONTRIBUTING.md: the entry and its snippet, fully written."""
    scaffold(root)
    shutil.copy2(WRITTEN / f"{ENTRY_ID}.yaml", root / ENTRY_FILE)
    shutil.copy2(WRITTEN / f"{ENTRY_ID}.py", root / SNIPPET_FILE)
    done = mlpatterns(root, "snippets", "--record", ENTRY_ID)
    assert done.returncode == 0, done.stdout
    return root


def edit(root: Path, old: str, new: str, path: str = ENTRY_FILE) -> None:
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_newcomer_adds_a_pattern_and_the_whole_suite_passes(tmp_path: Path) -> None:
    root = repo_copy(tmp_path / "mlpatterns")
    write(root)
    checked = mlpatterns(root, "check", ENTRY_ID)
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.rstrip().endswith(f"check passed: {ENTRY_ID}")
    # The content and site tests of the copy, on a catalog with one more entry. The other
    # entries' snippets ran in this session already; the new entry's run here.
    suite = subprocess.run(
        [
            sys.executable, "-m", "pytest", "-m", "content or site", "-q", "-n", "2",
            "-k", f"not newcomer and (not snippet_pages or {ENTRY_ID}) "
            f"and (not notebook_runs or {ENTRY_ID})",
        ],
        cwd=root, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert suite.returncode == 0, suite.stdout[-4000:] + suite.stderr[-2000:]
    assert "snippet code blocks run and passed: 1 of 1" in suite.stdout


def test_a_broken_rule_fails_check_and_validate_with_file_line_and_field(tmp_path: Path) -> None:
    root = write(catalog_copy(tmp_path / "mlpatterns"))
    edit(root, "  - name: Slow verdict when labels arrive late\n", "  - name: x\n")
    text = (root / ENTRY_FILE).read_text(encoding="utf-8")
    start = text.index("  - name: x\n")
    (root / ENTRY_FILE).write_text(
        text[:start] + text[text.index("avoid_when:") :], encoding="utf-8"
    )
    lines = (root / ENTRY_FILE).read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if text == "trade_offs:")
    expected = f"{ENTRY_FILE}:{line}:1: warning: trade_offs: [R04] 2 trade-offs"
    for args in (("check", ENTRY_ID, "--no-build"), ("validate", "--strict")):
        done = mlpatterns(root, *args)
        assert done.returncode == 1, done.stdout
        assert expected in done.stdout, done.stdout
        assert "AssertionError" not in done.stdout and "Traceback" not in done.stdout


# --- CONTRIBUTING.md transcripts --------------------------------------------------------

State = Callable[[Path], Path]


def broken(*edits: tuple[str, str] | tuple[str, str, str]) -> State:
    def setup(root: Path) -> Path:
        write(root)
        for change in edits:
            edit(root, *change)
        return root

    return setup


def moved_to(folder: str) -> State:
    def setup(root: Path) -> Path:
        write(root)
        target = root / "patterns" / folder / f"{ENTRY_ID}.yaml"
        (root / ENTRY_FILE).rename(target)
        return root

    return setup


def renamed_snippet(root: Path) -> Path:
    write(root)
    edit(root, "  - file: shadow-deployment.py", "  - file: shadow-deploy.py")
    return root


def without_output(root: Path) -> Path:
    write(root)
    (root / "snippets" / f"{ENTRY_ID}.out").unlink()
    return root


def edge_on_both_sides(root: Path) -> Path:
    write(root)
    keyed = root / "patterns/resilient-serving/keyed-predictions.yaml"
    text = keyed.read_text(encoding="utf-8").replace(
        "related:\n",
        "related:\n  - id: shadow-deployment\n    relation: enables\n"
        "    note: The key joins shadow and live answers.\n",
        1,
    )
    keyed.write_text(text, encoding="utf-8")
    return root


STATES: dict[str, State] = {
    "scaffold": lambda root: root,
    "scaffolded": scaffold,
    "written": write,
    "misspelled-ids": broken(
        ("roles: [ml-engineer, data-scientist]", "roles: [ml-engineer, data-scienist]"),
        ("stages: [serving, online-prediction,", "stages: [serving, online-predictions,"),
        ("  - id: data-drift", "  - id: datadrift"),
        ("  - id: keyed-predictions", "  - id: keyed-prediction"),
    ),
    "misspelled-field": broken(
        ("avoid_when:", "avoid_whn:"), ("relation: complements", "relation: complement")
    ),
    "missing-field": broken(
        (
            "      Every request is scored at least twice. Sample a share of traffic for the"
            " shadow\n      when the full volume is too expensive.\n",
            "",
        ),
        ("    text: |\n  - name: \"Alternative", "  - name: \"Alternative"),
    ),
    "yaml-syntax": broken(("    text: |\n      Serving", "   text: |\n      Serving")),
    "folded-item": broken(
        (
            "    external service would act twice.\n",
            "    external service would act twice.\n    - Labels never arrive, so the"
            " shadow log cannot be judged.\n",
        )
    ),
    "not-text": broken(
        (
            "  - Side effects cannot be suppressed; a shadow that writes to a database or"
            " calls an\n    external service would act twice.\n",
            "  - Side effects: a shadow that writes to a database would act twice.\n",
        )
    ),
    "too-long": broken(
        ("  Score live requests", "  Score every live request, and every nightly batch job too,"),
        ("https://docs.aws.amazon.com/sagemaker", "docs.aws.amazon.com/sagemaker"),
    ),
    "content-rule": broken(
        (
            "  - name: Slow verdict when labels arrive late\n    text: |\n      The comparison"
            " waits for ground truth; compare on agreement or proxy labels\n      meanwhile.\n",
            "",
        )
    ),
    "code-in-text": broken(
        (
            "  A lender retrains",
            "  ## The situation\n\n  ```python\n  model.fit(X, y)\n  ```\n\n  A lender retrains",
        ),
    ),
    "edge-twice": edge_on_both_sides,
    "wrong-place": moved_to("reproducibility"),
    "id-mismatch": broken(("id: shadow-deployment", "id: shadow-deploy")),
    "snippet-missing": renamed_snippet,
    "no-output": without_output,
    "snippet-output": broken((':>16.3f}', ':>16.4f}', SNIPPET_FILE)),
    "snippet-fails": broken(("margin = 0.02", "margin = 0.2", SNIPPET_FILE)),
    "todo-left": broken(("    title: Two candidates", "    title: TODO Two candidates")),
    "usage": lambda root: root,
}  # fmt: skip

MARKER = re.compile(
    r"<!-- transcript: (?P<name>[a-z-]+) -->\n+```console\n(?P<body>.*?)\n```", re.S
)


def transcripts() -> list[tuple[str, str]]:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    return [(match["name"], match["body"]) for match in MARKER.finditer(text)]


def normalize(text: str, root: Path | None = None) -> list[str]:
    if root is not None:
        text = text.replace(str(root) + "/", "").replace(str(root.resolve()) + "/", "")
    text = re.sub(r"\(\d+(\.\d+)? s\)", "(… s)", text)
    text = re.sub(r'File "[^"]*?(snippets/[^"]+)"', r'File "…/\1"', text)
    lines = []
    for line in text.splitlines():
        if line.startswith("ok: "):
            line = re.sub(r"\d+", "N", line)
        lines.append(line.rstrip())
    return lines


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line; a line `...` stands for any number of lines."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[start:]) for start in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def test_every_transcript_has_a_state_and_every_state_a_transcript() -> None:
    names = [name for name, _ in transcripts()]
    assert len(names) == len(set(names))
    assert set(names) == set(STATES)


@pytest.mark.parametrize(("name", "body"), transcripts(), ids=[name for name, _ in transcripts()])
def test_contributing_transcript_matches_what_the_commands_print(
    tmp_path: Path, name: str, body: str
) -> None:
    root = tmp_path / "mlpatterns"
    if name in {"written"}:
        repo_copy(root)  # `check` builds the site
    else:
        catalog_copy(root)
    STATES[name](root)
    # Each `$ mlpatterns ...` line starts a command; what follows is its output, which
    # may itself hold `$ ` lines (`run` echoes the script it runs).
    blocks = re.split(r"^\$ (?=mlpatterns )", body, flags=re.M)
    assert not blocks[0].strip(), f"{name}: a transcript starts with `$ mlpatterns`"
    for block in blocks[1:]:
        command, _, expected = block.partition("\n")
        done = mlpatterns(root, *shlex_split(command.removeprefix("mlpatterns ")))
        actual = normalize(done.stdout, root)
        wanted = normalize(expected)
        assert matches(wanted, actual), (
            f"CONTRIBUTING.md transcript `{name}`, `$ {command}` prints:\n" + "\n".join(actual)
        )


def shlex_split(command: str) -> list[str]:
    import shlex

    return shlex.split(command)
