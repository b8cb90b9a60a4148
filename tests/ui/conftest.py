"""Headless UI tests: the real App on SDL's dummy video and audio drivers.

The drivers are chosen here, before anything imports pygame; every test gets a fresh App
whose settings live in its own tmp folder.
"""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.story import Story, load_story  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.scenes.title import TitleScene  # noqa: E402
from tests.conftest import SAMPLE  # noqa: E402

SEED = 7


@pytest.fixture(scope="session")
def story() -> Story:
    loaded = load_story(SAMPLE).story
    assert loaded is not None
    return loaded


@pytest.fixture
def make_app(story: Story, tmp_path: Path) -> Iterator[Callable[..., App]]:
    """An App on the title screen (drawn once), its settings in `settings_dir` or tmp_path."""

    def make(settings_dir: Path | None = None, lang: str | None = None) -> App:
        app = App(story, lang=lang, seed=SEED, settings_dir=settings_dir or tmp_path)
        app.replace(TitleScene(app))
        app.step([], 0.0)
        return app

    yield make
    pygame.display.quit()


@pytest.fixture
def app(make_app: Callable[..., App]) -> App:
    return make_app()
