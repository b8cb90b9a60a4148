"""Synthetic input and small readers of what the player sees, for driving the real App."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

import pygame

from game.engine import Status
from game.ui.app import App
from game.ui.scene import Scene
from game.ui.scenes.chapter_card import ChapterCard
from game.ui.scenes.play import PlayScene
from game.ui.widgets import Button, ButtonList

S = TypeVar("S", bound=Scene)
DT = 0.05


def key(k: int, mod: int = 0, unicode: str = "") -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0)


def click(pos: tuple[int, int], button: int = 1) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button, touch=False)


def motion(pos: tuple[int, int]) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0),
                              touch=False)


def wheel(y: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False, precise_x=0.0,
                              precise_y=float(y), touch=False)


def press(app: App, *keys: int) -> None:
    """Each key in its own frame, as a player types them."""
    for k in keys:
        app.step([key(k)], DT)


def click_at(app: App, pos: tuple[int, int], button: int = 1) -> None:
    app.step([click(pos, button)], DT)


def click_button(app: App, b: Button) -> None:
    """Click the centre of a button (window == canvas at the default window size)."""
    click_at(app, b.rect.center)


def wait(app: App, seconds: float = 10.0, dt: float = DT) -> None:
    """Let time pass with no input (200 frames of 0.05 s by default)."""
    for _ in range(round(seconds / dt)):
        app.step([], dt)


def top(app: App, kind: type[S]) -> S:
    scene = app.top
    assert isinstance(scene, kind), f"top scene is {type(scene).__name__}, not {kind.__name__}"
    return scene


def play_scene(app: App) -> PlayScene:
    scenes = [s for s in app.stack if isinstance(s, PlayScene)]
    assert len(scenes) == 1, app.stack
    return scenes[0]


def labels(buttons: ButtonList | None) -> list[str]:
    assert buttons is not None
    return [b.label for b in buttons.buttons]


def choice_ids(play: PlayScene) -> list[str]:
    return [o.id for o in play.session.offers()]


def focused_label(buttons: ButtonList | None) -> str | None:
    assert buttons is not None
    return None if buttons.focus is None else buttons.buttons[buttons.focus].label


def visible_text(play: PlayScene) -> str:
    """The characters of the current page the typewriter has revealed so far."""
    return "".join(play.page_lines())[: int(play.revealed)]


def start_new_game(app: App) -> PlayScene:
    """From the title: New game, then skip the chapter card with a key."""
    press(app, pygame.K_RETURN)  # New game has the focus
    assert isinstance(app.top, ChapterCard)
    press(app, pygame.K_SPACE)
    return top(app, PlayScene)


def to_decision(app: App, limit: int = 20) -> PlayScene:
    """Read on (Enter) through passages until choices are shown."""
    for _ in range(limit):
        play = top(app, PlayScene)
        if play.choices is not None:
            return play
        assert play.status is not Status.ENDING, "reached an ending instead"
        press(app, pygame.K_RETURN)
    raise AssertionError("no decision reached")


def choose(app: App, choice_id: str) -> PlayScene:
    """Take a choice with its number key, from wherever the passage stands."""
    play = to_decision(app)
    number = choice_ids(play).index(choice_id) + 1
    press(app, pygame.K_0 + number)
    return top(app, PlayScene)


def read_settings_file(folder: Path) -> dict[str, Any]:
    doc = json.loads((folder / "settings.json").read_text(encoding="utf-8"))
    assert isinstance(doc, dict)
    return doc


def drawn_texts(app: App) -> list[str]:
    """Every string the next frame renders, in drawing order (what the player reads)."""
    fonts = app.fonts
    seen: list[str] = []
    original = fonts.render

    def spy(text: str, size: int, color: Any, role: str = "serif") -> pygame.Surface:
        seen.append(text)
        return original(text, size, color, role)

    fonts.render = spy  # type: ignore[method-assign]
    try:
        app.draw()
    finally:
        del fonts.render  # back to the class's method
    return seen


def select(app: App, string_key: str) -> None:
    """On a menu of the top scene, press Down until the button `string_key` has the focus,
    then Enter: as a player would, without the test knowing the menu's order."""
    buttons: ButtonList = app.top.buttons  # type: ignore[union-attr]
    wanted = app.t(string_key)
    for _ in range(len(buttons.buttons) + 1):
        if buttons.focus is not None and buttons.buttons[buttons.focus].label == wanted:
            press(app, pygame.K_RETURN)
            return
        press(app, pygame.K_DOWN)
    raise AssertionError(f"no enabled button {wanted!r} in {type(app.top).__name__}")


def button(buttons: ButtonList, label: str) -> Button:
    found = [b for b in buttons.buttons if b.label == label]
    assert found, f"no button {label!r} in {[b.label for b in buttons.buttons]}"
    return found[0]
