"""Thumbnails (one with every autosave, so one per decision) must not stay in memory.

pygame 2.6's `image.save` into a file object keeps six references to it, so each
thumbnail's buffer lived for good: the monkey test (tests/ui/test_monkey.py) found the
Python heap growing by the thumbnails' size with every decision. They are now encoded
by `saving.png_bytes`.
"""

from __future__ import annotations

import gc
import io
import tracemalloc

import pygame

from game.ui.app import App
from game.ui.saving import THUMB_SIZE, png_bytes
from tests.ui.helpers import start_new_game


def test_png_bytes_is_a_png_of_exactly_the_surface() -> None:
    surf = pygame.Surface((37, 11))
    for x in range(37):
        for y in range(11):
            surf.set_at((x, y), (x * 7 % 256, y * 23 % 256, (x * y) % 256))
    data = png_bytes(surf)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    back = pygame.image.load(io.BytesIO(data), "thumb.png")
    assert back.get_size() == (37, 11)
    assert pygame.image.tobytes(back, "RGB") == pygame.image.tobytes(surf, "RGB")


def test_thumbnails_leave_nothing_behind(app: App) -> None:
    start_new_game(app)
    first = app.saves.thumbnail()
    assert first is not None
    assert pygame.image.load(io.BytesIO(first), "t.png").get_size() == THUMB_SIZE
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(30):
            assert app.saves.thumbnail() is not None
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < len(first) * 3, f"30 thumbnails left {grown:,} bytes behind"
