"""The treaty typed on paper: `render_treaty(app, treaty, size, lang)` draws the document.

English is typed in Special Elite (assets/fonts/typewriter/, Apache 2.0), Japanese in the
game's serif, both glyph by glyph with a little uneven ink and a wandering baseline, the
way a machine strikes. Each article shows what it is:

- agreed: plain type;
- amended: the new text, a red-pencil line in the margin and the negotiators' initials;
- struck: the draft ruled through in ink, "struck out" in red, then what stands instead;
- open: the draft in brackets, faint, with "to be agreed" pencilled in the margin.

Below the text, by the document's status: the names typed and the lines blank (a draft),
signatures in ink with the Japanese seals, the Soviet mission's stamp and the Swedish
Foreign Ministry's witness stamp (signed; signed by another hand: Okabe's alone for
Japan), or a NOT SIGNED rubber stamp across the blank lines (never signed).

Everything random is seeded from the text it decorates (zlib.crc32), so one treaty always
gives the same picture, pixel for pixel.
"""

from __future__ import annotations

import logging
import math
import random
import weakref
import zlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from ..documents.treaty import Article, ArticleStatus, Signatory, Treaty, TreatyStatus
from .fonts import FontBook
from .text_layout import wrap

if TYPE_CHECKING:
    from .app import App

log = logging.getLogger(__name__)

TYPEWRITER_DIR = Path(__file__).resolve().parent.parent.parent / "assets" / "fonts" / "typewriter"

PAPER = (243, 237, 222)
PAPER_SPECK = (214, 204, 182)
INK = (38, 34, 32)
INK_OPEN = (128, 120, 108)
RULE_INK = (30, 28, 40)
RED_PENCIL = (184, 42, 38)
PENCIL = (112, 112, 118)
PEN_INK = (26, 36, 78)  # signatures: blue-black
SEAL_RED = (196, 36, 34)
SOVIET_VIOLET = (92, 58, 142)
SWEDISH_BLUE = (36, 70, 142)
STAMP_RED = (172, 30, 44)

MARGIN_L = 118  # the left margin holds the pencil marks
MARGIN_R = 62
Op = Callable[[pygame.Surface], object]


# -- fonts ------------------------------------------------------------------------------


def find_typewriter_font() -> Path | None:
    """The typewriter face shipped in assets/fonts/typewriter/, if it is there."""
    if not TYPEWRITER_DIR.is_dir():
        return None
    for pattern in ("*.ttf", "*.otf", "*.woff"):
        found = sorted(TYPEWRITER_DIR.glob(pattern))
        if found:
            return found[0]
    return None


# per FontBook (one per App), so no Font outlives the pygame.font session that opened it
_TYPEWRITER: weakref.WeakKeyDictionary[FontBook, dict[int, pygame.font.Font | None]] = (
    weakref.WeakKeyDictionary())
_warned = False


def typewriter_font(fonts: FontBook, size: int) -> pygame.font.Font | None:
    """Special Elite at `size`, or None (missing or unreadable: the serif is used)."""
    global _warned
    cache = _TYPEWRITER.setdefault(fonts, {})
    if size in cache:
        return cache[size]
    path = find_typewriter_font()
    font: pygame.font.Font | None = None
    if path is not None:
        try:
            font = pygame.font.Font(str(path), size)
        except (OSError, pygame.error) as e:
            if not _warned:
                log.warning("typewriter font %s could not be opened (%s); the treaty is typed "
                            "in the serif font", path, e)
                _warned = True
    cache[size] = font
    return font


