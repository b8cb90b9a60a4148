"""The treaty on paper (real pygame, dummy video): pictures that differ exactly where the
state does, and the screen that shows it at every ending."""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.documents.treaty import Treaty, TreatyStatus, treaty_of
from game.engine import PlayState, Status
from game.engine.jump import set_variable
from game.story import Story, load_story
from game.ui import treaty_view
from game.ui.app import App
from game.ui.scenes.play import PlayScene
from game.ui.scenes.treaty_scene import TreatyScene
from game.ui.session import Session
from game.ui.treaty_view import render_treaty, treaty_regions
from tests.documents.conftest import PLANS, load_plan, walk
from tests.ui.helpers import button, click_button, drawn_texts, press, top, wait, wheel

WIDTH = 900
SIZE = (WIDTH, 600)


@pytest.fixture(scope="module")
def accord(shipped: Story) -> PlayState:
    plan = load_plan(next(p for p in PLANS if p.stem == "accord"))
    return walk(shipped, plan["choose"], plan.get("seed", 0))


@pytest.fixture
def app(shipped: Story, tmp_path: Path) -> Iterator[App]:
    made = App(shipped, lang="en", seed=3, settings_dir=tmp_path)
    made.settings = made.settings.with_(text_speed="instant")
    yield made
    pygame.display.quit()


def picture(app: App, treaty: Treaty, lang: str = "en") -> bytes:
    return pygame.image.tobytes(render_treaty(app, treaty, SIZE, lang), "RGB")


def rows(app: App, treaty: Treaty, top_y: int, bottom_y: int, lang: str = "en") -> bytes:
    sheet = render_treaty(app, treaty, SIZE, lang)
    band = sheet.subsurface(pygame.Rect(0, top_y, WIDTH, bottom_y - top_y))
    return pygame.image.tobytes(band, "RGB")


def with_vars(story: Story, state: PlayState, **values: str) -> PlayState:
    for name, value in values.items():
        state = set_variable(story, state, name, value)
    return state


# -- the acceptance test: pictures differ where the state does, and only there -------------


def test_article_8_differs_between_one_sided_and_struck_and_nothing_above_it(
        app: App, shipped: Story, accord: PlayState) -> None:
    one_sided = treaty_of(shipped, accord)
    assert one_sided.article("fleet").value == "one_sided"
    struck = treaty_of(shipped, with_vars(shipped, accord, art_fleet="none"))
    before = treaty_regions(app, one_sided, WIDTH, "en")
    after = treaty_regions(app, struck, WIDTH, "en")
    top_y = before["fleet"][0]
    assert after["fleet"][0] == top_y  # the same articles above, the same layout
    assert rows(app, one_sided, 0, top_y) == rows(app, struck, 0, top_y)
    bottom = min(before["fleet"][1], after["fleet"][1])
    assert rows(app, one_sided, top_y, bottom) != rows(app, struck, top_y, bottom)


def test_signed_and_frozen_differ_in_the_signatures_not_in_the_articles(
        app: App, shipped: Story, accord: PlayState) -> None:
    signed = treaty_of(shipped, accord)
    frozen = treaty_of(shipped, with_vars(shipped, accord, outcome="frozen"))
    assert signed.status is TreatyStatus.SIGNED and frozen.status is TreatyStatus.NOT_SIGNED
    a, b = treaty_regions(app, signed, WIDTH, "en"), treaty_regions(app, frozen, WIDTH, "en")
    first, last = a["ceasefire"][0], a["secrecy"][1]
    assert (b["ceasefire"][0], b["secrecy"][1]) == (first, last)
    assert rows(app, signed, first, last) == rows(app, frozen, first, last)
    sig_top, sig_bottom = a["signatures"]
    assert b["signatures"][0] == sig_top
    bottom = min(sig_bottom, b["signatures"][1])
    assert rows(app, signed, sig_top, bottom) != rows(app, frozen, sig_top, bottom)


