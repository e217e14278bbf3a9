"""The MkDocs plugin: generate the catalog pages before MkDocs reads `docs/`.

A plugin rather than a hook, because hooks are not reloaded by `mkdocs serve`
anyway, a plugin gets typed options, and an installed entry point lets any
mkdocs.yml use it with `plugins: [mlpatterns]`. The real work lives in plain
modules (`load`, `render`, `export`); this file only wires MkDocs events to them.
"""

from __future__ import annotations

import logging
import posixpath
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from mlpatterns.catalog import Catalog
from mlpatterns.config import CatalogConfig
from mlpatterns.errors import CatalogError
from mlpatterns.export import catalog_json, schema_json
from mlpatterns.generate import generate
from mlpatterns.render import Site, glossary_abbreviations, navigation

log = logging.getLogger("mkdocs.plugins.mlpatterns")
STYLESHEET = "assets/stylesheets/mlpatterns.css"
"""Badges, diagrams, the explorer and snippet captions; shipped with the plugin."""
SCRIPT = "assets/javascripts/explorer.js"
"""The catalog explorer's filters; the page works as a plain table without it."""


class CatalogPlugin(BasePlugin[CatalogConfig]):
    """Validates `patterns/`, writes Markdown pages into docs/, and publishes JSON."""

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.site: Site | None = None
        self.abbreviations = ""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        out_dir = Path(config.docs_dir) / self.config.output_dir
        try:
            generated = generate(
                root,
                out_dir,
                self.config.patterns_dir,
                self.config.snippets_dir,
                directory_urls=config.use_directory_urls,
                site_url=config.site_url or "",
                prefix=self.config.output_dir,
            )
        except CatalogError as error:
            # PluginError stops the build with this message and no traceback.
            raise PluginError(f"the catalog has errors:\n{error.report()}") from None
        for warning in generated.loaded.warnings:
            log.warning(str(warning))
        if generated.report.written or generated.report.deleted:
            log.info(
                "mlpatterns: %d page(s) written, %d deleted, %d unchanged",
                len(generated.report.written),
                len(generated.report.deleted),
                generated.report.unchanged,
            )
        self.catalog = generated.loaded.catalog
        self.site = generated.site
        config.nav = self._nav(config.nav)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(SCRIPT)
        self.abbreviations = glossary_abbreviations(self.catalog)
        # Template overrides that keep the theme from calling out to the network.
        overrides = str(resources.files("mlpatterns").joinpath("overrides"))
        if overrides not in config.theme.dirs:
            config.theme.dirs.insert(0, overrides)
        return config

    def _nav(self, nav: list[Any] | None) -> list[Any]:
        assert self.catalog is not None and self.site is not None
        generated = navigation(self.catalog, self.site, self.config.output_dir)
        if not nav:
            return generated
        for index, item in enumerate(nav):
            target = item if isinstance(item, str) else next(iter(item.values()), None)
            if target == self.config.nav_after:
                return [*nav[: index + 1], *generated, *nav[index + 1 :]]
        return [*nav, *generated]

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.catalog is not None
        files.append(File.generated(config, "catalog.json", content=catalog_json(self.catalog)))
        files.append(File.generated(config, "schema.json", content=schema_json("entry")))
        root = Path(config.config_file_path).parent
        for target, source in self.config.include.items():
            path = root / source
            if not path.is_file():
                raise PluginError(f"mlpatterns: include: {source} not found (from mkdocs.yml)")
            files.append(File.generated(config, target, content=path.read_text("utf-8")))
        assets = resources.files("mlpatterns").joinpath("assets")
        for target, name in ((STYLESHEET, "mlpatterns.css"), (SCRIPT, "explorer.js")):
            content = assets.joinpath(name).read_text("utf-8")
            files.append(File.generated(config, target, content=content))
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Point "edit this page" at the YAML entry, not at the generated Markdown."""
        assert self.site is not None
        prefix = self.config.output_dir + "/"
        if page.file.src_uri in self.config.include:
            page.edit_url = self._edit_url(config, self.config.include[page.file.src_uri])
        elif page.file.src_uri.startswith(prefix):
            source = self.site.sources.get(page.file.src_uri[len(prefix) :])
            page.edit_url = self._edit_url(config, source) if source else None
        # Glossary terms get a hover definition on every page (abbr + content.tooltips).
        return f"{markdown}\n\n{self.abbreviations}\n"

    def _edit_url(self, config: MkDocsConfig, source: str) -> str | None:
        if not config.repo_url:
            return None
        base = config.repo_url.rstrip("/")
        return posixpath.join(base, "edit", self.config.edit_branch, source)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        root = Path(config.config_file_path).parent
        server.watch(str(root / self.config.patterns_dir))
        server.watch(str(root / self.config.snippets_dir))
        for source in self.config.include.values():
            server.watch(str(root / source))
        return server
