"""The map of the front on screen: the geometry as SVG rasterised by pygame, the labels in
the game's fonts (Japanese included), a title cartouche and a legend, in the manner of a
1942 staff map — paper, ink, red and blue pencil.

Two frames: "sheet" (the map scene: the map with an enlarged inset of the south, and a
margin with the cartouche, legend and what changed) and "backdrop" (behind a passage
at the map of the front: Korea above the passage panel, a small cartouche and legend).
Pictures are cached by the terms they show, the size, the language and the frame.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pygame

from ..documents.front_map import FrontMap, Label, LegendEntry, Terms, features_for, terms_of
from ..documents.map_data import geography, text
from ..documents.map_geo import View, project
from ..documents.map_svg import FULL_BOX, STYLES, hex_rgb, map_svg, swatch_svg
from ..story.expr.ast import Value
from . import theme
from .fonts import Color, FontBook
from .text_layout import wrap

SHEET, BACKDROP = "sheet", "backdrop"
INSET_ONLY = {"masan", "pohang", "naktong", "perimeter", "held_busan", "held_zone",
              "tsushima", "korea_strait"}  # too small on the sheet: the inset has them
INSET_BOX = (127.55, 34.55, 130.05, 36.75)  # the south: the Busan perimeter to Daegu
BACKDROP_CENTRE = (128.5, 39.0)  # Korea whole above the passage panel, Busan just clear
_CACHE: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()
_CACHE_SIZE = 6

SEA_INK = (62, 92, 118)
RIVER_INK = hex_rgb(STYLES["river"].stroke or "#000000")
BLUE = hex_rgb(STYLES["raid_ussr"].stroke or "#000000")
HALO = (242, 236, 220)


@dataclass(frozen=True)
class _Look:
    size: int
    color: Color
    spaced: bool = False  # letter-spaced capitals, as regions and seas are lettered
    priority: int = 5  # lower is placed first and wins a crowded spot


LOOKS: dict[str, _Look] = {
    "line": _Look(17, theme.RED, priority=0),
    "zone": _Look(15, theme.RED, priority=1),
    "capital": _Look(16, theme.INK, priority=2),
    "city": _Look(15, theme.INK, priority=2),
    "town": _Look(13, theme.INK_SOFT, priority=3),
    "note": _Look(13, theme.RED, priority=3),
    "fleet": _Look(13, theme.RED, priority=4),
    "fleet_ussr": _Look(13, BLUE, priority=4),
    "region": _Look(22, theme.INK_SOFT, spaced=True, priority=4),
    "sea": _Look(19, SEA_INK, spaced=True, priority=4),
    "river": _Look(13, RIVER_INK, priority=5),
    "island": _Look(13, theme.INK_SOFT, priority=5),
    "reference": _Look(13, theme.INK_SOFT, priority=6),
    "region_small": _Look(15, theme.INK_FAINT, priority=6),
    "sea_small": _Look(14, SEA_INK, priority=6),
}
SIDES = ("e", "w", "n", "s", "ne", "nw", "se", "sw")


def render_map(app: object, state_vars: Mapping[str, Value],
               size: tuple[int, int] = theme.CANVAS, lang: str = "en",
               frame: str = SHEET) -> pygame.Surface:
    """The map of the front for these variables, `size` pixels, labels in `lang`.

    `app` is anything with a `fonts` FontBook (the App)."""
    fonts: FontBook = getattr(app, "fonts")  # noqa: B009 (an App, or a test's stand-in)
    terms = terms_of(state_vars)
    key: tuple[object, ...] = (terms, size, lang, frame, id(fonts))
    surf = _CACHE.get(key)
    if surf is None:
        surf = draw_map(fonts, terms, size, lang, frame)
        _CACHE[key] = surf
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    return surf


def draw_map(fonts: FontBook, terms: Terms, size: tuple[int, int], lang: str,
             frame: str) -> pygame.Surface:
    fm = features_for(terms)
    surf = pygame.Surface(size)
    if frame == BACKDROP:
        _backdrop(surf, fonts, fm, lang)
    else:
        _sheet(surf, fonts, fm, lang)
    return surf.convert() if pygame.display.get_surface() else surf


def rasterise(svg: str) -> pygame.Surface:
    return pygame.image.load(io.BytesIO(svg.encode("utf-8")), "map.svg")


# -- the two frames -------------------------------------------------------------------------

def _sheet(surf: pygame.Surface, fonts: FontBook, fm: FrontMap, lang: str) -> None:
    w, h = surf.get_size()
    k = min(w / 1280, h / 720)
    surf.fill(theme.PAPER)
    m = round(20 * k)
    view, map_rect = sheet_view((w, h))
    surf.blit(rasterise(map_svg(fm, map_rect.size, view)), map_rect.topleft)
    inset = pygame.Rect(map_rect.x + round(10 * k), 0, round(250 * k), round(230 * k))
    inset.bottom = map_rect.bottom - round(10 * k)
    placed: list[pygame.Rect] = [inset.inflate(round(8 * k), round(8 * k))]
    _labels(surf, fonts, fm, lang, view, map_rect.topleft, map_rect, k, placed,
            only=lambda lb: lb.key not in INSET_ONLY)
    _ticks(surf, fonts, view, map_rect, k)
    _neat_line(surf, map_rect, k)
    _inset(surf, fonts, fm, lang, inset, k)
    col = pygame.Rect(map_rect.right + round(22 * k), m, w - map_rect.right - round(22 * k) - m,
                      h - 2 * m)
    y = _cartouche(surf, fonts, fm, lang, col, view, k)
    y = _legend(surf, fonts, fm, lang, pygame.Rect(col.x, y + round(12 * k), col.width,
                                                    col.bottom - y), k)
    _changes(surf, fonts, fm, lang, pygame.Rect(col.x, y + round(6 * k), col.width,
                                                 h - y - round(6 * k)), k)


def sheet_view(size: tuple[int, int]) -> tuple[View, pygame.Rect]:
    """The main map of the sheet: its view, and the rect it is drawn in (for tests too)."""
    w, h = size
    k = min(w / 1280, h / 720)
    m = round(20 * k)
    rect = pygame.Rect(m, m, round(810 * k), h - m - round(36 * k))
    return View.fit(rect.size, FULL_BOX), rect


def backdrop_view(size: tuple[int, int]) -> View:
    w, h = size
    k = min(w / 1280, h / 720)
    return View.centred((w, h), BACKDROP_CENTRE, (w / 2, 246 * k), 2.38 / k)


def _backdrop(surf: pygame.Surface, fonts: FontBook, fm: FrontMap, lang: str) -> None:
    w, h = surf.get_size()
    k = min(w / 1280, h / 720)
    view = backdrop_view((w, h))
    surf.blit(rasterise(map_svg(fm, (w, h), view)), (0, 0))
    full = pygame.Rect(0, round(44 * k), w, h - round(44 * k))
    card = pygame.Rect(round(14 * k), round(56 * k), round(330 * k), round(96 * k))
    legend = pygame.Rect(w - round(300 * k), round(56 * k), round(286 * k), round(420 * k))
    inset = pygame.Rect(round(14 * k), round(196 * k), round(240 * k), round(226 * k))
    placed = [card.inflate(6, 6), inset.inflate(10, 10)]
    y = _small_legend(surf, fonts, fm, lang, legend, k)
    placed.append(pygame.Rect(legend.x - 4, legend.y - 4, legend.width + 8, y - legend.y + 8))
    _labels(surf, fonts, fm, lang, view, (0, 0), full, k, placed,
            only=lambda lb: lb.key not in INSET_ONLY)
    _inset(surf, fonts, fm, lang, inset, k * 0.95)
    _small_cartouche(surf, fonts, fm, lang, card, k)
    pygame.draw.rect(surf, theme.INK, surf.get_rect().inflate(-round(12 * k), -round(12 * k)),
                     max(1, round(2 * k)))


# -- pieces ---------------------------------------------------------------------------------

def _inset(surf: pygame.Surface, fonts: FontBook, fm: FrontMap, lang: str, rect: pygame.Rect,
           k: float) -> None:
    view = View.fit(rect.size, INSET_BOX)
    surf.blit(rasterise(map_svg(fm, rect.size, view)), rect.topleft)
    wanted = {"busan", "masan", "daegu", "pohang", "naktong", "tsushima", "korea_strait",
              "perimeter", "line_draft", "line_signed", "line_frozen", "line_collapsed",
              "held_busan", "held_zone", "fleet_japan"}
    title = fonts.render(text(geography(), "inset", lang), round(13 * k), theme.INK)
    head = pygame.Rect(rect.x, rect.y, title.get_width() + round(12 * k),
                       title.get_height() + round(6 * k))
    placed = [head]
    _labels(surf, fonts, fm, lang, view, rect.topleft, rect, k, placed,
            only=lambda lb: lb.key in wanted)
    pygame.draw.rect(surf, theme.PAPER, head)
    pygame.draw.line(surf, theme.INK, head.bottomleft, head.bottomright, 1)
    pygame.draw.line(surf, theme.INK, head.topright, head.bottomright, 1)
    surf.blit(title, (rect.x + round(6 * k), rect.y + round(3 * k)))
    _neat_line(surf, rect, k * 0.7)


def _neat_line(surf: pygame.Surface, rect: pygame.Rect, k: float) -> None:
    pygame.draw.rect(surf, theme.INK, rect, max(1, round(2 * k)))
    pygame.draw.rect(surf, theme.INK, rect.inflate(round(10 * k), round(10 * k)), 1)


def _ticks(surf: pygame.Surface, fonts: FontBook, view: View, rect: pygame.Rect,
           k: float) -> None:
    """Degrees along the bottom and left edges, where the graticule meets the neat line."""
    size = max(9, round(12 * k))
    for lon in range(120, 147, 4):
        x = _crossing(view, rect, lambda lat, lon=lon: (lon, lat), bottom=True)
        if x is not None and rect.x + 20 < x < rect.right - 20:
            s = fonts.render(f"{lon}°E", size, theme.INK_SOFT)
            surf.blit(s, s.get_rect(midtop=(round(x), rect.bottom + round(7 * k))))
    for lat in range(32, 50, 2):
        y = _crossing(view, rect, lambda lon, lat=lat: (lon, lat), bottom=False)
        if y is not None and rect.y + 12 < y < rect.bottom - 12:
            s = fonts.render(f"{lat}°", size, theme.INK_SOFT)
            s = pygame.transform.rotate(s, 90)
            surf.blit(s, s.get_rect(midright=(rect.x - round(6 * k), round(y))))


def _crossing(view: View, rect: pygame.Rect, at: object, bottom: bool) -> float | None:
    """Where a meridian meets the bottom edge (x), or a parallel the left edge (y)."""
    assert callable(at)
    best: tuple[float, float] | None = None
    for i in range(0, 601):
        v = (25 + i * 0.05) if bottom else (105 + i * 0.08)
        x, y = view.px(project(*at(v)))
        err = abs((y + rect.y) - rect.bottom) if bottom else abs(x)
        if best is None or err < best[0]:
            best = (err, x + rect.x if bottom else y + rect.y)
    return best[1] if best and best[0] < 3 else None


def _labels(surf: pygame.Surface, fonts: FontBook, fm: FrontMap, lang: str, view: View,
            origin: tuple[int, int], bounds: pygame.Rect, k: float, placed: list[pygame.Rect],
            only: Callable[[Label], bool] | None = None) -> None:
    """Place each label on its side of its point, or another side if that is taken, or
    not at all: no two labels overlap, and none leaves the map."""
    geo = geography()
    order = sorted(fm.labels, key=lambda lb: LOOKS.get(lb.role, LOOKS["town"]).priority)
    for lb in order:
        if only is not None and not only(lb):
            continue
        look = LOOKS.get(lb.role, LOOKS["town"])
        img = _text_image(fonts, text(geo, lb.key, lang), max(9, round(look.size * k)),
                          look.color, look.spaced and lang == "en")
        x, y = view.px(lb.at)
        x, y = x + origin[0], y + origin[1]
        sides = [lb.side] if lb.side == "c" else [lb.side, *[s for s in SIDES if s != lb.side]]
        for side in sides:
            r = _placed_rect(img, (x, y), side, round(6 * k))
            if bounds.contains(r) and r.collidelist(placed) < 0:
                _blit_halo(surf, fonts, img, r.topleft)
                placed.append(r.inflate(round(4 * k), round(2 * k)))
                break


def _placed_rect(img: pygame.Surface, at: tuple[float, float], side: str,
                 gap: int) -> pygame.Rect:
    r = img.get_rect()
    x, y = round(at[0]), round(at[1])
    dx = {"e": gap, "w": -gap, "ne": gap, "se": gap, "nw": -gap, "sw": -gap}.get(side, 0)
    dy = {"n": -gap, "s": gap, "ne": -gap // 2, "nw": -gap // 2, "se": gap // 2,
          "sw": gap // 2}.get(side, 0)
    if side in ("e", "ne", "se"):
        r.left = x + dx
    elif side in ("w", "nw", "sw"):
        r.right = x + dx
    else:
        r.centerx = x
    if side in ("n", "ne", "nw"):
        r.bottom = y + dy
    elif side in ("s", "se", "sw"):
        r.top = y + dy
    else:
        r.centery = y
    return r


def _text_image(fonts: FontBook, s: str, size: int, color: Color,
                spaced: bool) -> pygame.Surface:
    if not spaced:
        return fonts.render(s, size, color)
    glyphs = [fonts.render(c, size, color) for c in s]
    gap = max(2, size // 4)
    w = sum(g.get_width() for g in glyphs) + gap * (len(glyphs) - 1)
    out = pygame.Surface((max(1, w), max(g.get_height() for g in glyphs)), pygame.SRCALPHA)
    x = 0
    for g in glyphs:
        out.blit(g, (x, 0))
        x += g.get_width() + gap
    return out


def _blit_halo(surf: pygame.Surface, fonts: FontBook, img: pygame.Surface,
               at: tuple[int, int]) -> None:
    """Text with a thin paper halo, so it reads over hatching and lines."""
    halo = img.copy()
    halo.fill((*HALO, 0), special_flags=pygame.BLEND_RGBA_MAX)
    halo.fill((*HALO, 255), special_flags=pygame.BLEND_RGBA_MIN)
    for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (1, 1), (-1, 1), (1, -1)):
        surf.blit(halo, (at[0] + dx, at[1] + dy))
    surf.blit(img, at)


def _cartouche(surf: pygame.Surface, fonts: FontBook, fm: FrontMap, lang: str,
               col: pygame.Rect, view: View, k: float) -> int:
    geo = geography()
    pad = round(18 * k)
    lines: list[pygame.Surface] = []
    for key, size, color in (("map_title", 18, theme.INK), ("map_subtitle", 14, theme.INK_SOFT),
                             ("legation", 13, theme.INK_SOFT), (fm.status, 14, theme.RED)):
        for line in wrap(text(geo, key, lang), col.width - 2 * pad, fonts.measure(round(size * k))):
            lines.append(fonts.render(line, round(size * k), color))
    top = round(30 * k)
    body = sum(s.get_height() + round(2 * k) for s in lines)
    box = pygame.Rect(col.x, col.y, col.width, top + body + round(44 * k))
    pygame.draw.rect(surf, (244, 238, 222), box)
    pygame.draw.rect(surf, theme.INK, box, max(1, round(2 * k)))
    pygame.draw.rect(surf, theme.INK, box.inflate(-round(8 * k), -round(8 * k)), 1)
    secret = fonts.render(text(geo, "secret", lang), round(14 * k), theme.RED, "sans")
    surf.blit(secret, secret.get_rect(topright=(box.right - round(14 * k), box.y + round(12 * k))))
    y = box.y + top
    for s in lines:
        surf.blit(s, s.get_rect(midtop=(box.centerx, y)))
        y += s.get_height() + round(2 * k)
    _scale_bar(surf, fonts, view, (box.x + pad, box.bottom - round(16 * k)), k)
    _stamp(surf, fonts, fm, lang, (box.right - round(70 * k), box.bottom - round(16 * k)), k)
    return box.bottom


def _small_cartouche(surf: pygame.Surface, fonts: FontBook, fm: FrontMap, lang: str,
                     box: pygame.Rect, k: float) -> None:
    geo = geography()
    panel = pygame.Surface(box.size, pygame.SRCALPHA)
    panel.fill((244, 238, 222, 235))
    surf.blit(panel, box.topleft)
    pygame.draw.rect(surf, theme.INK, box, max(1, round(2 * k)))
    y = box.y + round(10 * k)
    for key, size, color in (("map_title", 17, theme.INK), ("legation", 12, theme.INK_SOFT),
                             (fm.status, 13, theme.RED)):
        s = fonts.render(text(geo, key, lang), round(size * k), color)
        if s.get_width() > box.width - round(20 * k):
            s = pygame.transform.smoothscale(
                s, (box.width - round(20 * k),
                    round(s.get_height() * (box.width - 20 * k) / s.get_width())))
        surf.blit(s, (box.x + round(10 * k), y))
        y += s.get_height() + round(4 * k)
    _stamp(surf, fonts, fm, lang, (box.right - round(44 * k), box.bottom + round(6 * k)),
           k * 0.8)


def _stamp(surf: pygame.Surface, fonts: FontBook, fm: FrontMap, lang: str,
           center: tuple[int, int], k: float) -> None:
    """A rubber stamp, askew: DRAFT, SIGNED, NO TREATY or BROKEN OFF."""
    word = text(geography(), "stamp_" + fm.terms.outcome, lang)
    color = theme.RED if fm.terms.signed or fm.terms.outcome == "pending" else theme.INK_SOFT
    s = fonts.render(word, round(22 * k), color, "sans")
    pad = round(8 * k)
    img = pygame.Surface((s.get_width() + 2 * pad, s.get_height() + pad), pygame.SRCALPHA)
    pygame.draw.rect(img, color, img.get_rect(), max(2, round(3 * k)), border_radius=round(4 * k))
    img.blit(s, (pad, pad // 2))
    img.set_alpha(205)
    img = pygame.transform.rotozoom(img, 8, 1.0)
    surf.blit(img, img.get_rect(center=center))


def _scale_bar(surf: pygame.Surface, fonts: FontBook, view: View, at: tuple[int, int],
               k: float) -> None:
    """Four hundred kilometres in four alternating blocks, as on a staff map."""
    step = 100 * view.scale
    x, y = at
    for i in range(4):
        r = pygame.Rect(round(x + i * step), y, round(step), max(3, round(5 * k)))
        pygame.draw.rect(surf, theme.INK if i % 2 == 0 else (244, 238, 222), r)
        pygame.draw.rect(surf, theme.INK, r, 1)
    for i in (0, 2, 4):
        s = fonts.render(str(i * 100) + (" km" if i == 4 else ""), max(9, round(11 * k)),
                         theme.INK_SOFT)
        r = s.get_rect(midbottom=(round(x + i * step), y - 1))
        if i == 4:
            r.left = round(x + i * step) - round(4 * k)
        surf.blit(s, r)


def _legend_rows(fonts: FontBook, entries: tuple[LegendEntry, ...], lang: str, width: int,
                 size: int) -> list[tuple[LegendEntry, list[str]]]:
    geo = geography()
    return [(e, wrap(text(geo, e.key, lang), width, fonts.measure(size))) for e in entries]


def _legend(surf: pygame.Surface, fonts: FontBook, fm: FrontMap, lang: str,
            rect: pygame.Rect, k: float) -> int:
    head = fonts.render(text(geography(), "legend", lang), round(16 * k), theme.INK)
    surf.blit(head, (rect.x, rect.y))
    y = rect.y + head.get_height() + round(2 * k)
    pygame.draw.line(surf, theme.RED, (rect.x, y), (rect.right, y), max(1, round(2 * k)))
    return _legend_entries(surf, fonts, fm, lang, rect.x, y + round(8 * k), rect.width, k, 13)


def _small_legend(surf: pygame.Surface, fonts: FontBook, fm: FrontMap, lang: str,
                  rect: pygame.Rect, k: float) -> int:
    size = round(12 * k)
    sw = round(38 * k)
    rows = _legend_rows(fonts, fm.legend, lang, rect.width - sw - round(24 * k), size)
    line_h = fonts.font(size).get_linesize()
    height = sum(max(round(20 * k), len(ls) * line_h + round(4 * k)) for _, ls in rows)
    box = pygame.Rect(rect.x, rect.y, rect.width, height + round(16 * k))
    panel = pygame.Surface(box.size, pygame.SRCALPHA)
    panel.fill((244, 238, 222, 232))
    surf.blit(panel, box.topleft)
    pygame.draw.rect(surf, theme.INK, box, max(1, round(2 * k)))
    _legend_entries(surf, fonts, fm, lang, rect.x + round(8 * k), rect.y + round(8 * k),
                    rect.width - round(16 * k), k, 12, sw)
    return box.bottom


def _legend_entries(surf: pygame.Surface, fonts: FontBook, fm: FrontMap, lang: str, x: int,
                    y: int, width: int, k: float, px: int, sw: int | None = None) -> int:
    size = round(px * k)
    sw = sw or round(46 * k)
    sh = round(18 * k)
    gap = round(10 * k)
    line_h = fonts.font(size).get_linesize()
    for entry, lines in _legend_rows(fonts, fm.legend, lang, width - sw - gap, size):
        if entry.style:
            swatch = rasterise(swatch_svg(entry.style, (sw, sh), k))
            surf.blit(swatch, (x, y + max(0, (line_h - sh) // 2)))
        ty = y
        for line in lines:
            s = fonts.render(line, size, theme.INK)
            surf.blit(s, (x + sw + gap, ty))
            ty += line_h
        y += max(sh + round(3 * k), len(lines) * line_h + round(3 * k))
    return y


def _changes(surf: pygame.Surface, fonts: FontBook, fm: FrontMap, lang: str,
             rect: pygame.Rect, k: float) -> None:
    geo = geography()
    size = round(13 * k)
    pygame.draw.line(surf, theme.INK_FAINT, (rect.x, rect.y), (rect.right, rect.y), 1)
    y = rect.y + round(6 * k)
    head = fonts.render(text(geo, "changes_head", lang), round(14 * k), theme.RED)
    surf.blit(head, (rect.x, y))
    y += head.get_height() + round(4 * k)
    items = [text(geo, c, lang) for c in fm.changes] or [text(geo, "changes_none", lang)]
    measure = fonts.measure(size)
    for item in items:
        for i, line in enumerate(wrap(item, rect.width - round(16 * k), measure)):
            s = fonts.render(("· " if i == 0 else "  ") + line, size, theme.INK)
            if y + s.get_height() > rect.bottom:
                return
            surf.blit(s, (rect.x, y))
            y += s.get_height()
