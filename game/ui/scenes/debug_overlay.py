"""The debug overlay (F3, or `play --debug`): the node on screen with its file and line,
every variable (editable), the visit counts, and a box to jump to any node.

The story keeps playing while it is open: it is drawn scaled into the top left, where
clicks still reach it, so an edit shows at once in the text and choices it changes.
Keyboard focus belongs to the panel or to the story, never both: typing a number or a
node id must not choose a choice, turn a page or roll back. A click on the story gives
the keys to it; a click on the panel, or Tab, takes them back.

An edit or a jump is a new state handed to the session (`Session.edit`), which from then
on is a debug session: no saves, no autosaves, no progress (the log no longer explains
the state). Opening and closing the overlay changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import pygame

from ...engine import PlayState
from ...engine.fixtures import matching_nodes
from ...engine.jump import jump, set_variable
from ...story.expr.ast import Value
from ...story.model import Variable
from .. import theme
from ..scene import Scene
from ..session import Session
from .debug_panel import (
    INFO,
    INPUT,
    MATCH_ROWS,
    MATCHES,
    ROW_H,
    SCALE,
    STORY,
    VAR_ROWS,
    VARS,
    VISIT_COLS,
    VISIT_ROWS,
    draw_focus,
    draw_info,
    draw_panel,
    minus_rect,
    plus_rect,
    row_y,
)
from .play import PlayScene

if TYPE_CHECKING:
    from ..app import App

Focus = Literal["vars", "jump", "game"]
ENTER = (pygame.K_RETURN, pygame.K_KP_ENTER)
MOUSE = (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)


class DebugOverlay(Scene):
    opaque = True  # it draws the play scene below it itself, scaled

    def __init__(self, app: App, focus: Focus = "vars") -> None:
        super().__init__(app)
        self.focus: Focus = focus
        self.selected = 0
        self.var_top = 0
        self.typing: str | None = None  # an int or a free str being typed
        self.query = ""
        self.match_index = 0
        self.match_top = 0
        self.visits_top = 0
        self.pointer = (0, 0)
        self.view = pygame.Surface(theme.CANVAS).convert()

    # -- what it shows ---------------------------------------------------------------------

    @property
    def play(self) -> PlayScene | None:
        stack = self.app.stack
        below = stack[:stack.index(self)] if self in stack else stack
        return next((s for s in reversed(below) if isinstance(s, PlayScene)), None)

    @property
    def session(self) -> Session:
        play = self.play
        assert play is not None, "the debug overlay is only ever over a play scene"
        return play.session

    @property
    def names(self) -> list[str]:
        return list(self.session.story.variables)

    @property
    def variable(self) -> Variable | None:
        names = self.names
        if not names:
            return None
        self.selected = min(self.selected, len(names) - 1)
        return self.session.story.variables[names[self.selected]]

    @property
    def matches(self) -> list[str]:
        return matching_nodes(self.session.story, self.query)

    def close(self) -> None:
        self.app.debug_overlay = False
        self.app.pop(self)

    # -- changing the game -------------------------------------------------------------------

    def apply(self, state: PlayState, entered: bool = False) -> None:
        """Hand a changed state to the session and show it at once."""
        play, session = self.play, self.session
        assert play is not None
        if self.app.autopilot is not None:  # a path or replay no longer applies
            play.stop_pilot(None)
        if not session.debug:
            self.app.notify(self.app.t("debug_session"), error=False, seconds=5.0)
        session.edit(state)
        if entered:
            play.chapter = session.node.chapter  # a jump is not a chapter opening
            play.enter_node()
        else:
            play.state_changed()
        self.app.invalidate()

    def set_value(self, name: str, value: Value) -> None:
        state = self.session.state
        if state.vars[name] != value or type(state.vars[name]) is not type(value):
            self.apply(set_variable(self.session.story, state, name, value))

    def step(self, delta: int) -> None:
        """+/-: an int by one (within min/max), a bool toggled, a str to its next value."""
        var = self.variable
        if var is None:
            return
        value = self.session.state.vars[var.name]
        if var.type == "int" and isinstance(value, int):
            self.set_value(var.name, var.clamp(value + delta))
        elif var.type == "bool":
            self.set_value(var.name, not value)
        elif var.values:
            i = var.values.index(value) if value in var.values else -1
            self.set_value(var.name, var.values[(i + delta) % len(var.values)])

    def commit(self) -> None:
        var, typed = self.variable, self.typing
        self.typing = None
        if var is None or typed is None:
            return
        if var.type == "int":
            if typed.lstrip("-"):
                self.set_value(var.name, var.clamp(int(typed)))
        else:
            self.set_value(var.name, typed)

    def jump_to(self, node_id: str) -> None:
        self.apply(jump(self.session.story, self.session.state, node_id), entered=True)

    # -- input -----------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F3:
            self.close()
        elif event.type in MOUSE:
            self.pointer = event.pos
            self.mouse(event)
        elif event.type == pygame.MOUSEWHEEL:
            self.wheel(event)
        elif event.type == pygame.KEYDOWN:
            # Ctrl combinations are commands (a reload), never text: the game may have them
            if self.focus == "game" or event.mod & pygame.KMOD_CTRL:
                self.forward(event)
            else:
                self.key(event.key, event.unicode or "")
                self.app.invalidate()
        elif self.focus == "game":
            self.forward(event)

    def forward(self, event: pygame.event.Event) -> None:
        play = self.play
        if play is not None:
            play.handle_event(event)

    def scaled(self, event: pygame.event.Event) -> pygame.event.Event:
        """A mouse event in the play scene's own coordinates (off it when outside)."""
        x, y = event.pos
        attrs = dict(event.dict)
        inside = STORY.collidepoint(x, y)
        attrs["pos"] = (int(x / SCALE), int(y / SCALE)) if inside else (-1, -1)
        return pygame.event.Event(event.type, attrs)

    def mouse(self, event: pygame.event.Event) -> None:
        pos = event.pos
        if STORY.collidepoint(pos):
            if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
                self.focus, self.typing = "game", None
            self.forward(self.scaled(event))
            return
        if event.type == pygame.MOUSEMOTION:
            self.forward(self.scaled(event))  # the story's hover goes
            return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.click(pos)
            self.app.invalidate()

    def click(self, pos: tuple[int, int]) -> None:
        if self.focus == "game":
            self.focus = "vars"
        if VARS.collidepoint(pos):
            i = self.var_top + (pos[1] - VARS.y) // ROW_H
            if i < len(self.names):
                self.focus, self.typing = "vars", None
                y = row_y(i, self.var_top)
                if i == self.selected and minus_rect(y).collidepoint(pos):
                    self.step(-1)
                elif i == self.selected and plus_rect(y).collidepoint(pos):
                    self.step(1)
                self.selected = i
        elif INPUT.collidepoint(pos):
            self.focus, self.typing = "jump", None
        elif MATCHES.collidepoint(pos):
            i = self.match_top + (pos[1] - MATCHES.y) // ROW_H
            matches = self.matches
            if i < len(matches):
                self.focus, self.match_index = "jump", i
                self.jump_to(matches[i])

    def wheel(self, event: pygame.event.Event) -> None:
        pos, step = self.pointer, -int(event.y)
        if STORY.collidepoint(pos):
            self.forward(event)
        elif VARS.collidepoint(pos):
            self.var_top = max(0, min(len(self.names) - VAR_ROWS, self.var_top + step))
        elif MATCHES.collidepoint(pos):
            self.match_top = max(0, min(len(self.matches) - MATCH_ROWS, self.match_top + step))
        elif INFO.collidepoint(pos):
            rows = -(-len(self.session.state.visits) // VISIT_COLS)
            self.visits_top = max(0, min(rows - VISIT_ROWS, self.visits_top + step))
        self.app.invalidate()

    def key(self, key: int, char: str) -> None:
        """A key while the panel has the keyboard: nothing reaches the story."""
        if key == pygame.K_ESCAPE:
            if self.typing is not None:
                self.typing = None
            else:
                self.close()
        elif key == pygame.K_TAB:
            self.typing = None
            self.focus = "jump" if self.focus == "vars" else "vars"
        elif self.focus == "jump":
            self.jump_key(key, char)
        elif self.typing is not None:
            self.type_key(key, char)
        else:
            self.var_key(key, char)

    def var_key(self, key: int, char: str) -> None:
        var = self.variable
        if var is None:
            return
        if key in (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            step = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -VAR_ROWS,
                    pygame.K_PAGEDOWN: VAR_ROWS}[key]
            self.select(self.selected + step)
        elif var.type == "int" and char in tuple("0123456789"):
            self.typing = char
        elif var.type == "int" and key in ENTER:
            self.typing = ""
        elif var.type == "str" and not var.values and key in ENTER:
            self.typing = str(self.session.state.vars[var.name])
        elif key in (pygame.K_LEFT, pygame.K_MINUS, pygame.K_KP_MINUS) or char == "-":
            self.step(-1)
        elif (key in (pygame.K_RIGHT, pygame.K_PLUS, pygame.K_KP_PLUS, pygame.K_EQUALS,
                      pygame.K_SPACE, *ENTER) or char == "+"):
            self.step(1)

    def type_key(self, key: int, char: str) -> None:
        assert self.typing is not None
        var = self.variable
        if key in ENTER:
            self.commit()
        elif key == pygame.K_BACKSPACE:
            self.typing = self.typing[:-1]
        elif var is not None and var.type == "int":
            if char in tuple("0123456789"):
                self.typing += char
            elif char == "-":
                self.typing = self.typing[1:] if self.typing.startswith("-") \
                    else "-" + self.typing
        elif char and char.isprintable():
            self.typing += char

    def jump_key(self, key: int, char: str) -> None:
        matches = self.matches
        if key in (pygame.K_UP, pygame.K_DOWN) and matches:
            step = -1 if key == pygame.K_UP else 1
            self.match_index = max(0, min(len(matches) - 1, self.match_index + step))
            self.match_top = min(self.match_top, self.match_index)
            self.match_top = max(self.match_top, self.match_index - MATCH_ROWS + 1)
        elif key in ENTER:
            if matches:
                self.jump_to(matches[min(self.match_index, len(matches) - 1)])
        elif key == pygame.K_BACKSPACE:
            self.query = self.query[:-1]
            self.match_index = self.match_top = 0
        elif char and char.isprintable():
            self.query += char
            self.match_index = self.match_top = 0

    def select(self, i: int) -> None:
        self.selected = max(0, min(len(self.names) - 1, i))
        self.var_top = min(self.var_top, self.selected)
        self.var_top = max(self.var_top, self.selected - VAR_ROWS + 1)

    # -- scene protocol ----------------------------------------------------------------------

    def update(self, dt: float) -> bool:
        play = self.play
        return play.update(dt) if play is not None else False

    def draw(self, surface: pygame.Surface) -> None:
        play = self.play
        if play is None:
            return
        play.draw(self.view)
        surface.blit(pygame.transform.smoothscale(self.view, STORY.size), STORY.topleft)
        if self.focus == "game":
            draw_focus(surface, STORY.inflate(-2, -2))
        draw_info(self, surface)
        draw_panel(self, surface)


def start_fixture(app: App, state: PlayState) -> None:
    """`play --start NODE --set name=value`: a debug session from its first passage."""
    assert app.story is not None
    session = Session.resume(app.story, state)
    session.edit(state)
    app.session = session
    app.replace(PlayScene(app, session))
