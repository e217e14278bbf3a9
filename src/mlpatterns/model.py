"""Typed models of a catalog entry and of the taxonomy: the one source of the schema.

Every YAML file under `patterns/` is validated against these models. Unknown
fields are errors (`extra="forbid"`), and the JSON Schema published for editors is
generated from them by [`mlpatterns.schema`][mlpatterns.schema].
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

KEBAB_CASE = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""An id: lowercase words and digits joined by single hyphens, e.g. `hashed-feature`."""

SUMMARY_MAX = 200
"""The longest summary, in characters: it must fit on a card and in a meta description."""


def kebab(value: str) -> str:
    """An id made from a name: `Shadow Deployment` and `ShadowDeployment` -> `shadow-deployment`.

    Returns an empty string when the name holds no letters or digits.
    """
    words = re.findall(r"[A-Za-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", value))
    return "-".join(word.lower() for word in words)


Id = Annotated[str, StringConstraints(pattern=KEBAB_CASE)]
Text = Annotated[str, StringConstraints(min_length=1)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]

Kind = Literal["pattern", "challenge", "anti-pattern", "guide"]
"""What an entry is: a pattern, a challenge it answers, an anti-pattern (a mistake, shown
failing next to its fix), or a guide (a question that several entries answer, compared)."""
Relation = Literal[
    "complements",
    "alternative-to",
    "requires",
    "enables",
    "specializes",
    "conflicts-with",
    "fixed-by",
]
"""Typed edges; `fixed-by` only goes from an anti-pattern to a pattern."""
Fit = Literal["direct", "partial"]
"""How directly a pattern answers a challenge: `direct` when answering it is the pattern's
purpose, `partial` when it helps with one part or as a side effect."""
Modality = Literal["tabular", "text", "image", "time-series", "any"]


_ANY_DATA: list[Modality] = ["any"]


class Strict(BaseModel):
    """Base of every model: unknown fields are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class TradeOff(Strict):
    """A cost of the pattern, or an alternative to it and when that alternative wins."""

    name: Text = Field(description="Short name of the cost or alternative.")
    text: Text = Field(description="Markdown: what it costs, or when the alternative wins.")


OneLine = Annotated[str, StringConstraints(min_length=1, max_length=160, pattern=r"^[^\n]+$")]


class Brief(Strict):
    """The entry on one screen: the problem and the solution in one line each."""

    problem: OneLine = Field(description="The problem in one line (at most 160 characters).")
    solution: OneLine = Field(description="The solution in one line (at most 160 characters).")


class Facet(Strict):
    """One named aspect of a challenge (for example, the facets of data quality)."""

    name: Text = Field(description="Name of the facet, e.g. Timeliness.")
    text: Text = Field(description="Markdown: what the facet means in practice.")


class RelatedLink(Strict):
    """A typed edge from this entry to another; the reverse is shown automatically."""

    id: Id = Field(description="Id of the other entry.")
    relation: Relation = Field(description="How this entry relates to the other one.")
    note: str = Field(default="", description="One sentence on the relation.")


class ChallengeLink(Strict):
    """A challenge that a pattern addresses, how directly, and why it helps."""

    id: Id = Field(description="Id of the challenge, e.g. data-drift.")
    fit: Fit = Field(description="direct (the pattern exists to answer it) or partial.")
    why: OneLine = Field(description="One line on why the pattern helps with this challenge.")


class Comparison(Strict):
    """An alternative that the entry's snippet measures, by the name its output prints."""

    name: Text = Field(description="The alternative's name exactly as the snippet prints it.")
    id: Id | None = Field(default=None, description="Its catalog id, when it is an entry.")


class DecisionCell(Strict):
    """One cell of a guide's decision table.

    Without `ref`, every number in `text` must appear in the guide's recorded output;
    with `ref`, the cell is backed by that reference (1 is the first one listed).
    """

    text: Text = Field(description="Markdown, short: a number the snippet prints, or a fact.")
    ref: int | None = Field(default=None, ge=1, description="Number of the backing reference.")


class DecisionRow(Strict):
    """A criterion of a guide's decision table, with one cell per option."""

    criterion: Text = Field(description="What decides, e.g. Serving latency.")
    cells: dict[Id, DecisionCell] = Field(description="Option id -> cell, one per option.")


class Choice(Strict):
    """A line of a guide's "choose X when" list."""

    option: Id = Field(description="Id of one of the guide's options.")
    when: Text = Field(description="The situation in which this option is the one to choose.")


class SnippetRef(Strict):
    """A runnable script under `snippets/`; its recorded output is `<stem>.out` beside it."""

    file: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*\.py$")] = Field(
        description="File name under snippets/, e.g. hashed-feature.py."
    )
    title: Text = Field(description="What the snippet shows, as a short title.")
    caption: str = Field(default="", description="What to look at in the output.")


class Reference(Strict):
    """A public source the entry draws facts from."""

    title: Text = Field(description="Title, authors or publisher.")
    url: Url = Field(description="An http(s) address.")