def test_signed_by_another_hand_differs_in_the_signatures(
        app: App, shipped: Story, accord: PlayState) -> None:
    signed = treaty_of(shipped, accord)
    other = treaty_of(shipped, with_vars(shipped, accord, outcome="signed_by_other"))
    assert [s.key for s in other.signatories if s.party == "japan"] == ["okabe"]
    a = treaty_regions(app, signed, WIDTH, "en")["signatures"][0]
    b = treaty_regions(app, other, WIDTH, "en")["signatures"][0]  # the date line is shorter
    assert rows(app, signed, a, a + 200) != rows(app, other, b, b + 200)


def test_an_open_article_looks_unlike_the_same_article_agreed(
        app: App, shipped: Story) -> None:
    from tests.documents.conftest import OPENING

    open_line = treaty_of(shipped, walk(shipped, OPENING))
    agreed_line = treaty_of(shipped, walk(shipped, [*OPENING, "accept_busan"]))
    assert open_line.article("line").value == agreed_line.article("line").value == "busan"
    a = treaty_regions(app, open_line, WIDTH, "en")["line"]
    b = treaty_regions(app, agreed_line, WIDTH, "en")["line"]
    assert rows(app, open_line, a[0], a[1]) != rows(app, agreed_line, b[0], b[1])


def test_english_and_japanese_differ(app: App, shipped: Story, accord: PlayState) -> None:
    treaty = treaty_of(shipped, accord)
    assert picture(app, treaty, "en") != picture(app, treaty, "ja")


def test_identical_states_give_identical_pictures(app: App, shipped: Story) -> None:
    plan = load_plan(next(p for p in PLANS if p.stem == "secret_clause"))
    one = treaty_of(shipped, walk(shipped, plan["choose"], plan.get("seed", 0)))
    two = treaty_of(shipped, walk(shipped, plan["choose"], plan.get("seed", 0)))
    assert one == two
    for lang in ("en", "ja"):
        assert picture(app, one, lang) == picture(app, two, lang)


def test_the_sheet_grows_to_hold_the_text(app: App, shipped: Story, accord: PlayState) -> None:
    sheet = render_treaty(app, treaty_of(shipped, accord), SIZE, "ja")
    assert sheet.get_width() == WIDTH and sheet.get_height() > SIZE[1]


