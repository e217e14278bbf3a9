"""Notebooks read like the page: prose cells, code cells at natural breaks, the verified
output in the last code cell, and a link back to the page from site_url."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlpatterns.load import load_catalog
from mlpatterns.notebook import split_cells
from mlpatterns.render import render

pytestmark = pytest.mark.unit


def test_comment_blocks_become_prose_and_cell_markers_split_code() -> None:
    code = (
        "import numpy as np\n\n"
        "# The data: ten rows.\n"
        "x = np.arange(10)\n"
        "y = [\n"
        "# not a break: inside a list\n"
        "    1,\n"
        "]\n"
        "# %% The model\n"
        "print(x.sum())\n"
    )
    cells = split_cells(code)
    assert cells == [
        ("code", "import numpy as np\n"),
        ("markdown", "The data: ten rows.\n"),
        ("code", "x = np.arange(10)\ny = [\n# not a break: inside a list\n    1,\n]\n"),
        ("markdown", "The model\n"),
        ("code", "print(x.sum())\n"),
    ]


def test_the_notebook_holds_the_verified_output_and_links_to_its_page(project: Path) -> None:
    catalog = load_catalog(project).catalog
    pages = render(catalog, site_url="https://example.org/docs/").pages
    notebook = json.loads(pages["downloads/bucketing.ipynb"])
    cells = notebook["cells"]
    intro = "".join(cells[0]["source"])
    assert "<https://example.org/docs/catalog/data-representation/bucketing/>" in intro
    code_cells = [cell for cell in cells if cell["cell_type"] == "code"]
    output = (project / "snippets/bucketing.out").read_text(encoding="utf-8")
    assert "".join(code_cells[-1]["outputs"][0]["text"]) == output
    assert all(cell["outputs"] == [] for cell in code_cells[:-1])


def test_without_directory_urls_the_link_points_at_the_html_file(project: Path) -> None:
    catalog = load_catalog(project).catalog
    pages = render(catalog, directory_urls=False, site_url="https://example.org/").pages
    intro = "".join(json.loads(pages["downloads/scaling.ipynb"])["cells"][0]["source"])
    assert "<https://example.org/catalog/data-representation/scaling.html>" in intro


def test_no_local_address_in_a_published_notebook(project: Path) -> None:
    pages = render(load_catalog(project).catalog, site_url="").pages
    for path, text in pages.items():
        if path.endswith(".ipynb"):
            assert "127.0.0.1" not in text and "http" not in "".join(
                json.loads(text)["cells"][0]["source"]
            )
