"""Fonts: one family for English and Japanese, a fallback chain, and a cache of lines.

Order: a font dropped into assets/fonts/ (an author's override), Noto Serif/Sans JP
from the `pylopdf-fonts-jp` package (installed with the game, SIL OFL), a system font
with Japanese glyphs, and last pygame's default font with a warning (Japanese will
then show as boxes, which the warning says).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path

import pygame

log = logging.getLogger(__name__)

ASSET_FONTS = Path(__file__).resolve().parent.parent.parent / "assets" / "fonts"
SYSTEM_NAMES = {
    "serif": ["notoserifcjkjp", "notoserifjp", "ipaexmincho", "ipamincho", "yumincho", "msmincho"],
    "sans": ["notosanscjkjp", "notosansjp", "ipaexgothic", "ipagothic", "yugothic", "meiryo"],
}
Color = tuple[int, int, int] | tuple[int, int, int, int]


def _package_font(role: str) -> Path | None:
    try:
        import pylopdf_fonts_jp as pkg
    except ImportError:
        return None
    path = Path(pkg.serif_path() if role == "serif" else pkg.sans_path())
    return path if path.is_file() else None


def find_font(role: str) -> tuple[Path | None, str]:
    """The font file for 'serif' or 'sans', and where it came from."""
    for pattern in (f"*{role}*.otf", f"*{role}*.ttf", "*.otf", "*.ttf"):
        found = sorted(ASSET_FONTS.glob(pattern)) if ASSET_FONTS.is_dir() else []
        if found:
            return found[0], "assets"
    packaged = _package_font(role)
    if packaged is not None:
        return packaged, "package"
    for name in SYSTEM_NAMES.get(role, []):
        match = pygame.font.match_font(name)
        if match:
            return Path(match), "system"
    return None, "default"


class FontBook:
    """Fonts by (role, size), and rendered lines by (text, role, size, color)."""

    def __init__(self, max_lines: int = 2048) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        self._paths: dict[str, Path | None] = {}
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self._lines: OrderedDict[tuple[str, str, int, Color], pygame.Surface] = OrderedDict()
        self._max_lines = max_lines
        self._measures: dict[tuple[str, int], _Measure] = {}
        self.sources: dict[str, str] = {}

    def font(self, size: int, role: str = "serif") -> pygame.font.Font:
        key = (role, size)
        f = self._fonts.get(key)
        if f is None:
            f = self._load(role, size)
            self._fonts[key] = f
        return f

    def _load(self, role: str, size: int) -> pygame.font.Font:
        if role not in self._paths:
            path, source = find_font(role)
            self._paths[role], self.sources[role] = path, source
            if path is None:
                log.warning("no font with Japanese glyphs found for %s; using pygame's default "
                            "(Japanese will show as boxes). Install the game with pip, or put "
                            "an .otf in assets/fonts/", role)
        path = self._paths[role]
        if path is not None:
            try:
                return pygame.font.Font(str(path), size)
            except (OSError, pygame.error) as e:
                log.warning("font %s could not be opened (%s); using the default font", path, e)
                self._paths[role], self.sources[role] = None, "default"
        return pygame.font.Font(None, size)

    def render(self, text: str, size: int, color: Color, role: str = "serif") -> pygame.Surface:
        """A rendered line, from the cache when it was drawn before."""
        key = (text, role, size, color)
        surf = self._lines.get(key)
        if surf is not None:
            self._lines.move_to_end(key)
            return surf
        surf = self.font(size, role).render(text, True, color)
        self._lines[key] = surf
        if len(self._lines) > self._max_lines:
            self._lines.popitem(last=False)
        return surf

    def measure(self, size: int, role: str = "serif") -> _Measure:
        m = self._measures.get((role, size))
        if m is None:
            m = self._measures[(role, size)] = _Measure(self.font(size, role))
        return m


class _Measure:
    """Width of a string in a font, memoised (line breaking measures the same words often)."""

    def __init__(self, font: pygame.font.Font) -> None:
        self.font = font
        self.cache: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        w = self.cache.get(text)
        if w is None:
            w = self.font.size(text)[0]
            if len(self.cache) < 20000:
                self.cache[text] = w
        return w