class Type:
    """One face at one size for one language: measures and strikes text glyph by glyph."""

    def __init__(self, app: App, size: int, lang: str, role: str = "type") -> None:
        self.size = size
        self.lang = lang
        tw = typewriter_font(app.fonts, size) if (lang != "ja" and role == "type") else None
        self.font = tw if tw is not None else app.fonts.font(size, "serif")
        self.fallback = app.fonts.font(size, "serif")  # Cyrillic and anything else missing
        self.glyphs: dict[tuple[str, tuple[int, int, int]], pygame.Surface] = {}
        self.widths: dict[str, int] = {}
        self.line_h = int(size * (1.75 if lang == "ja" else 1.5))
        mark = "一" if lang == "ja" else "x"  # a rule through the middle of the small letters
        box = self.font.render(mark, True, (0, 0, 0)).get_bounding_rect()
        self.middle = (box.top + box.bottom) // 2 - 1 if box.height else int(size * 0.55)

    def _font_for(self, ch: str) -> pygame.font.Font:
        if self.font is not self.fallback and ord(ch) > 0xFF and ch not in "—–‘’“”…•":
            return self.fallback
        return self.font

    def width(self, text: str) -> int:
        total = 0
        for ch in text:
            w = self.widths.get(ch)
            if w is None:
                w = self.widths[ch] = self._font_for(ch).size(ch)[0]
            total += w
        return total

    def glyph(self, ch: str, color: tuple[int, int, int]) -> pygame.Surface:
        key = (ch, color)
        g = self.glyphs.get(key)
        if g is None:
            g = self.glyphs[key] = self._font_for(ch).render(ch, True, color)
        return g

    def strike(self, surface: pygame.Surface, text: str, pos: tuple[int, int],
               color: tuple[int, int, int], seed: int, faint: bool = False) -> None:
        """Type `text` at `pos`: each glyph with its own weight and a baseline that wanders."""
        rng = random.Random(seed)
        x, y = pos
        lo, hi = (120, 175) if faint else (196, 255)
        for ch in text:
            w = self.width(ch)
            if not ch.isspace():
                g = self.glyph(ch, color)
                g.set_alpha(rng.randint(lo, hi))
                surface.blit(g, (x + rng.choice((0, 0, 0, 1)), y + rng.choice((-1, 0, 0, 0, 1))))
                g.set_alpha(None)
            x += w


def _seed(*parts: object) -> int:
    return zlib.crc32("\x1f".join(str(p) for p in parts).encode("utf-8"))


# -- paper ------------------------------------------------------------------------------


