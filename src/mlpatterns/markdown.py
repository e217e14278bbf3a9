"""Make entry text safe to embed in a generated Markdown page.

Entry fields may use Markdown, but never raw HTML: a `<` outside code is written
as `&lt;`, so `<script>` shows as text. Braces are escaped too, because the
`attr_list` extension would otherwise let `{ onclick=... }` add attributes.
Code spans and fenced blocks are left alone; Markdown already escapes them.
"""

from __future__ import annotations

import functools
import re

_CODE = re.compile(
    r"(?P<fence>^[ \t]*(?P<mark>`{3,}|~{3,}).*?^[ \t]*(?P=mark)[ \t]*$)"
    r"|(?P<span>(?P<ticks>`+).+?(?<!`)(?P=ticks)(?!`))",
    re.MULTILINE | re.DOTALL,
)
UNSAFE_LINK = re.compile(
    r"(?P<lead>(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?)\s*)(?P<scheme>javascript|vbscript|data):",
    re.IGNORECASE | re.MULTILINE,
)
"""A link target (inline or reference definition) whose scheme runs code. The loader
reports it as an error; the escaper neutralizes it in case it reaches a page anyway."""


def _escape_prose(text: str) -> str:
    text = text.replace("<", "&lt;").replace("{", "&#123;").replace("}", "&#125;")
    return UNSAFE_LINK.sub(lambda match: f"{match['lead']}unsafe-{match['scheme']}:", text)


@functools.lru_cache(maxsize=65536)  # the same summary appears on many pages
def escape_markdown(text: str) -> str:
    """Escape raw HTML and attribute lists in `text`, keeping code spans and fences intact."""
    parts: list[str] = []
    position = 0
    for match in _CODE.finditer(text):
        parts.append(_escape_prose(text[position : match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(_escape_prose(text[position:]))
    return "".join(parts).strip()


@functools.lru_cache(maxsize=65536)
def escape_inline(text: str) -> str:
    """Escape a one-line value (a name or summary) for headings, lists and table cells."""
    return escape_markdown(" ".join(text.split())).replace("|", "\\|")
