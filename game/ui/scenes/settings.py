"""Settings, applied live and saved: language, text speed, text size, fullscreen, volumes,
mute, reduced motion. Up/Down pick a row, Left/Right change it; the mouse clicks an option."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from ...persist.settings import TEXT_SIZES, TEXT_SPEEDS, Settings
from .. import theme
from ..scene import Scene
from .common import dim, is_close_key, sheet

if TYPE_CHECKING:
    from ..app import App

VOLUME_STEPS = 10


@dataclass
class Row:
    key: str  # the settings field
    options: list[object]
    labels: list[str]


class SettingsScene(Scene):
    opaque = False

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.row = 0
        self.rect = pygame.Rect(140, 50, theme.CANVAS[0] - 280, theme.CANVAS[1] - 100)
        self.hits: list[tuple[pygame.Rect, int, int]] = []

    def rows(self) -> list[Row]:
        t = self.app.t
        langs = list(self.app.story.languages) if self.app.story else ["en", "ja"]
        volume = [i / VOLUME_STEPS for i in range(VOLUME_STEPS + 1)]
        return [
            Row("language", list(langs), [t(f"lang_{lang}") for lang in langs]),
            Row("text_speed", list(TEXT_SPEEDS), [t(k) for k in TEXT_SPEEDS]),
            Row("text_size", list(TEXT_SIZES), [t(k) for k in TEXT_SIZES]),
            Row("fullscreen", [False, True], [t("off"), t("on")]),
            Row("music_volume", list(volume), [str(i) for i in range(VOLUME_STEPS + 1)]),
            Row("effects_volume", list(volume), [str(i) for i in range(VOLUME_STEPS + 1)]),
            Row("muted", [False, True], [t("off"), t("on")]),
            Row("reduced_motion", [False, True], [t("off"), t("on")]),
        ]

    def current(self, row: Row) -> int:
        value = getattr(self.app.settings, row.key)
        if isinstance(value, float):
            return min(range(len(row.options)),
                       key=lambda i: abs(float(row.options[i]) - value))  # type: ignore[arg-type]
        return row.options.index(value) if value in row.options else 0

    def set_option(self, row_index: int, option: int) -> None:
        row = self.rows()[row_index]
        option = max(0, min(len(row.options) - 1, option))
        new: Settings = self.app.settings.with_(**{row.key: row.options[option]})
        if new != self.app.settings:
            self.app.apply_settings(new)
            if row.key in ("effects_volume", "muted"):
                self.app.audio.click()  # the new level, heard

    def handle_event(self, event: pygame.event.Event) -> None:
        rows = self.rows()
        if is_close_key(event):
            self.app.pop(self)
        elif event.type == pygame.KEYDOWN:
            if event.key == pygame.K_UP:
                self.row = (self.row - 1) % len(rows)
            elif event.key == pygame.K_DOWN:
                self.row = (self.row + 1) % len(rows)
            elif event.key in (pygame.K_LEFT, pygame.K_RIGHT):
                step = 1 if event.key == pygame.K_RIGHT else -1
                self.set_option(self.row, self.current(rows[self.row]) + step)
            elif event.key in (pygame.K_RETURN, pygame.K_SPACE):
                cur = self.current(rows[self.row])
                self.set_option(self.row, (cur + 1) % len(rows[self.row].options))
            self.app.invalidate()
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for rect, r, o in self.hits:
                if rect.collidepoint(event.pos):
                    self.row = r
                    self.set_option(r, o)
                    break
            self.app.invalidate()

    def draw(self, surface: pygame.Surface) -> None:
        dim(surface, 170)
        y = sheet(surface, self.app.fonts, self.rect, self.app.t("settings")) + 10
        fonts = self.app.fonts
        self.hits = []
        for r, row in enumerate(self.rows()):
            focused = r == self.row
            if focused:
                pygame.draw.rect(surface, theme.RED, (self.rect.x + 30, y + 2, 5, 30))
            label = fonts.render(self.app.t(row.key), 22, theme.INK)
            surface.blit(label, (self.rect.x + 50, y + 2))
            x = self.rect.x + 360
            chosen = self.current(row)
            compact = len(row.options) > 5
            for o, text in enumerate(row.labels):
                s = fonts.render(text, 18 if compact else 20,
                                 theme.WHITE if o == chosen else theme.INK_SOFT)
                w = (s.get_width() + 18) if not compact else 38
                rect = pygame.Rect(x, y, w, 34)
                if o == chosen:
                    pygame.draw.rect(surface, theme.INK if not focused else theme.RED, rect)
                else:
                    pygame.draw.rect(surface, theme.PANEL_EDGE, rect, 1)
                surface.blit(s, s.get_rect(center=rect.center))
                self.hits.append((rect, r, o))
                x += w + 8
            y += 58
        hint = fonts.render("↑↓ ←→  Esc", 16, theme.INK_FAINT)
        surface.blit(hint, (self.rect.x + 50, self.rect.bottom - 36))
