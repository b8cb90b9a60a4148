"""Load a story folder: read every file, build the model, validate, return diagnostics.

`load_story` never raises for a problem in the story: whatever is wrong comes back as
diagnostics, and `story` is None when any of them is an error.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import MappingProxyType

from .build_manifest import build_manifest, read_languages
from .build_nodes import build_node_file
from .diagnostics import Diagnostic, Related, diag, has_errors
from .folder import (
    MANIFEST,
    NODE_SUFFIXES,
    LoadResult,
    content_hash,
    node_files,
    ordered_diagnostics,
)
from .gc_pause import gc_paused
from .model import Node, Story
from .reader import Reader
from .validate import Validator
from .yaml_source import Hash, SourceFile, load_file

# what callers long imported from here, now kept in folder.py
__all__ = ["MANIFEST", "NODE_SUFFIXES", "LoadResult", "content_hash", "load_story",
           "node_files", "ordered_diagnostics"]

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


def _fail(file: str, message: str) -> LoadResult:
    return LoadResult(None, (diag(file, 1, 1, "E023", message),))
