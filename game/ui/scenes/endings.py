"""The endings gallery: every declared ending; those reached in any playthrough (kept in
the progress file, so they survive a restart) with their summary and the day first
reached; the rest as "? ? ?" with the story's hint, a nudge that names no outcome."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from ...engine import PlayState, start
from ...engine.flow_layout import ellipsize
from ...engine.render import render_text
from ...story.model import Ending
from .. import theme
from ..fonts import Color
from ..scene import Scene
from ..session import format_date
from ..text_layout import wrap
from .common import dim, is_close_key, sheet

if TYPE_CHECKING:
    from ..app import App

COLUMN_GAP = 40
ENTRY_GAP = 14
MAX_LINES = 3
TITLE_PX, STATUS_PX, BODY_PX = 22, 15, 16
BODY_INDENT = 18


@dataclass(frozen=True)
class Piece:
    text: str
    size: int
    color: Color
    x: int
    y: int  # from the top of the scrolled content


class EndingsScene(Scene):
    opaque = False

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.rect = pygame.Rect(110, 30, theme.CANVAS[0] - 220, theme.CANVAS[1] - 60)
        self.offset = 0
        self.build()

    def build(self) -> None:
        """Lay the entries out in one column, or two when there are more than four."""
        app, story = self.app, self.app.story
        self.view = pygame.Rect(self.rect.x + 36, self.rect.y + 96, self.rect.width - 72,
                                self.rect.height - 120)
        self.pieces: list[Piece] = []
        self.height = 0
        if story is None:
            return
        # titles and summaries may interpolate variables: render them with the game's state
        state = app.session.state if app.session is not None else start(story, 0)
        reached = app.saves.story_progress().endings
        self.found = (sum(1 for e in story.endings if e in reached), len(story.endings))
        endings = list(story.endings.values())
        cols = 1 if len(endings) <= 4 else 2
        col_w = (self.view.width - COLUMN_GAP * (cols - 1)) // cols
        rows = -(-len(endings) // cols)
        y = 0
        for r in range(rows):
            bottom = y
            for c in range(cols):
                i = c * rows + r  # down the first column, then the second
                if i < len(endings):
                    bottom = max(bottom, self.entry(endings[i], c * (col_w + COLUMN_GAP), y,
                                                    col_w, reached, state))
            y = bottom + ENTRY_GAP
        self.height = max(0, y - ENTRY_GAP)
        self.scroll(0)

    def entry(self, e: Ending, x: int, y: int, width: int, reached: Mapping[str, str],
              state: PlayState) -> int:
        """One ending's title, its state (first reached, or not yet found) on the same line
        when there is room, then its summary, or its hint while not found; returns the
        bottom."""
        app, story = self.app, self.app.story
        assert story is not None
        lang, fonts = app.lang, app.fonts
        if e.id in reached:
            title, color = render_text(story, e.title, state, lang), theme.INK
            status = app.t("first_reached").format(date=_day(reached[e.id], lang))
            body = render_text(story, e.summary, state, lang) if e.summary else ""
            body_color = theme.INK_SOFT
        else:
            title, color = "? ? ?", theme.INK_FAINT
            status = app.t("not_found")
            body = render_text(story, e.hint, state, lang) if e.hint else ""
            body_color = theme.RED
        self.pieces.append(Piece(title, TITLE_PX, color, x, y))
        status_w = fonts.measure(STATUS_PX)(status)
        if fonts.measure(TITLE_PX)(title) + 24 + status_w <= width:
            self.pieces.append(Piece(status, STATUS_PX, theme.INK_FAINT, x + width - status_w,
                                     y + TITLE_PX - STATUS_PX))
            y += TITLE_PX + 10
        else:
            y += TITLE_PX + 6
            self.pieces.append(Piece(status, STATUS_PX, theme.INK_FAINT, x + BODY_INDENT, y))
            y += STATUS_PX + 6
        lines = wrap(body, width - BODY_INDENT, fonts.measure(BODY_PX)) if body else []
        if len(lines) > MAX_LINES:
            rest = " ".join(lines[MAX_LINES - 1:])
            lines = lines[:MAX_LINES - 1] + [ellipsize(rest, width - BODY_INDENT,
                                                       fonts.measure(BODY_PX))]
        for line in lines:
            self.pieces.append(Piece(line, BODY_PX, body_color, x + BODY_INDENT, y))
            y += BODY_PX + 6
        return y

    @property
    def max_offset(self) -> int:
        return max(0, self.height - self.view.height)

    def scroll(self, pixels: int) -> None:
        self.offset = min(self.max_offset, max(0, self.offset + pixels))
        self.app.invalidate()

    def handle_event(self, event: pygame.event.Event) -> None:
        if is_close_key(event) or (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1):
            self.app.pop(self)
        elif event.type == pygame.MOUSEWHEEL:
            self.scroll(-event.y * 40)
        elif event.type == pygame.KEYDOWN:
            page = self.view.height - 60
            moves = {pygame.K_UP: -40, pygame.K_DOWN: 40, pygame.K_PAGEUP: -page,
                     pygame.K_PAGEDOWN: page, pygame.K_HOME: -self.height,
                     pygame.K_END: self.height}
            if event.key in moves:
                self.scroll(moves[event.key])

    def on_settings_changed(self) -> None:
        self.build()

    def draw(self, surface: pygame.Surface) -> None:
        dim(surface, 170)
        fonts = self.app.fonts
        pygame.draw.rect(surface, theme.PAPER, self.rect)  # nothing shows through the text
        sheet(surface, fonts, self.rect, self.app.t("endings"))
        if self.app.story is None:
            return
        count = fonts.render(self.app.t("endings_found").format(n=self.found[0],
                                                                total=self.found[1]),
                             18, theme.INK_SOFT)
        surface.blit(count, count.get_rect(topright=(self.rect.right - 40, self.rect.y + 38)))
        clip = surface.get_clip()
        surface.set_clip(self.view)
        for p in self.pieces:
            y = self.view.y + p.y - self.offset
            if y + p.size >= self.view.y and y <= self.view.bottom:
                surface.blit(fonts.render(p.text, p.size, p.color), (self.view.x + p.x, y))
        surface.set_clip(clip)
        if self.max_offset:
            v = self.view
            bar_h = max(30, v.height * v.height // max(1, self.height))
            bar_y = v.y + (v.height - bar_h) * self.offset // self.max_offset
            pygame.draw.rect(surface, theme.INK_FAINT, (v.right + 14, bar_y, 4, bar_h))


def _day(iso: str, lang: str) -> str:
    """The day of an ISO time, as the game writes dates; the raw text if it is not one."""
    try:
        return format_date(iso[:10], lang)
    except (ValueError, IndexError):
        return iso
