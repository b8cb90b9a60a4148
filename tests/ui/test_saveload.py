"""The save/load screen: slots in pages, thumbnails, overwrite and delete confirmations,
damaged files, replays, and a save that fails without stopping play."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.persist.save_folder import SaveFolder
from game.ui.app import App
from game.ui.scenes.confirm import ConfirmScene
from game.ui.scenes.menu import MenuScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.saveload import SaveLoadScene
from game.ui.scenes.slot_card import Card, thumbnail
from game.ui.scenes.title import TitleScene

from .helpers import (
    DT,
    choose,
    click_at,
    click_button,
    key,
    press,
    start_new_game,
    top,
    wheel,
)


def open_from_menu(app: App, mode: str) -> SaveLoadScene:
    press(app, pygame.K_ESCAPE)
    menu = top(app, MenuScene)
    button = next(b for b in menu.buttons.buttons if b.label == app.t(mode))
    click_button(app, button)
    scene = top(app, SaveLoadScene)
    assert scene.mode == mode
    return scene


def open_from_title(app: App) -> SaveLoadScene:
    title = top(app, TitleScene)
    click_button(app, next(b for b in title.buttons.buttons if b.label == app.t("load")))
    return top(app, SaveLoadScene)


def tabs(scene: SaveLoadScene) -> list[str]:
    return [tab.text for tab in scene.tabs]


def to_tab(app: App, text: str) -> SaveLoadScene:
    """Click the tab that reads `text`."""
    scene = top(app, SaveLoadScene)
    click_at(app, scene.tabs[tabs(scene).index(text)].rect.center)
    assert top(app, SaveLoadScene) is scene
    return scene


def card(scene: SaveLoadScene, name: str) -> Card:
    return next(c for c in scene.cards if c.slot.name == name)


def said(c: Card) -> str:
    return " ".join(c.texts)


def shows(c: Card, fact: str) -> bool:
    """A line of the card is `fact`, or ends with it after a ' · ' (the date comes first)."""
    return any(t == fact or t.endswith(" · " + fact) for t in c.texts)


def save_slot_1(app: App) -> None:
    """From the play screen: Esc, Save, Enter on the first card, Esc back to play."""
    scene = open_from_menu(app, "save")
    assert scene.current.label == "1" and scene.cards[scene.focus].slot.name == "slot-01"
    press(app, pygame.K_RETURN)
    if isinstance(app.top, ConfirmScene):
        press(app, pygame.K_y)
    press(app, pygame.K_ESCAPE)
    top(app, PlayScene)


def to_title(app: App) -> None:
    press(app, pygame.K_ESCAPE)
    menu = top(app, MenuScene)
    click_button(app, next(b for b in menu.buttons.buttons if b.label == app.t("to_title")))
    press(app, pygame.K_y)
    top(app, TitleScene)


# -- saving -----------------------------------------------------------------------------------


def test_saving_from_the_menu_writes_slot_1_with_a_thumbnail_and_says_so(
        app: App, tmp_path: Path) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    scene = open_from_menu(app, "save")
    assert tabs(scene) == ["1", "2", "3", "4", "5"]  # no autosave tab in save mode
    assert said(card(scene, "slot-01")) == "Slot 1 Empty"
    press(app, pygame.K_RETURN)
    assert app.top is scene  # an empty slot is saved into without a question
    assert app.toast == "Saved: Slot 1" and not app.toast_error
    slot = SaveFolder(tmp_path).read("slot-01")
    assert slot.save is not None and slot.thumbnail is not None
    assert app.session is not None and slot.save.state == app.session.state
    assert pygame.image.load(str(slot.thumbnail)).get_size() == (320, 180)
    shown = card(scene, "slot-01")  # the card was read again from the folder
    assert shown.slot.save is not None
    assert "Slot 1" in shown.texts and shows(shown, "1 decision")
    assert any(t.startswith("Played ") for t in shown.texts)
    assert [b.action for b in shown.buttons] == ["delete"]  # no replay button in save mode


def test_overwriting_asks_and_no_keeps_the_old_file_byte_for_byte(
        app: App, tmp_path: Path) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    save_slot_1(app)
    before = (tmp_path / "slot-01.json").read_bytes()
    choose(app, "send_courier")
    open_from_menu(app, "save")
    press(app, pygame.K_RETURN)
    confirm = top(app, ConfirmScene)
    assert confirm.message_key == "confirm_overwrite"
    press(app, pygame.K_n)
    top(app, SaveLoadScene)
    assert (tmp_path / "slot-01.json").read_bytes() == before
    press(app, pygame.K_RETURN, pygame.K_y)
    assert (tmp_path / "slot-01.json").read_bytes() != before
    assert shows(card(top(app, SaveLoadScene), "slot-01"), "2 decisions")


def test_slot_7_is_the_first_card_of_page_2(app: App, tmp_path: Path) -> None:
    start_new_game(app)
    scene = open_from_menu(app, "save")
    press(app, pygame.K_PAGEDOWN)
    assert scene.current.label == "2"
    assert [c.slot.name for c in scene.cards] == [f"slot-{n:02d}" for n in range(7, 13)]
    press(app, pygame.K_RETURN)
    assert (tmp_path / "slot-07.json").is_file()
    assert not (tmp_path / "slot-01.json").exists()


def test_the_wheel_tab_and_the_arrows_past_the_edge_turn_pages(app: App) -> None:
    start_new_game(app)
    scene = open_from_menu(app, "save")
    app.step([wheel(-1)], DT)
    assert scene.current.label == "2"
    app.step([wheel(1)], DT)
    assert scene.current.label == "1"
    press(app, pygame.K_TAB)
    assert scene.current.label == "2"
    app.step([key(pygame.K_TAB, pygame.KMOD_SHIFT)], DT)
    assert scene.current.label == "1"
    press(app, pygame.K_DOWN, pygame.K_RIGHT)
    assert scene.cards[scene.focus].slot.name == "slot-04"
    press(app, pygame.K_RIGHT)  # past the right edge: the next page, same row
    assert scene.current.label == "2"
    assert scene.cards[scene.focus].slot.name == "slot-09"
    press(app, pygame.K_LEFT)  # and back past the left edge
    assert scene.current.label == "1"
    assert scene.cards[scene.focus].slot.name == "slot-04"
    press(app, pygame.K_LEFT)
    assert scene.cards[scene.focus].slot.name == "slot-03"


def test_the_screen_reopens_on_the_page_it_was_left_on(app: App) -> None:
    start_new_game(app)
    open_from_menu(app, "save")
    press(app, pygame.K_PAGEDOWN, pygame.K_PAGEDOWN)
    press(app, pygame.K_ESCAPE)
    assert open_from_menu(app, "save").current.label == "3"
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(5, 5), button=3, touch=False)],
             DT)
    top(app, PlayScene)  # a right click closes it too


def test_a_save_into_an_unwritable_folder_is_an_error_toast_and_play_goes_on(
        app: App, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the saves folder should be", encoding="utf-8")
    app.saves.folder = SaveFolder(blocker / "saves")
    start_new_game(app)
    open_from_menu(app, "save")
    press(app, pygame.K_RETURN)
    if isinstance(app.top, ConfirmScene):  # the unreadable slot is listed as damaged
        press(app, pygame.K_y)
    assert app.toast is not None and app.toast.startswith(app.t("save_failed"))
    assert app.toast_error
    press(app, pygame.K_ESCAPE)
    play = top(app, PlayScene)
    choose(app, "read_cables")
    assert play.session.state.log[-1].choice == "read_cables"


# -- loading ----------------------------------------------------------------------------------


def test_loading_from_the_title_restores_the_node_and_variables_without_asking(
        app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    assert app.session is not None
    saved = app.session.state
    save_slot_1(app)
    choose(app, "send_courier")
    assert app.session.state.node != saved.node
    to_title(app)
    open_from_title(app)
    scene = to_tab(app, "1")
    assert scene.cards[scene.focus].slot.name == "slot-01"
    press(app, pygame.K_RETURN)
    play = top(app, PlayScene)
    assert play.session is app.session
    assert app.session.state.node == saved.node
    assert dict(app.session.state.vars) == dict(saved.vars)
    assert app.session.state.log == saved.log
    assert app.toast == "Loaded: Slot 1"


def test_loading_during_a_game_asks_first(app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    save_slot_1(app)
    choose(app, "send_courier")
    assert app.session is not None
    later = app.session.state
    open_from_menu(app, "load")
    to_tab(app, "1")
    press(app, pygame.K_RETURN)
    assert top(app, ConfirmScene).message_key == "confirm_load"
    press(app, pygame.K_n)
    top(app, SaveLoadScene)
    assert app.session.state == later
    press(app, pygame.K_RETURN, pygame.K_y)
    top(app, PlayScene)
    assert app.session.state.log != later.log and len(app.session.state.log) == 1


def test_load_lists_the_quicksave_then_the_autosaves_and_the_manual_pages(
        app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    choose(app, "send_courier")
    press(app, pygame.K_F5)
    scene = open_from_menu(app, "load")
    assert tabs(scene) == ["Quick & auto", "1", "2", "3", "4", "5"]  # no "Other" yet
    to_tab(app, "Quick & auto")
    names = [c.slot.name for c in scene.cards]
    assert names[0] == "quick" and all(n.startswith("auto-") for n in names[1:])
    assert names[1:] == sorted(names[1:], reverse=True)  # the newest autosave first
    assert len(names) == 3
    assert [b.action for b in card(scene, "quick").buttons] == ["replay", "delete"]


def test_a_damaged_file_is_listed_with_its_reason_and_never_loads(
        app: App, tmp_path: Path) -> None:
    garbage = b"\x00not a save at all{{{"
    (tmp_path / "slot-03.json").write_bytes(garbage)
    reason = SaveFolder(tmp_path).read("slot-03").damage
    assert reason
    scene = open_from_title(app)
    assert tabs(scene) == ["Quick & auto", "1", "2", "3", "4", "5"]
    to_tab(app, "1")
    press(app, pygame.K_DOWN)
    damaged = scene.cards[scene.focus]
    assert damaged.slot.name == "slot-03"
    assert damaged.texts[:3] == ["Delete", "Slot 3", "Damaged"]
    assert reason in " ".join(damaged.texts[3:])
    assert [b.action for b in damaged.buttons] == ["delete"]  # no replay
    press(app, pygame.K_RETURN)
    assert app.top is scene and app.session is None
    assert app.toast is not None and reason in app.toast
    assert (tmp_path / "slot-03.json").read_bytes() == garbage


def test_delete_asks_and_removes_the_save_and_its_thumbnail(app: App, tmp_path: Path) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    save_slot_1(app)
    thumb = SaveFolder(tmp_path).read("slot-01").thumbnail
    assert thumb is not None and thumb.is_file()
    scene = open_from_menu(app, "load")
    to_tab(app, "1")
    press(app, pygame.K_DELETE)
    assert top(app, ConfirmScene).message_key == "confirm_delete"
    press(app, pygame.K_n)
    assert (tmp_path / "slot-01.json").is_file()
    delete = next(b for b in card(scene, "slot-01").buttons if b.action == "delete")
    click_at(app, delete.rect.center)
    assert top(app, ConfirmScene).message_key == "confirm_delete"
    press(app, pygame.K_y)
    assert not (tmp_path / "slot-01.json").exists() and not thumb.exists()
    assert app.toast == "Deleted: Slot 1"
    assert said(card(top(app, SaveLoadScene), "slot-01")) == "Slot 1 Empty"


def test_the_replay_button_starts_a_replay_of_the_save(app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    choose(app, "send_courier")
    save_slot_1(app)
    to_title(app)
    open_from_title(app)
    scene = to_tab(app, "1")
    replay = next(b for b in card(scene, "slot-01").buttons if b.action == "replay")
    click_at(app, replay.rect.center)
    assert app.autopilot is not None and app.autopilot.replay
    assert app.autopilot.total == 2
    assert app.session is not None and app.session.replaying
    assert not app.session.state.log  # it starts from the beginning
    assert isinstance(app.stack[0], PlayScene)


# -- language ---------------------------------------------------------------------------------


def test_the_screen_switches_to_japanese_at_once(app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    save_slot_1(app)
    open_from_menu(app, "load")
    scene = to_tab(app, "1")
    saved = card(scene, "slot-01")
    english_chapter = saved.texts[3]
    app.apply_settings(app.settings.with_(language="ja"))
    app.draw()
    assert tabs(scene)[0] == "クイック・オート"
    shown = card(scene, "slot-01")
    assert shown.texts[:3] == ["リプレイ", "削除", "スロット1"]
    assert shows(shown, "選択 1回")
    assert any(t.startswith("プレイ時間") for t in shown.texts)
    assert shown.texts[3] != english_chapter  # the chapter title, rendered again in Japanese
    assert said(card(scene, "slot-02")) == "スロット2 空きスロット"


def test_a_save_at_an_ending_and_one_made_during_a_replay_are_marked(app: App) -> None:
    start_new_game(app)
    choose(app, "refuse")  # the closed ending
    save_slot_1(app)
    to_title(app)
    open_from_title(app)
    scene = to_tab(app, "1")
    assert "Ending: The Channel Closes" in card(scene, "slot-01").texts
    press(app, pygame.K_r)  # R replays the focused card
    assert app.autopilot is not None and app.autopilot.replay
    press(app, pygame.K_SPACE)  # past the chapter card
    top(app, PlayScene)
    press(app, pygame.K_F5)
    scene = open_from_menu(app, "load")
    to_tab(app, "Quick & auto")
    quick = card(scene, "quick")
    assert "saved during a replay" in quick.texts
    assert "Ending: The Channel Closes" not in quick.texts  # the replay starts over


def test_shared_saves_get_one_other_tab_that_pages_through_them(
        app: App, tmp_path: Path) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    save_slot_1(app)
    shared = (tmp_path / "slot-01.json").read_bytes()
    for n in range(13):
        (tmp_path / f"from-a-friend-{n:02d}.json").write_bytes(shared)
    scene = open_from_menu(app, "load")
    assert tabs(scene)[-1] == "Other 1/3"
    to_tab(app, "Other 1/3")
    assert card(scene, "from-a-friend-00").slot.save is not None
    assert "from-a-friend-00" in card(scene, "from-a-friend-00").texts  # named by its file
    to_tab(app, "Other 1/3")  # a click on the chosen tab turns its next page
    assert tabs(scene)[-1] == "Other 2/3"
    assert [c.slot.name for c in scene.cards][0] == "from-a-friend-06"
    press(app, pygame.K_PAGEDOWN, pygame.K_PAGEDOWN)
    assert tabs(scene)[-1] == "Other 3/3" and len(scene.cards) == 1


def test_a_thumbnail_claiming_a_huge_picture_is_not_decoded_and_the_card_still_shows(
        app: App, tmp_path: Path) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    save_slot_1(app)
    folder = SaveFolder(tmp_path)
    good = folder.read("slot-01")
    assert good.save is not None
    bomb = (b"\x89PNG\r\n\x1a\n" + (13).to_bytes(4, "big") + b"IHDR"
            + (100_000).to_bytes(4, "big") * 2 + bytes(20))
    folder.write("slot-02", good.save, bomb)
    assert folder.read("slot-02").thumbnail is not None  # the file matches its save
    scene = open_from_menu(app, "load")
    to_tab(app, "1")
    assert thumbnail(folder.read("slot-02").thumbnail) is None
    assert thumbnail(good.thumbnail) is not None
    assert card(scene, "slot-02").texts[3:] == card(scene, "slot-01").texts[3:]
    app.draw()
