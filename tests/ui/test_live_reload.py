"""Live reload, as an author sees it: the game runs on a copy of the sample story, the test
edits the YAML on disk, lets the app poll, and reads what is on the screen."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from game.persist.save_folder import SaveFolder
from game.story import load_story
from game.ui.app import App
from game.ui.live_reload import LiveReload
from game.ui.scenes.diagnostics import DiagnosticsScene
from game.ui.scenes.flowchart import FlowchartScene
from game.ui.scenes.history import HistoryScene
from game.ui.scenes.menu import MenuScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.reload_problem import ReloadProblemScene
from game.ui.scenes.title import TitleScene
from tests.conftest import SAMPLE

from .helpers import (
    DT,
    choice_ids,
    choose,
    click,
    drawn_texts,
    key,
    labels,
    press,
    start_new_game,
    to_decision,
    top,
    visible_text,
)

POLL = 0.5
TYPO = "        goto: cables\n"


class Author:
    """Edits the story files of the running game, each write stamped later than the last
    (a same-second write on a coarse file system must still count)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.writes = 0

    def write(self, name: str, text: str) -> None:
        path = self.folder / name
        path.write_text(text, encoding="utf-8")
        self.writes += 1
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + self.writes * 2_000_000_000))

    def edit(self, name: str, old: str, new: str) -> None:
        text = (self.folder / name).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        self.write(name, text.replace(old, new, 1))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "story"))


@pytest.fixture
def author(folder: Path) -> Author:
    return Author(folder)


@pytest.fixture
def live_app(folder: Path, tmp_path: Path) -> Iterator[Callable[..., App]]:
    def make(lang: str | None = None) -> App:
        result = load_story(folder)
        app = App(result.story, lang=lang, seed=7, settings_dir=tmp_path / "saves")
        app.live = LiveReload(app, folder, interval=POLL)
        if result.story is None:
            app.replace(DiagnosticsScene(app, result.diagnostics))
        else:
            app.replace(TitleScene(app))
        app.step([], 0.0)
        return app

    yield make
    pygame.display.quit()


@pytest.fixture
def app(live_app: Callable[..., App]) -> App:
    return live_app()


def polls(app: App, n: int = 3) -> None:
    """Let `n` poll intervals pass: a change is seen at one poll and applied at the next."""
    for _ in range(n):
        app.step([], POLL)


def at_briefing_again(app: App) -> PlayScene:
    """Read the cables, come back to the briefing: trust 1, read_cables true, one decision."""
    start_new_game(app)
    choose(app, "read_cables")
    play = to_decision(app)
    assert play.session.state.node == "briefing"
    return play


def snapshot(play: PlayScene) -> tuple[object, ...]:
    s = play.session.state
    return (s.node, dict(s.vars), dict(s.visits), s.once_taken, s.seed, s.rolls, s.log)


def test_editing_the_text_on_screen_shows_it_at_once_in_the_same_place(
        app: App, author: Author) -> None:
    play = at_briefing_again(app)
    before = snapshot(play)
    old_story = app.story
    author.edit("prologue.yaml", "A Swedish banker called this morning.",
                "A Swedish banker telephoned at dawn.")
    app.step([], POLL)
    assert app.story is old_story  # seen once: waiting for the file to settle
    polls(app)
    assert app.story is not old_story
    play = top(app, PlayScene)
    assert snapshot(play) == before  # same node, same state, same log
    assert "A Swedish banker telephoned at dawn." in visible_text(play)
    assert choice_ids(play) == ["send_courier", "meet", "refuse"]
    assert labels(play.choices)[1] == "Agree to meet the Soviet envoy"
    assert app.toast == "Story reloaded: 1 file changed" and not app.toast_error


def test_a_new_choice_on_the_node_is_offered_and_can_be_taken(app: App, author: Author) -> None:
    at_briefing_again(app)
    author.edit("prologue.yaml", "      - id: refuse\n",
                "      - id: wait\n        text: {en: Wait for spring, ja: 春を待つ}\n"
                "        goto: refusal\n      - id: refuse\n")
    polls(app)
    play = top(app, PlayScene)
    assert choice_ids(play) == ["send_courier", "meet", "wait", "refuse"]
    assert "Wait for spring" in labels(play.choices)
    play = choose(app, "wait")
    assert play.session.state.node == "refusal"


