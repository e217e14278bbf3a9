"""Shared fixtures: a small valid catalog to break on purpose, and the real project."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
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


def build_site(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of `project` into `site`, as a user would run it.

    The MLPATTERNS_* site settings are dropped so a developer's environment cannot
    change what the tests see.
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith("MLPATTERNS_")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The real site, built once per test process: (site folder, build log)."""
    site = tmp_path_factory.mktemp("site")
    done = build_site(REPO, site)
    assert done.returncode == 0, done.stderr
    return site, done.stderr


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free port of 127.0.0.1; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built) -> Iterator[str]:
    with serve(built[0]) as url:
        yield url


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def find_chromium() -> str | None:
    """Debian's Chromium, or the binary MLPATTERNS_CHROMIUM points at."""
    return os.environ.get("MLPATTERNS_CHROMIUM") or shutil.which("chromium")


CHROMIUM_MISSING = (
    "browser tests need Chromium: `apt-get install chromium` (as .ci/run does), "
    "or set MLPATTERNS_CHROMIUM to a Chromium or Chrome binary"
)


def chromium_path() -> str:
    """The Chromium binary, or a clear test failure when it is missing."""
    path = find_chromium()
    if not path:
        pytest.fail(CHROMIUM_MISSING, pytrace=False)
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
