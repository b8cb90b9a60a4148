"""Exploration states per second on the shipped story.

    python bench/explore.py [--max-states N] [--repeat 1] [--json FILE]

Times `explore(story)`, what `python main.py explore` runs after loading (the story is
loaded once, outside the timing), and prints the states it searched, whether the search
was complete, the time and the states per second, and the peak memory of the process.
The whole search is ~730,000 states; `--max-states` stops it earlier (a quick run), so
the rate then covers the first part of the search only.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.engine.explore import DEFAULT_MAX_STATES, explore  # noqa: E402
from game.story import load_story  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--max-states", type=int, default=DEFAULT_MAX_STATES)
    ap.add_argument("--repeat", type=int, default=1, help="runs; the best counts")
    ap.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    args = ap.parse_args(argv)
    story = load_story(ROOT / "story").story
    if story is None:
        print("error: the shipped story does not load", file=sys.stderr)
        return 2
    best = float("inf")
    states, complete, endings = 0, False, 0
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        result = explore(story, args.max_states)
        best = min(best, time.perf_counter() - t0)
        states, complete, endings = result.states, result.complete, len(result.endings)
        del result
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate = states / best
    print(f"shipped story: {len(story.nodes)} nodes; best of {max(1, args.repeat)}")
    print(f"{'states':<22}{states:>12,}  ({'complete' if complete else 'stopped at the cap'}, "
          f"{endings} endings)")
    print(f"{'time':<22}{best:>12.1f} s")
    print(f"{'states per second':<22}{rate:>12,.0f}")
    print(f"{'peak memory (RSS)':<22}{peak_mb:>12,.0f} MB")
    if args.json:
        args.json.write_text(json.dumps({"states": states, "complete": complete,
                                         "seconds": best, "rate": rate, "peak_mb": peak_mb},
                                        indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
