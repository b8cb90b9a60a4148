"""The debug overlay's drawing and geometry: the story scaled into the top left, the node
and its visit counts below it, the variables and the jump box in a column on the right.

Geometry lives here beside the drawing so that hit-testing (in `debug_overlay`) and
painting can never disagree about where a row is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pygame

from ...engine.render import format_value, render_text
from ...story.model import Story, Variable
from .. import theme
from ..fonts import FontBook

if TYPE_CHECKING:
    from .debug_overlay import DebugOverlay

STORY = pygame.Rect(0, 0, 880, 495)  # the play scene at 880/1280 of its size
SCALE = STORY.width / theme.CANVAS[0]
INFO = pygame.Rect(0, STORY.bottom, STORY.width, theme.CANVAS[1] - STORY.bottom)
PANEL = pygame.Rect(STORY.right, 0, theme.CANVAS[0] - STORY.right, theme.CANVAS[1])
ROW_H = 22
VAR_ROWS = 14
VARS = pygame.Rect(PANEL.x, 40, PANEL.width, ROW_H * VAR_ROWS)
DETAIL_Y = VARS.bottom + 8
JUMP_Y = DETAIL_Y + 66
INPUT = pygame.Rect(PANEL.x + 14, JUMP_Y + 26, PANEL.width - 28, 30)
MATCH_ROWS = 9
MATCHES = pygame.Rect(PANEL.x, INPUT.bottom + 6, PANEL.width, ROW_H * MATCH_ROWS)
VISIT_TOP = INFO.y + 72
VISIT_COLS = 4
VISIT_ROWS = 5
VISIT_W = (INFO.width - 28) // VISIT_COLS

BG = (30, 32, 38)
ROW_SELECTED = (58, 62, 74)
TEXT = (232, 228, 218)
FAINT = (150, 148, 140)
AMBER = (224, 184, 96)
CHANGED = (240, 150, 120)
SANS = "sans"


def minus_rect(row_y: int) -> pygame.Rect:
    return pygame.Rect(PANEL.right - 74, row_y + 1, 28, ROW_H - 2)


def plus_rect(row_y: int) -> pygame.Rect:
    return pygame.Rect(PANEL.right - 40, row_y + 1, 28, ROW_H - 2)


def row_y(index: int, top: int) -> int:
    return VARS.y + (index - top) * ROW_H


def fit(fonts: FontBook, text: str, size: int, width: int) -> str:
    """`text` cut with an ellipsis to fit `width` pixels."""
    measure = fonts.measure(size, SANS)
    if measure(text) <= width:
        return text
    while text and measure(text + "…") > width:
        text = text[:-1]
    return text + "…"


def label(fonts: FontBook, surface: pygame.Surface, text: str, pos: tuple[int, int],
          size: int = 16, color: tuple[int, int, int] = TEXT, width: int | None = None) -> int:
    """Blit one line in the overlay's face; returns its right edge."""
    if width is not None:
        text = fit(fonts, text, size, width)
    surf = fonts.render(text, size, color, SANS)
    surface.blit(surf, pos)
    return pos[0] + surf.get_width()


def draw_focus(surface: pygame.Surface, rect: pygame.Rect) -> None:
    pygame.draw.rect(surface, AMBER, rect, 2)


