"""Write generated files to disk: only the ones whose content changed, and delete
the ones that no longer exist, so `mkdocs serve` does not rebuild in a loop."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)


def write_pages(pages: dict[str, str | bytes], out_dir: Path) -> WriteReport:
    """Write `pages` under `out_dir`: only changed files, and delete orphaned ones."""
    report = WriteReport()
    out_dir.mkdir(parents=True, exist_ok=True)
    for relative, content in pages.items():
        target = out_dir / relative
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(data)
        temporary.replace(target)  # atomic: the dev server never reads half a page
        report.written.append(relative)
    for existing in sorted(out_dir.rglob("*"), reverse=True):
        relative = existing.relative_to(out_dir).as_posix()
        if existing.is_file() and relative not in pages:
            existing.unlink()
            report.deleted.append(relative)
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return report
