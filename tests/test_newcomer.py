"""A newcomer follows CONTRIBUTING.md in a copy of the repository, end to end.

Scaffold a pattern, fill in every TODO to the catalog's bar, record the snippet,
validate strictly, generate and build the site; then break the entry and check
that the messages say where and how to fix it, from the CLI and from MkDocs alike.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import REPO, build_site

pytestmark = pytest.mark.xdist_group("newcomer")

ENTRY_ID = "shadow-deployment"
ENTRY_FILE = f"patterns/resilient-serving/{ENTRY_ID}.yaml"
SNIPPET_FILE = f"snippets/{ENTRY_ID}.py"

PROBLEM = """\
A lender retrains its credit-risk model every month on the newest applications. The
candidate beats the live model on the held-out test set, but that test set was drawn from
last quarter's applicants, while this month a campaign brought in younger applicants with
thinner credit files. Nobody knows how the candidate behaves on them until it serves, and
by then every wrong decision reaches a real customer.

Offline evaluation cannot settle the question. Live traffic differs from any stored split
in its mix, its missing values and its upstream bugs; the production feature pipeline may
not match the notebook; and latency problems only appear under real load. A direct swap
turns each surprise into an incident.
"""

SOLUTION = """\
Run the candidate in the shadow of the live model: it sees every request but never answers.

1. **Duplicate each request.** The serving wrapper calls `predict` on the live model and
   returns that answer as usual, then scores the same row with each shadow model, for
   example a retrained `Pipeline` loaded with `joblib.load`.
2. **Isolate the shadows.** Score them after the live answer is computed, or in a
   `concurrent.futures.ThreadPoolExecutor` with a timeout, and catch every exception, so a
   slow or broken candidate can neither delay nor change what the user receives.
3. **Log both answers with a key.** Write one record per request with the key, the model
   versions and both predictions, for example with the `logging` module.
4. **Join late labels and compare.** When ground truth arrives, join it to the log by key
   and compute the same metric for every model on the same requests, such as
   `sklearn.metrics.accuracy_score`, per segment as well as overall.
5. **Promote on evidence.** Switch the candidate to live only when it wins by a margin
   fixed in advance, and keep the old model in the shadow for a while.
"""

# Every TODO the scaffold writes, and what a contributor puts there.
FILLED = {
    ("summary",): (
        "Score live requests with a candidate model next to the current one, log both "
        "answers, and serve only the current model until the log says to switch."
    ),
    ("brief", "problem"): "Offline metrics do not show how a new model behaves on live traffic.",
    ("brief", "solution"): "Score live requests with the candidate too, log it, never serve it.",
    ("symptoms", 0): "A new model passed offline tests and still surprised us in production",
    ("symptoms", 1): "Nobody knows how the candidate behaves on real traffic before launch",
    ("symptoms", 2): "Rolling back a bad release takes hours",
    ("problem",): PROBLEM,
    ("solution",): SOLUTION,
    ("trade_offs", 0, "name"): "Double the inference cost",
    ("trade_offs", 0, "text"): (
        "Every request is scored twice. Sample a share of traffic for the shadow when the "
        "full volume is too expensive."
    ),
    ("trade_offs", 1, "name"): "Alternative: A/B test or canary release",
    ("trade_offs", 1, "text"): (
        "Serving the candidate to a few users measures its effect on their behavior, which a "
        "shadow cannot; it wins when the outcome depends on the prediction."
    ),
    ("trade_offs", 2, "name"): "Slow verdict when labels arrive late",
    ("trade_offs", 2, "text"): (
        "The comparison waits for ground truth; compare on agreement or proxy labels meanwhile."
    ),
    ("avoid_when", 0): (
        "Side effects cannot be suppressed; a shadow that writes to a database would act twice."
    ),
    ("snippets", 0, "title"): "A candidate scored in the shadow of the live model",
    ("snippets", 0, "caption"): "Users get the live answers while the log compares both.",
}

SNIPPET_DOCSTRING = '"""Shadow Deployment: a candidate scores live traffic but never answers.'
SNIPPET_LOOK_FOR = "Look for: the served answers equal the live model's answers alone."
SNIPPET_CODE = """\
live, candidate = values > 0, values > 0.5
log = list(zip(live, candidate, strict=True))  # both answers logged, only the live one served
served = [answer for answer, _ in log]
print("served equals live:", served == list(live))
assert served == list(live) and len(log) == len(values)"""
NOTE = "Shadow and live answers are joined to late labels by the request key."


