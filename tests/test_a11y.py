"""Accessibility (WCAG 2.1 A and AA): axe-core on every page, in the light and the dark
color scheme. Violations caused by Material itself that the site cannot cheaply fix
are listed, each with the reason, in THEME_RULES; anything else fails."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
THEME_RULES: dict[str, str] = {}
"""axe rule id -> why it is allowed: only rules the theme causes, none the project's markup."""

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " :: " + n.failureSummary)
  }));
}"""


def pages(site: Path) -> list[str]:
    return sorted(
        str(path.relative_to(site).parent).replace(".", "") + "/"
        for path in site.rglob("index.html")
        if "404" not in str(path)
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe(browser, built, site_url, scheme) -> None:
    site, _ = built
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found: list[str] = []
    for path in pages(site):
        page.goto(f"{site_url}/{path.lstrip('/')}", wait_until="networkidle")
        page.add_script_tag(path=str(AXE))
        for violation in page.evaluate(RUN_AXE, TAGS):
            if violation["id"] in THEME_RULES:
                continue
            nodes = "\n      ".join(violation["nodes"])
            found.append(f"{path} [{scheme}] {violation['id']}: {violation['help']}\n      {nodes}")
    context.close()
    assert found == [], "\n".join(found)
