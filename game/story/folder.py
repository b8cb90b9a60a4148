"""A story folder as files, and what loading one gives: the light half of loading.

Which files make a story, the hash of their bytes, and `LoadResult`. Kept apart from the
loader (YAML reader, model builder, checker) so that a start-up served by the startup
cache (`persist/story_cache.py`) never imports them: most of a start-up's imports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic
from .model import Story

MANIFEST = "story.yaml"
NODE_SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class LoadResult:
    story: Story | None
    diagnostics: tuple[Diagnostic, ...]
    cached: bool = False  # rebuilt from the startup cache rather than read and checked anew

    @property
    def ok(self) -> bool:
        return self.story is not None

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if not d.is_error)


def node_files(root: Path) -> list[Path]:
    """Every YAML file below the folder except the manifest, in sorted path order.

    Hidden files and folders (a leading '.') are skipped: editors and caches put
    their own YAML there.
    """
    found = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.suffix.lower() in NODE_SUFFIXES and rel.as_posix() != MANIFEST and path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def ordered_diagnostics(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Once each, by file, line, column and code: the order `check` prints them in."""
    return tuple(sorted(set(diagnostics), key=_order))


def _order(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.file, d.line, d.col, d.code)


def content_hash(story_dir: str | Path) -> str | None:
    """The hash `load_story` would give the folder's files, or None if one cannot be read.

    Same bytes in the same order as the loader: each file's path relative to the folder,
    a NUL, then its bytes; the manifest first, then the node files in sorted order.
    """
    root = Path(story_dir)
    digest = hashlib.sha256()
    try:
        for path in [root / MANIFEST, *node_files(root)]:
            if path.stat().st_size > MAX_FILE_BYTES:
                return None
            digest.update(path.relative_to(root).as_posix().encode("utf-8", "surrogateescape")
                          + b"\0")
            digest.update(path.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()
