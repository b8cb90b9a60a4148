"""The save file on its own: a round trip keeps everything, and every kind of bad file
(cut short, flipped, hostile, from the future) becomes one DamagedSave with a reason."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from typing import Any

import pytest

from game.engine.state import PlayState
from game.engine.trace import run_trace
from game.persist import save_format
from game.persist.migrations import CURRENT_VERSION
from game.persist.save_format import (
    FORMAT_MARK,
    DamagedSave,
    Meta,
    SaveGame,
    Thumbnail,
    checksum,
    decode,
    encode,
    to_document,
)
from game.persist.snapshot import describe, make_save, restore
from game.story import Story

PLAY = ["read_cables", "send_courier", "meet", "listen"]  # once, a roll, an enabled_if
SEED = 7


def played(story: Story, choices: list[str] = PLAY, seed: int = SEED) -> PlayState:
    result = run_trace(story, choices, seed=seed)
    assert result.error is None and result.state is not None
    return result.state


def a_save(story: Story) -> SaveGame:
    state = played(story)
    png = b"\x89PNG\r\n\x1a\n not really a picture"
    digest = hashlib.sha256(png).hexdigest()
    save = make_save(story, state, replace(describe(story, state, "ja", playtime=61.5),
                                           saved_at="2024-03-01T10:00:00Z"))
    return save.with_thumbnail(Thumbnail(f"slot-01-{digest[:12]}.png", digest))


def document(story: Story) -> dict[str, Any]:
    return to_document(a_save(story))


def dumped(doc: Any, fix_checksum: bool = True) -> bytes:
    if fix_checksum and isinstance(doc, dict):
        doc["checksum"] = checksum(doc)
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def damaged(data: bytes) -> str:
    """The reason `decode` gives; fails the test on any other outcome."""
    with pytest.raises(DamagedSave) as caught:
        decode(data)
    assert caught.type is DamagedSave
    reason = caught.value.reason
    assert isinstance(reason, str) and reason.strip()
    return reason


# -- round trip ------------------------------------------------------------------------------


def test_a_round_trip_keeps_state_digests_meta_and_thumbnail(sample: Story) -> None:
    save = a_save(sample)
    assert len(save.digests) == len(save.log) == 4 and all(save.digests)
    assert save.state.rolls and save.state.once_taken and save.meta.excerpt
    back = decode(encode(save))
    assert back == save
    assert back.state == save.state and back.digests == save.digests
    assert back.meta == save.meta and back.thumbnail == save.thumbnail
    assert back.migrated_from is None
    assert encode(back) == encode(save)
    assert restore(sample, back).reproduction.reproduced


def test_a_save_without_thumbnail_or_meta_round_trips(sample: Story) -> None:
    save = make_save(sample, played(sample, ["refuse"]))
    back = decode(encode(save))
    assert back == save and back.thumbnail is None and back.meta == Meta()


def test_the_checksum_catches_a_changed_value(sample: Story) -> None:
    doc = document(sample)
    doc["state"]["vars"]["soviet_trust"] += 1
    reason = damaged(dumped(doc, fix_checksum=False))
    assert "checksum" in reason
    text = encode(a_save(sample)).decode("utf-8").replace('"playtime": 61.5',
                                                          '"playtime": 62.5')
    assert "checksum" in damaged(text.encode("utf-8"))


def test_a_save_from_a_newer_game_asks_for_an_update(sample: Story) -> None:
    doc = document(sample)
    doc["version"] = CURRENT_VERSION + 1
    doc["log"] = "whatever a future format holds"
    reason = damaged(dumped(doc))
    assert "newer version" in reason and "update the game" in reason


# -- version 1 -------------------------------------------------------------------------------


def v1_document(story: Story, state: PlayState) -> dict[str, Any]:
    """A save as version 1 wrote it (see game/persist/migrations.py)."""
    return {
        "format": FORMAT_MARK,
        "version": 1,
        "story_id": story.id,
        "story_hash": story.content_hash,
        "seed": state.seed,
        "choices": [f"{d.node}/{d.choice}" for d in state.log],
        "state": {"node": state.node, "vars": dict(state.vars), "visits": dict(state.visits),
                  "once": sorted(f"{n}/{c}" for n, c in state.once_taken),
                  "rolls": [list(r) for r in state.rolls]},
        "saved_at": "2023-12-24T18:00:00Z",
        "language": "ja",
    }


def test_a_version_1_save_migrates_and_restores(sample: Story) -> None:
    state = played(sample)
    save = decode(json.dumps(v1_document(sample, state)).encode("utf-8"))
    assert save.migrated_from == 1
    assert save.state == state and save.thumbnail is None and save.digests == (None,) * 4
    assert save.meta.language == "ja" and save.meta.saved_at == "2023-12-24T18:00:00Z"
    restored = restore(sample, save)
    assert restored.reproduction.reproduced and not restored.story_changed
    assert restored.state == state
    again = decode(encode(save))  # written back, it is a current-version save
    assert again.migrated_from is None and again.state == state


@pytest.mark.parametrize("change", [
    lambda d: d.pop("choices"),
    lambda d: d.update(choices=["no-slash-here"]),
    lambda d: d.update(choices=["a/b/c"]),
    lambda d: d.update(choices=[17]),
    lambda d: d.update(state=5),
    lambda d: d["state"].update(once=["briefing"]),
    lambda d: d["state"].update(once=3),
    lambda d: d.update(story_id=None),
    lambda d: d.update(seed="seven"),
])
def test_a_broken_version_1_save_is_damaged(sample: Story, change: Any) -> None:
    doc = v1_document(sample, played(sample))
    change(doc)
    damaged(json.dumps(doc).encode("utf-8"))


# -- broken files ----------------------------------------------------------------------------


def test_an_empty_file_is_damaged() -> None:
    assert "empty" in damaged(b"")
    assert "empty" in damaged(b" \n\t ")


def test_every_prefix_of_a_save_is_damaged_and_only_the_whole_file_loads(sample: Story) -> None:
    data = encode(a_save(sample))
    for n in range(len(data)):
        try:
            decode(data[:n])
        except DamagedSave as e:
            assert e.reason.strip()
        else:
            # only a cut that drops nothing but the final newline still holds the save
            assert data[n:].strip() == b"", n
    assert decode(data) == a_save(sample)


@pytest.mark.parametrize("data", [
    b"\xff\xfe{}",
    "{\"format\": \"caf\u00e9\"}".encode("latin-1"),
    b'{"format": "\xed\xa0\x80"}',  # a surrogate encoded as UTF-8
    "{}".encode("utf-16"),
])
def test_text_that_is_not_utf8_is_damaged(data: bytes) -> None:
    damaged(data)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(sample: Story, constant: str) -> None:
    text = encode(a_save(sample)).decode("utf-8").replace('"playtime": 61.5',
                                                          f'"playtime": {constant}')
    assert "not valid JSON" in damaged(text.encode("utf-8"))


def test_a_float_that_overflows_to_infinity_is_refused(sample: Story) -> None:
    doc = document(sample)
    text = dumped(doc).decode("utf-8").replace('"playtime": 61.5', '"playtime": 1e400')
    doc = json.loads(text)  # 1e400 parses as inf; the checksum is made to match it
    damaged(dumped(doc))


def test_a_huge_integer_is_damaged(sample: Story) -> None:
    huge = "9" * 5000  # Python refuses to parse more than 4300 digits: ValueError
    text = encode(a_save(sample)).decode("utf-8")
    damaged(text.replace(f'"seed": {SEED}', f'"seed": {huge}').encode("utf-8"))
    doc = document(sample)
    doc["seed"] = 10**300  # parses, but no seed is that large
    assert "seed" in damaged(dumped(doc))
    doc = document(sample)
    doc["state"]["vars"]["soviet_trust"] = 2**70
    damaged(dumped(doc))


@pytest.mark.parametrize("depth", [100, 1_000, 100_000])
def test_deep_nesting_is_damaged(depth: int) -> None:
    damaged(b"[" * depth + b"]" * depth)
    damaged(b'{"a":' * depth + b"1" + b"}" * depth)
    inner = b"[" * depth + b"]" * depth
    damaged(b'{"format": "' + FORMAT_MARK.encode() + b'", "version": 2, "state": '
            + inner + b"}")


def test_deep_nesting_inside_a_field_is_damaged(sample: Story) -> None:
    for depth in (10, 500, 900, 990, 1_000, 1_100, 5_000):
        nest = "[" * depth + "]" * depth
        for field in ("seed", "node", "chapter"):
            doc = document(sample)
            if field == "seed":
                doc["seed"] = "NEST"
            elif field == "node":
                doc["state"]["node"] = "NEST"
            else:
                doc["meta"]["chapter"] = "NEST"
            text = json.dumps(doc).replace('"NEST"', nest)
            try:  # give it the checksum it would need, where Python can compute one
                parsed = json.loads(text)
                parsed["checksum"] = checksum(parsed)
                text = json.dumps(parsed)
            except RecursionError:
                pass
            damaged(text.encode("utf-8"))


def test_a_lone_surrogate_escape_is_damaged(sample: Story) -> None:
    doc = document(sample)
    doc["meta"]["excerpt"] = "\ud800"
    body = {k: v for k, v in doc.items() if k != "checksum"}
    doc["checksum"] = "sha256:" + hashlib.sha256(
        json.dumps(body, sort_keys=True, separators=(",", ":")).encode("ascii")).hexdigest()
    assert "Unicode" in damaged(json.dumps(doc).encode("ascii"))


def wrong_types() -> list[tuple[str, Any]]:
    cases: list[tuple[str, Any]] = []
    values: tuple[Any, ...] = (None, True, 1.5, "text", [], {}, -1)
    for value in values:
        cases += [("seed", value), ("story", value), ("state", value)]
        if value != []:
            cases.append(("log", value))  # an empty log is a new game
    cases += [("version", "2"), ("version", True), ("version", 0), ("version", 2.0),
              ("format", 1), ("meta", []), ("thumbnail", "pic.png"), ("log", [["a", "b"]]),
              ("log", [{"node": 1, "choice": "x"}]), ("log", [{"node": "a"}]),
              ("log", [{"node": "a", "choice": "b", "after": 12}]),
              ("log", [{"node": "Arrival", "choice": "b"}]),
              ("log", [{"node": "a" * 201, "choice": "b"}])]
    return cases


@pytest.mark.parametrize(("field", "value"), wrong_types())
def test_a_field_of_the_wrong_type_is_damaged(sample: Story, field: str, value: Any) -> None:
    doc = document(sample)
    doc[field] = value
    damaged(dumped(doc))


@pytest.mark.parametrize(("path", "value"), [
    (("story", "id"), "Not An Id"),
    (("story", "id"), 3),
    (("story", "hash"), "xyz"),
    (("story", "path"), 5),
    (("story", "path"), "a\0b"),
    (("state", "node"), None),
    (("state", "vars"), []),
    (("state", "vars", "soviet_trust"), 1.5),
    (("state", "vars", "soviet_trust"), None),
    (("state", "vars", "soviet_trust"), [1]),
    (("state", "vars", "soviet_trust"), "x" * 20_001),
    (("state", "visits", "arrival"), -1),
    (("state", "visits", "arrival"), True),
    (("state", "visits", "arrival"), "1"),
    (("state", "once"), [["briefing"]]),
    (("state", "once"), [["briefing", 3]]),
    (("state", "once"), "briefing/read_cables"),
    (("state", "rolls"), [[9, 2]]),
    (("state", "rolls"), [[1, 2, 3]]),
    (("state", "rolls"), [["1", 2]]),
    (("meta", "playtime"), -1),
    (("meta", "playtime"), "1 hour"),
    (("meta", "playtime"), True),
    (("meta", "replay"), "yes"),
    (("meta", "excerpt"), 5),
    (("meta", "excerpt"), "x" * 20_001),
    (("thumbnail", "sha256"), "not hex"),
    (("thumbnail", "file"), 7),
])
def test_a_nested_field_of_the_wrong_type_is_damaged(sample: Story, path: tuple[str, ...],
                                                     value: Any) -> None:
    doc = document(sample)
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    damaged(dumped(doc))


@pytest.mark.parametrize("where", ["", "story", "state", "log", "thumbnail"])
def test_an_unknown_field_is_damaged(sample: Story, where: str) -> None:
    doc = document(sample)
    target = {"": doc, "story": doc["story"], "state": doc["state"], "log": doc["log"][0],
              "thumbnail": doc["thumbnail"]}[where]
    target["exec"] = "__import__('os').system('rm -rf ~')"
    assert "unknown field" in damaged(dumped(doc))


@pytest.mark.parametrize("field", ["story", "seed", "log", "state"])
def test_a_missing_field_is_damaged(sample: Story, field: str) -> None:
    doc = document(sample)
    del doc[field]
    assert "lacks" in damaged(dumped(doc))


@pytest.mark.parametrize("name", [
    "../../etc/passwd.png", "/etc/passwd.png", "..\\..\\boot.png", ".hidden.png",
    "sub/dir.png", "picture.exe", "C:\\pic.png", "a\0.png", "" , "x" * 200 + ".png",
    "caf\u00e9.png", "pic.png\n",
])
def test_a_thumbnail_name_that_leaves_the_folder_is_damaged(sample: Story, name: str) -> None:
    doc = document(sample)
    doc["thumbnail"]["file"] = name
    assert "thumbnail" in damaged(dumped(doc))


@pytest.mark.parametrize("text", [
    "'; DROP TABLE saves; --", "{__import__('os')}", "\u202e\u0000\u200b", "<script>",
    "%s%n%x", "\\x00", "${HOME}",
])
def test_a_hostile_string_where_an_id_belongs_is_damaged(sample: Story, text: str) -> None:
    for place in ("node", "choice"):
        doc = document(sample)
        doc["log"][0][place] = text
        damaged(dumped(doc))
    doc = document(sample)
    doc["state"]["vars"][text] = 1
    damaged(dumped(doc))


def test_a_hostile_string_in_a_text_field_is_only_text(sample: Story) -> None:
    doc = document(sample)
    doc["meta"]["excerpt"] = "{__import__('os').system('x')}\u202e<script>\u0000"
    assert decode(dumped(doc)).meta.excerpt == doc["meta"]["excerpt"]


def test_a_file_of_20_megabytes_is_refused_by_size(sample: Story) -> None:
    doc = document(sample)
    doc["meta"]["excerpt"] = "x" * (20 * 1024 * 1024)
    data = dumped(doc)
    assert len(data) > 20 * 1024 * 1024
    assert "too large" in damaged(data)
    assert "too large" in damaged(b" " * (save_format.MAX_SAVE_BYTES + 1) + b"{}")


@pytest.mark.parametrize("data", [b"null", b"[]", b"42", b'"save"', b"true", b"{}",
                                  b'{"format": "another-game", "version": 2}',
                                  b'{"format": "stockholm-channel-save"}',
                                  b'{"format": "stockholm-channel-save", "version": -1}'])
def test_json_that_is_not_a_save_is_damaged(data: bytes) -> None:
    damaged(data)
