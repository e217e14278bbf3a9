"""The catalog's content bar as a table of numbered rules, checked by the validator.

Each rule says what it checks, which kinds of entry it applies to, and how to fix
a failure. `mlpatterns validate` reports a broken rule as a warning, so a
half-written entry can still be served; `--strict`, `mlpatterns check`, the strict
site build and CI fail on it. The docs publish this table (Reference > Content
rules), and CONTRIBUTING.md points at it instead of repeating the numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from mlpatterns.catalog import Catalog
from mlpatterns.model import Entry, SnippetRef

Path_ = tuple[str | int, ...]

MIN_WORDS = {"problem": 80, "solution": 100, "guide-solution": 80, "mechanism": 60}
MIN_WORDS["detection"] = 40
MIN_TRADE_OFFS = {"pattern": 3, "challenge": 2, "anti-pattern": 2}
MIN_SYMPTOMS = 3
MIN_REFERENCES = 2
MIN_RELATED = 2
MIN_ROWS = 3
SNIPPET_MAX_LINES = 120
SNIPPET_MAX_WIDTH = 88
OUTPUT_MAX_LINES = 20
ALLOWED_IMPORTS = ("numpy", "scipy", "sklearn", "joblib")
"""Besides the standard library; joblib ships with scikit-learn."""
FORBIDDEN_IN_SNIPPETS = {
    "fetch_": "fetch_* datasets need the network; use make_* or load_*",
    "__main__": "snippets run as plain scripts, also under exec()",
    "__file__": "snippets are also run with exec(), where __file__ is undefined",
    "matplotlib": "no plotting in snippets",
    "ProcessPool": "process pools cannot pickle code run under exec(); use threads",
    "multiprocessing": "process pools cannot pickle code run under exec(); use threads",
}
GENERIC_OPENING = re.compile(r"(?i)^\s*(in today's|in the modern|nowadays|in recent years)")
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:[.,]\d+)*%?")
WORD = re.compile(r"\w[\w'-]*")
ALL = ("pattern", "challenge", "anti-pattern", "guide")


@dataclass(frozen=True)
class Finding:
    """A broken rule: at a field of the entry's YAML, or at a line of a snippet file."""

    message: str
    fix: str
    path: Path_ = ()
    file: str | None = None
    line: int = 1
    column: int = 1


@dataclass
class Subject:
    """What a rule looks at: the entry, the catalog around it, and its snippet files."""

    entry: Entry
    catalog: Catalog
    code: dict[str, str] = field(default_factory=dict)
    """Snippet file name -> its code (files that exist)."""
    output: dict[str, str] = field(default_factory=dict)
    """Snippet file name -> its recorded output (files that exist)."""

    @property
    def all_output(self) -> str:
        return "\n".join(self.output.values())

    def snippets(self) -> Iterator[tuple[int, SnippetRef, str]]:
        for index, snippet in enumerate(self.entry.snippets):
            if snippet.file in self.code:
                yield index, snippet, self.code[snippet.file]


@dataclass(frozen=True)
class Rule:
    code: str
    kinds: tuple[str, ...]
    text: str
    """The rule in words, as the docs table shows it."""
    check: Callable[[Subject], Iterator[Finding]]


def words(text: str) -> int:
    """Words as the bar counts them: runs of letters and digits, with ' and - inside."""
    return len(WORD.findall(text))


RULES: list[Rule] = []


def rule(code: str, kinds: tuple[str, ...], text: str):
    """Register the decorated check in `RULES` under `code`."""

    def register(check: Callable[[Subject], Iterator[Finding]]):
        RULES.append(Rule(code, kinds, text, check))
        return check

    return register


def check_entry(subject: Subject) -> Iterator[tuple[Rule, Finding]]:
    """Every rule that applies to the subject's kind, and what each found."""
    for item in RULES:
        if subject.entry.kind in item.kinds:
            for finding in item.check(subject):
                yield item, finding


# The rule modules register themselves in RULES when imported; numbered order.
from mlpatterns.rules import entries, snippets  # noqa: E402, F401

RULES.sort(key=lambda item: item.code)