def test_a_typo_lists_every_diagnostic_and_the_old_story_plays_on(
        app: App, author: Author, folder: Path) -> None:
    play = at_briefing_again(app)
    old_story, before = app.story, snapshot(play)
    author.edit("prologue.yaml", TYPO, "        goto: cabels\n")
    polls(app)
    overlay = top(app, ReloadProblemScene)
    shown = " ".join(overlay.texts)
    expected = load_story(folder).errors
    assert expected
    for d in expected:  # file:line:col: error: message [CODE], as `check` prints it
        assert f"{d.file}:{d.line}:{d.col}: error:" in shown and f"[{d.code}]" in shown
    lines = (folder / "prologue.yaml").read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if "cabels" in line)
    assert f"prologue.yaml:{row + 1}:{lines[row].index('cabels') + 1}: error:" in shown
    assert "[E012]" in shown
    drawn = drawn_texts(app)
    assert "The edited story has errors: still playing the last good version" in drawn
    assert app.story is old_story and play.session.story is old_story
    assert snapshot(play) == before
    press(app, pygame.K_ESCAPE)  # closes the overlay, not the game, and opens no menu
    play = top(app, PlayScene)
    play = choose(app, "send_courier")  # the old story plays on
    assert play.session.state.node == "courier"


def test_the_overlay_closes_with_a_click_and_goes_by_itself_once_fixed(
        app: App, author: Author) -> None:
    at_briefing_again(app)
    author.edit("prologue.yaml", TYPO, "        goto: cabels\n")
    polls(app)
    top(app, ReloadProblemScene)
    app.step([click((640, 360))], DT)
    top(app, PlayScene)
    author.edit("prologue.yaml", "goto: cabels", "goto: cables")
    polls(app)
    assert app.toast == "Story reloaded: 1 file changed"
    # broken again and left open, then fixed: the overlay goes by itself
    author.edit("prologue.yaml", TYPO, "        goto: cabels\n")
    polls(app)
    top(app, ReloadProblemScene)
    assert app.toast is None  # the earlier "reloaded" does not stand beside it
    author.edit("prologue.yaml", "goto: cabels", "goto: cables")
    polls(app)
    assert not any(isinstance(s, ReloadProblemScene) for s in app.stack)
    assert top(app, PlayScene).session.state.node == "briefing"


def test_ctrl_r_reloads_at_once_and_says_when_nothing_changed(app: App, author: Author) -> None:
    at_briefing_again(app)
    app.step([key(pygame.K_r, pygame.KMOD_LCTRL)], DT)
    assert app.toast == "Story reloaded: no changes"
    old_story = app.story
    author.edit("prologue.yaml", "Refuse the contact", "Refuse the contact outright")
    app.step([key(pygame.K_r, pygame.KMOD_LCTRL)], DT)  # no waiting for a poll
    assert app.story is not old_story
    assert "Refuse the contact outright" in labels(top(app, PlayScene).choices)
    assert app.toast == "Story reloaded: 1 file changed"
    polls(app)  # the poll has nothing left to do
    assert app.toast == "Story reloaded: 1 file changed"


def test_a_plain_r_is_not_a_reload(app: App, author: Author) -> None:
    at_briefing_again(app)
    story = app.story
    author.edit("prologue.yaml", "Refuse the contact", "Refuse the contact outright")
    press(app, pygame.K_r)
    assert app.story is story


def test_removing_the_node_on_screen_keeps_the_player_on_the_old_story(
        app: App, author: Author) -> None:
    play = at_briefing_again(app)
    old_story, before = app.story, snapshot(play)
    text = (author.folder / "prologue.yaml").read_text(encoding="utf-8")
    author.write("prologue.yaml", text.replace("briefing", "the_briefing"))
    polls(app)
    overlay = top(app, ReloadProblemScene)
    assert "'briefing'" in " ".join(overlay.texts) and "renamed" in " ".join(overlay.texts)
    assert app.story is old_story and snapshot(play) == before
    press(app, pygame.K_ESCAPE)
    assert top(app, PlayScene).session.state.node == "briefing"
    author.write("prologue.yaml", text)
    polls(app)
    assert app.story is not old_story and top(app, PlayScene) is play
    assert snapshot(play) == before


