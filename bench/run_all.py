"""Run every benchmark and write docs/performance.md.

    python bench/run_all.py [--quick] [--only NAME,...] [--no-write]

Each benchmark is a script in bench/ that prints a table; this runs them one after
another (never two at once: they would time each other), keeps what each printed, and
writes docs/performance.md: the machine, a summary of every figure beside its limit
(pass or fail), then each benchmark's table with the exact command that printed it.
The hand-written sections "Fixes" and "Not met yet" of an existing docs/performance.md
are kept as they are.

`--quick` is a smoke run (about a minute): fewer runs, smaller stories, a shorter
path; its figures are noisier and it writes docs/performance.md only with `--write`.
The full run takes about 9 minutes on 2 cores. Two figures are shortened to fit: the
frames bench plays 8 decisions of its 30-decision path (`python bench/frames.py` plays
all of them, ~2 minutes), and the soak plays 200 playthroughs (the issue's 10,000 are
`python bench/soak.py`, ~20 minutes on one core).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
FIXES_HEADING = "## Fixes"
HAND_HEADINGS = (FIXES_HEADING, "## Left as it is", "## The full soak")  # by hand: kept


@dataclass
class Bench:
    name: str
    title: str
    full: list[str]
    quick: list[str]
    summary: Callable[[dict[str, Any]], list[tuple[str, str, str, str]]]
    json: bool = True
    output: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    status: int = 0


def verdict(ok: bool) -> str:
    return "pass" if ok else "**FAIL**"


def s_startup(d: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    out = []
    for video, best in d["best"].items():
        bare, ours, cold = best["bare pygame"], best["ours, cached"], best["ours, cold cache"]
        answer = best.get("ours, first answer")
        ratio = ours / bare
        answered = (f"; a key pressed at it answered at {1000 * answer:.0f} ms = "
                    f"{answer / bare:.2f}×" if answer else "")
        out.append((f"cold start to the first interactive frame ({video} video)",
                    f"≤ {d['limit']}× bare pygame window",
                    f"{1000 * ours:.0f} ms vs bare {1000 * bare:.0f} ms = {ratio:.2f}×"
                    f"{answered} (cold cache {1000 * cold:.0f} ms = {cold / bare:.2f}×)",
                    verdict(ratio <= d["limit"])))
    return out


def s_frames(d: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    a = d["frames"]["all"]
    t = d["frames"].get("typing map")
    extra = f"; at the live map p99 {t['p99']:.2f} ms" if t else ""
    return [("frame time while the game animates (p50 / p95 / p99)", "p99 < 8 ms",
             f"{a['p50']:.2f} / {a['p95']:.2f} / {a['p99']:.2f} ms over {a['count']:,} frames"
             f"{extra}", verdict(a["p99"] < 8)),
            ("CPU on a still screen", "< 2 %",
             f"{d['still_cpu_pct']:.2f} % over {d['still_seconds']:.0f} s",
             verdict(d["still_cpu_pct"] < 2))]


def s_load(d: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    out = []
    for r in d["rows"]:
        ratio = r["ours"] / r["libyaml"]
        limit = "≤ 2× libyaml" if r["size"] == 10000 else "(context)"
        out.append((f"load + check, {r['size']:,} nodes (cold; cached)", limit,
                    f"{r['ours']:.2f} s = {ratio:.2f}× libyaml {r['libyaml']:.2f} s; "
                    f"cached {r['cached']:.2f} s", verdict(ratio <= 2)
                    if r["size"] == 10000 else ""))
    return out


def s_ink(d: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    out = []
    for r in d["rows"]:
        ink = r["ink"]
        if "error" in ink:
            out.append((f"vs inkjs, {r['size']:,} nodes", "ours faster",
                        f"ours load+check {r['ours_load']:.2f} s; inkjs: {ink['error']}",
                        "pass (inkjs did not finish)" if "finish" in ink["error"] else "n/a"))
            continue
        won = r["ours_load"] < ink["compile"] and r["ours_play"] < ink["play"]
        out.append((f"vs inkjs, {r['size']:,} nodes: load+check / compile; "
                    f"play {r['choices']:,} choices", "ours faster",
                    f"ours {r['ours_load']:.2f} s vs {ink['compile']:.2f} s; play "
                    f"{r['ours_play']:.3f} s vs {ink['play']:.3f} s (from a cache: ours "
                    f"{r['ours_cached']:.2f} s vs their JSON {ink['load']:.2f} s)",
                    verdict(won and ink.get("same") is True)))
    return out


def s_explore(d: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    return [("exploration of the shipped story", "(none)",
             f"{d['rate']:,.0f} states/s ({d['states']:,} states in {d['seconds']:.1f} s"
             f"{'' if d['complete'] else ', capped'}; peak {d['peak_mb']:,.0f} MB)", "")]


def s_saves(d: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    cells = []
    for name, v in d.items():
        m = v["median_ms"]
        cells.append(f"{name} ({v['info']['decisions']} decisions): save "
                     f"{m['= save (make + encode + write)']:.1f} ms, load "
                     f"{m['= load (read + verify + restore)']:.1f} ms")
    return [("save and load (median)", "(none)", "; ".join(cells), "")]


def s_from_output(d: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """No JSON: the summary row is read from the bench's printed table (write_doc)."""
    return []


