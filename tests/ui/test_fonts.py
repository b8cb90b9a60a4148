"""Japanese really shows: the font has the glyphs (different kanji draw differently, and
neither draws as the missing-glyph box)."""

from __future__ import annotations

import pygame

from game.ui.app import App

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
