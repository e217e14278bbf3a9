"""Turn a snippet into a Jupyter notebook (nbformat 4) that reads like its page.

The docstring and the top-level comment blocks become Markdown cells, the code
between them code cells (a `# %%` line also starts a new cell), and the output
that the test suite verified is stored in the last code cell, so the notebook
shows the same result before anyone runs it.
"""

from __future__ import annotations

import ast
import inspect
import io
import json
import re
import zipfile

from mlpatterns.model import Entry

_DOCSTRING = re.compile(r'\A[ \t]*(?P<quote>"""|\'\'\')(?P<text>.*?)(?P=quote)[ \t]*\n', re.DOTALL)
CELL_MARKER = re.compile(r"^# %%(?P<title>.*)$")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the archive only changes when a file does


def split_docstring(code: str) -> tuple[str, str]:
    """(module docstring, the code after it); the docstring is empty when there is none."""
    match = _DOCSTRING.match(code)
    if match and "\\" not in match["text"]:  # the usual plain docstring: no parse needed
        return inspect.cleandoc(match["text"]), code[match.end() :].lstrip("\n")
    tree = ast.parse(code)
    docstring = ast.get_docstring(tree) or ""
    if not docstring:
        return "", code
    end = tree.body[0].end_lineno or 0
    rest = "".join(code.splitlines(keepends=True)[end:]).lstrip("\n")
    return docstring, rest


def split_cells(code: str) -> list[tuple[str, str]]:
    """The code after the docstring as ("markdown" | "code", text) cells.

    A run of full-line comments at the top level, after a blank line, becomes a
    Markdown cell when the code before it is complete on its own; `# %%` forces a
    break. Joining the code cells gives back the code, without those comments.
    """
    cells: list[tuple[str, str]] = []
    pending: list[str] = []
    comment: list[str] = []
    previous_blank = True
    inside = _inside_statements(code)

    def flush_code() -> None:
        text = "".join(pending).strip("\n")
        if text:
            cells.append(("code", text + "\n"))
        pending.clear()

    for number, line in enumerate(code.splitlines(keepends=True), 1):
        marker = CELL_MARKER.match(line.rstrip("\n"))
        is_comment = line.startswith("#") and not marker
        complete = number not in inside  # the code before this line stands on its own
        if marker and complete:
            flush_code()
            title = marker["title"].strip()
            if title:
                cells.append(("markdown", title + "\n"))
            previous_blank = True
            continue
        if is_comment and (comment or previous_blank) and complete:
            comment.append(line[1:].removeprefix(" "))
            continue
        if comment:
            if line.strip():  # the comment introduces the code that follows
                flush_code()
                cells.append(("markdown", "".join(comment).strip() + "\n"))
            else:
                pending.extend("#" + (" " + text if text.strip() else text) for text in comment)
            comment.clear()
        pending.append(line)
        previous_blank = not line.strip()
    if comment:
        pending.extend("# " + text for text in comment)
    flush_code()
    return cells


def _inside_statements(code: str) -> set[int]:
    """Line numbers inside a top-level statement, after its first line (one parse)."""
    inside: set[int] = set()
    for statement in ast.parse(code).body:
        decorators = getattr(statement, "decorator_list", [])
        first = min([statement.lineno, *(node.lineno for node in decorators)])
        inside.update(range(first + 1, (statement.end_lineno or first) + 1))
    return inside


def to_notebook(entry: Entry, code: str, output: str, page_url: str) -> str:
    """A notebook of the snippet: prose and code cells, with the verified output."""
    docstring, rest = split_docstring(code)
    intro = f"# {entry.name}\n\n{entry.summary}\n\n{docstring}"
    if page_url:
        intro += f"\n\nThe catalog page explains the {entry.kind}: <{page_url}>"
    cells: list[dict[str, object]] = [_cell("markdown", intro, 0)]
    parts = split_cells(rest)
    last_code = max((i for i, (kind, _) in enumerate(parts) if kind == "code"), default=-1)
    for index, (kind, text) in enumerate(parts):
        cell = _cell(kind, text, index + 1)
        if index == last_code and output:
            stream = {"name": "stdout", "output_type": "stream", "text": _lines(output)}
            cell["outputs"] = [stream]
        cells.append(cell)
    notebook = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def _cell(kind: str, text: str, number: int) -> dict[str, object]:
    cell: dict[str, object] = {
        "cell_type": kind,
        "id": f"cell-{number}",
        "metadata": {},
        "source": _lines(text),
    }
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def examples_zip(files: dict[str, str]) -> bytes:
    """A zip archive of the given files, the same bytes for the same files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"mlpatterns-examples/{name}", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()
