"""Read a built site: the text of code blocks and the links of a page, without a browser."""

from __future__ import annotations

import html
from html.parser import HTMLParser


class _Blocks(HTMLParser):
    """Collects the text inside every `<pre><code>` and every link and script source."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.links: list[tuple[str, dict[str, str]]] = []
        self._depth = 0
        self._in_pre = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if "xlink:href" in values:  # links inside inline SVG
            values.setdefault("href", values["xlink:href"])
        if tag in {"a", "link", "script", "img", "iframe", "source"}:
            self.links.append((tag, values))
        if tag == "pre":
            self._in_pre = True
        elif tag == "code" and self._in_pre:
            self._depth += 1
            self._buffer = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "code" and self._depth:
            self._depth -= 1
            self.blocks.append("".join(self._buffer))
        elif tag == "pre":
            self._in_pre = False

    def handle_data(self, data: str) -> None:
        if self._depth:
            self._buffer.append(data)


def code_blocks(page: str) -> list[str]:
    """The text of every `<pre><code>` block, entities decoded."""
    parser = _Blocks()
    parser.feed(page)
    return [html.unescape(block) for block in parser.blocks]


def links(page: str) -> list[tuple[str, dict[str, str]]]:
    """Every (tag, attributes) of a, link, script, img, iframe and source elements."""
    parser = _Blocks()
    parser.feed(page)
    return parser.links
