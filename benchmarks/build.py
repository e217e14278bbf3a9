"""Benchmark: the catalog build against a plain MkDocs build, and a 1,000-entry catalog.

Run from the project root:  .venv/bin/python benchmarks/build.py [--rounds 3]

(a) builds the site as configured (the mlpatterns plugin validates, renders and
    writes the catalog pages on every build), (b) builds a plain MkDocs +
    Material site from the same Markdown pages with the plugin removed from
    mkdocs.yml. Both run in this process, alternating, and the median ratio a/b
    is printed. Then a synthetic catalog of 1,000 entries (copies of a real
    entry under new ids, in a temporary folder) is validated, generated and
    built, and compared in the same way with a plain Material build of the same
    generated pages, with the same navigation written into its mkdocs.yml.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mlpatterns.layout import CATALOG_INDEX
from mlpatterns.load import load_catalog
from mlpatterns.output import write_pages
from mlpatterns.render import render

ROOT = Path(__file__).resolve().parent.parent
SEED_ENTRY = "patterns/data-representation/hashed-feature.yaml"
TARGETS = {"ratio": 1.2, "generate_1000": 5.0, "ratio_1000": 1.5}
BUDGET_PAGE_BYTES = 100 * 1024
"""A pattern page's own HTML (not counting shared CSS and JavaScript)."""
BUDGET_SEARCH_INDEX_BYTES = 1024 * 1024
"""search/catalog_index.json (the catalog's search index) at the current catalog size."""


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def mkdocs_build(config_file: Path, site_dir: Path) -> None:
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def copy_project(target: Path) -> Path:
    for name in ("mkdocs.yml", "CONTRIBUTING.md", "patterns", "snippets", "docs", "src"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


def plain_config(project: Path, nav: list | None = None) -> Path:
    """The same mkdocs.yml without the mlpatterns plugin; `nav` written in, if given
    (otherwise MkDocs lists every page itself)."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    # Drop the plugin entry, with its options if it has any.
    text = re.sub(r"^  - mlpatterns:?\n(^      .*\n)*", "", text, flags=re.MULTILINE)
    assert "mlpatterns" not in text.split("plugins:")[1].split("markdown_extensions:")[0]
    text = re.sub(r"^nav:\n(  .*\n|\s*\n)*", "", text, flags=re.MULTILINE)
    if nav is not None:
        text += yaml.safe_dump({"nav": nav}, sort_keys=False, allow_unicode=True)
    plain = project / "mkdocs-plain.yml"
    plain.write_text(text, encoding="utf-8")
    return plain


def full_nav(project: Path) -> list:
    """The navigation the plugin gives the site: mkdocs.yml's own, with the catalog's."""
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    return config.nav


def compare_with_plain(rounds: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        project = copy_project(Path(folder))
        catalog_config = project / "mkdocs.yml"
        mkdocs_build(catalog_config, project / "site")  # warm up and write the pages once
        plain = plain_config(project)
        catalog_times, plain_times = [], []
        for _ in range(rounds):
            catalog_times.append(timed(lambda: mkdocs_build(catalog_config, project / "site")))
            plain_times.append(timed(lambda: mkdocs_build(plain, project / "site-plain")))
        pages = len(list((project / "site").rglob("index.html")))
        weigh(project / "site")
    print("rounds (a):", " ".join(f"{t:.2f}" for t in catalog_times))
    print("rounds (b):", " ".join(f"{t:.2f}" for t in plain_times))
    a, b = statistics.median(catalog_times), statistics.median(plain_times)
    print(f"(a) catalog build, median of {rounds}: {a:.2f} s  ({pages} pages)")
    print(f"(b) plain MkDocs + Material build of the same pages: {b:.2f} s")
    print(f"ratio a/b: {a / b:.2f}  (target <= {TARGETS['ratio']})")
    return a / b


def weigh(site: Path) -> None:
    """Print the page-weight budget: the heaviest entry page and the search index."""
    entries = [
        path
        for path in (site / "catalog").glob("*/*/index.html")
        if path.parent.parent.name not in {"stages", "roles"}
    ]
    heaviest = max(entries, key=lambda path: path.stat().st_size)
    size = heaviest.stat().st_size
    index = (site / CATALOG_INDEX).stat().st_size
    page_ok = "ok" if size < BUDGET_PAGE_BYTES else "OVER BUDGET"
    index_ok = "ok" if index < BUDGET_SEARCH_INDEX_BYTES else "OVER BUDGET"
    print(
        f"heaviest entry page: {size / 1024:.0f} KB ({heaviest.parent.name}), "
        f"budget 100 KB: {page_ok}"
    )
    print(f"search index: {index / 1024:.0f} KB, budget 1024 KB: {index_ok}")


def synthetic_catalog(project: Path, count: int) -> None:
    seed = yaml.safe_load((ROOT / SEED_ENTRY).read_text(encoding="utf-8"))
    text = (ROOT / SEED_ENTRY).read_text(encoding="utf-8")
    snippet = seed["snippets"][0]["file"]
    code = (ROOT / "snippets" / snippet).read_text(encoding="utf-8")
    output = (ROOT / "snippets" / snippet).with_suffix(".out").read_text(encoding="utf-8")
    folder = project / "patterns" / seed["category"]
    for index in range(count):
        new_id = f"{seed['id']}-copy-{index:04d}"
        copy = text.replace(f"id: {seed['id']}\n", f"id: {new_id}\n").replace(
            f"file: {snippet}", f"file: {new_id}.py"
        )
        (folder / f"{new_id}.yaml").write_text(copy, encoding="utf-8")
        (project / "snippets" / f"{new_id}.py").write_text(code, encoding="utf-8")
        (project / "snippets" / f"{new_id}.out").write_text(output, encoding="utf-8")


def thousand_entries(count: int, build_site: bool) -> float:
    with tempfile.TemporaryDirectory() as folder:
        project = copy_project(Path(folder))
        synthetic_catalog(project, count)
        out = project / "docs" / "catalog"
        shutil.rmtree(out, ignore_errors=True)
        started = time.perf_counter()
        catalog = load_catalog(project).catalog
        validated = time.perf_counter()
        write_pages(render(catalog).pages, out)
        generated = time.perf_counter()
        print(f"\nsynthetic catalog: {len(catalog.entries)} entries")
        print(f"validate: {validated - started:.2f} s")
        print(f"generate: {generated - validated:.2f} s (pages written from scratch)")
        total = generated - started
        print(f"validate + generate: {total:.2f} s  (target < {TARGETS['generate_1000']} s)")
        if build_site:
            seconds = timed(lambda: mkdocs_build(project / "mkdocs.yml", project / "site"))
            pages = len(list((project / "site").rglob("index.html")))
            plain = plain_config(project, full_nav(project))
            baseline = timed(lambda: mkdocs_build(plain, project / "site-plain"))
            print(
                f"(c) mkdocs build: {seconds:.1f} s for {pages} pages, "
                f"{1000 * seconds / pages:.0f} ms a page"
            )
            print(
                f"(d) plain MkDocs + Material build of the same pages and navigation: "
                f"{baseline:.1f} s, {1000 * baseline / pages:.0f} ms a page"
            )
            print(f"ratio c/d: {seconds / baseline:.2f}  (target <= {TARGETS['ratio_1000']})")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--skip-large-build", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(message)s")
    compare_with_plain(args.rounds)
    thousand_entries(args.entries, not args.skip_large_build)


if __name__ == "__main__":
    main()
