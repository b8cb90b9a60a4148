"""The first frame comes before the work it does not need, and looks the same for it.

A start from the startup cache shows the title before the story is decoded, and draws
the title's lines from the last start's kept lines without opening a font. Both are
invisible to the player: the same pixels, the same story a moment later.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.persist.story_cache import CachedStory, load_story_cached, peek_cached
from game.story import Story, load_story
from game.ui import kept_lines
from game.ui.app import App
from game.ui.fonts import FontBook
from game.ui.scenes.play import PlayScene
from game.ui.scenes.title import TitleScene
from tests.conftest import ROOT, SAMPLE
from tests.persist.test_story_cache import assert_same

from .helpers import press


def pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGB")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv("STOCKHOLM_CACHE", str(folder))
    yield folder
    pygame.display.quit()


def title_app(story: Story | CachedStory | None, saves: Path) -> App:
    app = App(story, seed=7, settings_dir=saves)
    app.replace(TitleScene(app))
    return app


def first_frame(app: App) -> bytes:
    app.step([], 0.0)
    return pixels(app.canvas)


def test_the_title_from_kept_lines_is_the_title_drawn_with_fonts(cache: Path,
                                                                 tmp_path: Path) -> None:
    story = load_story(SAMPLE).story
    fresh = title_app(story, tmp_path / "a")
    with_fonts = first_frame(fresh)
    assert fresh.fonts._fonts  # nothing kept yet: the fonts were opened
    kept = cache / "images" / kept_lines.FILE
    assert kept.is_file()  # ...and the first frame's lines kept
    again = title_app(story, tmp_path / "b")
    assert first_frame(again) == with_fonts
    assert not again.fonts._fonts  # not one font opened for it


def test_kept_lines_from_another_font_file_are_not_used(cache: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    story = load_story(SAMPLE).story
    expected = first_frame(title_app(story, tmp_path / "a"))
    real = kept_lines.font_stamps
    monkeypatch.setattr(kept_lines, "font_stamps",
                        lambda paths: {**real(paths), "serif": ["another.otf", 1, 2]})
    app = title_app(story, tmp_path / "b")
    assert first_frame(app) == expected
    assert app.fonts._fonts  # drawn with the fonts, since the kept lines do not match


@pytest.mark.parametrize("damage", [b"", b"garbage\n\x00", b'{"format":1}\n', None])
def test_damaged_kept_lines_are_a_miss_and_written_again(damage: bytes | None, cache: Path,
                                                         tmp_path: Path) -> None:
    story = load_story(SAMPLE).story
    expected = first_frame(title_app(story, tmp_path / "a"))
    kept = cache / "images" / kept_lines.FILE
    data = kept.read_bytes()
    kept.write_bytes(data[: len(data) // 2] if damage is None else damage)  # None: cut short
    app = title_app(story, tmp_path / "b")
    assert first_frame(app) == expected
    assert app.fonts._fonts
    assert kept.read_bytes() != (data[: len(data) // 2] if damage is None else damage)
    third = title_app(story, tmp_path / "c")
    assert first_frame(third) == expected and not third.fonts._fonts


def test_kept_lines_are_written_only_when_the_first_frame_changes(cache: Path,
                                                                  tmp_path: Path) -> None:
    story = load_story(SAMPLE).story
    first_frame(title_app(story, tmp_path / "a"))
    kept = cache / "images" / kept_lines.FILE
    written = kept.stat().st_ino  # a write replaces the file (a new inode)
    first_frame(title_app(story, tmp_path / "a"))
    assert kept.stat().st_ino == written  # the same lines: not written again
    ja = App(story, lang="ja", seed=7, settings_dir=tmp_path / "ja")
    ja.replace(TitleScene(ja))
    first_frame(ja)
    assert kept.stat().st_ino != written  # another language's title: kept instead


def test_a_font_book_without_a_file_keeps_nothing(tmp_path: Path) -> None:
    fonts = FontBook()
    fonts.render("Stockholm", 22, (0, 0, 0))
    fonts.keep_first_frame()
    assert not list(tmp_path.iterdir())


def test_the_title_shows_before_the_cached_story_is_decoded(cache: Path,
                                                            tmp_path: Path) -> None:
    fresh = load_story_cached(SAMPLE)
    peeked = peek_cached(SAMPLE)
    assert peeked is not None
    app = title_app(peeked, tmp_path / "saves")
    assert app._pending is not None  # the window and the title, and no story yet
    assert fresh.story is not None and app.story_id == fresh.story.id
    first_frame(app)
    assert app._pending is not None  # still not: the first frame may have a key to answer
    app.step([], 0.025)
    assert app._pending is None  # decoded at the first idle step
    assert app.story is not None
    assert_same(fresh, load_story_cached(SAMPLE))
    press(app, pygame.K_RETURN)  # New game: the decoded story plays
    assert app.session is not None and app.session.story is app.story
    assert app.session.state.node == "arrival"
    assert isinstance(app.stack[0], PlayScene)


def test_a_key_at_the_first_frame_is_answered_before_the_story_is_decoded(
        cache: Path, tmp_path: Path) -> None:
    load_story_cached(SAMPLE)
    peeked = peek_cached(SAMPLE)
    assert peeked is not None
    app = title_app(peeked, tmp_path / "saves")
    first_frame(app)
    title = app.top
    assert isinstance(title, TitleScene) and title.buttons.focus == 0
    press(app, pygame.K_DOWN)  # Continue is disabled: Load
    assert title.buttons.focus == 2
    assert app._pending is not None  # the menu answered without the story
    press(app, pygame.K_UP, pygame.K_RETURN)  # New game needs the story: decoded for it
    assert app._pending is None and app.session is not None
    assert app.session.story is app.story and app.session.state.node == "arrival"


def test_continue_is_offered_from_the_cache_entry_alone(cache: Path, tmp_path: Path) -> None:
    story = load_story_cached(SAMPLE).story
    saves = tmp_path / "saves"
    app = title_app(story, saves)
    first_frame(app)
    press(app, pygame.K_RETURN)  # a new game, quick-saved
    assert app.session is not None
    assert app.saves.quicksave()
    peeked = peek_cached(SAMPLE)
    assert peeked is not None
    again = title_app(peeked, saves)
    title = again.top
    assert isinstance(title, TitleScene)
    assert title.buttons.buttons[1].enabled  # Continue, before the story is decoded
    assert again._pending is not None


def test_an_entry_damaged_after_the_peek_still_starts_the_story(cache: Path,
                                                                tmp_path: Path) -> None:
    load_story_cached(SAMPLE)
    peeked = peek_cached(SAMPLE)
    assert peeked is not None
    (entry,) = cache.glob("story-*.json")
    entry.write_bytes(b"{}")
    app = title_app(peeked, tmp_path / "saves")
    first_frame(app)
    assert app.story is not None and app.story.id == peeked.id
    assert isinstance(app.top, TitleScene)


LEAN = """
import sys
import zlib
import game.ui
import pygame
print("pkg_resources" in sys.modules, "numpy" in sys.modules, sys.modules.get("numpy", 0) is None)
pygame.font.init()
print(pygame.font.Font(None, 20).size("pygame's own font, found without pkg_resources")[0] > 0)
"""


def test_pygame_is_imported_without_pkg_resources_and_numpy() -> None:
    """They are 90-130 ms of every start and the game uses neither; they are kept out of
    pygame's import only (a later `import numpy` is not blocked), and pygame's own data
    files (its default font) are still found."""
    done = subprocess.run([sys.executable, "-c", LEAN], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "SDL_VIDEODRIVER": "dummy"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False", "False", "True"]


def test_a_decompression_bomb_in_place_of_kept_lines_is_a_miss(cache: Path,
                                                                 tmp_path: Path) -> None:
    story = load_story(SAMPLE).story
    expected = first_frame(title_app(story, tmp_path / "a"))
    kept = cache / "images" / kept_lines.FILE
    head = kept.read_bytes().partition(b"\n")[0]
    kept.write_bytes(head + b"\n" + zlib.compress(b"\0" * (200 * 1024 * 1024), 9))
    app = title_app(story, tmp_path / "b")
    assert first_frame(app) == expected  # drawn with the fonts, nothing inflated past 32 MB
    assert app.fonts._fonts


def test_a_cached_story_that_decodes_to_errors_shows_the_diagnostics(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cannot happen with entries this code writes (only stories without errors are
    cached), but the start must not crash if it does: the diagnostics screen, as for any
    broken story."""
    from game.story import Diagnostic, LoadResult, Severity
    from game.ui.scenes.diagnostics import DiagnosticsScene

    load_story_cached(SAMPLE)
    peeked = peek_cached(SAMPLE)
    assert peeked is not None
    broken = LoadResult(None, (Diagnostic("nodes.yaml", 3, 5, Severity.ERROR, "E012",
                                          "goto leads to no node 'x'"),))
    monkeypatch.setattr(type(peeked), "result", lambda self: broken)
    app = title_app(peeked, tmp_path / "saves")
    first_frame(app)
    app.step([], 0.025)
    assert app.story is None and isinstance(app.top, DiagnosticsScene)
    assert app.story_id is None
