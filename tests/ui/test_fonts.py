"""Japanese really shows: the font has the glyphs (different kanji draw differently, and
neither draws as the missing-glyph box)."""

from __future__ import annotations

import pygame

from game.ui.app import App
from game.ui.fonts import FontBook

from .helpers import drawn_texts, start_new_game

INK = (0, 0, 0)


def pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGBA")


def test_the_fonts_come_from_a_japanese_capable_source(app: App) -> None:
    app.fonts.render("序章", 30, INK)
    app.fonts.render("序章", 30, INK, role="sans")
    assert app.fonts.sources["serif"] != "default"
    assert app.fonts.sources["sans"] != "default"


def test_different_kanji_render_differently_and_not_as_tofu(app: App) -> None:
    fonts = app.fonts
    font = fonts.font(40)
    a, b = fonts.render("東", 40, INK), fonts.render("京", 40, INK)
    missing = fonts.render("\U000f0000", 40, INK)  # a private-use point no font draws
    assert a.get_width() > 10 and a.get_height() > 10
    assert pixels(a) != pixels(b)
    assert pixels(a) != pixels(missing) and pixels(b) != pixels(missing)
    tofu = pixels(missing)
    for ch in "序章冬赴任公使館ストックホルム「」。":
        assert pixels(fonts.render(ch, 40, INK)) != tofu, f"{ch} draws as the missing glyph"
    assert font.metrics("\U000f0000") == [None]  # the font knows it lacks that one


def test_kana_and_kanji_strings_have_real_widths(app: App) -> None:
    measure = app.fonts.measure(28)
    one = measure("公")
    assert one > 20
    assert measure("公使館") == 3 * one  # full-width glyphs, not one box each of another size
    assert measure("ストックホルム") > measure("ストック")


def test_the_japanese_play_screen_draws_its_strings(app: App) -> None:
    app.apply_settings(app.settings.with_(language="ja"))
    start_new_game(app)
    texts = drawn_texts(app)
    assert "序章　冬の赴任  ·  在ストックホルム日本公使館  ·  1942年1月9日" in texts
    assert "メニュー" in texts


def test_the_line_cache_is_bounded_by_its_pixels_and_drops_the_oldest() -> None:
    """2,048 long lines at the largest sizes were 120-150 MB: lines are kept by size too,
    and the least recently drawn go first."""
    fonts = FontBook(max_bytes=2 * 1024 * 1024)
    drawn = [fonts.render(f"line {i} " + "ストックホルム" * 8, 40, INK) for i in range(60)]
    size = sum(s.get_width() * s.get_height() * s.get_bytesize() for s in drawn)
    assert size > 2 * 1024 * 1024  # more than the bound was drawn
    assert fonts.line_bytes <= 2 * 1024 * 1024
    kept = list(fonts._lines.values())
    assert fonts.line_bytes == sum(s.get_width() * s.get_height() * s.get_bytesize()
                                   for s in kept)
    assert kept[-1] is drawn[-1] and drawn[0] not in kept  # the oldest went
    again = fonts.render("line 59 " + "ストックホルム" * 8, 40, INK)
    assert again is drawn[-1]  # still cached: the same surface, not drawn again


def test_a_line_larger_than_the_whole_bound_is_still_drawn() -> None:
    fonts = FontBook(max_bytes=100)
    line = fonts.render("Stockholm", 30, INK)
    assert line.get_width() > 50 and list(fonts._lines.values()) == [line]
    fonts.clear_lines()
    assert fonts.line_bytes == 0 and not fonts._lines
