"""Run snippets as plain scripts, compare their output with the recorded `.out`, re-record.

Each snippet runs in a fresh Python process with a timeout, from an empty
temporary folder, exactly as a reader would run the downloaded file.
"""

from __future__ import annotations

import difflib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from mlpatterns.catalog import Catalog
from mlpatterns.model import Entry, SnippetRef

VERIFIED_FILE = "verified-with.json"
"""Beside the snippets: the versions their recorded output was produced with."""

ONE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
"""Numeric libraries run single-threaded for snippets: the same sums in the same order
on every machine (so recorded output matches), and no oversubscription when the test
suite runs snippets on every core at once."""

DEFAULT_TIMEOUT = 60.0
"""Seconds a snippet may run; the style guide asks for under 5."""


@dataclass(frozen=True)
class SnippetRun:
    """The outcome of running one snippet of one entry."""

    entry_id: str
    file: str
    stdout: str
    stderr: str
    returncode: int | None
    timed_out: bool
    seconds: float
    expected: str | None

    @property
    def ok(self) -> bool:
        """Ran to the end without error and printed exactly the recorded output."""
        return (
            not self.timed_out
            and self.returncode == 0
            and (self.expected is None or self.stdout == self.expected)
        )

    def failure(self) -> str:
        """Why the run failed, naming the entry and the snippet file."""
        where = f"entry `{self.entry_id}`, snippet snippets/{self.file}"
        if self.timed_out:
            return f"{where}: timed out after {self.seconds:.0f} s - make it finish in under 5 s"
        if self.returncode != 0:
            tail = "\n".join(self.stderr.strip().splitlines()[-12:])
            return f"{where}: exited with code {self.returncode}\n{tail}"
        if self.expected is not None and self.stdout != self.expected:
            diff = difflib.unified_diff(
                self.expected.splitlines(keepends=True),
                self.stdout.splitlines(keepends=True),
                fromfile=f"snippets/{Path(self.file).with_suffix('.out').name} (recorded)",
                tofile=f"snippets/{self.file} (this run)",
            )
            return (
                f"{where}: printed something other than its recorded output\n{''.join(diff)}"
                f"If the change is intended, run `mlpatterns snippets --record {self.entry_id}`."
            )
        return ""


EXEC_RUNNER = (
    "import sys; path = sys.argv[1]; "
    "code = compile(open(path, encoding='utf-8').read(), path, 'exec'); "
    "exec(code, {'__MODULE__': '__main__'})"
)
"""Runs a script the way pytest-codeblocks runs a code block of the page: with `exec`
and no `__name__ == "__main__"`, so `run`, `check` and `--record` agree with CI."""


def run_script(
    path: Path, timeout: float = DEFAULT_TIMEOUT
) -> tuple[str, str, int | None, bool, float]:
    """Run `path` with this interpreter, as the test suite does; return stdout, stderr,
    exit code, whether it timed out, and the seconds it took."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mlpatterns-") as workdir:
        try:
            done = subprocess.run(
                [sys.executable, "-c", EXEC_RUNNER, str(path.resolve())],
                cwd=workdir,
                capture_output=True,
                text=True,
                timeout=timeout,
                stdin=subprocess.DEVNULL,
                env={**os.environ, **ONE_THREAD},
            )
        except subprocess.TimeoutExpired as expired:
            stdout = expired.stdout.decode() if isinstance(expired.stdout, bytes) else ""
            return stdout, "", None, True, time.perf_counter() - started
    return done.stdout, done.stderr, done.returncode, False, time.perf_counter() - started


def run_snippet(
    catalog: Catalog, entry: Entry, snippet: SnippetRef, timeout: float = DEFAULT_TIMEOUT
) -> SnippetRun:
    """Run one snippet and compare its stdout with the recorded output."""
    output_path = catalog.output_path(snippet)
    expected = output_path.read_text(encoding="utf-8") if output_path.is_file() else None
    stdout, stderr, code, timed_out, seconds = run_script(catalog.snippet_path(snippet), timeout)
    return SnippetRun(entry.id, snippet.file, stdout, stderr, code, timed_out, seconds, expected)


def record(
    catalog: Catalog, entry: Entry, snippet: SnippetRef, timeout: float = DEFAULT_TIMEOUT
) -> SnippetRun:
    """Run one snippet and, if it succeeds, write its stdout to the `.out` file."""
    stdout, stderr, code, timed_out, seconds = run_script(catalog.snippet_path(snippet), timeout)
    run = SnippetRun(entry.id, snippet.file, stdout, stderr, code, timed_out, seconds, None)
    if run.ok:
        catalog.output_path(snippet).write_text(stdout, encoding="utf-8")
    return run


def current_versions() -> dict[str, str]:
    """Versions of Python and the libraries the snippets use, in this environment."""
    from importlib.metadata import version

    found = {"python": platform.python_version()}
    for package in ("scikit-learn", "numpy", "scipy"):
        found[package] = version(package)
    return found


def read_verified(snippets_dir: Path) -> dict[str, str]:
    """The versions recorded with the outputs, or an empty dict before the first record."""
    path = snippets_dir / VERIFIED_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def write_verified(snippets_dir: Path) -> Path:
    """Record this environment's versions next to the outputs just recorded."""
    path = snippets_dir / VERIFIED_FILE
    path.write_text(json.dumps(current_versions(), indent=2) + "\n", encoding="utf-8")
    return path
