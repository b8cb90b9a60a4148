"""Thousands of broken saves: a loaded save is either refused with a reason or becomes a
state the story can go on from; nothing else ever comes out of reading or restoring.

Byte mutations mostly exercise the parser and the checksum; structural ones change the
JSON and then fix the checksum, so the field validator and `restore` (names, types, the
replay) are what has to hold.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.play import offered, status
from game.engine.render import node_text
from game.engine.trace import run_trace
from game.persist.save_folder import SaveFolder, Status, read_save_file
from game.persist.save_format import DamagedSave, SaveGame, checksum, decode, encode
from game.persist.snapshot import describe, make_save, restore
from game.story import Story, load_story
from tests.conftest import ROOT, SAMPLE

SAMPLE_PLAY = ["read_cables", "send_courier", "meet", "listen"]
SHIPPED_PLAN = ROOT / "tests" / "plans" / "accord.yaml"

BYTE_EXAMPLES = 700  # per story
STRUCTURE_EXAMPLES = 900  # per story: 2 * (700 + 900) = 3,200 mutated saves in all


@functools.cache
def story(which: str) -> Story:
    loaded = load_story(SAMPLE if which == "sample" else ROOT / "story")
    assert loaded.story is not None
    return loaded.story


@functools.cache
def original(which: str) -> bytes:
    """A save of a real playthrough: the sample's has a roll and a once choice; the
    shipped story's is the accord plan (45 decisions, two rolls)."""
    import yaml

    s = story(which)
    if which == "sample":
        choices, seed = SAMPLE_PLAY, 7
    else:
        plan = yaml.safe_load(SHIPPED_PLAN.read_text(encoding="utf-8"))
        choices, seed = plan["choose"], plan.get("seed", 0)
    state = run_trace(s, choices, seed=seed).state
    assert state is not None and state.log
    return encode(make_save(s, state, describe(s, state, "en")))


def ids(which: str) -> list[str]:
    """Names the story really has, so a mutation often swaps one valid id for another."""
    s = story(which)
    names = set(s.nodes) | set(s.variables) | {c.id for n in s.nodes.values()
                                                for c in n.choices}
    return sorted(names)[:400]


def check(which: str, data: bytes) -> None:
    """The property: DamagedSave, or a save that restores to a state of the story."""
    try:
        save = decode(data)
    except DamagedSave as e:
        assert e.reason.strip()
        return
    assert isinstance(save, SaveGame)
    check_restore(story(which), save)


def check_restore(s: Story, save: SaveGame) -> None:
    try:
        restored = restore(s, save)
    except DamagedSave as e:
        assert e.reason.strip()
        return
    state = restored.state
    assert state.node in s.nodes
    assert set(state.vars) == set(s.variables)
    offered(s, state)
    status(s, state)
    node_text(s, state, "en")
    describe(s, state, "ja")
    if restored.reproduction.reproduced:
        assert state == save.state
    else:
        assert restored.divergence is not None and restored.divergence.reason
        assert restored.story_changed  # with the same story files it would be damaged


# -- byte mutations --------------------------------------------------------------------------


@st.composite
def byte_mutation(draw: st.DrawFn, data: bytes) -> bytes:
    kind = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "mixed"]))
    out = bytearray(data)
    steps = 1 if kind != "mixed" else draw(st.integers(2, 6))
    for _ in range(steps):
        what = kind if kind != "mixed" else draw(st.sampled_from(["flip", "insert", "delete"]))
        if not out:
            break
        at = draw(st.integers(0, len(out) - 1))
        if what == "flip":
            out[at] ^= 1 << draw(st.integers(0, 7))
        elif what == "truncate":
            del out[at:]
        elif what == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=8)
                              | st.sampled_from([b'"', b",", b"}", b"]", b"\\", b"1", b"-"]))
        else:
            del out[at:at + draw(st.integers(1, 16))]
    return bytes(out)


@pytest.mark.parametrize("which", ["sample", "shipped"])
def test_byte_mutations_are_refused_or_restored(which: str, tmp_path_factory:
                                                pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp(f"bytes-{which}") / "slot-01.json"
    base = original(which)

    @settings(max_examples=BYTE_EXAMPLES, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=byte_mutation(base))
    def run(data: bytes) -> None:
        check(which, data)
        path.write_bytes(data)
        slot = read_save_file(path)  # the same, through the file and the slot
        assert slot.status in (Status.OK, Status.DAMAGED)
        assert (slot.save is None) == (slot.damage is not None)

    run()


# -- structural mutations --------------------------------------------------------------------


Path_ = tuple[str | int, ...]


def paths(doc: Any, here: Path_ = ()) -> list[Path_]:
    """Every place in the document that holds a value (the root excluded)."""
    out: list[Path_] = []
    if isinstance(doc, dict):
        for k, v in doc.items():
            out.append((*here, k))
            out += paths(v, (*here, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out.append((*here, i))
            out += paths(v, (*here, i))
    return out


def json_values(names: list[str]) -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(), st.booleans(),
        st.integers(-3, 12), st.integers(), st.sampled_from([2**63, 2**63 + 1, -2**63 - 1, 2**64,
                                                             2**64 + 1, 10**30]),
        st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([1e308, -0.0, 0.5]),
        st.sampled_from(names), st.text(max_size=12),
        st.sampled_from(["", "0", "deadbeef", "../x.png", "slot-01-0123456789ab.png",
                         "sha256:00", "a" * 300, "\u202e", "\x00"]),
    )
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.sampled_from(names) | st.text(max_size=6), inner,
                                          max_size=3), max_leaves=6)


