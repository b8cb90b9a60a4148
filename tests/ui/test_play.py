"""Reading and choosing: the chapter card, the typewriter, choices by key and mouse,
the disabled choice, going back."""

from __future__ import annotations

import pygame
import pytest

from game.engine import Status
from game.ui.app import App
from game.ui.scenes.chapter_card import ChapterCard
from game.ui.scenes.menu import MenuScene
from game.ui.scenes.play import PlayScene

from .helpers import (
    DT,
    choice_ids,
    choose,
    click,
    click_at,
    click_button,
    focused_label,
    labels,
    motion,
    press,
    start_new_game,
    to_decision,
    top,
    visible_text,
    wait,
)

pytestmark = pytest.mark.runtime  # also run through a save/load round trip

ARRIVAL_START = "Stockholm, January 1942."
BRIEFING = "A Swedish banker called this morning. The Russians want to talk. Quietly."
BRIEFING_CHOICES = ["Read the cable traffic first", "Send a courier to Tokyo for instructions",
                    "Agree to meet the Soviet envoy", "Refuse the contact"]
MEET_NOTE = "You do not yet know what Moscow has said"


# -- the chapter card -------------------------------------------------------------------------


def test_new_game_shows_the_chapter_card_over_the_first_passage(app: App) -> None:
    press(app, pygame.K_RETURN)
    card = top(app, ChapterCard)
    assert card.chapter_id == "prologue"
    assert isinstance(app.stack[0], PlayScene)
    assert card.alpha() == 0  # it fades in
    wait(app, 0.6)
    assert card.alpha() == 255
    play = app.stack[0]
    assert isinstance(play, PlayScene)
    assert play.revealed == 0  # the passage waits under the card


def test_a_key_skips_the_chapter_card(app: App) -> None:
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, ChapterCard)
    press(app, pygame.K_a)
    play = top(app, PlayScene)
    assert app.stack == [play]
    assert play.session.state.node == "arrival"  # the key did not also read on


def test_a_click_skips_the_chapter_card(app: App) -> None:
    press(app, pygame.K_RETURN)
    click_at(app, (640, 360))
    play = top(app, PlayScene)
    assert play.revealed < len(ARRIVAL_START)


def test_the_chapter_card_goes_by_itself(app: App) -> None:
    press(app, pygame.K_RETURN)
    wait(app, 3.0)  # fade in 0.5 s, hold 1.6 s, fade out 0.5 s
    assert len(app.stack) == 1
    assert isinstance(app.top, PlayScene)


def test_the_header_names_chapter_place_and_date(app: App) -> None:
    play = start_new_game(app)
    assert play.session.header("en") == ["Prologue. A Winter Posting",
                                         "Japanese Legation, Stockholm", "9 January 1942"]


# -- the typewriter ---------------------------------------------------------------------------


def test_the_typewriter_reveals_the_passage_over_time(app: App) -> None:
    play = start_new_game(app)
    full = "".join(play.page_lines())
    assert full.startswith("Stockholm, January 1942. Snow lies")
    assert play.lines[-1].endswith("wet wool.")
    assert visible_text(play) == "St"  # the frame of the skipping key typed 2.5 characters
    app.step([], 0.2)  # normal speed: 50 characters a second
    shown = visible_text(play)
    assert shown == full[: len(shown)]
    assert 0 < len(shown) < len(full)
    wait(app, 0.5)
    assert len(visible_text(play)) > len(shown)
    assert app.animating  # the loop draws at full rate while the text types
    wait(app, 10)
    assert visible_text(play) == full
    assert play.text_done
    assert not app.animating  # nothing moves: the loop may sleep


def test_enter_completes_the_text_and_again_continues(app: App) -> None:
    play = start_new_game(app)
    app.step([], 0.1)
    assert not play.page_complete
    press(app, pygame.K_RETURN)
    assert play.page_complete
    assert play.session.state.node == "arrival"
    press(app, pygame.K_RETURN)
    assert play.session.state.node == "briefing"
    assert play.lines == [BRIEFING]
    assert visible_text(play) == "A "  # the new passage types again, from its start
    assert play.choices is None


def test_space_and_click_complete_and_continue_too(app: App) -> None:
    play = start_new_game(app)
    press(app, pygame.K_SPACE)
    assert play.page_complete and play.session.state.node == "arrival"
    click_at(app, (640, 600))
    assert play.session.state.node == "briefing"
    click_at(app, (640, 600))
    assert play.page_complete
    assert labels(play.choices) == BRIEFING_CHOICES


# -- choosing ---------------------------------------------------------------------------------


def test_the_choices_appear_when_the_text_is_done(app: App) -> None:
    play = start_new_game(app)
    press(app, pygame.K_RETURN, pygame.K_RETURN)
    assert play.session.state.node == "briefing"
    assert play.choices is None
    wait(app, 5)
    assert labels(play.choices) == BRIEFING_CHOICES
    assert play.choices is not None
    assert [b.enabled for b in play.choices.buttons] == [True, True, False, True]
    assert [b.number for b in play.choices.buttons] == [1, 2, 3, 4]
    assert play.choices.focus is None  # an Enter pressed to finish reading must not choose
    press(app, pygame.K_RETURN)
    assert play.session.state.node == "briefing"
    assert play.status is Status.DECISION


def test_choose_with_a_number_key(app: App) -> None:
    start_new_game(app)
    play = to_decision(app)
    press(app, pygame.K_1)
    assert play.session.state.node == "cables"
    assert play.session.state.vars["read_cables"] is True
    assert play.session.state.vars["soviet_trust"] == 1
    assert play.choices is None
    assert "intercepts" in "".join(play.lines)


def test_choose_with_a_keypad_number(app: App) -> None:
    start_new_game(app)
    play = to_decision(app)
    press(app, pygame.K_KP4)
    assert play.session.state.node == "refusal"


