"""`mkdocs serve` regenerates the pages when an entry or a snippet changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.xdist_group("serve")


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


def test_serve_rebuilds_on_yaml_and_snippet_changes(project: Path, edit) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
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
