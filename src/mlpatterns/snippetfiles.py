"""Checks of the files under snippets/: each listed script exists and has an output,
no file is left over, and no TODO placeholder remains."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mlpatterns.diagnostics import Problems, Source, suggest
from mlpatterns.errors import display_path
from mlpatterns.model import Entry
from mlpatterns.prose import TODO_MARKER

# In a file that does not parse, the snippet names it mentions still count as used.
_FILE_NAME = re.compile(r"\b([a-z0-9][a-z0-9_-]*\.py)\b")


def check_listed(
    entries: dict[str, Entry],
    origin: dict[str, Source],
    snippet_dir: Path,
    root: Path,
    problems: Problems,
    require_outputs: bool = True,
) -> set[str]:
    """Each snippet an entry lists exists (and has a recorded output); returns the names used."""
    used: set[str] = set()
    for entry_id, entry in entries.items():
        source = origin[entry_id]
        for index, snippet in enumerate(entry.snippets):
            script = snippet_dir / snippet.file
            output = script.with_suffix(".out")
            used.update({script.name, output.name})
            where = ("snippets", index, "file")
            if not script.is_file():
                problems.add(
                    source,
                    where,
                    f"snippet {display_path(script, root)} does not exist",
                    f"create it, or fix the file name{_near(snippet.file, snippet_dir, '*.py')}",
                )
            elif require_outputs and not _has_output(output):
                problems.add(
                    source,
                    where,
                    f"snippet {snippet.file} has no recorded output",
                    f"run `mlpatterns snippets --record {entry_id}`",
                )
    return used


def names_mentioned(data: Any, text: str) -> set[str]:
    """Snippet files (and their outputs) that an entry names, even if it failed validation."""
    names: set[str] = set()
    items = data.get("snippets") if isinstance(data, dict) else None
    files = [item.get("file") for item in items if isinstance(item, dict)] if items else []
    files += _FILE_NAME.findall(text)
    for name in files:
        if isinstance(name, str):
            names.update({name, str(Path(name).with_suffix(".out"))})
    return names


def _has_output(path: Path) -> bool:
    return path.is_file() and bool(path.read_text(encoding="utf-8").strip())


def _near(name: str, folder: Path, pattern: str) -> str:
    hint = suggest(name, [path.name for path in folder.glob(pattern)]) if folder.is_dir() else ""
    return f" ({hint})" if hint else ""


def check_todos(
    entries: dict[str, Entry], snippet_dir: Path, root: Path, problems: Problems
) -> None:
    """Warn about the first TODO left in each snippet."""
    for entry in entries.values():
        for snippet in entry.snippets:
            script = snippet_dir / snippet.file
            if not script.is_file():
                continue
            for number, line in enumerate(script.read_text(encoding="utf-8").splitlines(), 1):
                if TODO_MARKER.search(line):
                    problems.at(
                        display_path(script, root),
                        "(snippet)",
                        "still a TODO placeholder",
                        "replace it with real code or text",
                        line=number,
                        column=line.index("TODO") + 1,
                        severity="warning",
                    )
                    break


def check_orphans(snippet_dir: Path, used: set[str], root: Path, problems: Problems) -> None:
    """Every .py and .out file under snippets/ belongs to an entry."""
    if not snippet_dir.is_dir():
        return
    for path in sorted(snippet_dir.iterdir()):
        if path.suffix in {".py", ".out"} and path.name not in used:
            problems.at(
                display_path(path, root),
                "(file)",
                "no entry uses this snippet file",
                "list it under `snippets:` in an entry, or delete it",
            )
