"""Frame times while the passage animates, and CPU use on a still screen.

Runs the real app (SDL's dummy video driver unless DISPLAY is set and --window is
given) through its real loop body: a new game, then a long passage revealing at the
normal speed; each frame's work (events, update, draw, present) is timed. Then the
screen is left still and the process's CPU time over wall time is measured while
the loop sleeps between polls, as `App.run` does.

    python bench/frames.py [--frames 600] [--still 5] [--window]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=600)
    ap.add_argument("--still", type=float, default=5.0, help="seconds of still screen")
    ap.add_argument("--window", action="store_true", help="use the real display ($DISPLAY)")
    args = ap.parse_args()
    if not args.window:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

    import pygame

    from game.story import load_story
    from game.ui.app import IDLE_POLL_MS, App
    from game.ui.scenes.play import PlayScene
    from game.ui.session import Session

    story = load_story(ROOT / "story").story
    assert story is not None
    with tempfile.TemporaryDirectory() as settings_dir:
        app = App(story, "en", seed=1, settings_dir=Path(settings_dir))
        session = Session(story, 1)
        app.session = session
        play = PlayScene(app, session)
        app.replace(play)
        app.step([], 0.0)
        while len(app.stack) > 1:  # the chapter card
            app.pop()
        # a long passage, so the typewriter runs for the whole measurement
        play.lines = play.layout(" ".join([session.text("en")] * 40))
        play.page, play.revealed = 0, 0.0
        frame_ms: list[float] = []
        for _ in range(args.frames):
            start = time.perf_counter()
            app.step(pygame.event.get(), 1 / 60)
            frame_ms.append((time.perf_counter() - start) * 1000)
            if play.page_complete:
                play.page = (play.page + 1) % play.pages
                play.revealed = 0.0
        play.complete_page()
        app.step([], 0.0)

        wall0, cpu0 = time.perf_counter(), cpu_seconds()
        deadline = wall0 + args.still
        while time.perf_counter() < deadline:  # the idle branch of App.run
            pygame.time.wait(IDLE_POLL_MS)
            app.step(pygame.event.get(), 0.0)
        wall, cpu = time.perf_counter() - wall0, cpu_seconds() - cpu0
        pygame.quit()

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, pygame {pygame.version.ver}, "
          f"video {'window' if args.window else 'dummy'}")
    print(f"{'frames while text animates':<34}{len(frame_ms):>8}")
    for p in (50, 90, 99):
        print(f"{'  frame time p' + str(p):<34}{percentile(frame_ms, p):>8.2f} ms")
    print(f"{'  frame time mean':<34}{statistics.fmean(frame_ms):>8.2f} ms")
    print(f"{'  frame time max':<34}{max(frame_ms):>8.2f} ms")
    print(f"{'still screen: CPU / wall':<34}{100 * cpu / wall:>8.2f} %  ({wall:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
