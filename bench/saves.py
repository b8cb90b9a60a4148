"""How long does saving and loading take, step by step, for a long playthrough?

    python bench/saves.py [--runs 50] [--decisions 40] [--seed 1942] [--saves DIR]

Plays the shipped story with a seeded random walk to `--decisions` decisions (the length
of a whole playthrough), then times each step the game takes when the player saves or
loads, `--runs` times each, and prints the median and the 95th percentile in ms:

  make_save       replay the log once to record a digest after every decision, plus meta
  encode          the save as JSON bytes with its checksum
  frame           render the 1280x720 screen (the node's background image and a text box)
  thumbnail       smoothscale the frame to 320x180 and encode it as PNG (in memory)
  write slot      SaveFolder.write: the thumbnail, then the save, each written atomically
                  (temp file, fsync, rename, fsync of the folder), old thumbnail removed
  autosave        SaveFolder.autosave: write, read back and verify, rotate to ten kept
  read_save_file  read one slot as the load screen does: parse, validate, check thumbnail
  restore         replay the decisions against the story and compare with the saved state

Writing is bound by fsync, so those figures depend on the disk (`--saves` picks the
folder; the default is a temporary one). SDL's dummy video driver renders off screen.
"""

from __future__ import annotations

import argparse
import io
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


def playthrough(story: Story, decisions: int, seed: int) -> PlayState:
    """A seeded random walk that makes `decisions` decisions (another seed if it ends first)."""
    for attempt in range(seed, seed + 1000):
        rng = random.Random(attempt)
        state = settle(story, start(story, attempt))
        while len(state.log) < decisions and status(story, state) is Status.DECISION:
            ids = [o.id for o in offered(story, state) if o.enabled]
            state = settle(story, choose(story, state, rng.choice(ids)))
        if len(state.log) == decisions:
            return state
    raise SystemExit(f"error: no random walk from seed {seed} makes {decisions} decisions")


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--runs", type=int, default=50, help="timed runs per step (default 50)")
    ap.add_argument("--decisions", type=int, default=40, help="playthrough length (default 40)")
    ap.add_argument("--seed", type=int, default=1942, help="random-walk seed (default 1942)")
    ap.add_argument("--saves", type=Path, metavar="DIR",
                    help="write the saves in DIR (default: a temporary folder)")
    args = ap.parse_args(argv)
    runs = max(1, args.runs)

    loaded = load_story(ROOT / "story")
    if loaded.story is None:
        print("error: the shipped story does not load; run `python main.py check`",
              file=sys.stderr)
        return 2
    story = loaded.story
    state = playthrough(story, args.decisions, args.seed)
    pygame.init()
    pygame.display.set_mode(theme.CANVAS)  # off screen; images are converted for it, as in play
    images = Images(story.root)

    rows: list[tuple[str, list[float]]] = []
    t, save = timed(runs, lambda: make_save(story, state, describe(story, state, "en")))
    rows.append(("make_save (replay for digests)", t))
    t, data = timed(runs, lambda: encode(save))
    rows.append(("encode", t))
    t, frame = timed(runs, lambda: render_frame(story, state, images))
    rows.append(("frame 1280x720 (background)", t))
    t, png = timed(runs, lambda: thumbnail(frame))
    rows.append(("thumbnail 320x180 PNG", t))

    with tempfile.TemporaryDirectory(prefix="bench-saves-") as tmp:
        where = args.saves if args.saves is not None else Path(tmp)
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
            print(f"error: the slot does not read back: {slot.damage}", file=sys.stderr)
            return 1
        loaded_save = slot.save
        t, restored = timed(runs, lambda: restore(story, loaded_save))
        rows.append(("restore (replay)", t))
        if not args.saves:
            print(f"saves written under {where} (deleted at exit)")
        else:
            for name in ["slot-30", *(s.name for s in folder.autosaves())]:
                folder.delete(name)
    pygame.quit()

    print(f"Python {platform.python_version()}, pygame {pygame.version.ver} "
          f"(SDL {'.'.join(map(str, pygame.get_sdl_version()))}), {platform.machine()}, "
          f"{os.cpu_count()} cores")
    print(f"playthrough: {len(state.log)} decisions, {len(state.rolls)} rolls, at "
          f"'{state.node}' (seed {state.seed})")
    print(f"save: {len(data):,} bytes; thumbnail: {len(png):,} bytes "
          f"({THUMB[0]}x{THUMB[1]} PNG)")
    print(f"restore reproduced the save: {restored.reproduction.reproduced}")
    print(f"\n{runs} runs each, milliseconds")
    head = f"{'step':<32} {'median':>8} {'p95':>8}"
    print(head)
    print("-" * len(head))
    for name, times in rows:
        print(f"{name:<32} {statistics.median(times):>8.2f} {percentile(times, 95):>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
