"""A yes/no question over the current screen (Textual's modal with a typed result)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from .. import theme
from ..scene import Scene
from ..text_layout import wrap
from .common import dim, is_close_key, menu_buttons, sheet

if TYPE_CHECKING:
    from ..app import App


class ConfirmScene(Scene):
    opaque = False

    def __init__(self, app: App, message_key: str, on_yes: Callable[[], None]) -> None:
        super().__init__(app)
        self.message_key = message_key
        self.on_yes = on_yes
        self.answer: bool | None = None
        self.build()

    def build(self) -> None:
        self.rect = pygame.Rect(0, 0, 640, 300)
        self.rect.center = (theme.CANVAS[0] // 2, theme.CANVAS[1] // 2)
        self.buttons = menu_buttons(
            [(self.app.t("no"), lambda: self.close(False), True),
             (self.app.t("yes"), lambda: self.close(True), True)],
            self.rect.centerx, self.rect.bottom - 120, width=260)

    def close(self, yes: bool) -> None:
        self.answer = yes
        self.app.pop(self)
        if yes:
            self.on_yes()

    def handle_event(self, event: pygame.event.Event) -> None:
        if is_close_key(event, pygame.K_n):
            self.close(False)
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_y:
            self.close(True)
        elif self.buttons.handle(event):
            self.app.invalidate()

    def on_settings_changed(self) -> None:
        self.build()

    def draw(self, surface: pygame.Surface) -> None:
        dim(surface)
        y = sheet(surface, self.app.fonts, self.rect, self.app.t("title"))
        for line in wrap(self.app.t(self.message_key), self.rect.width - 72,
                         self.app.fonts.measure(22)):
            s = self.app.fonts.render(line, 22, theme.INK)
            surface.blit(s, (self.rect.x + 36, y))
            y += 32
        self.buttons.draw(surface, self.app.fonts, 22)
