"""Guarantee 1: every code block on the site is one that pytest-codeblocks runs.

pytest-codeblocks collects only fences whose info string is exactly `python`,
`sh` or `bash`; anything else that looks like code would be skipped silently.
This audit reads the pages the same way and fails on such fences, and counts
the blocks it will run against the snippets of the catalog. The run-time count
of blocks that actually passed is checked in conftest.py at the end of a full run.
"""

from __future__ import annotations

import re
from pathlib import Path

from pytest_codeblocks.main import extract_from_file

from mlpatterns.load import load_catalog

from .conftest import REPO

RUN_BY_CODEBLOCKS = {"python", "sh", "bash"}
CODE_LIKE = {"python", "python3", "py", "pycon", "sh", "bash", "shell", "zsh", "ipython"}
FENCE = re.compile(r"^(?P<indent>\s*)(?P<mark>`{3,}|~{3,})(?P<info>.*)$")


def audit(docs: Path) -> tuple[list[str], list[str]]:
    """Return (code of each block pytest-codeblocks runs, problems)."""
    executed: list[str] = []
    problems: list[str] = []
    for page in sorted(docs.rglob("*.md")):
        name = page.relative_to(docs).as_posix()
        for block in extract_from_file(page):
            if block.syntax in RUN_BY_CODEBLOCKS:
                if block.marks:
                    problems.append(f"{name}:{block.lineno}: block is marked {block.marks}")
                if block.syntax == "python" and block.expected_output is None:
                    problems.append(f"{name}:{block.lineno}: python block without output check")
                executed.append(block.code)
        closing = None
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            match = FENCE.match(line)
            if not match:
                continue
            if closing:
                if match["mark"].startswith(closing) and not match["info"].strip():
                    closing = None
                continue
            closing = match["mark"]
            info = match["info"].strip()
            language = re.sub(r"^[{.\s]+", "", info).split()[0].lower() if info else ""
            exact = match["mark"].startswith("`") and info in RUN_BY_CODEBLOCKS
            if language.rstrip("}") in CODE_LIKE and not exact:
                problems.append(
                    f"{name}:{number}: fence `{match['mark']}{info}` is code that "
                    "pytest-codeblocks skips; use exactly ```python (titles go in the page)"
                )
    return executed, problems


def test_every_code_block_on_the_site_is_a_catalog_snippet_that_runs() -> None:
    executed, problems = audit(REPO / "docs")
    assert problems == []
    catalog = load_catalog(REPO).catalog
    snippets = [
        catalog.snippet_path(snippet).read_text(encoding="utf-8")
        for _, snippet in catalog.all_snippets()
    ]
    assert len(executed) == len(snippets) > 0
    assert sorted(executed) == sorted(snippets)


def test_audit_catches_a_block_codeblocks_would_skip(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "```python\nprint(1)\n```\n<!--pytest-codeblocks:expected-output-->\n```\n1\n```\n\n"
        '```python title="x"\nprint(2)\n```\n\n~~~python\nprint(3)\n~~~\n\n```py\nprint(4)\n```\n',
        encoding="utf-8",
    )
    executed, problems = audit(tmp_path)
    assert executed == ["print(1)\n"]
    assert [problem.split(":")[1] for problem in problems] == ["9", "13", "17"]


def test_audit_catches_a_python_block_without_output_check(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text("```python\nprint(1)\n```\n", encoding="utf-8")
    _, problems = audit(tmp_path)
    assert problems == ["page.md:1: python block without output check"]
