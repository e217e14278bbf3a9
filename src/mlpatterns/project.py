"""Where a project keeps its catalog: the plugin's options, read from mkdocs.yml.

The command line and the MkDocs plugin must agree on the folders, so the CLI
reads the same `plugins: - mlpatterns:` options the plugin gets, with the same
defaults, without loading the whole MkDocs configuration (and its theme).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mlpatterns.config import OUTPUT_DIR, PATTERNS_DIR, SNIPPETS_DIR

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "mlpatterns"


class ProjectError(Exception):
    """mkdocs.yml cannot be read, or its mlpatterns options are not usable."""


@dataclass(frozen=True)
class Project:
    """A project folder and the catalog folders inside it (relative paths)."""

    root: Path
    patterns_dir: str = PATTERNS_DIR
    snippets_dir: str = SNIPPETS_DIR
    docs_dir: str = "docs"
    output_dir: str = OUTPUT_DIR

    @property
    def patterns(self) -> Path:
        return self.root / self.patterns_dir

    @property
    def snippets(self) -> Path:
        return self.root / self.snippets_dir

    @property
    def output(self) -> Path:
        """Where generated pages go: the output folder inside docs_dir."""
        return self.root / self.docs_dir / self.output_dir

    @classmethod
    def at(cls, root: Path) -> Project:
        """The project in `root`, with the options of its mkdocs.yml when it has one."""
        config = root / CONFIG_FILE
        if not config.is_file():
            return cls(root)
        data = _read_config(config)
        options = _plugin_options(data.get("plugins"))
        values: dict[str, Any] = {"docs_dir": data.get("docs_dir") or "docs"}
        for name in ("patterns_dir", "snippets_dir", "output_dir"):
            if name in options:
                values[name] = options[name]
        for name, value in values.items():
            if not isinstance(value, str):
                raise ProjectError(f"{config}: `{name}` must be a folder name, got {value!r}")
        return cls(root, **values)


def find_project(start: Path) -> Project:
    """The nearest folder at or above `start` with an mkdocs.yml or patterns/taxonomy.yaml."""
    for folder in [start, *start.parents]:
        if (folder / CONFIG_FILE).is_file() or (folder / PATTERNS_DIR / "taxonomy.yaml").is_file():
            project = Project.at(folder)
            if (project.patterns / "taxonomy.yaml").is_file():
                return project
    raise ProjectError(
        f"no catalog (patterns/taxonomy.yaml) in {start} or its parents - run inside the "
        "project, or pass --root"
    )


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, taking any tag (`!ENV`, `!!python/name`) as plain data."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_Loader.add_multi_constructor("!", _any_tag)
_Loader.add_multi_constructor("tag:", _any_tag)


def _read_config(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as error:
        raise ProjectError(f"{path}: cannot read it: {error}") from None
    return data if isinstance(data, dict) else {}


def _plugin_options(plugins: Any) -> dict[str, Any]:
    items: list[tuple[Any, Any]]
    if isinstance(plugins, dict):
        items = list(plugins.items())
    else:
        items = [
            next(iter(item.items())) if isinstance(item, dict) else (item, {})
            for item in (plugins or [])
        ]
    for name, options in items:
        if name == PLUGIN:
            return options if isinstance(options, dict) else {}
    return {}
