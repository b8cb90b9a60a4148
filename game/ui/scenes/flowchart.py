"""The flowchart (from the Esc menu): per chapter, the scenes seen in any playthrough, the
choices taken and, as "?" stubs, the ones never taken; select a decision to go back to
it and branch from there.

A page per chapter, switched with the tabs, Left/Right, PageUp/PageDown or the number
keys. The chart scrolls with the wheel and by dragging; Tab or Up/Down moves between
the decisions (the view follows), Enter or a click asks to go back there. Going back
rolls back the current game when it passed there, and otherwise replays the route an
earlier game took, so every decision the player has seen is a place to branch from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ...engine import PlayState, start
from ...engine.flow_layout import BOX_W, Box, Page, ellipsize, pages
from ...engine.flow_links import Link, LinkKind, links
from ...engine.render import render_text
from .. import theme
from ..scene import Scene
from ..session import format_date
from ..widgets import panel
from . import flow_draw as draw
from .common import dim, is_close_key

if TYPE_CHECKING:
    from ..app import App

RECT = pygame.Rect(16, 12, theme.CANVAS[0] - 32, theme.CANVAS[1] - 24)
VIEW = pygame.Rect(RECT.x + 16, RECT.y + 66, RECT.width - 32, RECT.height - 66 - 70)
LABEL_W = BOX_W - 20
WHEEL_STEP = 60
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class FlowchartScene(Scene):
    opaque = False

    def __init__(self, app: App) -> None:
        super().__init__(app)
        story = app.story
        self.pages: list[Page] = pages(story) if story is not None else []
        session = app.session
        progress = app.saves.story_progress()
        self.state: PlayState | None = (session.state if session is not None else
                                        start(story, 0) if story is not None else None)
        self.here = session.state.node if session is not None else None
        self.visited = frozenset(session.state.visits) if session is not None else frozenset()
        self.path = frozenset((d.node, d.choice) for d in session.state.log) \
            if session is not None else frozenset()
        self.seen = progress.seen | self.visited
        self.taken = progress.taken | self.path
        self.index = 0
        self.offset = [0, 0]
        self.focus: str | None = None
        self.hover: str | None = None
        self.drag: tuple[tuple[int, int], tuple[int, int]] | None = None
        self.links: list[Link] = []
        self.build()
        here = story.nodes[self.here].chapter if story is not None and self.here else None
        start_at = next((i for i, p in enumerate(self.pages) if p.chapter == here), 0)
        self.show_page(start_at)

    # -- what is on the page ----------------------------------------------------------

    @property
    def page(self) -> Page | None:
        return self.pages[self.index] if self.pages else None

    @property
    def shown(self) -> list[str]:
        """The nodes drawn on this page: those seen, in any playthrough."""
        page = self.page
        return [n for n in page.boxes if n in self.seen] if page is not None else []

    @property
    def choosable(self) -> list[str]:
        """Seen decisions on this page, top to bottom: the places one can go back to."""
        story, page = self.app.story, self.page
        if story is None or page is None:
            return []
        found = [n for n in self.shown if story.nodes[n].choices]
        return sorted(found, key=lambda n: (page.boxes[n].y, page.boxes[n].x))

    def build(self) -> None:
        """Labels and tab titles in the current language."""
        story, state = self.app.story, self.state
        self.labels: dict[str, tuple[str, str]] = {}
        self.tab_titles: list[str] = []
        if story is None or state is None:
            return
        fonts, lang = self.app.fonts, self.app.lang
        head, meta = fonts.measure(15), fonts.measure(14)
        for page in self.pages:
            for n in page.boxes:
                if n not in self.seen:  # never drawn: nothing of it is even rendered
                    continue
                opening, where = self.describe(n, short=True)
                self.labels[n] = (ellipsize(opening, LABEL_W, head),
                                  ellipsize(where, LABEL_W, meta))
            if not any(n in self.seen for n in page.boxes):
                self.tab_titles.append("? ? ?")
            elif page.chapter is None:
                self.tab_titles.append(self.app.t("flow_other"))
            else:
                title = story.chapters[page.chapter].title
                self.tab_titles.append(render_text(story, title, state, lang))

    def describe(self, node_id: str, short: bool = False) -> tuple[str, str]:
        """The opening words of a scene, and its date and place (`short`: for its box)."""
        story, state, lang = self.app.story, self.state, self.app.lang
        assert story is not None and state is not None
        node = story.nodes[node_id]
        # the first part, whatever its condition: a label must not change between games
        opening = render_text(story, node.text.parts[0].text, state, lang).strip()
        where = []
        if node.date:
            where.append(short_date(node.date, lang) if short else format_date(node.date, lang))
        if node.place is not None and node.place in story.places:
            place = render_text(story, story.places[node.place].name, state, lang)
            where.append(short_place(place) if short else place)
        return opening, " · ".join(where)

    def show_page(self, index: int) -> None:
        story, page = self.app.story, None
        if self.pages:
            self.index = index % len(self.pages)
            page = self.pages[self.index]
        self.focus = self.hover = None
        self.offset = [0, 0]
        self.links = []
        if story is None or page is None:
            return
        self.links = links(story, page, self.seen, self.taken, self.path, self.visited)
        if self.here is not None and self.here in page.boxes:
            if self.here in self.choosable:
                self.focus = self.here
            self.center_on(page.boxes[self.here])
        self.app.invalidate()

    # -- scrolling --------------------------------------------------------------------

    def origin(self) -> tuple[int, int]:
        """Where the page's (0, 0) is on the canvas, scrolled."""
        page = self.page
        width = page.width if page is not None else 0
        dx = max(0, (VIEW.width - width) // 2)
        return VIEW.x + dx - self.offset[0], VIEW.y - self.offset[1]

    def max_offset(self) -> tuple[int, int]:
        page = self.page
        if page is None:
            return 0, 0
        return max(0, page.width - VIEW.width), max(0, page.height - VIEW.height)

    def scroll_to(self, x: int, y: int) -> None:
        mx, my = self.max_offset()
        self.offset = [min(mx, max(0, x)), min(my, max(0, y))]
        self.app.invalidate()

    def center_on(self, b: Box) -> None:
        self.scroll_to(b.cx - VIEW.width // 2, b.cy - VIEW.height // 2)

    def reveal(self, b: Box) -> None:
        """Scroll just enough that the box (and its stubs) is in view."""
        ox, oy = self.offset
        pad = 40
        if b.y - pad < oy:
            oy = b.y - pad
        elif b.bottom + pad > oy + VIEW.height:
            oy = b.bottom + pad - VIEW.height
        if b.x - pad < ox:
            ox = b.x - pad
        elif b.right + pad > ox + VIEW.width:
            ox = b.right + pad - VIEW.width
        self.scroll_to(ox, oy)

    def screen_rect(self, node_id: str) -> pygame.Rect:
        """The box of a node on the canvas, as it is drawn now."""
        page = self.page
        assert page is not None
        b = page.boxes[node_id]
        x0, y0 = self.origin()
        return pygame.Rect(x0 + b.x, y0 + b.y, b.w, b.h)

    def node_at(self, pos: tuple[int, int]) -> str | None:
        if not VIEW.collidepoint(pos):
            return None
        for n in self.shown:
            if self.screen_rect(n).collidepoint(pos):
                return n
        return None

    # -- input ------------------------------------------------------------------------

    def tab_rects(self) -> list[pygame.Rect]:
        n = len(self.pages)
        if not n:
            return []
        left = RECT.x + 24 + self.app.fonts.render(self.app.t("flowchart"), 26,
                                                   theme.INK).get_width() + 28
        w = min(300, (RECT.right - 20 - left) // n)
        return [pygame.Rect(left + i * w, RECT.y + 14, w - 6, 36) for i in range(n)]

    def handle_event(self, event: pygame.event.Event) -> None:
        if is_close_key(event):
            self.app.pop(self)
        elif event.type == pygame.KEYDOWN:
            self.key(event)
        elif event.type == pygame.MOUSEWHEEL:
            dx, dy = event.x, event.y
            if pygame.key.get_mods() & pygame.KMOD_SHIFT:
                dx, dy = dy, 0
            self.scroll_to(self.offset[0] - dx * WHEEL_STEP, self.offset[1] - dy * WHEEL_STEP)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.press(event.pos)
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self.drag = None
        elif event.type == pygame.MOUSEMOTION:
            self.motion(event)

    def key(self, event: pygame.event.Event) -> None:
        k = event.key
        shift = bool(event.mod & pygame.KMOD_SHIFT)
        if k in (pygame.K_RIGHT, pygame.K_PAGEDOWN):
            self.show_page(self.index + 1)
        elif k in (pygame.K_LEFT, pygame.K_PAGEUP):
            self.show_page(self.index - 1)
        elif pygame.K_1 <= k <= pygame.K_9 and k - pygame.K_1 < len(self.pages):
            self.show_page(k - pygame.K_1)
        elif k == pygame.K_TAB:
            self.move_focus(-1 if shift else 1)
        elif k in (pygame.K_DOWN, pygame.K_UP):
            self.move_focus(1 if k == pygame.K_DOWN else -1)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            if self.focus is not None:
                self.select(self.focus)
        elif k in (pygame.K_HOME, pygame.K_END):
            self.scroll_to(self.offset[0], 0 if k == pygame.K_HOME else self.max_offset()[1])

    def move_focus(self, step: int) -> None:
        order = self.choosable
        page = self.page
        if page is None:
            return
        if not order:  # nothing to choose: the keys scroll instead
            self.scroll_to(self.offset[0], self.offset[1] + step * WHEEL_STEP)
            return
        if self.focus in order:
            self.focus = order[(order.index(self.focus) + step) % len(order)]
        else:  # start from what is in view
            top = self.offset[1]
            in_view = [n for n in order if page.boxes[n].y >= top] or order
            self.focus = in_view[0] if step > 0 else order[-1]
        self.reveal(page.boxes[self.focus])

    def press(self, pos: tuple[int, int]) -> None:
        for i, r in enumerate(self.tab_rects()):
            if r.collidepoint(pos):
                self.show_page(i)
                return
        node = self.node_at(pos)
        if node is not None and node in self.choosable:
            self.focus = node
            self.select(node)
        elif VIEW.collidepoint(pos):
            self.drag = (pos, (self.offset[0], self.offset[1]))

    def motion(self, event: pygame.event.Event) -> None:
        if self.drag is not None and event.buttons[0]:
            (x0, y0), (ox, oy) = self.drag
            self.scroll_to(ox - (event.pos[0] - x0), oy - (event.pos[1] - y0))
            return
        self.drag = None
        hover = self.node_at(event.pos)
        if hover != self.hover:
            self.hover = hover
            if hover in self.choosable:  # as with buttons: the pointer takes the focus
                self.focus = hover
            self.app.invalidate()

    def select(self, node_id: str) -> None:
        """Ask, then go back to that decision (standing there already: just close)."""
        from .confirm import ConfirmScene

        if node_id == self.here:
            self.app.pop(self)
            return
        self.app.push(ConfirmScene(self.app, "confirm_branch", lambda: self.branch(node_id)))

    def branch(self, node_id: str) -> None:
        if not self.app.saves.branch_to(node_id):
            self.app.notify(self.app.t("cannot_branch"), error=True)

    def on_settings_changed(self) -> None:
        self.build()

    def on_story_changed(self) -> None:
        """Pages, boxes and links are laid out from the story: lay them out anew."""
        if self in self.app.stack:
            self.app.stack[self.app.stack.index(self)] = FlowchartScene(self.app)
            self.app.invalidate()

    # -- drawing ----------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        dim(surface, 170)
        panel(surface, RECT, (246, 240, 226, 255))
        fonts = self.app.fonts
        head = fonts.render(self.app.t("flowchart"), 26, theme.INK)
        surface.blit(head, (RECT.x + 24, RECT.y + 18))
        self.draw_tabs(surface)
        pygame.draw.line(surface, theme.RED, (RECT.x + 20, RECT.y + 58),
                         (RECT.right - 20, RECT.y + 58), 2)
        clip = surface.get_clip()
        surface.set_clip(VIEW)
        if self.shown:
            self.draw_chart(surface)
        else:
            note = fonts.render(self.app.t("flow_nothing"), 20, theme.INK_SOFT)
            surface.blit(note, note.get_rect(center=VIEW.center))
        surface.set_clip(clip)
        self.draw_scrollbars(surface)
        self.draw_info(surface)
        self.draw_legend(surface)

    def draw_tabs(self, surface: pygame.Surface) -> None:
        fonts = self.app.fonts
        for i, (r, title) in enumerate(zip(self.tab_rects(), self.tab_titles, strict=False)):
            active = i == self.index
            if active:
                pygame.draw.rect(surface, draw.FILL_NOW, r)
                pygame.draw.rect(surface, theme.PANEL_EDGE, r, 1)
                pygame.draw.rect(surface, theme.RED, (r.x, r.bottom - 3, r.width, 3))
            label = ellipsize(title, r.width - 14, fonts.measure(15))
            ink = theme.INK if active else theme.INK_SOFT if title != "? ? ?" else \
                theme.INK_FAINT
            s = fonts.render(label, 15, ink)
            surface.blit(s, s.get_rect(center=(r.centerx, r.centery - 1)))

    def draw_chart(self, surface: pygame.Surface) -> None:
        story, page = self.app.story, self.page
        assert story is not None and page is not None
        fonts = self.app.fonts
        x0, y0 = self.origin()

        def at(p: tuple[int, int]) -> tuple[float, float]:
            return (x0 + p[0], y0 + p[1])

        # earlier games' links, this game's over them, then the stubs' "?" over any line
        order = sorted(self.links, key=lambda lk: (lk.kind is LinkKind.UNTAKEN, lk.current))
        for link in order:
            pts = [at(p) for p in link.points]
            if link.kind is LinkKind.UNTAKEN:
                draw.stub(surface, fonts, pts[0], pts[1])
                continue
            color = draw.LINK_NOW if link.current else draw.LINK_BEFORE
            draw.polyline(surface, color, pts, 2 if link.current else 1)
            if link.kind is LinkKind.EXIT and link.target is not None:
                self.draw_exit(surface, link, pts[-1])
        for n in self.shown:
            node = story.nodes[n]
            look = draw.BoxLook(decision=bool(node.choices), ending=node.ending is not None,
                                this_game=n in self.visited, current=n == self.here,
                                focused=n == self.focus)
            draw.box(surface, fonts, self.screen_rect(n), self.labels[n], look)

    def draw_exit(self, surface: pygame.Surface, link: Link, end: tuple[float, float]) -> None:
        """A link into another chapter: an arrow and that chapter's name."""
        story, state = self.app.story, self.state
        assert story is not None and state is not None and link.target is not None
        chapter = story.nodes[link.target].chapter
        name = (render_text(story, story.chapters[chapter].title, state, self.app.lang)
                if chapter is not None and chapter in story.chapters
                else self.app.t("flow_other"))
        fonts = self.app.fonts
        label = fonts.render("→ " + ellipsize(name, BOX_W, fonts.measure(14)), 14,
                             theme.INK_SOFT)
        surface.blit(label, (end[0] + 6, end[1] - 12))

    def draw_scrollbars(self, surface: pygame.Surface) -> None:
        page = self.page
        mx, my = self.max_offset()
        if page is None:
            return
        if my:
            h = max(30, VIEW.height * VIEW.height // page.height)
            y = VIEW.y + (VIEW.height - h) * self.offset[1] // my
            pygame.draw.rect(surface, theme.INK_FAINT, (VIEW.right + 4, y, 4, h))
        if mx:
            w = max(30, VIEW.width * VIEW.width // page.width)
            x = VIEW.x + (VIEW.width - w) * self.offset[0] // mx
            pygame.draw.rect(surface, theme.INK_FAINT, (x, VIEW.bottom + 3, w, 4))

    def draw_info(self, surface: pygame.Surface) -> None:
        """The keys, and the scene under the pointer or the focus in full (its box is small)."""
        fonts = self.app.fonts
        keys = fonts.render(self.app.t("flow_keys"), 15, theme.INK_SOFT)
        y = VIEW.bottom + 12
        surface.blit(keys, (VIEW.right - keys.get_width(), y + 1))
        node = self.hover or self.focus
        if node is None or self.app.story is None:
            return
        opening, where = self.describe(node)
        text = f"{where} — {opening}" if where else opening
        line = ellipsize(text, VIEW.width - keys.get_width() - 30, fonts.measure(16))
        surface.blit(fonts.render(line, 16, theme.INK), (VIEW.x, y))

    def draw_legend(self, surface: pygame.Surface) -> None:
        draw.legend(surface, self.app.fonts, self.app.t, VIEW.x, RECT.bottom - 32)


def short_date(iso: str, lang: str) -> str:
    """'1942-01-09' as '9 Jan 1942' or '1942年1月9日' (a box has little room)."""
    try:
        y, m, d = (int(p) for p in iso.split("-"))
        month = _MONTHS[m - 1]
    except (ValueError, IndexError):
        return iso
    return f"{y}年{m}月{d}日" if lang == "ja" else f"{d} {month} {y}"


def short_place(name: str) -> str:
    """'Japanese Legation, Stockholm' as 'Japanese Legation'; 'スウェーデン外務省（…）' as
    'スウェーデン外務省': the part that names the place, for a small box."""
    for mark in (",", "（", "("):
        head = name.split(mark)[0].strip()
        if head:
            name = head
    return name
