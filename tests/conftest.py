"""Shared fixtures and the snippet harness.

Layers (markers): `unit` (fast, no site build), `content` (the real catalog and its
snippets), `site` (strict MkDocs builds), `browser` (Chromium via Playwright). The
inner loop is `pytest -m unit`; CONTRIBUTING.md lists the others.

Nothing here writes to the work tree: the real catalog's pages are rendered in
memory for the snippet tests, and the site is built from a copy in a temporary
folder, once per test session however many xdist workers there are.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import io
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mlpatterns.snippets import ONE_THREAD

# Before any numeric library loads, here and in the xdist workers (which inherit it):
# snippets run single-threaded, as `mlpatterns run` and `--record` run them.
os.environ.update(ONE_THREAD)

from pytest_codeblocks.main import extract_from_buffer
from pytest_codeblocks.plugin import TestBlock

from mlpatterns.catalog import Catalog
from mlpatterns.errors import CatalogError
from mlpatterns.layout import entry_page
from mlpatterns.load import load_catalog
from mlpatterns.render import render

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "catalog"
# The fixture catalog's entry files, one of each kind, as the unit tests edit them.
BUCKETING = "patterns/data-representation/bucketing.yaml"
SCALING = "patterns/data-representation/scaling.yaml"
DRIFT = "patterns/challenges/drift.yaml"
UNSCALED = "patterns/anti-patterns/unscaled-distances.yaml"
GUIDE = "patterns/guides/scale-or-bucket.yaml"
SNIPPET_TIMEOUT = 60
"""Seconds a snippet may run in the suite before it counts as hung."""
LAYERS = ("unit", "content", "site", "browser")


def pytest_configure(config: pytest.Config) -> None:
    for layer in LAYERS:
        config.addinivalue_line("markers", f"{layer}: tests of the {layer} layer")


# ---------------------------------------------------------------- the real catalog


@functools.cache
def _catalog_at(root: Path) -> Catalog | CatalogError:
    try:
        return load_catalog(root).catalog
    except CatalogError as error:
        return error


def _real_catalog() -> Catalog | CatalogError:
    return _catalog_at(REPO)


SNIPPETS_OF = "MLPATTERNS_TEST_SNIPPETS_OF"
"""Environment variable: run the snippet blocks of another project (the harness's own
tests point it at a broken copy of the fixture catalog)."""


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The project's own catalog; a test using it fails (alone) if the catalog has errors."""
    loaded = _real_catalog()
    if isinstance(loaded, CatalogError):
        pytest.fail(f"the catalog has errors:\n{loaded.report()}", pytrace=False)
    return loaded


