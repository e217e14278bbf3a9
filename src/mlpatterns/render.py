"""Render a `Catalog` to Markdown pages (and downloadable files) through Jinja2 templates.

Page paths come from `mlpatterns.layout`; this module only decides which pages
exist and fills their templates. Writing them to disk is `mlpatterns.output`.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

import jinja2

from mlpatterns import graph, layout
from mlpatterns.catalog import RELATION_COLORS, RELATIONS, Catalog
from mlpatterns.facets import FACETS, facet_count, options
from mlpatterns.markdown import escape_inline, escape_markdown
from mlpatterns.model import Entry
from mlpatterns.notebook import examples_zip, to_notebook
from mlpatterns.rules import RULES
from mlpatterns.snippets import read_verified

EXAMPLES_ZIP = "mlpatterns-examples.zip"
"""Every snippet and notebook in one download, for readers on a phone."""


@dataclass
class Site:
    """The generated files (Markdown pages and downloads), the source file each page's
    "edit" link should open, and the page titles for the navigation."""

    pages: dict[str, str | bytes] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)


def _fence(text: str) -> str:
    """A backtick fence longer than any backtick run inside `text`."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _front_matter(**values: Any) -> str:
    """YAML front matter; JSON strings are valid YAML and need no further quoting.

    MkDocs themes insert titles into HTML without escaping, so they are escaped here.
    """

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return html.escape(" ".join(value.split()))
        return value

    lines = [
        f"{key}: {json.dumps(clean(value))}" for key, value in values.items() if value is not None
    ]
    return "---\n" + "\n".join(lines) + "\n---"


@functools.lru_cache(maxsize=65536)
def _relative(target: str, start: str) -> str:
    """`posixpath.relpath`, remembered: pages link to the same few folders again and again."""
    return posixpath.relpath(target, start)


