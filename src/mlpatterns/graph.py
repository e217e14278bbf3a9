"""Layouts for the diagrams drawn as inline SVG: the catalog map, an entry's
neighborhood, and the ML process. Only geometry lives here; the SVG markup is in
Jinja2 templates, so the pages need no JavaScript library and no network.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from mlpatterns.catalog import Catalog
from mlpatterns.model import Entry

MAP_SIZE = 1000.0
"""Width and height of the catalog map's drawing area, before cropping."""
MAP_NODE_RADIUS = 8
NODE_HEIGHT = 28.0
CENTER_HEIGHT = 32.0
KIND_COLORS = {"challenge": "#546e7a", "anti-pattern": "#c62828", "guide": "#455a64"}
"""Node color of entries that have no category."""


def node_color(catalog: Catalog, entry: Entry) -> str:
    """The color of an entry's node: its category's, or its kind's."""
    if entry.kind == "pattern" and entry.category in catalog.categories:
        return catalog.categories[entry.category].color
    return KIND_COLORS.get(entry.kind, "#546e7a")


def text_width(text: str, size: float = 12.0) -> float:
    """A width estimate for SVG labels, wide enough for the typical sans-serif glyph."""
    return round(len(text) * size * 0.58 + 16, 1)


@dataclass(frozen=True)
class Node:
    entry: Entry
    x: float
    y: float
    anchor: str = "middle"
    label_x: float = 0.0
    label_y: float = 0.0
    width: float = 0.0
    """Width of the node's pill (neighborhood diagrams); its height is `height`."""
    height: float = NODE_HEIGHT

    @property
    def box_x(self) -> float:
        return round(self.x - self.width / 2, 1)

    @property
    def box_y(self) -> float:
        return round(self.y - self.height / 2, 1)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    relation: str
    path: str
    label: str = ""
    label_x: float = 0.0
    label_y: float = 0.0


@dataclass(frozen=True)
class Arc:
    """A category's stretch of the catalog map's circle."""

    category_id: str
    name: str
    path: str


def _point(cx: float, cy: float, radius: float, angle: float) -> tuple[float, float]:
    return cx + radius * math.cos(angle), cy + radius * math.sin(angle)


def catalog_map(
    catalog: Catalog, size: float = MAP_SIZE
) -> tuple[list[Node], list[Edge], list[Arc], str]:
    """All patterns on a circle grouped by category; related edges bend towards the middle.

    Returns the nodes, edges, category arcs and the SVG viewBox that frames them.
    """
    patterns = catalog.patterns
    center = size / 2
    radius = size * 0.31
    groups = [catalog.in_category(category.id) for category in catalog.taxonomy.categories]
    slots = len(patterns) + len([group for group in groups if group])  # a gap between groups
    step = 2 * math.pi / max(slots, 1)
    angles: dict[str, float] = {}
    nodes: dict[str, Node] = {}
    arcs: list[Arc] = []
    slot = 1.0  # a gap at the top, so no label sits on the vertical axis
    for category, members in zip(catalog.taxonomy.categories, groups, strict=True):
        if not members:
            continue
        first_angle = -math.pi / 2 + slot * step
        for entry in members:
            angle = -math.pi / 2 + slot * step
            x, y = _point(center, center, radius, angle)
            lx, ly = _point(center, center, radius + 14, angle)
            anchor = "start" if math.cos(angle) >= 0 else "end"
            if abs(math.cos(angle)) < 0.35:  # near the top or bottom: move away from neighbors
                ly += 10 * math.copysign(1, math.sin(angle))
            angles[entry.id] = angle
            nodes[entry.id] = Node(
                entry, round(x, 1), round(y, 1), anchor, round(lx, 1), round(ly, 1)
            )
            slot += 1
        last_angle = -math.pi / 2 + (slot - 1) * step
        arcs.append(_arc(category.id, category.name, center, radius - 16, first_angle, last_angle))
        slot += 1
    edges = []
    for entry in patterns:
        for link in entry.related:
            if link.id in nodes:
                a, b = nodes[entry.id], nodes[link.id]
                # Bend towards the center, more for nodes far apart on the circle, so
                # neighbors get a shallow arc and opposite nodes a curve through the middle.
                apart = abs(math.remainder(angles[entry.id] - angles[link.id], 2 * math.pi))
                pull = 0.25 + 0.65 * apart / math.pi
                mx, my = (a.x + b.x) / 2, (a.y + b.y) / 2
                cx, cy = mx + (center - mx) * pull, my + (center - my) * pull
                path = f"M{a.x},{a.y} Q{cx:.1f},{cy:.1f} {b.x},{b.y}"
                edges.append(Edge(entry.id, link.id, link.relation, path))
    # Crop the empty bands above and below the circle; its labels sit beside it.
    top = center - radius - 60
    box = f"0 {top:.0f} {size:.0f} {2 * (center - top):.0f}"
    return list(nodes.values()), edges, arcs, box


