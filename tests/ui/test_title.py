"""The title screen by keyboard and mouse."""

from __future__ import annotations

import pygame

from game.ui.app import App
from game.ui.scenes.chapter_card import ChapterCard
from game.ui.scenes.endings import EndingsScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.title import TitleScene

from .helpers import click_at, click_button, focused_label, labels, motion, press, top


def test_title_lists_its_buttons_with_continue_disabled_without_a_save(app: App) -> None:
    title = top(app, TitleScene)
    assert labels(title.buttons) == ["New game", "Continue", "Load", "Endings", "Settings", "Quit"]
    assert [b.enabled for b in title.buttons.buttons] == [True, False, True, True, True, True]
    assert focused_label(title.buttons) == "New game"
    assert app.session is None


def test_arrows_skip_the_disabled_buttons_and_wrap(app: App) -> None:
    title = top(app, TitleScene)
    press(app, pygame.K_DOWN)
    assert focused_label(title.buttons) == "Load"  # not Continue: there is no save yet
    press(app, pygame.K_DOWN, pygame.K_DOWN, pygame.K_DOWN)
    assert focused_label(title.buttons) == "Quit"
    press(app, pygame.K_DOWN)
    assert focused_label(title.buttons) == "New game"
    press(app, pygame.K_UP)
    assert focused_label(title.buttons) == "Quit"
    press(app, pygame.K_UP, pygame.K_UP, pygame.K_UP, pygame.K_UP)
    assert focused_label(title.buttons) == "New game"  # up from Load skips Continue


def test_enter_starts_a_new_game_with_the_chapter_card(app: App) -> None:
    press(app, pygame.K_RETURN)
    assert app.session is not None
    assert app.session.state.node == "arrival"
    assert isinstance(app.stack[0], PlayScene)
    assert isinstance(app.top, ChapterCard)


def test_escape_quits(app: App) -> None:
    press(app, pygame.K_ESCAPE)
    assert app.running is False


def test_enter_on_quit_quits(app: App) -> None:
    press(app, pygame.K_UP, pygame.K_RETURN)
    assert app.running is False


def test_click_on_new_game_starts(app: App) -> None:
    title = top(app, TitleScene)
    click_button(app, title.buttons.buttons[0])
    assert app.session is not None
    assert isinstance(app.stack[0], PlayScene)


def test_click_on_disabled_continue_or_outside_does_nothing(app: App) -> None:
    title = top(app, TitleScene)
    click_button(app, title.buttons.buttons[1])  # Continue, disabled
    click_at(app, (20, 20))
    assert app.top is title
    assert app.session is None
    assert app.running


def test_hover_moves_the_focus_but_not_onto_a_disabled_button(app: App) -> None:
    title = top(app, TitleScene)
    app.step([motion(title.buttons.buttons[4].rect.center)], 0.05)
    assert focused_label(title.buttons) == "Settings"
    assert title.buttons.hover == 4
    app.step([motion(title.buttons.buttons[1].rect.center)], 0.05)
    assert title.buttons.hover == 1
    assert focused_label(title.buttons) == "Settings"  # the disabled Continue takes no focus
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, SettingsScene)


def test_click_on_quit_quits(app: App) -> None:
    title = top(app, TitleScene)
    click_button(app, title.buttons.buttons[5])
    assert app.running is False


def test_endings_and_settings_open_over_the_title(app: App) -> None:
    title = top(app, TitleScene)
    click_button(app, title.buttons.buttons[3])
    assert isinstance(app.top, EndingsScene)
    assert app.stack[0] is title
    press(app, pygame.K_ESCAPE)
    assert app.stack == [title]
    assert app.running  # Esc closed the gallery; it did not reach the title
    click_button(app, title.buttons.buttons[4])
    assert isinstance(app.top, SettingsScene)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, TitleScene)
