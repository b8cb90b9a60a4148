"""How long does saving and loading take, step by step, for a long playthrough?

    python bench/saves.py [--runs 50] [--seed 1942] [--saves DIR] [--json FILE]

Plays the shipped story with a seeded random walk to an ending, then, at the start (after
the first decision), the middle and the end of that playthrough, times each step the
game takes when the player saves or loads, `--runs` times each, and prints the median
and the 95th percentile in ms:

  make_save       replay the log once to record a digest after every decision, plus meta
  encode          the save as JSON bytes with its checksum
  frame           render the 1280x720 screen (the node's background image and a text box)
  thumbnail       smoothscale the frame to 320x180 and encode it as PNG (in memory)
  write slot      SaveFolder.write: the thumbnail, then the save, each written atomically
                  (temp file, fsync, rename, fsync of the folder), old thumbnail removed
  autosave        SaveFolder.autosave: write, read back and verify, rotate to ten kept
  read_save_file  read one slot as the load screen does: parse, validate, check thumbnail
  restore         replay the decisions against the story and compare with the saved state

and the sums a player waits for: save (make_save + encode + write slot) and load
(read_save_file + restore).

Writing is bound by fsync, so those figures depend on the disk (`--saves` picks the
folder; the default is a temporary one). SDL's dummy video driver renders off screen.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from game.engine.play import Status, choose, offered, settle, start, status  # noqa: E402
from game.engine.state import PlayState  # noqa: E402
from game.persist.save_folder import SaveFolder, read_save_file  # noqa: E402
from game.persist.save_format import encode  # noqa: E402
from game.persist.snapshot import describe, make_save, restore  # noqa: E402
from game.story import Story, load_story  # noqa: E402
from game.ui import theme  # noqa: E402
from game.ui.images import Images  # noqa: E402

T = TypeVar("T")
THUMB = (320, 180)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def timed(runs: int, work: Callable[[], T]) -> tuple[list[float], T]:
    """Milliseconds of each of `runs` calls, and the last call's result."""
    times: list[float] = []
    result = work()  # one untimed call: caches, first-touch of files
    for _ in range(runs):
        t0 = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - t0) * 1000)
    return times, result


def playthrough(story: Story, seed: int) -> list[PlayState]:
    """A seeded random walk from the start to an ending: the state after each decision
    (index 0: the start). Another seed if a walk ends short of an ending."""
    for attempt in range(seed, seed + 1000):
        rng = random.Random(attempt)
        state = settle(story, start(story, attempt))
        states = [state]
        while status(story, state) is Status.DECISION:
            ids = [o.id for o in offered(story, state) if o.enabled]
            state = settle(story, choose(story, state, rng.choice(ids)))
            states.append(state)
        if story.nodes[state.node].ending is not None:
            return states
    raise SystemExit(f"error: no random walk from seed {seed} reaches an ending")


