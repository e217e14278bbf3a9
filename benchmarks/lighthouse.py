"""Benchmark: Lighthouse mobile performance of four pages of the built site.

Run from the project root, after `npm ci --prefix benchmarks` (installs the pinned
Lighthouse; Node 20):

    .venv/bin/python benchmarks/lighthouse.py [--runs 3] [--site SITE_DIR]

Builds the site (unless --site is given), serves it on 127.0.0.1, and runs
Lighthouse's default mobile audit (simulated slow 4G and a 4x slower CPU) on the
home page, a pattern page, the catalog explorer and the map, `--runs` times each,
with the system Chromium. Prints each page's median performance score, largest
contentful paint and cumulative layout shift, and the same for a plain Material page
built with the same theme settings (the reference/ page) as the baseline of this run.

Text files are served gzip-compressed, as GitHub Pages and every common host serve
them; `--no-gzip` serves them as they are on disk (Lighthouse then also reports that
the host does not compress).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "home": "",
    "pattern page": "catalog/data-representation/hashed-feature/",
    "explorer": "catalog/",
    "map": "catalog/map/",
    "baseline: plain Material page": "reference/",
}
TARGET_SCORE, TARGET_CLS = 90, 0.1


COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Gzip(_Quiet):
    """Serves text files gzip-compressed to a client that accepts it, like a web host."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects to the folder URL
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode:
        sys.exit(f"the site does not build:\n{done.stderr}")


def audit(url: str, chromium: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
        subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--only-categories=performance",
             "--output=json", f"--output-path={report}", f"--chrome-flags={flags}"],
            env={**os.environ, "CHROME_PATH": chromium}, check=True, capture_output=True,
        )  # fmt: skip
        data = json.loads(report.read_text("utf-8"))
    audits = data["audits"]
    return {
        "score": round(data["categories"]["performance"]["score"] * 100),
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "dom": audits["dom-size"]["numericValue"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, help="an already built site folder")
    parser.add_argument("--no-gzip", action="store_true", help="serve files uncompressed")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci --prefix benchmarks` first")
    chromium = os.environ.get("MLPATTERNS_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        sys.exit("needs Chromium: apt-get install chromium, or set MLPATTERNS_CHROMIUM")
    with tempfile.TemporaryDirectory() as folder:
        site = args.site or Path(folder) / "site"
        if not args.site:
            build(site)
        handler = functools.partial(_Quiet if args.no_gzip else _Gzip, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        served = "uncompressed" if args.no_gzip else "gzip-compressed, as hosts serve it"
        print(f"Lighthouse mobile, median of {args.runs} runs a page; site {served}")
        print(f"{'page':<31} {'score':>5} {'LCP s':>6} {'CLS':>6} {'DOM':>6}  runs")
        for name, path in PAGES.items():
            runs = [audit(base + path, chromium) for _ in range(args.runs)]
            median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            scores = " ".join(str(run["score"]) for run in runs)
            print(
                f"{name:<31} {median['score']:>5.0f} {median['lcp']:>6.1f} "
                f"{median['cls']:>6.3f} {median['dom']:>6.0f}  {scores}"
            )
        server.shutdown()
    print(f"targets: score >= {TARGET_SCORE}, CLS < {TARGET_CLS}")


if __name__ == "__main__":
    main()
