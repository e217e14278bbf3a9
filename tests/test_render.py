"""Rendering: the pages, the computed links, escaping, and writing only what changed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mlpatterns.glossary import glossary_abbreviations
from mlpatterns.load import load_catalog
from mlpatterns.markdown import escape_inline, escape_markdown
from mlpatterns.output import write_pages
from mlpatterns.render import render

pytestmark = pytest.mark.unit


def test_every_kind_of_page_is_generated(project: Path) -> None:
    pages = render(load_catalog(project).catalog).pages
    expected = {
        "index.md", "glossary.md",
        "data-representation/index.md", "model-training/index.md",
        "data-representation/bucketing.md", "data-representation/scaling.md",
        "challenges/index.md", "challenges/drift.md",
        "anti-patterns/index.md", "anti-patterns/unscaled-distances.md",
        "guides/index.md", "guides/scale-or-bucket.md",
        "symptoms.md", "rules.md", "map.md",
        "stages/index.md", "stages/training.md", "stages/batch-prediction.md",
        "roles/index.md", "roles/data-scientist.md", "roles/ml-engineer.md",
    }  # fmt: skip
    assert expected <= set(pages)


def test_challenge_lists_the_patterns_that_address_it(project: Path) -> None:
    pages = render(load_catalog(project).catalog).pages
    drift = pages["challenges/drift.md"]
    assert "- [Bucketing](../data-representation/bucketing.md): Bins learned on old data" in drift
    assert "[Scaling]" not in drift


RELATED_CARD = re.compile(
    r"\*\*\[(?P<name>[^\]]+)\]\((?P<link>[^)]+)\)\*\*\n\n    ---\n\n"
    r'    <span class="mlp-relation"[^>]*>(?P<label>[^<]+)</span>'
)


def related_cards(page: str) -> list[tuple[str, str, str]]:
    return [(m["name"], m["link"], m["label"]) for m in RELATED_CARD.finditer(page)]


def test_related_edge_shows_on_both_pages(project: Path) -> None:
    pages = render(load_catalog(project).catalog).pages
    assert related_cards(pages["data-representation/bucketing.md"]) == [
        ("Scaling", "scaling.md", "alternative to")
    ]
    assert related_cards(pages["data-representation/scaling.md"]) == [
        ("Bucketing", "bucketing.md", "alternative to")
    ]


def test_anti_pattern_and_the_patterns_that_fix_it(project: Path) -> None:
    pages = render(load_catalog(project).catalog).pages
    anti = pages["anti-patterns/unscaled-distances.md"]
    assert related_cards(anti) == [
        ("Scaling", "../data-representation/scaling.md", "fixed by"),
        ("Bucketing", "../data-representation/bucketing.md", "fixed by"),
    ]
    for heading in ("## Why it hurts", "## How to detect it", "## The fix"):
        assert heading in anti
    scaling = pages["data-representation/scaling.md"]
    assert (
        "## Anti-patterns it fixes\n\n"
        "- [Unscaled Distances](../anti-patterns/unscaled-distances.md)" in scaling
    )


def test_guide_compares_its_options_and_the_options_link_back(project: Path) -> None:
    pages = render(load_catalog(project).catalog).pages
    guide = pages["guides/scale-or-bucket.md"]
    assert "| Criterion | Scaling | Bucketing |" in guide
    assert "| **Held-out R^2 on a curved effect** | 0.70 | 0.96 |" in guide
    assert "No, one value per bucket [[2]](#ref-2)" in guide
    assert (
        "- **Choose [Bucketing](../data-representation/bucketing.md)** when the effect bends"
        in guide
    )
    for option in ("scaling", "bucketing"):
        page = pages[f"data-representation/{option}.md"]
        assert (
            "## Compared in\n\n- [Scale or Bucket a Numeric Input](../guides/scale-or-bucket.md)"
            in page
        )


def test_symptom_page_links_every_symptom_to_its_entry(project: Path) -> None:
    catalog = load_catalog(project).catalog
    page = render(catalog).pages["symptoms.md"]
    for entry in catalog.ordered:
        for symptom in entry.symptoms:
            assert f"| {symptom} | [{entry.name}](" in page
    # Grouped by stage, in the order of the ML process.
    assert page.index("## Training") < page.index("## Serving")


def test_challenge_page_orders_patterns_by_fit_with_why(project: Path, edit) -> None:
    edit(
        "patterns/data-representation/scaling.yaml",
        "compared_with:",
        "challenges:\n  - id: drift\n    fit: direct\n    why: Rescaling keeps up.\ncompared_with:",
    )
    page = render(load_catalog(project).catalog).pages["challenges/drift.md"]
    direct = page.index(
        "**Direct answers**\n\n- [Scaling](../data-representation/scaling.md): Rescaling keeps up."
    )
    partial = page.index("**Partial answers**\n\n- [Bucketing](")
    assert direct < partial


def test_reverse_label_of_a_directed_edge(project: Path, edit) -> None:
    edit(
        "patterns/data-representation/bucketing.yaml",
        "relation: alternative-to",
        "relation: requires",
    )
    pages = render(load_catalog(project).catalog).pages
    assert related_cards(pages["data-representation/bucketing.md"]) == [
        ("Scaling", "scaling.md", "requires")
    ]
    assert ("Bucketing", "bucketing.md", "required by") in related_cards(
        pages["data-representation/scaling.md"]
    )


def test_role_and_stage_pages_list_their_entries(project: Path) -> None:
    pages = render(load_catalog(project).catalog).pages
    assert "[Drift](../challenges/drift.md)" in pages["roles/ml-engineer.md"]
    assert "[Bucketing]" not in pages["roles/ml-engineer.md"]
    assert "[Scaling](../data-representation/scaling.md)" in pages["stages/serving.md"]


def test_edit_link_source_is_the_yaml_entry(project: Path) -> None:
    site = render(load_catalog(project).catalog)
    assert site.sources["data-representation/bucketing.md"] == (
        "patterns/data-representation/bucketing.yaml"
    )
    assert site.sources["challenges/drift.md"] == "patterns/challenges/drift.yaml"
    assert "index.md" not in site.sources


def test_snippet_shows_code_then_its_recorded_output(project: Path) -> None:
    page = render(load_catalog(project).catalog).pages["data-representation/bucketing.md"]
    code = (project / "snippets/bucketing.py").read_text(encoding="utf-8")
    output = (project / "snippets/bucketing.out").read_text(encoding="utf-8")
    block = f"```python\n{code}```\n<!--pytest-codeblocks:expected-output-->\n"
    assert block + f'```text title="Output"\n{output}```' in page


def test_fence_is_longer_than_backticks_inside_the_code(project: Path) -> None:
    script = project / "snippets/scaling.py"
    script.write_text(script.read_text(encoding="utf-8") + 'print("```")\n', encoding="utf-8")
    page = render(load_catalog(project).catalog).pages["data-representation/scaling.md"]
    assert "\n````python\n" in page


def test_raw_html_in_entry_text_is_escaped(project: Path, edit) -> None:
    edit(
        "patterns/data-representation/scaling.yaml",
        "Distances",
        "<script>alert('x')</script> <img src=x onerror=alert(1)> {: onclick=alert(1) } Dist",
    )
    edit("patterns/data-representation/scaling.yaml", "name: Scaling", "name: Scaling <b>bold</b>")
    page = render(load_catalog(project).catalog).pages["data-representation/scaling.md"]
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script>alert('x')&lt;/script>" in page
    assert "&#123;: onclick=alert(1) &#125;" in page
    assert 'title: "Scaling &lt;b&gt;bold&lt;/b&gt;"' in page


def test_escaping_keeps_code_spans_and_fences() -> None:
    assert escape_markdown("Use `<tag>` and <b>") == "Use `<tag>` and &lt;b>"
    assert escape_markdown("```text\n<x>\n```") == "```text\n<x>\n```"
    assert escape_inline("a | b\n c") == "a \\| b c"


def test_writes_only_changed_pages_and_deletes_orphans(project: Path, tmp_path: Path, edit) -> None:
    out = tmp_path / "out"
    first = write_pages(render(load_catalog(project).catalog).pages, out)
    assert first.unchanged == 0 and len(first.written) > 10
    stamps = {path: path.stat().st_mtime_ns for path in out.rglob("*.md")}
    (out / "stale.md").write_text("old page", encoding="utf-8")
    edit("patterns/data-representation/scaling.yaml", "Distances mix", "Lengths mix")
    second = write_pages(render(load_catalog(project).catalog).pages, out)
    # Scaling's own page changed; the pages that show its summary did not (summary kept),
    # and the downloads of unchanged snippets were not rewritten either.
    assert second.written == ["data-representation/scaling.md"]
    assert second.deleted == ["stale.md"]
    unchanged = [p for p in stamps if p.name != "scaling.md"]
    assert all(p.stat().st_mtime_ns == stamps[p] for p in unchanged)


def test_generated_pages_have_no_unresolved_template_syntax(project: Path) -> None:
    for path, text in render(load_catalog(project).catalog).pages.items():
        if isinstance(text, str):
            assert not re.search(r"\{\{|\{%", text), path


def test_downloads_hold_the_snippet_a_notebook_and_a_zip_of_all(project: Path) -> None:
    import io
    import zipfile

    pages = render(load_catalog(project).catalog).pages
    code = (project / "snippets/bucketing.py").read_text(encoding="utf-8")
    assert pages["downloads/bucketing.py"] == code
    notebook = json.loads(pages["downloads/bucketing.ipynb"])
    assert notebook["nbformat"] == 4
    assert notebook["cells"][0]["cell_type"] == "markdown"
    assert "".join(notebook["cells"][1]["source"]).startswith("import numpy as np")
    archive = zipfile.ZipFile(io.BytesIO(pages["downloads/mlpatterns-examples.zip"]))  # type: ignore[arg-type]
    names = set(archive.namelist())
    assert {"mlpatterns-examples/bucketing.py", "mlpatterns-examples/bucketing.ipynb"} <= names
    assert archive.read("mlpatterns-examples/bucketing.py").decode() == code
    again = render(load_catalog(project).catalog).pages["downloads/mlpatterns-examples.zip"]
    assert again == pages["downloads/mlpatterns-examples.zip"]  # the same bytes: no rewrite


def test_svg_links_are_relative_urls_of_the_built_pages(project: Path) -> None:
    pages = render(load_catalog(project).catalog).pages
    bucketing = pages["data-representation/bucketing.md"]
    assert 'xlink:href="../scaling/"' in bucketing  # from .../bucketing/ to .../scaling/
    assert 'href="../../map/"' in bucketing
    flat = render(load_catalog(project).catalog, directory_urls=False).pages
    assert 'xlink:href="scaling.html"' in flat["data-representation/bucketing.md"]


def test_glossary_terms_become_hover_definitions(project: Path) -> None:
    catalog = load_catalog(project).catalog
    assert glossary_abbreviations(catalog).split("\n\n") == [
        "*[Feature]: An input value the model sees.",
        "*[feature]: An input value the model sees.",
    ]


def test_a_parent_stage_lists_the_entries_of_its_refinements(project: Path, edit) -> None:
    edit(
        "patterns/taxonomy.yaml",
        "  - id: online-prediction\n",
        "  - id: prediction\n    name: Prediction\n    description: Answers.\n"
        "  - id: online-prediction\n    parent: prediction\n",
    )
    edit("patterns/data-representation/scaling.yaml", "[training, serving]", "[online-prediction]")
    catalog = load_catalog(project).catalog
    assert [entry.id for entry in catalog.for_stage("prediction")] == ["scaling"]
    assert [entry.id for entry in catalog.select(stage=["prediction"])] == ["scaling"]
    page = render(catalog).pages["stages/prediction.md"]
    assert "[Scaling](../data-representation/scaling.md)" in page


def test_role_reading_path_follows_the_process(project: Path, edit) -> None:
    edit(
        "patterns/data-representation/bucketing.yaml",
        "roles: [data-scientist]",
        "roles: [ml-engineer]",
    )
    page = render(load_catalog(project).catalog).pages["roles/ml-engineer.md"]
    order = [page.index(name) for name in ("### Training", "[Bucketing]", "### Serving", "[Drift]")]
    assert order == sorted(order)
