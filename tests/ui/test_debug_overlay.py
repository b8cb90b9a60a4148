"""The debug overlay (F3): the node and its file:line, variables edited with the keys and
the mouse and the story reacting at once, the jump box, keys kept from the game, and a
debug session's honesty about saves. Driven through the real App, as an author would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from game.engine.jump import start_at
from game.story import Story
from game.ui.app import App
from game.ui.scenes.debug_overlay import DebugOverlay, start_fixture
from game.ui.scenes.debug_panel import INPUT, MATCHES, ROW_H, SCALE, STORY, VARS, plus_rect, row_y
from game.ui.scenes.history import HistoryScene
from game.ui.scenes.menu import MenuScene
from game.ui.scenes.play import PlayScene

from .helpers import (
    choose,
    click_at,
    drawn_texts,
    key,
    press,
    select,
    start_new_game,
    to_decision,
    top,
    wait,
)


def open_overlay(app: App) -> DebugOverlay:
    press(app, pygame.K_F3)
    return top(app, DebugOverlay)


def play_of(app: App) -> PlayScene:
    scenes = [s for s in app.stack if isinstance(s, PlayScene)]
    assert len(scenes) == 1
    return scenes[0]


def type_text(app: App, text: str) -> None:
    """Each character as a key press carrying it, as SDL delivers typing."""
    for ch in text:
        code = pygame.K_SPACE if ch == " " else pygame.key.key_code(ch)
        app.step([key(code, unicode=ch)], 0.05)


def select_variable(app: App, name: str) -> None:
    overlay = top(app, DebugOverlay)
    for _ in range(len(overlay.names)):
        if overlay.names[overlay.selected] == name:
            return
        press(app, pygame.K_DOWN)
    raise AssertionError(f"no variable {name}")


def enabled_choices(app: App) -> dict[str, bool]:
    play = play_of(app)
    assert play.choices is not None
    return {o.id: b.enabled for o, b in zip(play.session.offers(), play.choices.buttons,
                                            strict=True)}


def passage(app: App) -> str:
    return "".join(play_of(app).lines)


def at_briefing(app: App) -> PlayScene:
    start_new_game(app)
    return to_decision(app)


def test_f3_shows_the_node_with_its_file_and_line_and_f3_closes(app: App, story: Story) -> None:
    at_briefing(app)
    open_overlay(app)
    texts = drawn_texts(app)
    pos = story.nodes["briefing"].pos
    assert "briefing" in texts
    assert f"{pos.file}:{pos.line}" in texts and pos.file.endswith("prologue.yaml")
    assert any("Prologue. A Winter Posting [prologue]" in t for t in texts)
    assert "Japanese Legation, Stockholm [legation]" in " · ".join(texts)
    assert "soviet_trust" in texts and "busan_clause" in texts  # every declared variable
    assert "Visits (2)" in texts and "×1" in texts
    assert "Soviet trust" in texts  # the selected one's label, with its range
    assert "int · -5 to 5 · default 0" in texts
    press(app, pygame.K_F3)
    assert top(app, PlayScene) and app.session is not None and not app.session.debug
    open_overlay(app)
    press(app, pygame.K_ESCAPE)
    assert top(app, PlayScene)


def test_toggling_a_bool_enables_the_choice_it_guards(app: App) -> None:
    at_briefing(app)
    assert enabled_choices(app)["meet"] is False
    open_overlay(app)
    select_variable(app, "read_cables")
    press(app, pygame.K_SPACE)
    assert app.session is not None and app.session.state.vars["read_cables"] is True
    assert enabled_choices(app)["meet"] is True  # enabled_if re-evaluated at once
    assert app.session.debug and app.toast is not None and "Debug session" in app.toast
    assert "DEBUG" in drawn_texts(app)  # the badge on the play screen
    press(app, pygame.K_RIGHT)
    assert enabled_choices(app)["meet"] is False
    press(app, pygame.K_F3, pygame.K_3)  # closed: the keys are the game's again
    assert app.session.state.node == "briefing"  # 3 was disabled again
    press(app, pygame.K_F3, pygame.K_RIGHT, pygame.K_F3, pygame.K_3)
    assert app.session.state.node == "kollontai"


def test_an_int_is_typed_clamped_and_stepped_and_the_text_follows(app: App) -> None:
    at_briefing(app)
    open_overlay(app)
    press(app, pygame.K_TAB)
    type_text(app, "courier_a")
    press(app, pygame.K_RETURN)
    assert app.session is not None and app.session.state.node == "courier_answer"
    assert app.session.state.vars["tokyo_patience"] == 2  # its on_enter ran
    assert "too long" not in passage(app)
    press(app, pygame.K_TAB)
    select_variable(app, "courier_days")
    type_text(app, "7")
    assert "typing: 7_   Enter sets · Esc cancels" in drawn_texts(app)
    press(app, pygame.K_RETURN)
    assert app.session.state.vars["courier_days"] == 7
    assert "It has taken too long." in passage(app)  # the text part's condition now holds
    type_text(app, "99")
    press(app, pygame.K_RETURN)
    assert app.session.state.vars["courier_days"] == 10  # clamped to max
    press(app, pygame.K_LEFT, pygame.K_LEFT, pygame.K_LEFT, pygame.K_LEFT)
    assert app.session.state.vars["courier_days"] == 6
    assert "too long" not in passage(app)
    type_text(app, "3")
    press(app, pygame.K_ESCAPE)  # cancels the typing, keeps the overlay
    assert app.session.state.vars["courier_days"] == 6 and top(app, DebugOverlay)


def test_a_str_cycles_through_its_values_and_the_interpolation_follows(app: App) -> None:
    at_briefing(app)
    open_overlay(app)
    press(app, pygame.K_TAB)
    type_text(app, "channel_open")
    press(app, pygame.K_RETURN)
    assert "Article 2: open." in passage(app)
    press(app, pygame.K_TAB)
    select_variable(app, "busan_clause")
    press(app, pygame.K_RIGHT)
    assert app.session is not None and app.session.state.vars["busan_clause"] == "agreed"
    assert "Article 2: agreed." in passage(app)
    press(app, pygame.K_LEFT, pygame.K_LEFT)
    assert app.session.state.vars["busan_clause"] == "struck"  # round the list


def test_the_mouse_selects_steps_and_jumps(app: App) -> None:
    at_briefing(app)
    overlay = open_overlay(app)
    i = overlay.names.index("soviet_trust")
    click_at(app, (VARS.x + 40, row_y(i, 0) + ROW_H // 2))
    click_at(app, plus_rect(row_y(i, 0)).center)
    click_at(app, plus_rect(row_y(i, 0)).center)
    assert app.session is not None and app.session.state.vars["soviet_trust"] == 2
    click_at(app, INPUT.center)
    type_text(app, "kol")
    assert overlay.matches == ["kollontai"]
    click_at(app, (MATCHES.x + 40, MATCHES.y + ROW_H // 2))
    assert app.session.state.node == "kollontai"
    assert app.session.state.visited("kollontai") == 1


def test_typing_in_the_overlay_never_reaches_the_game(app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    play = to_decision(app)
    assert app.session is not None
    log = app.session.state.log
    open_overlay(app)
    press(app, pygame.K_TAB)
    type_text(app, "1 2 h")
    press(app, pygame.K_BACKSPACE, pygame.K_BACKSPACE, pygame.K_BACKSPACE, pygame.K_BACKSPACE,
          pygame.K_BACKSPACE, pygame.K_BACKSPACE, pygame.K_TAB, pygame.K_F5)
    type_text(app, "1 ")
    press(app, pygame.K_BACKSPACE, pygame.K_ESCAPE, pygame.K_ESCAPE)
    assert app.session.state.log == log  # no choice taken, no rollback
    assert app.session.state.node == "briefing" and not app.session.debug
    assert top(app, PlayScene) is play  # Esc closed the overlay, and opened no menu
    assert app.saves.folder.quick().save is None  # F5 went nowhere either


def test_the_story_keeps_playing_beside_the_panel(app: App) -> None:
    at_briefing(app)
    open_overlay(app)
    play = play_of(app)
    assert play.choices is not None
    button = play.choices.buttons[0]  # Read the cable traffic first
    click_at(app, (int(button.rect.centerx * SCALE), int(button.rect.centery * SCALE)))
    assert app.session is not None and app.session.state.node == "cables"
    assert top(app, DebugOverlay).focus == "game"
    press(app, pygame.K_RETURN, pygame.K_RETURN)  # the keys now read on in the story
    assert app.session.state.node == "briefing"
    click_at(app, (STORY.right + 50, 700))  # the panel takes the keys back
    assert top(app, DebugOverlay).focus == "vars"


def test_a_debug_session_makes_no_autosave_and_f5_refuses(app: App) -> None:
    at_briefing(app)
    open_overlay(app)
    select_variable(app, "read_cables")
    press(app, pygame.K_SPACE, pygame.K_F3)
    seen_before = app.saves.story_progress()
    press(app, pygame.K_3)  # meet, now open
    assert app.session is not None and app.session.state.node == "kollontai"
    assert app.saves.folder.autosaves() == []
    assert app.saves.story_progress() == seen_before  # nothing recorded as seen
    press(app, pygame.K_F5)
    assert app.toast == app.t("debug_no_saves") and app.toast_error
    assert app.saves.folder.quick().save is None
    press(app, pygame.K_ESCAPE)
    select(app, "save")
    assert top(app, MenuScene) and app.toast == app.t("debug_no_saves")


def test_opening_and_closing_without_an_edit_is_not_a_debug_session(app: App) -> None:
    at_briefing(app)
    open_overlay(app)
    press(app, pygame.K_DOWN, pygame.K_TAB, pygame.K_F3)
    press(app, pygame.K_1)
    assert app.session is not None and not app.session.debug
    assert len(app.saves.folder.autosaves()) == 1
    assert "DEBUG" not in drawn_texts(app)


def test_back_after_a_jump_returns_to_the_jumped_state(app: App) -> None:
    at_briefing(app)
    open_overlay(app)
    select_variable(app, "soviet_trust")
    type_text(app, "4")
    press(app, pygame.K_RETURN, pygame.K_TAB)
    type_text(app, "kollontai")
    press(app, pygame.K_RETURN, pygame.K_F3)
    assert app.session is not None
    jumped = app.session.state
    to_decision(app)
    press(app, pygame.K_2)  # listen: +1
    assert app.session.state.node == "channel_open"
    assert app.session.state.vars["soviet_trust"] == 5
    press(app, pygame.K_BACKSPACE)
    assert app.session.state == jumped


def test_start_fixture_plays_from_the_node_as_a_debug_session(app: App, story: Story) -> None:
    start_fixture(app, start_at(story, "kollontai", {"soviet_trust": 3}, seed=1))
    wait(app, 3.0)  # the chapter card goes by itself
    play = top(app, PlayScene)
    assert play.session.node.id == "kollontai" and play.session.debug
    assert "DEBUG" in drawn_texts(app)
    to_decision(app)
    press(app, pygame.K_2)
    assert "Trust 4." in passage(app)
    assert app.saves.folder.autosaves() == []


def test_the_debug_flag_opens_the_overlay_over_every_play_scene(app: App) -> None:
    app.debug_overlay = True
    press(app, pygame.K_RETURN)  # New game
    wait(app, 3.0)
    overlay = top(app, DebugOverlay)
    assert overlay.focus == "game"  # the keys play the story until the panel is clicked
    press(app, pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN)
    assert app.session is not None and app.session.state.node == "briefing"
    press(app, pygame.K_F3)
    assert top(app, PlayScene) and not app.debug_overlay


@pytest.mark.parametrize("lang", ["ja"])
def test_japanese_labels_and_text_render(make_app: Callable[..., App], lang: str) -> None:
    app = make_app(lang=lang)
    at_briefing(app)
    open_overlay(app)
    texts = drawn_texts(app)
    for wanted in ("デバッグ", "変数", "ソ連側の信頼", "訪問回数 (2)", "ノードへ移動",
                   "序章　冬の赴任 [prologue] · 在ストックホルム日本公使館 [legation]"):
        assert wanted in " · ".join(texts), wanted
    fonts = app.fonts
    tofu = pygame.image.tobytes(fonts.render("\U000f0000", 17, (0, 0, 0), "sans"), "RGBA")
    for ch in "ソ連側の信頼変数":
        glyph = pygame.image.tobytes(fonts.render(ch, 17, (0, 0, 0), "sans"), "RGBA")
        assert glyph != tofu, f"{ch} draws as the missing glyph"


def test_the_history_of_a_debug_session_starts_at_the_last_edit(app: App) -> None:
    at_briefing(app)
    open_overlay(app)
    press(app, pygame.K_TAB)
    type_text(app, "kollontai")
    press(app, pygame.K_RETURN, pygame.K_F3)
    to_decision(app)
    press(app, pygame.K_2)
    press(app, pygame.K_h)
    lines = " ".join(line.text for line in top(app, HistoryScene).view.lines)
    assert "Madame Kollontai receives you" in lines and "Trust 1." in lines
    assert "Snow lies" not in lines  # before the jump: not this state's story


LONG = " ".join(f"Cable {i} went unanswered while the snow fell on the legation roof."
                for i in range(1, 13))


@pytest.fixture
def app_for(tmp_path: Path) -> Iterator[Callable[[Story], App]]:
    def make(story: Story) -> App:
        app = App(story, seed=1, settings_dir=tmp_path / "settings")
        start_fixture(app, start_at(story))
        app.step([], 0.0)
        return app

    yield make
    pygame.display.quit()


def test_a_part_that_adds_pages_keeps_a_read_passage_read(make_story: Callable[..., Story],
                                                          app_for: Callable[[Story], App]) -> None:
    story = make_story(f"""
        start:
          text:
            - Short.
            - {{if: warned, text: "{LONG}"}}
          choices:
            - {{id: go, text: Go, goto: end, enabled_if: warned}}
            - {{id: stay, text: Stay, goto: end}}
        end:
          text: The end.
          ending: done
        """, variables="warned: {type: bool, default: false}")
    app = app_for(story)
    play = top(app, PlayScene)
    press(app, pygame.K_RETURN)
    assert play.pages == 1 and play.text_done and play.choices is not None
    open_overlay(app)
    press(app, pygame.K_SPACE)
    assert play.pages >= 2 and play.page == play.pages - 1 and play.text_done
    assert play.choices is not None and [b.enabled for b in play.choices.buttons] == [True, True]
