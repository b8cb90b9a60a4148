"""Cases the sample story does not reach: a passage longer than the panel (pages), and a
node where no choice can be taken (stuck)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from game.engine import Status
from game.story import Story
from game.ui.app import App
from game.ui.scenes.play import PlayScene
from game.ui.scenes.title import TitleScene

from .helpers import drawn_texts, labels, press, top, visible_text, wait

LONG = " ".join(f"Cable {i} went unanswered while the snow fell on the legation roof."
                for i in range(1, 13))


@pytest.fixture
def app_for(tmp_path: Path) -> Iterator[Callable[[Story], App]]:
    def make(story: Story) -> App:
        app = App(story, seed=1, settings_dir=tmp_path / "settings")
        app.replace(TitleScene(app))
        app.step([], 0.0)
        press(app, pygame.K_RETURN)
        return app

    yield make
    pygame.display.quit()


def test_a_long_passage_is_paged(make_story: Callable[..., Story],
                                 app_for: Callable[[Story], App]) -> None:
    story = make_story(f"""
        start:
          text: {{en: "{LONG}", ja: 長い。}}
          choices:
            - {{id: go, text: Go, goto: end}}
        end:
          text: The end.
          ending: done
        """)
    app = app_for(story)
    play = top(app, PlayScene)  # no chapter, no card
    assert play.pages >= 2
    assert len(play.page_lines()) == play.lines_per_page
    first_page = list(play.page_lines())
    press(app, pygame.K_RETURN)
    assert play.page == 0 and play.page_complete and not play.text_done
    assert f"1/{play.pages}" in drawn_texts(app)
    press(app, pygame.K_RETURN)
    assert play.page == 1
    assert play.page_lines() != first_page
    assert " ".join(play.lines) == LONG  # the pages hold the whole text, in order
    assert len(visible_text(play)) < 5  # the new page types from its start
    for _ in range(play.pages * 2):
        if play.choices is not None:
            break
        press(app, pygame.K_RETURN)
    assert play.text_done and play.page == play.pages - 1
    assert labels(play.choices) == ["Go"]
    press(app, pygame.K_1)
    assert play.session.state.node == "end"


def test_a_stuck_node_says_so(make_story: Callable[..., Story],
                              app_for: Callable[[Story], App]) -> None:
    story = make_story("""
        start:
          text: A locked door.
          choices:
            - {id: open, text: Open it, enabled_if: has_key, goto: end}
        end:
          text: Out.
          ending: done
        """, variables="has_key: {type: bool, default: false}")
    app = app_for(story)
    play = top(app, PlayScene)
    wait(app, 2)
    assert play.status is Status.STUCK
    assert play.text_done
    assert play.choices is None
    assert "No choice can be taken here: the story is stuck." in drawn_texts(app)
    press(app, pygame.K_1, pygame.K_RETURN, pygame.K_BACKSPACE)
    assert play.session.state.node == "start"
    press(app, pygame.K_ESCAPE)
    assert app.top is not play  # the menu still opens: the player can leave


def test_a_choice_too_long_for_one_line_gets_a_taller_button(
        make_story: Callable[..., Story], app_for: Callable[[Story], App]) -> None:
    long_ja = "スウェーデンの軍人がソ連の鉄道で何を見ているか、リンドクヴィストに尋ねてみる"
    story = make_story(f"""
        start:
          text: {{en: Pick., ja: 選ぶ。}}
          choices:
            - {{id: short, text: {{en: Wait, ja: 待つ}}, goto: end}}
            - {{id: long, text: {{en: "{LONG[:150]}", ja: {long_ja}}}, goto: end}}
            - {{id: after, text: {{en: Go, ja: 行く}}, goto: end}}
        end:
          text: The end.
          ending: done
        """)
    for lang in ("en", "ja"):
        app = app_for(story)
        app.settings = app.settings.with_(language=lang)
        play = top(app, PlayScene)
        play.on_settings_changed()
        press(app, pygame.K_RETURN)
        assert play.choices is not None
        short, long, after = (b.rect for b in play.choices.buttons)
        assert long.height > short.height == after.height, lang
        assert short.bottom < long.top and long.bottom < after.top  # no overlap
        pygame.display.quit()