# ---------------------------------------------------------------- a catalog to break


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the fixture catalog (every kind of entry) that a test may break."""
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


# ---------------------------------------------------------------- snippets as code blocks


class SnippetTimeout(BaseException):
    """Raised in a hung snippet; a BaseException, so the snippet cannot catch it."""


class SnippetBlock(TestBlock):
    """A code block of a generated page, run by pytest-codeblocks, that knows its snippet."""

    entry_id = ""
    snippet_file = ""

    def runtest(self) -> None:
        def alarm(signum: int, frame: object) -> None:
            raise SnippetTimeout

        previous = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, SNIPPET_TIMEOUT)
        try:
            super().runtest()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException]) -> str:  # type: ignore[override]
        where = f"entry `{self.entry_id}`, snippet snippets/{self.snippet_file}"
        if excinfo.errisinstance(SnippetTimeout):
            return f"{where}: timed out after {SNIPPET_TIMEOUT} s - make it finish in under 5 s"
        detail = str(excinfo.value.args[0]) if excinfo.value.args else str(excinfo.value)
        return f"{where}: {detail}"


class CatalogLoads(pytest.Item):
    """Stands in for the snippet blocks when the catalog cannot be loaded."""

    def __init__(self, *, report: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.report = report

    def runtest(self) -> None:
        raise CatalogError([])

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException]) -> str:  # type: ignore[override]
        return f"the catalog has errors, so its snippets cannot run:\n{self.report}"


class SnippetPages(pytest.File):
    """The real catalog's entry pages, rendered in memory, as pytest-codeblocks files.

    Each page's `python` block is one snippet; the block's expected output is the
    recorded `.out`, so pytest-codeblocks runs each snippet once and compares.
    """

    def collect(self) -> Iterator[pytest.Item]:
        loaded = _catalog_at(Path(os.environ.get(SNIPPETS_OF) or REPO))
        if isinstance(loaded, CatalogError):
            yield CatalogLoads.from_parent(self, name="catalog loads", report=loaded.report())
            return
        pages = render(loaded).pages
        for entry in loaded.ordered:
            page = entry_page(entry)
            text = pages[page]
            assert isinstance(text, str)
            codes = {
                loaded.snippet_path(snippet).read_text(encoding="utf-8"): snippet.file
                for snippet in entry.snippets
            }
            for block in extract_from_buffer(io.StringIO(text)):
                if block.syntax != "python":
                    continue
                item = SnippetBlock.from_parent(self, name=f"{entry.id}:{codes.get(block.code)}")
                item.obj = block
                item.entry_id = entry.id
                item.snippet_file = codes.get(block.code, "?")
                item.add_marker(pytest.mark.content)
                yield item


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    # The snippet blocks sit beside test_snippets.py, which tests the harness itself.
    if file_path == REPO / "tests" / "test_snippets.py":
        nodeid = f"{file_path.relative_to(REPO).as_posix()}::snippet_pages"
        return SnippetPages.from_parent(parent, path=file_path, name="snippet_pages", nodeid=nodeid)
    return None


_collected_blocks: set[str] = set()
_passed_blocks: set[str] = set()


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    _collected_blocks.update(item.nodeid for item in items if isinstance(item, SnippetBlock))


def pytest_xdist_node_collection_finished(node: object, ids: list[str]) -> None:
    _collected_blocks.update(nodeid for nodeid in ids if "snippet_pages::" in nodeid)


_summaries: list[str] = []
"""Lines a test asks to show after the run (`record_property("summary", text)`): they
reach the terminal from xdist workers too, where a test's own output is not shown."""


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.passed and "snippet_pages::" in report.nodeid:
        _passed_blocks.add(report.nodeid)
    if report.when == "call":
        _summaries.extend(str(value) for key, value in report.user_properties if key == "summary")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for text in _summaries:
        for line in text.splitlines():
            terminalreporter.write_line(line)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Every snippet block that was collected must have run and passed.

    A block skipped at run time would otherwise pass unnoticed. Runs that select a
    subset (`-k`, `-m`, a path) check only the blocks they collected.
    """
    config = session.config
    if hasattr(config, "workerinput") or config.option.collectonly or not _collected_blocks:
        return
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    ran = len(_passed_blocks & _collected_blocks)
    line = f"snippet code blocks run and passed: {ran} of {len(_collected_blocks)}"
    if reporter:
        reporter.write_sep("-", line)
    if ran != len(_collected_blocks) and exitstatus == 0:
        if reporter:
            reporter.write_sep("!", "FAILED: not every snippet block ran and passed", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# ---------------------------------------------------------------- sites


def build_site(
    project: Path, site: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of `project` into `site`, as a user would run it.

    The MLPATTERNS_* site settings are dropped so a developer's environment cannot
    change what the tests see.
    """
    clean = {key: value for key, value in os.environ.items() if not key.startswith("MLPATTERNS_")}
    clean["NO_MKDOCS_2_WARNING"] = "1"
    clean.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site), *extra],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env=clean,
    )


def copy_repo(target: Path) -> Path:
    """What building the real site needs, copied without the generated pages."""
    skip = {".git", ".venv", "site", "node_modules", "__pycache__", ".ruff_cache", ".pytest_cache"}

    def ignore(folder: str, names: list[str]) -> set[str]:
        ignored = {name for name in names if name in skip}
        if Path(folder).resolve() == (REPO / "docs").resolve():
            ignored.add("catalog")
        return ignored

    shutil.copytree(REPO, target, ignore=ignore)
    return target


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The real site, built once per session and shared by every xdist worker."""
    root = tmp_path_factory.getbasetemp()
    shared = root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root
    site, log = shared / "real-site", shared / "real-site.log"
    with _lock(shared / "real-site.lock"):
        if not (site / "index.html").is_file():
            source = copy_repo(shared / "real-project")
            done = build_site(source, site)
            log.write_text(done.stderr, encoding="utf-8")
            if done.returncode != 0:
                shutil.rmtree(site, ignore_errors=True)
                pytest.fail(f"the site does not build:\n{done.stderr}", pytrace=False)
    return site, log.read_text(encoding="utf-8")


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
def site_url(built: tuple[Path, str]) -> Iterator[str]:
    with serve(built[0]) as url:
        yield url


# ---------------------------------------------------------------- the browser

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


@pytest.fixture
def page(browser):
    context = browser.new_context()
    opened = context.new_page()
    yield opened
    context.close()
