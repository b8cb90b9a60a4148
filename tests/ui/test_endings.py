"""Endings: the ending card with its button, and the gallery of every ending ever reached."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

import pygame

from game.engine import Status
from game.persist.progress import Progress, StoryProgress, save_progress
from game.story import Story, load_story
from game.ui.app import App
from game.ui.scenes.endings import EndingsScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.title import TitleScene
from game.ui.session import format_date
from tests.conftest import ROOT

from .helpers import (
    DT,
    choose,
    click_at,
    click_button,
    drawn_texts,
    key,
    labels,
    press,
    select,
    start_new_game,
    top,
    wait,
    wheel,
)

HINT = "Learn what Moscow has said before you answer the feeler."


def open_gallery(app: App) -> EndingsScene:
    top(app, TitleScene)
    select(app, "endings")
    return top(app, EndingsScene)


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


def test_an_ending_not_found_shows_its_hint_and_nothing_of_itself(app: App) -> None:
    open_gallery(app)
    assert app.reached_endings == set()
    texts = drawn_texts(app)
    assert texts.count("? ? ?") == 2 and texts.count("Not yet found") == 2
    assert "0 of 2 found" in texts
    assert HINT in texts  # the story gives a hint for one ending
    assert not {"The Channel Opens", "The Channel Closes"} & set(texts)
    assert not any("answered the feeler" in t or "unanswered" in t for t in texts)
    click_at(app, (640, 360))  # any click closes the gallery
    assert isinstance(app.top, TitleScene)


def test_the_gallery_lists_the_ending_reached_with_the_day(app: App) -> None:
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
    gallery = open_gallery(app)
    first = app.saves.story_progress().endings["channel_open"]
    texts = drawn_texts(app)
    day = "first reached " + format_date(first[:10], "en")
    assert texts[-7:] == [
        "Endings", "1 of 2 found",  # the gallery, drawn over the title screen
        "The Channel Opens", day, "You answered the feeler and the talks began.",
        "? ? ?", "Not yet found"]
    assert HINT not in texts  # found: its hint has done its work
    press(app, pygame.K_ESCAPE)
    assert app.stack == [title]
    assert gallery not in app.stack


def test_endings_reached_are_remembered_after_a_restart(
        make_app: Callable[..., App], tmp_path: Path) -> None:
    app = make_app()
    start_new_game(app)
    choose(app, "refuse")
    assert app.reached_endings == {"channel_closed"}
    press(app, pygame.K_BACKSPACE)
    choose(app, "read_cables")
    choose(app, "meet")
    choose(app, "busan_first")
    assert app.reached_endings == {"channel_closed", "channel_open"}
    assert top(app, PlayScene).session.state.vars["busan_clause"] == "agreed"

    again = make_app()  # the game started anew, on the same saves folder
    assert again.session is None
    assert again.reached_endings == {"channel_closed", "channel_open"}
    open_gallery(again)
    texts = drawn_texts(again)
    assert "? ? ?" not in texts and HINT not in texts
    assert {"The Channel Opens", "The Channel Closes", "2 of 2 found"} <= set(texts)
    again.apply_settings(again.settings.with_(language="ja"))
    texts = drawn_texts(again)
    assert {"回路開く", "回路閉ざす", "エンディング", "2件中2件到達"} <= set(texts)
    assert any(t.startswith("初到達 ") and t.endswith("日") for t in texts)


def test_the_day_first_reached_comes_from_the_progress_file(
        make_app: Callable[..., App], tmp_path: Path, story: Story) -> None:
    reached = StoryProgress(endings=MappingProxyType({"channel_closed":
                                                     "1987-05-04T10:00:00Z"}))
    save_progress(tmp_path, Progress(MappingProxyType({story.id: reached})))
    app = make_app(lang="ja")
    open_gallery(app)
    texts = drawn_texts(app)
    assert "初到達 1987年5月4日" in texts
    assert "打診に答える前に、モスクワの出方を知っておこう。" in texts  # the other's hint


def test_nine_endings_fit_or_scroll(tmp_path: Path) -> None:
    shipped = load_story(ROOT / "story").story
    assert shipped is not None
    app = App(shipped, seed=0, settings_dir=tmp_path)
    try:
        app.replace(TitleScene(app))
        gallery = EndingsScene(app)
        app.push(gallery)
        app.step([], DT)
        texts = drawn_texts(app)
        assert texts.count("? ? ?") == 9 == len(shipped.endings)
        hints = [e.hint.by_lang["en"].segments[0] for e in shipped.endings.values() if e.hint]
        joined = " ".join(texts)  # the lines as wrapped, joined again
        assert len(hints) == 9 and all(h in joined for h in hints)  # every one, in full
        drawn = [p for p in gallery.pieces if p.y + p.size > gallery.offset + gallery.view.height]
        if drawn:  # what does not fit can be scrolled to
            app.step([wheel(-30)], DT)
            assert gallery.offset == gallery.max_offset > 0
            app.step([key(pygame.K_HOME)], DT)
            assert gallery.offset == 0
        assert all(p.x + app.fonts.measure(p.size)(p.text) <= gallery.view.width
                   for p in gallery.pieces)
    finally:
        pygame.display.quit()
