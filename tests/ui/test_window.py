"""The window: canvas mapping, resizing, focus events."""

from __future__ import annotations

import pygame
import pytest

from game.ui.app import App
from game.ui.scenes.play import PlayScene
from game.ui.scenes.title import TitleScene

from .helpers import DT, click, motion, press, start_new_game, to_decision, top, wait


def resize(app: App, size: tuple[int, int]) -> None:
    """What a player's drag does: SDL resizes the window surface and posts VIDEORESIZE."""
    app.window = pygame.display.set_mode(size, pygame.RESIZABLE)
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size)], DT)


def to_window(app: App, canvas: tuple[int, int]) -> tuple[int, int]:
    scale, ox, oy, _, _ = app.viewport()
    return (round(ox + (canvas[0] + 0.5) * scale), round(oy + (canvas[1] + 0.5) * scale))


def test_at_the_default_size_window_is_canvas(app: App) -> None:
    assert app.window.get_size() == (1280, 720)
    assert app.viewport() == (1.0, 0, 0, 1280, 720)
    for pos in [(0, 0), (640, 360), (1279, 719)]:
        assert app.to_canvas(pos) == pos


@pytest.mark.parametrize(("size", "window_pos", "canvas_pos"), [
    ((1920, 1080), (960, 540), (640, 360)),
    ((1920, 1080), (0, 0), (0, 0)),
    ((1920, 1200), (0, 60), (0, 0)),  # letterbox: bars top and bottom
    ((1920, 1200), (1919, 1139), (1279, 719)),
    ((1000, 1000), (500, 219), (640, 0)),  # 1280x720 shown as 1000x562 at y 219
    ((2000, 720), (360, 0), (0, 0)),  # pillarbox: bars left and right
    ((2000, 720), (0, 0), (-360, 0)),  # in the bar: outside the canvas
    ((640, 360), (320, 180), (640, 360)),
])
def test_to_canvas_scales_and_letterboxes(app: App, size: tuple[int, int],
                                          window_pos: tuple[int, int],
                                          canvas_pos: tuple[int, int]) -> None:
    app.window = pygame.display.set_mode(size, pygame.RESIZABLE)
    assert app.to_canvas(window_pos) == canvas_pos


def test_a_tiny_window_maps_clicks_and_draws(app: App) -> None:
    resize(app, (200, 150))
    assert app.windowed_size == (200, 150)
    scale, ox, oy, w, h = app.viewport()
    assert scale == pytest.approx(200 / 1280)
    assert (ox, w) == (0, 200)
    assert h == round(720 * scale) and oy == (150 - h) // 2
    assert app.to_canvas((100, 75)) == (640, 358)
    assert app.to_canvas((0, oy)) == (0, 0)
    assert app.dirty is False  # the resize was drawn
    title = top(app, TitleScene)
    new_game = title.buttons.buttons[0].rect
    target = to_window(app, new_game.center)
    assert new_game.collidepoint(app.to_canvas(target))
    app.step([motion(target)], DT)
    assert title.buttons.hover == 0
    app.step([click(target)], DT)
    play = top(app, PlayScene) if isinstance(app.top, PlayScene) else app.stack[0]
    assert isinstance(play, PlayScene)
    wait(app, 3)
    to_decision(app)
    app.step([], DT)
    assert app.window.get_size() == (200, 150)
    resize(app, (1280, 720))
    assert app.to_canvas((640, 360)) == (640, 360)


def test_draw_survives_odd_window_sizes(app: App) -> None:
    start_new_game(app)
    to_decision(app)
    for size in [(1, 1), (200, 150), (3000, 200), (150, 900), (1281, 721)]:
        resize(app, size)
        app.draw()
        app.step([click((size[0] // 2, size[1] // 2), button=3)], DT)
    assert isinstance(app.top, PlayScene)


def test_focus_lost_and_regained_change_nothing(app: App) -> None:
    play = start_new_game(app)
    app.step([], 0.2)
    state, revealed = play.session.state, play.revealed
    events = [pygame.event.Event(t) for t in (
        pygame.WINDOWFOCUSLOST, pygame.WINDOWLEAVE, pygame.WINDOWMINIMIZED, pygame.ACTIVEEVENT,
        pygame.WINDOWRESTORED, pygame.WINDOWENTER, pygame.WINDOWEXPOSED,
        pygame.WINDOWFOCUSGAINED)]
    app.step(events, 0.0)
    assert app.stack == [play]
    assert play.session.state is state and play.revealed == revealed
    press(app, pygame.K_ESCAPE)
    app.step([pygame.event.Event(pygame.WINDOWFOCUSLOST)], DT)
    app.step([pygame.event.Event(pygame.WINDOWFOCUSGAINED)], DT)
    press(app, pygame.K_RETURN)  # Resume
    assert app.stack == [play]
    assert app.running


def test_key_release_and_text_input_events_are_ignored(app: App) -> None:
    play = start_new_game(app)
    app.step([pygame.event.Event(pygame.KEYUP, key=pygame.K_RETURN, mod=0, unicode="",
                                 scancode=0),
              pygame.event.Event(pygame.TEXTINPUT, text="h"),
              pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(640, 360), button=1, touch=False)],
             DT)
    assert app.stack == [play]
    assert not play.page_complete


def test_quit_event_stops_the_loop(app: App) -> None:
    start_new_game(app)
    app.step([pygame.event.Event(pygame.QUIT), pygame.event.Event(pygame.KEYDOWN,
              key=pygame.K_RETURN, mod=0, unicode="", scancode=0)], DT)
    assert app.running is False
    assert isinstance(app.top, PlayScene)
    assert top(app, PlayScene).page_complete is False  # the Enter after QUIT was not handled
