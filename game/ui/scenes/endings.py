"""The endings gallery: every declared ending, the ones reached (in this run of the game)
with their summary; the rest not yet found. Persistent progress arrives with saves."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ...engine import start
from ...engine.render import render_text
from .. import theme
from ..scene import Scene
from ..text_layout import wrap
from .common import dim, is_close_key, sheet

if TYPE_CHECKING:
    from ..app import App


class EndingsScene(Scene):
    opaque = False

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.rect = pygame.Rect(140, 40, theme.CANVAS[0] - 280, theme.CANVAS[1] - 80)
        # titles and summaries may interpolate variables: render them with the game's state
        story = app.story
        self.state = (app.session.state if app.session is not None
                      else start(story, 0) if story is not None else None)

    def handle_event(self, event: pygame.event.Event) -> None:
        if is_close_key(event) or (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1):
            self.app.pop(self)

    def draw(self, surface: pygame.Surface) -> None:
        dim(surface, 170)
        y = sheet(surface, self.app.fonts, self.rect, self.app.t("endings"))
        story, state = self.app.story, self.state
        if story is None or state is None:
            return
        reached = self.app.reached_endings
        fonts, lang = self.app.fonts, self.app.lang
        for ending in story.endings.values():
            got = ending.id in reached
            title = render_text(story, ending.title, state, lang) if got else "? ? ?"
            surface.blit(fonts.render(title, 24, theme.INK if got else theme.INK_FAINT),
                         (self.rect.x + 50, y))
            y += 34
            if got and ending.summary is not None:
                summary = render_text(story, ending.summary, state, lang)
                for line in wrap(summary, self.rect.width - 120, fonts.measure(18))[:2]:
                    surface.blit(fonts.render(line, 18, theme.INK_SOFT), (self.rect.x + 70, y))
                    y += 26
            elif not got:
                surface.blit(fonts.render(self.app.t("not_found"), 18, theme.INK_FAINT),
                             (self.rect.x + 70, y))
                y += 26
            y += 12