def edges_by_source(edges: list[Edge]) -> dict[str, list[Edge]]:
    """The map's edges grouped by the pattern that declares them."""
    grouped: dict[str, list[Edge]] = {}
    for edge in edges:
        grouped.setdefault(edge.source, []).append(edge)
    return grouped


def _arc(
    category_id: str, name: str, center: float, radius: float, start: float, end: float
) -> Arc:
    start -= 0.06
    end += 0.06
    x1, y1 = _point(center, center, radius, start)
    x2, y2 = _point(center, center, radius, end)
    large = 1 if end - start > math.pi else 0
    path = f"M{x1:.1f},{y1:.1f} A{radius},{radius} 0 {large} 1 {x2:.1f},{y2:.1f}"
    return Arc(category_id, name, path)


def neighborhood(
    catalog: Catalog, entry: Entry, width: float = 640.0, height: float = 300.0
) -> tuple[Node, list[Node], list[Edge], str]:
    """The entry in the middle and every related entry around it, edges labeled by relation.

    Returns the center, the other nodes, the edges and the SVG viewBox.
    """
    cx, cy = width / 2, height / 2
    center = Node(entry, cx, cy, width=text_width(entry.name, 13), height=CENTER_HEIGHT)
    neighbors = catalog.related(entry.id)
    nodes, edges = [], []
    count = max(len(neighbors), 1)
    for index, neighbor in enumerate(neighbors):
        angle = -math.pi / 2 + (index + 0.5) * 2 * math.pi / count
        x, y = cx + (width * 0.36) * math.cos(angle), cy + (height * 0.36) * math.sin(angle)
        node = Node(neighbor.entry, round(x, 1), round(y, 1), width=text_width(neighbor.entry.name))
        nodes.append(node)
        source, target = (center, node) if neighbor.declared_here else (node, center)
        path = f"M{source.x},{source.y} L{target.x},{target.y}"
        lx, ly = (cx + x) / 2, (cy + y) / 2
        edges.append(
            Edge(
                source.entry.id,
                target.entry.id,
                neighbor.relation,
                path,
                neighbor.label,
                round(lx, 1),
                round(ly, 1),
            )
        )
    return center, nodes, edges, f"0 0 {width:.0f} {height:.0f}"


@dataclass(frozen=True)
class Box:
    """A stage of the ML process drawn as a box."""

    stage_id: str
    name: str
    x: float
    y: float
    width: float
    height: float
    count: int


@dataclass(frozen=True)
class Process:
    """The ML process diagram: its boxes, arrows, the feedback loop and its size."""

    boxes: list[Box]
    arrows: list[str]
    loop: str
    width: float
    height: float


def process(catalog: Catalog) -> Process:
    """Main stages left to right, refinements (online/batch) below their parent.

    Returns the boxes, the arrow paths between consecutive stages and into the
    refinements, the loop path from the last stage back to the first, and the
    drawing's size (the loop's label goes at the bottom).
    """
    width, height, gap = 128.0, 52.0, 26.0
    main = [stage for stage in catalog.taxonomy.stages if stage.parent is None]
    boxes: dict[str, Box] = {}
    for index, stage in enumerate(main):
        x = 10 + index * (width + gap)
        boxes[stage.id] = Box(
            stage.id, stage.name, x, 40, width, height, len(catalog.for_stage(stage.id))
        )
    children: dict[str, list] = {}
    for stage in catalog.taxonomy.stages:
        if stage.parent in boxes:
            children.setdefault(stage.parent, []).append(stage)
    arrows: list[str] = []
    for left, right in itertools.pairwise(main):
        a, b = boxes[left.id], boxes[right.id]
        arrows.append(f"M{a.x + a.width:.0f},{a.y + height / 2:.0f} H{b.x - 4:.0f}")
    for parent_id, kids in children.items():
        parent = boxes[parent_id]
        spine = parent.x + 12  # refinements branch off a line that runs down from the parent
        for index, stage in enumerate(kids):
            y = parent.y + height + 26 + index * (height + 12)
            box = Box(
                stage.id,
                stage.name,
                parent.x + 24,
                y,
                width - 24,
                height,
                len(catalog.for_stage(stage.id)),
            )
            boxes[stage.id] = box
            arrows.append(
                f"M{spine:.0f},{parent.y + height:.0f} V{y + height / 2:.0f} H{box.x - 4:.0f}"
            )
    first, last = boxes[main[0].id], boxes[main[-1].id]
    bottom = max(box.y + box.height for box in boxes.values()) + 24
    loop = (
        f"M{last.x + width / 2:.0f},{last.y + height:.0f} V{bottom:.0f} "
        f"H{first.x + width / 2:.0f} V{first.y + height + 4:.0f}"
    )
    width_all = max(box.x + box.width for box in boxes.values()) + 10
    return Process(list(boxes.values()), arrows, loop, width_all, bottom + 36)
