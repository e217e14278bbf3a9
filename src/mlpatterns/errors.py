"""Problems found in the catalog, phrased for the person who has to fix them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one field of one file.

    Printed as `path:line:col: field: message - fix`, the form editors and CI logs
    turn into clickable locations.
    """

    path: str
    line: int
    column: int
    field: str
    message: str
    fix: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        label = "" if self.severity == "error" else "warning: "
        text = f"{where}: {label}{self.field}: {self.message}"
        return f"{text} - {self.fix}" if self.fix else text


class CatalogError(Exception):
    """The catalog cannot be built; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one a line, with a closing count."""
        lines = [str(problem) for problem in self.problems]
        count = len(self.problems)
        lines.append(f"{count} error{'s' if count != 1 else ''} in the catalog.")
        return "\n".join(lines)


def display_path(path: Path, root: Path) -> str:
    """The path as a person would type it from the project root."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
