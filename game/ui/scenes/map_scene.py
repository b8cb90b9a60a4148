"""The map of the front (F in the play screen; the dossier can open it too): the whole sheet
as the articles now stand, with what changed from the Soviet draft in its margin."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ...documents.map_data import geography, text
from .. import theme
from ..map_view import SHEET, render_map
from ..scene import Scene
from ..session import Session
from .common import is_close_key

if TYPE_CHECKING:
    from ..app import App

MAP_KEY = pygame.K_f  # M was taken by mute


class MapScene(Scene):
    def __init__(self, app: App, session: Session) -> None:
        super().__init__(app)
        self.session = session

    def handle_event(self, event: pygame.event.Event) -> None:
        if is_close_key(event, MAP_KEY, pygame.K_TAB) or (
                event.type == pygame.MOUSEBUTTONDOWN and event.button == 1):
            self.app.pop(self)

    def draw(self, surface: pygame.Surface) -> None:
        lang = self.app.lang
        surface.blit(render_map(self.app, self.session.state.vars, theme.CANVAS, lang, SHEET),
                     (0, 0))
        hint = self.app.fonts.render(text(geography(), "map_close_hint", lang), 13,
                                     theme.INK_FAINT)
        w, h = theme.CANVAS
        surface.blit(hint, hint.get_rect(bottomright=(w - 20, h - 6)))
