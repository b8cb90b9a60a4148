"""Progress across playthroughs: endings reached, nodes seen, choices taken, and a route
to every decision seen (so the flowchart can branch from a decision of an old game).

One JSON file per saves folder, keyed by story id, with a checksum, written with
`write_atomic` like a save. A damaged file is reported and copied aside before a fresh
one replaces it, so even a broken progress file is never lost.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..engine.state import Decision, PlayState
from .atomic import write_atomic
from .save_format import ID, MAX_LOG, DamagedSave, checksum, parse_json

PROGRESS_FILE = "progress.json"
FORMAT_MARK = "stockholm-channel-progress"
VERSION = 1


@dataclass(frozen=True)
class Route:
    """How to get back to a decision: replay `log` from a new game with `seed`."""

    seed: int
    log: tuple[Decision, ...]


@dataclass(frozen=True)
class StoryProgress:
    endings: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    seen: frozenset[str] = frozenset()  # nodes entered in any playthrough
    taken: frozenset[tuple[str, str]] = frozenset()  # (node, choice) ever chosen
    routes: Mapping[str, Route] = field(default_factory=lambda: MappingProxyType({}))

    def record(self, state: PlayState, ending: str | None = None,
               now: str | None = None) -> StoryProgress:
        """This progress with `state` seen; the same object when nothing is new."""
        seen, taken, routes, endings = self.seen, self.taken, self.routes, self.endings
        visited = frozenset(state.visits)
        if not visited <= seen:
            seen = seen | visited
        steps = frozenset((d.node, d.choice) for d in state.log)
        if not steps <= taken:
            taken = taken | steps
        old = routes.get(state.node)
        if old is None or len(state.log) < len(old.log):
            routes = MappingProxyType({**routes, state.node: Route(state.seed, state.log)})
        if ending is not None and ending not in endings:
            endings = MappingProxyType({**endings, ending: now or _now()})
        if (seen, taken, routes, endings) == (self.seen, self.taken, self.routes,
                                              self.endings):
            return self
        return StoryProgress(endings, seen, taken, routes)


@dataclass(frozen=True)
class Progress:
    stories: Mapping[str, StoryProgress] = field(default_factory=lambda: MappingProxyType({}))

    def of(self, story_id: str) -> StoryProgress:
        return self.stories.get(story_id) or StoryProgress()

    def with_story(self, story_id: str, p: StoryProgress) -> Progress:
        if self.stories.get(story_id) is p:
            return self
        return replace(self, stories=MappingProxyType({**self.stories, story_id: p}))


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def load_progress(folder: Path) -> tuple[Progress, list[str]]:
    """The progress in `folder` and any problem found; never raises.

    A damaged file is copied to progress.damaged-TIME.json (once) before the game goes
    on with empty progress, so the next write cannot destroy what it held.
    """
    path = folder / PROGRESS_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Progress(), []
    except OSError as e:
        return Progress(), [f"{path}: cannot read ({e.strerror or e}); progress starts afresh"]
    try:
        return from_document(parse_json(data)), []
    except DamagedSave as e:
        kept = folder / f"progress.damaged-{time.strftime('%Y%m%d-%H%M%S')}.json"
        try:
            shutil.copyfile(path, kept)
            where = f"kept as {kept.name}"
        except OSError as err:
            where = f"could not be copied aside ({err.strerror or err})"
        return Progress(), [f"{path}: damaged ({e.reason}); {where}; progress starts afresh"]


def save_progress(folder: Path, progress: Progress) -> None:
    """Write atomically; raises OSError for the caller to report."""
    write_atomic(folder / PROGRESS_FILE,
                 (json.dumps(to_document(progress), ensure_ascii=False) + "\n").encode("utf-8"))


def to_document(progress: Progress) -> dict[str, Any]:
    stories = {}
    for sid, p in progress.stories.items():
        stories[sid] = {
            "endings": dict(p.endings),
            "seen": sorted(p.seen),
            "taken": sorted([n, c] for n, c in p.taken),
            "routes": {node: {"seed": r.seed, "log": [[d.node, d.choice] for d in r.log]}
                       for node, r in sorted(p.routes.items())},
        }
    doc: dict[str, Any] = {"format": FORMAT_MARK, "version": VERSION, "stories": stories}
    doc["checksum"] = checksum(doc)
    return doc


def from_document(doc: Mapping[str, Any]) -> Progress:
    if doc.get("format") != FORMAT_MARK:
        raise DamagedSave("not a progress file of this game")
    if doc.get("version") != VERSION:
        raise DamagedSave(f"progress format {doc.get('version')!r}; this game reads {VERSION}")
    if doc.get("checksum") != checksum(doc):
        raise DamagedSave("the checksum does not match")
    stories = doc.get("stories")
    if not isinstance(stories, dict):
        raise DamagedSave("no stories")
    out = {}
    for sid, raw in stories.items():
        if not isinstance(raw, dict):
            raise DamagedSave(f"story {str(sid)[:40]!r} is not an object")
        out[str(sid)] = _story(raw)
    return Progress(MappingProxyType(out))


def _story(raw: Mapping[str, Any]) -> StoryProgress:
    endings = raw.get("endings", {})
    if not isinstance(endings, dict) or not all(
            isinstance(k, str) and ID.match(k) and isinstance(v, str) for k, v in endings.items()):
        raise DamagedSave("bad endings")
    seen = raw.get("seen", [])
    if not isinstance(seen, list) or not all(isinstance(n, str) and ID.match(n) for n in seen):
        raise DamagedSave("bad seen nodes")
    taken = set()
    for pair in raw.get("taken", []):
        taken.add(_pair(pair))
    routes = {}
    raw_routes = raw.get("routes", {})
    if not isinstance(raw_routes, dict):
        raise DamagedSave("bad routes")
    for node, r in raw_routes.items():
        if not isinstance(node, str) or not ID.match(node) or not isinstance(r, dict):
            raise DamagedSave("bad route")
        seed, log = r.get("seed"), r.get("log")
        if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**64 \
                or not isinstance(log, list) or len(log) > MAX_LOG:
            raise DamagedSave(f"bad route to {node}")
        routes[node] = Route(seed, tuple(Decision(*_pair(p)) for p in log))
    return StoryProgress(MappingProxyType(dict(endings)), frozenset(seen), frozenset(taken),
                         MappingProxyType(routes))


def _pair(pair: Any) -> tuple[str, str]:
    if not (isinstance(pair, list) and len(pair) == 2
            and all(isinstance(x, str) and ID.match(x) for x in pair)):
        raise DamagedSave("bad node/choice pair")
    return pair[0], pair[1]
