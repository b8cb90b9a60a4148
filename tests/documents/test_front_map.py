"""The map of the front as a value: its data is real geography, and each article the player
changes changes what is drawn (and nothing else)."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from game.documents.front_map import (
    ARTICLES,
    DRAFT,
    Area,
    Arrow,
    Hatching,
    Stroke,
    Symbol,
    Terms,
    features_for,
    map_features,
    terms_of,
)
from game.documents.map_data import LINES, geography, text
from game.documents.map_geo import View, hatch, inside, project
from game.documents.map_svg import STYLES, map_svg, swatch_svg

GEO = geography()


def styles(terms: Terms) -> list[str]:
    return [f.style for f in features_for(terms).features]


def label_keys(terms: Terms) -> set[str]:
    return {lb.key for lb in features_for(terms).labels}


# -- the data -------------------------------------------------------------------------------

def test_busan_is_on_korean_land_and_vladivostok_on_the_coast() -> None:
    busan = (129.04, 35.10)
    assert inside(busan, GEO.land) and inside(busan, GEO.regions["korea"])
    vlad = next(c.lonlat for c in GEO.cities if c.key == "vladivostok")
    assert inside(vlad, GEO.regions["ussr"])
    # a coast within 15 km: some point a little way off is at sea
    km = 15 / 111
    around = [(vlad[0] + km * math.cos(a) / math.cos(math.radians(vlad[1])),
               vlad[1] + km * math.sin(a)) for a in (i * math.pi / 8 for i in range(16))]
    assert any(not inside(p, GEO.land) for p in around)


def test_the_38th_parallel_crosses_the_peninsula() -> None:
    on_land = [lon / 10 for lon in range(1240, 1300)
               if inside((lon / 10, 38.0), GEO.regions["korea"])]
    assert on_land and min(on_land) < 125.5 and max(on_land) > 128.4
    assert not inside((123.5, 38.0), GEO.land)  # the Yellow Sea
    assert not inside((130.0, 38.0), GEO.land)  # the Sea of Japan


@pytest.mark.parametrize("place", ["keijo", "heijo", "wonsan", "daegu", "pohang", "busan"])
def test_korean_cities_are_in_korea(place: str) -> None:
    city = next(c for c in GEO.cities if c.key == place)
    assert inside(city.lonlat, GEO.regions["korea"])


@pytest.mark.parametrize("place", ["hsinking", "mukden", "harbin", "dairen", "port_arthur"])
def test_manchurian_cities_are_in_manchuria(place: str) -> None:
    city = next(c for c in GEO.cities if c.key == place)
    assert inside(city.lonlat, GEO.regions["manchuria"])


def test_japan_is_japanese_and_shandong_is_not_manchuria() -> None:
    for lonlat in ((130.40, 33.59), (139.04, 37.92), (129.30, 34.40)):  # Fukuoka, Niigata, Tsushima
        assert inside(lonlat, GEO.regions["japan"])
    assert not inside((118.5, 36.5), GEO.regions["manchuria"])  # Shandong
    assert not inside((117.0, 39.5), GEO.regions["manchuria"])  # Tianjin, south of the Wall


def test_borders_from_the_data_are_where_the_rivers_are() -> None:
    yalu = [p for line in GEO.borders["korea_manchuria"] for p in line]
    assert min(p[0] for p in yalu) < 124.6 and max(p[0] for p in yalu) > 129.5  # Yalu to Tumen
    amur = [p for line in GEO.borders["manchuria_ussr"] for p in line]
    assert any(abs(p[0] - 133.0) < 0.5 and p[1] > 45 for p in amur)  # the Ussuri


@pytest.mark.parametrize("line", LINES)
def test_each_zone_closes_through_the_sea_and_holds_busan(line: str) -> None:
    d = GEO.lines[line]
    for p in d.closure:
        assert not inside(p, GEO.land), f"{line}: closure point {p} is on land"
    for a, b in zip((d.line[-1], *d.closure), (*d.closure, d.line[0]), strict=True):
        for i in range(1, 20):
            p = (a[0] + (b[0] - a[0]) * i / 20, a[1] + (b[1] - a[1]) * i / 20)
            assert not inside(p, GEO.land) or inside(p, GEO.regions["korea"]), (line, p)
    assert inside((129.04, 35.10), (d.zone,))
    assert not inside((129.30, 34.40), (d.zone,))  # Tsushima stays Japan's, not the zone's


def test_wider_lines_hold_more() -> None:
    daegu, keijo = (128.60, 35.87), (126.98, 37.57)
    zone = {k: (d.zone,) for k, d in GEO.lines.items()}
    assert not inside(daegu, zone["busan"]) and inside(daegu, zone["zone"])
    assert not inside(keijo, zone["zone"]) and inside(keijo, zone["parallel38"])


def test_every_label_has_english_and_japanese() -> None:
    keys = {lb.key for t in _all_terms() for lb in features_for(t).labels}
    keys |= {e.key for t in _all_terms() for e in features_for(t).legend}
    keys |= {k for t in _all_terms() for k in (*features_for(t).changes, features_for(t).title,
                                                 features_for(t).status)}
    keys |= {"legend", "changes_head", "changes_none", "secret", "legation", "inset",
             "map_close_hint", *(f"stamp_{o}" for o in ARTICLES["outcome"])}
    for key in keys:
        assert set(GEO.texts.get(key, {})) >= {"en", "ja"}, key
        assert text(GEO, key, "ja") != text(GEO, key, "en") or key in ("map_close_hint",), key


def _all_terms() -> list[Terms]:
    out = [DRAFT]
    for var, values in ARTICLES.items():
        name = {"art_line": "line", "art_manchuria": "manchuria", "art_maritime": "maritime",
                "art_fleet": "fleet", "art_commission": "commission"}.get(var, "outcome")
        out += [replace(DRAFT, **{name: v}) for v in values[1:]]
    return out


# -- the state -----------------------------------------------------------------------------

def test_missing_or_strange_variables_give_the_draft() -> None:
    assert terms_of({}) == DRAFT
    assert terms_of({"art_line": 3, "art_fleet": "sideways", "outcome": True}) == DRAFT
    assert map_features({"gold": 12}) == features_for(DRAFT)


def test_the_variables_are_read() -> None:
    t = terms_of({"art_line": "zone", "art_manchuria": "deferred", "art_maritime": "mutual",
                  "art_fleet": "none", "art_commission": "swedish_only", "outcome": "signed"})
    assert t == Terms("zone", "deferred", "mutual", "none", "swedish_only", "signed")
    assert t.signed


@pytest.mark.parametrize("line", LINES)
def test_the_line_is_drawn_where_the_article_puts_it(line: str) -> None:
    fm = features_for(replace(DRAFT, line=line))
    drawn = next(f for f in fm.features if isinstance(f, Stroke) and f.style == "line")
    assert drawn.lines == (tuple(project(*p) for p in GEO.lines[line].line),)
    held = next(f for f in fm.features if isinstance(f, Area) and f.style == "japanese")
    assert held.rings[0][: len(GEO.lines[line].line)] == drawn.lines[0]
    # the perimeter and the parallel are always there
    assert {"perimeter", "parallel"} <= set(styles(fm.terms))


def test_signing_inks_the_line() -> None:
    assert "line" in styles(DRAFT) and "line_signed" not in styles(DRAFT)
    signed = styles(replace(DRAFT, outcome="signed"))
    assert "line_signed" in signed and "line" not in signed
    assert features_for(replace(DRAFT, outcome="frozen")).status == "status_frozen"


def test_manchuria_occupied_or_deferred() -> None:
    occ, dfr = DRAFT, replace(DRAFT, manchuria="deferred")
    assert styles(occ).count("soviet") == 2 and "deferred" not in styles(occ)
    assert "deferred" in styles(dfr) and "deferred_hatch" in styles(dfr)
    assert styles(dfr).count("soviet") == 1


def test_maritime_halted_or_mutual() -> None:
    def arrows(t: Terms) -> dict[str, bool]:
        return {f.style: f.struck for f in features_for(t).features if isinstance(f, Arrow)}

    assert arrows(DRAFT) == {"raid_japan": True, "raid_ussr": False}
    mutual = replace(DRAFT, maritime="mutual")
    assert arrows(mutual) == {"raid_japan": True, "raid_ussr": True}
    assert "standdown" in styles(mutual) and "standdown" not in styles(DRAFT)


def test_fleet_limits() -> None:
    assert styles(DRAFT).count("fleet_japan") == 1 and "fleet_ussr" not in styles(DRAFT)
    assert {"fleet_japan", "fleet_ussr"} <= set(styles(replace(DRAFT, fleet="mutual")))
    none = styles(replace(DRAFT, fleet="none"))
    assert "fleet_japan" not in none and "fleet_ussr" not in none
    assert "legend_fleet_none" in {e.key for e in features_for(replace(DRAFT, fleet="none")).legend}


def test_commission_posts_and_the_neutral_belt() -> None:
    def posts(t: Terms) -> list[str]:
        return [f.style for f in features_for(t).features
                if isinstance(f, Symbol) and f.style.startswith("post")]

    both = replace(DRAFT, line="parallel38")
    assert set(posts(both)) == {"post_se", "post_ch"} and "belt" in styles(both)
    assert set(posts(replace(both, commission="swedish_only"))) == {"post_se"}
    nobody = replace(both, commission="none")
    assert posts(nobody) == [] and "belt" not in styles(nobody)


def test_changes_name_what_differs_from_the_draft() -> None:
    assert features_for(DRAFT).changes == ()
    t = replace(DRAFT, line="parallel38", fleet="none")
    assert features_for(t).changes == ("change_art_line_parallel38", "change_art_fleet_none")


def test_labels_follow_the_terms() -> None:
    assert "held_busan" in label_keys(DRAFT) and "perimeter" not in label_keys(DRAFT)
    p38 = replace(DRAFT, line="parallel38")
    assert {"held_parallel38", "perimeter"} <= label_keys(p38)
    assert "parallel38" not in label_keys(p38)  # the red line is the parallel: one label
    assert "line_signed" in label_keys(replace(DRAFT, outcome="signed"))


# -- geometry and SVG ----------------------------------------------------------------------

def test_hatching_stays_inside_and_out_of_the_hole() -> None:
    square = ((0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0))
    hole = ((40.0, 40.0), (60.0, 40.0), (60.0, 60.0), (40.0, 60.0))
    segs = hatch([square], [hole], 45.0, 5.0)
    assert len(segs) > 20
    for a, b in segs:
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        assert inside(mid, [square]) and not inside(mid, [hole])
    window = hatch([square], [], 0.0, 10.0, (0, 0, 50, 50))
    assert all(max(a[0], b[0]) <= 50 + 1e-9 and max(a[1], b[1]) <= 50 for a, b in window)


def test_the_view_fits_and_flips() -> None:
    v = View.fit((800, 600), (118.0, 31.0, 146.0, 49.0))
    x, y = v.px(project(130.0, 40.0))
    assert 0 < x < 800 and 0 < y < 600
    assert v.px(project(130.0, 45.0))[1] < y  # north is up


def test_svg_is_well_formed_geometry_only() -> None:
    for t in (DRAFT, replace(DRAFT, line="zone", manchuria="deferred", fleet="mutual",
                             maritime="mutual", outcome="signed")):
        svg = map_svg(features_for(t), (640, 360))
        root = ET.fromstring(svg)
        assert root.get("width") == "640"
        assert not any(el.tag.endswith(("text", "clipPath", "pattern", "filter"))
                       for el in root.iter())
    for style in (*STYLES, "post_se_ch"):
        ET.fromstring(swatch_svg(style, (46, 18)))


def test_different_terms_give_different_svg() -> None:
    base = map_svg(features_for(DRAFT), (320, 180))
    for t in _all_terms()[1:]:
        if t.outcome in ("signed_by_other", "frozen", "collapsed"):
            continue  # these change the labels and the stamp, drawn by the UI
        assert map_svg(features_for(t), (320, 180)) != base, t
    assert map_svg(features_for(DRAFT), (320, 180)) == base


def test_features_are_typed() -> None:
    kinds = {type(f) for f in features_for(replace(DRAFT, maritime="mutual")).features}
    assert kinds == {Area, Stroke, Hatching, Symbol, Arrow}
