"""Shown instead of the game when the story has errors: every diagnostic, then exit.

With live reload on it also waits for the fix: saving a good story starts the game
(see `live_reload`). Any key but a modifier still exits (Ctrl+R must not).
"""

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
        self.view = ScrollView(diagnostic_lines(app, diagnostics, body.width), body)

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.view.handle(event):
            self.app.invalidate()
        elif event.type == pygame.KEYDOWN and event.key in MODIFIERS:
            return  # the Ctrl of Ctrl+R must not quit
        elif event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self.app.quit()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(theme.PAPER_DARK)
        sheet(surface, self.app.fonts, self.rect, self.app.t("story_errors"))
        self.view.draw(surface, self.app.fonts)
        hint = self.app.fonts.render(self.app.t("press_to_exit"), 18, theme.INK_SOFT)
        surface.blit(hint, hint.get_rect(midbottom=(self.rect.centerx, self.rect.bottom - 20)))
        if self.app.live is not None:
            fix = self.app.fonts.render(self.app.t("launch_fix_hint"), 18, theme.RED)
            surface.blit(fix, fix.get_rect(midbottom=(self.rect.centerx, self.rect.bottom - 46)))


MODIFIERS = frozenset((pygame.K_LCTRL, pygame.K_RCTRL, pygame.K_LSHIFT, pygame.K_RSHIFT,
                       pygame.K_LALT, pygame.K_RALT, pygame.K_LMETA, pygame.K_RMETA,
                       pygame.K_LGUI, pygame.K_RGUI, pygame.K_CAPSLOCK, pygame.K_MODE))


def diagnostic_lines(app: App, diagnostics: Sequence[Diagnostic], width: int) -> list[Line]:
    """Every diagnostic as `file:line:col: error: message [CODE]`, wrapped, errors in red.

    Errors come first: one typo can make many nodes unreachable, and the warnings it
    causes must not bury the error that explains them.
    """
    measure = app.fonts.measure(17)  # the face ScrollView draws with
    lines = []
    for d in sorted(diagnostics, key=lambda d: not d.is_error):  # stable: check's order
        color = theme.RED if d.is_error else theme.INK_SOFT
        for text in wrap(d.format(), width, measure):
            lines.append(Line(text, 17, color, 0, 6))
    return lines
