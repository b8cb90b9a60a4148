"""The map of the front as a value computed from the playthrough's variables.

`map_features(vars)` reads the articles (art_line, art_manchuria, art_maritime, art_fleet,
art_commission) and `outcome`, and returns what is drawn, in order, with its labels and
legend: a FrontMap the SVG writer (map_svg) and the game's UI both read. A story whose
variables lack these names, or hold values the map does not know, gets the Soviet draft:
the map never fails on another story.

Colours follow a Japanese staff map: own forces in red pencil, the enemy in blue.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from ..story.expr.ast import Value
from .map_data import Geography, Projected, geography, projected
from .map_geo import Point, Ring, along, length, meridian, parallel, project, project_all

# The articles the map draws: variable -> values, the first being the Soviet draft.
ARTICLES: dict[str, tuple[str, ...]] = {
    "art_line": ("busan", "zone", "parallel38"),
    "art_manchuria": ("occupation", "deferred"),
    "art_maritime": ("halted", "mutual"),
    "art_fleet": ("one_sided", "mutual", "none"),
    "art_commission": ("swedish_swiss", "swedish_only", "none"),
    "outcome": ("pending", "signed", "signed_by_other", "frozen", "collapsed"),
}
GRATICULE = 2  # degrees between the thin lines of latitude and longitude


@dataclass(frozen=True)
class Terms:
    """The articles as the map reads them (always known values)."""

    line: str = "busan"
    manchuria: str = "occupation"
    maritime: str = "halted"
    fleet: str = "one_sided"
    commission: str = "swedish_swiss"
    outcome: str = "pending"

    @property
    def signed(self) -> bool:
        return self.outcome in ("signed", "signed_by_other")


DRAFT = Terms()
_FIELDS = {"art_line": "line", "art_manchuria": "manchuria", "art_maritime": "maritime",
           "art_commission": "commission", "art_fleet": "fleet", "outcome": "outcome"}
# (in the order of the articles: 2, 3, 4, 6, 8)


def terms_of(state_vars: Mapping[str, Value]) -> Terms:
    """The articles in `state_vars`; a missing or unknown value is the draft's."""
    found: dict[str, str] = {}
    for var, name in _FIELDS.items():
        value = state_vars.get(var)
        if isinstance(value, str) and value in ARTICLES[var]:
            found[name] = value
    return Terms(**found)


# -- what is drawn ------------------------------------------------------------------------

@dataclass(frozen=True)
class Area:
    """Filled (even-odd), no outline."""

    style: str
    rings: tuple[Ring, ...]


@dataclass(frozen=True)
class Stroke:
    style: str
    lines: tuple[Ring, ...]


@dataclass(frozen=True)
class Hatching:
    """Pencil strokes at `angle`° inside `include` and outside `exclude` (spaced in pixels
    by the style, so they look the same at any size)."""

    style: str
    include: tuple[Ring, ...]
    exclude: tuple[Ring, ...] = ()
    angle: float = 45.0


@dataclass(frozen=True)
class Symbol:
    style: str
    at: Point


@dataclass(frozen=True)
class Arrow:
    style: str
    start: Point
    end: Point
    struck: bool = False


Feature = Area | Stroke | Hatching | Symbol | Arrow


@dataclass(frozen=True)
class Label:
    """A text on the map: `key` in the map's texts, anchored at `at` (map units); `side`
    says where the text sits from the point (c, e, w, n, s, ne, nw, se, sw)."""

    key: str
    at: Point
    role: str
    side: str = "c"


@dataclass(frozen=True)
class LegendEntry:
    style: str  # the swatch: a style of map_svg, or "" for a line of text only
    key: str


@dataclass(frozen=True, eq=False)
class FrontMap:
    """Everything the map shows for one set of terms. Equal terms give equal maps."""

    terms: Terms
    features: tuple[Feature, ...] = field(repr=False)
    labels: tuple[Label, ...] = field(repr=False)
    legend: tuple[LegendEntry, ...]
    title: str
    status: str
    changes: tuple[str, ...]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FrontMap) and other.terms == self.terms

    def __hash__(self) -> int:
        return hash(self.terms)


