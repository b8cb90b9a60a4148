"""The map of the front as SVG: the geometry only (no text), for pygame's SVG loader.

pygame rasterises SVG with nanosvg, which fills even-odd and dashes strokes but has no
clip paths, patterns or filters and draws no text. So zones are painted in order (the
Japanese-held zone closes through the sea, and the sea is painted back over it), and
hatching is computed here as explicit strokes clipped to their regions. The labels are
drawn by the UI with the game's fonts, at the positions FrontMap gives.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .front_map import Area, Arrow, Feature, FrontMap, Hatching, Stroke, Symbol
from .map_geo import Point, Ring, View, hatch

# The full sheet: Korea, Manchuria, the Maritime Province and the Sea of Japan.
FULL_BOX = (116.5, 31.0, 144.5, 49.0)


@dataclass(frozen=True)
class Style:
    fill: str | None = None
    stroke: str | None = None
    width: float = 1.0  # at a 720-pixel-high picture; scaled with it
    dash: tuple[float, ...] = ()
    opacity: float = 1.0
    spacing: float = 0.0  # hatching: pixels between strokes
    halo: float = 0.0  # a wider faint stroke under the line: red pencil on paper


PAPER = "#ece4d2"
INK = "#2b2620"
RED = "#a3262a"
BLUE = "#2d4f86"

STYLES: dict[str, Style] = {
    "sea": Style(fill="#d3dcd6"),
    "land": Style(fill="#efe6cf"),
    "ussr": Style(fill="#e3dccb"),
    "soviet": Style(fill="#d9dde3"),
    "deferred": Style(fill="#ebe1c6"),
    "japanese": Style(fill="#f0cfc2"),
    "soviet_hatch": Style(stroke=BLUE, width=0.9, opacity=0.42, spacing=7.0),
    "deferred_hatch": Style(stroke="#6b6152", width=0.9, opacity=0.55, spacing=9.0,
                            dash=(6, 3)),
    "belt": Style(stroke="#d8b45a", width=11.0, opacity=0.75),
    "graticule": Style(stroke="#8a8270", width=0.6, opacity=0.35),
    "coast": Style(stroke=INK, width=1.1),
    "border": Style(stroke=INK, width=1.3, dash=(8, 3, 1.5, 3), opacity=0.8),
    "river": Style(stroke="#47698c", width=1.4),
    "parallel": Style(stroke="#5f584c", width=1.3, dash=(10, 6), opacity=0.7),
    "perimeter": Style(stroke=RED, width=1.6, dash=(4, 4), opacity=0.9),
    "line": Style(stroke=RED, width=3.6, dash=(16, 6), halo=8.0),
    "line_signed": Style(stroke="#8e1d20", width=4.2, halo=9.0),
    "fleet_japan": Style(stroke=RED, width=2.0, dash=(12, 5, 3, 5), opacity=0.9),
    "fleet_ussr": Style(stroke=BLUE, width=2.0, dash=(12, 5, 3, 5), opacity=0.9),
    "raid_japan": Style(stroke=RED, width=2.4),
    "raid_ussr": Style(stroke=BLUE, width=2.4),
    "strike": Style(stroke=INK, width=2.6),
    "standdown": Style(stroke=BLUE, width=2.0, dash=(5, 4)),
    "capital": Style(fill=INK, stroke=INK, width=1.2),
    "city": Style(fill=INK),
    "town": Style(fill=PAPER, stroke=INK, width=1.2),
    "post_se": Style(fill="#2f5fa0", stroke="#e8c030"),
    "post_ch": Style(fill="#c0282d", stroke="#ffffff"),
}


_SEAMLESS = {"ussr", "soviet", "deferred", "japanese"}


def full_view(size: tuple[int, int], rect: tuple[int, int, int, int] | None = None) -> View:
    """The whole sheet fitted into `rect` of a picture of `size`."""
    return View.fit(size, FULL_BOX, rect)


def map_svg(fm: FrontMap, size: tuple[int, int], view: View | None = None) -> str:
    """The map's geometry as an SVG document of exactly `size` pixels."""
    view = view or full_view(size)
    k = size[1] / 720
    w, h = size
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
           f'viewBox="0 0 {w} {h}">',
           f'<rect width="{w}" height="{h}" fill="{STYLES["sea"].fill}"/>']
    for f in fm.features:
        out.append(_feature(f, view, k))
    out.append("</svg>")
    return "\n".join(s for s in out if s)