def test_a_variable_clamped_by_the_edit_is_named_in_the_toast(app: App, author: Author) -> None:
    play = at_briefing_again(app)
    assert play.session.state.vars["soviet_trust"] == 1
    author.edit("story.yaml", "default: 0, min: -5, max: 5", "default: 0, min: -5, max: 0")
    author.edit("story.yaml", "tokyo_patience:", "mood: {type: int, default: 2}\n  tokyo_patience:")
    polls(app)
    state = top(app, PlayScene).session.state
    assert state.vars["soviet_trust"] == 0 and state.vars["mood"] == 2
    assert app.toast == "Story reloaded: 1 file changed · soviet_trust 1 → 0 · mood is new (2)"


def test_a_new_file_and_a_link_to_it(app: App, author: Author) -> None:
    at_briefing_again(app)
    author.write("epilogue.yml", "nodes:\n  spring:\n    text: {en: Spring comes., ja: 春。}\n"
                                 "    ending: channel_closed\n")
    author.edit("prologue.yaml", "        goto: refusal\n", "        goto: spring\n")
    polls(app)
    assert app.toast == "Story reloaded: 2 files changed"
    play = choose(app, "refuse")
    assert play.session.state.node == "spring"
    (author.folder / "epilogue.yml").unlink()
    polls(app)  # the node on screen is gone with its file
    assert "'spring'" in " ".join(top(app, ReloadProblemScene).texts)


def test_back_after_the_choice_taken_was_removed(app: App, author: Author) -> None:
    at_briefing_again(app)
    choose(app, "send_courier")
    assert to_decision(app).session.state.node == "briefing"  # back from the courier
    author.edit("prologue.yaml", "      - id: read_cables\n", "      - id: read_the_cables\n")
    polls(app)
    play = top(app, PlayScene)
    assert [d.choice for d in play.session.state.log] == ["read_cables", "send_courier"]
    assert play.session.state.once_taken == {("briefing", "send_courier")}  # the gone one: out
    press(app, pygame.K_BACKSPACE)  # back to decision 2 would replay decision 1: gone
    play = top(app, PlayScene)
    assert play.session.state.node == "briefing" and play.session.state.log == ()
    assert app.toast == ("The story was edited: decision 1 no longer replays, so you are "
                         "back just before it")
    assert play.session.state.vars["read_cables"] is False  # the start, as the story has it
    assert choice_ids(play) == ["read_the_cables", "send_courier", "meet", "refuse"]


def test_history_after_a_reload(app: App, author: Author) -> None:
    at_briefing_again(app)
    author.edit("prologue.yaml", "      - id: read_cables\n", "      - id: read_the_cables\n")
    polls(app)
    press(app, pygame.K_h)
    top(app, HistoryScene)


@pytest.mark.parametrize("opener", [pygame.K_ESCAPE, pygame.K_TAB, pygame.K_h])
def test_a_reload_under_an_overlay_reaches_the_play_screen(app: App, author: Author,
                                                           opener: int) -> None:
    at_briefing_again(app)
    press(app, opener)
    cover = app.top
    author.edit("prologue.yaml", "A Swedish banker called this morning.",
                "A Swedish banker called at noon.")
    polls(app)
    assert app.top is cover
    press(app, pygame.K_ESCAPE)
    if isinstance(app.top, MenuScene):
        press(app, pygame.K_ESCAPE)
    assert "A Swedish banker called at noon." in visible_text(top(app, PlayScene))


def test_a_reload_under_the_flowchart_lays_it_out_anew(app: App, author: Author) -> None:
    at_briefing_again(app)
    old_chart = FlowchartScene(app)
    app.push(old_chart)
    text = (author.folder / "prologue.yaml").read_text(encoding="utf-8")
    author.write("prologue.yaml", text.replace("cables", "telegrams").replace(
        "read_telegrams", "read_cables"))  # a visited node renamed
    polls(app)
    chart = top(app, FlowchartScene)
    assert chart is not old_chart
    app.draw()
    assert "cables" not in chart.visited


