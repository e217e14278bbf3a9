"""The built site in a real browser (Playwright driving Debian's Chromium).

The explorer, the map, downloads, themes, phone layout, and what the pages load
and log. All pages are served from 127.0.0.1 by the test itself.
"""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from mlpatterns.export import entry_url

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def visible_rows(page) -> list[str]:
    """URLs of the catalog table rows the explorer leaves visible, as site paths."""
    page.wait_for_selector("#mlp-explorer.mlp-explorer--ready:not([data-busy])")
    hrefs = page.eval_on_selector_all(
        "table tbody tr:not([hidden]) td:first-child a", "links => links.map(a => a.href)"
    )
    return [urllib.parse.urlsplit(href).path.lstrip("/") for href in hrefs]


def urls(entries) -> list[str]:
    return [entry_url(entry) for entry in entries]


def site_pages(site: Path) -> list[str]:
    return sorted(
        str(path.relative_to(site).parent).replace(".", "") + "/"
        for path in site.rglob("index.html")
        if "404" not in str(path)
    )


def test_map_has_a_node_for_every_pattern_and_its_links_open_pages(page, site_url, catalog) -> None:
    page.goto(f"{site_url}/catalog/map/")
    nodes = page.eval_on_selector_all(
        ".mlp-map a[data-entry]", "links => links.map(a => a.dataset.entry)"
    )
    assert sorted(nodes) == sorted(entry.id for entry in catalog.patterns)
    target = catalog.patterns[0]
    page.focus(f".mlp-map a[data-entry='{target.id}']")  # keyboard: tab to it, press Enter
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(entry_url(target)) + "$"))
    assert page.locator("h1").inner_text().startswith(target.name)


def test_neighborhood_map_links_to_related_entries(page, site_url, catalog) -> None:
    entry = max(catalog.patterns, key=lambda e: len(catalog.related(e.id)))
    page.goto(f"{site_url}/{entry_url(entry)}")
    names = page.eval_on_selector_all(
        ".mlp-neighborhood a.mlp-node-link text", "texts => texts.map(t => t.textContent)"
    )
    assert sorted(names) == sorted(n.entry.name for n in catalog.related(entry.id))
    other = catalog.related(entry.id)[0].entry
    node = page.locator(".mlp-neighborhood a.mlp-node-link").filter(has_text=other.name)
    node.first.click()
    page.wait_for_url(re.compile(re.escape(entry_url(other)) + "$"))


def test_explorer_facets_combine_and_the_url_round_trips(page, site_url, catalog) -> None:
    page.goto(f"{site_url}/catalog/")
    page.check("#mlp-stage-training")
    page.check("#mlp-role-data-engineer")
    want = catalog.select(stage=["training"], role=["data-engineer"])
    assert 0 < len(want) < len(catalog.entries)
    assert visible_rows(page) == urls(want)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)
    assert query == {"stage": ["training"], "role": ["data-engineer"]}
    # Counts: how many entries each value would give with the other filters kept.
    count = page.inner_text("label[for='mlp-modality-tabular'] .mlp-facet__count")
    with_tabular = catalog.select(stage=["training"], role=["data-engineer"], modality=["tabular"])
    assert int(count) == len(with_tabular)
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    assert page.is_checked("#mlp-stage-training") and page.is_checked("#mlp-role-data-engineer")
    assert visible_rows(page) == urls(want)
    page.click(".mlp-explorer__clear")
    assert len(visible_rows(page)) == len(catalog.entries)


def test_facet_counts_agree_with_the_cli_and_the_taxonomy_pages(page, site_url, catalog) -> None:
    page.goto(f"{site_url}/catalog/")
    page.wait_for_selector("#mlp-explorer.mlp-explorer--ready")
    shown = page.eval_on_selector_all(
        ".mlp-facet__option input",
        "boxes => boxes.map(b => [b.name, b.value, "
        "Number(b.closest('label').querySelector('.mlp-facet__count').textContent)])",
    )
    assert shown, "no facet options"
    for key, value, count in shown:
        assert count == len(catalog.select(**{key: [value]})), (key, value)
    lists = {"stage": "stages", "role": "roles"}
    for key, value, count in shown:
        if key in lists:
            page.goto(f"{site_url}/catalog/{lists[key]}/{value}/")
            listed = page.eval_on_selector_all("article a[href]", "links => links.map(a => a.href)")
            entry_links = {
                urllib.parse.urlsplit(href).path.lstrip("/")
                for href in listed
                if any(urllib.parse.urlsplit(href).path.endswith(u) for u in urls(catalog.ordered))
            }
            assert len(entry_links) == count, (key, value)