def monkey_row(b: Bench) -> tuple[str, str, str, str]:
    """The summary of bench/monkey.py's table (exit 1: a crash, a leak, an App not freed)."""
    events = re.search(r"^  events +([\d,]+)", b.output, re.M)
    growth = re.search(r"second half's peak over the first's ([+-][\d.]+) MB", b.output)
    peak = re.search(r"RSS peak ([\d.]+) MB", b.output)
    endings = re.search(r"^  endings reached +(\d+)", b.output, re.M)
    found = (f"{events.group(1) if events else '?'} events, "
             f"{'no crash' if b.status == 0 else 'exit ' + str(b.status)}; RSS peak "
             f"{peak.group(1) if peak else '?'} MB; outside the caches the second half rose "
             f"{growth.group(1) if growth else '?'} MB over the first's peak; "
             f"{endings.group(1) if endings else '?'} ending(s) reached")
    return ("monkey: random keys, clicks, wheel, resizes, focus into the real App",
            "no crash, no unbounded growth", found, verdict(b.status == 0))


BENCHES = [
    Bench("startup", "Cold start to the first interactive frame",
          ["bench/startup.py", "--runs", "7", "--xvfb"], ["bench/startup.py", "--runs", "2"],
          s_startup),
    Bench("frames", "Frame times while the game animates; CPU on a still screen",
          ["bench/frames.py", "--decisions", "8", "--still", "10"],
          ["bench/frames.py", "--decisions", "3", "--still", "3"], s_frames),
    Bench("load", "Load + check of generated stories, beside a bare libyaml parse",
          ["bench/load.py", "--sizes", "1000,10000,50000", "--repeat", "2"],
          ["bench/load.py", "--sizes", "1000", "--repeat", "1"], s_load),
    Bench("ink", "The same stories as ink, compiled and played by inkjs",
          ["bench/ink.py", "--sizes", "1000,10000,50000", "--repeat", "1", "--timeout", "300"],
          ["bench/ink.py", "--sizes", "1000", "--choices", "200", "--repeat", "1"], s_ink),
    Bench("explore", "Exploration states per second on the shipped story",
          ["bench/explore.py"], ["bench/explore.py", "--max-states", "50000"], s_explore),
    Bench("saves", "Save and load times at the start, middle and end of a playthrough",
          ["bench/saves.py", "--runs", "30"], ["bench/saves.py", "--runs", "5"], s_saves),
    Bench("soak", "Soak: random playthroughs with a save/load round trip at every decision",
          ["bench/soak.py", "--runs", "200"], ["bench/soak.py", "--runs", "30"], s_from_output,
          json=False),
    Bench("monkey", "Monkey: random input events into the real scene stack",
          ["bench/monkey.py", "--events", "20000"],
          ["bench/monkey.py", "--events", "2000", "--checkpoint", "500"], s_from_output,
          json=False),
]


def run(bench: Bench, quick: bool) -> None:
    args = bench.quick if quick else bench.full
    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        out = Path(tmp) / "out.json"
        cmd = [sys.executable, *args] + (["--json", str(out)] if bench.json else [])
        print(f"$ python {' '.join(args)}", flush=True)
        t0 = time.perf_counter()
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
        bench.seconds = time.perf_counter() - t0
        bench.status = done.returncode
        bench.output = "\n".join(line for line in done.stdout.splitlines()
                                 if not line.startswith(("pygame ", "Hello from the pygame")))
        if out.exists():
            bench.data = json.loads(out.read_text())
    print(bench.output)
    if done.returncode not in (0, 1) or (bench.json and not bench.data):
        print(f"error: exit {done.returncode}\n{done.stderr[-3000:]}", file=sys.stderr)
    print(f"({bench.seconds:.0f} s, exit {bench.status})\n", flush=True)