def draw_info(o: DebugOverlay, surface: pygame.Surface) -> None:
    """Below the story: the node, its place in the files, chapter and place, the visits."""
    fonts, session = o.app.fonts, o.session
    pygame.draw.rect(surface, BG, INFO)
    pygame.draw.line(surface, AMBER, INFO.topleft, INFO.topright, 1)
    node = session.node
    x = label(fonts, surface, node.id, (INFO.x + 14, INFO.y + 8), 22, TEXT)
    label(fonts, surface, f"{node.pos.file}:{node.pos.line}", (x + 16, INFO.y + 12), 17, AMBER)
    label(fonts, surface, " · ".join(where(session.story, node.chapter, node.place, o)),
          (INFO.x + 14, INFO.y + 38), 16, FAINT, INFO.width - 28)
    visits = visit_order(session.state.node, [d.node for d in session.state.log],
                         list(session.state.visits))
    counts = session.state.visits
    head = f"{o.app.t('debug_visits')} ({len(visits)})"
    label(fonts, surface, head, (INFO.x + 14, VISIT_TOP - 4), 16, AMBER)
    if not visits:
        label(fonts, surface, o.app.t("debug_no_visits"), (INFO.x + 14, VISIT_TOP + 18), 15, FAINT)
    shown = visits[o.visits_top * VISIT_COLS:(o.visits_top + VISIT_ROWS) * VISIT_COLS]
    for i, node_id in enumerate(shown):
        col, row = i % VISIT_COLS, i // VISIT_COLS
        pos = (INFO.x + 14 + col * VISIT_W, VISIT_TOP + 18 + row * 20)
        color = AMBER if node_id == session.state.node else TEXT
        x = label(fonts, surface, f"×{counts[node_id]}", pos, 15, color)
        label(fonts, surface, node_id, (pos[0] + 36, pos[1]), 15, color, VISIT_W - 44)
    if len(visits) > len(shown) + o.visits_top * VISIT_COLS:
        label(fonts, surface, "⋯", (INFO.right - 30, INFO.bottom - 46), 16, FAINT)
    keys = o.app.t("debug_keys_game" if o.focus == "game" else "debug_keys_panel")
    label(fonts, surface, keys, (INFO.x + 14, INFO.bottom - 24), 14, FAINT, INFO.width - 28)


def where(story: Story, chapter: str | None, place: str | None, o: DebugOverlay) -> list[str]:
    """The chapter and place, each named in the game's language with its id after it."""
    state, lang = o.session.state, o.app.lang
    out = []
    if chapter and chapter in story.chapters:
        out.append(f"{render_text(story, story.chapters[chapter].title, state, lang)} [{chapter}]")
    if place and place in story.places:
        out.append(f"{render_text(story, story.places[place].name, state, lang)} [{place}]")
    return out or ["—"]


def visit_order(here: str, decided_at: Sequence[str], entered: Sequence[str]) -> list[str]:
    """Visited nodes, most recent first: the node on screen, those decisions were made at
    (newest first), then the rest, the last entered first."""
    out: list[str] = []
    for node_id in [here, *reversed(decided_at), *reversed(entered)]:
        if node_id not in out and node_id in entered:
            out.append(node_id)
    return out


def draw_panel(o: DebugOverlay, surface: pygame.Surface) -> None:
    fonts = o.app.fonts
    pygame.draw.rect(surface, BG, PANEL)
    pygame.draw.line(surface, AMBER, PANEL.topleft, PANEL.bottomleft, 1)
    x = label(fonts, surface, o.app.t("debug_title"), (PANEL.x + 14, 10), 18, AMBER)
    label(fonts, surface, o.app.t("debug_variables"), (x + 14, 12), 16, FAINT)
    names = o.names
    for i in range(o.var_top, min(len(names), o.var_top + VAR_ROWS)):
        draw_variable(o, surface, i, row_y(i, o.var_top))
    draw_scrollbar(surface, VARS, o.var_top, VAR_ROWS, len(names))
    if o.focus == "vars":
        draw_focus(surface, VARS.inflate(-4, 4))
    draw_detail(o, surface)
    label(fonts, surface, o.app.t("debug_jump"), (PANEL.x + 14, JUMP_Y), 17, AMBER)
    pygame.draw.rect(surface, (20, 22, 26), INPUT)
    pygame.draw.rect(surface, AMBER if o.focus == "jump" else FAINT, INPUT, 1)
    if o.query or o.focus == "jump":
        right = label(fonts, surface, o.query, (INPUT.x + 8, INPUT.y + 5), 17, TEXT,
                      INPUT.width - 20)
        if o.focus == "jump":  # the caret
            x = right + 2
            pygame.draw.line(surface, AMBER, (x, INPUT.y + 6), (x, INPUT.bottom - 7), 2)
    else:
        label(fonts, surface, o.app.t("debug_jump_hint"), (INPUT.x + 8, INPUT.y + 6), 15, FAINT,
              INPUT.width - 16)
    draw_matches(o, surface)


