"""The dossier (Tab): the variables the story marks `show`, with bars for ranges and the
terms as they stand, and the two documents drawn from them: the map of the front (F) and
the treaty (T), for a story that negotiates it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from .. import theme
from ..scene import Scene
from ..session import DossierItem, Session
from ..widgets import Button, ButtonList
from .common import dim, is_close_key, sheet
from .documents import has_documents, open_map, open_treaty

if TYPE_CHECKING:
    from ..app import App


class DossierScene(Scene):
    opaque = False

    def __init__(self, app: App, session: Session) -> None:
        super().__init__(app)
        self.session = session
        self.rect = pygame.Rect(140, 50, theme.CANVAS[0] - 280, theme.CANVAS[1] - 100)
        self.documents = ButtonList([], keyboard_focus=False)
        self.build_documents()

    def build_documents(self) -> None:
        """The map and treaty buttons, at the foot of the sheet (none for other stories)."""
        if not has_documents(self.session):
            self.documents = ButtonList([], keyboard_focus=False)
            return
        w, h, gap = 300, 44, 16
        y = self.rect.bottom - h - 24
        right = self.rect.right - 36
        treaty = Button(self.app.t("dossier_treaty"), self.open_treaty,
                        pygame.Rect(right - w, y, w, h))
        front = Button(self.app.t("dossier_map"), self.open_map,
                       pygame.Rect(right - 2 * w - gap, y, w, h))
        self.documents = ButtonList([front, treaty], keyboard_focus=False)

    def open_map(self) -> None:
        open_map(self.app, self.session)

    def open_treaty(self) -> None:
        open_treaty(self.app, self.session)

    def on_settings_changed(self) -> None:
        self.build_documents()  # the labels' language

    def handle_event(self, event: pygame.event.Event) -> None:
        if is_close_key(event, pygame.K_TAB):
            self.app.pop(self)
            return
        if self.documents.handle(event):
            self.app.invalidate()
            return
        if event.type == pygame.KEYDOWN and self.documents.buttons:
            if event.key == pygame.K_f:
                self.open_map()
            elif event.key == pygame.K_t:
                self.open_treaty()
        elif event.type == pygame.MOUSEMOTION:
            self.app.invalidate()

    def draw(self, surface: pygame.Surface) -> None:
        dim(surface, 170)
        y = sheet(surface, self.app.fonts, self.rect, self.app.t("dossier"))
        self.documents.draw(surface, self.app.fonts, 20)
        items = self.session.dossier(self.app.lang)
        if not items:
            s = self.app.fonts.render(self.app.t("nothing_shown"), 22, theme.INK_SOFT)
            surface.blit(s, (self.rect.x + 36, y))
            return
        ranged = [i for i in items if i.variable.type == "int"]
        terms = [i for i in items if i.variable.type != "int"]
        for title, group in ((self.app.t("pressures"), ranged), (self.app.t("terms"), terms)):
            if not group:
                continue
            head = self.app.fonts.render(title, 20, theme.RED)
            surface.blit(head, (self.rect.x + 36, y))
            y += 34
            for item in group:
                y = self.draw_item(surface, item, y)
            y += 14

    def draw_item(self, surface: pygame.Surface, item: DossierItem, y: int) -> int:
        fonts = self.app.fonts
        x = self.rect.x + 56
        label = fonts.render(item.label, 21, theme.INK)
        surface.blit(label, (x, y))
        vx = x + 380
        var = item.variable
        if var.type == "int" and var.min is not None and var.max is not None and var.max > var.min:
            assert isinstance(item.value, int)
            w = 360
            frac = (item.value - var.min) / (var.max - var.min)
            pygame.draw.rect(surface, theme.PAPER_DARK, (vx, y + 6, w, 16))
            pygame.draw.rect(surface, theme.INK_SOFT, (vx, y + 6, int(w * frac), 16))
            pygame.draw.rect(surface, theme.PANEL_EDGE, (vx, y + 6, w, 16), 1)
            if var.min < 0 < var.max:
                zx = vx + int(w * (-var.min) / (var.max - var.min))
                pygame.draw.line(surface, theme.RED, (zx, y + 2), (zx, y + 26), 2)
            value = fonts.render(str(item.value), 20, theme.INK)
            surface.blit(value, (vx + w + 16, y))
        else:
            shown = item.value
            if isinstance(shown, bool):
                shown = self.app.t("yes_value" if shown else "no_value")
            value = fonts.render(str(shown), 21, theme.INK)
            surface.blit(value, (vx, y))
        return y + 36
