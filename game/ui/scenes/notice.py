"""A message the player must read before going on (a loaded save whose story changed).

`detail` is the engine's own sentence with node and choice ids, in small print: the
player reads the explanation above it, an author the ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from .. import theme
from ..scene import Scene
from ..text_layout import wrap
from .common import dim, is_close_key, menu_buttons, sheet

if TYPE_CHECKING:
    from ..app import App


class NoticeScene(Scene):
    opaque = False

    def __init__(self, app: App, title: str, lines: list[str], detail: str = "") -> None:
        super().__init__(app)
        self.title, self.lines, self.detail = title, lines, detail
        self.build()

    def build(self) -> None:
        self.rect = pygame.Rect(0, 0, 820, 420)
        self.rect.center = (theme.CANVAS[0] // 2, theme.CANVAS[1] // 2)
        self.buttons = menu_buttons([(self.app.t("go_on"), self.close, True)],
                                    self.rect.centerx, self.rect.bottom - 76, width=260)

    def close(self) -> None:
        self.app.pop(self)

    def handle_event(self, event: pygame.event.Event) -> None:
        if is_close_key(event):
            self.close()
        elif self.buttons.handle(event):
            self.app.invalidate()

    def draw(self, surface: pygame.Surface) -> None:
        dim(surface)
        fonts = self.app.fonts
        y = sheet(surface, fonts, self.rect, self.title)
        width = self.rect.width - 72
        for para in self.lines:
            for line in wrap(para, width, fonts.measure(22)):
                surface.blit(fonts.render(line, 22, theme.INK), (self.rect.x + 36, y))
                y += 32
            y += 8
        for line in wrap(self.detail, width, fonts.measure(15))[:3]:
            surface.blit(fonts.render(line, 15, theme.INK_FAINT), (self.rect.x + 36, y))
            y += 21
        self.buttons.draw(surface, fonts, 22)
