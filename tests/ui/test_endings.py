"""Endings: the ending card with its button, and the gallery."""

from __future__ import annotations

import pygame

from game.engine import Status
from game.ui.app import App
from game.ui.scenes.endings import EndingsScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.title import TitleScene

from .helpers import (
    choose,
    click_at,
    click_button,
    drawn_texts,
    labels,
    press,
    start_new_game,
    top,
    wait,
)


def test_refusing_reaches_the_closed_ending_with_a_return_button(app: App) -> None:
    start_new_game(app)
    play = choose(app, "refuse")
    assert play.session.state.node == "refusal"
    assert play.status is Status.ENDING
    assert play.ending_buttons is None  # the passage is read first
    assert play.choices is None
    wait(app, 5)
    assert play.text_done
    assert labels(play.ending_buttons) == ["Return to title"]
    assert play.ending_buttons is not None
    assert play.ending_buttons.focus == 0
    app.step([], 0.05)  # the card draws
    click_at(app, (100, 100))  # a click beside the button does nothing
    assert app.top is play
    click_button(app, play.ending_buttons.buttons[0])
    title = top(app, TitleScene)
    assert app.stack == [title]
    assert title.buttons.buttons[1].enabled  # Continue: back to the ending


def test_enter_takes_the_return_button(app: App) -> None:
    start_new_game(app)
    play = choose(app, "refuse")
    press(app, pygame.K_RETURN)  # completes the passage
    assert play.ending_buttons is not None
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, TitleScene)


def test_the_gallery_lists_the_ending_reached(app: App) -> None:
    title = top(app, TitleScene)
    click_button(app, title.buttons.buttons[3])
    assert isinstance(app.top, EndingsScene)
    assert app.reached_endings == set()
    texts = drawn_texts(app)
    assert texts.count("? ? ?") == 2 and texts.count("Not yet found") == 2
    assert "The Channel Opens" not in texts
    press(app, pygame.K_ESCAPE)
    start_new_game(app)
    choose(app, "read_cables")
    choose(app, "meet")
    play = choose(app, "listen")
    assert play.session.state.node == "channel_open"
    wait(app, 5)
    assert play.lines == ["Trust 2. Article 2: open. The channel is open."]
    assert app.reached_endings == {"channel_open"}
    press(app, pygame.K_RETURN)
    title = top(app, TitleScene)
    press(app, pygame.K_DOWN, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, EndingsScene)
    texts = drawn_texts(app)
    assert texts[-5:] == ["Endings",  # the gallery's title, drawn over the title screen
                          "The Channel Opens", "You answered the feeler and the talks began.",
                          "? ? ?", "Not yet found"]
    click_at(app, (640, 360))  # any click closes the gallery
    assert app.stack == [title]


def test_the_gallery_draws_reached_and_unreached_endings(app: App) -> None:
    start_new_game(app)
    choose(app, "refuse")
    assert app.reached_endings == {"channel_closed"}
    press(app, pygame.K_BACKSPACE)
    choose(app, "read_cables")
    choose(app, "meet")
    choose(app, "busan_first")
    assert app.reached_endings == {"channel_closed", "channel_open"}
    play = top(app, PlayScene)
    assert play.session.state.vars["busan_clause"] == "agreed"
    press(app, pygame.K_RETURN, pygame.K_RETURN)
    press(app, pygame.K_DOWN, pygame.K_DOWN, pygame.K_RETURN)  # Continue, Endings
    assert isinstance(app.top, EndingsScene)
    texts = drawn_texts(app)
    assert "? ? ?" not in texts
    assert {"The Channel Opens", "The Channel Closes"} <= set(texts)
    app.apply_settings(app.settings.with_(language="ja"))
    assert {"回路開く", "回路閉ざす", "エンディング"} <= set(drawn_texts(app))
