"""Over the game when a live reload could not be applied: why, and the game plays on.

Two causes: the edited story has errors (every diagnostic, as `check` prints it), or the
scene on screen is gone from it. Either way the game keeps running on the last good
story, so the overlay only informs: Esc, Enter or a click closes it and play goes on
underneath, and a later reload that works takes it away by itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from ...story import Diagnostic
from .. import theme
from ..scene import Scene
from ..text_layout import wrap
from .common import dim, sheet
from .diagnostics import diagnostic_lines
from .scrolling import Line, ScrollView

if TYPE_CHECKING:
    from ..app import App

MARGIN_X, TOP = 60, 40
HEAD, FOOT = 90, 60  # the sheet's title above the list, the keys below it
CLOSE_KEYS = (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


class ReloadProblemScene(Scene):
    opaque = False

    def __init__(self, app: App, diagnostics: Sequence[Diagnostic] = (),
                 missing_node: str | None = None) -> None:
        super().__init__(app)
        self.diagnostics = tuple(diagnostics)
        self.missing_node = missing_node
        self.build()

    @property
    def title_key(self) -> str:
        return "reload_node_gone" if self.missing_node is not None else "reload_failed"

    def build(self) -> None:
        """As tall as its lines need (scrolling past the screen's height): the game it
        leaves running stays in sight below."""
        width = theme.CANVAS[0] - 2 * MARGIN_X
        body_w = width - 90
        message = [] if self.missing_node is None else [
            self.app.t("reload_node_gone_why").format(node=self.missing_node),
            self.app.t("reload_node_gone_fix")]
        lines = [Line(text, 21, theme.INK, 0, 10) for para in message
                 for text in wrap(para, body_w, self.app.fonts.measure(21))]
        lines += diagnostic_lines(self.app, self.diagnostics, body_w)
        tallest = theme.CANVAS[1] - 2 * TOP - HEAD - FOOT
        body_h = min(tallest, sum(line.size + line.gap for line in lines))
        self.rect = pygame.Rect(MARGIN_X, TOP, width, HEAD + body_h + FOOT)
        self.view = ScrollView(lines, pygame.Rect(MARGIN_X + 36, TOP + HEAD, body_w, body_h))

    @property
    def texts(self) -> list[str]:
        """The lines the overlay lists, as wrapped (what the author reads)."""
        return [line.text for line in self.view.lines]

    def close(self) -> None:
        self.app.pop(self)

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.view.handle(event):
            self.app.invalidate()
        elif event.type == pygame.KEYDOWN and event.key in CLOSE_KEYS or \
                event.type == pygame.MOUSEBUTTONDOWN and event.button in (1, 3):
            self.close()

    def on_settings_changed(self) -> None:
        self.build()

    def draw(self, surface: pygame.Surface) -> None:
        dim(surface, 90)
        sheet(surface, self.app.fonts, self.rect, self.app.t(self.title_key))
        self.view.draw(surface, self.app.fonts)
        hint = self.app.fonts.render(self.app.t("reload_keys"), 18, theme.INK_SOFT)
        surface.blit(hint, hint.get_rect(midbottom=(self.rect.centerx, self.rect.bottom - 18)))
