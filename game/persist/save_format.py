"""The save file: versioned JSON with a checksum, read by a validator that trusts nothing.

A save names nodes, choices and variables by id (never by position), carries the seed
and the whole decision log, and a snapshot of the state for comparison. Reading is
all or nothing: every field is checked for type and size before anything is built, so
a truncated, flipped, hostile or future file becomes one `DamagedSave` with a reason,
never a half-loaded game. No code path here can run code from the file.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..engine.frozen import FrozenMap
from ..engine.state import Decision, PlayState
from ..story.expr.ast import Value
from .migrations import CURRENT_VERSION, migrate

FORMAT_MARK = "stockholm-channel-save"
MAX_SAVE_BYTES = 8 * 1024 * 1024  # a long playthrough is ~50 KB; anything near this is hostile
MAX_LOG = 20_000  # decisions; a playthrough has ~45, a hostile log must not stall loading
MAX_TEXT = 20_000
MAX_INT = 2**63
ID = re.compile(r"[a-z][a-z0-9_]{0,199}\Z")
STORY_ID = re.compile(r"[a-z0-9-]{1,200}\Z")
HEX = re.compile(r"[0-9a-f]{1,128}\Z")


class DamagedSave(ValueError):
    """The file cannot be a save: `reason` says why, in a sentence a player can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class StoryRef:
    id: str
    hash: str  # the story's content hash when saved: equal means the same story files
    path: str | None = None  # where the story folder was, a hint for `replay`


@dataclass(frozen=True)
class Thumbnail:
    file: str  # a PNG beside the save
    sha256: str  # so a thumbnail left from another save is never shown with this one


@dataclass(frozen=True)
class Meta:
    """What the save/load screen shows without replaying anything."""

    saved_at: str = ""  # ISO 8601, UTC
    playtime: float = 0.0  # seconds
    language: str = "en"
    chapter: str | None = None
    chapter_title: str = ""
    place: str | None = None
    place_name: str = ""
    date: str | None = None
    excerpt: str = ""
    ending: str | None = None
    replay: bool = False  # written while watching a replay


@dataclass(frozen=True)
class SaveGame:
    story: StoryRef
    state: PlayState  # its seed and log are the save's seed and decision log
    digests: tuple[str | None, ...] = ()  # state_digest after each decision, when known
    meta: Meta = field(default_factory=Meta)
    thumbnail: Thumbnail | None = None
    migrated_from: int | None = None  # the version the file had on disk, if older

    @property
    def seed(self) -> int:
        return self.state.seed

    @property
    def log(self) -> tuple[Decision, ...]:
        return self.state.log

    def with_thumbnail(self, thumb: Thumbnail | None) -> SaveGame:
        return replace(self, thumbnail=thumb)


# -- writing ---------------------------------------------------------------------------------


def to_document(save: SaveGame) -> dict[str, Any]:
    s = save.state
    log = []
    for i, d in enumerate(s.log):
        entry: dict[str, Any] = {"node": d.node, "choice": d.choice}
        if i < len(save.digests) and save.digests[i] is not None:
            entry["after"] = save.digests[i]
        log.append(entry)
    doc: dict[str, Any] = {
        "format": FORMAT_MARK,
        "version": CURRENT_VERSION,
        "story": {"id": save.story.id, "hash": save.story.hash, "path": save.story.path},
        "seed": s.seed,
        "log": log,
        "state": {"node": s.node, "vars": dict(s.vars), "visits": dict(s.visits),
                  "once": sorted([n, c] for n, c in s.once_taken),
                  "rolls": [[lo, hi] for lo, hi in s.rolls]},
        "meta": dict(vars(save.meta)),
        "thumbnail": (None if save.thumbnail is None else
                      {"file": save.thumbnail.file, "sha256": save.thumbnail.sha256}),
    }
    doc["checksum"] = checksum(doc)
    return doc