def map_features(state_vars: Mapping[str, Value]) -> FrontMap:
    """The map of the front for a state's variables."""
    return features_for(terms_of(state_vars))


@lru_cache(maxsize=64)  # the terms are finite, but nothing needs them all kept at once
def features_for(terms: Terms, geo: Geography | None = None) -> FrontMap:
    geo = geo or geography()
    p = projected(geo)
    korea, manchuria = p.regions["korea"], p.regions["manchuria"]
    line = p.lines[terms.line]
    held = p.zones[terms.line]
    feats: list[Feature] = [Area("land", p.land), Area("ussr", p.regions["ussr"])]
    feats.append(Area("soviet" if terms.manchuria == "occupation" else "deferred", manchuria))
    feats += [Area("soviet", korea), Area("japanese", (held,))]
    if terms.commission != "none":
        feats.append(Stroke("belt", (line,)))
    feats.append(Area("sea", (_frame(geo), *p.land)))
    feats.append(Hatching("soviet_hatch", korea, (held,), 55.0))
    feats.append(Hatching("soviet_hatch" if terms.manchuria == "occupation"
                          else "deferred_hatch", manchuria, (),
                          55.0 if terms.manchuria == "occupation" else -35.0))
    feats.append(Stroke("graticule", _graticule(geo)))
    feats += [Stroke("coast", p.land), Stroke("border", (*p.borders, p.great_wall)),
              Stroke("river", (p.naktong,))]
    feats.append(Stroke("parallel", (parallel(38.0, geo.box[0], geo.box[2]),)))
    feats.append(Stroke("perimeter", (p.lines["busan"],)))
    feats += _fleet(geo, terms)
    feats += _maritime(geo, terms)
    feats.append(Stroke("line_signed" if terms.signed else "line", (line,)))
    feats += _posts(line, terms.commission)
    feats += [Symbol(c.kind, project(*c.lonlat)) for c in geo.cities]
    return FrontMap(terms, tuple(feats), _labels(geo, p, terms), _legend(terms),
                    "map_title", f"status_{terms.outcome}", changes(terms))


def _frame(geo: Geography) -> Ring:
    """The outline of the data's box, a ring round everything the map can show."""
    x0, y0, x1, y1 = geo.box
    south = parallel(y0, x0, x1)
    north = parallel(y1, x1, x0)
    return (*south, *north)


def _graticule(geo: Geography) -> tuple[Ring, ...]:
    x0, y0, x1, y1 = (round(v) for v in geo.box)
    lons = [meridian(lon, y0, y1) for lon in range(x0, x1 + 1) if lon % GRATICULE == 0]
    lats = [parallel(lat, x0, x1) for lat in range(y0, y1 + 1)
            if lat % GRATICULE == 0 and lat != 38]
    return (*lons, *lats)


def _fleet(geo: Geography, terms: Terms) -> list[Feature]:
    if terms.fleet == "none":
        return []
    out: list[Feature] = [Stroke("fleet_japan", (project_all(geo.fleet_japan[terms.line]),))]
    if terms.fleet == "mutual":
        out.append(Stroke("fleet_ussr", (project_all(geo.fleet_ussr),)))
    return out


def _maritime(geo: Geography, terms: Terms) -> list[Feature]:
    jp, su = (project_all(geo.maritime[k]) for k in ("japan_raid", "soviet_raid"))
    mutual = terms.maritime == "mutual"
    out: list[Feature] = [Arrow("raid_japan", jp[0], jp[-1], struck=True),
                          Arrow("raid_ussr", su[0], su[-1], struck=mutual)]
    if mutual:
        out.append(Symbol("standdown", project_all(geo.maritime["standdown"])[0]))
    return out


