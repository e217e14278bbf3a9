"""One call from a project folder to generated pages on disk, shared by the CLI and the plugin."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mlpatterns.config import PATTERNS_DIR, SNIPPETS_DIR
from mlpatterns.load import LoadResult, load_catalog
from mlpatterns.output import WriteReport, write_pages
from mlpatterns.render import Site, render


@dataclass
class Generated:
    loaded: LoadResult
    site: Site
    report: WriteReport


def generate(
    root: Path,
    out_dir: Path,
    patterns_dir: str = PATTERNS_DIR,
    snippets_dir: str = SNIPPETS_DIR,
    *,
    directory_urls: bool = True,
    site_url: str = "",
    prefix: str | None = None,
) -> Generated:
    """Validate the catalog under `root` and write its pages to `out_dir`.

    Raises `CatalogError` before anything is written, so a bad entry never leaves
    a half-updated set of pages behind.
    """
    loaded = load_catalog(root, patterns_dir, snippets_dir)
    # `prefix`: where `out_dir` sits inside docs/, which links in raw HTML need.
    site = render(loaded.catalog, directory_urls, site_url, prefix=prefix or out_dir.name)
    report = write_pages(site.pages, out_dir)
    return Generated(loaded, site, report)
