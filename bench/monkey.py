"""Monkey: random input events into the real scene stack, headless; prints a table.

    python bench/monkey.py [--events 20000] [--seed 1] [--checkpoint 2000] [--tracemalloc]

The driver is tests/ui/monkey.py (tests/ui/test_monkey.py runs a short form in CI): the
real App on SDL's dummy drivers, the shipped story, settings and saves in a temporary
folder. Exit status 1 on a crash (printed with the seed and the last events), when the
memory outside the UI's bounded caches rose more than --max-growth MB in the second half
of the run above the first half's peak, or when an App that quit was not freed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ui.monkey import MonkeyCrash, run_monkey  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--checkpoint", type=int, default=2000,
                        help="measure memory every this many events")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also trace Python's heap (slower)")
    # Within one App's life the fonts it opens (one per role and size: up to ~30, ~1.4 MB
    # each with every glyph of the story) and the allocator's fragmentation add 20-30 MB
    # over a 20,000-event run (all given back at a restart); a leak grows past that.
    parser.add_argument("--max-growth", type=float, default=40.0,
                        help="MB the memory outside the caches may rise in the second half")
    args = parser.parse_args(argv)
    try:
        report = run_monkey(args.events, args.seed, checkpoint=args.checkpoint,
                            trace_memory=args.tracemalloc)
    except MonkeyCrash as e:
        print(e, file=sys.stderr)
        return 1
    print(f"monkey: {args.events:,} random events into the real scene stack (dummy drivers)")
    print(report.table())
    growth = report.growth()
    if growth > args.max_growth or report.steadily_growing():
        print(f"FAIL: memory grew {growth:+.1f} MB over the second half", file=sys.stderr)
        return 1
    if any(c.caches["apps alive"] > 1 for c in report.checkpoints):
        print("FAIL: an App that quit was not freed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
