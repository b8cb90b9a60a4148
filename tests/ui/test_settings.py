"""Settings: applied at once to what is on screen, saved to disk, robust to bad files."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.persist.settings import Settings
from game.ui.app import App
from game.ui.scenes.chapter_card import ChapterCard
from game.ui.scenes.menu import MenuScene
from game.ui.scenes.play import PAD, PlayScene
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.title import TitleScene
from game.ui.text_layout import is_cjk

from .helpers import (
    DT,
    click_at,
    key,
    labels,
    play_scene,
    press,
    read_settings_file,
    select,
    start_new_game,
    to_decision,
    top,
    visible_text,
    wait,
)

ROWS = ["language", "text_speed", "text_size", "fullscreen", "music_volume", "effects_volume",
        "muted", "reduced_motion"]
JA_BRIEFING = "「今朝、スウェーデンの銀行家が訪ねてきた。ロシア側が話をしたいそうだ。内密に」"
JA_CHOICES = ["まず電報の控えに目を通す", "東京へ伝書使を送り訓令を仰ぐ",
              "ソ連公使との会見に応じる", "接触を拒む"]


def open_settings_from_play(app: App) -> SettingsScene:
    press(app, pygame.K_ESCAPE)
    menu = top(app, MenuScene)
    select(app, "settings")
    settings = top(app, SettingsScene)
    assert app.stack[-2] is menu
    return settings


def set_row(app: App, row: str, steps: int) -> None:
    """Move to `row` with Up/Down, then press Right (or Left) `steps` times."""
    settings = top(app, SettingsScene)
    while settings.rows()[settings.row].key != row:
        press(app, pygame.K_DOWN)
    press(app, *([pygame.K_RIGHT] * steps if steps > 0 else [pygame.K_LEFT] * -steps))


def has_japanese(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)


def test_the_rows_and_their_current_values(app: App) -> None:
    select(app, "settings")
    settings = top(app, SettingsScene)
    rows = settings.rows()
    assert [r.key for r in rows] == ROWS
    assert rows[0].labels == ["English", "日本語"]
    assert [r.labels[settings.current(r)] for r in rows] == ["English", "Normal", "Medium", "Off",
                                                            "7", "8", "Off", "Off"]
    assert not (app.settings_dir / "settings.json").exists()  # nothing saved until changed


def test_language_switches_the_passage_and_choices_at_once_and_is_saved(
        app: App, tmp_path: Path) -> None:
    start_new_game(app)
    play = to_decision(app)
    assert play.lines[0].startswith("A Swedish banker")
    open_settings_from_play(app)
    set_row(app, "language", 1)
    assert app.settings.language == "ja"
    # the play scene under the menu and the settings is already in Japanese
    assert "".join(play.lines) == JA_BRIEFING
    assert not play.lines[-1].startswith("」")  # kinsoku: no closing bracket starts a line
    assert play.page_complete
    assert labels(play.choices) == JA_CHOICES
    assert play.choices is not None
    meet = play.choices.buttons[2]
    assert not meet.enabled and meet.note == "モスクワの出方がまだ分からない"
    assert play.session.header("ja")[0] == "序章　冬の赴任"
    menu = app.stack[-2]
    assert isinstance(menu, MenuScene) and labels(menu.buttons)[0] == "再開"
    assert top(app, SettingsScene).rows()[1].labels == ["遅い", "普通", "速い", "瞬時"]
    assert read_settings_file(tmp_path)["language"] == "ja"
    press(app, pygame.K_ESCAPE, pygame.K_ESCAPE)
    assert app.stack == [play]
    assert [b.label for b in play.top_buttons.buttons] == ["戻る", "メニュー"]
    press(app, pygame.K_1)
    assert play.session.state.node == "cables"
    wait(app, 5)
    assert has_japanese(visible_text(play))
    assert visible_text(play).startswith("傍受電は乏しいが雄弁だ。")


def test_the_language_survives_a_restart(make_app: Callable[..., App], tmp_path: Path) -> None:
    app = make_app()
    select(app, "settings")
    set_row(app, "language", 1)
    press(app, pygame.K_ESCAPE)
    assert labels(top(app, TitleScene).buttons)[0] == "はじめから"
    again = make_app(tmp_path)
    assert again.settings.language == "ja"
    assert labels(top(again, TitleScene).buttons)[:2] == ["はじめから", "つづきから"]


def test_language_switch_while_the_text_is_typing(app: App) -> None:
    play = start_new_game(app)
    app.step([], 0.2)
    assert not play.page_complete
    app.apply_settings(app.settings.with_(language="ja"))
    assert play.lines[0].startswith("一九四二年一月")
    wait(app, 10)
    assert play.text_done
    assert visible_text(play) == "".join(play.lines)


def test_text_speed_instant_reveals_at_once(app: App, tmp_path: Path) -> None:
    play = start_new_game(app)
    open_settings_from_play(app)
    set_row(app, "text_speed", 2)  # normal -> fast -> instant
    assert app.settings.text_speed == "instant"
    assert read_settings_file(tmp_path)["text_speed"] == "instant"
    assert play.page_complete  # the passage being typed completed at once
    press(app, pygame.K_ESCAPE, pygame.K_ESCAPE)
    app.step([key(pygame.K_RETURN)], 0.0)  # continue, with no time passing at all
    assert play.session.state.node == "briefing"
    assert visible_text(play) == "".join(play.lines)
    assert play.choices is not None  # and the choices are there at once


def test_slow_text_is_slower_than_fast(make_app: Callable[..., App]) -> None:
    shown = {}
    for speed in ("slow", "fast"):
        app = make_app()
        app.apply_settings(app.settings.with_(text_speed=speed))
        play = start_new_game(app)
        app.step([], 0.4)
        shown[speed] = len(visible_text(play))
    assert 0 < shown["slow"] < shown["fast"]


def test_text_size_changes_the_laid_out_lines(app: App) -> None:
    start_new_game(app)
    press(app, pygame.K_RETURN, pygame.K_RETURN)
    play = to_decision(app)
    open_settings_from_play(app)
    layouts = {}
    for size, steps in (("small", -1), ("medium", 1), ("large", 1)):
        set_row(app, "text_size", steps)
        assert app.settings.text_size == size
        layouts[size] = list(play.lines)
        measure = app.fonts.measure(app.settings.font_px)
        width = 1120 - 2 * PAD
        assert all(measure(line) <= width for line in play.lines)
        assert " ".join(play.lines) == (
            "A Swedish banker called this morning. The Russians want to talk. Quietly.")
        assert play.choices is not None  # rebuilt, the text being done
    assert layouts["small"] == layouts["medium"] != layouts["large"]
    assert len(layouts["large"]) > len(layouts["medium"])
    assert app.settings.font_px == 34


def test_reduced_motion_shows_the_chapter_card_without_fading(app: App, tmp_path: Path) -> None:
    select(app, "settings")
    set_row(app, "reduced_motion", 1)
    assert app.settings.reduced_motion is True
    assert read_settings_file(tmp_path)["reduced_motion"] is True
    press(app, pygame.K_ESCAPE, pygame.K_RETURN)  # back on the title, focus on New game
    card = top(app, ChapterCard)
    assert card.alpha() == 255  # no fade in
    wait(app, 1.55)
    assert app.top is card and card.alpha() == 255  # no fade out either
    wait(app, 0.1)
    assert isinstance(app.top, PlayScene)


def test_without_reduced_motion_the_card_fades(app: App) -> None:
    press(app, pygame.K_RETURN)
    card = top(app, ChapterCard)
    wait(app, 0.25)
    assert 0 < card.alpha() < 255
    wait(app, 2.2)
    assert app.top is card and card.alpha() < 255
    wait(app, 0.2)
    assert isinstance(app.top, PlayScene)


def test_a_click_on_an_option_sets_it(app: App, tmp_path: Path) -> None:
    select(app, "settings")
    settings = top(app, SettingsScene)
    rect = next(r for r, row, option in settings.hits if (row, option) == (4, 3))
    click_at(app, rect.center)
    assert app.settings.music_volume == pytest.approx(0.3)
    assert settings.row == 4
    assert read_settings_file(tmp_path)["music_volume"] == pytest.approx(0.3)
    press(app, pygame.K_LEFT)
    assert app.settings.music_volume == pytest.approx(0.2)
    press(app, pygame.K_UP, pygame.K_UP, pygame.K_UP, pygame.K_UP, pygame.K_RETURN)
    assert app.settings.language == "ja"  # Enter cycles the row's options


def test_left_at_the_first_option_changes_nothing(app: App, tmp_path: Path) -> None:
    select(app, "settings")
    press(app, pygame.K_LEFT)
    assert app.settings == Settings()
    assert not (tmp_path / "settings.json").exists()


def test_f11_toggles_the_fullscreen_setting(app: App, tmp_path: Path) -> None:
    start_new_game(app)
    press(app, pygame.K_F11)
    assert app.settings.fullscreen is True
    assert read_settings_file(tmp_path)["fullscreen"] is True
    assert app.window is pygame.display.get_surface()
    assert isinstance(app.top, PlayScene)  # the key reached no scene
    wait(app, 0.2)
    press(app, pygame.K_F11)
    assert app.settings.fullscreen is False
    assert read_settings_file(tmp_path)["fullscreen"] is False
    app.step([key(pygame.K_RETURN, mod=pygame.KMOD_LALT)], DT)  # Alt+Enter does the same
    assert app.settings.fullscreen is True
    assert play_scene(app).session.state.node == "arrival"  # Enter did not read on
    wait(app, 0.2)


def test_a_damaged_settings_file_gives_defaults_and_is_kept(
        make_app: Callable[..., App], tmp_path: Path) -> None:
    damaged = b'{"language": "ja", "text_size": [[[ not json'
    (tmp_path / "settings.json").write_bytes(damaged)
    app = make_app()
    assert app.settings == Settings()
    assert labels(top(app, TitleScene).buttons)[0] == "New game"
    assert (tmp_path / "settings.json").read_bytes() == damaged
    start_new_game(app)
    assert play_scene(app).session.state.node == "arrival"


def test_bad_fields_fall_back_one_by_one(make_app: Callable[..., App], tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(
        '{"language": "ja", "text_size": "huge", "music_volume": 7, "reduced_motion": "yes"}',
        encoding="utf-8")
    app = make_app()
    assert app.settings == Settings(language="ja")


def test_a_language_the_story_lacks_falls_back(make_app: Callable[..., App],
                                               tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text('{"language": "fr"}', encoding="utf-8")
    app = make_app()
    assert app.settings.language == "en"


def test_a_settings_file_of_garbage_bytes_gives_defaults_and_is_kept(
        make_app: Callable[..., App], tmp_path: Path) -> None:
    garbage = bytes(range(256)) * 4
    (tmp_path / "settings.json").write_bytes(garbage)
    app = make_app()
    assert app.settings == Settings()
    assert (tmp_path / "settings.json").read_bytes() == garbage


def assert_toast_and_play_goes_on(app: App) -> None:
    play = start_new_game(app)
    press(app, pygame.K_F11)  # a change of settings that cannot be saved
    assert app.settings.fullscreen is True  # applied all the same
    assert app.toast is not None
    assert app.toast.startswith("Settings could not be saved: ")
    app.step([], DT)  # drawn with the toast
    press(app, pygame.K_RETURN)  # the toast goes and the key still works
    assert app.toast is None
    assert play.page_complete
    press(app, pygame.K_RETURN)
    assert play.session.state.node == "briefing"
    press(app, pygame.K_F11)


def test_an_unwritable_settings_folder_shows_a_toast(
        make_app: Callable[..., App], tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)  # 0o500
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("this user can write a 0o500 folder (root)")
        assert_toast_and_play_goes_on(make_app(folder))
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(stat.S_IRWXU)


def test_a_settings_folder_that_cannot_be_made_shows_a_toast(
        make_app: Callable[..., App], tmp_path: Path) -> None:
    """The same failure for any user, root included: the folder's parent is a file."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    assert_toast_and_play_goes_on(make_app(blocker / "saves"))
