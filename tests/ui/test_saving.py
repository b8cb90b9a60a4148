"""Quicksave, quickload, autosave, Continue, replays and a story changed under a save,
driven through the real App as a player would (keys), checked on disk."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.engine import rollback
from game.persist.save_folder import AUTOSAVES_KEPT, SaveFolder
from game.story import load_story
from game.ui.app import App
from game.ui.scenes.notice import NoticeScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.title import TitleScene
from tests.conftest import SAMPLE

from .helpers import DT, choose, press, select, start_new_game, to_decision, top, wait


def folder(app: App) -> SaveFolder:
    return app.saves.folder


def test_f5_quicksaves_with_a_thumbnail_and_f9_brings_the_game_back(app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    to_decision(app)
    saved = app.session.state if app.session else None
    press(app, pygame.K_F5)
    assert app.toast == "Saved: Quicksave" and not app.toast_error
    slot = folder(app).quick()
    assert slot.save is not None and slot.save.state == saved
    assert slot.thumbnail is not None
    picture = pygame.image.load(str(slot.thumbnail))
    assert picture.get_size() == (320, 180)
    choose(app, "refuse")
    assert app.session is not None and app.session.state != saved
    press(app, pygame.K_F9)
    play = top(app, PlayScene)
    assert play.session.state == saved
    assert play.session.state.vars["read_cables"] is True
    assert app.toast == "Loaded: Quicksave"


def test_f9_without_a_quicksave_says_so_and_play_goes_on(app: App) -> None:
    play = start_new_game(app)
    press(app, pygame.K_F9)
    assert app.toast is not None and app.toast.startswith("No quicksave yet")
    assert app.top is play


def test_every_decision_autosaves_and_only_the_last_ten_are_kept(app: App) -> None:
    start_new_game(app)
    assert folder(app).autosaves() == []
    states = []
    for _ in range(AUTOSAVES_KEPT + 3):  # decide, go back, decide again...
        choose(app, "read_cables")
        assert app.session is not None
        states.append(app.session.state)
        press(app, pygame.K_BACKSPACE)
    autos = folder(app).autosaves()
    assert len(autos) == AUTOSAVES_KEPT
    assert [a.name for a in autos][0] == f"auto-{AUTOSAVES_KEPT + 3:06d}"  # newest first
    assert autos[0].save is not None and autos[0].save.state == states[-1]
    assert all(a.thumbnail is not None for a in autos)
    pngs = [p for p in folder(app).folder.iterdir() if p.name.startswith("auto-")
            and p.suffix == ".png"]
    assert len(pngs) == AUTOSAVES_KEPT  # rotated thumbnails go with their saves


def test_a_failing_save_is_a_toast_and_play_goes_on(app: App, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the saves folder should be", encoding="utf-8")
    app.saves.folder = SaveFolder(blocker / "saves")
    play = start_new_game(app)
    press(app, pygame.K_F5)
    assert app.toast_error and app.toast is not None
    assert app.toast.startswith("Could not save")
    choose(app, "read_cables")  # the autosave fails too: one toast, and the game goes on
    assert app.top is play or isinstance(app.top, PlayScene)
    assert app.session is not None and app.session.state.vars["read_cables"] is True


def test_a_full_disk_keeps_the_previous_save(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    start_new_game(app)
    press(app, pygame.K_F5)
    before = folder(app).path("quick").read_bytes()
    choose(app, "read_cables")

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full)
    press(app, pygame.K_F5)
    assert app.toast is not None and "No space left on device" in app.toast
    assert folder(app).path("quick").read_bytes() == before
    assert not [p for p in folder(app).folder.iterdir() if p.name.endswith(".tmp")]


def test_the_toast_goes_by_itself(app: App) -> None:
    start_new_game(app)
    press(app, pygame.K_F5)
    assert app.toast is not None
    wait(app, 5.0)
    assert app.toast is None


def test_continue_on_a_fresh_start_loads_the_latest_save(
        make_app: Callable[..., App], tmp_path: Path) -> None:
    first = make_app(tmp_path)
    start_new_game(first)
    choose(first, "read_cables")  # autosaved as the decision is taken
    assert first.session is not None
    where = first.session.state
    second = make_app(tmp_path)  # the game restarted on the same saves folder
    title = top(second, TitleScene)
    assert title.buttons.buttons[1].enabled  # Continue
    select(second, "continue")
    play = top(second, PlayScene)
    assert play.session.state == where


def test_replay_plays_the_decisions_back_step_by_step_and_hands_over(app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    choose(app, "meet")
    assert app.session is not None
    log = app.session.state.log
    press(app, pygame.K_F5)
    assert app.saves.replay(folder(app).quick())
    pilot = app.autopilot
    assert pilot is not None and pilot.replay and pilot.total == len(log)
    press(app, pygame.K_a)  # pause: nothing moves however long we wait
    assert pilot.paused
    wait(app, 5.0)
    assert app.session is not None and app.session.state.log == ()
    for _ in range(40):  # Space steps: page by page, decision by decision
        if app.session.state.log == log:
            break
        press(app, pygame.K_SPACE)
        while not isinstance(app.top, PlayScene):
            press(app, pygame.K_SPACE)  # the chapter card
    assert app.session.state.log == log
    assert not app.session.replaying or app.autopilot is not None
    press(app, pygame.K_t)  # take over
    assert app.autopilot is None and not app.session.replaying
    assert app.toast is not None and app.toast.startswith("You have taken over")


def test_replay_on_auto_reaches_the_save_and_autosaves_nothing(app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    press(app, pygame.K_F5)
    autos = len(folder(app).autosaves())
    assert app.saves.replay(folder(app).quick())
    for _ in range(400):
        app.step([], 0.2)
        if isinstance(app.top, PlayScene) is False:
            press(app, pygame.K_SPACE)
        if app.autopilot is None:
            break
    assert app.autopilot is None  # caught up, and the game is the player's
    assert app.session is not None and app.session.state.vars["read_cables"] is True
    assert len(folder(app).autosaves()) == autos


def test_taking_over_mid_replay_branches_from_there(app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    choose(app, "meet")
    press(app, pygame.K_F5)
    app.saves.replay(folder(app).quick())
    app.step([], DT)  # the chapter card comes up
    while not isinstance(app.top, PlayScene):
        press(app, pygame.K_SPACE)
    press(app, pygame.K_t)
    choose(app, "refuse")  # a decision the save never made
    assert app.session is not None
    assert [d.choice for d in app.session.state.log] == ["refuse"]


def test_a_save_whose_story_changed_loads_and_says_where(
        make_app: Callable[..., App], tmp_path: Path) -> None:
    app = make_app(tmp_path / "saves")
    start_new_game(app)
    choose(app, "read_cables")
    choose(app, "meet")
    press(app, pygame.K_F5)
    changed = tmp_path / "story"
    shutil.copytree(SAMPLE, changed)
    nodes = changed / "nodes.yaml" if (changed / "nodes.yaml").exists() else next(
        p for p in changed.rglob("*.yaml") if "enabled_if: read_cables" in p.read_text("utf-8"))
    text = nodes.read_text(encoding="utf-8")
    nodes.write_text(text.replace("enabled_if: read_cables", "enabled_if: false"),
                     encoding="utf-8")
    story = load_story(changed).story
    assert story is not None
    app.story = story
    assert app.saves.load(folder(app).quick())
    notice = top(app, NoticeScene)
    assert "Decision 2 of 2 cannot be replayed" in notice.lines[0]
    assert "disabled" in notice.detail and "'meet'" in notice.detail
    press(app, pygame.K_RETURN)
    play = top(app, PlayScene)
    state = play.session.state
    assert state.node == "briefing" and [d.choice for d in state.log] == ["read_cables"]
    assert state == rollback(story, state, 1)  # exactly as it stood before decision 2
    press(app, pygame.K_RETURN)
    app.step([], DT)
    assert app.session is play.session
