"""The geometry of the map of the front: a fixed projection, the frame a picture shows,
and the two plane operations the drawing needs (inside a polygon, hatching clipped to one).

Map units are kilometres on a Lambert conformal conic (standard parallels 33° and 45° N,
central meridian 130° E, origin 40° N), the projection of the period's staff maps of the
region; y grows northwards. Pure: no pygame, no files.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Point = tuple[float, float]
Ring = tuple[Point, ...]

EARTH_KM = 6371.0
_PHI1, _PHI2, _PHI0, _LAM0 = (math.radians(a) for a in (33.0, 45.0, 40.0, 130.0))


def _t(phi: float) -> float:
    return math.tan(math.pi / 4 + phi / 2)


_N = math.log(math.cos(_PHI1) / math.cos(_PHI2)) / math.log(_t(_PHI2) / _t(_PHI1))
_F = math.cos(_PHI1) * _t(_PHI1) ** _N / _N
_RHO0 = EARTH_KM * _F / _t(_PHI0) ** _N


def project(lon: float, lat: float) -> Point:
    """Longitude and latitude in degrees to map units (km east and north of 130° E, 40° N)."""
    rho = EARTH_KM * _F / _t(math.radians(lat)) ** _N
    theta = _N * (math.radians(lon) - _LAM0)
    return (rho * math.sin(theta), _RHO0 - rho * math.cos(theta))


def project_all(points: Iterable[Sequence[float]]) -> Ring:
    return tuple(project(p[0], p[1]) for p in points)


def parallel(lat: float, lon0: float, lon1: float, step: float = 0.5) -> Ring:
    """A parallel as a polyline (it is an arc on a conic projection)."""
    n = max(1, math.ceil(abs(lon1 - lon0) / step))
    return tuple(project(lon0 + (lon1 - lon0) * i / n, lat) for i in range(n + 1))


def meridian(lon: float, lat0: float, lat1: float) -> Ring:
    return (project(lon, lat0), project(lon, lat1))  # straight on a conic


@dataclass(frozen=True)
class View:
    """Which part of the map (map units) fills which pixels: uniform scale, y flipped.

    `center` is the map point drawn at pixel `anchor`; `scale` is pixels per km.
    """

    size: tuple[int, int]
    center: Point
    anchor: tuple[float, float]
    scale: float

    def px(self, p: Point) -> tuple[float, float]:
        return (self.anchor[0] + (p[0] - self.center[0]) * self.scale,
                self.anchor[1] - (p[1] - self.center[1]) * self.scale)

    @classmethod
    def fit(cls, size: tuple[int, int], lonlat_box: tuple[float, float, float, float],
            rect: tuple[int, int, int, int] | None = None) -> View:
        """The view in which a lon/lat box just fits inside `rect` (default: all of size)."""
        x0, y0, x1, y1 = lonlat_box
        edge = (*parallel(y0, x0, x1), *parallel(y1, x0, x1))
        xs, ys = [p[0] for p in edge], [p[1] for p in edge]
        rx, ry, rw, rh = rect or (0, 0, *size)
        scale = min(rw / (max(xs) - min(xs)), rh / (max(ys) - min(ys)))
        center = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
        return cls(size, center, (rx + rw / 2, ry + rh / 2), scale)

    @classmethod
    def centred(cls, size: tuple[int, int], lonlat: Point, at: tuple[float, float],
                km_per_px: float) -> View:
        """The view with a place at pixel `at`, at a given scale."""
        return cls(size, project(*lonlat), at, 1.0 / km_per_px)


def inside(p: Point, rings: Iterable[Sequence[Point]]) -> bool:
    """Even-odd: is p inside the region the rings bound (holes and all)?"""
    x, y = p
    hit = False
    for ring in rings:
        n = len(ring)
        for i in range(n):
            (ax, ay), (bx, by) = ring[i - 1], ring[i]
            if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
                hit = not hit
    return hit


def length(line: Sequence[Point]) -> float:
    return sum(math.dist(a, b) for a, b in zip(line, line[1:], strict=False))


def along(line: Sequence[Point], fraction: float) -> Point:
    """The point a fraction of the way along a polyline."""
    goal = length(line) * min(1.0, max(0.0, fraction))
    for a, b in zip(line, line[1:], strict=False):
        d = math.dist(a, b)
        if d >= goal and d > 0:
            t = goal / d
            return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        goal -= d
    return line[-1]


def hatch(include: Sequence[Sequence[Point]], exclude: Sequence[Sequence[Point]],
          angle: float, spacing: float, window: tuple[float, float, float, float] | None = None,
          ) -> list[tuple[Point, Point]]:
    """Parallel lines `spacing` apart at `angle` degrees, clipped to the region inside
    `include` and outside `exclude` (both even-odd), and to `window` (x0, y0, x1, y1) if
    given. Works in whatever plane the rings are in: the drawing hatches in pixels, so the
    pencil strokes keep their spacing at any size.

    Each stroke meets only the edges filed under its band, and the parities of the two
    regions flip at each crossing along it: linear in the edges and the strokes.
    """
    if spacing <= 0:
        return []
    a = math.radians(angle)
    d = (math.cos(a), math.sin(a))  # along the strokes
    nrm = (-d[1], d[0])  # across them
    bands: dict[int, list[tuple[float, float, float, float, bool]]] = {}
    lo = hi = None
    for rings, excluded in ((include, False), (exclude, True)):
        for r in rings:
            for i in range(len(r)):
                (px, py), (qx, qy) = r[i - 1], r[i]
                sp, sq = px * nrm[0] + py * nrm[1], qx * nrm[0] + qy * nrm[1]
                if sp == sq:
                    continue
                rp, rq = px * d[0] + py * d[1], qx * d[0] + qy * d[1]
                if not excluded:
                    lo = min(rp, rq) if lo is None else min(lo, rp, rq)
                    hi = max(rp, rq) if hi is None else max(hi, rp, rq)
                for band in range(math.floor(min(sp, sq) / spacing - 0.5),
                                  math.floor(max(sp, sq) / spacing - 0.5) + 1):
                    bands.setdefault(band, []).append((sp, sq, rp, rq, excluded))
    if lo is None or hi is None:
        return []
    out: list[tuple[Point, Point]] = []
    for band in sorted(bands):
        c = (band + 0.5) * spacing
        hits: list[tuple[float, bool]] = []
        for sp, sq, rp, rq, excluded in bands[band]:
            if (sp > c) != (sq > c):
                t = (c - sp) / (sq - sp)
                hits.append((rp + (rq - rp) * t, excluded))
        hits.sort()
        inc = exc = False
        start = 0.0
        for run, excluded in hits:
            was = inc and not exc
            if excluded:
                exc = not exc
            else:
                inc = not inc
            now = inc and not exc
            if now and not was:
                start = run
            elif was and not now and run > start:
                seg = ((nrm[0] * c + d[0] * start, nrm[1] * c + d[1] * start),
                       (nrm[0] * c + d[0] * run, nrm[1] * c + d[1] * run))
                clipped = _clip_segment(seg, window) if window else seg
                if clipped is not None:
                    out.append(clipped)
    return out


def clip_range(a: Point, b: Point, window: tuple[float, float, float, float],
               ) -> tuple[float, float] | None:
    """Liang-Barsky: the span [t0, t1] of the segment a + t (b - a), 0 <= t <= 1, inside an
    axis-aligned window; None when none of it is (a mere touch counts as none).
    tools/make_map_data.py clips the coasts with it too."""
    (x0, y0), (x1, y1) = a, b
    wx0, wy0, wx1, wy1 = window
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - wx0), (dx, wx1 - x0), (-dy, y0 - wy0), (dy, wy1 - y0)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
    return (t0, t1) if t0 < t1 else None


def _clip_segment(seg: tuple[Point, Point], window: tuple[float, float, float, float],
                  ) -> tuple[Point, Point] | None:
    """The part of a segment inside an axis-aligned window."""
    span = clip_range(*seg, window)
    if span is None:
        return None
    (x0, y0), (x1, y1) = seg
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = span
    return ((x0 + dx * t0, y0 + dy * t0), (x0 + dx * t1, y0 + dy * t1))
