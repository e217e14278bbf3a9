"""Rules about a snippet file and its recorded output (S01 and on)."""

from __future__ import annotations

import ast
import functools
import sys
from collections.abc import Iterator

from mlpatterns.rules import (
    ALL,
    ALLOWED_IMPORTS,
    FORBIDDEN_IN_SNIPPETS,
    OUTPUT_MAX_LINES,
    SNIPPET_MAX_LINES,
    SNIPPET_MAX_WIDTH,
    Finding,
    Subject,
    rule,
)


@rule("S01", ALL, "A snippet's module docstring starts with the entry's name and a colon.")
def _docstring(subject: Subject) -> Iterator[Finding]:
    for _, snippet, code in subject.snippets():
        tree = _parse(code)
        if tree is None:
            continue  # S07 reports the syntax error
        docstring = ast.get_docstring(tree) or ""
        if not docstring.startswith(f"{subject.entry.name}: "):
            yield Finding(
                "the docstring does not start with the entry's name",
                f'begin the file with """{subject.entry.name}: what this shows.',
                file=snippet.file,
            )


@rule("S02", ALL, "A snippet proves its claim with at least one `assert`.")
def _asserts(subject: Subject) -> Iterator[Finding]:
    for _, snippet, code in subject.snippets():
        if _parse(code) and not _nodes(code, ast.Assert):
            yield Finding(
                "no assert: a snippet that only prints proves nothing",
                "assert what would fail if the pattern were taken away",
                file=snippet.file,
            )


@rule(
    "S03",
    ALL,
    f"A snippet is at most {SNIPPET_MAX_LINES} lines, each at most {SNIPPET_MAX_WIDTH} "
    "characters (what the page shows without scrolling).",
)
def _size(subject: Subject) -> Iterator[Finding]:
    for _, snippet, code in subject.snippets():
        lines = code.splitlines()
        if len(lines) > SNIPPET_MAX_LINES:
            yield Finding(
                f"{len(lines)} lines; at most {SNIPPET_MAX_LINES}",
                "keep what proves the pattern, drop the rest",
                file=snippet.file,
                line=SNIPPET_MAX_LINES + 1,
            )
        for number, line in enumerate(lines, 1):
            if len(line) > SNIPPET_MAX_WIDTH:
                yield Finding(
                    f"line is {len(line)} characters; at most {SNIPPET_MAX_WIDTH}",
                    "run `ruff format` on the snippet and wrap long comments",
                    file=snippet.file,
                    line=number,
                    column=SNIPPET_MAX_WIDTH + 1,
                )
                break


@rule("S04", ALL, f"A snippet prints at most {OUTPUT_MAX_LINES} lines.")
def _output_size(subject: Subject) -> Iterator[Finding]:
    for snippet in subject.entry.snippets:
        output = subject.output.get(snippet.file)
        if output is not None and output.count("\n") > OUTPUT_MAX_LINES:
            yield Finding(
                f"prints {output.count(chr(10))} lines; at most {OUTPUT_MAX_LINES}",
                "print one comparison table; leave the rest to asserts",
                file=snippet.file,
            )


@rule(
    "S05",
    ALL,
    "A snippet is a plain, offline script: "
    + "; ".join(f"no `{needle}` ({why})" for needle, why in FORBIDDEN_IN_SNIPPETS.items())
    + ".",
)
def _forbidden(subject: Subject) -> Iterator[Finding]:
    for _, snippet, code in subject.snippets():
        for number, line in enumerate(code.splitlines(), 1):
            for needle, reason in FORBIDDEN_IN_SNIPPETS.items():
                if needle in line:
                    yield Finding(
                        f"uses `{needle}`",
                        reason,
                        file=snippet.file,
                        line=number,
                        column=line.index(needle) + 1,
                    )


@rule(
    "S06",
    ALL,
    "A snippet imports only the standard library and " + ", ".join(ALLOWED_IMPORTS) + ".",
)
def _imports(subject: Subject) -> Iterator[Finding]:
    allowed = set(ALLOWED_IMPORTS) | set(sys.stdlib_module_names)
    for _, snippet, code in subject.snippets():
        for node in _nodes(code, ast.Import, ast.ImportFrom):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            else:
                continue
            for name in names:
                if name.split(".")[0] not in allowed:
                    yield Finding(
                        f"imports `{name}`",
                        f"use only the standard library, {', '.join(ALLOWED_IMPORTS)}",
                        file=snippet.file,
                        line=node.lineno,
                        column=node.col_offset + 1,
                    )


@rule("S07", ALL, "A snippet is valid Python.")
def _syntax(subject: Subject) -> Iterator[Finding]:
    for _, snippet, code in subject.snippets():
        try:
            _parse_or_raise(code)
        except SyntaxError as error:
            yield Finding(
                f"syntax error: {error.msg}",
                "fix the code; `python snippets/FILE` shows the same error",
                file=snippet.file,
                line=error.lineno or 1,
                column=error.offset or 1,
            )


@functools.lru_cache(maxsize=1024)  # four rules read each snippet; serve rereads them all
def _parse_or_raise(code: str) -> ast.Module:
    return ast.parse(code)


@functools.lru_cache(maxsize=4096)
def _nodes(code: str, *types: type[ast.AST]) -> list[ast.AST]:
    """The nodes of these types in the snippet (none when it does not parse)."""
    tree = _parse(code)
    return [node for node in ast.walk(tree) if isinstance(node, types)] if tree else []


def _parse(code: str) -> ast.Module | None:
    try:
        return _parse_or_raise(code)
    except SyntaxError:
        return None  # S07 reports it
