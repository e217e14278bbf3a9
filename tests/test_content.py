"""The catalog's own bar (STYLE.md): checked for every entry, so a weak entry cannot land."""

from __future__ import annotations

import ast
import re

import pytest

from mlpatterns.load import load_catalog

from .conftest import REPO

CATALOG = load_catalog(REPO).catalog
ENTRIES = CATALOG.ordered
FORBIDDEN_IN_SNIPPETS = {
    "fetch_": "fetch_* datasets need the network; use make_* or load_*",
    "__main__": "snippets run as plain scripts, also under exec()",
    "__file__": "snippets are also run with exec(), where __file__ is undefined",
    "matplotlib": "no plotting in snippets",
    "ProcessPool": "process pools cannot pickle code run under exec(); use threads",
    "multiprocessing": "process pools cannot pickle code run under exec(); use threads",
}
ALLOWED_IMPORTS = {"numpy", "scipy", "sklearn", "joblib"}  # joblib ships with scikit-learn


def words(text: str) -> int:
    return len(re.findall(r"\w[\w'-]*", text))


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry.id for entry in ENTRIES])
def test_entry_meets_the_bar(entry) -> None:
    trade_offs = 3 if entry.kind == "pattern" else 2
    assert words(entry.problem) >= 80, "problem: at least 80 words"
    assert words(entry.solution) >= 100, "solution: at least 100 words"
    assert len(entry.trade_offs) >= trade_offs, f"at least {trade_offs} trade-offs"
    assert entry.avoid_when, "at least one avoid_when"
    assert len(entry.references) >= 2, "at least two references"
    assert entry.snippets, "at least one snippet"
    assert entry.brief, "a one-line brief of the problem and the solution"
    assert len(entry.symptoms) >= 3, "at least three symptoms"
    if entry.kind == "pattern":
        assert len(CATALOG.related(entry.id)) >= 2, "at least two typed related links"
    assert not re.match(r"(?i)in today's", entry.problem), "open with a concrete situation"


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry.id for entry in ENTRIES])
def test_snippet_follows_the_style(entry) -> None:
    for snippet in entry.snippets:
        code = CATALOG.snippet_path(snippet).read_text(encoding="utf-8")
        tree = ast.parse(code)
        docstring = ast.get_docstring(tree) or ""
        assert docstring.startswith(f"{entry.name}: "), "docstring starts with the entry name"
        assert any(isinstance(node, ast.Assert) for node in ast.walk(tree)), "proves with assert"
        lines = len(code.splitlines())
        assert lines <= 110, f"{snippet.file} has {lines} lines; keep it near 20-70"
        printed = CATALOG.output_path(snippet).read_text(encoding="utf-8").count("\n")
        assert printed <= 16, f"{snippet.file} prints {printed} lines; keep it near 15"
        for needle, reason in FORBIDDEN_IN_SNIPPETS.items():
            assert needle not in code, f"{snippet.file}: {needle}: {reason}"
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                assert top in ALLOWED_IMPORTS or top in _stdlib(), f"{snippet.file} imports {name}"


def _stdlib() -> frozenset[str]:
    import sys

    return frozenset(sys.stdlib_module_names)


def test_every_category_has_its_patterns() -> None:
    counts = {c.id: len(CATALOG.in_category(c.id)) for c in CATALOG.taxonomy.categories}
    assert all(count > 0 for count in counts.values()), counts


WELL_KNOWN = [
    ("hashed-feature", "embeddings"),
    ("transform", "feature-store"),
    ("keyed-predictions", "continued-model-evaluation"),
    ("rebalancing", "ensembles"),
    ("rebalancing", "cascade"),
    ("ensembles", "cascade"),
    ("checkpoints", "transfer-learning"),
    ("heuristic-benchmark", "explainable-predictions"),
    ("heuristic-benchmark", "fairness-lens"),
    ("explainable-predictions", "fairness-lens"),
]


@pytest.mark.parametrize(("a", "b"), WELL_KNOWN, ids=[f"{a}~{b}" for a, b in WELL_KNOWN])
def test_well_known_interactions_are_related(a: str, b: str) -> None:
    assert b in {neighbor.entry.id for neighbor in CATALOG.related(a)}
