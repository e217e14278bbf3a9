"""The built site in a real browser (Playwright driving Debian's Chromium).

The explorer, the map, search, downloads, themes, phone layout, and what the
pages load and log. All pages are served from 127.0.0.1 by the test itself.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
import yaml

from mlpatterns.load import load_catalog
from mlpatterns.notebook import split_docstring
from mlpatterns.render import entry_page

from .conftest import REPO

pytestmark = pytest.mark.xdist_group("site")
CATALOG = load_catalog(REPO).catalog
QUERIES = yaml.safe_load((REPO / "tests/data/search_queries.yaml").read_text("utf-8"))
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def page(browser):
    context = browser.new_context()
    opened = context.new_page()
    yield opened
    context.close()


def url_of(entry) -> str:
    return "catalog/" + entry_page(entry).removesuffix(".md") + "/"


def visible_rows(page) -> list[str]:
    """Ids of the catalog table rows the explorer leaves visible."""
    return page.eval_on_selector_all(
        "table tbody tr:not([hidden]) td:first-child a",
        "links => links.map(a => a.getAttribute('href').replace(/\\/$/, '').split('/').pop())",
    )


def expected(**facets: str) -> list[str]:
    keys = {"stage": "stages", "role": "roles", "challenge": "challenges", "modality": "modality"}
    found = []
    for entry in CATALOG.ordered:
        if all(value in getattr(entry, keys[key]) for key, value in facets.items()):
            found.append(entry.id)
    return found


def searchable(entry) -> str:
    """The fields the explorer's word filter looks at."""
    return " ".join([entry.id, entry.name, entry.summary, *entry.aliases]).lower()


def test_map_has_a_node_for_every_pattern_and_its_links_open_pages(page, site_url) -> None:
    page.goto(f"{site_url}/catalog/map/")
    nodes = page.eval_on_selector_all(
        ".mlp-map a[data-entry]", "links => links.map(a => a.dataset.entry)"
    )
    assert sorted(nodes) == sorted(entry.id for entry in CATALOG.patterns)
    page.click(".mlp-map a[data-entry='keyed-predictions']")
    page.wait_for_url(re.compile(r"/catalog/resilient-serving/keyed-predictions/$"))
    assert page.locator("h1").inner_text().startswith("Keyed Predictions")


def test_neighborhood_map_links_to_related_entries(page, site_url) -> None:
    entry = CATALOG.entries["rebalancing"]
    page.goto(f"{site_url}/{url_of(entry)}")
    names = page.eval_on_selector_all(
        ".mlp-neighborhood a.mlp-node-link text", "texts => texts.map(t => t.textContent)"
    )
    assert sorted(names) == sorted(n.entry.name for n in CATALOG.related(entry.id))
    node = page.locator(".mlp-neighborhood a.mlp-node-link").filter(has_text=re.compile("^Cascade"))
    node.first.click()
    page.wait_for_url(re.compile(r"/catalog/problem-representation/cascade/$"))


def test_explorer_facets_combine_and_the_url_round_trips(page, site_url) -> None:
    page.goto(f"{site_url}/catalog/")
    page.check("#mlp-stage-training")
    page.check("#mlp-role-data-engineer")
    want = expected(stage="training", role="data-engineer")
    assert 0 < len(want) < len(CATALOG.entries)
    assert visible_rows(page) == want
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)
    assert query == {"stage": ["training"], "role": ["data-engineer"]}
    # Counts: how many entries each value would give with the other filters kept.
    count = page.inner_text("label[for='mlp-modality-tabular'] .mlp-facet__count")
    assert int(count) == len(expected(stage="training", role="data-engineer", modality="tabular"))
    # A shared link restores the same view.
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    assert page.is_checked("#mlp-stage-training") and page.is_checked("#mlp-role-data-engineer")
    assert visible_rows(page) == want
    page.fill("#mlp-explorer-q", "hash")
    assert visible_rows(page) == [e for e in want if "hash" in searchable(CATALOG.entries[e])]
    assert "q=hash" in page.url
    page.click(".mlp-explorer__clear")
    assert len(visible_rows(page)) == len(CATALOG.entries)


def test_catalog_is_a_plain_table_without_javascript(browser, site_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/catalog/?stage=training")
    assert len(visible_rows(page)) == len(CATALOG.entries)
    assert not page.is_visible("#mlp-explorer")
    context.close()


def test_filters_are_reachable_with_the_keyboard(page, site_url) -> None:
    page.goto(f"{site_url}/catalog/")
    page.focus("#mlp-explorer-q")
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "checkbox":
            break
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("mlp-category-")
    page.keyboard.press("Space")
    assert page.is_checked(f"#{focused}")
    assert "category=" in page.url


def search_top_pages(page, site_url: str, query: str) -> list[str]:
    page.goto(f"{site_url}/?q={urllib.parse.quote(query)}")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    links = page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link",
        "links => links.map(a => a.getAttribute('href'))",
    )
    pages: list[str] = []
    for link in links:
        path = urllib.parse.urlsplit(link).path.rstrip("/").split("/")[-1]
        if path not in pages:
            pages.append(path)
    return pages[:3]