def _num(v: float) -> str:
    return f"{v:.1f}"


def _path(rings: list[list[tuple[float, float]]], close: bool) -> str:
    parts = []
    for r in rings:
        if len(r) < 2:
            continue
        parts.append("M" + " L".join(f"{_num(x)} {_num(y)}" for x, y in r) + (" Z" if close
                                                                            else ""))
    return " ".join(parts)


def _stroke_attrs(s: Style, k: float, width: float | None = None, dash: bool = True,
                  opacity: float | None = None) -> str:
    a = (f'fill="none" stroke="{s.stroke}" stroke-width="{_num(max(0.5, (width or s.width) * k))}"'
         ' stroke-linejoin="round" stroke-linecap="round"')
    if dash and s.dash:
        a += ' stroke-dasharray="' + " ".join(_num(d * k) for d in s.dash) + '"'
    op = s.opacity if opacity is None else opacity
    if op < 1:
        a += f' stroke-opacity="{op:g}"'
    return a


def _px(view: View, ring: Ring) -> list[tuple[float, float]]:
    return [view.px(p) for p in ring]


def _feature(f: Feature, view: View, k: float) -> str:
    s = STYLES[f.style]
    if isinstance(f, Area):
        d = _path([_px(view, r) for r in f.rings], True)
        # a hairline of the fill's own colour hides the seam where two pieces abut
        edge = (f'stroke="{s.fill}" stroke-width="1"' if f.style in _SEAMLESS else 'stroke="none"')
        return f'<path d="{d}" fill="{s.fill}" fill-rule="evenodd" {edge}/>' if d else ""
    if isinstance(f, Stroke):
        d = _path([_px(view, r) for r in f.lines], False)
        if not d:
            return ""
        under = (f'<path d="{d}" {_stroke_attrs(s, k, s.halo, False, 0.22)}/>\n'
                 if s.halo else "")
        return under + f'<path d="{d}" {_stroke_attrs(s, k)}/>'
    if isinstance(f, Hatching):
        segs = hatch([_px(view, r) for r in f.include], [_px(view, r) for r in f.exclude],
                     f.angle, s.spacing * max(0.6, k), (0, 0, *view.size))
        d = " ".join(f"M{_num(a[0])} {_num(a[1])} L{_num(b[0])} {_num(b[1])}" for a, b in segs)
        return f'<path d="{d}" {_stroke_attrs(s, k)}/>' if d else ""
    if isinstance(f, Arrow):
        return _arrow(f, view, k)
    assert isinstance(f, Symbol)
    return _symbol(f, view, k)


def _arrow(f: Arrow, view: View, k: float) -> str:
    s = STYLES[f.style]
    (x0, y0), (x1, y1) = view.px(f.start), view.px(f.end)
    ang = math.atan2(y1 - y0, x1 - x0)
    head = 13 * k
    left = (x1 - head * math.cos(ang - 0.4), y1 - head * math.sin(ang - 0.4))
    right = (x1 - head * math.cos(ang + 0.4), y1 - head * math.sin(ang + 0.4))
    shaft = Style(stroke=s.stroke, width=s.width, dash=(9, 5) if f.struck else ())
    out = [f'<path d="M{_num(x0)} {_num(y0)} L{_num(x1)} {_num(y1)}" {_stroke_attrs(shaft, k)}/>',
           f'<path d="M{_num(left[0])} {_num(left[1])} L{_num(x1)} {_num(y1)} '
           f'L{_num(right[0])} {_num(right[1])} Z" fill="{s.stroke}" stroke="none"/>']
    if f.struck:
        cx, cy, r = (x0 + x1) / 2, (y0 + y1) / 2, 9 * k
        st = STYLES["strike"]
        out.append(f'<path d="M{_num(cx - r)} {_num(cy - r)} L{_num(cx + r)} {_num(cy + r)} '
                   f'M{_num(cx - r)} {_num(cy + r)} L{_num(cx + r)} {_num(cy - r)}" '
                   f'{_stroke_attrs(st, k)}/>')
    return "\n".join(out)


