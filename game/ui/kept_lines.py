"""The title screen's lines of text, kept on disk between starts, pixel for pixel.

Opening one size of the 6 MB Noto Serif JP through SDL_ttf costs 6-7 ms (SDL reads the
font through about 22,000 seeks), and the title screen uses four sizes: a quarter of
the time to the first frame. Its lines are the same at every start, so after the first
frame the app keeps the lines drawn so far, and the widths its line breaking measured,
in one file beside the raster cache (`FontBook.keep_first_frame`). The next start draws
them from that file and opens each font only when it first needs a line that is not
there.

The file is a cache, never the truth: its first line says which font files (path, size,
modification time), pygame and SDL_ttf it was made with, and any difference, damage or
absence is simply a miss. Each line is keyed by its text, role, size and colour.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pygame

from ..persist.cache_files import inflate_at_most, mark_used, store

FORMAT = 1
FILE = "first-frame-lines.bin"
MAX_HEADER = 256 * 1024
MAX_PIXELS = 32 * 1024 * 1024  # bytes of RGBA: a title's lines are ~1 MB

Color = tuple[int, int, int] | tuple[int, int, int, int]
LineKey = tuple[str, str, int, Color]  # text, role, size, colour
WidthKey = tuple[str, int]  # role, size
Stamps = dict[str, list[object]]
StampFn = Callable[[list[str]], Stamps]  # the stamps of these font roles, now


@dataclass
class Kept:
    """What one start drew before its first frame."""

    lines: dict[LineKey, pygame.Surface] = field(default_factory=dict)
    widths: dict[WidthKey, dict[str, int]] = field(default_factory=dict)

    def same_keys(self, other: Kept) -> bool:
        return (self.lines.keys() == other.lines.keys()
                and {k: set(v) for k, v in self.widths.items()}
                == {k: set(v) for k, v in other.widths.items()})


def font_stamps(paths: dict[str, Path | None]) -> Stamps:
    """What the pixels depend on besides the text: each role's font file, and the versions
    of pygame and SDL_ttf that drew them."""
    stamps: Stamps = {
        "": [pygame.version.ver, list(pygame.font.get_sdl_ttf_version() or ())]}
    for role, path in sorted(paths.items()):
        try:
            st = path.stat() if path is not None else None
        except OSError:
            st = None
        stamps[role] = [str(path), st.st_size, st.st_mtime_ns] if st else [str(path)]
    return stamps


def load(file: Path, stamp: StampFn) -> Kept:
    """The lines kept in `file`, or nothing when it is missing, damaged, or was made with
    other fonts or another pygame (`stamp(roles)` stamps the caller's fonts now)."""
    try:
        data = file.read_bytes()
    except OSError:
        return Kept()
    head_bytes, _, body = data.partition(b"\n")
    try:
        head = json.loads(head_bytes[:MAX_HEADER])
        if head.get("format") != FORMAT:
            return Kept()
        roles = [str(r) for r in head["stamps"] if r]
        if head["stamps"] != stamp(roles):
            return Kept()
        raw = inflate_at_most(body, MAX_PIXELS)
        if raw is None:
            return Kept()
        kept = Kept()
        offset = 0
        for text, role, size, color, w, h in head["lines"]:
            n = int(w) * int(h) * 4
            chunk = raw[offset:offset + n]
            if len(chunk) != n:
                return Kept()
            offset += n
            key: LineKey = (str(text), str(role), int(size), _color(color))
            kept.lines[key] = pygame.image.frombytes(chunk, (int(w), int(h)), "RGBA")
        for role, size, widths in head["widths"]:
            kept.widths[(str(role), int(size))] = {str(t): int(w) for t, w in widths.items()}
    except (ValueError, KeyError, TypeError, AttributeError, pygame.error):
        return Kept()
    mark_used(file)
    return kept


def save(file: Path, kept: Kept, stamps: Stamps) -> None:
    """Write `kept` (a cache: a disk that cannot be written means no file)."""
    lines = []
    pixels = []
    for (text, role, size, color), surf in kept.lines.items():
        lines.append([text, role, size, list(color), surf.get_width(), surf.get_height()])
        pixels.append(pygame.image.tobytes(surf, "RGBA"))
    head = {"format": FORMAT, "stamps": stamps, "lines": lines,
            "widths": [[role, size, widths] for (role, size), widths in kept.widths.items()]}
    data = (json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
            + zlib.compress(b"".join(pixels), 1))
    store(file, data, FILE, 1)


def _color(value: object) -> Color:
    if not isinstance(value, list) or len(value) not in (3, 4):
        raise ValueError("a colour")
    r, g, b, *a = (int(c) for c in value)
    return (r, g, b, a[0]) if a else (r, g, b)