def encode(save: SaveGame) -> bytes:
    """The file: one field per line and one decision per line of the log, so a person can
    read it and a diff of two saves is a diff of lines. Written piece by piece with the C
    encoder: `indent=` would switch json to its pure-Python encoder, 5x slower."""
    doc = to_document(save)
    lines = []
    for key, value in doc.items():
        if key == "log" and value:
            entries = ",\n  ".join(_compact(entry) for entry in value)
            shown = f"[\n  {entries}\n ]"
        else:
            shown = _compact(value)
        lines.append(f" {_compact(key)}: {shown}")
    return ("{\n" + ",\n".join(lines) + "\n}\n").encode("utf-8")


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def checksum(doc: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of everything but the checksum itself."""
    body = {k: v for k, v in doc.items() if k != "checksum"}
    raw = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()


# -- reading ---------------------------------------------------------------------------------


def decode(data: bytes) -> SaveGame:
    """The save in `data`, migrated to the current version; raises DamagedSave."""
    doc = parse_json(data)
    version = doc.get("version")
    if doc.get("format") != FORMAT_MARK:
        raise DamagedSave("not a save of this game (no 'format' mark)")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DamagedSave(f"bad format version {version!r}")
    if version > CURRENT_VERSION:
        raise DamagedSave(f"made by a newer version of the game (save format {version}; this "
                          f"game reads up to {CURRENT_VERSION}): update the game to load it")
    if version == CURRENT_VERSION and doc.get("checksum") != checksum(doc):
        raise DamagedSave("the checksum does not match: the file was changed or damaged "
                          "after it was written")
    original = version
    try:
        doc = migrate(doc, version)
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise DamagedSave(f"cannot upgrade from save format {original}: {e}") from None
    save = from_document(doc)
    return replace(save, migrated_from=original) if original != CURRENT_VERSION else save


def parse_json(data: bytes) -> dict[str, Any]:
    if not data.strip():
        raise DamagedSave("the file is empty")
    if len(data) > MAX_SAVE_BYTES:
        raise DamagedSave(f"the file is too large for a save ({len(data):,} bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        cut = " (the file is cut short)" if e.reason == "unexpected end of data" else ""
        raise DamagedSave(f"not UTF-8 text (byte {e.start}){cut}") from None
    try:
        doc = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        short = e.pos >= len(text.rstrip()) or e.msg.startswith("Unterminated string")
        cut = " (the file is cut short)" if short else ""
        raise DamagedSave(f"not valid JSON at line {e.lineno}, column {e.colno}{cut}") from None
    except RecursionError:
        raise DamagedSave("not valid JSON (nested far too deeply for a save)") from None
    except ValueError as e:
        raise DamagedSave(f"not valid JSON ({str(e)[:80]})") from None
    try:  # a "\ud800" escape decodes to a lone surrogate, which no UTF-8 file can hold
        json.dumps(doc, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError):
        raise DamagedSave("it holds text that is not valid Unicode (a lone surrogate "
                          "escape)") from None
    if not isinstance(doc, dict):
        raise DamagedSave("not a save (the file holds no JSON object)")
    return doc


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a save")


def from_document(doc: Mapping[str, Any]) -> SaveGame:
    _keys(doc, "the save", {"format", "version", "story", "seed", "log", "state", "meta",
                            "thumbnail", "checksum"}, {"story", "seed", "log", "state"})
    story = _story_ref(_mapping(doc["story"], "story"))
    seed = _int(doc["seed"], "seed", 0, 2**64)
    raw_log = doc["log"]
    if not isinstance(raw_log, list) or len(raw_log) > MAX_LOG:
        raise DamagedSave("the decision log is not a list of decisions")
    decisions, digests = [], []
    for i, entry in enumerate(raw_log):
        what = f"decision {i + 1}"
        e = _mapping(entry, what)
        _keys(e, what, {"node", "choice", "after"}, {"node", "choice"})
        decisions.append(Decision(_id(e["node"], f"{what}'s node"),
                                  _id(e["choice"], f"{what}'s choice")))
        after = e.get("after")
        digests.append(None if after is None else _hex(after, f"{what}'s digest"))
    state = _state(_mapping(doc["state"], "state"), seed, tuple(decisions))
    meta = _meta(doc.get("meta"))
    thumb = _thumbnail(doc.get("thumbnail"))
    return SaveGame(story, state, tuple(digests), meta, thumb)


def _story_ref(m: Mapping[str, Any]) -> StoryRef:
    _keys(m, "story", {"id", "hash", "path"}, {"id", "hash"})
    sid = m["id"]
    if not isinstance(sid, str) or not STORY_ID.match(sid):
        raise DamagedSave(f"bad story id {str(sid)[:40]!r}")
    path = m.get("path")
    if path is not None and (not isinstance(path, str) or len(path) > 4096 or "\0" in path):
        raise DamagedSave("bad story path")
    return StoryRef(sid, _hex(m["hash"], "story hash"), path)


def _state(m: Mapping[str, Any], seed: int, log: tuple[Decision, ...]) -> PlayState:
    _keys(m, "state", {"node", "vars", "visits", "once", "rolls"}, {"node", "vars", "visits"})
    node = _id(m["node"], "the state's node")
    values: dict[str, Value] = {}
    for name, value in _mapping(m["vars"], "vars").items():
        _id(name, "a variable name")
        values[name] = _value(value, f"variable {name}")
    visits = {_id(n, "a visited node"): _int(c, f"visits of {n}", 0, MAX_INT)
              for n, c in _mapping(m["visits"], "visits").items()}
    once: set[tuple[str, str]] = set()
    for pair in _list(m.get("once", []), "once"):
        if not isinstance(pair, list) or len(pair) != 2:
            raise DamagedSave("'once' holds something that is not a [node, choice] pair")
        once.add((_id(pair[0], "a once node"), _id(pair[1], "a once choice")))
    rolls = []
    for r in _list(m.get("rolls", []), "rolls"):
        if not isinstance(r, list) or len(r) != 2:
            raise DamagedSave("'rolls' holds something that is not a [low, high] pair")
        low, high = _int(r[0], "a roll", -MAX_INT, MAX_INT), _int(r[1], "a roll", -MAX_INT, MAX_INT)
        if low > high:
            raise DamagedSave(f"a roll range is reversed ({low} > {high})")
        rolls.append((low, high))
    return PlayState(node, FrozenMap(values), FrozenMap(visits), frozenset(once), seed,
                     tuple(rolls), log)


def _meta(raw: Any) -> Meta:
    if raw is None:
        return Meta()
    m = _mapping(raw, "meta")
    out: dict[str, Any] = {}
    for f in Meta.__dataclass_fields__.values():
        if f.name not in m or m[f.name] is None:
            continue
        value = m[f.name]
        if f.name == "playtime":
            if not isinstance(value, (int, float)) or isinstance(value, bool) \
                    or not math.isfinite(value) or not 0 <= value < 1e9:
                raise DamagedSave("bad playtime")
            out[f.name] = float(value)
        elif f.name == "replay":
            if not isinstance(value, bool):
                raise DamagedSave("bad replay flag")
            out[f.name] = value
        else:
            if not isinstance(value, str) or len(value) > MAX_TEXT:
                raise DamagedSave(f"bad {f.name} in meta")
            out[f.name] = value
    return Meta(**out)


def _thumbnail(raw: Any) -> Thumbnail | None:
    if raw is None:
        return None
    m = _mapping(raw, "thumbnail")
    _keys(m, "thumbnail", {"file", "sha256"}, {"file", "sha256"})
    name = m["file"]
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_.-]{1,120}\.png", name) \
            or name.startswith("."):
        raise DamagedSave("bad thumbnail file name (it must be a plain name beside the save)")
    return Thumbnail(name, _hex(m["sha256"], "thumbnail hash"))


# -- field checks ----------------------------------------------------------------------------


def _keys(m: Mapping[str, Any], what: str, allowed: set[str], required: set[str]) -> None:
    unknown = sorted(str(k)[:40] for k in m if k not in allowed)
    if unknown:
        raise DamagedSave(f"{what} has unknown field(s): {', '.join(unknown)}")
    missing = sorted(required - set(m))
    if missing:
        raise DamagedSave(f"{what} lacks {', '.join(missing)}")


def _mapping(x: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(x, dict):
        raise DamagedSave(f"{what} is not an object")
    return x


def _list(x: Any, what: str) -> list[Any]:
    if not isinstance(x, list) or len(x) > MAX_LOG:
        raise DamagedSave(f"{what} is not a list")
    return x


def _id(x: Any, what: str) -> str:
    if not isinstance(x, str) or not ID.match(x):
        raise DamagedSave(f"{what} is not an id: {str(x)[:40]!r}")
    return x


def _hex(x: Any, what: str) -> str:
    if not isinstance(x, str) or not HEX.match(x):
        raise DamagedSave(f"bad {what}")
    return x


def _int(x: Any, what: str, low: int, high: int) -> int:
    if not isinstance(x, int) or isinstance(x, bool) or not low <= x <= high:
        raise DamagedSave(f"bad {what}: {str(x)[:40]}")
    return x


def _value(x: Any, what: str) -> Value:
    if isinstance(x, bool):
        return x
    if isinstance(x, int):
        return _int(x, what, -MAX_INT, MAX_INT)
    if isinstance(x, str) and len(x) <= MAX_TEXT:
        return x
    raise DamagedSave(f"{what} has a value no story variable can hold")
