"""Render a `Catalog` to Markdown pages through Jinja2 templates, and write them to disk.

Page paths are relative to the output folder (by default `docs/catalog/`).
Writing touches only files whose content changed and deletes pages that no
longer exist, so `mkdocs serve` does not rebuild in a loop.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from mlpatterns import graph
from mlpatterns.catalog import Catalog
from mlpatterns.markdown import escape_inline, escape_markdown
from mlpatterns.model import Entry
from mlpatterns.notebook import to_notebook
from mlpatterns.snippets import read_verified

INDEX_PAGE = "index.md"
MAP_PAGE = "map.md"
DOWNLOADS = "downloads"
GLOSSARY_PAGE = "glossary.md"
CHALLENGES = "challenges"
STAGES = "stages"
ROLES = "roles"


@dataclass
class Site:
    """The generated files (Markdown pages and snippet downloads), the source file each
    page's "edit" link should open, and the page titles for the navigation.
    """

    pages: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)


from mlpatterns.layout import entry_page  # noqa: E402


def category_page(category_id: str) -> str:
    return f"{category_id}/{INDEX_PAGE}"


def stage_page(stage_id: str) -> str:
    return f"{STAGES}/{stage_id}.md"


def role_page(role_id: str) -> str:
    return f"{ROLES}/{role_id}.md"


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
        entry_page=entry_page,
        category_page=category_page,
        stage_page=stage_page,
        role_page=role_page,
        front_matter=_front_matter,
        graph=graph,
        relations=graph.RELATIONS,
        reading_path=reading_path,
        text_width=_text_width,
    )
    return env


class Renderer:
    """Turns one catalog into a `Site` of Markdown pages."""

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
        self.verified = read_verified(catalog.snippets_dir)
        self.env = _environment()
        # Per-catalog values, passed to every template (and, through `with context`,
        # to the macros it imports).
        self.context = {
            "catalog": catalog,
            "verified": self.verified,
        }

    def render(self) -> Site:
        site = Site()
        catalog = self.catalog
        self._page(site, INDEX_PAGE, "index.md.j2", "Catalog", None)
        for category in catalog.taxonomy.categories:
            self._page(
                site,
                category_page(category.id),
                "category.md.j2",
                category.name,
                catalog.taxonomy_source,
                category=category,
            )
        self._page(site, f"{CHALLENGES}/{INDEX_PAGE}", "challenges.md.j2", "Challenges", None)
        for entry in catalog.ordered:
            self._page(
                site,
                entry_page(entry),
                "entry.md.j2",
                entry.name,
                catalog.sources.get(entry.id),
                entry=entry,
                snippets=self._snippets(entry),
            )
        self._page(
            site,
            f"{STAGES}/{INDEX_PAGE}",
            "stages.md.j2",
            "The ML process",
            catalog.taxonomy_source,
        )
        for stage in catalog.taxonomy.stages:
            self._page(
                site,
                stage_page(stage.id),
                "stage.md.j2",
                stage.name,
                catalog.taxonomy_source,
                stage=stage,
            )
        self._page(site, f"{ROLES}/{INDEX_PAGE}", "roles.md.j2", "Roles", catalog.taxonomy_source)
        for role in catalog.taxonomy.roles:
            self._page(
                site,
                role_page(role.id),
                "role.md.j2",
                role.name,
                catalog.taxonomy_source,
                role=role,
            )
        self._page(site, GLOSSARY_PAGE, "glossary.md.j2", "Glossary", catalog.taxonomy_source)
        self._page(site, MAP_PAGE, "map.md.j2", "Map of patterns", None)
        for entry in catalog.ordered:
            for snippet in entry.snippets:
                code = self.catalog.snippet_path(snippet).read_text(encoding="utf-8")
                stem = snippet.file.removesuffix(".py")
                page = f"{self.site_url}/{self._url(entry_page(entry))}" if self.site_url else ""
                site.pages[f"{DOWNLOADS}/{snippet.file}"] = code
                site.pages[f"{DOWNLOADS}/{stem}.ipynb"] = to_notebook(entry, code, page)
        return site

    def _url(self, path: str) -> str:
        """The URL path (relative to the site root) of the page built from `path`."""
        stem = path.removesuffix(".md")
        if not self.directory_urls:
            return f"{stem}.html"
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return f"{stem}/"

    def _page(
        self, site: Site, path: str, template: str, title: str, source: str | None, **context: Any
    ) -> None:
        here = posixpath.dirname(path)

        def link(target: str) -> str:
            """A Markdown link target: MkDocs turns .md paths into URLs and checks them."""
            return _relative(target, here or ".")

        own_url = self._url(path)
        # The folder a browser resolves relative links against.
        base = own_url.rstrip("/") if own_url.endswith("/") else posixpath.dirname(own_url)

        def href(target: str) -> str:
            """A URL for raw HTML (SVG links), which MkDocs does not rewrite."""
            url = self._url(target)
            relative = _relative(url or ".", base or ".")
            return relative + "/" if url.endswith("/") or not url else relative

        def href_root(target: str) -> str:
            """A URL for raw HTML to a file at the site root, e.g. catalog.json."""
            return posixpath.relpath(target, posixpath.join(self.prefix, base) or ".")

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
            code = self.catalog.snippet_path(snippet).read_text(encoding="utf-8")
            output = self.catalog.output_path(snippet).read_text(encoding="utf-8")
            shown.append(
                {
                    "stem": snippet.file.removesuffix(".py"),
                    "title": snippet.title,
                    "caption": snippet.caption,
                    "file": snippet.file,
                    "code": code,
                    "output": output,
                }
            )
        return shown


def render(
    catalog: Catalog, directory_urls: bool = True, site_url: str = "", prefix: str = "catalog"
) -> Site:
    """All generated pages (and downloadable snippet files) of `catalog`.

    `prefix` is the output folder inside docs/, needed for links in raw HTML.
    """
    return Renderer(catalog, directory_urls, site_url, prefix).render()


def reading_path(catalog: Catalog, entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
    """Entries grouped under the earliest stage of the ML process they apply to.

    Stages come in taxonomy order (data preparation first, monitoring last), so
    a role reads the catalog in the order its work meets the problems.
    """
    order = {stage_id: index for index, stage_id in enumerate(catalog.stages)}
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        first = min(entry.stages, key=lambda stage_id: order.get(stage_id, len(order)))
        groups.setdefault(first, []).append(entry)
    return [(stage_id, groups[stage_id]) for stage_id in catalog.stages if stage_id in groups]


def _text_width(text: str, size: float = 12.0) -> float:
    """A width estimate for SVG labels, wide enough for the typical sans-serif glyph."""
    return round(len(text) * size * 0.58 + 16, 1)


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)


def write_pages(pages: dict[str, str], out_dir: Path) -> WriteReport:
    """Write `pages` under `out_dir`: only changed files, and delete orphaned ones."""
    report = WriteReport()
    out_dir.mkdir(parents=True, exist_ok=True)
    for relative, text in pages.items():
        target = out_dir / relative
        data = text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(data)
        temporary.replace(target)  # atomic: the dev server never reads half a page
        report.written.append(relative)
    for existing in sorted(out_dir.rglob("*"), reverse=True):
        relative = existing.relative_to(out_dir).as_posix()
        if existing.is_file() and relative not in pages:
            existing.unlink()
            report.deleted.append(relative)
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return report


def navigation(catalog: Catalog, site: Site, prefix: str) -> list[Any]:
    """MkDocs nav entries for the generated pages, grouped like the catalog."""

    def item(path: str) -> dict[str, str]:
        return {site.titles[path]: f"{prefix}/{path}"}

    def section(title: str, index: str, children: Iterable[str]) -> dict[str, list[Any]]:
        return {title: [f"{prefix}/{index}", *(item(child) for child in children)]}

    patterns: list[Any] = [f"{prefix}/{INDEX_PAGE}"]
    for category in catalog.taxonomy.categories:
        members = [entry_page(entry) for entry in catalog.in_category(category.id)]
        patterns.append(section(category.name, category_page(category.id), members))
    return [
        {"Patterns": patterns},
        section(
            "Challenges",
            f"{CHALLENGES}/{INDEX_PAGE}",
            [entry_page(entry) for entry in catalog.challenges],
        ),
        section(
            "The ML process",
            f"{STAGES}/{INDEX_PAGE}",
            [stage_page(stage.id) for stage in catalog.taxonomy.stages],
        ),
        section(
            "Roles",
            f"{ROLES}/{INDEX_PAGE}",
            [role_page(role.id) for role in catalog.taxonomy.roles],
        ),
        item(MAP_PAGE),
        item(GLOSSARY_PAGE),
    ]


def glossary_abbreviations(catalog: Catalog) -> str:
    """Markdown abbreviation definitions (`*[term]: definition`) for the glossary terms.

    Appended to every page, they make Python-Markdown's `abbr` extension wrap each
    occurrence of a term in `<abbr title=...>`, which Material shows as a tooltip.
    Both the capitalized and the lowercase form are defined, since `abbr` is
    case-sensitive.
    """
    lines = []
    for term in catalog.taxonomy.glossary:
        if not term.tooltip:
            continue
        definition = " ".join(term.definition.split()).replace("`", "")
        for form in dict.fromkeys(
            (term.term, term.term.lower(), term.term[0].upper() + term.term[1:])
        ):
            lines.append(f"*[{form}]: {definition}")
    # One definition per block: Python-Markdown re-tests a whole block after taking
    # each definition off it, which is quadratic in the number of lines.
    return "\n\n".join(lines)
