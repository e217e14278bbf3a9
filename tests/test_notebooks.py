"""Every downloadable notebook runs under a Jupyter kernel (nbclient) and prints the
output the page shows; its stored output is that verified output already."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbclient import NotebookClient

from mlpatterns.render import render

from .conftest import _real_catalog

pytestmark = pytest.mark.content


def _notebooks() -> list[str]:
    loaded = _real_catalog()
    if isinstance(loaded, Exception):
        return []
    return [snippet.file.removesuffix(".py") for _, snippet in loaded.all_snippets()]


@pytest.fixture(scope="module")
def pages(catalog) -> dict[str, str | bytes]:
    return render(catalog, site_url="https://example.org/").pages


@pytest.mark.parametrize("stem", _notebooks())
def test_notebook_runs_and_prints_the_verified_output(pages, catalog, stem, tmp_path) -> None:
    text = pages[f"downloads/{stem}.ipynb"]
    assert isinstance(text, str)
    notebook = nbformat.reads(text, as_version=4)
    nbformat.validate(notebook)
    expected = (catalog.snippets_dir / f"{stem}.out").read_text(encoding="utf-8")
    stored = [
        "".join(output.get("text", ""))
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    ]
    assert stored == [expected], "the notebook must show the verified output before it runs"
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    printed = "".join(
        "".join(output.get("text", ""))
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.get("output_type") == "stream" and output.get("name") == "stdout"
    )
    assert printed == expected
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == [], json.dumps(errors)[:500]