def test_choose_with_arrows_and_enter(app: App) -> None:
    start_new_game(app)
    play = to_decision(app)
    press(app, pygame.K_DOWN)  # the first arrow focuses the first choice
    assert focused_label(play.choices) == BRIEFING_CHOICES[0]
    press(app, pygame.K_DOWN)
    assert focused_label(play.choices) == BRIEFING_CHOICES[1]
    press(app, pygame.K_DOWN)
    assert focused_label(play.choices) == "Refuse the contact"  # the disabled one is skipped
    press(app, pygame.K_UP)
    assert focused_label(play.choices) == BRIEFING_CHOICES[1]
    press(app, pygame.K_RETURN)
    assert play.session.state.node == "courier"
    days = play.session.state.vars["courier_days"]
    assert isinstance(days, int) and 2 <= days <= 9
    assert app.stack == [play]  # Enter took the choice; it opened nothing


def test_arrows_do_not_move_to_the_top_bar_buttons(app: App) -> None:
    start_new_game(app)
    play = to_decision(app)
    for _ in range(6):
        press(app, pygame.K_DOWN)
    assert play.top_buttons.focus is None
    press(app, pygame.K_RETURN)
    assert app.stack == [play]
    assert play.session.state.node != "briefing"


def test_choose_with_a_mouse_click(app: App) -> None:
    start_new_game(app)
    play = to_decision(app)
    assert play.choices is not None
    refuse = play.choices.buttons[3]
    app.step([motion(refuse.rect.center)], DT)
    assert play.choices.hover == 3 and focused_label(play.choices) == "Refuse the contact"
    click_button(app, refuse)
    assert play.session.state.node == "refusal"
    assert play.status is Status.ENDING


def test_the_disabled_choice_cannot_be_taken_and_says_why(app: App) -> None:
    start_new_game(app)
    play = to_decision(app)
    assert play.choices is not None
    meet = play.choices.buttons[2]
    assert meet.label == "Agree to meet the Soviet envoy"
    assert not meet.enabled
    assert meet.note == MEET_NOTE
    assert [b.note for b in play.choices.buttons if b is not meet] == [None, None, None]
    before = play.session.state
    press(app, pygame.K_3)
    click_button(app, meet)
    assert play.session.state == before
    press(app, pygame.K_DOWN)  # focus the first choice
    app.step([motion(meet.rect.center)], DT)
    press(app, pygame.K_RETURN)  # the focus did not move onto it with the hover
    assert play.session.state.node == "cables"
    assert before.node == "briefing"


def test_the_disabled_choice_cannot_be_taken_by_key_or_click(app: App) -> None:
    start_new_game(app)
    play = to_decision(app)
    assert play.choices is not None
    before = play.session.state
    press(app, pygame.K_3)
    click_button(app, play.choices.buttons[2])
    assert play.session.state is before
    assert play.choices is not None and labels(play.choices) == BRIEFING_CHOICES


def test_after_reading_the_cables_the_meeting_is_open(app: App) -> None:
    start_new_game(app)
    play = choose(app, "read_cables")
    play = to_decision(app)
    assert play.session.state.node == "briefing"
    assert play.choices is not None
    # read_cables is once: gone; the Minister's second line is shown
    assert choice_ids(play) == ["send_courier", "meet", "refuse"]
    assert all(b.enabled for b in play.choices.buttons)
    assert [b.note for b in play.choices.buttons] == [None, None, None]
    assert "Tokyo waits" in " ".join(play.lines)
    press(app, pygame.K_2)
    assert play.session.state.node == "kollontai"


# -- going back -------------------------------------------------------------------------------


def test_backspace_goes_back_one_decision(app: App) -> None:
    start_new_game(app)
    play = choose(app, "read_cables")
    assert play.session.state.node == "cables"
    assert play.top_buttons.buttons[0].enabled  # Back
    press(app, pygame.K_BACKSPACE)
    assert play.session.state.node == "briefing"
    assert play.session.state.log == ()
    assert play.session.state.vars["read_cables"] is False
    assert play.session.state.vars["soviet_trust"] == 0
    assert not play.top_buttons.buttons[0].enabled
    wait(app, 5)
    assert labels(play.choices) == BRIEFING_CHOICES


def test_backspace_at_the_first_decision_does_nothing(app: App) -> None:
    start_new_game(app)
    play = to_decision(app)
    before = play.session.state
    press(app, pygame.K_BACKSPACE)
    assert play.session.state is before
    assert app.stack == [play]
    assert labels(play.choices) == BRIEFING_CHOICES


def test_backspace_before_the_first_decision_does_nothing(app: App) -> None:
    play = start_new_game(app)
    press(app, pygame.K_BACKSPACE)
    assert play.session.state.node == "arrival"


def test_the_top_bar_back_and_menu_buttons_click(app: App) -> None:
    start_new_game(app)
    play = choose(app, "send_courier")
    back, menu = play.top_buttons.buttons
    assert (back.label, menu.label) == ("Back", "Menu")
    click_button(app, back)
    assert play.session.state.node == "briefing"
    click_button(app, play.top_buttons.buttons[1])
    assert isinstance(app.top, MenuScene)


def test_two_decisions_back_then_back_again(app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    play = choose(app, "meet")
    assert play.session.state.node == "kollontai"
    assert len(play.session.state.log) == 2
    press(app, pygame.K_BACKSPACE)
    assert play.session.state.node == "briefing"
    assert play.session.state.vars["read_cables"] is True
    press(app, pygame.K_BACKSPACE)
    assert play.session.state.vars["read_cables"] is False
    app.step([click((640, 600))], DT)  # completes the passage; no decision is made
    assert play.session.state.node == "briefing"
