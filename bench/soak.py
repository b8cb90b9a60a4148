"""Soak: random playthroughs of the shipped story, with a save/load round trip at every
decision, and a replay of each finished log. Prints a table.

    python bench/soak.py [--runs 10000] [--jobs 2] [--seed 1] [--story story]

At every decision the state is written as a save file's bytes (the real encoder, with the
replay digests), read back (the real validator) and restored against the story (the real
replay), and the restored state must equal the state in play: same node, variables,
visits, once-taken choices, rolls and log. At the end, `replay(seed, log)` must give the
final state again. Any difference or exception is a failure, printed with the seed that
reproduces it. Exit status 1 if any run failed.

The choice at each decision is drawn from a random.Random(seed + run) over the enabled
offers, and each run's game seed is its run number, so the rolls differ too. tests/
test_soak.py runs a short soak in CI; the full 10,000 runs are a benchmark
(bench/run_all.py), and its figures are in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.engine.play import Status, choose, offered, replay, settle, start, status  # noqa: E402
from game.engine.state import PlayState  # noqa: E402
from game.persist.save_format import decode, encode  # noqa: E402
from game.persist.snapshot import make_save, restore  # noqa: E402
from game.story import Story, load_story  # noqa: E402

MAX_DECISIONS = 500  # far beyond any playthrough of a story without loops


@dataclass
class SoakResult:
    runs: int = 0
    decisions: int = 0
    round_trips: int = 0
    save_bytes: int = 0
    endings: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0


def round_trip(story: Story, state: PlayState) -> tuple[PlayState, int]:
    data = encode(make_save(story, state))
    restored = restore(story, decode(data))
    return restored.state, len(data)


def one_run(story: Story, run: int, seed: int, result: SoakResult) -> None:
    rng = random.Random(seed + run)
    state = settle(story, start(story, seed=run))
    for _ in range(MAX_DECISIONS):
        st = status(story, state)
        if st is not Status.DECISION:
            break
        back, size = round_trip(story, state)
        result.round_trips += 1
        result.save_bytes += size
        if back != state:
            raise AssertionError(f"the save at {state.node} (decision {len(state.log)}) "
                                 "restored a different state")
        choice = rng.choice([o for o in offered(story, state) if o.enabled])
        state = settle(story, choose(story, state, choice.id))
        result.decisions += 1
    else:
        raise AssertionError(f"more than {MAX_DECISIONS} decisions: a loop?")
    node = story.nodes[state.node]
    if node.ending is None:
        raise AssertionError(f"stopped at {state.node} ({status(story, state).value}), "
                             "not at an ending")
    back, _ = round_trip(story, state)
    if back != state:
        raise AssertionError("the save at the ending restored a different state")
    if replay(story, state.seed, state.log) != state:
        raise AssertionError("replaying the finished log gave a different state")
    result.endings[node.ending] += 1


def soak(story: Story, runs: int, seed: int = 1, first: int = 0) -> SoakResult:
    result = SoakResult()
    began = time.perf_counter()
    for run in range(first, first + runs):
        try:
            one_run(story, run, seed, result)
        except Exception as e:  # noqa: BLE001 - every failure is reported, with its seed
            result.failures.append(f"run {run} (game seed {run}, choice seed {seed + run}): "
                                   f"{type(e).__name__}: {e}")
        result.runs += 1
    result.seconds = time.perf_counter() - began
    return result


def report(result: SoakResult) -> str:
    rows = [
        ("playthroughs", f"{result.runs:,}"),
        ("decisions taken", f"{result.decisions:,}"),
        ("save/load round trips", f"{result.round_trips:,}"),
        ("mean save size", f"{result.save_bytes / max(1, result.round_trips):,.0f} bytes"),
        ("failures", f"{len(result.failures)}"),
        ("time", f"{result.seconds:.1f} s "
                 f"({1000 * result.seconds / max(1, result.runs):.1f} ms per playthrough)"),
    ]
    out = ["| soak | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows]
    out += ["", "| ending | playthroughs |", "|---|---|"]
    out += [f"| {e} | {n:,} |" for e, n in sorted(result.endings.items())]
    out += [f"FAIL {f}" for f in result.failures[:20]]
    return "\n".join(out)


def to_json(result: SoakResult) -> str:
    return json.dumps({"runs": result.runs, "decisions": result.decisions,
                       "round_trips": result.round_trips, "save_bytes": result.save_bytes,
                       "endings": dict(result.endings), "failures": result.failures,
                       "seconds": result.seconds})


def in_parallel(args: argparse.Namespace) -> SoakResult:
    """Split the runs over `--jobs` processes of this script (each prints JSON)."""
    share = -(-args.runs // args.jobs)
    procs = []
    for job in range(args.jobs):
        first = job * share
        runs = min(share, args.runs - first)
        if runs <= 0:
            break
        procs.append(subprocess.Popen(
            [sys.executable, __file__, "--runs", str(runs), "--first", str(first),
             "--seed", str(args.seed), "--story", args.story, "--json"],
            stdout=subprocess.PIPE, text=True))
    total = SoakResult()
    began = time.perf_counter()
    for proc in procs:
        out, _ = proc.communicate()
        part = json.loads(out)
        total.runs += part["runs"]
        total.decisions += part["decisions"]
        total.round_trips += part["round_trips"]
        total.save_bytes += part["save_bytes"]
        total.endings.update(part["endings"])
        total.failures += part["failures"]
    total.seconds = time.perf_counter() - began
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--first", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--story", default=str(ROOT / "story"))
    args = parser.parse_args(argv)
    if args.jobs > 1 and not args.json:
        result = in_parallel(args)
    else:
        loaded = load_story(args.story)
        if loaded.story is None:
            print(f"the story at {args.story} does not load", file=sys.stderr)
            return 2
        result = soak(loaded.story, args.runs, args.seed, args.first)
    print(to_json(result) if args.json else report(result))
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main())
