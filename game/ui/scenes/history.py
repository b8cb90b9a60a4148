"""History (H or the wheel): every passage shown and every choice made, scrollable."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ...engine.history import history
from ...engine.render import choice_text, node_text
from .. import theme
from ..scene import Scene
from ..session import Session
from ..text_layout import wrap
from .common import dim, is_close_key, sheet
from .scrolling import Line, ScrollView

if TYPE_CHECKING:
    from ..app import App


class HistoryScene(Scene):
    opaque = False

    def __init__(self, app: App, session: Session) -> None:
        super().__init__(app)
        self.session = session
        self.build()

    def build(self) -> None:
        self.rect = pygame.Rect(100, 40, theme.CANVAS[0] - 200, theme.CANVAS[1] - 80)
        body = pygame.Rect(self.rect.x + 36, self.rect.y + 90, self.rect.width - 90,
                           self.rect.height - 120)
        lang, story = self.app.lang, self.session.story
        measure = self.app.fonts.measure(21)
        lines: list[Line] = []
        since = self.session.edits[-1] if self.session.edits else None  # a debug session
        for passage in history(story, self.session.state, since):
            for para in node_text(story, passage.state, lang).split("\n"):
                for text in wrap(para, body.width - 10, measure):
                    lines.append(Line(text, 21, theme.INK))
            if passage.choice is not None:
                choice = story.nodes[passage.node].choice(passage.choice)
                label = (choice_text(story, choice, passage.state, lang) if choice
                         else passage.choice)
                lines.append(Line(f"→ {self.app.t('you_chose')}: {label}", 20, theme.RED, 24, 14))
            lines.append(Line("", 10))
        self.view = ScrollView(lines, body)
        self.view.to_end()

    def handle_event(self, event: pygame.event.Event) -> None:
        if is_close_key(event, pygame.K_h):
            self.app.pop(self)
        elif self.view.handle(event):
            self.app.invalidate()

    def on_settings_changed(self) -> None:
        self.build()

    def draw(self, surface: pygame.Surface) -> None:
        dim(surface, 170)
        sheet(surface, self.app.fonts, self.rect, self.app.t("history"))
        self.view.draw(surface, self.app.fonts)
