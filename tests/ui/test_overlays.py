"""History, dossier, the Esc menu and its confirmations."""

from __future__ import annotations

import pygame
import pytest

from game.ui.app import App
from game.ui.scenes.confirm import ConfirmScene
from game.ui.scenes.dossier import DossierScene
from game.ui.scenes.history import HistoryScene
from game.ui.scenes.menu import MenuScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.title import TitleScene

from .helpers import (
    DT,
    button,
    choose,
    click,
    click_button,
    focused_label,
    labels,
    press,
    select,
    start_new_game,
    to_decision,
    top,
    wait,
    wheel,
)

pytestmark = pytest.mark.runtime  # also run through a save/load round trip

MENU = ["Resume", "Save", "Load", "History", "Dossier", "Flowchart", "Settings",
        "Title screen", "Quit"]


def history_texts(app: App) -> list[str]:
    return [line.text for line in top(app, HistoryScene).view.lines]


# -- history ----------------------------------------------------------------------------------


def test_h_opens_the_history_of_passages_and_choices_and_esc_closes(app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    play = top(app, PlayScene)
    press(app, pygame.K_h)
    history = top(app, HistoryScene)
    assert app.stack == [play, history]
    texts = history_texts(app)
    joined = " ".join(texts)
    assert texts[0].startswith("Stockholm, January 1942.")
    assert "A Swedish banker called this morning." in joined
    assert "→ You chose: Read the cable traffic first" in texts
    assert "The intercepts are thin but telling" in joined  # the passage being read
    assert joined.index("Stockholm") < joined.index("banker") < joined.index("You chose")
    press(app, pygame.K_ESCAPE)
    assert app.stack == [play]
    assert app.running


def test_h_again_closes_the_history(app: App) -> None:
    play = start_new_game(app)
    press(app, pygame.K_h)
    assert isinstance(app.top, HistoryScene)
    assert history_texts(app)[0].startswith("Stockholm")
    press(app, pygame.K_h)
    assert app.stack == [play]


def test_wheel_up_opens_the_history_and_wheel_scrolls_it(app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    choose(app, "send_courier")
    play = to_decision(app)
    app.step([wheel(-1)], DT)  # down does nothing on the play screen
    assert app.top is play
    app.step([wheel(1)], DT)
    history = top(app, HistoryScene)
    texts = history_texts(app)
    assert texts.index("→ You chose: Read the cable traffic first") < texts.index(
        "→ You chose: Send a courier to Tokyo for instructions")
    days = play.session.state.vars["courier_days"]
    assert f"The courier sails with the ice-breaker. The answer comes back in {days} days." in texts
    assert history.view.max_offset > 0  # longer than the sheet
    assert history.view.offset == history.view.max_offset  # opens at the latest
    app.step([wheel(1)], DT)
    assert history.view.offset == history.view.max_offset - 40
    app.step([wheel(-1)], DT)
    assert history.view.offset == history.view.max_offset
    press(app, pygame.K_HOME)
    assert history.view.offset == 0
    app.step([click((640, 360), button=3)], DT)  # a right click closes too
    assert app.stack == [play]


def test_legacy_wheel_button_opens_the_history(app: App) -> None:
    start_new_game(app)
    app.step([click((640, 360), button=4)], DT)
    assert isinstance(app.top, HistoryScene)


# -- dossier ----------------------------------------------------------------------------------


def test_tab_opens_the_dossier_with_the_shown_variables_and_tab_closes(app: App) -> None:
    play = start_new_game(app)
    press(app, pygame.K_TAB)
    dossier = top(app, DossierScene)
    items = {i.label: i.value for i in dossier.session.dossier(app.lang)}
    assert items == {"Soviet trust": 0, "Tokyo's patience": 3, "Days the courier took": 0,
                     "Article 2: Busan": "open"}  # read_cables is not shown
    press(app, pygame.K_TAB)
    assert app.stack == [play]


def test_the_dossier_shows_current_values(app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    choose(app, "send_courier")
    play = to_decision(app)
    days = play.session.state.vars["courier_days"]
    press(app, pygame.K_TAB)
    dossier = top(app, DossierScene)
    items = {i.label: i.value for i in dossier.session.dossier(app.lang)}
    assert items["Soviet trust"] == 1
    assert items["Tokyo's patience"] == 2  # the courier's answer costs patience
    assert items["Days the courier took"] == days
    assert isinstance(days, int) and 2 <= days <= 9


# -- the menu ---------------------------------------------------------------------------------


def test_esc_opens_the_menu_and_resume_closes(app: App) -> None:
    play = start_new_game(app)
    press(app, pygame.K_ESCAPE)
    menu = top(app, MenuScene)
    assert labels(menu.buttons) == MENU
    assert all(b.enabled for b in menu.buttons.buttons)
    assert focused_label(menu.buttons) == "Resume"
    press(app, pygame.K_RETURN)
    assert app.stack == [play]
    press(app, pygame.K_ESCAPE)
    click_button(app, top(app, MenuScene).buttons.buttons[0])
    assert app.stack == [play]
    press(app, pygame.K_ESCAPE, pygame.K_ESCAPE)  # Esc closes it as well
    assert app.stack == [play]


def test_menu_opens_history_dossier_and_settings(app: App) -> None:
    play = start_new_game(app)
    press(app, pygame.K_ESCAPE)
    select(app, "history")
    assert isinstance(app.top, HistoryScene)
    assert app.stack[:-1] == [play]  # the menu gave way
    press(app, pygame.K_ESCAPE, pygame.K_ESCAPE)
    select(app, "dossier")
    assert isinstance(app.top, DossierScene)
    press(app, pygame.K_ESCAPE, pygame.K_ESCAPE)
    press(app, *[pygame.K_DOWN] * 6)
    assert focused_label(top(app, MenuScene).buttons) == "Settings"
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, SettingsScene)
    assert isinstance(app.stack[1], MenuScene)


def test_title_asks_first_and_no_keeps_playing(app: App) -> None:
    play = start_new_game(app)
    node = play.session.state
    press(app, pygame.K_ESCAPE)
    click_button(app, button(top(app, MenuScene).buttons, "Title screen"))
    confirm = top(app, ConfirmScene)
    assert confirm.message_key == "confirm_title"
    assert labels(confirm.buttons) == ["No", "Yes"]
    assert focused_label(confirm.buttons) == "No"  # the safe answer has the focus
    press(app, pygame.K_RETURN)
    assert confirm.answer is False
    assert isinstance(app.top, MenuScene)
    press(app, pygame.K_ESCAPE)
    assert app.stack == [play]
    assert play.session.state is node


def test_title_yes_goes_to_the_title_with_continue_enabled(app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    session = app.session
    press(app, pygame.K_ESCAPE)
    click_button(app, button(top(app, MenuScene).buttons, "Title screen"))
    click_button(app, top(app, ConfirmScene).buttons.buttons[1])
    title = top(app, TitleScene)
    assert app.stack == [title]
    assert labels(title.buttons)[1] == "Continue"
    assert title.buttons.buttons[1].enabled
    press(app, pygame.K_DOWN)
    assert focused_label(title.buttons) == "Continue"
    press(app, pygame.K_RETURN)
    play = app.stack[0]
    assert isinstance(play, PlayScene)
    assert app.session is session
    assert play.session.state.node == "cables"
    assert play.session.state.vars["read_cables"] is True


def test_new_game_from_the_title_asks_when_a_game_is_under_way(app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    press(app, pygame.K_ESCAPE)
    click_button(app, button(top(app, MenuScene).buttons, "Title screen"))
    press(app, pygame.K_y)
    press(app, pygame.K_RETURN)  # New game
    assert top(app, ConfirmScene).message_key == "confirm_new"
    press(app, pygame.K_n)
    assert isinstance(app.top, TitleScene)
    assert app.session is not None and app.session.state.node == "cables"
    press(app, pygame.K_RETURN, pygame.K_y)
    assert app.session.state.node == "arrival"
    wait(app, 3)
    assert isinstance(app.top, PlayScene)


def test_quit_asks_first(app: App) -> None:
    play = start_new_game(app)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_UP)  # from Resume up to Quit
    assert focused_label(top(app, MenuScene).buttons) == "Quit"
    press(app, pygame.K_RETURN)
    confirm = top(app, ConfirmScene)
    assert confirm.message_key == "confirm_quit"
    press(app, pygame.K_ESCAPE)  # Esc is No
    assert app.running
    assert isinstance(app.top, MenuScene)
    press(app, pygame.K_RETURN)  # the menu kept its focus on Quit
    click_button(app, top(app, ConfirmScene).buttons.buttons[1])
    assert app.running is False
    assert play in app.stack