def _symbol(f: Symbol, view: View, k: float) -> str:
    s = STYLES[f.style]
    x, y = view.px(f.at)
    if f.style == "standdown":
        return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(30 * k)}" {_stroke_attrs(s, k)}/>'
    if f.style in ("post_se", "post_ch"):
        return _flag(x, y, s, k, swiss=f.style == "post_ch")
    r = {"capital": 4.5, "city": 3.6, "town": 3.2}.get(f.style, 3.0) * k
    ring = (f' stroke="{s.stroke}" stroke-width="{_num(s.width * k)}"' if s.stroke else "")
    dot = f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" fill="{s.fill}"{ring}/>'
    if f.style == "capital":
        dot = (f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r + 3 * k)}" fill="{PAPER}" '
               f'stroke="{INK}" stroke-width="{_num(1.2 * k)}"/>\n') + dot
    return dot


def _flag(x: float, y: float, s: Style, k: float, swiss: bool) -> str:
    """A small flag on a staff, the commission's post: Sweden's cross or Switzerland's."""
    w, h = (9 * k, 9 * k) if swiss else (12 * k, 8 * k)
    top = y - 17 * k
    staff = (f'<path d="M{_num(x)} {_num(y)} L{_num(x)} {_num(top)}" stroke="{INK}" '
             f'stroke-width="{_num(1.4 * k)}"/>')
    box = (f'<rect x="{_num(x)}" y="{_num(top)}" width="{_num(w)}" height="{_num(h)}" '
           f'fill="{s.fill}" stroke="{INK}" stroke-width="{_num(0.6 * k)}"/>')
    if swiss:
        a, b = w * 0.18, w * 0.64
        cross = (f'<rect x="{_num(x + w / 2 - a / 2)}" y="{_num(top + h * 0.18)}" width="{_num(a)}"'
                 f' height="{_num(b)}" fill="{s.stroke}"/><rect x="{_num(x + w * 0.18)}" '
                 f'y="{_num(top + h / 2 - a / 2)}" width="{_num(b)}" height="{_num(a)}" '
                 f'fill="{s.stroke}"/>')
    else:
        t = h * 0.22
        cross = (f'<rect x="{_num(x + w * 0.3)}" y="{_num(top)}" width="{_num(t)}" '
                 f'height="{_num(h)}" fill="{s.stroke}"/><rect x="{_num(x)}" '
                 f'y="{_num(top + h / 2 - t / 2)}" width="{_num(w)}" height="{_num(t)}" '
                 f'fill="{s.stroke}"/>')
    return staff + box + cross


_HATCHED = {"soviet": ("soviet_hatch", 55.0), "deferred": ("deferred_hatch", -35.0)}


def swatch_svg(style: str, size: tuple[int, int], k: float = 1.0) -> str:
    """A legend swatch of `style` (an area, a line, an arrow or a symbol), drawn exactly
    as on the map; coordinates are pixels (the view's y flip is undone by negating y)."""
    w, h = size
    view = View(size, (0.0, 0.0), (0.0, 0.0), 1.0)
    box: Ring = ((1, -1), (w - 1, -1), (w - 1, 1 - h), (1, 1 - h))
    mid = -h / 2
    feats: list[Feature] = []
    if style in ("land", "sea", "ussr", "soviet", "deferred", "japanese"):
        feats.append(Area(style, (box,)))
        if style in _HATCHED:
            hs, angle = _HATCHED[style]
            feats.append(Hatching(hs, (box,), (), angle))
        feats.append(Stroke("coast", (box + box[:1],)))
    elif style in ("raid_japan", "raid_ussr"):
        feats.append(Arrow(style, (2, mid), (w - 2, mid), struck=style == "raid_japan"))
    elif style in ("post_se", "post_se_ch"):
        k = min(k, (h - 2) / 18)
        feats.append(Symbol("post_se", (w / 2 - 12 * k, 1 - h)))
        if style == "post_se_ch":
            feats.append(Symbol("post_ch", (w / 2 + 6 * k, 1 - h)))
    elif style in ("capital", "city", "town", "standdown"):
        feats.append(Symbol(style, (w / 2, mid)))
    else:
        feats.append(Stroke(style, (((2, mid), (w - 2, mid)),)))
    body = "\n".join(_feature(f, view, k) for f in feats)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
            f'viewBox="0 0 {w} {h}">\n{body}\n</svg>')


def hex_rgb(color: str) -> tuple[int, int, int]:
    """'#rrggbb' as a tuple (the UI draws legend swatches in the map's colours)."""
    return (int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16))


def anchor_px(view: View, at: Point) -> tuple[float, float]:
    return view.px(at)
