"""Where each node of a chapter sits on the flowchart.

The layout is computed from the whole chapter graph, never from what the player has
seen: a box stays where it was from one playthrough to the next, so the chart is a
map the player learns, and a newly seen scene fills a gap instead of pushing others
about. Rows are the breadth-first depth from the chapter's entry nodes (those entered
from another chapter, or the story's start), read top to bottom; within a row, nodes
follow the mean position of their parents (a down and an up sweep), so links cross
less. A row wider than the viewport wraps onto more rows.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..story.model import Node, Story

BOX_W, BOX_H = 148, 46
GAP_X, GAP_Y = 18, 56
MARGIN = 26  # on every side: room for the lanes of links that go back up
MAX_PER_ROW = 7  # 7 boxes and their gaps fit the 1280-pixel canvas


@dataclass(frozen=True)
class Box:
    node: str
    x: int
    y: int
    row: int
    w: int = BOX_W
    h: int = BOX_H

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def cx(self) -> int:
        return self.x + self.w // 2

    @property
    def cy(self) -> int:
        return self.y + self.h // 2

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x < self.right and self.y <= y < self.bottom


@dataclass(frozen=True)
class Page:
    """One chapter's chart: a box for every node of it, seen or not."""

    chapter: str | None  # None: the nodes that belong to no chapter
    boxes: Mapping[str, Box]
    width: int
    height: int
    rows: int

    def row_span(self, first: int, last: int) -> tuple[int, int] | None:
        """Leftmost and rightmost x of the boxes in rows first..last (None: no boxes)."""
        xs = [(b.x, b.right) for b in self.boxes.values() if first <= b.row <= last]
        if not xs:
            return None
        return min(x for x, _ in xs), max(r for _, r in xs)


def successors(node: Node) -> list[str]:
    """Where a node leads, in the order an author wrote it (choices, then next)."""
    out = [c.goto for c in node.choices]
    if node.next is not None:
        out.append(node.next)
    return out


def pages(story: Story) -> list[Page]:
    """A page per chapter with nodes, in the story's chapter order, then the rest."""
    groups: dict[str | None, list[str]] = {c: [] for c in story.chapters}
    for node in story.nodes.values():
        key = node.chapter if node.chapter in story.chapters else None
        groups.setdefault(key, []).append(node.id)
    return [layout(story, chapter, ids) for chapter, ids in groups.items() if ids]


def layout(story: Story, chapter: str | None, ids: list[str]) -> Page:
    members = set(ids)
    layers = _layers(story, ids, members)
    parents: dict[str, list[str]] = {n: [] for n in ids}
    for n in ids:
        for t in successors(story.nodes[n]):
            if t in members and t != n and t not in parents[n]:
                parents[t].append(n)
    children: dict[str, list[str]] = {n: [] for n in ids}
    for child, ps in parents.items():
        for p in ps:
            children[p].append(child)
    depth = {n: d for d, layer in enumerate(layers) for n in layer}
    for d in range(1, len(layers)):
        _sort_by(layers[d], layers[d - 1], parents, depth, d - 1)
    for d in range(len(layers) - 2, -1, -1):
        _sort_by(layers[d], layers[d + 1], children, depth, d + 1)
    for d in range(1, len(layers)):
        _sort_by(layers[d], layers[d - 1], parents, depth, d - 1)
    rows = [row for layer in layers for row in _wrap(layer)]
    widest = max((len(r) for r in rows), default=0)
    content_w = widest * BOX_W + max(0, widest - 1) * GAP_X
    boxes: dict[str, Box] = {}
    for r, row in enumerate(rows):
        row_w = len(row) * BOX_W + (len(row) - 1) * GAP_X
        x0 = MARGIN + (content_w - row_w) // 2
        y = MARGIN + r * (BOX_H + GAP_Y)
        for i, n in enumerate(row):
            boxes[n] = Box(n, x0 + i * (BOX_W + GAP_X), y, r)
    height = 2 * MARGIN + len(rows) * BOX_H + max(0, len(rows) - 1) * GAP_Y
    return Page(chapter, boxes, content_w + 2 * MARGIN, height, len(rows))


def _layers(story: Story, ids: list[str], members: set[str]) -> list[list[str]]:
    """Breadth-first depth from the entries; nodes no entry reaches come last."""
    entries = [n for n in ids if n == story.start]
    for node in story.nodes.values():
        if node.id not in members:
            entries += [t for t in successors(node) if t in members and t not in entries]
    order = {n: i for i, n in enumerate(ids)}
    entries.sort(key=order.__getitem__)
    if not entries:  # a chapter nothing enters (unreachable): start at its first node
        entries = ids[:1]
    depth = {n: 0 for n in entries}
    queue = deque(entries)
    while queue:
        n = queue.popleft()
        for t in successors(story.nodes[n]):
            if t in members and t not in depth:
                depth[t] = depth[n] + 1
                queue.append(t)
    layers: list[list[str]] = [[] for _ in range(max(depth.values()) + 2)]
    for n, d in depth.items():  # in breadth-first order: the author's order of choices
        layers[d].append(n)
    layers[-1] = [n for n in ids if n not in depth]
    return [layer for layer in layers if layer]


def _wrap(layer: list[str]) -> list[list[str]]:
    """A layer in rows of at most MAX_PER_ROW, as even as can be (9 -> 5 + 4)."""
    count = -(-len(layer) // MAX_PER_ROW)
    per = -(-len(layer) // count)
    return [layer[i:i + per] for i in range(0, len(layer), per)]


def _sort_by(layer: list[str], other: list[str], links: Mapping[str, list[str]],
             depth: Mapping[str, int], other_depth: int) -> None:
    """Order a layer by the mean index of its neighbours in the adjacent layer."""
    where = {n: i for i, n in enumerate(other)}
    before = {n: i for i, n in enumerate(layer)}

    def key(n: str) -> tuple[float, int]:
        near = [where[p] for p in links[n] if depth.get(p) == other_depth]
        return (sum(near) / len(near) if near else float(before[n]) * len(other)
                / max(1, len(layer)), before[n])

    layer.sort(key=key)


def ellipsize(text: str, width: int, measure: Callable[[str], int]) -> str:
    """`text` cut to fit `width`, ending in "…" when cut (English or Japanese alike)."""
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()  # one line; keep the ideographic space
    if measure(text) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if measure(text[:mid].rstrip() + "…") <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip(" ,;:·、。・") + "…"
