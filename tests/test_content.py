"""The real catalog's content: it meets every content rule, and what it promises holds.

The bar itself (word counts, references, evidence in the output, snippet style) is
the rule table of `mlpatterns.rules`, tested on the fixture catalog in
test_rules.py; here it is applied to the project's own entries. The other tests
name the parts of the real catalog they check.
"""

from __future__ import annotations

import pytest

from mlpatterns.load import load_catalog

from .conftest import REPO

pytestmark = pytest.mark.content


def test_every_entry_meets_every_content_rule(catalog) -> None:
    warnings = load_catalog(REPO).warnings
    assert warnings == [], "\n" + "\n".join(str(warning) for warning in warnings)


def test_every_category_has_its_patterns(catalog) -> None:
    empty = [c.id for c in catalog.taxonomy.categories if not catalog.in_category(c.id)]
    assert empty == []


def test_the_catalog_covers_the_thirty_patterns_and_five_challenges(catalog) -> None:
    assert len(catalog.patterns) >= 30 and len(catalog.challenges) >= 5


def test_the_catalog_has_its_anti_patterns_and_guides(catalog) -> None:
    assert len(catalog.anti_patterns) >= 10 and len(catalog.guides) >= 6


def test_every_pattern_compared_in_a_guide_links_back(catalog) -> None:
    for guide in catalog.guides:
        for option in guide.options:
            assert guide in catalog.compared_in(option), f"{option} does not list {guide.id}"


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
def test_well_known_interactions_are_related(catalog, a: str, b: str) -> None:
    assert b in {neighbor.entry.id for neighbor in catalog.related(a)}
