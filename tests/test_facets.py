"""One filter definition (mlpatterns.facets): refined stages count under their parent,
`any` data under every data type, and the CLI, the pages and the explorer's data agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlpatterns import facets
from mlpatterns.export import facets_json
from mlpatterns.load import load_catalog
from mlpatterns.render import render

pytestmark = pytest.mark.unit


def with_prediction_stage(edit) -> None:
    edit(
        "patterns/taxonomy.yaml",
        "  - id: online-prediction\n",
        "  - id: prediction\n    name: Prediction\n    description: Answers.\n"
        "  - id: online-prediction\n    parent: prediction\n",
    )


def test_a_refined_stage_counts_under_its_parent(project: Path, edit) -> None:
    with_prediction_stage(edit)
    edit("patterns/data-representation/scaling.yaml", "[training, serving]", "[online-prediction]")
    catalog = load_catalog(project).catalog
    assert facets.values(catalog, catalog.entries["scaling"], "stage") == {
        "online-prediction",
        "prediction",
    }


def test_any_data_counts_under_every_data_type(project: Path) -> None:
    catalog = load_catalog(project).catalog
    assert facets.values(catalog, catalog.entries["scaling"], "modality") == set(facets.DATA_TYPES)
    assert facets.values(catalog, catalog.entries["bucketing"], "modality") == {"tabular"}
    assert "any" not in [value for value, _ in facets.options(catalog)["modality"]]


def test_the_explorer_data_and_the_pages_count_alike(project: Path, edit) -> None:
    with_prediction_stage(edit)
    edit("patterns/data-representation/scaling.yaml", "[training, serving]", "[online-prediction]")
    catalog = load_catalog(project).catalog
    data = json.loads(facets_json(catalog))
    pages = render(catalog).pages
    for facet in data["facets"]:
        key = facet["key"]
        for value, _ in facet["options"]:
            in_data = sum(value in entry["values"][key] for entry in data["entries"])
            assert in_data == len(catalog.select(**{key: [value]})), (key, value)
            if key == "stage":
                page = pages[f"stages/{value}.md"]
                assert isinstance(page, str)
                assert page.count("](../") - page.count("](../stages/") >= in_data


def test_the_explorer_data_carries_urls_from_the_layout(project: Path) -> None:
    catalog = load_catalog(project).catalog
    data = json.loads(facets_json(catalog, prefix="lib", directory_urls=False))
    urls = {entry["id"]: entry["url"] for entry in data["entries"]}
    assert urls["scaling"] == "lib/data-representation/scaling.html"
    assert urls["unscaled-distances"] == "lib/anti-patterns/unscaled-distances.html"


def test_an_unknown_facet_is_a_clear_error(project: Path) -> None:
    catalog = load_catalog(project).catalog
    with pytest.raises(KeyError, match="unknown facet `colour`"):
        facets.values(catalog, catalog.entries["scaling"], "colour")
