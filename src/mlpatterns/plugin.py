"""The MkDocs plugin: generate the catalog pages before MkDocs reads `docs/`.

A plugin rather than a hook, because hooks are not reloaded by `mkdocs serve`
anyway, a plugin gets typed options, and an installed entry point lets any
mkdocs.yml use it with `plugins: [mlpatterns]`. The real work lives in plain
modules (`load`, `render`, `export`, `search`); this file only wires MkDocs
events to them.
"""

from __future__ import annotations

import os
import posixpath
import re
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from mlpatterns import search
from mlpatterns.catalog import Catalog
from mlpatterns.config import CatalogConfig
from mlpatterns.errors import CatalogError
from mlpatterns.export import catalog_json, facets_json, schema_json
from mlpatterns.generate import generate
from mlpatterns.glossary import glossary_abbreviations
from mlpatterns.layout import FACETS_FILE
from mlpatterns.minify import minify
from mlpatterns.nav import navigation
from mlpatterns.render import Site

log = get_plugin_logger(__name__)
ASSETS = {
    "assets/stylesheets/mlpatterns.css": "mlpatterns.css",
    "assets/javascripts/explorer.js": "explorer.js",
    "assets/javascripts/map.js": "map.js",
    "assets/javascripts/mlpatterns-search.js": "search-engine.js",
    search.WORKER: "search-worker.js",
}
"""Site path -> file shipped in the package's assets folder."""
STYLESHEET = "assets/stylesheets/mlpatterns.css"
PLAIN_TOKENS = re.compile(r'<span class="(?:n|w|p)">([^<]*)</span>')
"""Pygments tokens (names, whitespace, punctuation) shown in the code's own colors."""
REQUIRED_EXTENSIONS = (
    "abbr",  # glossary tooltips
    "admonition",  # "At a glance" boxes
    "attr_list",  # lead paragraphs, badges, download links
    "def_list",  # trade-offs
    "md_in_html",  # cards and badges inside <div markdown>
    "tables",
    "pymdownx.highlight",  # titled code blocks ("Output")
    "pymdownx.superfences",
)
"""Markdown extensions the generated pages need; added when mkdocs.yml leaves one out."""


