"""Where a story's pictures are looked up, and the W007 check that they exist.

Apart from the checker because the startup cache runs it at every load (pictures live
outside the story folder, so the cache cannot vouch for them) and should not import the
checker to do so; the game's picture reader uses the same lookup.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from .diagnostics import Diagnostic, diag
from .model import Place


def missing_images(places: Iterable[Place], root: Path) -> list[Diagnostic]:
    """W007 for each place image found in no asset folder.

    A function of its own because it reads outside the story folder: the startup cache
    (keyed on the story's files only) runs it again at every load.
    """
    found = []
    for place in places:
        if place.image is None or place.image_pos is None:
            continue
        if find_asset(asset_dirs(root), place.image) is None:
            p = place.image_pos
            found.append(diag(p.file, p.line, p.col, "W007", f"image '{place.image}' of place "
                              f"'{place.id}' does not exist under assets/; a placeholder will "
                              "be shown"))
    return found


def inside_assets(rel: str) -> bool:
    """Whether an `image:` path stays inside the folder it is looked up in: relative, no
    `..`, no drive or NUL. The loader refuses such a path (E028); this guards the reader
    too, so that no story, cached or not, makes the game read /etc/passwd as a picture."""
    if not rel or "\0" in rel or "\\" in rel:
        return False
    path = PurePosixPath(rel)
    return not path.is_absolute() and ".." not in path.parts and ":" not in path.parts[0]


def find_asset(dirs: Iterable[Path], rel: str) -> Path | None:
    """The first file `rel` names under one of `dirs`, or None (also for a path that
    leaves them). A symbolic link inside assets/ is the author's own and is followed."""
    if not inside_assets(rel):
        return None
    for d in dirs:
        path = d / rel
        try:
            if path.is_file():
                return path
        except (OSError, ValueError):  # a name too long, say
            continue
    return None


def asset_dirs(story_root: Path) -> list[Path]:
    """Where `image:` paths are looked up: STORY_DIR/assets, then the project's assets/."""
    return [story_root / "assets", story_root.parent / "assets"]
