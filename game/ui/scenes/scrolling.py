"""A scrollable column of styled lines, shared by history and diagnostics."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from .. import theme
from ..fonts import Color, FontBook


@dataclass(frozen=True)
class Line:
    text: str
    size: int = 22
    color: Color = theme.INK
    indent: int = 0
    gap: int = 8


class ScrollView:
    def __init__(self, lines: list[Line], rect: pygame.Rect) -> None:
        self.lines = lines
        self.rect = rect
        self.offset = 0  # pixels from the top
        self.heights = [line.size + line.gap for line in lines]
        self.total = sum(self.heights)

    @property
    def max_offset(self) -> int:
        return max(0, self.total - self.rect.height)

    def scroll(self, pixels: int) -> None:
        self.offset = min(self.max_offset, max(0, self.offset + pixels))

    def to_end(self) -> None:
        self.offset = self.max_offset

    def handle(self, event: pygame.event.Event) -> bool:
        step, page = 40, self.rect.height - 60
        if event.type == pygame.MOUSEWHEEL:
            self.scroll(-event.y * step)
            return True
        if event.type == pygame.KEYDOWN:
            moves = {pygame.K_UP: -step, pygame.K_DOWN: step, pygame.K_PAGEUP: -page,
                     pygame.K_PAGEDOWN: page, pygame.K_HOME: -self.total,
                     pygame.K_END: self.total}
            if event.key in moves:
                self.scroll(moves[event.key])
                return True
        return False

    def draw(self, surface: pygame.Surface, fonts: FontBook) -> None:
        clip = surface.get_clip()
        surface.set_clip(self.rect)
        y = self.rect.y - self.offset
        for line, h in zip(self.lines, self.heights, strict=True):
            if y + h >= self.rect.y and y <= self.rect.bottom and line.text:
                surface.blit(fonts.render(line.text, line.size, line.color),
                             (self.rect.x + line.indent, y))
            y += h
        surface.set_clip(clip)
        if self.max_offset:
            bar_h = max(30, self.rect.height * self.rect.height // max(1, self.total))
            bar_y = self.rect.y + (self.rect.height - bar_h) * self.offset // self.max_offset
            pygame.draw.rect(surface, theme.INK_FAINT, (self.rect.right + 10, bar_y, 4, bar_h))
