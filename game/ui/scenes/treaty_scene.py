"""The treaty (T in play, the button at every ending): the agreement as it stands, typed.

The sheet is drawn once per state and language (treaty_view.render_treaty) and scrolled:
the wheel, ↑↓, PgUp/PgDn, Home/End. L shows the other text (the Japanese and the English
were both authentic copies); T, Esc or a right click closes. Beside the sheet, what the
document is and how each article stands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ...documents.treaty import ArticleStatus, Treaty, TreatyStatus, treaty_of
from .. import theme
from ..scene import Scene
from ..session import Session
from ..treaty_view import render_treaty
from .common import is_close_key

if TYPE_CHECKING:
    from ..app import App

SHEET_W = 900
TOP = 18
STATUS_KEYS = {
    TreatyStatus.DRAFT: "treaty_draft",
    TreatyStatus.SIGNED: "treaty_signed",
    TreatyStatus.SIGNED_BY_OTHER: "treaty_signed_by_other",
    TreatyStatus.NOT_SIGNED: "treaty_not_signed",
}
ARTICLE_KEYS = {
    ArticleStatus.AGREED: "article_agreed",
    ArticleStatus.AMENDED: "article_amended",
    ArticleStatus.STRUCK: "article_struck",
    ArticleStatus.OPEN: "article_open",
}
ARTICLE_COLORS = {  # on the dark desk beside the sheet
    ArticleStatus.AGREED: (214, 206, 188),
    ArticleStatus.AMENDED: (232, 128, 116),
    ArticleStatus.STRUCK: (232, 128, 116),
    ArticleStatus.OPEN: (132, 128, 120),
}


class TreatyScene(Scene):
    def __init__(self, app: App, session: Session) -> None:
        super().__init__(app)
        self.session = session
        self.lang = app.lang
        self.offset = 0
        self.sheet: pygame.Surface | None = None
        self.treaty: Treaty = treaty_of(session.story, session.state)
        self.rect = pygame.Rect((theme.CANVAS[0] - SHEET_W) // 2 + 90, TOP, SHEET_W,
                                theme.CANVAS[1] - TOP - 34)

    # -- the sheet ----------------------------------------------------------------------

    def build(self) -> pygame.Surface:
        if self.sheet is None:
            self.sheet = render_treaty(self.app, self.treaty, self.rect.size, self.lang)
            self.offset = min(self.offset, self.max_offset)
        return self.sheet

    @property
    def max_offset(self) -> int:
        height = self.sheet.get_height() if self.sheet is not None else self.rect.height
        return max(0, height - self.rect.height)

    def scroll(self, pixels: int) -> None:
        self.build()
        self.offset = min(self.max_offset, max(0, self.offset + pixels))
        self.app.invalidate()

    def other_language(self) -> None:
        langs = [lang for lang in ("en", "ja") if lang in self.session.story.languages] or [
            "en", "ja"]
        i = langs.index(self.lang) if self.lang in langs else -1
        self.lang = langs[(i + 1) % len(langs)]
        self.sheet = None
        self.app.invalidate()

    # -- scene protocol -------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> None:
        if is_close_key(event, pygame.K_t):
            self.app.pop(self)
            return
        step, page = 48, self.rect.height - 80
        if event.type == pygame.MOUSEWHEEL:
            self.scroll(-event.y * step)
        elif event.type == pygame.KEYDOWN:
            moves = {pygame.K_UP: -step, pygame.K_DOWN: step, pygame.K_PAGEUP: -page,
                     pygame.K_PAGEDOWN: page, pygame.K_SPACE: page, pygame.K_HOME: -10 ** 6,
                     pygame.K_END: 10 ** 6}
            if event.key in moves:
                self.scroll(moves[event.key])
            elif event.key == pygame.K_l:
                self.other_language()

    def on_settings_changed(self) -> None:
        self.lang = self.app.lang
        self.treaty = treaty_of(self.session.story, self.session.state)
        self.sheet = None

    def on_top(self) -> None:
        self.on_settings_changed()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(theme.NIGHT)
        sheet = self.build()
        shadow = self.rect.move(6, 6)
        pygame.draw.rect(surface, (10, 10, 12), shadow)
        surface.blit(sheet, self.rect.topleft,
                     pygame.Rect(0, self.offset, self.rect.width, self.rect.height))
        if self.max_offset:
            track = pygame.Rect(self.rect.right + 12, self.rect.y, 4, self.rect.height)
            bar_h = max(30, track.height * self.rect.height // max(1, sheet.get_height()))
            bar_y = track.y + (track.height - bar_h) * self.offset // self.max_offset
            pygame.draw.rect(surface, (70, 68, 64), track)
            pygame.draw.rect(surface, theme.PAPER_DARK, (track.x, bar_y, 4, bar_h))
        self.draw_side(surface)
        keys = self.app.fonts.render(self.app.t("treaty_keys"), 16, theme.PAPER_DARK)
        surface.blit(keys, keys.get_rect(midbottom=(self.rect.centerx, theme.CANVAS[1] - 8)))

    def draw_side(self, surface: pygame.Surface) -> None:
        """What the document is, and each article's state, left of the sheet."""
        fonts, t = self.app.fonts, self.app.t
        x, y = 22, TOP + 6
        head = fonts.render(t("treaty"), 26, theme.WHITE)
        surface.blit(head, (x, y))
        y += head.get_height() + 6
        status = fonts.render(t(STATUS_KEYS[self.treaty.status]), 18, theme.RED_SOFT)
        surface.blit(status, (x, y))
        y += status.get_height() + 16
        for a in self.treaty.articles:
            lang = self.app.lang
            number = a.heading(lang).replace("Article", "").strip(" .")
            label = a.name(lang) if a.key == "secrecy" else (
                f"{number}　{a.name(lang)}" if lang == "ja" else f"{number}. {a.name(lang)}")
            measure = fonts.measure(16)
            while measure(label) > self.rect.x - x - 16 and len(label) > 4:
                label = label[:-2] + "…"
            heading = fonts.render(label, 16, theme.PAPER_DARK)
            surface.blit(heading, (x, y))
            mark = fonts.render(t(ARTICLE_KEYS[a.status]), 15, ARTICLE_COLORS[a.status])
            surface.blit(mark, (x + 12, y + heading.get_height()))
            y += heading.get_height() + mark.get_height() + 8
            if y > theme.CANVAS[1] - 60:
                break
