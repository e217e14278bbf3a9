"""The real site builds strictly with zero warnings, and its pages keep the guarantees."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mlpatterns.export import entry_url
from mlpatterns.schema import schema_json

from .conftest import build_site
from .sitecheck import code_blocks, links

pytestmark = pytest.mark.site


def page_of(site: Path, entry) -> str:
    return (site / entry_url(entry) / "index.html").read_text("utf-8")


def test_site_has_every_kind_of_page(built, catalog) -> None:
    site, _ = built
    expected = [
        "index.html",
        "catalog/index.html",
        "catalog/symptoms/index.html",
        "catalog/rules/index.html",
        "catalog/map/index.html",
        "catalog/glossary/index.html",
        "catalog/anti-patterns/index.html",
        "catalog/guides/index.html",
        "catalog/challenges/index.html",
        "catalog/downloads/mlpatterns-examples.zip",
        "reference/api/index.html",
        "catalog.json",
        "facets.json",
        "schema.json",
        "search/search_index.json",
    ]
    expected += [f"{entry_url(entry)}index.html" for entry in catalog.ordered]
    expected += [f"catalog/stages/{stage.id}/index.html" for stage in catalog.taxonomy.stages]
    expected += [f"catalog/roles/{role.id}/index.html" for role in catalog.taxonomy.roles]
    assert [path for path in expected if not (site / path).is_file()] == []
    api = (site / "reference/api/index.html").read_text("utf-8")
    assert "load_catalog" in api and "Validate" in api


def test_code_on_each_page_is_byte_identical_to_the_snippet(built, catalog) -> None:
    site, _ = built
    for entry, snippet in catalog.all_snippets():
        blocks = code_blocks(page_of(site, entry))
        code = catalog.snippet_path(snippet).read_text(encoding="utf-8")
        assert code in blocks, f"{entry.id}: snippets/{snippet.file} differs on the page"


def test_output_on_each_page_is_the_recorded_output(built, catalog) -> None:
    site, _ = built
    for entry, snippet in catalog.all_snippets():
        blocks = code_blocks(page_of(site, entry))
        code = catalog.snippet_path(snippet).read_text(encoding="utf-8")
        output = catalog.output_path(snippet).read_text(encoding="utf-8")
        assert blocks[blocks.index(code) + 1] == output, f"{entry.id}: output differs"


def test_edit_link_opens_the_yaml_entry(built, catalog) -> None:
    site, _ = built
    for entry in catalog.ordered:
        edits = [
            attrs["href"]
            for tag, attrs in links(page_of(site, entry))
            if tag == "a" and "Edit this page" in attrs.get("title", "")
        ]
        assert len(edits) == 1 and edits[0].endswith(f"/edit/main/{catalog.sources[entry.id]}")


def test_catalog_json_and_schema_at_the_site_root(built, catalog) -> None:
    site, _ = built
    data = json.loads((site / "catalog.json").read_text("utf-8"))
    assert {entry["id"] for entry in data["entries"]} == set(catalog.entries)
    facets = json.loads((site / "facets.json").read_text("utf-8"))
    assert [entry["id"] for entry in facets["entries"]] == [e.id for e in catalog.ordered]
    assert (site / "schema.json").read_text("utf-8") == schema_json("entry")


def test_no_asset_is_loaded_from_another_host(built) -> None:
    site, _ = built
    foreign = []
    for page in site.rglob("*.html"):
        for tag, attrs in links(page.read_text("utf-8")):
            source = attrs.get("src") or (attrs.get("href") if tag == "link" else "")
            external = source and re.match(r"^(https?:)?//", source)
            if external and tag != "a" and attrs.get("rel") != "canonical":
                foreign.append(f"{page.relative_to(site)}: <{tag}> {source}")
    assert foreign == []
    css = "\n".join(path.read_text("utf-8") for path in site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_bad_entry_stops_the_build_with_a_readable_message(project: Path, edit, tmp_path) -> None:
    edit("patterns/data-representation/scaling.yaml", "roles: [", "roles: [sientist, ")
    done = build_site(project, tmp_path / "site")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = (project / "patterns/data-representation/scaling.yaml").read_text().splitlines()
    line = next(number for number, text in enumerate(lines, 1) if "sientist" in text)
    expected = f"patterns/data-representation/scaling.yaml:{line}:9: roles[0]: unknown role"
    assert f"{expected} `sientist` - did you mean `data-scientist`?" in done.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def _ids(page: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page))


def test_every_internal_link_and_anchor_resolves(built) -> None:
    site, _ = built
    broken = []
    pages = {path: path.read_text("utf-8") for path in site.rglob("*.html")}
    for path, text in pages.items():
        for tag, attrs in links(text):
            href = attrs.get("href") if tag in {"a", "link"} else attrs.get("src")
            if not href or re.match(r"^([a-z]+:|//)", href) or href.startswith("data:"):
                continue
            target_path, _, fragment = href.partition("#")
            target_path = target_path.split("?")[0]
            if target_path.startswith("/"):  # 404.html uses site-root paths
                target = (site / target_path.lstrip("/")).resolve()
            else:
                target = (path.parent / target_path).resolve() if target_path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{path.relative_to(site)}: {href} (no such file)")
            elif fragment and target.suffix == ".html":
                ids = _ids(pages.get(target) or target.read_text("utf-8"))
                if fragment not in ids:
                    broken.append(f"{path.relative_to(site)}: {href} (no such anchor)")
    assert broken == []


def test_every_image_has_alt_text(built) -> None:
    site, _ = built
    missing = [
        f"{path.relative_to(site)}: {attrs.get('src')}"
        for path in site.rglob("*.html")
        for tag, attrs in links(path.read_text("utf-8"))
        if tag == "img" and not attrs.get("alt")
    ]
    assert missing == []


def test_every_diagram_is_named_and_its_links_are_also_html_links(built) -> None:
    """Crawlers and some assistive tools do not follow links inside SVG: each diagram's
    targets must also be ordinary links on the same page."""
    site, _ = built
    for path in site.rglob("*.html"):
        text = path.read_text("utf-8")
        for svg in re.findall(r"<svg\b[^>]*role=\"group\".*?</svg>", text, re.S):
            assert re.search(r'aria-label="[^"]+"', svg.split(">", 1)[0]), path
            inside = set(re.findall(r'xlink:href="([^"]+)"', svg))
            outside = {attrs["href"] for tag, attrs in links(text.replace(svg, "")) if tag == "a"}
            assert inside <= outside, f"{path.relative_to(site)}: {sorted(inside - outside)}"
