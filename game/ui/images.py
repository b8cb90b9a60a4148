"""Background images: SVG rasterised at the size it is shown (crisp), cached; a missing or
broken image becomes a placeholder and one logged warning, never a crash."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pygame

from ..story.validate import asset_dirs, find_asset
from . import theme

log = logging.getLogger(__name__)
_SIZE_ATTRS = re.compile(rb'(<svg\b[^>]*?)\s(width|height)="[^"]*"', re.S)


def load_svg(path: Path, size: tuple[int, int]) -> pygame.Surface:
    """Rasterise an SVG at exactly `size` by rewriting its width and height."""
    data = path.read_bytes()
    for _ in range(2):
        data = _SIZE_ATTRS.sub(rb"\1", data, count=1)
    w, h = size
    data = re.sub(rb"<svg\b", f'<svg width="{w}" height="{h}"'.encode(), data, count=1)
    surf = pygame.image.load(io.BytesIO(data), "image.svg")
    if surf.get_size() != size:
        surf = pygame.transform.smoothscale(surf, size)
    return surf


class Images:
    def __init__(self, story_root: str | Path) -> None:
        self.dirs = asset_dirs(Path(story_root))
        self._cache: dict[tuple[str, tuple[int, int]], pygame.Surface] = {}
        self.warned: set[str] = set()
        self._absent: set[tuple[str, tuple[int, int]]] = set()

    def find(self, rel: str) -> Path | None:
        """The file, never one outside the asset folders (the loader refuses those: E028)."""
        return find_asset(self.dirs, rel)

    def optional(self, rel: str, size: tuple[int, int] = theme.CANVAS) -> pygame.Surface | None:
        """A picture a story may leave out (its title illustration, a chapter card): None,
        and no warning, when it has none. Whether it exists is asked once."""
        key = (rel, size)
        if key not in self._cache and key not in self._absent:
            if self.find(rel) is None:
                self._absent.add(key)
                return None
        return None if key in self._absent else self.get(rel, size)

    def get(self, rel: str | None, size: tuple[int, int] = theme.CANVAS) -> pygame.Surface:
        key = (rel or "", size)
        surf = self._cache.get(key)
        if surf is None:
            surf = self._load(rel, size)
            self._cache[key] = surf
        return surf

    def _load(self, rel: str | None, size: tuple[int, int]) -> pygame.Surface:
        if rel is None:
            return placeholder(size)
        path = self.find(rel)
        try:
            if path is None:
                raise FileNotFoundError(rel)
            if path.suffix.lower() == ".svg":
                surf = load_svg(path, size)
            else:
                surf = pygame.transform.smoothscale(pygame.image.load(str(path)), size)
            return surf.convert() if pygame.display.get_surface() else surf
        except (OSError, pygame.error, ValueError) as e:
            if rel not in self.warned:
                self.warned.add(rel)
                log.warning("image %s cannot be shown (%s); showing a placeholder", rel, e)
            return placeholder(size)


def placeholder(size: tuple[int, int]) -> pygame.Surface:
    """Plain paper with a faint frame: what a place looks like without its picture."""
    surf = pygame.Surface(size)
    surf.fill(theme.PAPER_DARK)
    w, h = size
    pygame.draw.rect(surf, theme.PAPER, (12, 12, max(0, w - 24), max(0, h - 24)), 2)
    return surf
