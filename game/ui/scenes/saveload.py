"""The save/load screen: pages of slot cards, six at a time, by keyboard and mouse.

The folder is read when the screen opens and after every action, never per frame.
Anything that would lose something (overwriting a slot, deleting one, leaving a game in
progress) asks first; a damaged save can be deleted or overwritten, never loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from ...persist.save_folder import Slot, Status
from .. import theme
from ..scene import Scene
from .common import dim, is_close_key, sheet
from .slot_card import CARD_SIZE, Card, SmallButton, build_card
from .slot_pages import Page, make_pages, newest_page, read_listing

if TYPE_CHECKING:
    from ..app import App

COLS, ROWS = 2, 3
GAP = 16
TAB_H = 34
ENTER = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


@dataclass
class Tab:
    text: str
    pages: list[int]  # indexes into the page list; a click cycles through them
    rect: pygame.Rect
    label: pygame.Surface
    chosen: pygame.Surface


class SaveLoadScene(Scene):
    opaque = False

    def __init__(self, app: App, mode: str) -> None:
        if mode not in ("save", "load"):
            raise ValueError(f"mode is 'save' or 'load', not {mode!r}")
        super().__init__(app)
        self.mode = mode
        self.rect = pygame.Rect(40, 20, theme.CANVAS[0] - 80, theme.CANVAS[1] - 40)
        self.page = 0
        self.focus = 0
        self.hover: SmallButton | None = None
        self.refresh()
        self.build(app.saves.last_page.get(mode) or newest_page(make_pages(self.listing, app.t)))

    # -- reading the folder and building the view ---------------------------------------

    def refresh(self) -> None:
        self.listing = read_listing(self.app.saves.folder, self.mode)

    def build(self, key: str | None = None) -> None:
        """Lay out the tabs and the current page's cards (the page by key, if given)."""
        fonts, t = self.app.fonts, self.app.t
        self.page_list = make_pages(self.listing, t)
        keys = [p.key for p in self.page_list]
        if key in keys:
            self.page = keys.index(key)
        self.page = max(0, min(self.page, len(keys) - 1))
        self.app.saves.last_page[self.mode] = keys[self.page]

        self.tabs: list[Tab] = []
        right = self.rect.right - 36
        head_h = fonts.render(t(self.mode), 30, theme.INK).get_height()
        middle = self.rect.y + 24 + head_h // 2
        groups: dict[str, list[int]] = {}
        for i, page in enumerate(self.page_list):
            groups.setdefault(page.tab, []).append(i)
        for pages in reversed(list(groups.values())):
            text = self.page_list[pages[0]].label
            if len(pages) > 1:
                at = pages.index(self.page) + 1 if self.page in pages else 1
                text = f"{text} {at}/{len(pages)}"
            label = fonts.render(text, 18, theme.INK_SOFT)
            chosen = fonts.render(text, 18, theme.WHITE)
            w = max(44, label.get_width() + 24)
            rect = pygame.Rect(right - w, middle - TAB_H // 2, w, TAB_H)
            self.tabs.insert(0, Tab(text, pages, rect, label, chosen))
            right = rect.x - 8

        top = self.rect.y + 24 + head_h + 10 + 18
        left = self.rect.x + 36
        self.cards: list[Card] = []
        for i, slot in enumerate(self.page_list[self.page].slots):
            col, row = i % COLS, i // COLS
            rect = pygame.Rect(left + col * (CARD_SIZE[0] + GAP),
                               top + row * (CARD_SIZE[1] + 12), *CARD_SIZE)
            self.cards.append(build_card(self.app, slot, rect, self.mode))
        self.focus = max(0, min(self.focus, len(self.cards) - 1))
        self.hover = None
        self.hint = fonts.render(t(f"saveload_keys_{self.mode}"), 16, theme.INK_FAINT)
        self.app.invalidate()

    @property
    def current(self) -> Page:
        return self.page_list[self.page]

    def reload(self) -> None:
        """After an action: read the folder again and redraw the same page."""
        key = self.current.key
        self.refresh()
        self.build(key)

    def show_page(self, index: int, focus: int | None = None) -> None:
        index = max(0, min(index, len(self.page_list) - 1))
        if index == self.page and focus is None:
            return
        self.page = index
        if focus is not None:
            self.focus = focus
        self.build(self.page_list[index].key)

    def on_settings_changed(self) -> None:
        self.build(self.current.key)

    # -- actions -------------------------------------------------------------------------

    @property
    def in_game(self) -> bool:
        """A game is being played under this screen (not opened from the title)."""
        from .play import PlayScene

        return self.app.session is not None and any(
            isinstance(s, PlayScene) for s in self.app.stack)

    def confirm(self, key: str, action: Callable[[], None]) -> None:
        from .confirm import ConfirmScene

        self.app.push(ConfirmScene(self.app, key, action))

    def activate(self, card: Card) -> None:
        """Enter or a click on a card: save into it, or load it."""
        slot = card.slot
        if self.mode == "save":
            if self.app.session is None:
                return
            if slot.status is Status.EMPTY:
                self.save(slot.name)
            else:
                self.confirm("confirm_overwrite", lambda: self.save(slot.name))
        elif self.loadable(slot) and self.in_game:
            self.confirm("confirm_load", lambda: self.load(slot))
        elif slot.status is not Status.EMPTY:
            self.load(slot)  # a damaged one, or another story's, only says why it cannot load

    def loadable(self, slot: Slot) -> bool:
        story = self.app.story
        return slot.save is not None and story is not None and slot.save.story.id == story.id

    def save(self, name: str) -> None:
        self.app.saves.save_to(name)
        self.reload()

    def load(self, slot: Slot) -> None:
        if not self.app.saves.load(slot) and self in self.app.stack:
            self.reload()

    def replay(self, card: Card) -> None:
        slot = card.slot
        if self.mode != "load" or slot.status is not Status.OK:
            return
        if self.loadable(slot) and self.in_game:
            self.confirm("confirm_replay", lambda: self.start_replay(slot))
        else:
            self.start_replay(slot)

    def start_replay(self, slot: Slot) -> None:
        if not self.app.saves.replay(slot) and self in self.app.stack:
            self.reload()

    def delete(self, card: Card) -> None:
        name = card.slot.name
        if card.slot.status is Status.EMPTY:
            return

        def go() -> None:
            self.app.saves.delete(name)
            self.reload()

        self.confirm("confirm_delete", go)

    def press(self, button: SmallButton, card: Card) -> None:
        self.focus = self.cards.index(card)
        if button.action == "delete":
            self.delete(card)
        elif button.action == "replay":
            self.replay(card)

    # -- input ---------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> None:
        if is_close_key(event):
            self.app.pop(self)
        elif event.type == pygame.KEYDOWN:
            self.key(event.key, event.mod)
        elif event.type == pygame.MOUSEWHEEL and event.y:
            self.show_page(self.page + (-1 if event.y > 0 else 1))
        elif event.type == pygame.MOUSEMOTION:
            self.point(event.pos)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.click(event.pos)

    def key(self, key: int, mod: int) -> None:
        card = self.cards[self.focus] if self.cards else None
        if key in ENTER and card is not None:
            self.activate(card)
        elif key == pygame.K_DELETE and card is not None:
            self.delete(card)
        elif key == pygame.K_r and card is not None:
            self.replay(card)
        elif key == pygame.K_TAB:
            step = -1 if mod & pygame.KMOD_SHIFT else 1
            self.show_page((self.page + step) % len(self.page_list))
        elif key == pygame.K_PAGEUP:
            self.show_page(self.page - 1)
        elif key == pygame.K_PAGEDOWN:
            self.show_page(self.page + 1)
        elif key in (pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT):
            self.arrow(key)
        self.app.invalidate()

    def arrow(self, key: int) -> None:
        """Move the focus on the grid; Left and Right past its edge turn the page."""
        n, i = len(self.cards), self.focus
        row = i // COLS
        if key == pygame.K_UP and i >= COLS:
            self.focus = i - COLS
        elif key == pygame.K_DOWN and i + COLS < n:
            self.focus = i + COLS
        elif key == pygame.K_DOWN and (row + 1) * COLS < n:
            self.focus = n - 1
        elif key == pygame.K_LEFT:
            if i % COLS and n:
                self.focus = i - 1
            elif self.page > 0:
                self.show_page(self.page - 1, focus=row * COLS + COLS - 1)
        elif key == pygame.K_RIGHT:
            if i % COLS < COLS - 1 and i + 1 < n:
                self.focus = i + 1
            elif self.page < len(self.page_list) - 1:
                self.show_page(self.page + 1, focus=row * COLS)

    def point(self, pos: tuple[int, int]) -> None:
        """Hovering focuses a card (as the menus do) and lights a small button."""
        before = (self.focus, self.hover)
        self.hover = None
        for i, card in enumerate(self.cards):
            if card.rect.collidepoint(pos):
                self.focus = i
                self.hover = card.button_at(pos)
        if (self.focus, self.hover) != before:
            self.app.invalidate()

    def click(self, pos: tuple[int, int]) -> None:
        for tab in self.tabs:
            if tab.rect.collidepoint(pos):
                pages = tab.pages
                now = pages.index(self.page) if self.page in pages else -1
                self.show_page(pages[(now + 1) % len(pages)])
                return
        for card in self.cards:
            if card.rect.collidepoint(pos):
                button = card.button_at(pos)
                if button is not None:
                    self.press(button, card)
                else:
                    self.focus = self.cards.index(card)
                    self.activate(card)
                return

    # -- drawing -------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        dim(surface, 170)
        sheet(surface, self.app.fonts, self.rect, self.app.t(self.mode))
        for tab in self.tabs:
            if self.page in tab.pages:
                pygame.draw.rect(surface, theme.INK, tab.rect)
                surface.blit(tab.chosen, tab.chosen.get_rect(center=tab.rect.center))
            else:
                pygame.draw.rect(surface, theme.PANEL_EDGE, tab.rect, 1)
                surface.blit(tab.label, tab.label.get_rect(center=tab.rect.center))
        for i, card in enumerate(self.cards):
            card.draw(surface, i == self.focus, self.hover)
        surface.blit(self.hint, (self.rect.x + 40, self.rect.bottom - 34))
