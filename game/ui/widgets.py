"""Buttons and a focusable list of them: mouse hover and click, arrows, Enter, number keys."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from . import theme
from .fonts import FontBook
from .frames import PAPER
from .text_layout import wrap


@dataclass
class Button:
    label: str
    action: Callable[[], None]
    rect: pygame.Rect
    enabled: bool = True
    note: str | None = None  # shown under the label (a disabled choice's reason)
    number: int | None = None  # 1-9 selects it


def _silent() -> None:
    return None


_on_button: Callable[[], None] = _silent


def on_button(callback: Callable[[], None]) -> None:
    """What every enabled button does besides its action when it fires (the app's click
    sound): set by the app, so the one place all buttons fire is the one place it sounds."""
    global _on_button
    _on_button = callback


class ButtonList:
    """A vertical list of buttons sharing one focus; `handle` returns True if it used the event."""

    def __init__(self, buttons: list[Button], keyboard_focus: bool = True) -> None:
        self.buttons = buttons
        self.focus: int | None = self._first_enabled() if keyboard_focus else None
        self.hover: int | None = None

    def _first_enabled(self) -> int | None:
        return next((i for i, b in enumerate(self.buttons) if b.enabled), None)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEMOTION:
            hit = self.hit(event.pos)
            changed = hit != self.hover
            self.hover = hit
            if hit is not None and self.buttons[hit].enabled:  # focus never rests on a disabled one
                self.focus = hit
            return changed
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            hit = self.hit(event.pos)
            if hit is not None:
                return self.activate(hit)
            return False
        if event.type != pygame.KEYDOWN:
            return False
        if event.key == pygame.K_DOWN:
            return self.move(1)
        if event.key == pygame.K_UP:
            return self.move(-1)
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            if self.focus is not None:
                return self.activate(self.focus)
            return False
        number = _number_key(event.key)
        if number is not None:
            for i, b in enumerate(self.buttons):
                if b.number == number:
                    return self.activate(i)
        return False

    def move(self, step: int) -> bool:
        enabled = [i for i, b in enumerate(self.buttons) if b.enabled]
        if not enabled:
            return False
        if self.focus not in enabled:
            self.focus = enabled[0 if step > 0 else -1]
            return True
        assert self.focus is not None
        pos = enabled.index(self.focus)
        self.focus = enabled[(pos + step) % len(enabled)]
        return True

    def activate(self, i: int) -> bool:
        b = self.buttons[i]
        if not b.enabled:
            return True  # swallowed: a disabled choice does nothing
        self.focus = i
        _on_button()
        b.action()
        return True

    def hit(self, pos: tuple[int, int]) -> int | None:
        for i, b in enumerate(self.buttons):
            if b.rect.collidepoint(pos):
                return i
        return None

    def draw(self, surface: pygame.Surface, fonts: FontBook, size: int = 24) -> None:
        for i, b in enumerate(self.buttons):
            draw_button(surface, fonts, b, focused=(i == self.focus), hovered=(i == self.hover),
                        size=size)


MAX_LABEL_LINES = 2
LABEL_LINE_GAP = 6


def label_lines(fonts: FontBook, label: str, number: int | None, width: int,
                size: int) -> list[str]:
    """The lines a button's label is drawn in (at most two): layout sizes buttons by it."""
    text = f"{number}.  {label}" if number is not None else label
    return wrap(text, width - 48, fonts.measure(size))[:MAX_LABEL_LINES]


def draw_button(surface: pygame.Surface, fonts: FontBook, b: Button, focused: bool,
                hovered: bool, size: int = 24) -> None:
    r = b.rect
    fill = (250, 245, 232, 240) if b.enabled else (226, 220, 206, 210)
    if b.enabled and (focused or hovered):
        fill = (255, 250, 236, 252)
    surface.blit(PAPER.sheet(r.size, fill, "button", r.y // 8), r.topleft)
    if focused and b.enabled:
        pygame.draw.rect(surface, theme.FOCUS, r, 3)
        pygame.draw.rect(surface, theme.RED, (r.x, r.y, 6, r.height))
    color = theme.INK if b.enabled else theme.DISABLED
    lines = label_lines(fonts, b.label, b.number, r.width, size)
    note_size = max(14, size - 6)
    total = len(lines) * (size + LABEL_LINE_GAP) + ((note_size + 4) if b.note else 0)
    y = r.y + (r.height - total) // 2
    for line in lines:
        surf = fonts.render(line, size, color)
        x = r.x + 24 if b.number is not None else r.centerx - surf.get_width() // 2
        surface.blit(surf, (x, y))
        y += size + LABEL_LINE_GAP
    if b.note:
        note = fonts.render(b.note, note_size, theme.RED_SOFT if not b.enabled else theme.INK_SOFT)
        x = r.x + 48 if b.number is not None else r.centerx - note.get_width() // 2
        surface.blit(note, (x, y))


def _number_key(key: int) -> int | None:
    if pygame.K_1 <= key <= pygame.K_9:
        return key - pygame.K_0
    if pygame.K_KP1 <= key <= pygame.K_KP9:
        return key - pygame.K_KP1 + 1
    return None


_SHEETS: dict[tuple[tuple[int, int], tuple[int, ...]], pygame.Surface] = {}


def translucent(size: tuple[int, int], color: tuple[int, ...]) -> pygame.Surface:
    """A filled translucent surface, made once per size and colour (drawn every frame)."""
    key = (size, color)
    sheet = _SHEETS.get(key)
    if sheet is None:
        if len(_SHEETS) > 256:
            _SHEETS.clear()
        sheet = _SHEETS[key] = pygame.Surface(size, pygame.SRCALPHA)
        sheet.fill(color)
    return sheet


def panel(surface: pygame.Surface, rect: pygame.Rect | tuple[int, int, int, int],
          color: tuple[int, int, int, int] = theme.PANEL, edge: bool = True,
          frame: str = "panel") -> None:
    """A sheet of paper: translucent textured fill in a double ink rule (frames.py)."""
    r = pygame.Rect(rect)
    surface.blit(PAPER.sheet(r.size, color, frame if edge else None), r.topleft)
