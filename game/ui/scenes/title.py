"""The title screen: the game's name in both scripts; new game, continue, load, endings,
settings, quit; keyboard and mouse."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from .. import theme
from ..scene import Scene
from ..session import Session
from .common import menu_buttons

if TYPE_CHECKING:
    from ..app import App


class TitleScene(Scene):
    def __init__(self, app: App) -> None:
        super().__init__(app)
        self._background: tuple[pygame.Surface | None, pygame.Surface] | None = None
        self.build()

    def build(self) -> None:
        self.latest = None if self.app.session is not None else self.app.saves.latest()
        has_game = self.app.session is not None or self.latest is not None
        t = self.app.t
        items = [
            (t("new_game"), self.new_game, True),
            (t("continue"), self.resume, has_game),
            (t("load"), self.load, True),
            (t("endings"), self.endings, True),
            (t("settings"), self.settings, True),
            (t("quit"), self.app.quit, True),
        ]
        self.buttons = menu_buttons(items, theme.CANVAS[0] // 2, 330, width=340, height=44)

    def new_game(self) -> None:
        if self.app.session is not None:
            from .confirm import ConfirmScene

            self.app.push(ConfirmScene(self.app, "confirm_new", self.start_new))
        else:
            self.start_new()

    def start_new(self) -> None:
        from .play import PlayScene

        assert self.app.story is not None
        self.app.session = Session(self.app.story, self.app.seed)
        self.app.replace(PlayScene(self.app, self.app.session))

    def resume(self) -> None:
        from .play import PlayScene

        if self.app.session is not None:
            self.app.replace(PlayScene(self.app, self.app.session, announce=False))
        elif self.latest is not None:
            self.app.saves.load(self.latest)

    def load(self) -> None:
        from .saveload import SaveLoadScene

        self.app.push(SaveLoadScene(self.app, "load"))

    def endings(self) -> None:
        from .endings import EndingsScene

        self.app.push(EndingsScene(self.app))

    def settings(self) -> None:
        from .settings import SettingsScene

        self.app.push(SettingsScene(self.app))

    def on_settings_changed(self) -> None:
        self.build()

    def ambience(self) -> str | None:
        return self.app.audio.map.title

    def on_top(self) -> None:
        self.build()

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.quit()
        elif self.buttons.handle(event):
            self.app.invalidate()

    def background(self) -> pygame.Surface:
        """The picture under its veil, composed once: a redraw (a key, the pointer) is then
        one opaque copy instead of two full-screen alpha blends."""
        picture = self.app.images.optional("images/title.svg")  # a story may have none
        if self._background is None or self._background[0] is not picture:
            composed = pygame.Surface(theme.CANVAS)
            composed.fill(theme.NIGHT)  # what the app clears to, under any clear pixel
            if picture is not None:
                composed.blit(picture, (0, 0))
            else:
                composed.fill(theme.PAPER)
            veil = pygame.Surface(theme.CANVAS, pygame.SRCALPHA)
            veil.fill((236, 228, 210, 120))
            composed.blit(veil, (0, 0))
            self._background = (picture, composed)
        return self._background[1]

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self.background(), (0, 0))
        cx = theme.CANVAS[0] // 2
        fonts = self.app.fonts
        en = fonts.render(self.app.t("title") if self.app.lang == "en" else
                          "The Stockholm Channel", 58, theme.INK)
        ja = fonts.render("ストックホルム・チャンネル", 34, theme.RED)
        surface.blit(en, en.get_rect(center=(cx, 132)))
        surface.blit(ja, ja.get_rect(center=(cx, 196)))
        pygame.draw.line(surface, theme.INK, (cx - 250, 234), (cx + 250, 234), 1)
        sub = fonts.render(self.app.t("subtitle"), 22, theme.INK_SOFT)
        surface.blit(sub, sub.get_rect(center=(cx, 262)))
        self.buttons.draw(surface, fonts, 22)  # the subtitle's size: one font fewer to open
        hint = fonts.render("F11 " + ("全画面" if self.app.lang == "ja" else "fullscreen"), 16,
                            theme.INK_FAINT)
        surface.blit(hint, (16, theme.CANVAS[1] - 28))
