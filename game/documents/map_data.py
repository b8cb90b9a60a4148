"""The map's data, read once: the generated outlines (assets/map/outlines.json) and the
hand-entered marks and texts (assets/map/marks.yaml), projected to map units.

Kept as lon/lat too, so tests can ask geographic questions (is Busan on land?).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .map_geo import Point, Ring, project, project_all

MAP_DIR = Path(__file__).resolve().parent.parent.parent / "assets" / "map"
LINES = ("busan", "zone", "parallel38")


@dataclass(frozen=True)
class City:
    key: str
    lonlat: Point
    side: str  # where its name goes: e, w, n, s, ne, nw, se, sw
    kind: str  # capital, city, town


@dataclass(frozen=True)
class Demarcation:
    line: Ring  # lon/lat, west to east
    closure: Ring  # lon/lat, sea points closing the Japanese-held zone round the south

    @property
    def zone(self) -> Ring:
        return (*self.line, *self.closure)


@dataclass(frozen=True)
class Geography:
    box: tuple[float, float, float, float]
    land: tuple[Ring, ...]  # lon/lat
    regions: dict[str, tuple[Ring, ...]]  # korea, manchuria, ussr, japan; lon/lat
    borders: dict[str, tuple[Ring, ...]]  # polylines, lon/lat
    cities: tuple[City, ...]
    naktong: Ring
    great_wall: Ring  # and Manchukuo's western frontier before it: one line
    lines: dict[str, Demarcation]
    fleet_japan: dict[str, Ring]
    fleet_ussr: Ring
    maritime: dict[str, Ring]
    labels: dict[str, tuple[Point, str]]  # key -> (lon/lat, role)
    texts: dict[str, dict[str, str]]

    def __hash__(self) -> int:  # one per process; identity is enough
        return id(self)


def _rings(flat_rings: list[list[float]]) -> tuple[Ring, ...]:
    return tuple(tuple(zip(r[::2], r[1::2], strict=True)) for r in flat_rings)


def _pts(raw: Any) -> Ring:
    return tuple((float(p[0]), float(p[1])) for p in raw)


def geography(folder: Path = MAP_DIR) -> Geography:
    """The map's data from `folder` (cached for the game's own)."""
    return _load(folder)


@cache
def _load(folder: Path) -> Geography:
    outlines = json.loads((folder / "outlines.json").read_text(encoding="utf-8"))
    marks = yaml.safe_load((folder / "marks.yaml").read_text(encoding="utf-8"))
    return Geography(
        box=tuple(outlines["box"]),
        land=_rings(outlines["land"]),
        regions={k: _rings(v) for k, v in outlines["regions"].items()},
        borders={k: _rings(v) for k, v in outlines["borders"].items()},
        cities=tuple(City(k, (float(v[0]), float(v[1])), str(v[2]), str(v[3]))
                     for k, v in marks["cities"].items()),
        naktong=_pts(marks["naktong"]),
        great_wall=_pts(marks["manchukuo_west"] + marks["great_wall"]),
        lines={k: Demarcation(_pts(v["line"]), _pts(v["closure"]))
               for k, v in marks["lines"].items()},
        fleet_japan={k: _pts(v) for k, v in marks["fleet"]["japan"].items()},
        fleet_ussr=_pts(marks["fleet"]["ussr"]),
        maritime={k: _pts(v) if isinstance(v[0], list) else ((float(v[0]), float(v[1])),)
                  for k, v in marks["maritime"].items()},
        labels={k: ((float(v[0]), float(v[1])), str(v[2])) for k, v in marks["labels"].items()},
        texts={k: {lang: str(s) for lang, s in v.items()} for k, v in marks["texts"].items()},
    )


@dataclass(frozen=True)
class Projected:
    """The geography in map units (what the drawing needs)."""

    land: tuple[Ring, ...]
    regions: dict[str, tuple[Ring, ...]]
    borders: tuple[Ring, ...]
    great_wall: Ring
    naktong: Ring
    lines: dict[str, Ring]
    zones: dict[str, Ring]

    def __hash__(self) -> int:
        return id(self)


@cache
def projected(geo: Geography) -> Projected:
    return Projected(
        land=tuple(project_all(r) for r in geo.land),
        regions={k: tuple(project_all(r) for r in v) for k, v in geo.regions.items()},
        borders=tuple(project_all(r) for v in geo.borders.values() for r in v),
        great_wall=project_all(geo.great_wall),
        naktong=project_all(geo.naktong),
        lines={k: project_all(d.line) for k, d in geo.lines.items()},
        zones={k: project_all(d.zone) for k, d in geo.lines.items()},
    )


def text(geo: Geography, key: str, lang: str) -> str:
    """A map text in `lang`, English when it has none, the key when it is unknown."""
    entry = geo.texts.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry.get("en") or key


def city_point(geo: Geography, key: str) -> Point:
    for c in geo.cities:
        if c.key == key:
            return project(*c.lonlat)
    raise KeyError(key)
