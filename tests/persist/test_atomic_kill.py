"""Pulling the plug: a writer killed with SIGKILL at random instants, 200 times, never
leaves a slot half-written, a save without its thumbnail, or a damaged autosave.

The writer (tests/persist/kill_writer.py) alternates two saves of different lengths in
one manual slot and autosaves after each; after every kill the folder is read as the
game would read it at the next start.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import signal
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from game.engine.trace import run_trace
from game.persist.save_folder import AUTOSAVES_KEPT, SaveFolder, Status
from game.persist.save_format import SaveGame, Thumbnail, encode
from game.persist.snapshot import describe, make_save
from game.story import Story
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "fork"),
                                reason="SIGKILL and fork are POSIX")

KILLS = 200
SLOT = "slot-01"
HELPER = Path(__file__).with_name("kill_writer.py")


def png(width: int, height: int, seed: int) -> bytes:
    """A real (if plain) PNG: noisy rows so A's and B's thumbnails differ in size too."""
    rng = random.Random(seed)
    rows = b"".join(b"\x00" + bytes(rng.randrange(256) if x % 7 == 0 else (x * seed) % 256
                                    for x in range(width * 3)) for _ in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def saves(sample: Story) -> tuple[SaveGame, SaveGame]:
    def at(choices: list[str]) -> SaveGame:
        state = run_trace(sample, choices, seed=3).state
        assert state is not None
        return make_save(sample, state, describe(sample, state, "en"))

    a = at(["read_cables"])
    b = at(["read_cables", "send_courier", "meet", "listen"])
    assert len(encode(a)) != len(encode(b))
    return a, b


def as_written(save: SaveGame, name: str, picture: bytes) -> bytes:
    digest = hashlib.sha256(picture).hexdigest()
    return encode(save.with_thumbnail(Thumbnail(f"{name}-{digest[:12]}.png", digest)))


class Writer:
    """The helper process; each `round` forks a fresh writer and kills it."""

    def __init__(self, folder: Path, data: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HELPER), str(folder), str(data)], cwd=ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.child: int | None = None  # the writer now running, if any
        assert self.line() == "ready"

    def line(self) -> str:
        assert self.proc.stdout is not None
        text = self.proc.stdout.readline().strip()
        if not text:
            self.proc.kill()
            _, err = self.proc.communicate(timeout=30)
            pytest.fail(f"the writer helper stopped: {err}")
        return text

    def kill_after(self, pause: float) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()
        word, pid = self.line().split()
        assert word == "writing"
        self.child = int(pid)
        time.sleep(pause)
        os.kill(self.child, signal.SIGKILL)  # the helper has not reaped it: the pid is still its
        word, status = self.line().split()
        assert word == "dead"
        self.child = None
        code = int(status)
        assert os.WIFSIGNALED(code) and os.WTERMSIG(code) == signal.SIGKILL, (
            f"the writer stopped by itself (status {code}); see its stderr")

    def close(self) -> None:
        if self.child is not None:  # a failed round must not leave a writer running
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.child, signal.SIGKILL)
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()


def test_a_writer_killed_at_any_instant_leaves_every_save_whole(
        sample: Story, tmp_path: Path) -> None:
    a, b = saves(sample)
    pictures = {"a": png(320, 180, 1), "b": png(200, 120, 2)}
    data = tmp_path / "data"
    data.mkdir()
    for key, save in (("a", a), ("b", b)):
        (data / f"{key}.json").write_bytes(encode(save))
        (data / f"{key}.png").write_bytes(pictures[key])
    slot_files = {as_written(a, SLOT, pictures["a"]), as_written(b, SLOT, pictures["b"])}
    encodings = {encode(a), encode(b)}

    folder_path = tmp_path / "saves"
    folder = SaveFolder(folder_path)
    folder.write(SLOT, a, pictures["a"])  # the slot holds a save before the first kill

    rng = random.Random(20240301)
    writer = Writer(folder_path, data)
    seen: dict[str, int] = {}
    try:
        for _ in range(KILLS):
            writer.kill_after(rng.uniform(0.0, 0.030))
            check_folder(folder, slot_files, encodings, seen)
    finally:
        writer.close()
    assert sum(seen.values()) == KILLS


def check_folder(folder: SaveFolder, slot_files: set[bytes], encodings: set[bytes],
                 seen: dict[str, int]) -> None:
    raw = folder.path(SLOT).read_bytes()
    assert raw in slot_files, "the manual slot holds neither A nor B"
    slot = folder.read(SLOT)
    assert slot.save is not None and encode(slot.save) == raw
    assert encode(slot.save.with_thumbnail(None)) in encodings
    thumb = slot.save.thumbnail
    assert thumb is not None and slot.thumbnail == folder.folder / thumb.file
    assert hashlib.sha256(slot.thumbnail.read_bytes()).hexdigest() == thumb.sha256
    seen[thumb.sha256] = seen.get(thumb.sha256, 0) + 1

    autos = folder.autosaves()
    assert len(autos) <= AUTOSAVES_KEPT + 1, [s.name for s in autos]
    for auto in autos:
        assert auto.status is Status.OK, f"{auto.name}: {auto.damage}"
        assert auto.save is not None and encode(auto.save.with_thumbnail(None)) in encodings
        assert auto.thumbnail is not None, f"{auto.name} lost its thumbnail"

    listed = {s.path.name for s in folder.all()}
    temps = [p.name for p in folder.folder.iterdir() if p.name.endswith(".tmp")]
    assert all(t.startswith(".") for t in temps)
    assert not listed & set(temps)
    assert not any(name.startswith(".") for name in listed)
