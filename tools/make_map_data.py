"""Build assets/map/outlines.json: the coasts and borders of the map of the front.

Source: Natural Earth 1:10m admin-0 countries (public domain), as TopoJSON in the npm
package world-atlas 2.0.2 (ISC). The script fetches the package with `npm pack` unless
given its unpacked folder, and writes the same bytes every time:

    python tools/make_map_data.py                     # fetches world-atlas@2.0.2 with npm
    python tools/make_map_data.py /path/to/package    # an unpacked world-atlas package

Pure Python: TopoJSON arcs are delta-decoded, each arc is simplified once
(Douglas-Peucker, so a coast shared by the land and a country stays one line), rings are
stitched, clipped to a lon/lat box and rounded. What is hand-entered (cities, the
Naktong, the lines of the articles, the frontier of Manchukuo with China) is in
assets/map/marks.yaml; this script reads the frontier from there to cut Manchuria out of
China.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.documents.map_geo import clip_range  # noqa: E402

OUT = ROOT / "assets" / "map" / "outlines.json"
PACKAGE = "world-atlas@2.0.2"
SOURCE = "countries-10m.json"

BOX = (108.0, 26.0, 156.0, 54.0)  # lon min, lat min, lon max, lat max: wider than any view
TOLERANCE = 0.02  # degrees, Douglas-Peucker
MIN_AREA = 0.004  # square degrees: smaller islands are left out (Ulleungdo stays)
DIGITS = 2  # about a kilometre

NORTH_KOREA, SOUTH_KOREA, CHINA, RUSSIA, JAPAN, MONGOLIA = (
    "408", "410", "156", "643", "392", "496")
# Manchuria (Manchukuo, 1941) as three convex cuts of China that abut (so even-odd fills
# see no overlap): Hulunbuir and the north; the east, with Liaodong but not Shandong; and
# Rehe and Hsingan, east of the western frontier (marks.yaml) and north of the Wall.
NORTH_EDGE = 46.6  # latitude of Mongolia's eastern tip, where the western frontier starts
MANCHURIA_NORTH = (108.0, NORTH_EDGE, 136.0, 54.0)
MANCHURIA_EAST = (119.78, 38.5, 136.0, NORTH_EDGE)
MANCHURIA_WEST = (108.0, 39.0, 119.78, NORTH_EDGE)
MARKS = ROOT / "assets" / "map" / "marks.yaml"
BORDERS = {
    "korea_manchuria": (NORTH_KOREA, CHINA),
    "korea_ussr": (NORTH_KOREA, RUSSIA),
    "manchuria_ussr": (CHINA, RUSSIA),
    "mongolia": (MONGOLIA, CHINA),
    "mongolia_ussr": (MONGOLIA, RUSSIA),
}

Point = tuple[float, float]
Ring = list[Point]


def fetch(dest: Path) -> Path:
    """Unpack world-atlas from npm into dest; return the package folder."""
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=dest, check=True,
                   stdout=subprocess.DEVNULL)
    (tgz,) = dest.glob("world-atlas-*.tgz")
    with tarfile.open(tgz) as tar:
        tar.extractall(dest, filter="data")
    return dest / "package"


def decode_arcs(topo: dict[str, Any]) -> list[list[Point]]:
    """Quantized, delta-encoded arcs as absolute lon/lat."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def simplify(points: list[Point], tol: float) -> list[Point]:
    """Douglas-Peucker with the end points kept (iterative: long coasts are deep)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, at = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            if norm == 0:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                d = abs(dy * (px - ax) - dx * (py - ay)) / norm
            if d > best:
                best, at = d, i
        if at >= 0 and best > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def arc_points(arcs: list[list[Point]], index: int) -> list[Point]:
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def ring_of(arcs: list[list[Point]], refs: list[int]) -> Ring:
    ring: Ring = []
    for ref in refs:
        pts = arc_points(arcs, ref)
        ring.extend(pts if not ring else pts[1:])
    return ring


def polygons(geom: dict[str, Any]) -> list[list[list[int]]]:
    if geom["type"] == "Polygon":
        return [geom["arcs"]]
    if geom["type"] == "MultiPolygon":
        return list(geom["arcs"])
    return []


def rings(arcs: list[list[Point]], geoms: list[dict[str, Any]]) -> list[Ring]:
    """Every ring of the geometries; holes too (the renderer fills even-odd)."""
    return [ring_of(arcs, r) for g in geoms for poly in polygons(g) for r in poly]


def merged(arcs: list[list[Point]], geoms: list[dict[str, Any]]) -> list[Ring]:
    """The union of adjacent polygons (topojson's merge): arcs used twice are interior."""
    used: dict[int, int] = {}
    refs: list[int] = []
    for g in geoms:
        for poly in polygons(g):
            for r in poly:
                for ref in r:
                    key = ref if ref >= 0 else ~ref
                    used[key] = used.get(key, 0) + 1
                    refs.append(ref)
    outer = [r for r in refs if used[r if r >= 0 else ~r] == 1]
    by_start = {arc_points(arcs, r)[0]: r for r in outer}
    out: list[Ring] = []
    seen: set[int] = set()
    for first in outer:
        if first in seen:
            continue
        ring: Ring = []
        ref = first
        while ref not in seen:
            seen.add(ref)
            pts = arc_points(arcs, ref)
            ring.extend(pts if not ring else pts[1:])
            nxt = by_start.get(pts[-1])
            if nxt is None:
                break
            ref = nxt
        out.append(ring)
    return out


def clip_ring(ring: Ring, edges: list[tuple[Point, Point]]) -> Ring:
    """Sutherland-Hodgman against a convex polygon given by its edges (inside on the left)."""

    def inside(p: Point, a: Point, b: Point) -> bool:
        return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= 0

    def cross(p: Point, q: Point, a: Point, b: Point) -> Point:
        d1 = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
        d2 = (b[0] - a[0]) * (q[1] - a[1]) - (b[1] - a[1]) * (q[0] - a[0])
        t = d1 / (d1 - d2)
        return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))

    out = ring[:-1] if ring and ring[0] == ring[-1] else ring
    for a, b in edges:
        src, out = out, []
        for i, q in enumerate(src):
            p = src[i - 1]
            if inside(q, a, b):
                if not inside(p, a, b):
                    out.append(cross(p, q, a, b))
                out.append(q)
            elif inside(p, a, b):
                out.append(cross(p, q, a, b))
        if not out:
            break
    return out