def draw_scrollbar(surface: pygame.Surface, area: pygame.Rect, top: int, rows: int,
                   total: int) -> None:
    """A thin bar on the right of a list longer than its window."""
    if total <= rows:
        return
    h = max(12, area.height * rows // total)
    y = area.y + (area.height - h) * top // max(1, total - rows)
    pygame.draw.rect(surface, FAINT, (area.right - 7, y, 3, h))


def draw_variable(o: DebugOverlay, surface: pygame.Surface, i: int, y: int) -> None:
    fonts, state = o.app.fonts, o.session.state
    var = o.session.story.variables[o.names[i]]
    value = state.vars[var.name]
    if i == o.selected:
        pygame.draw.rect(surface, ROW_SELECTED, (PANEL.x + 4, y, PANEL.width - 8, ROW_H))
    label(fonts, surface, var.name, (PANEL.x + 14, y + 2), 15, TEXT, 196)
    color = CHANGED if value != var.default else TEXT
    label(fonts, surface, format_value(value), (PANEL.x + 220, y + 2), 15, color, 100)
    if i == o.selected:
        for rect, mark in ((minus_rect(y), "−"), (plus_rect(y), "+")):
            pygame.draw.rect(surface, (80, 84, 96), rect, border_radius=3)
            surf = fonts.render(mark, 16, TEXT, SANS)
            surface.blit(surf, surf.get_rect(center=rect.center))


def draw_detail(o: DebugOverlay, surface: pygame.Surface) -> None:
    """The selected variable: its label in the game's language, type, range, default."""
    if not o.names:
        return
    fonts = o.app.fonts
    var = o.session.story.variables[o.names[o.selected]]
    title = render_text(o.session.story, var.label, o.session.state, o.app.lang) \
        if var.label else var.name
    label(fonts, surface, title, (PANEL.x + 14, DETAIL_Y), 17, TEXT, PANEL.width - 28)
    if o.typing is not None:
        line = o.app.t("debug_typing").format(text=o.typing)
    else:
        line = " · ".join(describe(var, o.app.t))
    label(fonts, surface, line, (PANEL.x + 14, DETAIL_Y + 26), 15, FAINT, PANEL.width - 28)


def describe(var: Variable, t: Callable[[str], str]) -> list[str]:
    """'int · 0 to 4 · default 2', 'str · a | b | c · default a'."""
    parts: list[str] = [var.type]
    if var.type == "int" and (var.min is not None or var.max is not None):
        low = "−∞" if var.min is None else str(var.min)
        high = "∞" if var.max is None else str(var.max)
        parts.append(t("debug_range").format(low=low, high=high))
    elif var.values is not None:
        parts.append(" | ".join(var.values))
    elif var.type == "str":
        parts.append(t("debug_free_text"))
    parts.append(t("debug_default").format(value=format_value(var.default)))
    return parts


def draw_matches(o: DebugOverlay, surface: pygame.Surface) -> None:
    fonts = o.app.fonts
    matches = o.matches
    if o.query and not matches:
        label(fonts, surface, o.app.t("debug_no_match"), (PANEL.x + 14, MATCHES.y + 2), 15, FAINT)
        return
    nodes = o.session.story.nodes
    for row, i in enumerate(range(o.match_top, min(len(matches), o.match_top + MATCH_ROWS))):
        y = MATCHES.y + row * ROW_H
        if i == o.match_index and o.focus == "jump":
            pygame.draw.rect(surface, ROW_SELECTED, (PANEL.x + 4, y, PANEL.width - 8, ROW_H))
        node = nodes[matches[i]]
        place = fonts.render(f"{node.pos.file.replace(chr(92), '/').rsplit('/', 1)[-1]}:"
                             f"{node.pos.line}", 13, FAINT, SANS)
        surface.blit(place, (PANEL.right - 14 - place.get_width(), y + 4))
        label(fonts, surface, node.id, (PANEL.x + 14, y + 2), 15, TEXT,
              PANEL.width - 40 - place.get_width())
    draw_scrollbar(surface, MATCHES, o.match_top, MATCH_ROWS, len(matches))
