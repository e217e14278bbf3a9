"""Shared fixtures: a small valid catalog to break on purpose, and the real project."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mlpatterns.errors import CatalogError
from mlpatterns.generate import generate

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "catalog"


def pytest_configure(config: pytest.Config) -> None:
    """Generate the real catalog's pages before collection, so pytest-codeblocks sees them.

    Only the controlling process writes (xdist workers start after this hook has
    run there), so two workers never write the same file at once.
    """
    if not hasattr(config, "workerinput"):
        try:
            generate(REPO, REPO / "docs" / "catalog")
        except CatalogError as error:
            raise pytest.UsageError(f"the catalog has errors:\n{error.report()}") from None


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the fixture catalog (two patterns, one challenge) that a test may break."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURE, target)
    return target


Editor = Callable[[str, str, str], Path]


@pytest.fixture
def edit(project: Path) -> Editor:
    """Replace `old` with `new` in a file of the project copy; fail if `old` is absent."""

    def replace(relative: str, old: str, new: str) -> Path:
        path = project / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    return replace


GENERATED_BLOCK = "docs/catalog/"
_passed_blocks: set[str] = set()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count the generated-page code blocks that pytest-codeblocks actually ran and passed."""
    if report.when == "call" and report.passed and report.nodeid.startswith(GENERATED_BLOCK):
        _passed_blocks.add(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """On a full run, fail unless every catalog snippet ran as a code block and passed."""
    config = session.config
    full_run = config.args_source == pytest.Config.ArgsSource.TESTPATHS
    if hasattr(config, "workerinput") or not full_run:
        return  # a worker, or a partial run such as `pytest tests/test_render.py`
    from mlpatterns.load import load_catalog

    expected = len(load_catalog(REPO).catalog.all_snippets())
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    line = f"code blocks run on the generated pages: {len(_passed_blocks)} of {expected} snippets"
    if reporter:
        reporter.write_sep("-", line)
    if len(_passed_blocks) != expected:
        if reporter:
            reporter.write_sep("!", "FAILED: not every snippet ran as a code block", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
