"""The MkDocs plugin on its own: non-default options, the Markdown extensions it needs,
the `enabled` switch, its CSS before the user's, edit links from edit_uri, and clear
errors for options that cannot work. Built in-process, as MkDocs' own tests do."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

pytestmark = pytest.mark.site


def set_options(project: Path, options: str, extra: str = "") -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  - mlpatterns\n", f"  - mlpatterns:\n{options}")
    config.write_text(text + extra, encoding="utf-8")


def build_in_process(project: Path, site: Path) -> None:
    """What `mkdocs build` does, in this process."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def test_non_default_folders_and_the_extensions_it_needs(project: Path, tmp_path: Path) -> None:
    (project / "patterns").rename(project / "catalog-src")
    (project / "snippets").rename(project / "examples")
    set_options(
        project,
        "      patterns_dir: catalog-src\n"
        "      snippets_dir: examples\n"
        "      output_dir: gen/lib\n",
    )
    (project / "docs/index.md").write_text("# Home\n\n[Catalog](gen/lib/index.md)\n", "utf-8")
    (project / "patterns").mkdir()  # an empty decoy: the option, not the default, is read
    site = tmp_path / "site"
    build_in_process(project, site)
    page = (site / "gen/lib/data-representation/bucketing/index.html").read_text("utf-8")
    # fixture mkdocs.yml lists neither abbr nor admonition: the plugin added them
    assert 'class="admonition abstract"' in page
    assert (site / "gen/lib/guides/scale-or-bucket/index.html").is_file()
    assert not (project / "docs/catalog").exists()
    assert (project / "docs/gen/lib/index.md").is_file()


def test_the_plugin_says_which_extensions_it_added(project: Path, tmp_path: Path, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.mlpatterns"):
        build_in_process(project, tmp_path / "site")
    added = [
        r.getMessage() for r in caplog.records if "added the Markdown extensions" in r.getMessage()
    ]
    assert added and "abbr" in added[0] and "admonition" in added[0]
    assert all(
        r.getMessage().startswith("mlpatterns: ")
        for r in caplog.records
        if r.name.endswith("mlpatterns")
    )


def test_disabled_plugin_builds_the_site_without_the_catalog(project: Path, tmp_path: Path) -> None:
    set_options(project, "      enabled: false\n")
    (project / "docs/index.md").write_text("# Home\n", "utf-8")
    site = tmp_path / "site"
    build_in_process(project, site)
    assert (site / "index.html").is_file()
    assert not (site / "catalog").exists() and not (site / "catalog.json").exists()


def test_its_css_comes_before_the_users(project: Path, tmp_path: Path) -> None:
    (project / "docs/custom.css").write_text(".md-typeset .mlp-lead { color: red; }\n", "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "extra_css:\n  - custom.css\n", "utf-8")
    site = tmp_path / "site"
    build_in_process(project, site)
    head = (site / "index.html").read_text("utf-8")
    assert head.index("mlpatterns.css") < head.index("custom.css")


def test_edit_links_follow_edit_uri(project: Path, tmp_path: Path) -> None:
    (project / "docs").rename(project / "site-docs")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8").replace(
        "edit_uri: edit/main/docs/", "edit_uri: blob/dev/site-docs/"
    )
    config.write_text(
        text + "docs_dir: site-docs\ntheme:\n  name: material\n  features: [content.action.edit]\n",
        "utf-8",
    )
    site = tmp_path / "site"
    build_in_process(project, site)
    page = (site / "catalog/data-representation/bucketing/index.html").read_text("utf-8")
    assert (
        'href="https://github.com/example/fixture/blob/dev/patterns/data-representation/bucketing.yaml"'
        in page
    )


def test_an_output_dir_outside_docs_is_refused(project: Path) -> None:
    set_options(project, "      output_dir: ../outside\n")
    with pytest.raises((ConfigurationError, Abort)) as error:
        load_config(str(project / "mkdocs.yml"))
    assert "output_dir must be a folder inside docs_dir" in str(error.value) or error.type is Abort


def test_a_missing_patterns_folder_is_named(project: Path, caplog) -> None:
    set_options(project, "      patterns_dir: nowhere\n")
    with caplog.at_level(logging.ERROR), pytest.raises((ConfigurationError, Abort)):
        load_config(str(project / "mkdocs.yml"))
    assert (
        "option 'patterns_dir'" in caplog.text
        and "nowhere' isn't an existing directory" in caplog.text
    )


def test_a_catalog_error_stops_the_build_with_its_report(
    project: Path, edit, tmp_path: Path, caplog
) -> None:
    edit("patterns/data-representation/scaling.yaml", "roles: [", "roles: [sientist, ")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_in_process(project, tmp_path / "site")
    assert "roles[0]: unknown role `sientist` - did you mean `data-scientist`?" in caplog.text
    assert "Traceback" not in caplog.text
    assert not (tmp_path / "site/catalog").exists()
