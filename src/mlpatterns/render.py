"""Render a `Catalog` to Markdown pages through Jinja2 templates, and write them to disk.

Page paths are relative to the output folder (by default `docs/catalog/`).
Writing touches only files whose content changed and deletes pages that no
longer exist, so `mkdocs serve` does not rebuild in a loop.
"""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from mlpatterns.catalog import Catalog
from mlpatterns.markdown import escape_inline, escape_markdown
from mlpatterns.model import Entry

INDEX_PAGE = "index.md"
GLOSSARY_PAGE = "glossary.md"
CHALLENGES = "challenges"
STAGES = "stages"
ROLES = "roles"
TAXONOMY_SOURCE = "patterns/taxonomy.yaml"


@dataclass
class Site:
    """The generated pages and, for each, the source file its "edit" link should open."""

    pages: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)


def entry_page(entry: Entry) -> str:
    """Page path of an entry, e.g. `data-representation/hashed-feature.md`."""
    folder = entry.category if entry.kind == "pattern" else CHALLENGES
    return f"{folder}/{entry.id}.md"


def category_page(category_id: str) -> str:
    return f"{category_id}/{INDEX_PAGE}"


def stage_page(stage_id: str) -> str:
    return f"{STAGES}/{stage_id}.md"


def role_page(role_id: str) -> str:
    return f"{ROLES}/{role_id}.md"


def _fence(text: str) -> str:
    """A backtick fence longer than any backtick run inside `text`."""
    longest = run = 0
    for character in text:
        run = run + 1 if character == "`" else 0
        longest = max(longest, run)
    return "`" * max(3, longest + 1)


def _front_matter(**values: Any) -> str:
    """YAML front matter; JSON strings are valid YAML and need no further quoting.

    MkDocs themes insert titles into HTML without escaping, so they are escaped here.
    """
    lines = [
        f"{key}: {json.dumps(html.escape(' '.join(value.split())))}"
        for key, value in values.items()
        if value is not None
    ]
    return "---\n" + "\n".join(lines) + "\n---"


class Renderer:
    """Turns one catalog into a `Site` of Markdown pages."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("mlpatterns", "templates"),
            autoescape=False,  # the output is Markdown; entry text goes through `md`/`inline`
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(md=escape_markdown, inline=escape_inline, fence=_fence)
        self.env.globals.update(
            catalog=catalog,
            entry_page=entry_page,
            category_page=category_page,
            stage_page=stage_page,
            role_page=role_page,
            front_matter=_front_matter,
        )

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
                TAXONOMY_SOURCE,
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
            site, f"{STAGES}/{INDEX_PAGE}", "stages.md.j2", "The ML process", TAXONOMY_SOURCE
        )
        for stage in catalog.taxonomy.stages:
            self._page(
                site, stage_page(stage.id), "stage.md.j2", stage.name, TAXONOMY_SOURCE, stage=stage
            )
        self._page(site, f"{ROLES}/{INDEX_PAGE}", "roles.md.j2", "Roles", TAXONOMY_SOURCE)
        for role in catalog.taxonomy.roles:
            self._page(
                site, role_page(role.id), "role.md.j2", role.name, TAXONOMY_SOURCE, role=role
            )
        self._page(site, GLOSSARY_PAGE, "glossary.md.j2", "Glossary", TAXONOMY_SOURCE)
        return site

    def _page(
        self, site: Site, path: str, template: str, title: str, source: str | None, **context: Any
    ) -> None:
        here = posixpath.dirname(path)

        def link(target: str) -> str:
            return posixpath.relpath(target, here or ".")

        text = self.env.get_template(template).render(link=link, page=path, **context)
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
                    "title": snippet.title,
                    "caption": snippet.caption,
                    "file": snippet.file,
                    "code": code,
                    "output": output,
                }
            )
        return shown


def render(catalog: Catalog) -> Site:
    """All generated pages of `catalog`."""
    return Renderer(catalog).render()


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
        item(GLOSSARY_PAGE),
    ]
