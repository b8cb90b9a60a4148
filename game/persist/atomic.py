"""Writing a file so that a crash at any instant leaves either the old or the new file.

Temp file in the same folder, flush, fsync, `os.replace`, then fsync the folder (Ren'Py
writes `name.new` and renames; we also make the rename itself durable).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace `path` with `data` atomically; raises OSError (disk full, read-only).

    `durable=False` skips the fsyncs: still never half a file, but a crash may lose the
    write itself. For caches, where a lost entry costs one slow start, not data."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder for fsync
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
