"""The Esc menu: resume, save, load, history, dossier, flowchart, settings, title, quit
(with confirmation where progress would be lost)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from .. import theme
from ..scene import Scene
from ..session import Session
from .common import dim, is_close_key, menu_buttons, sheet

if TYPE_CHECKING:
    from ..app import App


class MenuScene(Scene):
    opaque = False

    def __init__(self, app: App, session: Session) -> None:
        super().__init__(app)
        self.session = session
        self.build()

    def build(self) -> None:
        t = self.app.t
        self.rect = pygame.Rect(0, 0, 460, 660)
        self.rect.center = (theme.CANVAS[0] // 2, theme.CANVAS[1] // 2)
        items = [
            (t("resume"), self.resume, True),
            (t("save"), lambda: self.saveload("save"), not self.session.replaying),
            (t("load"), lambda: self.saveload("load"), True),
            (t("history"), self.history, True),
            (t("dossier"), self.dossier, True),
            (t("flowchart"), self.flowchart, True),
            (t("settings"), self.settings, True),
            (t("to_title"), self.to_title, True),
            (t("quit"), self.quit, True),
        ]
        self.buttons = menu_buttons(items, self.rect.centerx, self.rect.y + 96, width=340,
                                    height=46, gap=11)

    def resume(self) -> None:
        self.app.pop(self)

    def history(self) -> None:
        from .history import HistoryScene

        self.app.pop(self)
        self.app.push(HistoryScene(self.app, self.session))

    def saveload(self, mode: str) -> None:
        from .saveload import SaveLoadScene

        if mode == "save" and self.session.debug:  # a hand-changed state: saves are off
            self.app.notify(self.app.t("debug_no_saves"), error=True, seconds=6.0)
            return
        self.app.pop(self)
        self.app.push(SaveLoadScene(self.app, mode))

    def flowchart(self) -> None:
        from .flowchart import FlowchartScene

        self.app.pop(self)
        self.app.push(FlowchartScene(self.app))

    def dossier(self) -> None:
        from .dossier import DossierScene

        self.app.pop(self)
        self.app.push(DossierScene(self.app, self.session))

    def settings(self) -> None:
        from .settings import SettingsScene

        self.app.push(SettingsScene(self.app))

    def to_title(self) -> None:
        from .confirm import ConfirmScene
        from .title import TitleScene

        self.app.push(ConfirmScene(self.app, "confirm_title",
                                   lambda: self.app.replace(TitleScene(self.app))))

    def quit(self) -> None:
        from .confirm import ConfirmScene

        self.app.push(ConfirmScene(self.app, "confirm_quit", self.app.quit))

    def on_settings_changed(self) -> None:
        self.build()

    def handle_event(self, event: pygame.event.Event) -> None:
        if is_close_key(event):
            self.resume()
        elif self.buttons.handle(event):
            self.app.invalidate()

    def draw(self, surface: pygame.Surface) -> None:
        dim(surface)
        sheet(surface, self.app.fonts, self.rect, self.app.t("menu"))
        self.buttons.draw(surface, self.app.fonts, 22)
        note = self.app.fonts.render(self.app.t("quick_keys"), 15, theme.INK_FAINT)
        surface.blit(note, note.get_rect(midbottom=(self.rect.centerx, self.rect.bottom - 16)))
