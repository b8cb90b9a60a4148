"""`play --choose`: a listed path plays itself in the window at reading pace."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pygame
import pytest

from game.ui.app import App
from game.ui.autopilot import Autopilot
from game.ui.scenes.play import PlayScene
from game.ui.scenes.title import TitleScene
from tests.conftest import ROOT, SAMPLE

from .helpers import top, wait

pytestmark = pytest.mark.runtime  # also run through a save/load round trip


def fly(app: App, ids: list[str], seconds: float = 60.0) -> PlayScene:
    app.autopilot = Autopilot.from_ids(ids, pace=0.2)
    title = app.top
    assert isinstance(title, TitleScene)
    title.start_new()
    wait(app, seconds)
    return top(app, PlayScene)


def test_the_listed_path_plays_to_its_ending(app: App) -> None:
    scene = fly(app, ["read_cables", "meet", "listen"])
    assert scene.session.node.id == "channel_open"
    assert app.autopilot is None  # done: the player has the game back
    assert app.reached_endings == {"channel_open"}
    assert scene.ending_buttons is not None  # the ending card is up, as after playing by hand


def test_a_choice_that_cannot_be_taken_hands_the_game_back(app: App) -> None:
    rendered: list[str] = []
    original = app.fonts.render

    def spy(text: str, size: int, color: Any, role: str = "serif") -> pygame.Surface:
        rendered.append(text)
        return original(text, size, color, role)

    app.fonts.render = spy  # type: ignore[method-assign]
    scene = fly(app, ["meet"])  # 'meet' is greyed until the cables are read
    assert scene.session.node.id == "briefing" and app.autopilot is None
    assert app.toast == app.t("autopilot_stopped")
    assert app.t("autopilot_stopped") in rendered  # the game drew it, with no input needed
    assert scene.choices is not None  # the player can choose now


def test_the_pilot_waits_for_the_page_before_acting() -> None:
    pilot = Autopilot.from_ids(["a"], pace=1.0)
    assert not pilot.due(0.6) and pilot.due(0.5) and not pilot.due(0.1)


def test_play_choose_is_on_the_command_line() -> None:
    out = subprocess.run([sys.executable, "main.py", "play", "--help"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert "--choose" in out and "--pace" in out
    assert SAMPLE.is_dir()


def test_the_last_page_stays_up_before_the_choice_is_taken(app: App) -> None:
    app.settings = app.settings.with_(text_speed="instant")
    app.autopilot = Autopilot.from_ids(["read_cables"], pace=1.0)
    title = app.top
    assert isinstance(title, TitleScene)
    title.start_new()
    wait(app, 4.0)  # the chapter card goes; 'arrival' is a next node: continue to 'briefing'
    scene = top(app, PlayScene)
    assert scene.session.node.id == "briefing" and scene.choices is not None
    assert not scene.session.state.log  # shown, not yet chosen
    wait(app, 1.2)
    assert scene.session.node.id == "cables"
