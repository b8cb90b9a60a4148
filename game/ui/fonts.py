"""Fonts: one family for English and Japanese, a fallback chain, and a cache of lines.

Order: a font dropped into assets/fonts/ (an author's override), Noto Serif/Sans JP
from the `pylopdf-fonts-jp` package (installed with the game, SIL OFL), a system font
with Japanese glyphs, and last pygame's default font with a warning (Japanese will
then show as boxes, which the warning says).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import pygame

from . import kept_lines

log = logging.getLogger(__name__)

ASSET_FONTS = Path(__file__).resolve().parent.parent.parent / "assets" / "fonts"
SYSTEM_NAMES = {
    "serif": ["notoserifcjkjp", "notoserifjp", "ipaexmincho", "ipamincho", "yumincho", "msmincho"],
    "sans": ["notosanscjkjp", "notosansjp", "ipaexgothic", "ipagothic", "yugothic", "meiryo"],
}
Color = tuple[int, int, int] | tuple[int, int, int, int]
# Rendered lines are kept by count and by size: 2,048 long lines at the largest sizes were
# 120-150 MB of pixels. 32 MB holds every line of several full pages and their menus.
MAX_LINE_BYTES = 32 * 1024 * 1024


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
    """Fonts by (role, size), and rendered lines by (text, role, size, color).

    With `keep` (a file), the lines and widths of the first frame come from the last
    start's, kept there by `keep_first_frame`, and a font is opened only when something
    not kept is drawn or measured (see kept_lines).
    """

    def __init__(self, max_lines: int = 2048, keep: Path | None = None,
                 max_bytes: int = MAX_LINE_BYTES) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        self._paths: dict[str, Path | None] = {}
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self._lines: OrderedDict[tuple[str, str, int, Color], pygame.Surface] = OrderedDict()
        self._max_lines = max_lines
        self._max_bytes = max_bytes
        self.line_bytes = 0  # the pixels of every cached line
        self._measures: dict[tuple[str, int], _Measure] = {}
        self.sources: dict[str, str] = {}
        self._keep = keep
        self._kept: kept_lines.Kept | None = None  # read at the first line drawn

    def font(self, size: int, role: str = "serif") -> pygame.font.Font:
        key = (role, size)
        f = self._fonts.get(key)
        if f is None:
            f = self._load(role, size)
            self._fonts[key] = f
        return f

    def path(self, role: str) -> Path | None:
        """The font file for a role (None: pygame's default), found once."""
        if role not in self._paths:
            path, source = find_font(role)
            self._paths[role], self.sources[role] = path, source
            if path is None:
                log.warning("no font with Japanese glyphs found for %s; using pygame's default "
                            "(Japanese will show as boxes). Install the game with pip, or put "
                            "an .otf in assets/fonts/", role)
        return self._paths[role]

    def _load(self, role: str, size: int) -> pygame.font.Font:
        path = self.path(role)
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
        surf = self._kept_lines().lines.get(key)
        if surf is None:
            surf = self.font(size, role).render(text, True, color)
        self._lines[key] = surf
        self.line_bytes += _bytes(surf)
        while len(self._lines) > 1 and (len(self._lines) > self._max_lines
                                        or self.line_bytes > self._max_bytes):
            _, old = self._lines.popitem(last=False)  # the least recently drawn
            self.line_bytes -= _bytes(old)
        return surf

    def clear_lines(self) -> None:
        """Forget every rendered line (they are drawn again when needed)."""
        self._lines.clear()
        self.line_bytes = 0

    def measure(self, size: int, role: str = "serif") -> _Measure:
        m = self._measures.get((role, size))
        if m is None:
            known = self._kept_lines().widths.get((role, size), {})
            m = self._measures[(role, size)] = _Measure(lambda: self.font(size, role), known)
        return m

    def _stamps(self, roles: list[str]) -> kept_lines.Stamps:
        return kept_lines.font_stamps({role: self.path(role) for role in roles})

    def _kept_lines(self) -> kept_lines.Kept:
        if self._kept is None:
            self._kept = (kept_lines.load(self._keep, self._stamps) if self._keep is not None
                          else kept_lines.Kept())
        return self._kept

    def keep_first_frame(self) -> None:
        """Keep what has been drawn and measured so far for the next start (the app calls
        this once, after its first frame). Writes only when that differs from what this
        start found kept."""
        if self._keep is None:
            return
        now = kept_lines.Kept(dict(self._lines),
                              {key: dict(m.cache) for key, m in self._measures.items()})
        if not now.same_keys(self._kept_lines()):
            roles = sorted({role for _, role, _, _ in now.lines}
                           | {role for role, _ in now.widths})
            kept_lines.save(self._keep, now, self._stamps(roles))
        self._kept = kept_lines.Kept()  # what it held is in the caches now, or not needed


def _bytes(surface: pygame.Surface) -> int:
    return surface.get_width() * surface.get_height() * surface.get_bytesize()


class _Measure:
    """Width of a string in a font, memoised (line breaking measures the same words often).
    The font is opened at the first width not known already."""

    def __init__(self, open_font: Callable[[], pygame.font.Font],
                 known: dict[str, int] | None = None) -> None:
        self._open = open_font
        self._font: pygame.font.Font | None = None
        self.cache: dict[str, int] = dict(known or {})

    @property
    def font(self) -> pygame.font.Font:
        if self._font is None:
            self._font = self._open()
        return self._font

    def __call__(self, text: str) -> int:
        w = self.cache.get(text)
        if w is None:
            w = self.font.size(text)[0]
            if len(self.cache) < 20000:
                self.cache[text] = w
        return w