def test_word_filter_matches_like_search(page, site_url, catalog) -> None:
    page.goto(f"{site_url}/catalog/")
    placeholder = page.get_attribute("#mlp-explorer-q", "placeholder") or ""
    example = placeholder.removeprefix("e.g. ").split(",")[0].strip()
    assert example
    for words in (example, "unbalanced", "explainability", "leakage"):
        page.fill("#mlp-explorer-q", words)
        page.wait_for_function(
            "w => new URLSearchParams(location.search).get('words') === w", arg=words
        )
        rows = visible_rows(page)
        assert 0 < len(rows) < len(catalog.entries), words


def test_words_typed_before_the_explorer_is_ready_are_kept(page, site_url) -> None:
    held: list = []  # the facets request, answered only after the reader has typed
    page.route("**/facets.json", lambda route: held.append(route))
    page.goto(f"{site_url}/catalog/")
    page.fill("#mlp-explorer-q", "leakage")
    page.wait_for_timeout(100)
    assert held and not page.is_visible("#mlp-explorer.mlp-explorer--ready")
    held[0].continue_()
    page.wait_for_function("() => new URLSearchParams(location.search).get('words') === 'leakage'")
    assert page.input_value("#mlp-explorer-q") == "leakage"


def test_an_empty_result_offers_a_search_of_the_whole_site(page, site_url) -> None:
    page.goto(f"{site_url}/catalog/")
    page.fill("#mlp-explorer-q", "zyxwvut")
    link = page.locator(".mlp-explorer__site-search")
    link.wait_for()
    assert "zyxwvut" in link.inner_text()
    assert page.is_hidden("table")
    page.fill("#mlp-explorer-q", "overfitting")
    page.wait_for_selector(".mlp-explorer__site-search", state="hidden")
    page.goto(f"{site_url}/catalog/?words=leakage%20zyxwvut")
    page.click(".mlp-explorer__site-search")
    page.wait_for_selector(".md-search-result__meta")


def test_catalog_is_a_plain_table_without_javascript(browser, site_url, catalog) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/catalog/?stage=training")
    rows = page.eval_on_selector_all("table tbody tr:not([hidden])", "rows => rows.length")
    assert rows == len(catalog.entries)
    assert "The filters need JavaScript" in page.inner_text("#mlp-explorer")
    context.close()


def test_filters_are_reachable_with_the_keyboard(page, site_url) -> None:
    page.goto(f"{site_url}/catalog/")
    page.wait_for_selector("#mlp-explorer.mlp-explorer--ready")
    page.focus("#mlp-explorer-q")
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "checkbox":
            break
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("mlp-kind-")
    page.keyboard.press("Space")
    assert page.is_checked(f"#{focused}")
    assert "kind=" in page.url


def test_every_page_is_self_contained_quiet_and_fits_a_phone(browser, built, site_url) -> None:
    """One visit of every page, at phone width: nothing loads from another host, the
    console stays free of errors, and nothing scrolls sideways."""
    site, _ = built
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    foreign: list[str] = []
    errors: list[str] = []
    wide: list[str] = []
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
    for path in pages:
        page.goto(f"{site_url}/{path.lstrip('/')}", wait_until="networkidle")
        if path.startswith("reference/api"):
            continue  # generated API signatures; the theme scrolls code blocks itself
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            wide.append(f"{path} scrolls sideways by {overflow}px")
    context.close()
    assert (foreign, errors, wide) == ([], [], [])


