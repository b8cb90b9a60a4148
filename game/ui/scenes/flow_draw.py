"""Drawing the flowchart's pieces: boxes, solid and dashed links, arrowheads, "?" stubs.

Kept apart from the scene so the scene reads as what the player can do, and so the
legend draws its samples with exactly the strokes the chart uses.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from .. import theme
from ..fonts import Color, FontBook

Point = tuple[float, float]

LINK_NOW = theme.INK  # a link of the current game
LINK_BEFORE = (158, 146, 124)  # a link only earlier games took
UNTAKEN = theme.RED_SOFT
FILL_NOW = (253, 250, 242)
FILL_BEFORE = (231, 223, 205)
EDGE_BEFORE = (168, 156, 134)


@dataclass(frozen=True)
class BoxLook:
    """How one box is drawn: what it is, and where the player stands with it."""

    decision: bool
    ending: bool
    this_game: bool
    current: bool
    focused: bool


def dashed(surface: pygame.Surface, color: Color, a: Point, b: Point, width: int = 2,
           dash: int = 5, gap: int = 4) -> None:
    length = math.dist(a, b)
    if length == 0:
        return
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    pos = 0.0
    while pos < length:
        end = min(length, pos + dash)
        pygame.draw.line(surface, color, (a[0] + ux * pos, a[1] + uy * pos),
                         (a[0] + ux * end, a[1] + uy * end), width)
        pos = end + gap


def polyline(surface: pygame.Surface, color: Color, points: list[Point], width: int,
             arrow: bool = True) -> None:
    for a, b in zip(points, points[1:], strict=False):
        pygame.draw.line(surface, color, a, b, width)
    if arrow and len(points) >= 2:
        arrowhead(surface, color, points[-2], points[-1])


def arrowhead(surface: pygame.Surface, color: Color, a: Point, b: Point, size: int = 7) -> None:
    length = math.dist(a, b)
    if length == 0:
        return
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    back = (b[0] - ux * size, b[1] - uy * size)
    side = (-uy * size * 0.55, ux * size * 0.55)
    pygame.draw.polygon(surface, color, [b, (back[0] + side[0], back[1] + side[1]),
                                         (back[0] - side[0], back[1] - side[1])])


def stub(surface: pygame.Surface, fonts: FontBook, a: Point, b: Point) -> None:
    """A choice never taken: a dashed stroke and a "?", and nothing about where it goes."""
    dashed(surface, UNTAKEN, a, b)
    center = (int(b[0]), int(b[1]) + 7)
    pygame.draw.circle(surface, theme.PAPER, center, 7)
    pygame.draw.circle(surface, UNTAKEN, center, 7, 1)
    mark = fonts.render("?", 12, theme.RED, "sans")
    surface.blit(mark, mark.get_rect(center=center))


def box(surface: pygame.Surface, fonts: FontBook, rect: pygame.Rect, lines: tuple[str, str],
        look: BoxLook) -> None:
    fill = FILL_NOW if look.this_game else FILL_BEFORE
    pygame.draw.rect(surface, fill, rect)
    edge = theme.INK_SOFT if look.this_game else EDGE_BEFORE
    pygame.draw.rect(surface, edge, rect, 1)
    if look.ending:  # a double rule, like the end of a document
        pygame.draw.rect(surface, edge, rect.inflate(-6, -6), 1)
    if look.decision:
        bar = theme.RED if look.this_game else theme.RED_SOFT
        pygame.draw.rect(surface, bar, (rect.x, rect.y, 5, rect.height))
    if look.current:
        pygame.draw.rect(surface, theme.RED, rect.inflate(6, 6), 3)
    if look.focused:
        pygame.draw.rect(surface, theme.FOCUS, rect.inflate(10 if look.current else 4,
                                                            10 if look.current else 4), 3)
    head, meta = lines
    x = rect.x + (12 if look.decision else 8)
    ink = theme.INK if look.this_game else theme.INK_SOFT
    surface.blit(fonts.render(head, 15, ink), (x, rect.y + 5))
    surface.blit(fonts.render(meta, 14, theme.INK_SOFT if look.this_game else theme.INK_FAINT),
                 (x, rect.y + 25))


LEGEND = [("flow_this_game", BoxLook(False, False, True, False, False)),
          ("flow_earlier", BoxLook(False, False, False, False, False)),
          ("flow_decision", BoxLook(True, False, True, False, False)),
          ("flow_ending", BoxLook(False, True, True, False, False)),
          ("flow_current", BoxLook(False, False, True, True, False))]


def legend(surface: pygame.Surface, fonts: FontBook, t: Callable[[str], str], x: int,
           y: int) -> None:
    """One row: a sample of each stroke and box the chart uses, and what it means."""

    def label(key: str, x: int) -> int:
        s = fonts.render(t(key), 15, theme.INK_SOFT)
        surface.blit(s, (x, y))
        return x + s.get_width() + 22

    cy = y + 9
    pygame.draw.line(surface, LINK_NOW, (x, cy), (x + 26, cy), 2)
    x = label("flow_taken", x + 32)
    stub(surface, fonts, (x, cy - 10), (x, cy - 2))
    x = label("flow_untaken", x + 14)
    for key, look in LEGEND:
        box(surface, fonts, pygame.Rect(x, y, 30, 18), ("", ""), look)
        x = label(key, x + 38)
