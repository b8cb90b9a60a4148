"""Entries of an on-disk cache (the startup cache's stories, the rasterised pictures):
written whole, kept while recently used, the oldest pruned. A cache that cannot be
written (a read-only or full disk) is no cache: nothing here raises."""

from __future__ import annotations

import contextlib
import os
import zlib
from pathlib import Path

from .atomic import write_atomic


def store(entry: Path, data: bytes, pattern: str, keep: int) -> None:
    """Write `entry` (never half a file; no fsync), then keep the newest `keep` entries of
    its folder matching `pattern`."""
    try:
        write_atomic(entry, data, durable=False)
        entries = sorted(entry.parent.glob(pattern), key=_mtime, reverse=True)
        for old in entries[keep:]:
            with contextlib.suppress(OSError):
                old.unlink()
    except OSError:
        pass


def mark_used(entry: Path) -> None:
    """Recently used: pruned last."""
    with contextlib.suppress(OSError):
        os.utime(entry)


def inflate_at_most(data: bytes, limit: int) -> bytes | None:
    """zlib-decompress, or None when `data` is not zlib or would inflate past `limit` bytes:
    a damaged or hostile entry cannot make the game allocate more than it expects."""
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, limit)
    except zlib.error:
        return None
    return None if inflater.unconsumed_tail else out


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
