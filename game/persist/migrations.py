"""Upgrading old save documents one format version at a time (Tuxemon's save_upgrader).

Each step takes a document of version N and returns one of version N + 1; loading a
version-1 file runs every step in order, so a new format only ever needs one new
function. The steps work on plain JSON values and raise KeyError, TypeError or
ValueError on a document they cannot read; the caller reports it as damaged.

Version 1 is the format as first designed (the "Save format" section of
docs/saves.md keeps it): a flat document with the decision log as "node/choice"
strings and no checksum, thumbnail or metadata block. No release wrote it, but it is
kept with its migration and its tests so the upgrade path is always exercised.
Version 2 is the current format.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CURRENT_VERSION = 2

Doc = dict[str, Any]


def _pair(text: Any) -> list[str]:
    if not isinstance(text, str) or text.count("/") != 1:
        raise ValueError(f"{str(text)[:40]!r} is not 'node/choice'")
    node, choice = text.split("/")
    return [node, choice]


def v1_to_v2(doc: Doc) -> Doc:
    """Nest story and meta, split 'node/choice' strings, add the thumbnail slot."""
    state = dict(doc["state"])
    state["once"] = [_pair(p) for p in state.get("once", [])]
    out: Doc = {
        "format": doc["format"],
        "version": 2,
        "story": {"id": doc["story_id"], "hash": doc["story_hash"]},
        "seed": doc["seed"],
        "log": [dict(zip(("node", "choice"), _pair(p), strict=True)) for p in doc["choices"]],
        "state": state,
        "meta": {"saved_at": doc.get("saved_at", ""), "language": doc.get("language", "en")},
        "thumbnail": None,
    }
    return out


STEPS: dict[int, Callable[[Doc], Doc]] = {1: v1_to_v2}


def migrate(doc: Doc, version: int) -> Doc:
    """The document upgraded from `version` to CURRENT_VERSION, one step at a time."""
    while version < CURRENT_VERSION:
        doc = STEPS[version](doc)
        if doc.get("version") != version + 1:
            raise ValueError(f"the step from version {version} did not produce {version + 1}")
        version += 1
    return doc
