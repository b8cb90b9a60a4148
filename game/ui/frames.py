"""Paper and frames: the sheets that panels, sheets and buttons are made of.

The frames are SVGs (assets/ui/frame_*.svg, written by tools/make_art.py) rasterised once at
their own size and 9-sliced: the corners are copied as they are, so they stay crisp at any
size, and the edges between them, straight rules, are stretched. The paper texture is one
seamless tile laid over the fill. Every finished sheet is cached by size, colour and frame,
so a frame costs one blit. Without the files (a broken install) a sheet is the plain fill
and a drawn double rule, and one warning is logged.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pygame

from . import theme

log = logging.getLogger(__name__)

UI_ASSETS = Path(__file__).resolve().parents[2] / "assets" / "ui"
CORNERS = {"panel": 24, "sheet": 28, "button": 10}  # as tools/make_art.py draws them
_MAX_CACHED = 160

Color = tuple[int, ...]


class NineSlice:
    """A frame picture cut into corners, edges and a centre; `render` draws it at a size."""

    def __init__(self, source: pygame.Surface, corner: int) -> None:
        self.source = source
        self.corner = corner

    def render(self, size: tuple[int, int]) -> pygame.Surface:
        w, h = size
        sw, sh = self.source.get_size()
        c = min(self.corner, w // 2, h // 2)
        out = pygame.Surface((max(1, w), max(1, h)), pygame.SRCALPHA)
        if c <= 0:
            return out
        src = self.source
        mid_w, mid_h = w - 2 * c, h - 2 * c
        for (sx, sy), (dx, dy) in (((0, 0), (0, 0)), ((sw - c, 0), (w - c, 0)),
                                   ((0, sh - c), (0, h - c)), ((sw - c, sh - c), (w - c, h - c))):
            out.blit(src, (dx, dy), pygame.Rect(sx, sy, c, c))
        inner_w, inner_h = sw - 2 * c, sh - 2 * c
        if mid_w > 0 and inner_w > 0:
            for sy, dy in ((0, 0), (sh - c, h - c)):
                strip = src.subsurface(pygame.Rect(c, sy, inner_w, c))
                out.blit(pygame.transform.scale(strip, (mid_w, c)), (c, dy))
        if mid_h > 0 and inner_h > 0:
            for sx, dx in ((0, 0), (sw - c, w - c)):
                strip = src.subsurface(pygame.Rect(sx, c, c, inner_h))
                out.blit(pygame.transform.scale(strip, (c, mid_h)), (dx, c))
        return out


class Paper:
    """The texture tile and the frames, loaded on first use; finished sheets, cached."""

    def __init__(self, folder: Path = UI_ASSETS) -> None:
        self.folder = folder
        self._tile: pygame.Surface | None = None
        self._frames: dict[str, NineSlice | None] = {}
        self._sheets: dict[tuple[tuple[int, int], Color, str | None, int],
                           pygame.Surface] = {}
        self.warned = False

    def _load(self, name: str) -> pygame.Surface | None:
        from .images import load_svg_natural, raster_cache_dir

        try:  # through the raster cache: the 512-px tile costs 20 ms to rasterise
            return load_svg_natural(self.folder / name, raster_cache_dir())
        except (OSError, pygame.error, ValueError) as e:
            if not self.warned:
                self.warned = True
                log.warning("the paper and frames in %s cannot be loaded (%s); drawing plain "
                            "panels", self.folder, e)
            return None

    def tile(self) -> pygame.Surface | None:
        if self._tile is None:
            self._tile = self._load("paper.svg")
        return self._tile

    def frame(self, kind: str) -> NineSlice | None:
        if kind not in self._frames:
            source = self._load(f"frame_{kind}.svg")
            self._frames[kind] = NineSlice(source, CORNERS[kind]) if source else None
        return self._frames[kind]

    def sheet(self, size: tuple[int, int], color: Color, frame: str | None,
              cut: int = 0) -> pygame.Surface:
        """Paper of `color` (with alpha) and `size`, textured, inside `frame` (or none).
        `cut` picks where in the texture the sheet is cut from (a row of buttons passes
        their positions, so no two show the same fibres)."""
        key = (size, color, frame, cut % 16)
        surf = self._sheets.get(key)
        if surf is None:
            if len(self._sheets) >= _MAX_CACHED:
                self._sheets.clear()
            surf = self._sheets[key] = self._make(size, color, frame, cut % 16)
        return surf

    def _make(self, size: tuple[int, int], color: Color, frame: str | None,
              cut: int) -> pygame.Surface:
        w, h = max(1, size[0]), max(1, size[1])
        surf = pygame.Surface((w, h), pygame.SRCALPHA)
        surf.fill(color)
        tile = self.tile()
        if tile is not None:
            tw, th = tile.get_size()
            ox, oy = (cut * 149) % tw, (cut * 83) % th
            for y in range(-oy, h, th):
                for x in range(-ox, w, tw):
                    surf.blit(tile, (x, y))
            if len(color) > 3 and color[3] < 255:  # the texture is no more opaque than the fill
                surf.fill((255, 255, 255, color[3]), special_flags=pygame.BLEND_RGBA_MIN)
        if frame is not None:
            nine = self.frame(frame)
            if nine is not None:
                surf.blit(nine.render((w, h)), (0, 0))
            else:
                pygame.draw.rect(surf, theme.PANEL_EDGE, surf.get_rect(), 1)
                if frame != "button":
                    pygame.draw.rect(surf, theme.PANEL_EDGE, surf.get_rect().inflate(-8, -8), 1)
        return surf


PAPER = Paper()
