"""Background images: SVG rasterised at the size it is shown (crisp), cached; a missing or
broken image becomes a placeholder and one logged warning, never a crash.

Rasterising a full-screen SVG takes 50-80 ms, so the pixels are also kept on disk, beside
the startup cache (`images/` in `story_cache.cache_dir()`), zlib-compressed and found by
the SHA-256 of the SVG's bytes, the size and the rasteriser's version: the title screen's
picture then costs ~10 ms at start-up. An entry that does not read back whole is ignored
(and rewritten); a folder that cannot be written just means no disk cache."""

from __future__ import annotations

import hashlib
import io
import logging
import re
import zlib
from pathlib import Path

import pygame

from ..persist.cache_files import inflate_at_most, mark_used, store
from ..story.assets import asset_dirs, find_asset
from . import theme

log = logging.getLogger(__name__)
_SIZE_ATTRS = re.compile(rb'(<svg\b[^>]*?)\s(width|height)="[^"]*"', re.S)


RASTER_VERSION = 1
RASTER_KEEP = 64  # entries kept on disk (a full-screen picture is ~0.2-0.3 MB)


def load_svg(path: Path, size: tuple[int, int], cache: Path | None = None) -> pygame.Surface:
    """Rasterise an SVG at exactly `size` by rewriting its width and height; with `cache`
    (a folder), the pixels come from there when this SVG was rasterised at this size."""
    data = path.read_bytes()
    entry = _raster_entry(cache, data, size) if cache is not None else None
    if entry is not None:
        cached = _read_raster(entry, size)
        if cached is not None:
            return cached
    for _ in range(2):
        data = _SIZE_ATTRS.sub(rb"\1", data, count=1)
    w, h = size
    data = re.sub(rb"<svg\b", f'<svg width="{w}" height="{h}"'.encode(), data, count=1)
    surf = pygame.image.load(io.BytesIO(data), "image.svg")
    if surf.get_size() != size:
        surf = pygame.transform.smoothscale(surf, size)
    if entry is not None:
        _write_raster(entry, surf)
    return surf


def _raster_entry(cache: Path, data: bytes, size: tuple[int, int]) -> Path:
    version = ".".join(map(str, pygame.image.get_sdl_image_version() or ()))
    digest = hashlib.sha256(f"raster {RASTER_VERSION} {version} {size[0]}x{size[1]}\0".encode())
    digest.update(data)
    return cache / f"raster-{digest.hexdigest()[:40]}.rgba.z"


def _read_raster(entry: Path, size: tuple[int, int]) -> pygame.Surface | None:
    expected = size[0] * size[1] * 4
    try:
        raw = inflate_at_most(entry.read_bytes(), expected)  # never more than a picture
    except OSError:
        return None
    if raw is None or len(raw) != expected:
        return None
    mark_used(entry)
    return pygame.image.frombytes(raw, size, "RGBA")


def _write_raster(entry: Path, surf: pygame.Surface) -> None:
    data = zlib.compress(pygame.image.tobytes(surf, "RGBA"), 1)
    store(entry, data, "raster-*.rgba.z", RASTER_KEEP)


_NATURAL = re.compile(rb'<svg\b[^>]*?\swidth="(\d+)"[^>]*?\sheight="(\d+)"', re.S)


def load_svg_natural(path: Path, cache: Path | None) -> pygame.Surface:
    """An SVG at the size it declares (a texture tile, a frame), through the raster cache
    like any picture; an SVG that declares no plain pixel size is rasterised as it is."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    found = _NATURAL.search(head)
    if found is None or cache is None:
        return pygame.image.load(str(path))
    return load_svg(path, (int(found.group(1)), int(found.group(2))), cache)


def raster_cache_dir() -> Path | None:
    """`images/` in the startup cache's folder; None when the cache is turned off."""
    from ..persist.story_cache import cache_dir

    where = cache_dir()
    return where / "images" if where is not None else None


class Images:
    def __init__(self, story_root: str | Path, raster_cache: Path | None = None) -> None:
        """`raster_cache`: a folder for rasterised SVGs (the game passes
        `raster_cache_dir()`); None rasterises every SVG afresh."""
        self.dirs = asset_dirs(Path(story_root))
        self.raster_cache = raster_cache
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
                surf = load_svg(path, size, self.raster_cache)
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