def tweak(value: Any, draw: st.DrawFn, names: list[str]) -> Any:
    """A small change of the same kind: what a careless hand edit does."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + draw(st.sampled_from([-1, 1, 2, -value - 1, 1000]))
    if isinstance(value, float):
        return draw(st.sampled_from([value * 2, -value, value + 1e9]))
    if isinstance(value, str):
        return draw(st.sampled_from(names) | st.just(value + "x") | st.just(value[:-1])
                    | st.just(value.upper()))
    if isinstance(value, list):
        grow: bool = draw(st.booleans())
        if value and grow:
            return [*value, copy.deepcopy(draw(st.sampled_from(value)))]
        return list(reversed(value)) if len(value) > 1 else [*value, value]
    if isinstance(value, dict):
        return {**value, draw(st.sampled_from(names)): draw(json_values(names))}
    return value


@st.composite
def structural_mutation(draw: st.DrawFn, data: bytes, names: list[str]) -> bytes:
    doc = json.loads(data)
    for _ in range(draw(st.integers(1, 3))):
        where = paths(doc)
        if not where:
            break
        where.sort(key=lambda p: p[0] not in ("log", "state"))  # draws favour the first
        at = draw(st.sampled_from(where))
        parent: Any = doc
        for key in at[:-1]:
            parent = parent[key]
        key = at[-1]
        op = draw(st.sampled_from(["replace", "tweak", "tweak", "delete", "rename", "swap"]))
        if op == "replace":
            parent[key] = draw(json_values(names))
        elif op == "tweak":
            parent[key] = tweak(parent[key], draw, names)
        elif op == "delete":
            del parent[key]
        elif op == "rename" and isinstance(parent, dict):
            parent[draw(st.sampled_from(names) | st.text(max_size=8))] = parent.pop(key)
        else:  # put another part of the document here
            other = draw(st.sampled_from(where))
            value: Any = doc
            for k in other:
                value = value[k]
            parent[key] = copy.deepcopy(value)
    if draw(st.sampled_from(["fix"] * 9 + ["keep"])) == "fix":  # mostly a fitting checksum
        try:
            doc["checksum"] = checksum(doc)
        except (ValueError, RecursionError):
            pass  # a lone surrogate or deep nesting: the old checksum stays
    ascii_only = draw(st.booleans())
    return json.dumps(doc, ensure_ascii=ascii_only, indent=draw(st.sampled_from([None, 1])),
                      ).encode("utf-8", "surrogatepass")


@pytest.mark.parametrize("which", ["sample", "shipped"])
def test_structural_mutations_are_refused_or_restored(which: str) -> None:
    base = original(which)
    names = ids(which)
    seen: dict[str, int] = {"damaged": 0, "restored": 0, "refused_by_restore": 0}

    @settings(max_examples=STRUCTURE_EXAMPLES, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=structural_mutation(base, names))
    def run(data: bytes) -> None:
        try:
            save = decode(data)
        except DamagedSave as e:
            assert e.reason.strip()
            seen["damaged"] += 1
            return
        try:
            restore(story(which), save)
            seen["restored"] += 1
        except DamagedSave:
            seen["refused_by_restore"] += 1
        check_restore(story(which), save)

    run()
    # the checksum was fixed, so the validator and restore did the refusing, and some
    # mutations (meta, the story path) loaded
    assert seen["restored"] > 0 and seen["refused_by_restore"] > 0 and seen["damaged"] > 0


def test_the_original_saves_restore_exactly() -> None:
    for which in ("sample", "shipped"):
        save = decode(original(which))
        restored = restore(story(which), save)
        assert restored.reproduction.reproduced and not restored.story_changed


# -- the app keeps running -------------------------------------------------------------------


BROKEN: dict[str, Callable[[bytes], bytes]] = {
    "slot-02": lambda b: b[: len(b) // 2],
    "slot-05": lambda b: b.replace(b'"seed": 7', b'"seed": 8'),
    "auto-000003": lambda b: b"",
    "quick": lambda b: b"\xff" * 40,
    "from-a-friend": lambda b: b.replace(b"stockholm-channel-save", b"someone-elses-save"),
}


def test_a_folder_of_damaged_saves_lists_them_and_touches_nothing(tmp_path: Path) -> None:
    base = original("sample")
    folder = SaveFolder(tmp_path)
    (tmp_path / "slot-01.json").write_bytes(base)
    for name, damage in BROKEN.items():
        (tmp_path / f"{name}.json").write_bytes(damage(base))
    (tmp_path / "slot-07.json").mkdir()  # not even a file
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}

    slots = {s.name: s for s in folder.all()}

    for name in BROKEN:
        assert slots[name].status is Status.DAMAGED and slots[name].damage, name
    assert slots["slot-07"].status is Status.DAMAGED and "cannot be read" in str(
        slots["slot-07"].damage)
    assert slots["slot-01"].status is Status.OK
    assert slots["slot-03"].status is Status.EMPTY
    assert "checksum" in str(slots["slot-05"].damage)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after == before