class CatalogPlugin(BasePlugin[CatalogConfig]):
    """Validates `patterns/`, writes Markdown pages into docs/, and publishes JSON."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.site: Site | None = None
        self.abbreviations = ""
        self.serving = False
        self.errors = ""
        """While serving: the report of a bad save; the last good pages stay served."""
        self.told_extensions = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds;
        # a new command (another build in the same process) starts afresh.
        self.serving = command == "serve"
        self.catalog, self.site, self.errors = None, None, ""
        self.told_extensions = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self._require_extensions(config)
        root = Path(config.config_file_path).parent
        out_dir = Path(config.docs_dir) / self.config.output_dir
        try:
            generated = generate(
                root,
                out_dir,
                os.path.relpath(self.config.patterns_dir, root),
                os.path.relpath(self.config.snippets_dir, root),
                directory_urls=config.use_directory_urls,
                site_url=config.site_url or "",
                prefix=self.config.output_dir,
            )
        except CatalogError as error:
            if not (self.serving and self.catalog):
                # PluginError stops the build with this message and no traceback.
                raise PluginError(f"the catalog has errors:\n{error.report()}") from None
            self.errors = error.report()
            _tell("ERROR", f"the catalog has errors, serving the last good version:\n{self.errors}")
        else:
            self.errors = ""
            for warning in generated.loaded.warnings:
                if self.serving:
                    _tell("WARNING", str(warning))
                else:
                    log.warning(str(warning))
            report = generated.report
            if report.written or report.deleted:
                log.info(
                    "%d page(s) written, %d deleted, %d unchanged",
                    len(report.written),
                    len(report.deleted),
                    report.unchanged,
                )
            self.catalog = generated.loaded.catalog
            self.site = generated.site
            self.abbreviations = glossary_abbreviations(self.catalog)
        config.nav = self._nav(config.nav)
        if STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET)  # the user's own CSS comes after, and wins
        # Template overrides that keep the theme from calling out to the network.
        overrides = str(resources.files("mlpatterns").joinpath("overrides"))
        if overrides not in config.theme.dirs:
            # After the user's custom_dir, so their overrides still win.
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, overrides)
        return config

    def _require_extensions(self, config: MkDocsConfig) -> None:
        missing = [name for name in REQUIRED_EXTENSIONS if name not in config.markdown_extensions]
        if missing:
            config.markdown_extensions.extend(missing)
            if not self.told_extensions:  # once, not on every rebuild of `mkdocs serve`
                log.info("added the Markdown extensions the catalog needs: %s", ", ".join(missing))
                self.told_extensions = True

    def _nav(self, nav: list[Any] | None) -> list[Any] | None:
        assert self.catalog is not None and self.site is not None
        placed = set(_nav_paths(nav or []))
        generated = navigation(self.catalog, self.site, self.config.output_dir, placed)
        if not nav:
            return nav  # MkDocs lists every page when mkdocs.yml has no nav
        for index, item in enumerate(nav):
            target = item if isinstance(item, str) else next(iter(item.values()), None)
            if target == self.config.nav_after:
                return [*nav[: index + 1], *generated, *nav[index + 1 :]]
        return [*nav, *generated]

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        assert self.catalog is not None
        prefix, directory_urls = self.config.output_dir, config.use_directory_urls
        published = {
            "catalog.json": catalog_json(self.catalog, prefix, directory_urls),
            FACETS_FILE: facets_json(self.catalog, prefix, directory_urls),
            "schema.json": schema_json("entry"),
        }
        assets = resources.files("mlpatterns").joinpath("assets")
        for target, name in ASSETS.items():
            published[target] = assets.joinpath(name).read_text("utf-8")
        root = Path(config.config_file_path).parent
        for target, source in self.config.include.items():
            path = root / source
            if not path.is_file():
                raise PluginError(f"mlpatterns: include: {source} not found (from mkdocs.yml)")
            published[target] = path.read_text("utf-8")
        for target, content in published.items():
            files.append(File.generated(config, target, content=content))
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Point "edit this page" at the YAML entry; add glossary tooltips; show errors."""
        if not self.config.enabled:
            return markdown
        assert self.site is not None
        prefix = self.config.output_dir + "/"
        source = None
        if page.file.src_uri in self.config.include:
            source = self.config.include[page.file.src_uri]
            page.meta.setdefault("search", {}).setdefault("boost", search.SUPPORT_PAGE_BOOST)
        elif page.file.src_uri.startswith(prefix):
            source = self.site.sources.get(page.file.src_uri[len(prefix) :])
            page.edit_url = None  # generated pages have no source of their own in docs/
        if source:
            page.edit_url = self._edit_url(config, source)
        banner = _error_banner(self.errors) if self.errors else ""
        # Glossary terms get a hover definition on every page (abbr + content.tooltips).
        return f"{banner}{markdown}\n\n{self.abbreviations}\n"

    def _edit_url(self, config: MkDocsConfig, source: str) -> str | None:
        """The edit link of a repository file, from repo_url and edit_uri.

        edit_uri points into docs_dir (e.g. `edit/main/docs/`); the entries live
        beside docs_dir, so the docs folder is taken off its end.
        """
        if not config.repo_url or not config.edit_uri:
            return None
        root = Path(config.config_file_path).parent
        docs = Path(config.docs_dir).resolve().relative_to(root.resolve()).as_posix()
        base = config.edit_uri.strip("/")
        if base.endswith(docs):
            base = base[: -len(docs)].rstrip("/")
        return posixpath.join(config.repo_url.rstrip("/"), base, source)

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return html
        # Glossary tooltips open on keyboard focus too, not only under a mouse.
        html = html.replace("<abbr title=", '<abbr tabindex="0" title=')
        # Highlighted code wraps every name, space and bracket in a span that the theme
        # colors like plain code text; without them a page with two snippets loses a
        # fifth of its weight and a thousand elements, and looks the same.
        return PLAIN_TOKENS.sub(r"\1", html)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return output
        return minify(search.use_worker(output))

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.catalog is not None:
            search.rewrite_index(
                Path(config.site_dir),
                self.catalog,
                config.use_directory_urls,
                self.config.output_dir,
            )

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        if not self.config.enabled:
            return server
        root = Path(config.config_file_path).parent
        server.watch(self.config.patterns_dir)
        server.watch(self.config.snippets_dir)
        for source in self.config.include.values():
            server.watch(str(root / source))
        _watch_docs_without(server, Path(config.docs_dir), self.config.output_dir)
        return server


def _watch_docs_without(server: LiveReloadServer, docs: Path, output_dir: str) -> None:
    """Watch docs_dir except the generated pages, so that writing them after a save
    does not trigger a second rebuild."""
    generated = (docs / output_dir).resolve()

    def watch(folder: Path) -> None:
        server.watch(str(folder), recursive=False)  # its files; folders below, one by one
        for child in sorted(folder.iterdir()):
            resolved = child.resolve()
            if not child.is_dir() or resolved == generated:
                continue
            if generated.is_relative_to(resolved):
                watch(child)
            else:
                server.watch(str(child))

    server.unwatch(str(docs))
    watch(docs)


def _tell(level: str, message: str) -> None:
    """Print a message while serving, in MkDocs' format but past its logging.

    A logged warning would count in strict mode: the rebuild would abort and the
    server would hold every request until the file is fixed. The contributor still
    sees the problem, in the terminal and (errors) on the page.
    """
    print(f"{level:<8}-  mlpatterns: {message}", file=sys.stderr, flush=True)


def _nav_paths(nav: list[Any]) -> list[str]:
    """Every page path a nav (as written in mkdocs.yml) points at."""
    found: list[str] = []
    for item in nav:
        value = next(iter(item.values()), None) if isinstance(item, dict) else item
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            found += _nav_paths(value)
    return found


def _error_banner(report: str) -> str:
    fence = "`" * (max((len(run) for run in re.findall(r"`+", report)), default=0) + 3)
    lines = "\n".join(f"    {line}" for line in report.splitlines())
    return (
        '!!! danger "The catalog has errors: this is the last good version"\n\n'
        "    Fix these and save; the page reloads.\n\n"
        f"    {fence}text\n{lines}\n    {fence}\n\n"
    )
