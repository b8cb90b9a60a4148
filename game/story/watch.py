"""Noticing that a story folder changed on disk, for live reload, by polling.

Polling needs no dependency and behaves the same on every platform and file system
(network drives and editors that replace files included). A poll only lists the
folder and stats each story file: (relative path, mtime_ns, size) per file is the
fingerprint, and nothing is read until it changes.

Editors save in several steps (truncate, write, rename, touch), so a change is only
reported once the fingerprint has stayed the same for one more poll: the story is
reloaded once, from the finished files, not half-way through a save.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .folder import MANIFEST, node_files

FileStamp = tuple[str, int, int]  # relative path (posix), mtime_ns, size
Fingerprint = tuple[FileStamp, ...]


def fingerprint(root: Path) -> Fingerprint:
    """The manifest and every node file, stamped; a file that vanishes meanwhile is left out."""
    stamps: list[FileStamp] = []
    paths = [root / MANIFEST, *node_files(root)] if root.is_dir() else []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:  # not there (a missing manifest), or deleted between list and stat
            continue
        stamps.append((path.relative_to(root).as_posix(), st.st_mtime_ns, st.st_size))
    return tuple(sorted(stamps))


@dataclass(frozen=True)
class Change:
    """What differs between two fingerprints, as relative paths."""

    modified: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return len(self.modified) + len(self.added) + len(self.removed)

    def __bool__(self) -> bool:
        return self.count > 0


def compare(before: Fingerprint, after: Fingerprint) -> Change:
    old = {path: (mtime, size) for path, mtime, size in before}
    new = {path: (mtime, size) for path, mtime, size in after}
    return Change(
        modified=tuple(sorted(p for p in old.keys() & new.keys() if old[p] != new[p])),
        added=tuple(sorted(new.keys() - old.keys())),
        removed=tuple(sorted(old.keys() - new.keys())),
    )


class StoryWatcher:
    """Polled by the game: `poll()` returns a Change once the files have settled.

    `loaded` is the fingerprint of the files the running story was loaded from; the
    caller takes a fingerprint *before* it loads (`fingerprint`, then `mark_loaded`),
    so a save that lands during the load is seen at the next poll rather than lost.
    """

    def __init__(self, root: Path, loaded: Fingerprint | None = None) -> None:
        self.root = root
        self.loaded = fingerprint(root) if loaded is None else loaded
        self.pending: Fingerprint | None = None  # seen once, not yet stable

    def poll(self) -> Change | None:
        now = fingerprint(self.root)
        if now == self.loaded:
            self.pending = None
            return None
        if now != self.pending:  # still being written, or a first sight: wait one poll
            self.pending = now
            return None
        change = compare(self.loaded, now)
        self.mark_loaded(now)
        return change

    def mark_loaded(self, stamp: Fingerprint) -> None:
        self.loaded = stamp
        self.pending = None