def render_frame(story: Story, state: PlayState, images: Images) -> pygame.Surface:
    """Roughly what the play screen shows: the place's picture and the text box."""
    frame = pygame.display.get_surface()
    node = story.nodes[state.node]
    place = story.places.get(node.place or "")
    frame.blit(images.get(place.image if place else None, theme.CANVAS), (0, 0))
    w, h = theme.CANVAS
    box = pygame.Surface((w - 80, h // 3), pygame.SRCALPHA)
    box.fill((*theme.PAPER, 230))
    frame.blit(box, (40, h - h // 3 - 30))
    return frame


def thumbnail(frame: pygame.Surface) -> bytes:
    small = pygame.transform.smoothscale(frame, THUMB)
    out = io.BytesIO()
    pygame.image.save(small, out, "thumb.png")
    return out.getvalue()


def measure(story: Story, state: PlayState, images: Images, runs: int,
            where: Path) -> tuple[list[tuple[str, list[float]]], dict[str, object]]:
    """Every step of saving and loading `state`, `runs` times each."""
    rows: list[tuple[str, list[float]]] = []
    t, save = timed(runs, lambda: make_save(story, state, describe(story, state, "en")))
    rows.append(("make_save (replay for digests)", t))
    t, data = timed(runs, lambda: encode(save))
    rows.append(("encode", t))
    t, frame = timed(runs, lambda: render_frame(story, state, images))
    rows.append(("frame 1280x720 (background)", t))
    t, png = timed(runs, lambda: thumbnail(frame))
    rows.append(("thumbnail 320x180 PNG", t))
    folder = SaveFolder(where)
    t, _ = timed(runs, lambda: folder.write("slot-30", save, png))
    rows.append(("write slot (+ thumbnail)", t))
    for _ in range(10):  # a full set of autosaves, so every timed one also rotates
        folder.autosave(save, png)
    t, _ = timed(runs, lambda: folder.autosave(save, png))
    rows.append(("autosave (verify + rotate)", t))
    t, slot = timed(runs, lambda: read_save_file(folder.path("slot-30")))
    rows.append(("read_save_file", t))
    if slot.save is None:
        raise SystemExit(f"error: the slot does not read back: {slot.damage}")
    loaded_save = slot.save
    t, restored = timed(runs, lambda: restore(story, loaded_save))
    rows.append(("restore (replay)", t))
    for name in ["slot-30", *(s.name for s in folder.autosaves())]:
        folder.delete(name)
    write = [a + b + c for a, b, c in zip(rows[0][1], rows[1][1], rows[4][1], strict=True)]
    load = [a + b for a, b in zip(rows[6][1], rows[7][1], strict=True)]
    rows.append(("= save (make + encode + write)", write))
    rows.append(("= load (read + verify + restore)", load))
    info = {"decisions": len(state.log), "node": state.node, "bytes": len(data),
            "thumbnail": len(png), "reproduced": restored.reproduction.reproduced}
    return rows, info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--runs", type=int, default=50, help="timed runs per step (default 50)")
    ap.add_argument("--seed", type=int, default=1942, help="random-walk seed (default 1942)")
    ap.add_argument("--saves", type=Path, metavar="DIR",
                    help="write the saves in DIR (default: a temporary folder)")
    ap.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    args = ap.parse_args(argv)
    runs = max(1, args.runs)

    loaded = load_story(ROOT / "story")
    if loaded.story is None:
        print("error: the shipped story does not load; run `python main.py check`",
              file=sys.stderr)
        return 2
    story = loaded.story
    walk = playthrough(story, args.seed)
    points = {"start": walk[1], "middle": walk[len(walk) // 2], "end": walk[-1]}
    pygame.init()
    pygame.display.set_mode(theme.CANVAS)  # off screen; images are converted for it, as in play
    images = Images(story.root)

    results: dict[str, tuple[list[tuple[str, list[float]]], dict[str, object]]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-saves-") as tmp:
        for name, state in points.items():
            where = (args.saves if args.saves is not None else Path(tmp)) / name
            where.mkdir(parents=True, exist_ok=True)
            results[name] = measure(story, state, images, runs, where)
    pygame.quit()

    print(f"Python {platform.python_version()}, pygame {pygame.version.ver} "
          f"(SDL {'.'.join(map(str, pygame.get_sdl_version()))}), {platform.machine()}, "
          f"{os.cpu_count()} cores")
    print(f"a seeded random playthrough (seed {args.seed}) of {len(walk) - 1} decisions to "
          f"the ending at '{walk[-1].node}'; saved and loaded after decision 1 (start), "
          f"{len(walk) // 2} (middle) and {len(walk) - 1} (end)")
    for name, (_, info) in results.items():
        print(f"  {name:<7} save {info['bytes']:,} bytes, thumbnail {info['thumbnail']:,} bytes,"
              f" restore reproduced the save: {info['reproduced']}")
    print(f"\nmedian (p95) of {runs} runs each, milliseconds")
    head = f"{'step':<34}" + "".join(f"{name:>18}" for name in results)
    print(head)
    print("-" * len(head))
    names = [row[0] for row in next(iter(results.values()))[0]]
    for i, step in enumerate(names):
        cells = []
        for rows, _ in results.values():
            times = rows[i][1]
            cells.append(f"{statistics.median(times):>8.2f} ({percentile(times, 95):>6.2f})")
        print(f"{step:<34}" + "".join(f"{c:>18}" for c in cells))
    if args.json:
        args.json.write_text(json.dumps({
            name: {"info": info, "median_ms": {step: statistics.median(t) for step, t in rows}}
            for name, (rows, info) in results.items()}, indent=2))
    return 0 if all(info["reproduced"] for _, info in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
