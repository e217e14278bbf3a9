"""Collect problems for YAML files, placing each at the line and column of its field."""

from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from mlpatterns.errors import Problem, Severity
from mlpatterns.yamlsource import Located, Path_


@dataclass
class Source:
    """One parsed YAML file: where it is, its positions, and its model once validated."""

    path: Path
    display: str
    located: Located
    model: BaseModel | None = None


class Problems:
    """Collects problems for one file at a time, resolving positions from field paths."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(
        self,
        source: Source,
        path: Path_,
        message: str,
        fix: str = "",
        *,
        key: bool = False,
        severity: Severity = "error",
    ) -> None:
        line, column = source.located.position(path, key=key)
        self.items.append(
            Problem(source.display, line, column, field_name(path), message, fix, severity)
        )

    def at(
        self,
        display: str,
        field_label: str,
        message: str,
        fix: str = "",
        *,
        line: int = 1,
        column: int = 1,
        severity: Severity = "error",
    ) -> None:
        """A problem with a file as a whole (or at a known position in a non-YAML file)."""
        self.items.append(Problem(display, line, column, field_label, message, fix, severity))

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.items if problem.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return sorted(problem for problem in self.items if problem.severity == "warning")


def field_name(path: Path_) -> str:
    """`('trade_offs', 1, 'text')` -> `trade_offs[1].text`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    """A "did you mean" hint for a near miss, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else ""