def box_edges(box: tuple[float, float, float, float]) -> list[tuple[Point, Point]]:
    x0, y0, x1, y1 = box
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    return [(corners[i], corners[(i + 1) % 4]) for i in range(4)]


def clip_line(line: list[Point], box: tuple[float, float, float, float]) -> list[list[Point]]:
    """The pieces of a polyline inside the box (the map's own segment clipper)."""
    pieces: list[list[Point]] = []
    cur: list[Point] = []
    for p, q in zip(line, line[1:], strict=False):
        span = clip_range(p, q, box)
        if span is None:
            if cur:
                pieces.append(cur)
                cur = []
            continue
        t0, t1 = span
        dx, dy = q[0] - p[0], q[1] - p[1]
        a = (p[0] + t0 * dx, p[1] + t0 * dy)
        b = (p[0] + t1 * dx, p[1] + t1 * dy)
        if not cur:
            cur = [a]
        cur.append(b)
        if t1 < 1.0:
            pieces.append(cur)
            cur = []
    if cur:
        pieces.append(cur)
    return pieces


def area(ring: Ring) -> float:
    return abs(sum(p[0] * q[1] - q[0] * p[1] for p, q in zip(ring, ring[1:] + ring[:1],
                                                             strict=True))) / 2


def flat(points: list[Point]) -> list[float]:
    """Rounded and flattened, repeated points dropped: [lon, lat, lon, lat, ...]."""
    out: list[float] = []
    last: tuple[float, float] | None = None
    for x, y in points:
        p = (round(x, DIGITS), round(y, DIGITS))
        if p != last:
            out += [p[0] + 0.0, p[1] + 0.0]  # + 0.0: never -0.0
            last = p
    return out


def densify(ring: Ring, step: float = 0.25) -> Ring:
    """Long straight edges (a clip along a parallel) cut into steps: projected, a parallel is
    an arc, and two pieces cut along one must meet along the same arc."""
    out: Ring = []
    for p, q in zip(ring, ring[1:] + ring[:1], strict=True):
        out.append(p)
        n = int(max(abs(q[0] - p[0]), abs(q[1] - p[1])) / step)
        out += [(p[0] + (q[0] - p[0]) * i / (n + 1), p[1] + (q[1] - p[1]) * i / (n + 1))
                for i in range(1, n + 1)]
    return out