def command_output(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 \
        else "not found"


def machine() -> list[tuple[str, str]]:
    import pygame
    import yaml

    cpu = platform.processor() or platform.machine()
    mem = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    os_name = platform.platform()
    try:
        pretty = re.search(r'PRETTY_NAME="([^"]+)"', Path("/etc/os-release").read_text())
        if pretty:
            os_name = f"{pretty.group(1)} ({platform.system()} {platform.release()})"
    except OSError:
        pass
    libyaml = (yaml._yaml.get_version_string()
               if yaml.__with_libyaml__ else "absent")
    packages = ", ".join(
        f"{name} {'installed' if importlib.util.find_spec(name) else 'absent'}"
        for name in ("numpy", "pkg_resources"))
    ink_pkg = ROOT / "bench" / ".ink" / "node_modules" / "inkjs" / "package.json"
    inkjs = json.loads(ink_pkg.read_text())["version"] if ink_pkg.exists() else "not installed"
    return [
        ("CPU", f"{cpu}, {os.cpu_count()} logical cores"),
        ("RAM", mem or "unknown"),
        ("OS", os_name),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()}), "
                   f"{'a virtual environment' if sys.prefix != sys.base_prefix else 'no venv'}"
                   f"; {packages} (a bare `import pygame` loads each one that is there)"),
        ("pygame", f"{pygame.version.ver}, SDL {'.'.join(map(str, pygame.get_sdl_version()))}"),
        ("PyYAML", f"{yaml.__version__}, libyaml {libyaml}"),
        ("node", command_output(["node", "--version"]) if shutil.which("node") else "absent"),
        ("inkjs", inkjs),
        ("Xvfb", "installed" if shutil.which("Xvfb") else "absent"),
    ]


def keep_hand_sections() -> str:
    """The hand-written sections (HAND_HEADINGS) of the existing document, as they are."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    out = []
    for heading in HAND_HEADINGS:
        start = text.find(heading + "\n")
        if start < 0:
            if heading == FIXES_HEADING:
                out.append(f"{FIXES_HEADING}\n\n(none recorded yet)\n")
            continue
        end = text.find("\n## ", start + len(heading))
        out.append(text[start:end if end >= 0 else len(text)].rstrip() + "\n")
    return "\n".join(out)


def write_doc(benches: list[Bench], quick: bool, total: float) -> None:
    rows = [r for b in benches if b.data for r in b.summary(b.data)]
    soak = next((b for b in benches if b.name == "soak" and b.output), None)
    if soak is not None:
        fails = re.search(r"\| failures \| (\d+) \|", soak.output)
        runs = re.search(r"\| playthroughs \| ([\d,]+) \|", soak.output)
        if fails and runs:
            rows.append(("soak: random playthroughs, save/load at every decision",
                         "no failure", f"{runs.group(1)} playthroughs, {fails.group(1)} failures",
                         verdict(fails.group(1) == "0")))
    monkey = next((b for b in benches if b.name == "monkey" and b.output), None)
    if monkey is not None:
        rows.append(monkey_row(monkey))
    lines = [
        "# Performance",
        "",
        "Written by `python bench/run_all.py`" + (" --quick (a smoke run: noisy figures)"
                                                  if quick else "") +
        f" on {time.strftime('%Y-%m-%d')}, in {total / 60:.1f} minutes. Every figure is the "
        "best (or the median, where a table says so) of several runs, and the machine is "
        "shared with other work (2 cores), so a figure can move by 10-30 % between runs; "
        "each bench's own docstring says exactly what it times.",
        "",
        "## The machine",
        "",
        "| | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in machine()),
        "",
        "## Summary",
        "",
        "| figure | limit | ours | verdict |",
        "|---|---|---|---|",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows),
        "",
        keep_hand_sections(),
    ]
    for b in benches:
        args = b.quick if quick else b.full
        lines += [f"## {b.title}", "", f"`python {' '.join(args)}` ({b.seconds:.0f} s)", "",
                  "```", b.output.strip(), "```", ""]
    DOC.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--quick", action="store_true", help="a fast smoke run")
    ap.add_argument("--only", default="", help="only these benches, e.g. startup,frames")
    ap.add_argument("--write", action="store_true", help="write the doc after --quick too")
    ap.add_argument("--no-write", action="store_true", help="do not write the doc")
    args = ap.parse_args(argv)
    only = {n for n in args.only.split(",") if n}
    unknown = only - {b.name for b in BENCHES}
    if unknown:
        ap.error(f"no bench {', '.join(sorted(unknown))}")
    benches = [b for b in BENCHES if not only or b.name in only]
    t0 = time.perf_counter()
    for b in benches:
        run(b, args.quick)
    total = time.perf_counter() - t0
    print(f"all done in {total / 60:.1f} minutes")
    if not args.no_write and (not args.quick or args.write):
        write_doc(benches, args.quick, total)
    return 0 if all(b.status == 0 for b in benches) else 1


if __name__ == "__main__":
    sys.exit(main())
