"""Glossary tooltips: abbreviation definitions that Python-Markdown's `abbr` turns
into `<abbr title=...>` wherever a glossary term appears."""

from __future__ import annotations

from mlpatterns.catalog import Catalog


def glossary_abbreviations(catalog: Catalog) -> str:
    """Markdown abbreviation definitions (`*[term]: definition`) for the glossary terms.

    Appended to every page, they make Python-Markdown's `abbr` extension wrap each
    occurrence of a term in `<abbr title=...>`, which Material shows as a tooltip.
    Both the capitalized and the lowercase form are defined, since `abbr` is
    case-sensitive.
    """
    lines = []
    for term in catalog.taxonomy.glossary:
        if not term.tooltip:
            continue
        definition = " ".join(term.definition.split()).replace("`", "")
        for form in dict.fromkeys(
            (term.term, term.term.lower(), term.term[0].upper() + term.term[1:])
        ):
            lines.append(f"*[{form}]: {definition}")
    # One definition per block: Python-Markdown re-tests a whole block after taking
    # each definition off it, which is quadratic in the number of lines.
    return "\n\n".join(lines)