def finish(ring_list: list[Ring]) -> list[list[float]]:
    kept = [flat(densify(r)) for r in ring_list if len(r) >= 3 and area(r) >= MIN_AREA]
    return [r for r in kept if len(r) >= 6]


def build(package: Path) -> dict[str, Any]:
    topo = json.loads((package / SOURCE).read_text(encoding="utf-8"))
    arcs = [simplify(a, TOLERANCE) for a in decode_arcs(topo)]
    countries = {g["id"]: g for g in topo["objects"]["countries"]["geometries"] if "id" in g}
    edges = box_edges(BOX)

    def clip_all(ring_list: list[Ring], cut: list[tuple[Point, Point]]) -> list[Ring]:
        return [c for c in (clip_ring(r, cut) for r in ring_list) if len(c) >= 3]

    land = clip_all(rings(arcs, topo["objects"]["land"]["geometries"]), edges)
    korea = clip_all(merged(arcs, [countries[NORTH_KOREA], countries[SOUTH_KOREA]]), edges)
    china = rings(arcs, [countries[CHINA]])
    marks = yaml.safe_load(MARKS.read_text(encoding="utf-8"))
    # the frontier runs south then east, Manchukuo on its left, each edge a half-plane; the
    # Wall (which wiggles) is cut along its chord, so the chain turns only left (convex)
    wall = marks["great_wall"]
    frontier = [(float(p[0]), float(p[1])) for p in [*marks["manchukuo_west"], wall[0], wall[-1]]]
    west_cut = [(frontier[i], frontier[i + 1]) for i in range(len(frontier) - 1)]
    for (a, b), (_, c) in zip(west_cut, west_cut[1:], strict=False):
        assert (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]) > 0, "not convex"
    manchuria = (clip_all(china, box_edges(MANCHURIA_NORTH))
                 + clip_all(china, box_edges(MANCHURIA_EAST))
                 + clip_all(china, box_edges(MANCHURIA_WEST) + west_cut))
    ussr = clip_all(rings(arcs, [countries[RUSSIA]]), edges)
    japan = clip_all(rings(arcs, [countries[JAPAN]]), edges)

    users: dict[int, set[str]] = {}
    for cid, g in countries.items():
        for poly in polygons(g):
            for r in poly:
                for ref in r:
                    users.setdefault(ref if ref >= 0 else ~ref, set()).add(cid)
    borders: dict[str, list[list[float]]] = {}
    for name, pair in BORDERS.items():
        lines = [arcs[i] for i, who in sorted(users.items()) if who == set(pair)]
        pieces = [p for line in lines for p in clip_line(line, BOX)]
        borders[name] = [flat(p) for p in pieces if len(p) >= 2]

    return {
        "source": "Natural Earth 1:10m admin-0 countries (public domain), via the npm "
                  f"package {PACKAGE} (countries-10m.json); made by tools/make_map_data.py",
        "box": list(BOX),
        "tolerance": TOLERANCE,
        "land": finish(land),
        "regions": {"korea": finish(korea), "manchuria": finish(manchuria),
                    "ussr": finish(ussr), "japan": finish(japan)},
        "borders": borders,
    }


def dump(data: dict[str, Any]) -> str:
    """One ring per line: diffable, and small."""
    def rings_block(rs: list[list[float]], indent: str) -> str:
        return "[\n" + ",\n".join(indent + json.dumps(r, separators=(",", ":")) for r in rs) \
            + "\n" + indent[:-2] + "]"

    parts = [f'  "{k}": {json.dumps(data[k])}' for k in ("source", "box", "tolerance")]
    parts.append('  "land": ' + rings_block(data["land"], "    "))
    for group in ("regions", "borders"):
        inner = [f'    "{k}": ' + rings_block(v, "      ") for k, v in data[group].items()]
        parts.append(f'  "{group}": {{\n' + ",\n".join(inner) + "\n  }")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        package = Path(argv[1]) if len(argv) > 1 else fetch(Path(tmp))
        data = build(package)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = dump(data)
    OUT.write_text(text, encoding="utf-8")
    points = sum(len(r) // 2 for r in data["land"])
    print(f"wrote {OUT.relative_to(ROOT)}: {len(data['land'])} land rings, {points} points, "
          f"{len(text) // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
