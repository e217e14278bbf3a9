"""The catalog's content bar as a table of numbered rules, checked by the validator.

Each rule says what it checks, which kinds of entry it applies to, and how to fix
a failure. `mlpatterns validate` reports a broken rule as a warning, so a
half-written entry can still be served; `--strict`, `mlpatterns check`, the strict
site build and CI fail on it. The docs publish this table (Reference > Content
rules), and CONTRIBUTING.md points at it instead of repeating the numbers.
"""

from __future__ import annotations

import ast
import re
import sys
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


def _min_words(name: str, limit: int, hint: str) -> Callable[[Subject], Iterator[Finding]]:
    def check(subject: Subject) -> Iterator[Finding]:
        text = getattr(subject.entry, name) or ""
        count = words(text)
        if count < limit:
            yield Finding(f"{count} words; at least {limit} are needed", hint, (name,))

    return check


rule("R01", ALL, f"`problem` has at least {MIN_WORDS['problem']} words.")(
    _min_words(
        "problem",
        MIN_WORDS["problem"],
        "open with a concrete situation (who hits it, with what data), then the forces",
    )
)


@rule(
    "R02",
    ALL,
    f"`solution` has at least {MIN_WORDS['solution']} words "
    f"({MIN_WORDS['guide-solution']} for a guide).",
)
def _solution_words(subject: Subject) -> Iterator[Finding]:
    limit = MIN_WORDS["guide-solution" if subject.entry.kind == "guide" else "solution"]
    count = words(subject.entry.solution)
    if count < limit:
        yield Finding(
            f"{count} words; at least {limit} are needed",
            "give the mechanism step by step, naming the scikit-learn or stdlib pieces",
            ("solution",),
        )


@rule("R03", ALL, "`problem` opens with a concrete situation, not a generic phrase.")
def _concrete_opening(subject: Subject) -> Iterator[Finding]:
    match = GENERIC_OPENING.match(subject.entry.problem)
    if match:
        yield Finding(
            f"opens with the generic phrase {match.group(1)!r}",
            "start with who hits the problem, with what data",
            ("problem",),
        )


@rule(
    "R04",
    tuple(MIN_TRADE_OFFS),
    "`trade_offs` has at least "
    + ", ".join(f"{count} items for a {kind}" for kind, count in MIN_TRADE_OFFS.items())
    + "; each names a cost or an alternative and says when it wins.",
)
def _trade_offs(subject: Subject) -> Iterator[Finding]:
    limit = MIN_TRADE_OFFS[subject.entry.kind]
    found = len(subject.entry.trade_offs)
    if found < limit:
        yield Finding(
            f"{found} trade-offs; a {subject.entry.kind} needs at least {limit}",
            "add costs or named alternatives, each saying when it wins",
            ("trade_offs",),
        )


@rule("R05", ("pattern", "challenge", "anti-pattern"), "`avoid_when` names at least one limit.")
def _avoid_when(subject: Subject) -> Iterator[Finding]:
    if not subject.entry.avoid_when:
        yield Finding(
            "no limits listed",
            "add at least one honest case where it does not apply",
            ("avoid_when",),
        )


@rule(
    "R06",
    ("pattern", "challenge", "anti-pattern"),
    f"`symptoms` lists at least {MIN_SYMPTOMS} signs, in a practitioner's words.",
)
def _symptoms(subject: Subject) -> Iterator[Finding]:
    found = len(subject.entry.symptoms)
    if found < MIN_SYMPTOMS:
        yield Finding(
            f"{found} symptoms; at least {MIN_SYMPTOMS} are needed",
            "add one-line signs a practitioner would notice or search for",
            ("symptoms",),
        )


@rule("R07", ALL, f"`references` lists at least {MIN_REFERENCES} public sources.")
def _references(subject: Subject) -> Iterator[Finding]:
    found = len(subject.entry.references)
    if found < MIN_REFERENCES:
        yield Finding(
            f"{found} references; at least {MIN_REFERENCES} are needed",
            "cite the paper, book chapter or library documentation the facts come from",
            ("references",),
        )


@rule(
    "R08",
    ("pattern",),
    f"A pattern has at least {MIN_RELATED} typed related links (declared here or on the "
    "other entry).",
)
def _related(subject: Subject) -> Iterator[Finding]:
    found = len(subject.catalog.related(subject.entry.id))
    if found < MIN_RELATED:
        yield Finding(
            f"{found} related links; at least {MIN_RELATED} are needed",
            "add typed edges under `related:` (see Relations in CONTRIBUTING.md)",
            ("related",),
        )


@rule("R09", ALL, "The entry has at least one snippet.")
def _has_snippet(subject: Subject) -> Iterator[Finding]:
    if not subject.entry.snippets:
        yield Finding(
            "no snippet", "add a runnable script under snippets/ and list it", ("snippets",)
        )