def test_without_the_typewriter_face_the_serif_types_it(
        app: App, shipped: Story, accord: PlayState, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert treaty_view.find_typewriter_font() is not None  # shipped in assets/fonts/typewriter
    monkeypatch.setattr(treaty_view, "TYPEWRITER_DIR", tmp_path / "none")
    monkeypatch.setattr(treaty_view, "_TYPEWRITER", weakref.WeakKeyDictionary())
    assert treaty_view.typewriter_font(app.fonts, 19) is None
    sheet = render_treaty(app, treaty_of(shipped, accord), SIZE, "en")
    assert sheet.get_height() > SIZE[1]


# -- the screen ----------------------------------------------------------------------------


def at_ending(app: App, shipped: Story, state: PlayState) -> PlayScene:
    play = PlayScene(app, Session.resume(shipped, state), announce=False)
    app.replace(play)
    app.step([], 0.05)
    for _ in range(60):  # the epilogue runs to several pages
        if play.text_done:
            break
        press(app, pygame.K_RETURN)
    assert play.status is Status.ENDING and play.text_done
    return play


def test_every_ending_offers_the_treaty_and_t_opens_it(
        app: App, shipped: Story, accord: PlayState) -> None:
    play = at_ending(app, shipped, accord)
    assert play.ending_buttons is not None
    assert play.ending_buttons.buttons[play.ending_buttons.focus or 0].label == (
        "Return to title")  # Enter still goes to the title
    click_button(app, button(play.ending_buttons, "Read the treaty (T)"))
    top(app, TreatyScene)
    texts = drawn_texts(app)
    assert "Signed" in texts and "amended" in texts and "still open" not in texts
    press(app, pygame.K_ESCAPE)
    assert app.top is play
    press(app, pygame.K_t)
    top(app, TreatyScene)
    press(app, pygame.K_t)
    assert app.top is play


def test_the_treaty_scrolls_and_turns_to_the_other_text(
        app: App, shipped: Story, accord: PlayState) -> None:
    at_ending(app, shipped, accord)
    press(app, pygame.K_t)
    scene = top(app, TreatyScene)
    app.step([], 0.05)
    assert scene.offset == 0 and scene.max_offset > 0
    press(app, pygame.K_PAGEDOWN)
    assert scene.offset > 0
    app.step([wheel(-3)], 0.05)
    lower = scene.offset
    press(app, pygame.K_END)
    assert scene.offset == scene.max_offset >= lower
    press(app, pygame.K_HOME)
    assert scene.offset == 0
    press(app, pygame.K_l)
    assert scene.lang == "ja"
    app.step([], 0.05)
    assert "調印済" not in drawn_texts(app)  # the side stays in the game's language
    press(app, pygame.K_l)
    assert scene.lang == "en"


def test_in_japanese_the_screen_and_the_sheet_are_japanese(
        shipped: Story, accord: PlayState, tmp_path: Path) -> None:
    app = App(shipped, lang="ja", seed=3, settings_dir=tmp_path)
    try:
        app.settings = app.settings.with_(text_speed="instant")
        play = at_ending(app, shipped, accord)
        assert play.ending_buttons is not None
        assert "協定文を読む（T）" in [b.label for b in play.ending_buttons.buttons]
        press(app, pygame.K_t)
        scene = top(app, TreatyScene)
        assert scene.lang == "ja"
        texts = drawn_texts(app)
        assert "協定文" in texts and "調印済" in texts
    finally:
        pygame.display.quit()


def test_mid_game_t_shows_the_draft_as_it_stands(app: App, shipped: Story) -> None:
    from tests.documents.test_treaty import MID_TALKS

    play = PlayScene(app, Session.resume(shipped, walk(shipped, MID_TALKS)), announce=False)
    app.replace(play)
    wait(app, 0.5)
    press(app, pygame.K_t)
    top(app, TreatyScene)
    texts = drawn_texts(app)
    assert "Draft: still at the table" in texts
    assert {"amended", "struck out", "still open", "agreed as drafted"} <= set(texts)


def test_the_dossier_opens_the_map_and_the_treaty(app: App, shipped: Story) -> None:
    from game.ui.scenes.dossier import DossierScene
    from game.ui.scenes.map_scene import MapScene
    from tests.documents.test_treaty import MID_TALKS

    play = PlayScene(app, Session.resume(shipped, walk(shipped, MID_TALKS)), announce=False)
    app.replace(play)
    wait(app, 0.5)
    press(app, pygame.K_TAB)
    dossier = top(app, DossierScene)
    assert {"The map of the front (F)", "The treaty (T)"} <= set(drawn_texts(app))
    click_button(app, button(dossier.documents, "The map of the front (F)"))
    top(app, MapScene)
    press(app, pygame.K_ESCAPE)  # back to the dossier, not to the game
    assert app.top is dossier
    press(app, pygame.K_t)
    top(app, TreatyScene)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_f)
    top(app, MapScene)
    press(app, pygame.K_ESCAPE, pygame.K_TAB)
    assert app.top is play


def test_a_story_without_the_treaty_has_no_document_buttons(tmp_path: Path) -> None:
    from game.ui.scenes.dossier import DossierScene
    from tests.conftest import SAMPLE

    sample = load_story(SAMPLE).story
    assert sample is not None
    other = App(sample, lang="en", seed=3, settings_dir=tmp_path)
    try:
        other.replace(PlayScene(other, Session(sample, seed=3), announce=False))
        wait(other, 0.5)
        press(other, pygame.K_TAB)
        dossier = top(other, DossierScene)
        assert dossier.documents.buttons == []
        press(other, pygame.K_t, pygame.K_f)
        assert other.top is dossier
        press(other, pygame.K_ESCAPE)
        play = other.top
        assert isinstance(play, PlayScene)
        press(other, pygame.K_f, pygame.K_t)  # nor from the play screen
        assert other.top is play
    finally:
        pygame.display.quit()
