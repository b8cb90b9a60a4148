"""The saves folder: manual slots, the quicksave, rotating autosaves, and shared files.

Every write goes through `write_atomic`, and a thumbnail is written under a name that
carries its own hash before the save that points at it, so a crash at any instant
leaves each slot holding either its old save with its old thumbnail or the new pair.
Reading never raises: a slot is empty, fine, or damaged with a reason, and nothing
here ever deletes a file the player did not ask to delete (autosave rotation removes
only older autosaves that read back fine, and only after the new one verified).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from .atomic import write_atomic
from .save_format import MAX_SAVE_BYTES, DamagedSave, SaveGame, Thumbnail, decode, encode

MANUAL_SLOTS = 30
AUTOSAVES_KEPT = 10
QUICK = "quick"
# other JSON the game keeps in the same folder, and their copies (progress.damaged-*.json)
NOT_SAVES = {"settings", "progress"}
AUTO = re.compile(r"auto-(\d{6})\Z")
MANUAL = re.compile(r"slot-(\d{2})\Z")
MAX_THUMB_BYTES = 4 * 1024 * 1024


class SlotKind(StrEnum):
    MANUAL = "manual"
    QUICK = "quick"
    AUTO = "auto"
    FILE = "file"  # any other save dropped into the folder (a shared save)


class Status(StrEnum):
    EMPTY = "empty"
    OK = "ok"
    DAMAGED = "damaged"


@dataclass(frozen=True)
class Slot:
    name: str
    kind: SlotKind
    path: Path
    save: SaveGame | None = None
    damage: str | None = None  # why it cannot be loaded
    thumbnail: Path | None = None  # the PNG, present and matching the save

    @property
    def status(self) -> Status:
        if self.save is not None:
            return Status.OK
        return Status.DAMAGED if self.damage is not None else Status.EMPTY


def manual_name(number: int) -> str:
    return f"slot-{number:02d}"


def read_save_file(path: Path, name: str | None = None,
                   kind: SlotKind = SlotKind.FILE) -> Slot:
    """Read one save file, whatever state it is in; never raises."""
    name = name or path.stem
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_SAVE_BYTES + 1)
    except FileNotFoundError:
        return Slot(name, kind, path)
    except OSError as e:
        return Slot(name, kind, path, damage=f"cannot be read ({e.strerror or e})")
    try:
        save = decode(data)
    except DamagedSave as e:
        return Slot(name, kind, path, damage=e.reason)
    return Slot(name, kind, path, save, thumbnail=_thumbnail(path.parent, save.thumbnail))


def _thumbnail(folder: Path, thumb: Thumbnail | None) -> Path | None:
    if thumb is None:
        return None
    path = folder / thumb.file
    try:
        if path.stat().st_size > MAX_THUMB_BYTES:
            return None
        if hashlib.sha256(path.read_bytes()).hexdigest() != thumb.sha256:
            return None
    except OSError:
        return None
    return path


class SaveFolder:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.json"

    # -- reading ---------------------------------------------------------------------------

    def read(self, name: str) -> Slot:
        return read_save_file(self.path(name), name, kind_of(name))

    def manual(self) -> list[Slot]:
        return [self.read(manual_name(i)) for i in range(1, MANUAL_SLOTS + 1)]

    def quick(self) -> Slot:
        return self.read(QUICK)

    def autosaves(self, limit: int | None = None) -> list[Slot]:
        """Newest first; only the newest `limit` are read when given."""
        return [self.read(name) for name in list(reversed(self._auto_names()))[:limit]]

    def others(self) -> list[Slot]:
        """Saves the player dropped into the folder under any other name."""
        return [self.read(p.stem) for p in self._json_files()
                if kind_of(p.stem) is SlotKind.FILE and p.stem.split(".")[0] not in NOT_SAVES]

    def all(self) -> list[Slot]:
        return [self.quick(), *self.autosaves(), *self.manual(), *self.others()]

    def _json_files(self) -> list[Path]:
        try:
            return sorted(p for p in self.folder.glob("*.json") if not p.name.startswith("."))
        except OSError:
            return []

    def _auto_names(self) -> list[str]:
        """Oldest first."""
        names = [p.stem for p in self._json_files() if AUTO.match(p.stem)]
        return sorted(names, key=lambda n: int(n[5:]))

    # -- writing ---------------------------------------------------------------------------

    def write(self, name: str, save: SaveGame, png: bytes | None = None) -> SaveGame:
        """Write `save` (and its thumbnail) to slot `name`; raises OSError, keeping the old."""
        if png is not None:
            digest = hashlib.sha256(png).hexdigest()
            thumb = Thumbnail(f"{name}-{digest[:12]}.png", digest)
            write_atomic(self.folder / thumb.file, png)
            save = save.with_thumbnail(thumb)
        else:
            save = save.with_thumbnail(None)
        write_atomic(self.path(name), encode(save))
        self._drop_old_thumbnails(name, save.thumbnail)
        return save

    def autosave(self, save: SaveGame, png: bytes | None = None) -> Slot:
        """A new autosave; older ones rotate out only once it reads back intact."""
        names = self._auto_names()
        if len(names) > AUTOSAVES_KEPT:  # a crash interrupted the last rotation: finish it,
            self._rotate()  # so that at most KEPT + 1 autosaves ever exist
            names = self._auto_names()
        number = int(names[-1][5:]) + 1 if names else 1
        name = f"auto-{number:06d}"
        written = self.write(name, save, png)
        slot = self.read(name)
        if slot.save is None or encode(slot.save) != encode(written):
            raise OSError(f"the new autosave {name} did not read back intact "
                          f"({slot.damage or 'it differs'}); older autosaves are kept")
        self._rotate()
        return slot

    def _rotate(self) -> None:
        kept = 0
        for name in reversed(self._auto_names()):
            slot = self.read(name)
            if slot.save is None:
                continue  # a damaged autosave is listed, never removed behind the player's back
            kept += 1
            if kept > AUTOSAVES_KEPT:
                self.delete(name)

    def delete(self, name: str) -> None:
        """Remove a slot and its thumbnails (only ever on the player's request or rotation)."""
        path = self.path(name)
        path.unlink(missing_ok=True)
        self._drop_old_thumbnails(name, None)

    def _drop_old_thumbnails(self, name: str, keep: Thumbnail | None) -> None:
        pattern = re.compile(re.escape(name) + r"-[0-9a-f]{12}\.png\Z")
        try:
            candidates = list(self.folder.glob(f"{name}-*.png"))
        except OSError:
            return
        for p in candidates:
            if pattern.match(p.name) and (keep is None or p.name != keep.file):
                with contextlib.suppress(OSError):
                    os.unlink(p)


def newest(slots: Iterable[Slot]) -> Slot | None:
    """The slot holding the most recently written save that reads back, if any."""
    ok = [s for s in slots if s.save is not None]
    return max(ok, key=lambda s: s.save.meta.saved_at if s.save else "", default=None)


def kind_of(name: str) -> SlotKind:
    if name == QUICK:
        return SlotKind.QUICK
    if AUTO.match(name):
        return SlotKind.AUTO
    m = MANUAL.match(name)
    if m and 1 <= int(m.group(1)) <= MANUAL_SLOTS:
        return SlotKind.MANUAL
    return SlotKind.FILE
