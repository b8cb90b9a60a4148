"""Shown instead of the game when the story has errors: every diagnostic, then exit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from ...story import Diagnostic
from .. import theme
from ..scene import Scene
from ..text_layout import wrap
from .common import sheet
from .scrolling import Line, ScrollView

if TYPE_CHECKING:
    from ..app import App


class DiagnosticsScene(Scene):
    def __init__(self, app: App, diagnostics: Sequence[Diagnostic]) -> None:
        super().__init__(app)
        self.rect = pygame.Rect(40, 30, theme.CANVAS[0] - 80, theme.CANVAS[1] - 60)
        body = pygame.Rect(self.rect.x + 36, self.rect.y + 90, self.rect.width - 90,
                           self.rect.height - 150)
        measure = app.fonts.measure(17, "sans")
        lines = []
        for d in diagnostics:
            color = theme.RED if d.is_error else theme.INK_SOFT
            for text in wrap(d.format(), body.width, measure):
                lines.append(Line(text, 17, color, 0, 6))
        self.view = ScrollView(lines, body)

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.view.handle(event):
            self.app.invalidate()
        elif event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self.app.quit()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(theme.PAPER_DARK)
        sheet(surface, self.app.fonts, self.rect, self.app.t("story_errors"))
        self.view.draw(surface, self.app.fonts)
        hint = self.app.fonts.render(self.app.t("press_to_exit"), 18, theme.INK_SOFT)
        surface.blit(hint, hint.get_rect(midbottom=(self.rect.centerx, self.rect.bottom - 20)))
