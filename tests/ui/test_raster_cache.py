"""Rasterised SVGs kept on disk (images.load_svg with a cache folder): the same pixels as a
fresh rasterisation, one entry per picture and size, and a damaged entry is ignored and
rewritten, never shown."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui.images import load_svg
from tests.conftest import ROOT

SVG = ROOT / "assets" / "images" / "title.svg"
SIZE = (320, 180)


def same_pixels(a: pygame.Surface, b: pygame.Surface) -> bool:
    return pygame.image.tobytes(a, "RGBA") == pygame.image.tobytes(b, "RGBA")


def test_a_cached_raster_is_the_fresh_one(tmp_path: Path) -> None:
    fresh = load_svg(SVG, SIZE)
    first = load_svg(SVG, SIZE, tmp_path)
    entries = list(tmp_path.glob("raster-*"))
    assert len(entries) == 1
    second = load_svg(SVG, SIZE, tmp_path)
    assert second.get_size() == SIZE
    assert same_pixels(fresh, first) and same_pixels(fresh, second)
    load_svg(SVG, (160, 90), tmp_path)  # another size is another entry
    assert len(list(tmp_path.glob("raster-*"))) == 2


def test_a_damaged_entry_is_rasterised_again(tmp_path: Path) -> None:
    fresh = load_svg(SVG, SIZE, tmp_path)
    (entry,) = tmp_path.glob("raster-*")
    entry.write_bytes(entry.read_bytes()[:100])  # torn
    again = load_svg(SVG, SIZE, tmp_path)
    assert same_pixels(fresh, again)
    assert len(entry.read_bytes()) > 100  # rewritten whole


def test_an_unwritable_cache_folder_only_means_no_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    surf = load_svg(SVG, SIZE, blocker / "images")
    assert surf.get_size() == SIZE