def test_a_reload_on_the_title_screen(app: App, author: Author) -> None:
    author.edit("prologue.yaml", "Snow lies on", "Snow falls on")
    polls(app)
    assert isinstance(app.top, TitleScene) and app.toast == "Story reloaded: 1 file changed"
    start_new_game(app)
    assert "Snow falls on" in " ".join(top(app, PlayScene).lines)


def test_a_chapter_card_whose_chapter_was_removed_goes(app: App, author: Author) -> None:
    press(app, pygame.K_RETURN)  # New game: the chapter card is up
    author.edit("story.yaml", 'chapters:\n  prologue: {title: {en: "Prologue. A Winter Posting", '
                'ja: "序章　冬の赴任"}}\n', "")
    author.edit("prologue.yaml", "  chapter: prologue\n", "")
    polls(app)
    top(app, PlayScene)


def test_a_game_started_on_a_broken_story_starts_once_it_is_fixed(
        live_app: Callable[..., App], author: Author) -> None:
    author.edit("prologue.yaml", TYPO, "        goto: cabels\n")
    app = live_app()
    scene = top(app, DiagnosticsScene)
    assert "Fix the story and save: the game starts by itself (Ctrl+R reloads)" in drawn_texts(app)
    press(app, pygame.K_LCTRL)  # the Ctrl of Ctrl+R does not quit
    assert app.running
    author.edit("prologue.yaml", "  cables:\n", "  cables_:\n")  # still broken, differently
    polls(app)
    assert top(app, DiagnosticsScene) is not scene
    assert any("cables_" in line.text for line in top(app, DiagnosticsScene).view.lines)
    author.edit("prologue.yaml", "  cables_:\n", "  cables:\n")
    author.edit("prologue.yaml", "goto: cabels", "goto: cables")
    polls(app)
    top(app, TitleScene)
    assert app.story is not None
    start_new_game(app)
    assert to_decision(app).session.state.node == "briefing"


def test_ctrl_r_on_the_launch_diagnostics(live_app: Callable[..., App], author: Author) -> None:
    author.edit("prologue.yaml", TYPO, "        goto: cabels\n")
    app = live_app()
    author.edit("prologue.yaml", "goto: cabels", "goto: cables")
    app.step([key(pygame.K_r, pygame.KMOD_LCTRL)], DT)
    assert app.running
    top(app, TitleScene)


def test_autosaves_after_a_reload_record_the_new_story_and_load(
        app: App, author: Author, tmp_path: Path) -> None:
    at_briefing_again(app)
    author.edit("prologue.yaml", "A Swedish banker called this morning.",
                "A Swedish banker telephoned at dawn.")
    polls(app)
    assert app.story is not None
    new_hash = app.story.content_hash
    choose(app, "send_courier")
    newest = SaveFolder(tmp_path / "saves").autosaves(limit=1)[0]
    assert newest.save is not None and newest.save.story.hash == new_hash
    assert app.saves.load(newest)
    assert not any(type(s).__name__ == "NoticeScene" for s in app.stack)  # no divergence


def test_the_toast_and_the_overlay_in_japanese(live_app: Callable[..., App],
                                               author: Author) -> None:
    app = live_app(lang="ja")
    at_briefing_again(app)
    author.edit("prologue.yaml", "まず電報の控えに目を通す", "まず電報の控えを読む")
    polls(app)
    assert app.toast == "物語を再読み込みしました：1ファイル変更"
    assert "まず電報の控えを読む" not in labels(top(app, PlayScene).choices)  # once: taken
    author.edit("prologue.yaml", TYPO, "        goto: cabels\n")
    polls(app)
    top(app, ReloadProblemScene)
    drawn = drawn_texts(app)
    assert "編集後の物語にエラーがあります。直前の正常な版で続行中" in drawn
    assert any("[E012]" in t for t in drawn)