@rule(
    "R10",
    ("pattern", "anti-pattern"),
    "`compared_with` names the alternatives the snippet measures: at least one for a pattern "
    "(the strongest fair alternative), two for an anti-pattern (the failure and the fix).",
)
def _compared_with(subject: Subject) -> Iterator[Finding]:
    limit = 2 if subject.entry.kind == "anti-pattern" else 1
    found = len(subject.entry.compared_with)
    if found < limit:
        what = "the failing and the fixed variant" if limit == 2 else "the strongest alternative"
        yield Finding(
            f"{found} comparisons; at least {limit} needed",
            f"list {what}, by the name the snippet prints",
            ("compared_with",),
        )


@rule("R11", ALL, "Every `compared_with` name appears in the snippet's recorded output.")
def _compared_printed(subject: Subject) -> Iterator[Finding]:
    output = subject.all_output
    if not subject.output:
        return
    for index, item in enumerate(subject.entry.compared_with):
        if item.name not in output:
            yield Finding(
                f"`{item.name}` does not appear in the recorded output",
                "print this name in the comparison table (or fix the spelling here)",
                ("compared_with", index, "name"),
            )


@rule("R12", ("anti-pattern",), "An anti-pattern has at least one `fixed-by` edge to a pattern.")
def _fixed_by(subject: Subject) -> Iterator[Finding]:
    if not any(link.relation == "fixed-by" for link in subject.entry.related):
        yield Finding(
            "no `fixed-by` edge",
            "add `related:` items with `relation: fixed-by` to the patterns that fix it",
            ("related",),
        )


@rule(
    "R13",
    ("anti-pattern",),
    f"`mechanism` has at least {MIN_WORDS['mechanism']} words and `detection` at least "
    f"{MIN_WORDS['detection']}.",
)
def _anti_pattern_text(subject: Subject) -> Iterator[Finding]:
    yield from _min_words("mechanism", MIN_WORDS["mechanism"], "explain why the mistake hurts")(
        subject
    )
    yield from _min_words(
        "detection", MIN_WORDS["detection"], "describe a check a team can automate"
    )(subject)


@rule(
    "R14",
    ("guide",),
    "A guide compares at least two options, and each option's name appears in the recorded output.",
)
def _options(subject: Subject) -> Iterator[Finding]:
    entry = subject.entry
    if len(entry.options) < 2:
        yield Finding(
            f"{len(entry.options)} options; a guide compares at least 2",
            "list the ids of the entries that answer the question",
            ("options",),
        )
    output = subject.all_output
    for index, option in enumerate(entry.options):
        other = subject.catalog.entries.get(option)
        if other and subject.output and other.name not in output:
            yield Finding(
                f"`{other.name}` does not appear in the recorded output",
                "run every option in the snippet and print its name in the table",
                ("options", index),
            )


@rule("R15", ("guide",), f"A guide's decision table has at least {MIN_ROWS} criteria.")
def _rows(subject: Subject) -> Iterator[Finding]:
    found = len(subject.entry.decision_table)
    if found < MIN_ROWS:
        yield Finding(
            f"{found} criteria; at least {MIN_ROWS} are needed",
            "add the criteria that decide: data needed, cost, latency, failure mode...",
            ("decision_table",),
        )


@rule(
    "R16",
    ("guide",),
    "Each decision-table cell is backed: by a reference (`ref`), or by numbers that all "
    "appear in the recorded output.",
)
def _cells_backed(subject: Subject) -> Iterator[Finding]:
    printed = set(NUMBER.findall(subject.all_output))
    for index, row in enumerate(subject.entry.decision_table):
        for option, cell in row.cells.items():
            if cell.ref is not None:
                continue
            where = ("decision_table", index, "cells", option, "text")
            numbers = NUMBER.findall(cell.text)
            if not numbers:
                yield Finding(
                    "no number and no `ref`",
                    "quote a number the snippet prints, or add `ref:` with a reference number",
                    where,
                )
            for number in numbers:
                if subject.output and number not in printed:
                    yield Finding(
                        f"{number} does not appear in the recorded output",
                        "use the number as the snippet prints it, or add `ref:`",
                        where,
                    )


@rule("R17", ("guide",), 'A guide has a "choose X when" line for every option.')
def _choices(subject: Subject) -> Iterator[Finding]:
    chosen = {choice.option for choice in subject.entry.choose_when}
    for option in subject.entry.options:
        if option not in chosen:
            yield Finding(
                f"no `choose_when` line for `{option}`",
                f"add `- option: {option}` with `when:` the situation it wins",
                ("choose_when",),
            )


