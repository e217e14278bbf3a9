"""Every downloadable notebook runs under a Jupyter kernel (nbclient) and prints the
output the page shows; its stored output is that verified output already.

One kernel serves all the notebooks of a test process (starting one costs more than
most snippets take to run); its namespace is reset before each notebook, so a
notebook that forgets an import still fails.
"""

from __future__ import annotations

import json

import nbformat
import pytest
from jupyter_client.manager import start_new_kernel
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


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kernel")  # the notebooks' working folder
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(folder))
    yield manager, client
    client.stop_channels()
    manager.shutdown_kernel(now=True)


@pytest.mark.parametrize("stem", _notebooks())
def test_notebook_runs_and_prints_the_verified_output(pages, catalog, kernel, stem) -> None:
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
    notebook.cells.insert(0, nbformat.v4.new_code_cell("%reset -f"))
    manager, client = kernel
    runner = NotebookClient(notebook, timeout=120, km=manager)
    runner.kc = client
    runner.execute(cleanup_kc=False)
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
