"""Pieces several scenes share: a dimmed backdrop, a titled sheet, a vertical menu."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from .. import theme
from ..fonts import FontBook
from ..widgets import Button, ButtonList, panel, translucent


def dim(surface: pygame.Surface, alpha: int = 150) -> None:
    surface.blit(translucent(theme.CANVAS, (18, 16, 14, alpha)), (0, 0))


def sheet(surface: pygame.Surface, fonts: FontBook, rect: pygame.Rect, title: str) -> int:
    """Draw a paper sheet with a title; returns the y where its content starts."""
    panel(surface, rect, (246, 240, 226, 250), frame="sheet")
    head = fonts.render(title, 30, theme.INK)
    surface.blit(head, (rect.x + 36, rect.y + 24))
    y = rect.y + 24 + head.get_height() + 10
    pygame.draw.line(surface, theme.RED, (rect.x + 36, y), (rect.right - 36, y), 2)
    return y + 18


def menu_buttons(items: list[tuple[str, Callable[[], None], bool]], center_x: int, top: int,
                 width: int = 360, height: int = 46, gap: int = 10,
                 notes: dict[int, str] | None = None) -> ButtonList:
    buttons = []
    y = top
    for i, (label, action, enabled) in enumerate(items):
        rect = pygame.Rect(center_x - width // 2, y, width, height)
        buttons.append(Button(label, action, rect, enabled, (notes or {}).get(i)))
        y += height + gap
    return ButtonList(buttons)


def is_close_key(event: pygame.event.Event, *extra: int) -> bool:
    return event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, *extra) or (
        event.type == pygame.MOUSEBUTTONDOWN and event.button == 3)
