"""Guarantee 1 (docs/reference/design.md): every code block on the site is run.

pytest-codeblocks collects only fences whose info string is exactly `python`,
`sh` or `bash`; anything else that looks like code would be skipped silently.
This audit reads the rendered pages the same way, fails on such fences, and checks
that the blocks it would run are exactly the catalog's snippets. Hand-written pages
may show console sessions and YAML, never code that claims to run.
"""

from __future__ import annotations

import io
import re

import pytest
from pytest_codeblocks.main import extract_from_buffer

from mlpatterns.render import render

from .conftest import REPO

pytestmark = pytest.mark.content

RUN_BY_CODEBLOCKS = {"python", "sh", "bash"}
CODE_LIKE = {"python", "python3", "py", "pycon", "sh", "bash", "shell", "zsh", "ipython"}
FENCE = re.compile(r"^(?P<indent>\s*)(?P<mark>`{3,}|~{3,})(?P<info>.*)$")


def audit(pages: dict[str, str]) -> tuple[list[str], list[str]]:
    """Return (code of each block pytest-codeblocks runs, problems)."""
    executed: list[str] = []
    problems: list[str] = []
    for name, text in sorted(pages.items()):
        for block in extract_from_buffer(io.StringIO(text)):
            if block.syntax in RUN_BY_CODEBLOCKS:
                if block.marks:
                    problems.append(f"{name}:{block.lineno}: block is marked {block.marks}")
                if block.syntax == "python" and block.expected_output is None:
                    problems.append(f"{name}:{block.lineno}: python block without output check")
                executed.append(block.code)
        closing = None
        for number, line in enumerate(text.splitlines(), 1):
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


def test_every_code_block_on_the_generated_pages_is_a_snippet(catalog) -> None:
    pages = {path: text for path, text in render(catalog).pages.items() if path.endswith(".md")}
    executed, problems = audit(pages)  # type: ignore[arg-type]
    assert problems == []
    snippets = [
        catalog.snippet_path(snippet).read_text(encoding="utf-8")
        for _, snippet in catalog.all_snippets()
    ]
    assert sorted(executed) == sorted(snippets)


def test_hand_written_pages_hold_no_code_that_claims_to_run() -> None:
    pages = {
        path.relative_to(REPO).as_posix(): path.read_text(encoding="utf-8")
        for path in [*(REPO / "docs").rglob("*.md"), REPO / "README.md", REPO / "CONTRIBUTING.md"]
        if "docs/catalog/" not in path.as_posix()
    }
    executed, problems = audit(pages)
    assert (executed, problems) == ([], [])


def test_audit_catches_a_block_codeblocks_would_skip() -> None:
    page = (
        "```python\nprint(1)\n```\n<!--pytest-codeblocks:expected-output-->\n```\n1\n```\n\n"
        '```python title="x"\nprint(2)\n```\n\n~~~python\nprint(3)\n~~~\n\n```py\nprint(4)\n```\n'
    )
    executed, problems = audit({"page.md": page})
    assert executed == ["print(1)\n"]
    assert [problem.split(":")[1] for problem in problems] == ["9", "13", "17"]


def test_audit_catches_a_python_block_without_output_check() -> None:
    _, problems = audit({"page.md": "```python\nprint(1)\n```\n"})
    assert problems == ["page.md:1: python block without output check"]
