"""The map of the front on screen: rendered for states that differ, the pictures differ
where the state does and nowhere else; the map scene opens and closes; the place
`front_map` shows the live map behind its passage."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.documents.map_geo import View, project
from game.engine.jump import start_at
from game.story import Story
from game.ui import map_view
from game.ui.app import App
from game.ui.backdrop import backdrop
from game.ui.fonts import FontBook
from game.ui.map_view import BACKDROP, SHEET, backdrop_view, render_map, sheet_view
from game.ui.scenes.map_scene import MAP_KEY, MapScene
from game.ui.scenes.play import PlayScene
from game.ui.session import Session

from .helpers import drawn_texts, press, top

SIZE = (640, 360)


class Fonts:
    """What render_map needs of the App."""

    def __init__(self) -> None:
        self.fonts = FontBook()


@pytest.fixture(scope="module")
def app() -> Fonts:
    pygame.display.init()
    return Fonts()


def sheet(app: Fonts, lang: str = "en", **terms: str) -> pygame.Surface:
    return render_map(app, terms, SIZE, lang, SHEET)


def window(surf: pygame.Surface, view: View, origin: tuple[int, int], lonlat: tuple[float, float],
           half: int = 6) -> pygame.Rect:
    x, y = view.px(project(*lonlat))
    return pygame.Rect(round(x) + origin[0] - half, round(y) + origin[1] - half, 2 * half,
                       2 * half).clip(surf.get_rect())


def differing(a: pygame.Surface, b: pygame.Surface, rect: pygame.Rect) -> int:
    return sum(a.get_at((x, y)) != b.get_at((x, y))
               for x in range(rect.left, rect.right) for y in range(rect.top, rect.bottom))


def at_sheet(surf: pygame.Surface, lonlat: tuple[float, float]) -> pygame.Rect:
    view, rect = sheet_view(SIZE)
    return window(surf, view, rect.topleft, lonlat)


def test_the_line_changes_korea_between_busan_and_the_38th_parallel(app: Fonts) -> None:
    busan = sheet(app, art_line="busan")
    p38 = sheet(app, art_line="parallel38")
    between = at_sheet(busan, (127.6, 36.6))  # south of Keijō, north of Daegu: inland
    assert differing(busan, p38, between) > 0.8 * between.width * between.height
    north = at_sheet(busan, (122.0, 46.0))  # Manchuria: the line does not reach it
    assert differing(busan, p38, north) == 0


def test_manchuria_occupied_or_deferred_changes_manchuria_only(app: Fonts) -> None:
    occ = sheet(app, art_manchuria="occupation")
    dfr = sheet(app, art_manchuria="deferred")
    manchuria = at_sheet(occ, (122.0, 46.0))
    assert differing(occ, dfr, manchuria) > 0.5 * manchuria.width * manchuria.height
    south_korea = at_sheet(occ, (127.6, 36.6))
    assert differing(occ, dfr, south_korea) == 0


def test_the_fleet_limits_and_the_stand_down_show_at_sea(app: Fonts) -> None:
    draft = sheet(app)
    mutual = sheet(app, art_fleet="mutual", art_maritime="mutual")
    vladivostok = at_sheet(draft, (131.89, 43.12))
    vladivostok.inflate_ip(40, 40)
    assert differing(draft, mutual, vladivostok.clip(draft.get_rect())) > 0


def test_identical_states_give_identical_pictures(app: Fonts) -> None:
    a = sheet(app, art_line="zone", art_commission="none")
    map_view._CACHE.clear()
    b = sheet(app, art_line="zone", art_commission="none")
    assert a is not b
    assert pygame.image.tobytes(a, "RGB") == pygame.image.tobytes(b, "RGB")
    assert sheet(app, art_line="zone", art_commission="none") is b  # cached


def test_another_storys_variables_give_the_draft(app: Fonts) -> None:
    other = render_map(app, {"gold": 3, "art_line": 7}, SIZE, "en", SHEET)
    draft = sheet(app)
    assert pygame.image.tobytes(other, "RGB") == pygame.image.tobytes(draft, "RGB")


def test_the_backdrop_differs_with_the_line_above_the_passage(app: Fonts) -> None:
    a = render_map(app, {"art_line": "busan"}, SIZE, "en", BACKDROP)
    b = render_map(app, {"art_line": "zone"}, SIZE, "en", BACKDROP)
    rect = window(a, backdrop_view(SIZE), (0, 0), (128.75, 35.95), 3)  # by Daegu
    assert differing(a, b, rect) > 0
    assert rect.bottom < 468 * SIZE[1] / 720  # the passage panel does not hide it


def test_the_japanese_map_draws_japanese_labels() -> None:
    """Every label in both languages goes through the game's fonts (no boxes)."""
    pygame.display.init()
    fonts = FontBook()
    seen: list[str] = []
    original = fonts.render

    def spy(text: str, size: int, color: object, role: str = "serif") -> pygame.Surface:
        seen.append(text)
        return original(text, size, color, role)  # type: ignore[arg-type]

    fonts.render = spy  # type: ignore[method-assign]
    app = Fonts()
    app.fonts = fonts
    map_view._CACHE.clear()
    render_map(app, {}, SIZE, "ja", SHEET)
    assert "釜山" in seen and "凡例" in seen
    assert fonts.sources.get("serif") != "default"  # a font with Japanese glyphs, not boxes
    glyph = fonts.font(16).metrics("釜")[0]
    assert glyph is not None and glyph[1] - glyph[0] > 8  # drawn, as wide as a kanji


# -- in the game ----------------------------------------------------------------------------

def test_f_opens_the_map_and_esc_closes_it(shipped: Story, tmp_path: Path) -> None:
    game = App(shipped, lang="en", seed=3, settings_dir=tmp_path)  # a story with the treaty
    try:
        game.replace(PlayScene(game, Session(shipped, seed=3), announce=False))
        game.step([], 0.0)
        press(game, MAP_KEY)
        scene = top(game, MapScene)
        assert any("Esc" in s for s in drawn_texts(game))
        game.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="",
                                      scancode=0)], 0.05)
        assert scene not in game.stack
        top(game, PlayScene)
    finally:
        pygame.display.quit()


def test_the_front_map_place_shows_the_live_map(make_app: Callable[..., App],
                                                shipped: Story) -> None:
    game = make_app()
    pictures = []
    for line in ("busan", "parallel38"):
        session = Session.resume(shipped, start_at(shipped, "ch4_map", {"art_line": line}))
        assert session.node.place == "front_map"
        pictures.append(backdrop(game, session, SIZE))
    static = game.images.get("images/front_map.svg", SIZE)
    assert pygame.image.tobytes(pictures[0], "RGB") != pygame.image.tobytes(static, "RGB")
    assert pygame.image.tobytes(pictures[0], "RGB") != pygame.image.tobytes(pictures[1], "RGB")