def test_notebook_download_is_valid_and_runs(page, site_url, catalog, tmp_path) -> None:
    import nbformat

    entry = next(e for e in catalog.patterns if e.snippets)
    page.goto(f"{site_url}/{entry_url(entry)}")
    with page.expect_download() as download:
        page.click("text=Download notebook")
    saved = tmp_path / "downloaded.ipynb"
    download.value.save_as(saved)
    notebook = nbformat.read(saved, as_version=4)
    nbformat.validate(notebook)
    snippet = entry.snippets[0]
    with page.expect_download() as script:
        page.click(f"text=Download {snippet.file}")
    script.value.save_as(tmp_path / snippet.file)
    assert (tmp_path / snippet.file).read_bytes() == catalog.snippet_path(snippet).read_bytes()


def test_palette_toggle_switches_between_light_and_dark(page, site_url) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(f"{site_url}/")
    seen = [page.get_attribute("body", "data-md-color-scheme")]
    for _ in range(3):  # the toggle cycles: system preference, light, dark
        page.click("label.md-header__button[for^='__palette']:visible")
        seen.append(page.get_attribute("body", "data-md-color-scheme"))
    assert seen[0] == "default" and "slate" in seen and seen[-1] == "default"


def test_glossary_definitions_open_with_the_keyboard(page, site_url, catalog) -> None:
    term = next(
        t for t in catalog.taxonomy.glossary if t.tooltip and catalog.glossary_usage(t.term)
    )
    user = catalog.glossary_usage(term.term)[0]
    page.goto(f"{site_url}/{entry_url(user)}")
    abbr = page.locator("article abbr").first
    abbr.wait_for()
    assert abbr.get_attribute("tabindex") == "0"
    abbr.focus()
    page.wait_for_selector(".md-tooltip--active, [role=tooltip]:visible", timeout=5000)


def test_the_symptom_page_is_linked_from_home_and_every_symptom_links(
    page, site_url, catalog
) -> None:
    page.goto(f"{site_url}/")
    page.click("a[href*='symptoms']")
    page.wait_for_url(re.compile(r"/catalog/symptoms/$"))
    rows = page.eval_on_selector_all(
        "article table tbody tr",
        "rows => rows.map(r => [r.cells[0].innerText, r.cells[1].querySelector('a') !== null])",
    )
    symptoms = [s for entry in catalog.ordered for s in entry.symptoms]
    assert sorted(text for text, _ in rows) == sorted(symptoms)
    assert all(linked for _, linked in rows)


def test_phone_readers_can_download_every_example_at_once(page, site_url, tmp_path) -> None:
    import zipfile

    page.goto(f"{site_url}/catalog/")
    with page.expect_download() as download:
        page.click("text=Download all examples")
    saved = tmp_path / "all.zip"
    download.value.save_as(saved)
    assert any(name.endswith(".ipynb") for name in zipfile.ZipFile(saved).namelist())


def test_html_in_an_entry_shows_as_text_and_never_runs(browser, project, edit, tmp_path) -> None:
    from .conftest import build_site, serve

    attack = (
        "<script>window.__pwned = 1</script> "
        '<img src="x" onerror="window.__pwned = 2"> '
        '{: onmouseover="window.__pwned = 3" } Distances'
    )
    edit("patterns/data-representation/scaling.yaml", "Distances", attack)
    edit("patterns/data-representation/scaling.yaml", "name: Scaling", "name: Scaling <b>x</b>")
    for path in ("snippets/scaling.py", "patterns/guides/scale-or-bucket.yaml"):
        edit(path, "Scaling", "Scaling <b>x</b>")
    edit("snippets/scale-or-bucket.out", "Scaling   ", "Scaling <b>x</b>")
    done = build_site(project, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    with serve(tmp_path / "site") as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{url}/catalog/data-representation/scaling/")
        page.hover("article >> text=Distances mix")
        assert page.evaluate("window.__pwned") is None
        text = page.inner_text("article")
        assert "<script>window.__pwned = 1</script>" in text
        assert '<img src="x" onerror="window.__pwned = 2">' in text
        assert page.locator("h1").inner_text().startswith("Scaling <b>x</b>")
        context.close()


def test_snippet_runs_as_downloaded(tmp_path, catalog) -> None:
    """A downloaded script runs on its own, in an empty folder."""
    _, snippet = catalog.all_snippets()[0]
    done = subprocess.run(
        [sys.executable, str(catalog.snippet_path(snippet))],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == catalog.output_path(snippet).read_text("utf-8")
