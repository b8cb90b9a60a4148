"""A chapter's title card: fades in over dark paper, holds, fades out; any input skips.
With reduced motion it appears and goes without fading.

Under the title lies the chapter's picture, `images/cards/<chapter id>.svg` from the story's
assets (docs/art.md): a motif on dark paper that leaves the middle band to the title. A
chapter without one shows the title on plain dark paper."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ...engine import PlayState
from ...engine.render import render_text
from .. import theme
from ..scene import Scene

if TYPE_CHECKING:
    from ..app import App

FADE = 0.5
HOLD = 1.6


def card_picture(chapter_id: str) -> str:
    """Where a chapter's card picture is looked up, among the story's asset folders."""
    return f"images/cards/{chapter_id}.svg"


class ChapterCard(Scene):
    def __init__(self, app: App, chapter_id: str, state: PlayState) -> None:
        super().__init__(app)
        self.chapter_id = chapter_id
        self.state = state  # the title may interpolate variables
        self.t = 0.0
        self.layer: pygame.Surface | None = None  # drawn once; only its alpha changes

    @property
    def total(self) -> float:
        return HOLD if self.app.settings.reduced_motion else HOLD + 2 * FADE

    def alpha(self) -> int:
        if self.app.settings.reduced_motion:
            return 255
        if self.t < FADE:
            return int(255 * self.t / FADE)
        if self.t > FADE + HOLD:
            return max(0, int(255 * (self.total - self.t) / FADE))
        return 255

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self.app.pop(self)

    def update(self, dt: float) -> bool:
        self.t += dt
        if self.t >= self.total:
            self.app.pop(self)
            return False
        return True

    def on_settings_changed(self) -> None:
        self.layer = None  # the language may have changed

    def on_story_changed(self) -> None:
        story = self.app.story
        if story is None or self.chapter_id not in story.chapters:
            self.app.pop(self)  # its chapter was removed from the story
        else:
            self.layer = None

    def build_layer(self) -> pygame.Surface:
        story = self.app.story
        assert story is not None
        layer = pygame.Surface(theme.CANVAS, pygame.SRCALPHA)
        picture = card_picture(self.chapter_id)
        card = self.app.images.optional(picture)
        if card is not None:
            layer.blit(card, (0, 0))
        cx, cy = theme.CANVAS[0] // 2, theme.CANVAS[1] // 2
        pygame.draw.line(layer, theme.RED, (cx - 160, cy - 56), (cx + 160, cy - 56), 2)
        title = render_text(story, story.chapters[self.chapter_id].title, self.state,
                            self.app.lang)
        surf = self.app.fonts.render(title, 44, theme.PAPER)
        layer.blit(surf, surf.get_rect(center=(cx, cy)))
        pygame.draw.line(layer, theme.RED, (cx - 160, cy + 56), (cx + 160, cy + 56), 2)
        return layer

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(theme.NIGHT)
        if self.layer is None:
            self.layer = self.build_layer()
        self.layer.set_alpha(self.alpha())
        surface.blit(self.layer, (0, 0))
