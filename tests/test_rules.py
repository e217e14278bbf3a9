"""The content rules (mlpatterns.rules): each one fires on an entry that breaks it, at
the file, line and field to fix, and none fires on the valid fixture catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlpatterns.load import load_catalog
from mlpatterns.render import render
from mlpatterns.rules import RULES

from .conftest import BUCKETING, DRIFT, GUIDE, SCALING, UNSCALED

pytestmark = pytest.mark.unit

LONG_LINE = "x = 1  # " + "a" * 90 + "\n"

# (rule, file to edit, old text, new text, where the warning must point: a file and the
# text of the line it must name)
BREAKS = [
    ("R01", BUCKETING, "field:problem", "Too short.", "problem:"),
    ("R02", DRIFT, "field:solution", "Retrain.", "solution:"),
    ("R03", SCALING, "  Distances mix", "  In today's world, distances mix", "problem: |"),
    ("R04", SCALING, "  - name: Trees\n    text: Trees do not need it.\n", "", "trade_offs:"),
    ("R05", DRIFT, "field:avoid_when", "[]", "avoid_when:"),
    ("R06", BUCKETING, "  - Residuals curve against one input\n", "", "symptoms:"),
    (
        "R07",
        SCALING,
        "field:references",
        "\n  - title: One source\n    url: https://example.org/",
        "references:",
    ),
    ("R08", BUCKETING, "field:related", "[]", "related:"),
    ("R10", SCALING, "compared_with:\n  - name: unscaled\n", "", None),
    ("R11", BUCKETING, "  - name: raw", "  - name: splines", "  - name: splines"),
    (
        "R12",
        UNSCALED,
        "field:related",
        "\n  - id: scaling\n    relation: complements\n",
        "related:",
    ),
    ("R13", UNSCALED, "field:mechanism", "Short.", "mechanism:"),
    ("R14", "snippets/scale-or-bucket.out", "Scaling ", "Scaled  ", None),
    (
        "R15",
        GUIDE,
        "  - criterion: Weights to estimate\n    cells:\n"
        '      scaling: {text: "1"}\n      bucketing: {text: "10"}\n',
        "",
        "decision_table:",
    ),
    ("R16", GUIDE, 'scaling: {text: "0.70"}', 'scaling: {text: "0.71"}', 'scaling: {text: "0.71"}'),
    (
        "R17",
        GUIDE,
        "  - option: bucketing\n    when: the effect bends and every bucket holds enough rows.\n",
        "",
        "choose_when:",
    ),
    ("S01", "snippets/scaling.py", '"""Scaling:', '"""Scaler:', None),
    ("S02", "snippets/scaling.py", "assert np.allclose(scaled.mean(axis=0), 0)", "print(1)", None),
    (
        "S03",
        "snippets/scaling.py",
        "import numpy as np\n",
        "import numpy as np\n" + LONG_LINE,
        None,
    ),
    ("S04", "snippets/scaling.out", "scaled std", "\n" * 21 + "scaled std", None),
    (
        "S05",
        "snippets/scaling.py",
        "import numpy as np\n",
        "import numpy as np\nimport multiprocessing\n",
        None,
    ),
    (
        "S06",
        "snippets/scaling.py",
        "import numpy as np\n",
        "import numpy as np\nimport pandas\n",
        None,
    ),
    ("S07", "snippets/scaling.py", "import numpy as np\n", "import numpy as np\nif True\n", None),
]


def replace_field(text: str, key: str, value: str) -> str:
    """Replace a top-level field's whole value (all its indented lines) with `value`."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    end = start + 1
    while end < len(lines) and (lines[end].startswith(" ") or not lines[end].strip()):
        end += 1
    return "".join([*lines[:start], f"{key}: {value}\n", *lines[end:]])


def test_the_fixture_catalog_breaks_no_rule(project: Path) -> None:
    assert load_catalog(project).warnings == []


@pytest.mark.parametrize(
    ("code", "path", "old", "new", "line_text"), BREAKS, ids=[b[0] for b in BREAKS]
)
def test_a_broken_rule_is_reported_where_to_fix_it(
    project: Path, edit, code, path, old, new, line_text
) -> None:
    target = project / path
    text = target.read_text(encoding="utf-8")
    if old.startswith("field:"):  # replace the whole value of that field
        target.write_text(replace_field(text, old.removeprefix("field:"), new), "utf-8")
    else:
        edit(path, old, new)
    warnings = [w for w in load_catalog(project).warnings if f"[{code}]" in w.message]
    assert warnings, f"{code} did not fire"
    warning = warnings[0]
    assert warning.severity == "warning" and warning.fix
    assert str(warning).startswith(f"{warning.path}:{warning.line}:{warning.column}: warning: ")
    if path.endswith(".yaml"):
        assert warning.path == path and warning.field != "(file)"
    if line_text:
        lines = (project / warning.path).read_text(encoding="utf-8").splitlines()
        assert line_text in lines[warning.line - 1]


def test_every_rule_is_tested_here() -> None:
    tested = {code for code, *_ in BREAKS} | {"R09"}
    assert {rule.code for rule in RULES} == tested


def test_an_entry_without_a_snippet_breaks_r09(project: Path, edit) -> None:
    edit(
        DRIFT,
        "snippets:\n  - file: drift.py\n    title: A stale model and a retrained one\n"
        "    caption: The stale model's error grows; the retrained one stays close to launch.\n",
        "",
    )
    (project / "snippets/drift.py").unlink()
    (project / "snippets/drift.out").unlink()
    codes = [w.message for w in load_catalog(project).warnings if w.path == DRIFT]
    assert any("[R09]" in message for message in codes)


def test_rules_have_unique_codes_and_say_what_they_check() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes)) and codes == sorted(codes)
    assert all(rule.text.endswith(".") and rule.kinds for rule in RULES)


def test_the_rules_page_lists_every_rule(project: Path) -> None:
    page = render(load_catalog(project).catalog).pages["rules.md"]
    assert isinstance(page, str)
    for rule in RULES:
        assert f"| {rule.code} |" in page
