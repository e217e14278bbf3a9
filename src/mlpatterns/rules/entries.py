"""Rules about an entry's text, evidence and links (R01 and on)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from mlpatterns.rules import (
    ALL,
    GENERIC_OPENING,
    MIN_REFERENCES,
    MIN_RELATED,
    MIN_ROWS,
    MIN_SYMPTOMS,
    MIN_TRADE_OFFS,
    MIN_WORDS,
    NUMBER,
    Finding,
    Subject,
    rule,
    words,
)


def _at_least(
    field: str,
    limit: int | Callable[[Subject], int],
    noun: str,
    hint: str,
    measure: Callable[[Subject], int] | None = None,
) -> Callable[[Subject], Iterator[Finding]]:
    """A rule that `field` holds at least `limit` items (or whatever `measure` counts)."""

    def check(subject: Subject) -> Iterator[Finding]:
        found = measure(subject) if measure else len(getattr(subject.entry, field))
        least = limit(subject) if callable(limit) else limit
        if found < least:
            yield Finding(f"{found} {noun}; at least {least} are needed", hint, (field,))

    return check


def _min_words(name: str, limit: int, hint: str) -> Callable[[Subject], Iterator[Finding]]:
    return _at_least(name, limit, "words", hint, lambda s: words(getattr(s.entry, name) or ""))


rule("R01", ALL, f"`problem` has at least {MIN_WORDS['problem']} words.")(
    _min_words(
        "problem",
        MIN_WORDS["problem"],
        "open with a concrete situation (who hits it, with what data), then the forces",
    )
)


rule(
    "R02",
    ALL,
    f"`solution` has at least {MIN_WORDS['solution']} words "
    f"({MIN_WORDS['guide-solution']} for a guide).",
)(
    _at_least(
        "solution",
        lambda s: MIN_WORDS["guide-solution" if s.entry.kind == "guide" else "solution"],
        "words",
        "give the mechanism step by step, naming the scikit-learn or stdlib pieces",
        lambda s: words(s.entry.solution),
    )
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


rule(
    "R06",
    ("pattern", "challenge", "anti-pattern"),
    f"`symptoms` lists at least {MIN_SYMPTOMS} signs, in a practitioner's words.",
)(
    _at_least(
        "symptoms",
        MIN_SYMPTOMS,
        "symptoms",
        "add one-line signs a practitioner would notice or search for",
    )
)

rule("R07", ALL, f"`references` lists at least {MIN_REFERENCES} public sources.")(
    _at_least(
        "references",
        MIN_REFERENCES,
        "references",
        "cite the paper, book chapter or library documentation the facts come from",
    )
)


rule(
    "R08",
    ("pattern",),
    f"A pattern has at least {MIN_RELATED} typed related links (declared here or on the "
    "other entry).",
)(
    _at_least(
        "related",
        MIN_RELATED,
        "related links",
        "add typed edges under `related:` (see Relations in CONTRIBUTING.md)",
        lambda s: len(s.catalog.related(s.entry.id)),
    )
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


rule("R15", ("guide",), f"A guide's decision table has at least {MIN_ROWS} criteria.")(
    _at_least(
        "decision_table",
        MIN_ROWS,
        "criteria",
        "add the criteria that decide: data needed, cost, latency, failure mode...",
    )
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