class Entry(Strict):
    """One entry (pattern, challenge, anti-pattern or guide): one YAML file under `patterns/`."""

    id: Id = Field(description="Kebab-case id, equal to the file stem.")
    kind: Kind = Field(description="pattern, challenge, anti-pattern or guide.")
    name: Text = Field(description="Display name, e.g. Hashed Feature.")
    aliases: list[Text] = Field(default_factory=list, description="Other names, for search.")
    category: Id | None = Field(default=None, description="Taxonomy category (patterns only).")
    summary: Annotated[str, StringConstraints(min_length=1, max_length=SUMMARY_MAX)] = Field(
        description="One actionable sentence, at most 200 characters."
    )
    brief: Brief | None = Field(
        default=None,
        description="Problem and solution in one line each (patterns and anti-patterns).",
    )
    question: OneLine | None = Field(
        default=None, description="Guides only: the question, in a practitioner's words."
    )
    symptoms: list[OneLine] = Field(
        default_factory=list,
        description="How the problem shows up, in a practitioner's words (one line each).",
    )
    problem: Text = Field(description="Markdown: the situation and the forces.")
    mechanism: Text | None = Field(
        default=None, description="Anti-patterns only. Markdown: why the mistake hurts."
    )
    detection: Text | None = Field(
        default=None,
        description="Anti-patterns only. Markdown: a check a team can automate to catch it.",
    )
    solution: Text = Field(
        description="Markdown: how the pattern resolves the problem (a challenge: how teams "
        "tackle it; an anti-pattern: the fix; a guide: how to decide)."
    )
    trade_offs: list[TradeOff] = Field(
        default_factory=list, description="Trade-offs and alternatives (at least 3 for a pattern)."
    )
    avoid_when: list[Text] = Field(default_factory=list, description="When not to use it.")
    roles: list[Id] = Field(min_length=1, description="Role ids who care about it.")
    stages: list[Id] = Field(min_length=1, description="Lifecycle stage ids where it applies.")
    challenges: list[ChallengeLink] = Field(
        default_factory=list, description="Challenges it addresses (patterns only)."
    )
    facets: list[Facet] = Field(
        default_factory=list, description="Named facets of a challenge (challenges only)."
    )
    related: list[RelatedLink] = Field(default_factory=list, description="Typed edges.")
    compared_with: list[Comparison] = Field(
        default_factory=list,
        description="The alternatives the snippet measures, each printed in its output.",
    )
    options: list[Id] = Field(
        default_factory=list, description="Guides only: ids of the entries compared (2 or more)."
    )
    decision_table: list[DecisionRow] = Field(
        default_factory=list, description="Guides only: criteria x options."
    )
    choose_when: list[Choice] = Field(
        default_factory=list, description='Guides only: "choose X when ..." lines.'
    )
    snippets: list[SnippetRef] = Field(default_factory=list, description="Runnable scripts.")
    references: list[Reference] = Field(default_factory=list, description="Public sources.")
    modality: list[Modality] = Field(
        default_factory=lambda: _ANY_DATA.copy(), description="Data kinds."
    )

    @property
    def challenge_ids(self) -> list[str]:
        """Ids of the challenges the entry addresses, in the order written."""
        return [link.id for link in self.challenges]


Color = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class Category(Strict):
    """A family of patterns, e.g. data representation."""

    id: Id
    name: Text
    description: Text = Field(description="Markdown: what the patterns in it have in common.")
    color: Color = Field(
        description="Hex color of the category's nodes on the maps, e.g. #1e88e5; pick one "
        "that reads on both a white and a dark background."
    )


class Stage(Strict):
    """A step of the ML process, e.g. training or online prediction."""

    id: Id
    name: Text
    description: Text
    parent: Id | None = Field(default=None, description="Id of the stage this one refines.")


class Role(Strict):
    """A person who meets the patterns, e.g. a data engineer."""

    id: Id
    name: Text
    description: Text = Field(description="Markdown: what the role does.")
    responsibilities: list[Text] = Field(min_length=1, description="What the role cares about.")


class GlossaryTerm(Strict):
    """A term the site uses, with a definition shown on hover and on the glossary page."""

    term: Text
    definition: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    group: Text = Field(description="Section of the glossary, e.g. The Machine Learning Process.")
    see_also: list[Id] = Field(default_factory=list, description="Ids of related entries.")
    tooltip: bool = Field(
        default=True,
        description="Show the definition on hover wherever the term appears; off for words "
        "so common that underlining them would clutter every page.",
    )


class Taxonomy(Strict):
    """The vocabulary of the catalog: the content of `patterns/taxonomy.yaml`."""

    categories: list[Category] = Field(min_length=1)
    stages: list[Stage] = Field(min_length=1)
    roles: list[Role] = Field(min_length=1)
    glossary: list[GlossaryTerm] = Field(default_factory=list)
    synonyms: list[Annotated[list[Text], Field(min_length=2)]] = Field(
        default_factory=list,
        description="Groups of words and phrases that search treats as the same, e.g. "
        "[imbalanced, unbalanced, skewed classes].",
    )