def test_search_finds_the_right_entry_in_the_top_three(page, site_url, capsys) -> None:
    misses = []
    for item in QUERIES:
        top = search_top_pages(page, site_url, item["query"])
        if item["expect"] not in top:
            misses.append(f"{item['query']!r}: expected {item['expect']}, got {top}")
    rate = 1 - len(misses) / len(QUERIES)
    with capsys.disabled():
        print(f"\nsearch hit rate (top 3): {rate:.0%} of {len(QUERIES)} queries")
        for miss in misses:
            print(f"  miss {miss}")
    assert len(QUERIES) >= 30
    assert rate >= 0.9, "\n".join(misses)


def site_pages(site: Path) -> list[str]:
    return sorted(
        str(path.relative_to(site).parent).replace(".", "") + "/"
        for path in site.rglob("index.html")
        if "404" not in str(path)
    )


def test_every_page_loads_only_from_its_own_origin_without_console_errors(
    browser, built, site_url
) -> None:
    site, _ = built
    context = browser.new_context()
    page = context.new_page()
    foreign: list[str] = []
    errors: list[str] = []
    page.on(
        "request",
        lambda request: None if request.url.startswith(site_url) else foreign.append(request.url),
    )
    page.on(
        "console",
        lambda message: (
            errors.append(f"{page.url}: {message.text}") if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    pages = site_pages(site)
    assert len(pages) > 60
    for path in pages:
        page.goto(f"{site_url}/{path.lstrip('/')}", wait_until="networkidle")
    context.close()
    assert foreign == []
    assert errors == []


@pytest.mark.parametrize(
    "path",
    ["catalog/", "catalog/map/", "catalog/stages/", "catalog/glossary/"]
    + [url_of(entry) for entry in CATALOG.ordered],
)
def test_no_horizontal_scrolling_at_phone_width(browser, site_url, path) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}/{path}")
    page.wait_for_load_state("networkidle")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    context.close()
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 390px"


def test_notebook_download_is_valid_and_runs(page, site_url, tmp_path) -> None:
    import nbformat

    entry = CATALOG.entries["feature-cross"]
    page.goto(f"{site_url}/{url_of(entry)}")
    with page.expect_download() as download:
        page.click("text=Download notebook")
    saved = tmp_path / "feature-cross.ipynb"
    download.value.save_as(saved)
    notebook = nbformat.read(saved, as_version=4)
    nbformat.validate(notebook)
    code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    snippet = entry.snippets[0]
    assert done.stdout == CATALOG.output_path(snippet).read_text("utf-8")
    with page.expect_download() as script:
        page.click(f"text=Download {snippet.file}")
    script.value.save_as(tmp_path / snippet.file)
    assert (tmp_path / snippet.file).read_bytes() == CATALOG.snippet_path(snippet).read_bytes()


def test_every_notebook_holds_its_snippet(built) -> None:
    import nbformat

    site, _ = built
    for _, snippet in CATALOG.all_snippets():
        path = site / "catalog/downloads" / snippet.file.replace(".py", ".ipynb")
        notebook = nbformat.reads(path.read_text("utf-8"), as_version=4)
        nbformat.validate(notebook)
        code = CATALOG.snippet_path(snippet).read_text("utf-8")
        cells = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
        assert cells == [split_docstring(code)[1]]


def test_palette_toggle_switches_between_light_and_dark(page, site_url) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(f"{site_url}/")
    seen = [page.get_attribute("body", "data-md-color-scheme")]
    for _ in range(3):  # the toggle cycles: system preference, light, dark
        page.click("label.md-header__button[for^='__palette']:visible")
        seen.append(page.get_attribute("body", "data-md-color-scheme"))
    assert seen[0] == "default" and "slate" in seen and seen[-1] == "default"


def test_catalog_json_drives_the_explorer(page, site_url) -> None:
    page.goto(f"{site_url}/catalog/")
    page.wait_for_selector("fieldset[data-facet='category'] .mlp-facet__name")
    labels = page.eval_on_selector_all(
        "fieldset[data-facet='category'] .mlp-facet__name", "names => names.map(n => n.textContent)"
    )
    data = json.loads(page.evaluate("fetch('../catalog.json').then(r => r.text())"))
    assert labels == [category["name"] for category in data["taxonomy"]["categories"]]


def test_html_in_an_entry_shows_as_text_and_never_runs(browser, project, edit, tmp_path) -> None:
    from .conftest import build_site, serve

    attack = (
        "<script>window.__pwned = 1</script> "
        '<img src="x" onerror="window.__pwned = 2"> '
        '{: onmouseover="window.__pwned = 3" } Distances'
    )
    edit("patterns/data-representation/scaling.yaml", "Distances", attack)
    edit("patterns/data-representation/scaling.yaml", "name: Scaling", "name: Scaling <b>x</b>")
    done = build_site(project, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    with serve(tmp_path / "site") as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{url}/catalog/data-representation/scaling/")
        page.hover("text=Distances")
        assert page.evaluate("window.__pwned") is None
        text = page.inner_text("article")
        assert "<script>window.__pwned = 1</script>" in text
        assert '<img src="x" onerror="window.__pwned = 2">' in text
        assert page.locator("h1").inner_text().startswith("Scaling <b>x</b>")
        context.close()