def mlpatterns(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mlpatterns", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """What a contributor's clone needs for content work; the package itself is installed."""
    root = tmp_path / "mlpatterns"
    root.mkdir()
    for folder in ("patterns", "snippets", "schema"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("catalog"))
    for path in REPO.iterdir():
        if path.is_file() and (path.suffix in {".yml", ".yaml", ".md"} or path.stem == "LICENSE"):
            shutil.copy2(path, root / path.name)
    return root


def todo_paths(data: object, path: tuple = ()) -> list[tuple]:
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in todo_paths(value, (*path, key))]
    if isinstance(data, list):
        return [found for i, value in enumerate(data) for found in todo_paths(value, (*path, i))]
    return [path] if isinstance(data, str) and "TODO" in data else []


def set_at(data: dict, path: tuple, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def write_entry(path: Path, data: dict) -> str:
    """Write the entry as a contributor's editor would: schema comment first, then fields."""
    comment = path.read_text(encoding="utf-8").split("\n", 1)[0]
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(f"{comment}\n{body}", encoding="utf-8")
    return f"{comment}\n{body}"


def scaffold_and_fill(root: Path) -> dict:
    """Steps 1-3 of CONTRIBUTING.md: scaffold, fill in the YAML, write the snippet."""
    done = mlpatterns(
        root, "new", "pattern", "Shadow Deployment", "--category", "resilient-serving"
    )
    assert done.returncode == 0, done.stderr
    assert f"created {ENTRY_FILE}" in done.stdout

    entry_path = root / ENTRY_FILE
    text = entry_path.read_text(encoding="utf-8")
    schema_line = text.split("\n", 1)[0]
    assert schema_line == "# yaml-language-server: $schema=../../schema/entry.schema.json"
    data = yaml.safe_load(text)
    assert sorted(todo_paths(data), key=str) == sorted(FILLED, key=str), (
        "the scaffold's TODO fields changed; update FILLED in this test and CONTRIBUTING.md"
    )
    for path, value in FILLED.items():
        set_at(data, path, value)
    data.update(
        aliases=["Shadow mode", "Dark launch"],
        roles=["ml-engineer", "data-scientist"],
        stages=["serving", "online-prediction", "monitoring"],
        challenges=["data-drift"],
        related=[
            {
                "id": "keyed-predictions",
                "relation": "requires",
                "note": NOTE,
            },
            {
                "id": "continued-model-evaluation",
                "relation": "complements",
                "note": "The shadow log is what continued evaluation runs on for both models.",
            },
        ],
        references=[
            {
                "title": "Amazon SageMaker Developer Guide, Shadow tests",
                "url": "https://docs.aws.amazon.com/sagemaker/latest/dg/shadow-tests.html",
            },
            {
                "title": "Python documentation, concurrent.futures",
                "url": "https://docs.python.org/3/library/concurrent.futures.html",
            },
        ],
    )
    # The bar of CONTRIBUTING.md's review checklist (tests/test_content.py counts the same way).
    words = re.compile(r"\w[\w'-]*")
    assert len(words.findall(data["problem"])) >= 80
    assert len(words.findall(data["solution"])) >= 100
    assert len(data["summary"]) <= 200 and len(data["trade_offs"]) >= 3 and data["avoid_when"]
    assert len(data["related"]) >= 2 and len(data["references"]) >= 2
    assert "TODO" not in write_entry(entry_path, data)

    snippet = root / SNIPPET_FILE
    lines = snippet.read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if "TODO" in line and line.startswith('"""'):
            lines[index] = SNIPPET_DOCSTRING
        elif "TODO" in line and line.startswith("#"):
            lines[index] = SNIPPET_CODE
        elif "TODO" in line:
            lines[index] = SNIPPET_LOOK_FOR
    code = "\n".join(lines) + "\n"
    assert "TODO" not in code
    snippet.write_text(code, encoding="utf-8")
    return data


def test_a_newcomer_adds_a_pattern_end_to_end(repo_copy: Path, tmp_path: Path) -> None:
    scaffold_and_fill(repo_copy)

    recorded = mlpatterns(repo_copy, "snippets", "--record", ENTRY_ID)
    assert recorded.returncode == 0, recorded.stderr
    output = (repo_copy / "snippets" / f"{ENTRY_ID}.out").read_text(encoding="utf-8")
    assert "served equals live: True\n" in output
    assert mlpatterns(repo_copy, "run", ENTRY_ID).returncode == 0

    strict = mlpatterns(repo_copy, "validate", "--strict")
    assert strict.returncode == 0, strict.stderr
    assert strict.stdout.startswith("ok: ") and "warning" not in strict.stdout + strict.stderr

    generated = mlpatterns(repo_copy, "generate")
    assert generated.returncode == 0, generated.stderr
    assert (repo_copy / "docs" / "catalog" / "resilient-serving" / f"{ENTRY_ID}.md").is_file()

    site = tmp_path / "site"
    built = build_site(repo_copy, site)
    assert built.returncode == 0, built.stderr
    page = site / "catalog" / "resilient-serving" / ENTRY_ID / "index.html"
    assert page.is_file()
    assert "Shadow Deployment" in page.read_text(encoding="utf-8")
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    assert ENTRY_ID in [entry["id"] for entry in catalog["entries"]]
    # The edge is declared once, on the new entry; the other page shows the reverse.
    other = site / "catalog" / "resilient-serving" / "keyed-predictions" / "index.html"
    other_html = other.read_text(encoding="utf-8")
    assert "required by" in other_html and NOTE in other_html


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line that contains `needle`."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_broken_entry_tells_the_newcomer_where_and_how_to_fix_it(
    repo_copy: Path, tmp_path: Path
) -> None:
    data = scaffold_and_fill(repo_copy)
    entry_path = repo_copy / ENTRY_FILE
    where = re.escape(ENTRY_FILE)

    # First round: a field left out and a misspelled relation type, both in one report.
    broken = copy.deepcopy(data)
    del broken["trade_offs"][1]["text"]
    broken["related"][0]["relation"] = "requirs"
    text = write_entry(entry_path, broken)
    item_line = line_of(text, "Alternative: A/B test or canary release")
    relation_line = line_of(text, "relation: requirs")
    assert_reported(
        repo_copy,
        tmp_path / "site-1",
        rf"{where}:{item_line}:\d+: trade_offs\[1\]\.text: field required - add `text:` under "
        r'"Alternative: A/B test or canary release"',
        rf"{where}:{relation_line}:\d+: related\[0\]\.relation: `requirs` is not allowed here"
        r" - did you mean `requires`\?",
    )

    # Second round: the fields are well-formed, so the ids are checked against the taxonomy.
    broken = copy.deepcopy(data)
    broken["roles"][0] = "ml-enginer"
    text = write_entry(entry_path, broken)
    role_line = line_of(text, "- ml-enginer")
    assert_reported(
        repo_copy,
        tmp_path / "site-2",
        rf"{where}:{role_line}:\d+: roles\[0\]: unknown role `ml-enginer`"
        r" - did you mean `ml-engineer`\?",
    )


def assert_reported(root: Path, site: Path, *expected: str) -> None:
    """`mlpatterns validate` and `mkdocs build` both fail with these lines and no traceback."""
    validated = mlpatterns(root, "validate")
    built = build_site(root, site)
    for name, done in (("mlpatterns validate", validated), ("mkdocs build", built)):
        assert done.returncode == 1, f"{name} exited with {done.returncode}"
        assert "Traceback" not in done.stderr, done.stderr
        for pattern in expected:
            assert re.search(pattern, done.stderr), f"{name}: {pattern!r} not in:\n{done.stderr}"
    assert not (site / "catalog" / "resilient-serving" / ENTRY_ID).exists(), "a partial site"
