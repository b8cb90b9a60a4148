"""A broken story: the diagnostics scene lists its errors, and any key quits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.story import load_story
from game.ui.app import App
from game.ui.scenes.diagnostics import DiagnosticsScene
from tests.conftest import ROOT

from .helpers import DT, click, drawn_texts, key, press, top, wheel

BROKEN = ROOT / "tests" / "broken" / "E012_goto_typo" / "story"


@pytest.fixture
def diag_app(tmp_path: Path) -> Iterator[App]:
    result = load_story(BROKEN)
    assert result.story is None
    app = App(None, settings_dir=tmp_path)
    app.replace(DiagnosticsScene(app, result.diagnostics))
    app.step([], 0.0)
    yield app
    pygame.display.quit()


def test_the_error_is_listed(diag_app: App) -> None:
    scene = top(diag_app, DiagnosticsScene)
    texts = [line.text for line in scene.view.lines]
    joined = " ".join(texts)
    assert "nodes.yaml:10:15: error:" in joined
    assert "did you mean 'street'" in joined
    assert "[E012]" in joined
    drawn = drawn_texts(diag_app)
    assert "The story has errors and cannot be played" in drawn
    assert "Press any key to exit" in drawn
    assert any("E012" in t for t in drawn)


@pytest.mark.parametrize("k", [pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_SPACE, pygame.K_q,
                               pygame.K_F1])
def test_any_key_quits(diag_app: App, k: int) -> None:
    press(diag_app, k)
    assert diag_app.running is False


def test_a_click_quits(diag_app: App) -> None:
    diag_app.step([click((640, 360))], DT)
    assert diag_app.running is False


def test_scrolling_does_not_quit(diag_app: App) -> None:
    diag_app.step([key(pygame.K_DOWN), key(pygame.K_PAGEDOWN), wheel(-1),
                   pygame.event.Event(pygame.WINDOWFOCUSLOST)], DT)
    assert diag_app.running
    press(diag_app, pygame.K_y)
    assert diag_app.running is False


def test_f11_on_the_diagnostics_screen_does_not_crash(diag_app: App) -> None:
    press(diag_app, pygame.K_F11)
    assert diag_app.settings.fullscreen is True
    assert diag_app.running  # F11 belongs to the app, not to "any key"
    press(diag_app, pygame.K_F11)
    assert isinstance(diag_app.top, DiagnosticsScene)
