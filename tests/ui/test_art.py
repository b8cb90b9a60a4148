"""The art: fades between places, chapter cards with pictures, the 9-sliced frames, and
every picture the shipped story names rasterising (docs/art.md)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pygame
import pytest

from game.engine.jump import start_at
from game.story import Story
from game.ui import theme
from game.ui.app import App
from game.ui.frames import CORNERS, PAPER, NineSlice
from game.ui.images import load_svg
from game.ui.scenes.chapter_card import ChapterCard, card_picture
from game.ui.scenes.play import FADE_SECONDS, PlayScene
from game.ui.session import Session
from tests.conftest import ROOT

from .helpers import wait

STORY = ROOT / "story"
# Strips of the canvas that show only the place's picture: left and right of the passage
# panel, below the choices' veil.
_X, _Y, _W, _H = theme.TEXT_BOX
MARGINS = (pygame.Rect(0, _Y + 10, _X, theme.CANVAS[1] - _Y - 10),
           pygame.Rect(_X + _W, _Y + 10, theme.CANVAS[0] - _X - _W, theme.CANVAS[1] - _Y - 10))


def margins(app: App) -> bytes:
    return b"".join(pygame.image.tobytes(app.canvas.subsurface(r), "RGB") for r in MARGINS)


def place_change(story: Story) -> tuple[str, str]:
    """A node and one of its choices that leads, in the same chapter, to another place."""
    for node in story.nodes.values():
        for choice in node.choices:
            target = story.nodes[choice.goto]
            if (node.place and target.place and target.place != node.place
                    and target.chapter == node.chapter and choice.condition is None
                    and story.places[node.place].image != story.places[target.place].image):
                return node.id, choice.id
    raise AssertionError("the story has no change of place")


def play_at(shipped: Story, tmp_path: Path, reduced: bool) -> tuple[App, PlayScene, str]:
    app = App(shipped, lang="en", seed=1, settings_dir=tmp_path)
    app.apply_settings(app.settings.with_(text_speed="instant", reduced_motion=reduced))
    node, choice = place_change(shipped)
    state = start_at(shipped, node, seed=1)
    session = Session.resume(shipped, state)
    session.edit(state)  # as `play --start` does: Back returns here, not to the story's start
    app.session = session
    play = PlayScene(app, session, announce=False)
    app.replace(play)
    return app, play, choice


def test_a_change_of_place_cross_fades_and_the_screen_goes_still(shipped: Story,
                                                                 tmp_path: Path) -> None:
    app, play, choice = play_at(shipped, tmp_path, reduced=False)
    app.step([], 0.0)
    assert play.over is not None and app.animating  # coming in from the screen before
    wait(app, FADE_SECONDS + 0.1)
    assert play.over is None and not app.animating
    old = margins(app)
    play.take(choice)
    app.step([], 0.0)
    assert play.under is not None
    assert margins(app) == old  # the first frame is still the old place
    app.step([], FADE_SECONDS / 2)
    middle = margins(app)
    assert app.animating
    wait(app, FADE_SECONDS)
    new = margins(app)
    assert play.under is None and not app.animating  # over: the loop sleeps again
    assert new != old
    assert middle not in (old, new)
    # and the new place's picture is what shows
    app.step([], 0.0)
    assert margins(app) == new


def test_with_reduced_motion_the_place_changes_at_once(shipped: Story, tmp_path: Path) -> None:
    app, play, choice = play_at(shipped, tmp_path, reduced=True)
    app.step([], 0.0)
    assert play.over is None and not app.animating
    old = margins(app)
    play.take(choice)
    app.step([], 0.0)
    assert play.under is None and not app.animating
    new = margins(app)
    assert new != old
    app.step([], FADE_SECONDS / 2)
    assert margins(app) == new  # no frame in between


def test_back_and_a_reload_in_the_middle_of_a_fade(shipped: Story, tmp_path: Path) -> None:
    app, play, choice = play_at(shipped, tmp_path, reduced=False)
    wait(app, 1.0)
    before = margins(app)
    play.take(choice)
    app.step([], FADE_SECONDS / 3)
    play.go_back()  # back to the first place, fading from the blend as it stood
    app.step([], FADE_SECONDS / 3)
    assert play.under is not None
    play.on_story_changed()
    app.step([], FADE_SECONDS / 3)
    wait(app, FADE_SECONDS)
    assert play.under is None and not app.animating
    assert margins(app) == before


def test_a_save_thumbnail_is_never_a_moment_of_a_fade(shipped: Story, tmp_path: Path) -> None:
    app, play, choice = play_at(shipped, tmp_path, reduced=False)
    play.take(choice)
    app.step([], FADE_SECONDS / 2)
    mid = pygame.Surface(theme.CANVAS)
    play.draw_snapshot(mid)
    wait(app, FADE_SECONDS)
    assert play.under is None
    settled = pygame.Surface(theme.CANVAS)
    play.draw_snapshot(settled)
    assert pygame.image.tobytes(mid, "RGB") == pygame.image.tobytes(settled, "RGB")


def test_chapter_cards_show_their_pictures(shipped: Story, tmp_path: Path) -> None:
    app = App(shipped, lang="en", seed=1, settings_dir=tmp_path)
    app.apply_settings(app.settings.with_(reduced_motion=True))
    session = Session(shipped, 1)
    frames = {}
    for chapter in ("ch1", "ch4"):
        card = ChapterCard(app, chapter, session.state)
        app.replace(card)
        app.step([], 0.0)
        # the top band: the picture only (the title sits in the middle)
        frames[chapter] = pygame.image.tobytes(app.canvas.subsurface((0, 0, 1280, 250)), "RGB")
        plain = pygame.Surface((1280, 250))
        plain.fill(theme.NIGHT)
        assert frames[chapter] != pygame.image.tobytes(plain, "RGB")
    assert frames["ch1"] != frames["ch4"]


def test_a_chapter_without_a_picture_shows_plain_dark_paper(app: App) -> None:
    assert app.story is not None
    chapter = next(iter(app.story.chapters))
    assert app.images.find(card_picture(chapter)) is None  # the sample story has none
    app.apply_settings(app.settings.with_(reduced_motion=True))
    card = ChapterCard(app, chapter, Session(app.story, 1).state)
    app.replace(card)
    app.step([], 0.0)
    assert app.canvas.get_at((5, 5))[:3] == theme.NIGHT
    assert card_picture(chapter) not in app.images.warned  # no warning: a card is optional


def shipped_pictures(story: Story) -> list[str]:
    rels = [p.image for p in story.places.values() if p.image]
    return rels + [card_picture(c) for c in story.chapters] + ["images/title.svg"]


def test_every_place_and_chapter_has_a_picture_that_rasterises(shipped: Story) -> None:
    pygame.display.init()
    dirs = [STORY / "assets", ROOT / "assets"]
    for rel in shipped_pictures(shipped):
        path = next((d / rel for d in dirs if (d / rel).is_file()), None)
        assert path is not None, f"{rel} is missing"
        assert path.suffix == ".svg"
        surf = load_svg(path, theme.CANVAS)  # raises on a picture nanosvg cannot read
        assert surf.get_size() == theme.CANVAS
        colours = {surf.get_at((x, y))[:3] for x in range(0, 1280, 97) for y in range(0, 720, 61)}
        assert len(colours) > 8, f"{rel} rasterises to (almost) nothing"


def test_the_pictures_use_only_what_the_svg_loader_draws(shipped: Story) -> None:
    """nanosvg has no text, filters, patterns, masks, clip paths or images (docs/art.md)."""
    unsupported = ("<text", "<filter", "<pattern", "<mask", "<clipPath", "<image", "<use",
                   "<style", "<foreignObject")
    for path in sorted((ROOT / "assets").rglob("*.svg")):
        if "map" in path.relative_to(ROOT / "assets").parts:
            continue  # the map's own folder is the map's to check
        text = path.read_text(encoding="utf-8")
        for tag in unsupported:
            assert tag not in text, f"{path.relative_to(ROOT)} uses {tag}>"


@pytest.mark.parametrize("kind", sorted(CORNERS))
def test_a_frame_keeps_its_corners_crisp_at_any_size(kind: str) -> None:
    pygame.display.init()
    nine = PAPER.frame(kind)
    assert nine is not None
    c = nine.corner
    sizes = [(c * 2 + 1, c * 2 + 1), (300, 80), (1120, 232), (760, c * 2 + 9)]
    corners = []
    for w, h in sizes:
        surf = nine.render((w, h))
        assert surf.get_size() == (w, h)
        corners.append([pygame.image.tobytes(surf.subsurface(r), "RGBA") for r in (
            (0, 0, c, c), (w - c, 0, c, c), (0, h - c, c, c), (w - c, h - c, c, c))])
        # an edge is one rule all along: its first and last columns are the same
        top_a = pygame.image.tobytes(surf.subsurface((c, 0, 1, c)), "RGBA")
        top_b = pygame.image.tobytes(surf.subsurface((w - c - 1, 0, 1, c)), "RGBA")
        assert top_a == top_b
    assert all(found == corners[0] for found in corners[1:])
    assert any(corners[0][0][3::4])  # the corner has ink in it


def test_a_nine_slice_smaller_than_its_corners_still_draws() -> None:
    source = pygame.Surface((30, 30), pygame.SRCALPHA)
    source.fill((10, 20, 30, 255))
    for size in ((1, 1), (5, 40), (40, 5), (19, 19)):
        assert NineSlice(source, 10).render(size).get_size() == size


def test_panels_and_buttons_are_cached_sheets() -> None:
    pygame.display.init()
    a = PAPER.sheet((400, 120), theme.PANEL, "panel")
    assert PAPER.sheet((400, 120), theme.PANEL, "panel") is a
    assert a.get_at((200, 60))[3] <= theme.PANEL[3]  # the texture never makes it opaque
    assert PAPER.sheet((400, 120), theme.PANEL, "sheet") is not a


def _make_art() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_art", ROOT / "tools" / "make_art.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_art"] = module
    spec.loader.exec_module(module)
    return module


def test_the_generated_art_is_what_the_script_makes() -> None:
    """tools/make_art.py reproduces every file it owns byte for byte (seeded)."""
    built = _make_art().build()
    assert built
    for rel, text in built.items():
        path = ROOT / "assets" / rel
        assert path.read_bytes() == text.encode("utf-8"), (
            f"assets/{rel.as_posix()} differs: run python tools/make_art.py")
