"""Take the blank lines and indentation out of the built HTML.

Material's templates indent every tag and leave runs of empty lines, a third of a
page's bytes on this site. A run of whitespace that holds a line break is replaced
by one line break: HTML renders any run of whitespace between words or tags as one
space, so the page looks the same. Preformatted elements, scripts, styles and
text areas are left exactly as they are.
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"<(pre|script|style|textarea)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_BREAKS = re.compile(r"[ \t\r\f\v]*\n\s*")


def minify(html: str) -> str:
    """`html` with every whitespace run that holds a newline shortened to one newline."""
    parts: list[str] = []
    position = 0
    for match in _KEEP.finditer(html):
        parts.append(_BREAKS.sub("\n", html[position : match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(_BREAKS.sub("\n", html[position:]))
    return "".join(parts)
