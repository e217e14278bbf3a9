"""Every class of bad input gets a message naming the file, the line, the field and a fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlpatterns.errors import CatalogError, Problem
from mlpatterns.load import load_catalog

BUCKETING = "patterns/data-representation/bucketing.yaml"
SCALING = "patterns/data-representation/scaling.yaml"
DRIFT = "patterns/challenges/drift.yaml"


def problems(project: Path) -> list[Problem]:
    with pytest.raises(CatalogError) as caught:
        load_catalog(project)
    return caught.value.problems


def only(project: Path, path: str, field: str) -> Problem:
    """The single problem reported for `field` of `path`, with a fix."""
    found = [p for p in problems(project) if p.path == path and p.field == field]
    assert len(found) == 1, f"expected one problem for {path} {field}, got {found}"
    problem = found[0]
    assert problem.fix, f"no fix suggested: {problem}"
    assert str(problem).startswith(f"{path}:{problem.line}:{problem.column}: {field}: ")
    return problem


def line_of(project: Path, path: str, text: str) -> int:
    lines = (project / path).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_fixture_catalog_is_valid(project: Path) -> None:
    loaded = load_catalog(project)
    assert sorted(loaded.catalog.entries) == ["bucketing", "drift", "scaling"]
    assert loaded.warnings == []


def test_yaml_syntax_error(project: Path, edit) -> None:
    edit(BUCKETING, "roles: [data-scientist]", "roles: [data-scientist")
    problem = only(project, BUCKETING, "(yaml)")
    assert "YAML syntax error" in problem.message
    assert problem.line >= line_of(project, BUCKETING, "roles: [data-scientist")


def test_empty_file(project: Path) -> None:
    (project / BUCKETING).write_text("\n# nothing here\n", encoding="utf-8")
    problem = only(project, BUCKETING, "(file)")
    assert (problem.line, problem.message) == (1, "the file is empty")
    assert "mlpatterns new" in problem.fix


def test_top_level_not_a_mapping(project: Path) -> None:
    (project / BUCKETING).write_text("- id: bucketing\n- kind: pattern\n", encoding="utf-8")
    problem = only(project, BUCKETING, "(file)")
    assert "not a mapping" in problem.message and problem.line == 1


def test_missing_required_field(project: Path, edit) -> None:
    edit(BUCKETING, "    text: Quantile edges move when the data moves.\n", "")
    problem = only(project, BUCKETING, "trade_offs[1].text")
    assert problem.message == "field required"
    assert problem.fix == 'add `text:` under "Bucket edges"'
    assert problem.line == line_of(project, BUCKETING, "- name: Bucket edges")


def test_wrong_type(project: Path, edit) -> None:
    edit(BUCKETING, "roles: [data-scientist]", "roles: data-scientist")
    problem = only(project, BUCKETING, "roles")
    assert problem.message == "expected a list, got text"
    assert problem.line == line_of(project, BUCKETING, "roles:")


def test_unknown_field_suggests_near_miss(project: Path, edit) -> None:
    edit(BUCKETING, "summary:", "sumary:")
    found = problems(project)
    unknown = next(p for p in found if p.field == "sumary")
    assert unknown.message == "unknown field `sumary`"
    assert unknown.fix == "did you mean `summary`?"
    assert unknown.line == line_of(project, BUCKETING, "sumary:") and unknown.column == 1
    assert any(p.field == "summary" and p.message == "field required" for p in found)


def test_id_not_kebab_case(project: Path, edit) -> None:
    edit(BUCKETING, "id: bucketing", "id: Bucketing_Numbers")
    found = [p for p in problems(project) if p.field == "id"]
    assert "`Bucketing_Numbers` is not kebab-case" in found[0].message
    assert "bucketing-numbers" in found[0].fix
    assert found[0].line == 1


def test_id_differs_from_file_stem(project: Path, edit) -> None:
    edit(SCALING, "id: scaling", "id: scaler")
    problem = only(project, SCALING, "id")
    assert "differs from the file name `scaling.yaml`" in problem.message
    assert problem.fix == "rename the file to scaler.yaml or set `id: scaling`"


def test_duplicate_id(project: Path) -> None:
    copy = project / "patterns/model-training/scaling.yaml"
    copy.parent.mkdir()
    text = (project / SCALING).read_text(encoding="utf-8")
    copy.write_text(text.replace("category: data-representation", "category: model-training"))
    problem = only(project, "patterns/model-training/scaling.yaml", "id")
    assert f"duplicate id `scaling`, also used by {SCALING}" == problem.message


@pytest.mark.parametrize(
    ("old", "new", "field", "message", "fix"),
    [
        (
            "category: data-representation",
            "category: data-representaton",
            "category",
            "unknown category `data-representaton`",
            "did you mean `data-representation`?",
        ),
        (
            "roles: [data-scientist]",
            "roles: [data-scientst]",
            "roles[0]",
            "unknown role `data-scientst`",
            "did you mean `data-scientist`?",
        ),
        (
            "stages: [training]",
            "stages: [trainng]",
            "stages[0]",
            "unknown stage `trainng`",
            "did you mean `training`?",
        ),
        (
            "challenges: [drift]",
            "challenges: [drfit]",
            "challenges[0]",
            "unknown challenge `drfit`",
            "did you mean `drift`?",
        ),
        (
            "  - id: scaling",
            "  - id: scalling",
            "related[0].id",
            "unknown entry `scalling`",
            "did you mean `scaling`?",
        ),
    ],
    ids=["category", "role", "stage", "challenge", "related"],
)
def test_unknown_reference_suggests(project: Path, edit, old, new, field, message, fix) -> None:
    edit(BUCKETING, old, new)
    problem = only(project, BUCKETING, field)
    assert (problem.message, problem.fix) == (message, fix)
    assert problem.line == line_of(project, BUCKETING, new.strip().split(":")[0] + ":")


def test_related_to_itself(project: Path, edit) -> None:
    edit(BUCKETING, "  - id: scaling", "  - id: bucketing")
    problem = only(project, BUCKETING, "related[0].id")
    assert problem.message == "an entry cannot be related to itself"


def test_related_declared_twice_in_one_entry(project: Path, edit) -> None:
    edit(BUCKETING, "snippets:", "  - id: scaling\n    relation: complements\nsnippets:")
    problem = only(project, BUCKETING, "related[1].id")
    assert problem.message == "edge to `scaling` is already declared earlier in this file"


def test_related_declared_from_both_sides(project: Path, edit) -> None:
    edit(SCALING, "snippets:", "related:\n  - id: bucketing\n    relation: complements\nsnippets:")
    problem = only(project, SCALING, "related[0].id")
    assert f"already declared in {BUCKETING}:" in problem.message
    assert "shows it automatically" in problem.fix


def test_snippet_file_missing(project: Path) -> None:
    (project / "snippets/scaling.py").rename(project / "snippets/scaler.py")
    found = problems(project)
    missing = next(p for p in found if p.path == SCALING)
    assert missing.field == "snippets[0].file"
    assert missing.message == "snippet snippets/scaling.py does not exist"
    assert "did you mean `scaler.py`?" in missing.fix
    assert missing.line == line_of(project, SCALING, "- file: scaling.py")


def test_snippet_without_recorded_output(project: Path) -> None:
    (project / "snippets/scaling.out").unlink()
    problem = only(project, SCALING, "snippets[0].file")
    assert problem.message == "snippet scaling.py has no recorded output"
    assert problem.fix == "run `mlpatterns snippets --record scaling`"


def test_snippet_file_no_entry_uses(project: Path) -> None:
    (project / "snippets/leftover.py").write_text("print(1)\n", encoding="utf-8")
    problem = only(project, "snippets/leftover.py", "(file)")
    assert problem.message == "no entry uses this snippet file" and problem.line == 1


def test_summary_too_long(project: Path, edit) -> None:
    edit(SCALING, "summary: Put numeric", "summary: " + "very " * 40 + "Put numeric")
    problem = only(project, SCALING, "summary")
    assert problem.message.startswith("summary is 2") and "the limit is 200" in problem.message
    assert problem.line == line_of(project, SCALING, "summary:")


def test_reference_url_not_http(project: Path, edit) -> None:
    edit(DRIFT, "url: https://scikit-learn.org", "url: ftp://scikit-learn.org")
    problem = only(project, DRIFT, "references[0].url")
    assert "is not an http(s) URL" in problem.message
    assert problem.line == line_of(project, DRIFT, "url: ftp://")


def test_duplicate_yaml_key(project: Path, edit) -> None:
    edit(SCALING, "stages: [training, serving]", "stages: [training]\nstages: [serving]")
    problem = only(project, SCALING, "stages")
    assert problem.message == "field appears twice"
    assert problem.line == line_of(project, SCALING, "stages: [serving]")


def test_pattern_needs_three_trade_offs(project: Path, edit) -> None:
    edit(SCALING, "  - name: Trees\n    text: Trees do not need it.\n", "")
    problem = only(project, SCALING, "trade_offs")
    assert problem.message == "a pattern needs at least 3 trade-offs, found 2"


def test_code_fence_in_text_is_an_error(project: Path, edit) -> None:
    edit(SCALING, "  Use `StandardScaler`", "  ```python\n  x = 1\n  ```\n  Use `StandardScaler`")
    problem = only(project, SCALING, "solution")
    assert "would never be run" in problem.message and "snippet" in problem.fix


def test_script_url_in_text_is_an_error(project: Path, edit) -> None:
    edit(SCALING, "Distances mix", "[click](javascript:alert(1)) Distances mix")
    problem = only(project, SCALING, "problem")
    assert problem.message == "`javascript:` links are not allowed"


def test_todo_is_a_warning_not_an_error(project: Path, edit) -> None:
    edit(SCALING, "Distances mix", "TODO Distances mix")
    loaded = load_catalog(project)
    assert [(w.path, w.field, w.severity) for w in loaded.warnings] == [
        (SCALING, "problem", "warning")
    ]
    assert "warning: problem: still a TODO placeholder" in str(loaded.warnings[0])


def test_all_errors_are_reported_at_once(project: Path, edit) -> None:
    edit(BUCKETING, "stages: [training]", "stages: [trainng]")
    edit(SCALING, "summary:", "sumary:")
    edit(DRIFT, "url: https://", "url: ftp://")
    (project / "snippets/leftover.out").write_text("1\n", encoding="utf-8")
    paths = {problem.path for problem in problems(project)}
    assert paths == {BUCKETING, SCALING, DRIFT, "snippets/leftover.out"}


def test_taxonomy_errors_name_the_taxonomy_file(project: Path, edit) -> None:
    edit("patterns/taxonomy.yaml", "  - id: batch-prediction\n", "  - id: batch-predictions\n")
    found = [p for p in problems(project) if p.path == "patterns/taxonomy.yaml"]
    assert [p.message for p in found] == ["stage `batch-prediction` is missing"]
    assert found[0].field == "stages"


def test_entry_in_wrong_folder(project: Path) -> None:
    moved = project / "patterns/model-training/scaling.yaml"
    moved.parent.mkdir()
    (project / SCALING).rename(moved)
    problem = only(project, "patterns/model-training/scaling.yaml", "category")
    assert (
        problem.message == "the file is in `model-training/` but belongs in `data-representation/`"
    )
    assert problem.fix == "move it to patterns/data-representation/scaling.yaml"


def test_pattern_needs_a_brief(project: Path, edit) -> None:
    brief = "brief:\n  problem: The raw input hides the effect.\n"
    edit(SCALING, brief + "  solution: Transform the input first.\n", "")
    problem = only(project, SCALING, "brief")
    assert problem.message == "field required for a pattern"


def test_nested_list_with_too_little_indent(project: Path, edit) -> None:
    edit(SCALING, "  Use `StandardScaler`", "  1. First\n     - nested\n  Use `StandardScaler`")
    problem = only(project, SCALING, "solution")
    assert "would render flat" in problem.message and "4 spaces" in problem.fix


def test_ids_are_checked_even_when_the_entry_fails_the_schema(project: Path, edit) -> None:
    edit(BUCKETING, "    text: Quantile edges move when the data moves.\n", "")
    edit(BUCKETING, "roles: [data-scientist]", "roles: [data-scientst]")
    fields = {p.field for p in problems(project) if p.path == BUCKETING}
    assert fields == {"trade_offs[1].text", "roles[0]"}
