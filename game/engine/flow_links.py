"""Which links of a chapter's chart are shown, and the lines they are drawn along.

Only what the player has seen is shown: a choice taken in some playthrough is a line
to where it led; a choice never taken is a short stub ending in "?", which gives away
neither its words nor where it goes (the `target` of such a link is always None, so
no screen can leak it). Links go down from a port on the bottom of their box (one
port per choice, by its place in the node, so a stub never moves) to the top of the
next; a link back up leaves from the top right of its box and comes up into the
bottom right of its target, along the gaps between rows, never across a box.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from ..story.model import Story
from .flow_layout import GAP_X, GAP_Y, Box, Page

STUB = 14  # length of a never-taken stub (its "?" hangs below) and of a link leaving the chapter
Point = tuple[int, int]
# Where lines run in the gap under a row (GAP_Y = 56): stubs and their "?" take the top
# 28 pixels, then sideways links, then links going back up over several rows, then
# links leaving the row below for the row above.
SIDEWAYS, LONG_BACK, BACK_UP = 34, 40, 44
ARRIVE = 10  # links back up leave and arrive this far inside a box's right edge


class LinkKind(StrEnum):
    TAKEN = "taken"  # a choice taken in some playthrough, to a node of this chapter
    NEXT = "next"  # a passage that simply continues
    EXIT = "exit"  # taken or continued to a node of another chapter
    UNTAKEN = "untaken"  # a choice never taken: a stub, nothing more


@dataclass(frozen=True)
class Link:
    kind: LinkKind
    source: str
    choice: str | None  # None for a `next` link
    target: str | None  # None for an untaken choice: never revealed
    current: bool  # on the current game's path
    points: tuple[Point, ...]  # the polyline, in page coordinates; an arrow at the end
    back: bool = False  # goes back up (or sideways) to an earlier scene


def links(story: Story, page: Page, seen: Collection[str],
          taken: Collection[tuple[str, str]], path: Collection[tuple[str, str]],
          visited: Collection[str]) -> list[Link]:
    """The links of `page` to draw: from every seen node, each of its choices and its next.

    `seen`: nodes entered in any playthrough; `taken`: (node, choice) chosen in any;
    `path`: (node, choice) of the current game; `visited`: nodes of the current game.
    """
    out: list[Link] = []
    for node_id, box in page.boxes.items():
        if node_id not in seen:
            continue
        node = story.nodes[node_id]
        n = len(node.choices)
        for i, c in enumerate(node.choices):
            port = (box.x + (i + 1) * box.w // (n + 1), box.bottom)
            current = (node_id, c.id) in path
            if (node_id, c.id) not in taken:
                out.append(Link(LinkKind.UNTAKEN, node_id, c.id, None, False,
                                _stub(port)))
            elif c.goto in page.boxes:
                if c.goto in seen:
                    out.append(_to(page, box, port, c.goto, LinkKind.TAKEN, c.id, current))
            else:
                out.append(Link(LinkKind.EXIT, node_id, c.id, c.goto, current, _stub(port)))
        if node.next is not None and node.next in seen:
            port = (box.cx, box.bottom)
            current = node_id in visited and node.next in visited
            if node.next in page.boxes:
                out.append(_to(page, box, port, node.next, LinkKind.NEXT, None, current))
            else:
                out.append(Link(LinkKind.EXIT, node_id, None, node.next, current,
                                _stub(port)))
    return out


def _stub(port: Point) -> tuple[Point, ...]:
    return (port, (port[0], port[1] + STUB))


def _to(page: Page, s: Box, port: Point, target: str, kind: LinkKind, choice: str | None,
        current: bool) -> Link:
    t = page.boxes[target]
    if t.row > s.row:
        return Link(kind, s.node, choice, target, current, (port, (t.cx, t.y)))
    return Link(kind, s.node, choice, target, current, route_back(page, s, port, t), True)


def route_back(page: Page, s: Box, port: Point, t: Box) -> tuple[Point, ...]:
    """Orthogonal lines along the gaps between rows, coming up into the bottom right of `t`
    (clear of its ports, and of the tops where links from above come in)."""
    ax = t.right - ARRIVE
    if t.row == s.row:  # sideways (or to itself): under the row, then up into t
        gy = s.bottom + SIDEWAYS
        return (port, (port[0], gy), (ax, gy), (ax, t.bottom))
    sx = s.right - ARRIVE
    above = s.y - GAP_Y + BACK_UP  # in the gap above the source's row
    if t.row == s.row - 1:
        return ((sx, s.y), (sx, above), (ax, above), (ax, t.bottom))
    span = page.row_span(t.row + 1, s.row - 1)
    assert span is not None  # rows between two rows of boxes have boxes
    left, right = span[0] - GAP_X // 2, span[1] + GAP_X // 2
    mid = (sx + ax) // 2
    lane = left if abs(mid - left) < abs(mid - right) else right
    below = t.bottom + LONG_BACK  # in the gap under the target's row
    return ((sx, s.y), (sx, above), (lane, above), (lane, below), (ax, below), (ax, t.bottom))
