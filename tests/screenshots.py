"""Take the screenshots committed under docs/assets/screenshots/ and used in the README.

Run from the project root after `make test` (which installs Playwright):

    .venv/bin/python -m tests.screenshots

It builds the site from a copy of the repository, serves it on 127.0.0.1 and
photographs the home page, a pattern, an anti-pattern and a guide page, the
catalog explorer, the "What's wrong?" page, the map and search results, in light and dark, at
desktop and phone width, with the system Chromium.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from .conftest import (
    CHROMIUM_ARGS,
    CHROMIUM_MISSING,
    REPO,
    build_site,
    copy_repo,
    find_chromium,
    serve,
)

PAGES = {
    "home": "",
    "pattern": "catalog/data-representation/hashed-feature/",
    "anti-pattern": "catalog/anti-patterns/preprocessing-leakage/",
    "guide": "catalog/guides/encoding-many-categories/",
    "explorer": "catalog/?stage=training&role=data-engineer",
    "symptoms": "catalog/symptoms/",
    "map": "catalog/map/",
    "search": "?q=my%20classes%20are%20unbalanced",
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
SCHEMES = {"light": "light", "dark": "dark"}
OUT = REPO / "docs" / "assets" / "screenshots"


def main() -> None:
    chromium = find_chromium()
    if not chromium:
        raise SystemExit(CHROMIUM_MISSING)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        done = build_site(copy_repo(Path(folder) / "project"), site)
        if done.returncode:
            raise SystemExit(done.stderr)
        OUT.mkdir(parents=True, exist_ok=True)
        with serve(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for scheme in SCHEMES:
                for device, viewport in VIEWPORTS.items():
                    context = browser.new_context(
                        viewport=viewport,
                        color_scheme=scheme,
                        device_scale_factor=1,
                        is_mobile=device == "phone",
                    )
                    page = context.new_page()
                    for name, path in PAGES.items():
                        page.goto(f"{url}/{path}", wait_until="networkidle")
                        if name == "search":
                            page.wait_for_selector(".md-search-result__item")
                        if name == "map":
                            page.locator("figure.mlp-map").scroll_into_view_if_needed()
                        target = OUT / f"{name}-{scheme}-{device}.png"
                        page.screenshot(path=target)
                        print(f"wrote {target.relative_to(REPO)}")
                    context.close()
            browser.close()


if __name__ == "__main__":
    main()
