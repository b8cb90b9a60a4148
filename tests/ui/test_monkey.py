"""The monkey test (issue 8): random input into the real scene stack, headless.

A short, seeded run in CI (3,000 events); the whole 20,000 with
`MONKEY_EVENTS=20000 python -m pytest tests/ui/test_monkey.py` or, with a table,
`python bench/monkey.py --events 20000`. `MONKEY_SEED` picks another seed. A failure
prints the seed and the last events (tests/ui/monkey.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.story import Story
from game.ui.app import App
from game.ui.fonts import MAX_LINE_BYTES
from game.ui.frames import _MAX_CACHED
from game.ui.map_view import _CACHE_SIZE
from game.ui.scenes.confirm import ConfirmScene
from game.ui.scenes.menu import MenuScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.title import TitleScene
from tests.ui.helpers import DT, button, click_button, key, press, start_new_game
from tests.ui.monkey import Monkey, MonkeyReport

ROOT = Path(__file__).resolve().parents[2]
EVENTS = int(os.environ.get("MONKEY_EVENTS", "3000"))
SEED = int(os.environ.get("MONKEY_SEED", "1"))
MAX_GROWTH_MB = 10.0


@pytest.fixture(scope="module")
def report(shipped: Story, tmp_path_factory: pytest.TempPathFactory) -> MonkeyReport:
    """One run shared by the tests below (it is the expensive part)."""
    folder = tmp_path_factory.mktemp("monkey")
    checkpoint = max(250, EVENTS // 10)
    try:
        return Monkey(shipped, folder, SEED, checkpoint=checkpoint).run(EVENTS)
    finally:
        pygame.display.quit()


def test_the_monkey_crashes_nothing(report: MonkeyReport) -> None:
    """MonkeyCrash (with the seed and the last events) would have been raised instead."""
    assert report.events >= EVENTS
    print(report.table())


def test_the_monkey_gets_deep_into_the_game(report: MonkeyReport) -> None:
    """Random input, but enough of it on real buttons to play on: chapters, overlays, saves."""
    assert len(report.chapters) >= 2, report.table()
    assert len(report.nodes) >= 15, report.table()
    for scene in ("TitleScene", "ChapterCard", "PlayScene", "MenuScene", "DossierScene",
                  "HistoryScene", "SaveLoadScene", "SettingsScene", "ConfirmScene"):
        assert report.scenes[scene] > 0, f"{scene} never opened\n{report.table()}"
    assert report.actions["settings changed"] > 0, report.table()
    saved = report.actions["save_to"] + report.actions["save_to (refused)"]
    loaded = sum(report.actions[k] for k in ("load", "quickload", "load (refused)",
                                             "quickload (refused)"))
    assert saved + loaded > 0, report.table()


def test_the_monkey_leaks_nothing(report: MonkeyReport) -> None:
    """Outside the UI's bounded caches, memory in the second half of the run rises less than
    MAX_GROWTH_MB above the first half's peak, and not checkpoint after checkpoint; every
    cache stays within its bound; an App that quit is freed."""
    assert report.growth() < MAX_GROWTH_MB, report.table()
    assert not report.steadily_growing(), report.table()
    for c in report.checkpoints:
        assert c.caches["apps alive"] == 1, "an App that quit was not freed by the restart"
        assert c.caches["text lines"] <= 2048
        assert c.caches["text line MB"] <= MAX_LINE_BYTES // (1024 * 1024)
        assert c.caches["paper"] <= _MAX_CACHED
        assert c.caches["veils"] <= 257
        assert c.caches["maps"] <= _CACHE_SIZE
        assert c.caches["front maps"] <= 64


# -- quitting: the monkey mostly ignores it, so it is proved here ----------------------------

@pytest.fixture
def app(shipped: Story, tmp_path: Path) -> Iterator[App]:
    app = App(shipped, seed=7, settings_dir=tmp_path)
    app.replace(TitleScene(app))
    app.step([], 0.0)
    yield app
    pygame.display.quit()


def test_a_quit_event_stops_the_app_before_the_next_event(app: App) -> None:
    app.step([pygame.event.Event(pygame.QUIT), key(pygame.K_RETURN)], DT)
    assert not app.running
    assert isinstance(app.top, TitleScene)  # the Enter after it was not handled


def test_quit_on_the_title(app: App) -> None:
    title = app.top
    assert isinstance(title, TitleScene)
    click_button(app, button(title.buttons, app.t("quit")))
    assert not app.running


def test_quit_from_the_menu_asks_first(app: App) -> None:
    start_new_game(app)
    press(app, pygame.K_ESCAPE)
    menu = app.top
    assert isinstance(menu, MenuScene)
    click_button(app, button(menu.buttons, app.t("quit")))
    confirm = app.top
    assert isinstance(confirm, ConfirmScene)
    press(app, pygame.K_n)  # no: play goes on
    assert app.running and isinstance(app.top, MenuScene)
    click_button(app, button(menu.buttons, app.t("quit")))
    press(app, pygame.K_y)
    assert not app.running


def test_the_monkey_restarts_the_app_after_a_real_quit(shipped: Story, tmp_path: Path) -> None:
    monkey = Monkey(shipped, tmp_path, seed=3, quit_for_real=1)
    first = monkey.app
    monkey.send([pygame.event.Event(pygame.QUIT)])
    assert not first.running
    assert monkey.app is not first and monkey.app.running
    assert (monkey.report.real_quits, monkey.report.restarts) == (1, 1)
    assert isinstance(monkey.app.top, TitleScene)
    pygame.display.quit()


def test_fullscreen_toggles_under_the_dummy_driver(app: App) -> None:
    start_new_game(app)
    for _ in range(3):
        app.step([key(pygame.K_F11)], DT)
        app.step([key(pygame.K_RETURN, pygame.KMOD_ALT)], DT)
    app.step([key(pygame.K_F11)], DT)
    assert app.settings.fullscreen
    assert app.window.get_size()[0] > 0
    app.step([key(pygame.K_F11)], DT)
    assert not app.settings.fullscreen
    assert isinstance(app.top, PlayScene)