def _posts(line: Ring, commission: str) -> list[Feature]:
    if commission == "none":
        return []
    n = max(2, min(6, round(length(line) / 70)))
    styles = ["post_se", "post_ch"] if commission == "swedish_swiss" else ["post_se"]
    return [Symbol(styles[i % len(styles)], along(line, 0.14 + 0.72 * i / (n - 1)))
            for i in range(n)]


def _labels(geo: Geography, p: Projected, terms: Terms) -> tuple[Label, ...]:
    out = [Label(k, project(*ll), role) for k, (ll, role) in geo.labels.items()
           if not (k == "parallel38" and terms.line == "parallel38")]
    out += [Label(c.key, project(*c.lonlat), c.kind, c.side) for c in geo.cities]
    line = p.lines[terms.line]
    out.append(Label(_line_key(terms), line[-1], "line", "e"))
    if terms.line != "busan":
        out.append(Label("perimeter", along(p.lines["busan"], 0.35), "note", "w"))
    held = {"busan": "held_busan", "zone": "held_zone", "parallel38": "held_parallel38"}
    at = {"busan": (129.25, 35.40), "zone": (128.90, 35.95), "parallel38": (127.70, 36.90)}
    out.append(Label(held[terms.line], project(*at[terms.line]), "zone"))
    if terms.fleet != "none":
        jp = project_all(geo.fleet_japan[terms.line])
        out.append(Label("fleet_japan", jp[-2], "fleet", "s"))
    if terms.fleet == "mutual":
        out.append(Label("fleet_ussr", project_all(geo.fleet_ussr)[-2], "fleet_ussr", "n"))
    if terms.maritime == "mutual":
        out.append(Label("standdown", project(132.9, 43.5), "note", "e"))
    return tuple(out)


def _line_key(terms: Terms) -> str:
    if terms.outcome == "collapsed":
        return "line_collapsed"
    if terms.outcome == "frozen":
        return "line_frozen"
    return "line_signed" if terms.signed else "line_draft"


def _legend(terms: Terms) -> tuple[LegendEntry, ...]:
    out = [LegendEntry("line_signed" if terms.signed else "line", f"legend_line_{terms.line}")]
    if terms.line != "busan":
        out.append(LegendEntry("perimeter", "legend_perimeter"))
    out.append(LegendEntry("japanese", "legend_japanese"))
    out.append(LegendEntry("soviet", "legend_soviet"))
    if terms.commission != "none":
        out.append(LegendEntry("belt", "legend_belt"))
    out.append(LegendEntry("soviet" if terms.manchuria == "occupation" else "deferred",
                           f"legend_manchuria_{terms.manchuria}"))
    out.append(LegendEntry("raid_japan", "legend_raid_japan"))
    out.append(LegendEntry("raid_ussr", f"legend_raid_ussr_{terms.maritime}"))
    if terms.fleet == "none":
        out.append(LegendEntry("", "legend_fleet_none"))
    else:
        out.append(LegendEntry("fleet_japan", "legend_fleet_japan"))
        if terms.fleet == "mutual":
            out.append(LegendEntry("fleet_ussr", "legend_fleet_ussr"))
    if terms.commission == "none":
        out.append(LegendEntry("", "legend_commission_none"))
    else:
        style = "post_se_ch" if terms.commission == "swedish_swiss" else "post_se"
        out.append(LegendEntry(style, f"legend_commission_{terms.commission}"))
    if terms.line != "parallel38":
        out.append(LegendEntry("parallel", "legend_parallel"))
    out.append(LegendEntry("border", "legend_border"))
    return tuple(out)


def changes(terms: Terms) -> tuple[str, ...]:
    """Text keys for each article the map shows that differs from the Soviet draft."""
    out = []
    for var, name in _FIELDS.items():
        value = getattr(terms, name)
        if value != getattr(DRAFT, name) and var != "outcome":
            out.append(f"change_{var}_{value}")
    return tuple(out)