@rule("S01", ALL, "A snippet's module docstring starts with the entry's name and a colon.")
def _docstring(subject: Subject) -> Iterator[Finding]:
    for _, snippet, code in subject.snippets():
        tree = _parse(code)
        if tree is None:
            continue  # S07 reports the syntax error
        docstring = ast.get_docstring(tree) or ""
        if not docstring.startswith(f"{subject.entry.name}: "):
            yield Finding(
                "the docstring does not start with the entry's name",
                f'begin the file with """{subject.entry.name}: what this shows.',
                file=snippet.file,
            )


@rule("S02", ALL, "A snippet proves its claim with at least one `assert`.")
def _asserts(subject: Subject) -> Iterator[Finding]:
    for _, snippet, code in subject.snippets():
        tree = _parse(code)
        if tree and not any(isinstance(node, ast.Assert) for node in ast.walk(tree)):
            yield Finding(
                "no assert: a snippet that only prints proves nothing",
                "assert what would fail if the pattern were taken away",
                file=snippet.file,
            )


@rule(
    "S03",
    ALL,
    f"A snippet is at most {SNIPPET_MAX_LINES} lines, each at most {SNIPPET_MAX_WIDTH} "
    "characters (what the page shows without scrolling).",
)
def _size(subject: Subject) -> Iterator[Finding]:
    for _, snippet, code in subject.snippets():
        lines = code.splitlines()
        if len(lines) > SNIPPET_MAX_LINES:
            yield Finding(
                f"{len(lines)} lines; at most {SNIPPET_MAX_LINES}",
                "keep what proves the pattern, drop the rest",
                file=snippet.file,
                line=SNIPPET_MAX_LINES + 1,
            )
        for number, line in enumerate(lines, 1):
            if len(line) > SNIPPET_MAX_WIDTH:
                yield Finding(
                    f"line is {len(line)} characters; at most {SNIPPET_MAX_WIDTH}",
                    "run `ruff format` on the snippet and wrap long comments",
                    file=snippet.file,
                    line=number,
                    column=SNIPPET_MAX_WIDTH + 1,
                )
                break


@rule("S04", ALL, f"A snippet prints at most {OUTPUT_MAX_LINES} lines.")
def _output_size(subject: Subject) -> Iterator[Finding]:
    for snippet in subject.entry.snippets:
        output = subject.output.get(snippet.file)
        if output is not None and output.count("\n") > OUTPUT_MAX_LINES:
            yield Finding(
                f"prints {output.count(chr(10))} lines; at most {OUTPUT_MAX_LINES}",
                "print one comparison table; leave the rest to asserts",
                file=snippet.file,
            )


@rule(
    "S05",
    ALL,
    "A snippet is a plain, offline script: "
    + "; ".join(f"no `{needle}` ({why})" for needle, why in FORBIDDEN_IN_SNIPPETS.items())
    + ".",
)
def _forbidden(subject: Subject) -> Iterator[Finding]:
    for _, snippet, code in subject.snippets():
        for number, line in enumerate(code.splitlines(), 1):
            for needle, reason in FORBIDDEN_IN_SNIPPETS.items():
                if needle in line:
                    yield Finding(
                        f"uses `{needle}`",
                        reason,
                        file=snippet.file,
                        line=number,
                        column=line.index(needle) + 1,
                    )


@rule(
    "S06",
    ALL,
    "A snippet imports only the standard library and " + ", ".join(ALLOWED_IMPORTS) + ".",
)
def _imports(subject: Subject) -> Iterator[Finding]:
    allowed = set(ALLOWED_IMPORTS) | set(sys.stdlib_module_names)
    for _, snippet, code in subject.snippets():
        tree = _parse(code)
        for node in ast.walk(tree) if tree else ():
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            for name in names:
                if name.split(".")[0] not in allowed:
                    yield Finding(
                        f"imports `{name}`",
                        f"use only the standard library, {', '.join(ALLOWED_IMPORTS)}",
                        file=snippet.file,
                        line=node.lineno,
                        column=node.col_offset + 1,
                    )


@rule("S07", ALL, "A snippet is valid Python.")
def _syntax(subject: Subject) -> Iterator[Finding]:
    for _, snippet, code in subject.snippets():
        try:
            ast.parse(code)
        except SyntaxError as error:
            yield Finding(
                f"syntax error: {error.msg}",
                "fix the code; `python snippets/FILE` shows the same error",
                file=snippet.file,
                line=error.lineno or 1,
                column=error.offset or 1,
            )


def _parse(code: str) -> ast.Module | None:
    try:
        return ast.parse(code)
    except SyntaxError:
        return None  # S07 reports it


def check_entry(subject: Subject) -> Iterator[tuple[Rule, Finding]]:
    """Every rule that applies to the subject's kind, and what each found."""
    for item in RULES:
        if subject.entry.kind in item.kinds:
            for finding in item.check(subject):
                yield item, finding
