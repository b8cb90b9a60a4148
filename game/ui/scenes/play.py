"""The play screen: background, header, speaker, the passage with a typewriter, the choices.

Reading flow: the passage reveals at the chosen speed; a click, Space or Enter completes
it; again turns the page (long passages are paged) and, on the last page, shows the
choices or continues. Tab opens the dossier, H or the wheel the history, Backspace goes
back one decision, Esc opens the menu, M mutes or unmutes the sound, T shows the treaty
as it stands (a story that negotiates it; every ending has a button). While the text is
written out a typewriter types it (a telegraph sounder, for a telegram: audio.py).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from ...engine import Status
from ...engine.render import render_text
from .. import theme
from ..backdrop import backdrop
from ..scene import Scene
from ..session import Session
from ..text_layout import wrap
from ..widgets import LABEL_LINE_GAP, Button, ButtonList, label_lines, panel, translucent
from .documents import has_documents, open_map, open_treaty

if TYPE_CHECKING:
    from ..app import App
    from ..autopilot import Autopilot
    from .debug_overlay import DebugOverlay

LINE_GAP = 10
PAD = 30
FADE_SECONDS = 0.6  # a change of place, and coming in from the title or a load


class Fade:
    """A picture of what was shown before, drawn over the new one with falling alpha."""

    def __init__(self, picture: pygame.Surface) -> None:
        self.picture = picture  # our own copy: its alpha is ours to set
        self.t = 0.0

    @property
    def alpha(self) -> int:
        return max(0, min(255, round(255 * (1 - self.t / FADE_SECONDS))))

    def draw(self, surface: pygame.Surface) -> None:
        self.picture.set_alpha(self.alpha)
        surface.blit(self.picture, (0, 0))


class PlayScene(Scene):
    def __init__(self, app: App, session: Session,
                 announce: bool = True) -> None:
        super().__init__(app)
        self.session = session
        # resuming a game does not announce the chapter it is already in
        self.chapter: str | None = None if announce else session.node.chapter
        self.card_due: str | None = None
        self.top_buttons = ButtonList([], keyboard_focus=False)
        self.overlay: DebugOverlay | None = None  # F3
        # Fades: `under` is the last place's picture over the new one (below the passage),
        # `over` the whole previous screen (the title, a load) over this one.
        self.under: Fade | None = None
        self.over: Fade | None = None
        self.after_card = False  # the chapter card is up: fade in from its dark paper
        self.place_shown = session.node.place
        self.picture = backdrop(app, session)
        self.enter_node()
        if self.card_due is None and not app.settings.reduced_motion:
            self.over = Fade(app.canvas.copy())  # the screen it came from (a new chapter: the card)

    # -- building the view of the current node ------------------------------------------

    def enter_node(self) -> None:
        """Lay out the new node's passage; announce a new chapter with its title card."""
        lang = self.app.lang
        s = self.session
        self.status = s.status
        self.app.saves.record(s)
        self.follow_place()
        self.lines = self.layout(s.text(lang))
        self.page = 0
        self.revealed = 0.0
        self.choices: ButtonList | None = None
        self.ending_buttons: ButtonList | None = None
        chapter = s.node.chapter
        if chapter and chapter != self.chapter and chapter in s.story.chapters:
            self.card_due = chapter  # shown by update(), once this scene is on top
        self.chapter = chapter
        self.build_top_buttons()
        if self.app.settings.chars_per_second == 0:
            self.complete_page()
        self.app.invalidate()

    def follow_place(self) -> None:
        """A new place cross-fades from the picture as it is shown now (mid-fade too)."""
        place = self.session.node.place
        if place != self.place_shown and not self.app.settings.reduced_motion:
            shown = self.picture.copy()
            if self.under is not None:
                self.under.draw(shown)
            self.under = Fade(shown)
        self.place_shown = place
        self.picture = backdrop(self.app, self.session)

    def advance_fades(self, dt: float) -> bool:
        """True while a fade is under way; the frame after the last one is drawn still."""
        fading = False
        for name in ("under", "over"):
            fade: Fade | None = getattr(self, name)
            if fade is None:
                continue
            fade.t += dt
            if fade.t >= FADE_SECONDS:
                setattr(self, name, None)
                self.app.invalidate()
            else:
                fading = True
        return fading

    def layout(self, text: str) -> list[str]:
        size = self.app.settings.font_px
        width = theme.TEXT_BOX[2] - 2 * PAD
        return wrap(text, width, self.app.fonts.measure(size))

    @property
    def lines_per_page(self) -> int:
        size = self.app.settings.font_px
        return max(1, (theme.TEXT_BOX[3] - 2 * PAD + LINE_GAP) // (size + LINE_GAP))

    @property
    def choice_px(self) -> int:
        return min(26, self.app.settings.font_px)

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.lines) // self.lines_per_page))

    def page_lines(self) -> list[str]:
        n = self.lines_per_page
        return self.lines[self.page * n:(self.page + 1) * n]

    def page_chars(self) -> int:
        return sum(len(line) for line in self.page_lines())

    @property
    def page_complete(self) -> bool:
        return self.revealed >= self.page_chars()

    @property
    def text_done(self) -> bool:
        return self.page == self.pages - 1 and self.page_complete

    def complete_page(self) -> None:
        self.revealed = float(self.page_chars())
        self.app.audio.stop_typing()
        if self.text_done:
            self.on_text_done()

    def on_text_done(self) -> None:
        if self.status is Status.DECISION and self.choices is None:
            self.build_choices()
        elif self.status is Status.ENDING and self.ending_buttons is None:
            self.build_ending()

    def build_choices(self) -> None:
        lang = self.app.lang
        offers = self.session.offers()
        n = len(offers)
        size = self.choice_px
        numbers = [i + 1 if i < 9 else None for i in range(n)]
        extra = [(len(label_lines(self.app.fonts, self.session.choice_label(o, lang), number,
                                  theme.CHOICE_W, size)) - 1) * (size + LABEL_LINE_GAP)
                 for o, number in zip(offers, numbers, strict=True)]
        heights = [theme.CHOICE_H + more + (20 if not o.enabled else 0)
                   for o, more in zip(offers, extra, strict=True)]
        total = sum(heights) + theme.CHOICE_GAP * (n - 1)
        bottom = theme.TEXT_BOX[1] - 52  # clear of the speaker's name plate
        top = max(theme.HEADER_H + 14, bottom - total)
        if top + total > bottom:  # too many: squeeze
            scale = (bottom - top) / max(1, total)
            heights = [max(34, int(h * scale)) for h in heights]
        x = (theme.CANVAS[0] - theme.CHOICE_W) // 2
        buttons = []
        y = top
        for o, h, number in zip(offers, heights, numbers, strict=True):
            rect = pygame.Rect(x, y, theme.CHOICE_W, h)
            note = None if o.enabled else self.session.disabled_label(o, lang)
            buttons.append(Button(self.session.choice_label(o, lang), partial(self.take, o.id),
                                  rect, o.enabled, note, number))
            y += h + theme.CHOICE_GAP
        # No keyboard focus at first: an Enter pressed to finish reading must not also choose.
        self.choices = ButtonList(buttons, keyboard_focus=False)

    def build_ending(self) -> None:
        rect = pygame.Rect(0, 0, 320, 50)
        rect.center = (theme.CANVAS[0] // 2, 430)
        buttons = [Button(self.app.t("to_title_short"), self.to_title, rect)]
        if self.has_treaty():  # Return keeps the focus (Enter); the treaty is T or a click
            rect.left = theme.CANVAS[0] // 2 + 10
            treaty = pygame.Rect(theme.CANVAS[0] // 2 - 330, rect.y, 320, 50)
            buttons.append(Button(self.app.t("read_treaty"), self.open_treaty, treaty))
        self.ending_buttons = ButtonList(buttons)

    def build_top_buttons(self) -> None:
        w, h = 130, 32
        right = theme.CANVAS[0] - 12
        menu = Button(self.app.t("menu"), self.open_menu, pygame.Rect(right - w, 6, w, h))
        back = Button(self.app.t("back"), self.go_back, pygame.Rect(right - 2 * w - 8, 6, w, h),
                      enabled=bool(self.session.state.log) and not self.session.replaying)
        self.top_buttons = ButtonList([back, menu], keyboard_focus=False)

    # -- actions ------------------------------------------------------------------------

    def fly(self, pilot: Autopilot) -> None:
        """One step of `play --choose`: turn the page, continue, or take the next choice."""
        if not self.text_done or self.status is Status.NEXT:
            self.proceed()  # the new page or passage then stays up for `pace` seconds
            return
        if self.status is Status.ENDING:
            pilot.say(f"reached the ending {self.session.node.ending} at {self.session.node.id}")
            self.stop_pilot(None)
        elif self.status is Status.DECISION:
            choice = pilot.pick(self.session.offers())
            if choice is None:
                wanted = pilot.pending[0] if pilot.pending else "(none left)"
                pilot.say(f"cannot take {wanted} at {self.session.node.id}; over to you")
                self.stop_pilot("replay_over" if pilot.replay else "autopilot_stopped")
                return
            pilot.say(f"{self.session.node.id} -> {choice}")
            self.take(choice)
        else:
            pilot.say(f"stuck at {self.session.node.id}")
            self.stop_pilot(None)

    def stop_pilot(self, message_key: str | None) -> None:
        """The path or the replay is over (or the player took over): the game is theirs."""
        self.app.autopilot = None
        self.session.replaying = False
        if message_key is not None:
            self.app.notify(self.app.t(message_key), error=message_key == "autopilot_stopped",
                            seconds=0 if message_key == "autopilot_stopped" else 4.0)
        self.build_top_buttons()
        self.app.invalidate()

    def replay_key(self, key: int) -> bool:
        """While a replay plays: Space/Enter/→ step, A auto or pause, T take over."""
        pilot = self.app.autopilot
        if pilot is None or not pilot.replay:
            return False
        if key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_RIGHT):
            pilot.paused = True
            pilot.waited = 0.0
            self.fly(pilot)
        elif key == pygame.K_a:
            pilot.paused = not pilot.paused
            pilot.waited = 0.0
        elif key == pygame.K_t:
            self.stop_pilot("took_over")
        else:  # the menu, dossier and history stay open; other keys would choose
            return key not in (pygame.K_ESCAPE, pygame.K_TAB, pygame.K_h, pygame.K_m)
        self.app.invalidate()
        return True

    def take(self, choice_id: str) -> None:
        self.session.choose(choice_id)
        self.enter_node()
        self.app.saves.autosave()

    def proceed(self) -> None:
        """Click / Space / Enter on the passage: complete, turn the page, or continue."""
        if not self.page_complete:
            self.complete_page()
        elif self.page < self.pages - 1:
            self.page += 1
            self.revealed = 0.0
            if self.app.settings.chars_per_second == 0:
                self.complete_page()
        elif self.status is Status.NEXT:
            self.session.advance()
            self.enter_node()
        self.app.invalidate()

    def go_back(self) -> None:
        if self.app.autopilot is not None and self.app.autopilot.replay:
            return
        wanted = len(self.session.state.log) - 1
        if self.session.back():
            self.enter_node()
            if len(self.session.state.log) < wanted:  # an edit (live reload) took one away
                self.app.notify(self.app.t("back_story_changed").format(
                    n=len(self.session.state.log) + 1), seconds=8.0)

    def open_menu(self) -> None:
        from .menu import MenuScene

        self.app.push(MenuScene(self.app, self.session))

    def open_history(self) -> None:
        from .history import HistoryScene

        self.app.push(HistoryScene(self.app, self.session))

    def open_dossier(self) -> None:
        from .dossier import DossierScene

        self.app.push(DossierScene(self.app, self.session))

    def has_treaty(self) -> bool:
        return has_documents(self.session)

    def open_map(self) -> None:
        open_map(self.app, self.session)

    def open_treaty(self) -> None:
        open_treaty(self.app, self.session)

    def to_title(self) -> None:
        from .title import TitleScene

        self.app.replace(TitleScene(self.app))

    # -- scene protocol -------------------------------------------------------------------

    def on_settings_changed(self) -> None:
        if self.app.settings.reduced_motion:
            self.under = self.over = None
        page, done = self.page, self.page_complete
        self.lines = self.layout(self.session.text(self.app.lang))
        self.page = min(page, self.pages - 1)
        self.choices = None
        self.ending_buttons = None
        self.build_top_buttons()
        if done or self.app.settings.chars_per_second == 0:
            self.complete_page()

    def on_story_changed(self) -> None:
        """Live reload: the same node, its new text written out and its choices anew."""
        self.status = self.session.status
        self.place_shown = self.session.node.place  # an edited place shows at once
        self.picture = backdrop(self.app, self.session)
        self.on_settings_changed()
        self.complete_page()

    def state_changed(self) -> None:
        """The state changed at the same node (the debug overlay): show it at once. A passage
        read to its end stays so (on its last page), so the choices show as they now are."""
        done = self.text_done
        self.status = self.session.status
        self.on_settings_changed()
        if done and not self.text_done:
            self.page = self.pages - 1
            self.complete_page()

    def open_debug(self, focus: str = "vars") -> None:
        from .debug_overlay import DebugOverlay

        self.app.debug_overlay = True  # stays open over the next play scene (a load, say)
        if self.overlay is None:  # kept, so it opens again where the author left it
            self.overlay = DebugOverlay(self.app)
        self.overlay.focus = "game" if focus == "game" else "vars"
        self.app.push(self.overlay)

    def ambience(self) -> str | None:
        return self.app.audio.map.kind_for_place(self.session.node.place)

    def on_top(self) -> None:
        # a rollback or a language change may have happened underneath
        self.build_top_buttons()
        if self.after_card:  # the card has gone: the scene comes up out of its dark paper
            self.after_card = False
            if not self.app.settings.reduced_motion:
                night = pygame.Surface(theme.CANVAS)
                night.fill(theme.NIGHT)
                self.over = Fade(night)

    def handle_event(self, event: pygame.event.Event) -> None:
        # Back and Menu are mouse targets only: the keyboard has Backspace and Esc, and the
        # arrows and Enter belong to the choices.
        mouse = event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN)
        if mouse and self.top_buttons.handle(event) and event.type != pygame.MOUSEMOTION:
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F3:
            self.open_debug()
            return
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_F5, pygame.K_F9):
            if event.key == pygame.K_F5:
                self.app.saves.quicksave()
            else:
                self.app.saves.quickload()
            return
        pilot = self.app.autopilot
        if pilot is not None and pilot.replay:
            if event.type == pygame.KEYDOWN and self.replay_key(event.key):
                return
            if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
                self.replay_key(pygame.K_SPACE)  # a click steps; choices are the replay's
                return
        for buttons in (self.choices, self.ending_buttons):
            if buttons is not None and buttons.handle(event):
                self.app.invalidate()
                return
        if event.type == pygame.KEYDOWN:
            self.key(event.key)
        elif event.type == pygame.MOUSEBUTTONDOWN:
            if event.button == 1:
                self.proceed()
            elif event.button == 4:
                self.open_history()
        elif event.type == pygame.MOUSEWHEEL and event.y > 0:
            self.open_history()
        elif event.type == pygame.MOUSEMOTION:
            self.app.invalidate()

    def key(self, key: int) -> None:
        if key == pygame.K_ESCAPE:
            self.open_menu()
        elif key == pygame.K_TAB:
            self.open_dossier()
        elif key == pygame.K_h:
            self.open_history()
        elif key == pygame.K_BACKSPACE:
            self.go_back()
        elif key == pygame.K_m:
            self.app.toggle_mute()
        elif key == pygame.K_t:
            self.open_treaty()
        elif key == pygame.K_f:
            self.open_map()
        elif key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER):
            self.proceed()

    def update(self, dt: float) -> bool:
        if self.app.debug_overlay and self.app.top is self:  # `play --debug`: open from the start
            self.open_debug("game")
            return True
        if self.card_due is not None:
            from .chapter_card import ChapterCard

            self.app.push(ChapterCard(self.app, self.card_due, self.session.state))
            self.card_due = None
            self.under = self.over = None  # the card covers the change of place
            self.after_card = True
            return True
        fading = self.advance_fades(dt)
        if not self.session.replaying:
            self.session.playtime += dt
        if self.page_complete:
            pilot = self.app.autopilot
            if pilot is not None and not pilot.paused and pilot.due(dt):
                self.fly(pilot)
            return fading
        cps = self.app.settings.chars_per_second
        before = int(self.revealed)
        self.revealed = self.page_chars() if cps == 0 else self.revealed + cps * dt
        if cps:  # instant text makes no sound, nor does a page completed by a click
            node = self.session.node
            self.app.audio.typing(self.page_lines(), before,
                                  min(int(self.revealed), self.page_chars()), dt,
                                  self.app.audio.map.is_telegram(node.id, node.speaker))
        if self.page_complete:
            self.complete_page()
        return fading or not self.page_complete

    # -- drawing ----------------------------------------------------------------------------

    def draw_snapshot(self, surface: pygame.Surface) -> None:
        """The screen with the current page fully written out (a save's thumbnail)."""
        revealed, under, over = self.revealed, self.under, self.over
        self.revealed = float(self.page_chars())
        self.under = self.over = None  # the settled screen, not a moment of a fade
        try:
            self.draw(surface, bars=False)
        finally:
            self.revealed, self.under, self.over = revealed, under, over

    def draw(self, surface: pygame.Surface, bars: bool = True) -> None:
        surface.blit(backdrop(self.app, self.session), (0, 0))
        if self.under is not None:
            self.under.draw(surface)
        self.draw_header(surface)
        self.draw_passage(surface)
        if self.choices is not None:
            surface.blit(translucent((theme.CANVAS[0], theme.TEXT_BOX[1]), (20, 18, 16, 70)),
                         (0, 0))
            self.choices.draw(surface, self.app.fonts, self.choice_px)
        if self.status is Status.ENDING and self.text_done:
            self.draw_ending(surface)
        if self.status is Status.STUCK and self.text_done:
            msg = self.app.fonts.render(self.app.t("stuck"), 22, theme.RED)
            surface.blit(msg, msg.get_rect(center=(theme.CANVAS[0] // 2, 400)))
        pilot = self.app.autopilot
        if bars and pilot is not None and pilot.replay:
            self.draw_replay_bar(surface, pilot)
        if self.over is not None:
            self.over.draw(surface)

    def draw_replay_bar(self, surface: pygame.Surface, pilot: Autopilot) -> None:
        t = self.app.t
        state = t("replay_paused") if pilot.paused else t("replay_playing")
        text = (f"{t('replay')} · {t('decision_of').format(n=pilot.done, total=pilot.total)}"
                f" · {state}   —   {t('replay_keys')}")
        surf = self.app.fonts.render(text, 18, theme.WHITE)
        r = pygame.Rect(0, theme.HEADER_H, theme.CANVAS[0], surf.get_height() + 12)
        surface.blit(translucent(r.size, (120, 30, 24, 230)), r.topleft)
        surface.blit(surf, surf.get_rect(center=r.center))

    def draw_header(self, surface: pygame.Surface) -> None:
        surface.blit(translucent((theme.CANVAS[0], theme.HEADER_H), (236, 228, 210, 225)), (0, 0))
        pygame.draw.line(surface, theme.PANEL_EDGE, (0, theme.HEADER_H),
                         (theme.CANVAS[0], theme.HEADER_H))
        text = "  ·  ".join(self.session.header(self.app.lang))
        surf = self.app.fonts.render(text, 20, theme.INK)
        surface.blit(surf, (20, (theme.HEADER_H - surf.get_height()) // 2))
        self.top_buttons.draw(surface, self.app.fonts, 18)
        if self.session.debug:  # saves are off: say so where the player always looks
            badge = self.app.fonts.render(self.app.t("debug_badge"), 16, theme.WHITE, "sans")
            left = min(b.rect.x for b in self.top_buttons.buttons)
            r = badge.get_rect(midright=(left - 18, theme.HEADER_H // 2)).inflate(16, 8)
            pygame.draw.rect(surface, theme.RED, r, border_radius=4)
            surface.blit(badge, badge.get_rect(center=r.center))

    def draw_passage(self, surface: pygame.Surface) -> None:
        x, y, w, h = theme.TEXT_BOX
        panel(surface, theme.TEXT_BOX)
        speaker = self.session.speaker(self.app.lang)
        if speaker:
            name, color = speaker
            plate = self.app.fonts.render(name, 22, theme.WHITE)
            r = pygame.Rect(x + 20, y - 38, plate.get_width() + 36, 40)
            pygame.draw.rect(surface, _hex(color) if color else theme.INK_SOFT, r)
            surface.blit(plate, plate.get_rect(center=r.center))
        size = self.app.settings.font_px
        remaining = int(self.revealed)
        ty = y + PAD
        for line in self.page_lines():
            if remaining <= 0:
                break
            surf = self.app.fonts.render(line, size, theme.INK)
            if remaining < len(line):
                shown = self.app.fonts.measure(size)(line[:remaining])
                surface.blit(surf, (x + PAD, ty), pygame.Rect(0, 0, shown, surf.get_height()))
            else:
                surface.blit(surf, (x + PAD, ty))
            remaining -= len(line)
            ty += size + LINE_GAP
        if self.page_complete and (self.page < self.pages - 1 or self.status is Status.NEXT):
            mark = self.app.fonts.render("▼", 18, theme.RED)
            surface.blit(mark, (x + w - 40, y + h - 34))
        if self.pages > 1:
            folio = self.app.fonts.render(f"{self.page + 1}/{self.pages}", 16, theme.INK_FAINT)
            surface.blit(folio, (x + w - folio.get_width() - 60, y + h - 30))

    def draw_ending(self, surface: pygame.Surface) -> None:
        story, node = self.session.story, self.session.node
        ending = story.endings.get(node.ending or "")
        card = pygame.Rect(0, 0, 720, 300)
        card.center = (theme.CANVAS[0] // 2, 300)
        panel(surface, card, (248, 243, 230, 248))
        lang = self.app.lang
        the_end = self.app.fonts.render(self.app.t("the_end"), 22, theme.RED)
        surface.blit(the_end, the_end.get_rect(center=(card.centerx, card.y + 44)))
        if ending is not None:
            title = render_text(story, ending.title, self.session.state, lang)
            surf = self.app.fonts.render(title, 36, theme.INK)
            surface.blit(surf, surf.get_rect(center=(card.centerx, card.y + 100)))
            if ending.summary is not None:
                summary = render_text(story, ending.summary, self.session.state, lang)
                ty = card.y + 150
                for line in wrap(summary, card.width - 80, self.app.fonts.measure(20))[:3]:
                    s = self.app.fonts.render(line, 20, theme.INK_SOFT)
                    surface.blit(s, s.get_rect(midtop=(card.centerx, ty)))
                    ty += 28
        if self.ending_buttons is not None:
            self.ending_buttons.draw(surface, self.app.fonts, 22)


def _hex(color: str) -> tuple[int, int, int]:
    return (int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16))