@functools.cache
def _environment() -> jinja2.Environment:
    """One Jinja2 environment per process, so templates compile once, not on every
    rebuild of `mkdocs serve`. Only catalog-independent helpers live in its globals.
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("mlpatterns", "templates"),
        autoescape=False,  # the output is Markdown; entry text goes through `md`/`inline`
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=escape_markdown, inline=escape_inline, fence=_fence)
    env.globals.update(
        layout=layout,
        entry_page=layout.entry_page,
        category_page=layout.category_page,
        stage_page=layout.stage_page,
        role_page=layout.role_page,
        kind_page=layout.kind_page,
        kind_names=layout.KIND_NAMES,
        front_matter=_front_matter,
        graph=graph,
        relations=RELATIONS,
        relation_colors=RELATION_COLORS,
        facets=FACETS,
        facet_options=options,
        facet_count=facet_count,
        examples_zip=EXAMPLES_ZIP,
        rules=RULES,
    )
    return env


class Renderer:
    """Turns one catalog into a `Site` of Markdown pages and downloads."""

    def __init__(
        self,
        catalog: Catalog,
        directory_urls: bool = True,
        site_url: str = "",
        prefix: str = "catalog",
    ) -> None:
        self.catalog = catalog
        self.prefix = prefix
        self.directory_urls = directory_urls
        self.site_url = site_url.rstrip("/")
        self.env = _environment()
        # Per-catalog values, passed to every template (and, through `with context`,
        # to the macros it imports).
        self.context = {
            "catalog": catalog,
            "verified": read_verified(catalog.snippets_dir),
            "node_color": functools.partial(graph.node_color, catalog),
        }

    def render(self) -> Site:
        site = Site()
        catalog = self.catalog
        taxonomy = catalog.taxonomy_source
        self._page(site, layout.INDEX_PAGE, "index.md.j2", "Catalog", None)
        for category in catalog.taxonomy.categories:
            path = layout.category_page(category.id)
            self._page(site, path, "category.md.j2", category.name, taxonomy, category=category)
        for kind in layout.KIND_FOLDERS:
            title = layout.KIND_NAMES[kind][1]
            self._page(site, layout.kind_page(kind), f"{kind}s.md.j2", title, None)
        for entry in catalog.ordered:
            self._page(
                site,
                layout.entry_page(entry),
                f"{entry.kind}.md.j2",
                entry.name,
                catalog.sources.get(entry.id),
                entry=entry,
                snippets=self._snippets(entry),
            )
        self._page(site, f"{layout.STAGES}/index.md", "stages.md.j2", "The ML process", taxonomy)
        for stage in catalog.taxonomy.stages:
            path = layout.stage_page(stage.id)
            self._page(site, path, "stage.md.j2", stage.name, taxonomy, stage=stage)
        self._page(site, f"{layout.ROLES}/index.md", "roles.md.j2", "Roles", taxonomy)
        for role in catalog.taxonomy.roles:
            self._page(
                site, layout.role_page(role.id), "role.md.j2", role.name, taxonomy, role=role
            )
        self._page(site, layout.SYMPTOMS_PAGE, "symptoms.md.j2", "What's wrong?", None)
        self._page(site, layout.GLOSSARY_PAGE, "glossary.md.j2", "Glossary", taxonomy)
        self._page(site, layout.MAP_PAGE, "map.md.j2", "Map of the catalog", None)
        self._page(site, layout.RULES_PAGE, "rules.md.j2", "Content rules", None)
        self._downloads(site)
        return site

    def _downloads(self, site: Site) -> None:
        files: dict[str, str] = {}
        for entry in self.catalog.ordered:
            page = self._url(layout.entry_page(entry))
            url = f"{self.site_url}/{self.prefix}/{page}" if self.site_url else ""
            for snippet in entry.snippets:
                code = self.catalog.snippet_path(snippet).read_text(encoding="utf-8")
                output = self.catalog.output_path(snippet).read_text(encoding="utf-8")
                stem = snippet.file.removesuffix(".py")
                files[snippet.file] = code
                files[f"{stem}.ipynb"] = to_notebook(entry, code, output, url)
        for name, text in files.items():
            site.pages[layout.download(name)] = text
        site.pages[layout.download(EXAMPLES_ZIP)] = examples_zip(files)

    def _url(self, path: str) -> str:
        return layout.page_url(path, self.directory_urls)

    def _page(
        self, site: Site, path: str, template: str, title: str, source: str | None, **context: Any
    ) -> None:
        here = posixpath.dirname(path)
        own_url = self._url(path)

        def link(target: str) -> str:
            """A Markdown link target: MkDocs turns .md paths into URLs and checks them."""
            return _relative(target, here or ".")

        def href(target: str) -> str:
            """A URL for raw HTML (SVG links, buttons), which MkDocs does not rewrite."""
            return layout.relative_url(self._url(target), own_url)

        def href_root(target: str) -> str:
            """A URL for raw HTML to a file at the site root, e.g. facets.json."""
            return layout.relative_url(target, posixpath.join(self.prefix, own_url))

        text = self.env.get_template(template).render(
            link=link, href=href, href_root=href_root, page=path, **self.context, **context
        )
        site.pages[path] = text.rstrip() + "\n"
        site.titles[path] = title
        if source:
            site.sources[path] = source

    def _snippets(self, entry: Entry) -> list[dict[str, str]]:
        shown = []
        for snippet in entry.snippets:
            shown.append(
                {
                    "stem": snippet.file.removesuffix(".py"),
                    "title": snippet.title,
                    "caption": snippet.caption,
                    "file": snippet.file,
                    "code": self.catalog.snippet_path(snippet).read_text(encoding="utf-8"),
                    "output": self.catalog.output_path(snippet).read_text(encoding="utf-8"),
                }
            )
        return shown


def render(
    catalog: Catalog, directory_urls: bool = True, site_url: str = "", prefix: str = "catalog"
) -> Site:
    """All generated pages (and downloadable files) of `catalog`.

    `prefix` is the output folder inside docs/, needed for links in raw HTML and for
    the notebooks' links back to their pages.
    """
    return Renderer(catalog, directory_urls, site_url, prefix).render()
