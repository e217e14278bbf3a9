"""Every class of bad input gets a message naming the file, the line, the field and a fix."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mlpatterns.errors import CatalogError, Problem
from mlpatterns.load import load_catalog

from .conftest import BUCKETING, DRIFT, GUIDE, SCALING, UNSCALED

pytestmark = pytest.mark.unit


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
    kinds = {entry.id: entry.kind for entry in loaded.catalog.entries.values()}
    assert kinds == {
        "bucketing": "pattern",
        "scaling": "pattern",
        "drift": "challenge",
        "unscaled-distances": "anti-pattern",
        "scale-or-bucket": "guide",
    }
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
            "  - id: drift",
            "  - id: drfit",
            "challenges[0].id",
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
    assert problem.line == line_of(project, BUCKETING, new.strip())


def test_related_to_itself(project: Path, edit) -> None:
    edit(BUCKETING, "  - id: scaling", "  - id: bucketing")
    problem = only(project, BUCKETING, "related[0].id")
    assert problem.message == "an entry cannot be related to itself"


def test_related_declared_twice_in_one_entry(project: Path, edit) -> None:
    edit(BUCKETING, "compared_with:", "  - id: scaling\n    relation: complements\ncompared_with:")
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


ALIAS_BOMB = 'a: &a ["x", "x"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(10)
)


def test_yaml_alias_bomb_is_refused_at_once(project: Path) -> None:
    (project / BUCKETING).write_text(ALIAS_BOMB, encoding="utf-8")
    started = time.perf_counter()
    problem = only(project, BUCKETING, "(yaml)")
    assert time.perf_counter() - started < 1
    assert "anchors and aliases (&a) are not allowed" in problem.message
    assert (problem.line, problem.column) == (1, 4)


def test_oversized_file_is_refused_at_once(project: Path, edit) -> None:
    edit(BUCKETING, "problem: |\n", "problem: |\n" + "  filler text\n" * 30_000)
    started = time.perf_counter()
    problem = only(project, BUCKETING, "(yaml)")
    assert time.perf_counter() - started < 1
    assert "KB; an entry may be at most 256 KB" in problem.message and problem.line == 1


def test_list_item_at_the_wrong_indentation(project: Path, edit) -> None:
    edit(
        BUCKETING,
        "  - Residuals curve against one input\n",
        "    - Residuals curve against one input\n",
    )
    problem = only(project, BUCKETING, "symptoms[0]")
    assert "starts with `- ` but YAML read it as part of the text above" in problem.message
    assert problem.line == line_of(project, BUCKETING, "    - Residuals curve")


def test_a_syntax_error_has_no_follow_on_errors(project: Path, edit) -> None:
    edit(
        SCALING,
        "    text: One outlier squeezes the rest.",
        "   text: One outlier squeezes the rest.",
    )
    found = problems(project)
    assert [(p.path, p.field) for p in found] == [(SCALING, "(yaml)")]


def test_a_field_of_another_kind_is_an_error(project: Path, edit) -> None:
    edit(SCALING, "summary:", "mechanism: Units decide the geometry.\nsummary:")
    problem = only(project, SCALING, "mechanism")
    assert problem.message == "only a anti-pattern has `mechanism`, and this entry is a pattern"


def test_an_anti_pattern_needs_its_mechanism(project: Path) -> None:
    path = project / UNSCALED
    text = path.read_text(encoding="utf-8")
    start = text.index("mechanism: |")
    path.write_text(text[:start] + text[text.index("detection: |") :], encoding="utf-8")
    problem = only(project, UNSCALED, "mechanism")
    assert problem.message == "field required for an anti-pattern"


def test_fixed_by_goes_from_an_anti_pattern_to_a_pattern(project: Path, edit) -> None:
    edit(BUCKETING, "relation: alternative-to", "relation: fixed-by")
    problem = only(project, BUCKETING, "related[0].relation")
    assert (
        "goes from an anti-pattern to the pattern that fixes it; this entry is a pattern"
        in problem.message
    )


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("drift", "`fixed-by` points at a pattern; `drift` is a challenge"),
        ("scalng", "unknown entry `scalng`"),
    ],
    ids=["to-a-challenge", "missing-id"],
)
def test_fixed_by_target_must_be_an_existing_pattern(
    project: Path, edit, target: str, message: str
) -> None:
    edit(
        UNSCALED,
        "  - id: scaling\n    relation: fixed-by",
        f"  - id: {target}\n    relation: fixed-by",
    )
    problem = only(project, UNSCALED, "related[0].id")
    assert message in problem.message
    assert problem.line == line_of(project, UNSCALED, f"- id: {target}")


def test_guide_options_must_be_patterns_or_anti_patterns(project: Path, edit) -> None:
    edit(GUIDE, "options: [scaling, bucketing]", "options: [scaling, drift, bucketng]")
    found = {p.field: p for p in problems(project) if p.path == GUIDE}
    assert (
        "is a challenge; a guide compares patterns and anti-patterns" in found["options[1]"].message
    )
    assert found["options[2]"].message == "unknown entry `bucketng`"
    assert found["options[2]"].fix == "did you mean `bucketing`?"


def test_decision_table_needs_a_cell_per_option(project: Path, edit) -> None:
    edit(GUIDE, '      bucketing: {text: "10"}\n', '      bucketng: {text: "10"}\n')
    found = {p.field: p for p in problems(project) if p.path == GUIDE}
    assert found["decision_table[1].cells"].message == "no cell for `bucketing`"
    extra = found["decision_table[1].cells.bucketng"]
    assert extra.message == "`bucketng` is not one of the options"
    assert extra.fix == "did you mean `bucketing`?"


def test_decision_cell_reference_must_exist(project: Path, edit) -> None:
    edit(GUIDE, "ref: 2}", "ref: 3}")
    problem = only(project, GUIDE, "decision_table[2].cells.bucketing.ref")
    assert problem.message == "reference 3 does not exist; the entry lists 2"


def test_choose_when_names_an_option(project: Path, edit) -> None:
    edit(GUIDE, "  - option: scaling", "  - option: scalling")
    problem = only(project, GUIDE, "choose_when[0].option")
    assert problem.fix == "did you mean `scaling`?"


def test_compared_with_id_must_exist(project: Path, edit) -> None:
    edit(SCALING, "  - name: unscaled\n", "  - name: unscaled\n    id: bucketng\n")
    problem = only(project, SCALING, "compared_with[0].id")
    assert (problem.message, problem.fix) == (
        "unknown entry `bucketng`",
        "did you mean `bucketing`?",
    )


def test_challenge_link_fit_is_checked(project: Path, edit) -> None:
    edit(BUCKETING, "fit: partial", "fit: partly")
    problem = only(project, BUCKETING, "challenges[0].fit")
    assert problem.fix == "did you mean `partial`?"


def test_a_category_cannot_take_the_folder_of_another_kind(project: Path, edit) -> None:
    edit("patterns/taxonomy.yaml", "  - id: model-training\n", "  - id: guides\n")
    problem = only(project, "patterns/taxonomy.yaml", "categories[1].id")
    assert "is the folder of another part of the catalog" in problem.message