def paper(size: tuple[int, int]) -> pygame.Surface:
    """A sheet of foolscap: the tone, specks and fibres, a fold, darker edges."""
    w, h = size
    surf = pygame.Surface(size)
    surf.fill(PAPER)
    band = 256  # specks and fibres band by band, so a longer sheet keeps the same top
    for top in range(0, h, band):
        rng = random.Random(1942 + top)
        for _ in range(w * band // 900):
            x, y = rng.randrange(w), top + rng.randrange(band)
            c = rng.choice((PAPER_SPECK, (232, 224, 204), (226, 217, 196)))
            if y < h:
                surf.set_at((x, y), c)
        for _ in range(w * band // 22000):
            x, y = rng.randrange(w), top + rng.randrange(band)
            a = rng.uniform(0, math.pi)
            length = rng.randint(4, 12)
            pygame.draw.line(surf, (224, 214, 192), (x, y),
                             (x + int(length * math.cos(a)), y + int(length * math.sin(a))))
    edge = pygame.Surface(size, pygame.SRCALPHA)
    for i in range(14):
        alpha = 26 - i * 2
        pygame.draw.rect(edge, (150, 128, 92, max(0, alpha)), (i, i, w - 2 * i, h - 2 * i), 1)
    surf.blit(edge, (0, 0))
    for fold in range(1000, h - 200, 1000):  # folded in three, as a diplomatic bag wants
        pygame.draw.line(surf, (226, 218, 200), (0, fold), (w, fold))
        pygame.draw.line(surf, (248, 244, 234), (0, fold + 1), (w, fold + 1))
    return surf


def speckle(stamp: pygame.Surface, seed: int, amount: float = 1.0) -> pygame.Surface:
    """Uneven ink: knock random specks out of a stamp's impression."""
    w, h = stamp.get_size()
    rng = random.Random(seed)
    mask = pygame.Surface((w, h), pygame.SRCALPHA)
    mask.fill((255, 255, 255, 255))
    for _ in range(int(w * h / 40 * amount)):
        a = rng.randint(40, 200)
        r = rng.choice((1, 1, 1, 2, 2, 3))
        pygame.draw.circle(mask, (255, 255, 255, a), (rng.randrange(w), rng.randrange(h)), r)
    stamp.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
    return stamp


# -- hands: pencil, pen ----------------------------------------------------------------


def pencil_line(surface: pygame.Surface, start: tuple[int, int], end: tuple[int, int],
                color: tuple[int, int, int], seed: int, width: int = 3) -> None:
    """A hand-drawn pencil stroke: a line that wobbles a little and is lighter in places."""
    rng = random.Random(seed)
    (x0, y0), (x1, y1) = start, end
    n = max(2, int(math.hypot(x1 - x0, y1 - y0) / 6))
    layer = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    pts = [(x0 + (x1 - x0) * i / n + rng.uniform(-1.2, 1.2),
            y0 + (y1 - y0) * i / n + rng.uniform(-1.2, 1.2)) for i in range(n + 1)]
    for a, b in zip(pts, pts[1:], strict=False):
        pygame.draw.line(layer, (*color, rng.randint(150, 230)), a, b, width)
    surface.blit(layer, (0, 0))


def _catmull(points: list[tuple[float, float]], steps: int = 7) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    pts = [points[0], *points, points[-1]]
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for s in range(steps):
            t = s / steps
            t2, t3 = t * t, t * t * t
            out.append(tuple(  # type: ignore[arg-type]
                0.5 * (2 * p1[k] + (-p0[k] + p2[k]) * t + (2 * p0[k] - 5 * p1[k] + 4 * p2[k]
                                                          - p3[k]) * t2
                       + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t3) for k in (0, 1)))
    out.append(points[-1])
    return out


ASCENDERS = set("bdfhklt")
DESCENDERS = set("gjpqyz")
ROUND = set("aeoc")


def signature_strokes(name: str, size: tuple[int, int],
                      hand: str = "") -> list[list[tuple[float, float]]]:
    """A signature as pen strokes: a path seeded by the name (and the hand), its letters
    shaped by the name's own (capitals and ascenders loop up, descenders loop down, the
    rest are humps that flatten as the pen hurries), slanted, with a flourish under it."""
    w, h = size
    rng = random.Random(_seed("signature", name, hand))
    base = h * rng.uniform(0.55, 0.66)
    slant = rng.uniform(0.05, 0.5)
    scale = rng.uniform(0.8, 1.25)  # a large hand or a small one
    width = rng.uniform(0.8, 1.2)  # a wide hand or a cramped one
    capital = rng.choice(("loop", "stem", "oval"))
    strokes: list[list[tuple[float, float]]] = []
    x = rng.uniform(4, 12)
    words = [p for p in name.replace(".", " ").split() if p]
    for wi, word in enumerate(words):
        last = wi == len(words) - 1
        letters = word if last else word[:1]  # initials, then the surname written out
        letters = letters[:8]
        pts: list[tuple[float, float]] = [(x, base - h * rng.uniform(0.0, 0.1))]
        for li, ch in enumerate(letters):
            hurry = 1.0 - 0.07 * li  # later letters flatten
            step = w * rng.uniform(0.045, 0.065) * width * (1.5 if li == 0 else 1.0)
            c = ch.lower()
            if li == 0 and capital == "loop":  # the capital: a tall loop
                top = base - h * rng.uniform(0.5, 0.62) * scale
                pts += [(x + step * 0.2, top), (x - step * 0.25, base - h * 0.25),
                        (x + step * 0.5, base + h * 0.04), (x + step, base - h * 0.12)]
            elif li == 0 and capital == "stem":  # a downstroke, then back up across it
                top = base - h * rng.uniform(0.5, 0.62) * scale
                pts += [(x + step * 0.1, top), (x + step * 0.05, base + h * 0.08),
                        (x - step * 0.3, base - h * 0.3 * scale), (x + step, base - h * 0.35),
                        (x + step * 0.9, base)]
            elif li == 0:  # a wide oval, open at the right
                top = base - h * rng.uniform(0.4, 0.5) * scale
                pts += [(x + step * 0.9, top), (x, top + h * 0.1), (x + step * 0.2, base),
                        (x + step * 1.1, base - h * 0.2)]
            elif c in ASCENDERS:
                pts += [(x + step * 0.6, base - h * rng.uniform(0.4, 0.5) * hurry * scale),
                        (x + step * 0.25, base - h * 0.2), (x + step * 0.75, base)]
            elif c in DESCENDERS:
                pts += [(x + step * 0.5, base - h * 0.12 * hurry),
                        (x + step * 0.55, base + h * rng.uniform(0.25, 0.34) * scale),
                        (x + step * 0.2, base + h * 0.12), (x + step * 0.9, base - h * 0.05)]
            elif c in ROUND:
                pts += [(x + step * 0.7, base - h * 0.16 * hurry * scale),
                        (x + step * 0.35, base - h * 0.1), (x + step * 0.8, base)]
            else:
                pts += [(x + step * 0.45, base - h * rng.uniform(0.12, 0.2) * hurry * scale),
                        (x + step * 0.95, base + h * 0.02)]
            x += step
        pts.append((x + w * 0.02, base - h * rng.uniform(0.05, 0.18)))
        smooth = _catmull(pts)
        strokes.append([(px + (base - py) * slant, py) for px, py in smooth])
        x += w * rng.uniform(0.03, 0.06)
    # the flourish: from the last letter back under the name
    end = strokes[-1][-1]
    flourish = [end, (end[0] + w * 0.03, base + h * 0.12),
                (w * rng.uniform(0.4, 0.6), base + h * rng.uniform(0.2, 0.3)),
                (rng.uniform(4, 20), base + h * rng.uniform(0.14, 0.22))]
    strokes.append(_catmull(flourish, 10))
    return strokes


def draw_signature(surface: pygame.Surface, rect: pygame.Rect, name: str, hand: str = "") -> None:
    strokes = signature_strokes(name, rect.size, hand)
    layer = pygame.Surface(rect.size, pygame.SRCALPHA)
    for stroke in strokes:
        for a, b in zip(stroke, stroke[1:], strict=False):
            speed = math.hypot(b[0] - a[0], b[1] - a[1])
            width = 3 if speed < 3.5 else 2
            pygame.draw.line(layer, (*PEN_INK, 235), a, b, width)
        pygame.draw.aalines(layer, (*PEN_INK, 255), False, stroke)
    surface.blit(layer, rect.topleft)


# -- seals and stamps --------------------------------------------------------------------


def _ring_text(stamp: pygame.Surface, font: pygame.font.Font, text: str, center: tuple[int, int],
               radius: float, color: tuple[int, int, int], start: float, end: float,
               inward: bool = False) -> None:
    """Letters round a ring from angle `start` to `end` (degrees, clockwise from the right
    as the screen has it): their tops to the outside, or to the centre (`inward`, for the
    lower arc, read left to right with `start` > `end`)."""
    n = len(text)
    for i, ch in enumerate(text):
        if ch == " ":
            continue
        ang = start + (end - start) * (i + 0.5) / n
        turn = -(ang - 90) if inward else -(ang + 90)
        g = pygame.transform.rotozoom(font.render(ch, True, color), turn, 1)
        x = center[0] + radius * math.cos(math.radians(ang))
        y = center[1] + radius * math.sin(math.radians(ang))
        stamp.blit(g, g.get_rect(center=(round(x), round(y))))


def _star(center: tuple[float, float], r: float) -> list[tuple[float, float]]:
    pts = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.4
        a = math.radians(-90 + i * 36)
        pts.append((center[0] + rr * math.cos(a), center[1] + rr * math.sin(a)))
    return pts


def _crown(surface: pygame.Surface, center: tuple[int, int], w: int,
           color: tuple[int, int, int]) -> None:
    x, y = center
    h = w * 0.7
    pts = [(x - w / 2, y + h / 2), (x - w / 2, y - h / 4), (x - w / 4, y + h / 12),
           (x, y - h / 2), (x + w / 4, y + h / 12), (x + w / 2, y - h / 4), (x + w / 2, y + h / 2)]
    pygame.draw.polygon(surface, color, pts)


def _finish(stamp: pygame.Surface, seed: int, angle: float, alpha: int) -> pygame.Surface:
    speckle(stamp, seed)
    out = pygame.transform.rotozoom(stamp, angle, 1)
    out.set_alpha(alpha)
    return out


def personal_seal(app: App, name: str, d: int = 50) -> pygame.Surface:
    """A Japanese signatory's round seal: the surname read downwards, in red."""
    s = pygame.Surface((d, d), pygame.SRCALPHA)
    c = d // 2
    pygame.draw.circle(s, SEAL_RED, (c, c), c - 1, 3)
    chars = list(name)[:3]
    size = int(d * (0.36 if len(chars) <= 2 else 0.26))
    font = app.fonts.font(size, "serif")
    total = len(chars) * size
    y = c - total // 2
    for ch in chars:
        g = font.render(ch, True, SEAL_RED)
        s.blit(g, g.get_rect(midtop=(c, y - size // 8)))
        y += size
    return _finish(s, _seed("seal", name), random.Random(_seed("tilt", name)).uniform(-8, 8), 230)


def legation_seal(app: App, d: int = 96) -> pygame.Surface:
    """The legation's square official seal: 在瑞典日本公使館印 in three columns, right to left."""
    s = pygame.Surface((d, d), pygame.SRCALPHA)
    pygame.draw.rect(s, SEAL_RED, (2, 2, d - 4, d - 4), 4)
    pygame.draw.rect(s, SEAL_RED, (9, 9, d - 18, d - 18), 1)
    cell = (d - 22) // 3
    font = app.fonts.font(int(cell * 0.92), "serif")
    columns = ["在瑞典", "日本公", "使館印"]
    for ci, col in enumerate(columns):
        x = d - 11 - cell * (ci + 1)
        for ri, ch in enumerate(col):
            g = font.render(ch, True, SEAL_RED)
            s.blit(g, g.get_rect(center=(x + cell // 2, 11 + cell * ri + cell // 2)))
    return _finish(s, _seed("legation seal"), 3.0, 215)


def soviet_stamp(app: App, d: int = 124) -> pygame.Surface:
    """The Soviet mission's round violet stamp, a star in the middle."""
    s = pygame.Surface((d, d), pygame.SRCALPHA)
    c = d // 2
    pygame.draw.circle(s, SOVIET_VIOLET, (c, c), c - 2, 3)
    pygame.draw.circle(s, SOVIET_VIOLET, (c, c), c - 22, 1)
    font = app.fonts.font(max(9, d // 10), "sans")
    _ring_text(s, font, "МИССИЯ СССР В ШВЕЦИИ", (c, c), c - 12, SOVIET_VIOLET, -198, 18)
    _ring_text(s, font, "СТОКГОЛЬМ", (c, c), c - 13, SOVIET_VIOLET, 142, 38, inward=True)
    pygame.draw.polygon(s, SOVIET_VIOLET, _star((c, c - 6), d * 0.16))
    label = app.fonts.font(max(9, d // 9), "sans").render("СССР", True, SOVIET_VIOLET)
    s.blit(label, label.get_rect(center=(c, c + d * 0.17)))
    return _finish(s, _seed("soviet stamp"), -11.0, 205)


def swedish_stamp(app: App, d: int = 120) -> pygame.Surface:
    """The Swedish Foreign Ministry's witness stamp: blue, double ring, three crowns."""
    s = pygame.Surface((d, d), pygame.SRCALPHA)
    c = d // 2
    pygame.draw.circle(s, SWEDISH_BLUE, (c, c), c - 2, 2)
    pygame.draw.circle(s, SWEDISH_BLUE, (c, c), c - 6, 1)
    pygame.draw.circle(s, SWEDISH_BLUE, (c, c), c - 24, 1)
    font = app.fonts.font(max(9, d // 11), "sans")
    _ring_text(s, font, "KUNGL. UTRIKESDEPARTEMENTET", (c, c), c - 15, SWEDISH_BLUE, -208, 28)
    _ring_text(s, font, "STOCKHOLM", (c, c), c - 16, SWEDISH_BLUE, 138, 42, inward=True)
    cw = int(d * 0.16)
    for dx, dy in ((-cw * 0.65, -cw * 0.45), (cw * 0.65, -cw * 0.45), (0, cw * 0.6)):
        _crown(s, (int(c + dx), int(c + dy)), cw, SWEDISH_BLUE)
    return _finish(s, _seed("swedish stamp"), 7.0, 210)


def rubber_stamp(app: App, words: str, lang: str, seed: int, size: int = 44,
                 color: tuple[int, int, int] = STAMP_RED, angle: float = -12.0,
                 alpha: int = 215, wear: float = 1.4) -> pygame.Surface:
    """A rectangular rubber stamp: the words in heavy capitals inside a double border."""
    font = app.fonts.font(size, "sans")
    bold = font.get_bold()
    font.set_bold(True)
    try:
        text = font.render(words if lang == "ja" else words.upper(), True, color)
    finally:
        font.set_bold(bold)
    pad = size // 2
    w, h = text.get_width() + 2 * pad, text.get_height() + pad
    s = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.draw.rect(s, color, (0, 0, w, h), 5, border_radius=6)
    pygame.draw.rect(s, color, (9, 9, w - 18, h - 18), 2, border_radius=3)
    s.blit(text, text.get_rect(center=(w // 2, h // 2)))
    speckle(s, seed, wear)
    out = pygame.transform.rotozoom(s, angle, 1)
    out.set_alpha(alpha)
    return out


# -- the document ------------------------------------------------------------------------


def _strike(kind: Type, line: str, pos: tuple[int, int], color: tuple[int, int, int],
            seed: int, faint: bool, surface: pygame.Surface) -> None:
    kind.strike(surface, line, pos, color, seed, faint)


def _rule(start: tuple[int, int], end: tuple[int, int], surface: pygame.Surface) -> None:
    """A line ruled through struck text with a pen and a ruler."""
    pygame.draw.line(surface, RULE_INK, start, end, 2)


def _pencil(start: tuple[int, int], end: tuple[int, int], color: tuple[int, int, int],
            seed: int, surface: pygame.Surface) -> None:
    pencil_line(surface, start, end, color, seed)


class _Page:
    """Lays the document out top to bottom as drawing operations, then paints them."""

    def __init__(self, app: App, treaty: Treaty, width: int, lang: str) -> None:
        self.app, self.treaty, self.width, self.lang = app, treaty, width, lang
        ja = lang == "ja"
        self.body = Type(app, 17 if ja else 19, lang)
        self.small = Type(app, 14 if ja else 15, lang)
        self.title = Type(app, 21 if ja else 23, lang)
        self.hand = Type(app, 15, lang, role="hand")  # pencil notes: the serif
        self.ops: list[Op] = []
        self.y = 46
        self.text_w = width - MARGIN_L - MARGIN_R
        self.regions: dict[str, tuple[int, int]] = {}  # article key -> (top, bottom)

    def op(self, fn: Op) -> None:
        self.ops.append(fn)

    def lines(self, kind: Type, text: str, width: int) -> list[str]:
        return wrap(text, width, kind.width)

    def typed(self, kind: Type, text: str, x: int, width: int, color: tuple[int, int, int],
              seed_key: str, faint: bool = False,
              center: bool = False) -> list[tuple[int, int, int]]:
        """Type a paragraph; returns each line's (x, y, width) for rules drawn over it."""
        placed = []
        for i, line in enumerate(self.lines(kind, text, width)):
            lw = kind.width(line)
            lx = x + (width - lw) // 2 if center else x
            ly = self.y
            seed = _seed(seed_key, i, line)
            self.op(partial(_strike, kind, line, (lx, ly), color, seed, faint))
            placed.append((lx, ly, lw))
            self.y += kind.line_h
        return placed

    # -- parts --------------------------------------------------------------------------

    def head(self) -> None:
        t, lang = self.treaty, self.lang
        self.typed(self.small, t.docket(lang), MARGIN_L, self.text_w, INK_OPEN, "docket")
        if t.secret:
            top = self.y - self.small.line_h
            stamp = rubber_stamp(self.app, t.mark("secret", lang), lang, _seed("secret"),
                                 size=30, angle=4.0, alpha=210, wear=0.5)
            self.op(lambda s: s.blit(stamp, stamp.get_rect(topright=(self.width - 36, top - 22))))
        self.y += 18
        self.typed(self.title, t.title(lang), MARGIN_L, self.text_w, INK, "title", center=True)
        self.y += 2
        self.typed(self.small, t.short_title(lang), MARGIN_L, self.text_w, INK, "short",
                   center=True)
        rule_y = self.y + 6
        cx = self.width // 2
        self.op(lambda s: pygame.draw.line(s, INK, (cx - 60, rule_y), (cx + 60, rule_y), 1))
        self.y += 22
        self.typed(self.body, t.preamble(lang), MARGIN_L, self.text_w, INK, "preamble")
        self.y += 14

    def article(self, a: Article) -> None:
        lang = self.lang
        top = self.y
        sep = "　" if lang == "ja" else " "
        heading = a.heading(lang)
        x, w = MARGIN_L, self.text_w
        seed = f"art-{a.key}-{a.status}-{a.value}"
        if a.status is ArticleStatus.OPEN:
            text = f"{heading}{sep}[{a.draft_text(lang)}]"
            self.typed(self.body, text, x, w, INK_OPEN, seed, faint=True)
            self.margin_note(top, self.treaty.mark("open", lang), PENCIL, f"open-{a.key}")
        elif a.status is ArticleStatus.STRUCK:
            placed = self.typed(self.body, f"{heading}{sep}{a.draft_text(lang)}", x, w, INK,
                                seed)
            for lx, ly, lw in placed:
                mid = ly + self.body.middle
                self.op(partial(_rule, (lx - 3, mid), (lx + lw + 3, mid + 1)))
            self.margin_note(top, self.treaty.mark("struck", lang), RED_PENCIL, f"st-{a.key}",
                             initials=True)
            self.y += 4
            self.typed(self.body, f"{self.treaty.mark('in_lieu', lang)}{sep}{a.text(lang)}",
                       x + 24, w - 24, INK, seed + "-lieu")
        else:
            self.typed(self.body, f"{heading}{sep}{a.text(lang)}", x, w, INK, seed)
            if a.status is ArticleStatus.AMENDED:
                bottom = self.y - 6
                self.op(partial(_pencil, (MARGIN_L - 16, top + 2), (MARGIN_L - 14, bottom),
                                RED_PENCIL, _seed("amend", a.key)))
                self.margin_note(top, self.treaty.mark("amended", lang), RED_PENCIL,
                                 f"am-{a.key}", initials=True)
        self.regions[a.key] = (top, self.y)
        self.y += 12

    def margin_note(self, top: int, words: str, color: tuple[int, int, int], key: str,
                    initials: bool = False) -> None:
        """A pencilled word in the left margin (and the initials under it), slightly askew."""
        font = self.app.fonts.font(14, "serif")
        notes = [words]
        if initials:
            notes.append(self.treaty.mark("initials", self.lang))
        angle = random.Random(_seed("tilt", key)).uniform(-7, 4)
        surfs = []
        for note in notes:
            italic = font.get_italic()
            font.set_italic(self.lang != "ja")
            try:
                surfs.append(pygame.transform.rotozoom(font.render(note, True, color), angle, 1))
            finally:
                font.set_italic(italic)

        def draw(s: pygame.Surface) -> None:
            y = top + 2
            for surf in surfs:
                surf.set_alpha(225)
                s.blit(surf, (max(8, MARGIN_L - 24 - surf.get_width()), y))
                y += surf.get_height() + 2
        self.op(draw)

    def closing(self) -> None:
        t, lang = self.treaty, self.lang
        self.y += 10
        self.typed(self.body, t.witness(lang), MARGIN_L, self.text_w, INK, "witness")
        self.y += 8
        self.typed(self.body, t.date(lang), MARGIN_L, self.text_w, INK, f"date-{t.status}")
        self.y += 26
        block_top = self.y
        col_w = (self.text_w - 40) // 2
        parties = dict(t.parties)
        by_party: dict[str, list[Signatory]] = {}
        for s in t.signatories:
            by_party.setdefault(s.party, []).append(s)
        bottoms = []
        for ci, party in enumerate(("japan", "ussr")):
            self.y = block_top
            x = MARGIN_L + ci * (col_w + 40)
            if party in parties:
                self.typed(self.small, parties[party](lang), x, col_w, INK, f"party-{party}")
            self.y += 6
            for s in by_party.get(party, []):
                self.signatory(s, x, col_w)
            bottoms.append(self.y)
        self.y = max(bottoms, default=self.y) + 10
        witnesses = by_party.get("sweden", [])
        if witnesses:
            x = MARGIN_L + (self.text_w - col_w) // 2
            self.typed(self.small, parties.get("sweden", t.parties[0][1])(lang), x, col_w, INK,
                       "party-sweden")
            self.y += 6
            for s in witnesses:
                self.signatory(s, x, col_w)
        self.regions["signatures"] = (block_top, self.y)
        if t.status is TreatyStatus.NOT_SIGNED:
            stamp = rubber_stamp(self.app, t.mark("not_signed", lang), lang,
                                 _seed("not signed", t.outcome), size=58 if lang == "ja" else 50)
            cy = (block_top + self.y) // 2
            self.op(lambda s: s.blit(stamp, stamp.get_rect(center=(self.width // 2 + 10, cy))))
        self.y += 40

    def signatory(self, s: Signatory, x: int, w: int) -> None:
        lang = self.lang
        sig_h = 62
        area = pygame.Rect(x + 6, self.y, min(w - 70, 300), sig_h)
        line_y = self.y + sig_h - 6
        self.op(lambda surf: pygame.draw.line(surf, INK_OPEN, (x, line_y), (x + w - 60, line_y), 1))
        if s.signed:
            name = s.name("en")
            self.op(lambda surf: draw_signature(surf, area, name))
            if s.seal:
                seal = personal_seal(self.app, s.seal)
                self.op(lambda surf: surf.blit(seal, (x + w - 62, line_y - 52)))
            if s.party == "japan" and s.key == "okabe":
                big = legation_seal(self.app)
                self.op(lambda surf: surf.blit(big, (x + w - 175, line_y - 66)))
            if s.key == "kollontai":
                stamp = soviet_stamp(self.app)
                self.op(lambda surf: surf.blit(stamp, (x + w - 150, line_y - 80)))
            if s.party == "sweden":
                stamp = swedish_stamp(self.app)
                self.op(lambda surf: surf.blit(stamp, (x + w - 130, line_y - 90)))
        self.y += sig_h
        self.typed(self.small, s.name(lang), x, w, INK, f"name-{s.key}")
        self.typed(self.small, s.title(lang), x, w, INK_OPEN, f"title-{s.key}")
        self.y += 12

    def paint(self, min_height: int) -> pygame.Surface:
        surf = paper((self.width, max(min_height, self.y)))
        for fn in self.ops:
            fn(surf)
        return surf


def layout_treaty(app: App, treaty: Treaty, width: int, lang: str) -> _Page:
    page = _Page(app, treaty, width, lang)
    page.head()
    for a in treaty.articles:
        page.article(a)
    page.closing()
    return page


def render_treaty(app: App, treaty: Treaty, size: tuple[int, int], lang: str) -> pygame.Surface:
    """The treaty typed on a sheet `size[0]` wide and at least `size[1]` high (taller when
    the text needs it: the scene scrolls it)."""
    return layout_treaty(app, treaty, size[0], lang).paint(size[1])


def treaty_regions(app: App, treaty: Treaty, width: int, lang: str) -> dict[str, tuple[int, int]]:
    """Where each article (and the signatures) lies on the sheet: (top, bottom) in pixels."""
    return dict(layout_treaty(app, treaty, width, lang).regions)
