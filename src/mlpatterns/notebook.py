"""Turn a snippet into a Jupyter notebook (nbformat 4) that runs top to bottom."""

from __future__ import annotations

import ast
import inspect
import json
import re

from mlpatterns.model import Entry


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


_DOCSTRING = re.compile(r'\A[ \t]*(?P<quote>"""|\'\'\')(?P<text>.*?)(?P=quote)[ \t]*\n', re.DOTALL)


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


def to_notebook(entry: Entry, code: str, page_url: str) -> str:
    """A notebook with the docstring as prose and the script as one code cell."""
    docstring, rest = split_docstring(code)
    intro = f"# {entry.name}\n\n{entry.summary}\n\n{docstring}\n\nFrom the catalog page: {page_url}"
    cells = [
        {"cell_type": "markdown", "id": "about", "metadata": {}, "source": _lines(intro)},
        {
            "cell_type": "code",
            "id": "script",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": _lines(rest),
        },
    ]
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
