"""`mkdocs serve` regenerates the pages when an entry or a snippet changes, once a save,
and survives a bad save: the last good site stays served, with the errors on it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.site


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if text in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds} s")


def start(project: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *extra],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    return server, f"http://127.0.0.1:{port}"


def test_serve_rebuilds_on_yaml_and_snippet_changes(project: Path, edit) -> None:
    server, base = start(project)
    try:
        page_url = f"{base}/catalog/data-representation/bucketing/"
        page = wait_for(page_url, "Buckets make a bump learnable")
        assert "livereload" in page  # the browser is told to reload after each build

        edit("patterns/data-representation/bucketing.yaml", "name: Bucketing", "name: Binned Input")
        wait_for(page_url, "Binned Input")

        edit("snippets/bucketing.py", "bucketed R^2", "R^2 with buckets")
        wait_for(page_url, "R^2 with buckets")
        # The generated pages are rewritten only when they change, so serve settles.
        generated = project / "docs/catalog/data-representation/scaling.md"
        stamp = generated.stat().st_mtime_ns
        time.sleep(3)
        assert generated.stat().st_mtime_ns == stamp
    finally:
        server.terminate()
        _, log = server.communicate(timeout=30)
    assert "Traceback" not in log


def test_a_bad_save_keeps_the_last_good_site_and_shows_the_error(project: Path, edit) -> None:
    # Plain `mkdocs serve`, strict as mkdocs.yml says: the hardest case for staying up.
    server, base = start(project)
    try:
        page_url = f"{base}/catalog/data-representation/bucketing/"
        wait_for(page_url, "Buckets make a bump learnable")
        entry = "patterns/data-representation/bucketing.yaml"
        edit(entry, "roles: [data-scientist]", "roles: [data-scientst]")
        page = wait_for(page_url, "The catalog has errors")
        assert "unknown role `data-scientst`" in page
        assert "Buckets make a bump learnable" in page  # the last good page, still served
        started = time.monotonic()
        assert "Bucketing" in fetch(f"{base}/catalog/data-representation/scaling/")
        assert time.monotonic() - started < 5  # answered, not stuck until the fix

        edit(entry, "roles: [data-scientst]", "roles: [data-scientist]")
        edit(entry, "name: Bucketing", "name: Binned Input")
        page = wait_for(page_url, "Binned Input")
        assert "The catalog has errors" not in page
        time.sleep(4)  # let any second, unwanted rebuild happen
    finally:
        server.terminate()
        _, log = server.communicate(timeout=30)
    assert "unknown role `data-scientst`" in log and "Traceback" not in log
    assert "appear stuck" not in log
    # Two saves (the fix and the rename) may be seen as one change or two, never more,
    # and writing the generated pages must not add a rebuild of its own.
    after_error = log.split("unknown role `data-scientst`", 1)[1]
    assert after_error.count("Building documentation") <= 2
