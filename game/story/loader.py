"""Load a story folder: read every file, build the model, validate, return diagnostics.

`load_story` never raises for a problem in the story: whatever is wrong comes back as
diagnostics, and `story` is None when any of them is an error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .build_manifest import build_manifest, read_languages
from .build_nodes import build_node_file
from .diagnostics import Diagnostic, Related, diag, has_errors
from .gc_pause import gc_paused
from .model import Node, Story
from .reader import Reader
from .validate import Validator
from .yaml_source import MAX_FILE_BYTES, Hash, SourceFile, load_file

MANIFEST = "story.yaml"
NODE_SUFFIXES = (".yaml", ".yml")


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


def load_story(story_dir: str | Path) -> LoadResult:
    """Read, build and check the story in `story_dir` (collector paused: see gc_pause)."""
    with gc_paused(promote=True):
        return _load(story_dir)


def _load(story_dir: str | Path) -> LoadResult:
    root = Path(story_dir)
    shown = str(story_dir)
    if not root.exists():
        return _fail(shown, f"story folder '{shown}' does not exist")
    if not root.is_dir():
        return _fail(shown, f"'{shown}' is a file; give the story folder that holds story.yaml")
    manifest_path = root / MANIFEST
    if not manifest_path.is_file():
        return _fail(str(manifest_path), f"no {MANIFEST} in '{shown}': a story folder needs a "
                     "manifest: story.yaml with format, id, languages and start")
    diagnostics: list[Diagnostic] = []
    digest = hashlib.sha256()
    manifest_src = _read(root, manifest_path, str(manifest_path), diagnostics, digest)
    reader = Reader(manifest_src.path, diagnostics, None, manifest_src.text)
    languages = read_languages(reader, manifest_src.root)
    reader.languages = languages
    manifest = build_manifest(reader, manifest_src.root)

    if manifest_src.root is None and not manifest_src.failed:
        diagnostics.append(diag(manifest_src.path, 1, 1, "E004", "story.yaml is empty: it needs "
                                "at least format, id, languages and start"))
    nodes: dict[str, Node] = {}
    incomplete = False  # some node file could not be read
    for path in node_files(root):
        display = str(root / path.relative_to(root))
        src = _read(root, path, display, diagnostics, digest)
        incomplete = incomplete or src.failed
        reader = Reader(display, diagnostics, languages, src.text)
        for node, key in build_node_file(reader, src.root):
            first = nodes.get(node.id)
            if first is not None:
                diagnostics.append(diag(
                    display, key.line, key.col, "E006",
                    f"duplicate node id '{node.id}': node ids are unique across the story",
                    (Related(first.pos.file, first.pos.line, first.pos.col,
                             f"'{node.id}' is first defined here"),)))
                continue
            nodes[node.id] = node

    if not manifest_src.failed:
        # With a node file unreadable, links into it and 'never used' would only mislead.
        Validator(manifest, nodes, root, diagnostics, partial=incomplete).run()
    ordered = ordered_diagnostics(diagnostics)
    if has_errors(diagnostics) or manifest.start is None:
        return LoadResult(None, ordered)
    story = Story(
        id=manifest.id, title=manifest.title, version=manifest.version,
        languages=manifest.languages, start=manifest.start,
        variables=MappingProxyType(manifest.variables),
        chapters=MappingProxyType(manifest.chapters),
        characters=MappingProxyType(manifest.characters),
        places=MappingProxyType(manifest.places),
        endings=MappingProxyType(manifest.endings),
        nodes=MappingProxyType(nodes), root=str(root), content_hash=digest.hexdigest(),
    )
    return LoadResult(story, ordered)


def _read(root: Path, path: Path, display: str, diagnostics: list[Diagnostic],
          digest: Hash) -> SourceFile:
    """Read one file, adding its diagnostics and its name and bytes to the content hash."""
    digest.update(path.relative_to(root).as_posix().encode("utf-8", "surrogateescape") + b"\0")
    src = load_file(str(path), display, digest)
    diagnostics.extend(src.diagnostics)
    return src


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


def _fail(file: str, message: str) -> LoadResult:
    return LoadResult(None, (diag(file, 1, 1, "E023", message),))
