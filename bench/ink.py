"""The same generated stories as ink, compiled and played by inkjs, beside our load and play.

    python bench/ink.py [--sizes 1000,10000,50000] [--choices 1000] [--repeat 3]
                        [--keep DIR] [--json FILE]

For each size, bench/load.py's generator writes a story (the stories bench/load.py
times), our loader reads it, and the loaded story is written out again as one ink file
(https://github.com/inkle/ink): every node a knot, every choice `* {condition} [text]`
(`+` unless the choice is `once`), `enabled_if` as a second condition (ink has no
disabled choices: the choice is hidden instead), `set`/`add`/`roll` as `~ x = ...` (an
`add` clamped with MIN/MAX to the variable's range, as our engine clamps it, a `roll` as
RANDOM), `next` as a divert, an ending as `-> END`, every variable a `VAR`, conditional
text parts as `{condition: text}`, `{expression}` interpolations as ink's, and
`visited("node")` as the knot's read count. The ink is English only: our stories carry
English and Japanese, so ours read twice the text.

A fixed path: from the start, take the node's first choice (always open: it follows
the story's spine) `--choices` times, or until an ending. Both sides take the same
choices, found by their text, and must arrive at the same node.

Timed (best of `--repeat`; in-process, so neither side's interpreter start counts):

  ours: load+check   load_story(dir): read, parse, build, check everything (= `check`)
  ours: cached       load_story_cached(dir) from a filled startup cache
  ours: play         render each node's text and offers, take the choice, settle
  ink: compile       new Compiler(source).Compile(): parse and compile the ink
  ink: load JSON     new Story(json) from the compiled JSON (their "cached" start)
  ink: play          Continue() to each choice point, ChooseChoiceIndex, N times

bench/ink_bench.mjs runs the inkjs side in node (npm package `inkjs`, installed with
`npm install --prefix bench/.ink inkjs`; this script installs it when it is missing).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.load import best_of, prepare, timed  # noqa: E402
from game.engine.play import Status, choose, offered, settle, start, status  # noqa: E402
from game.engine.render import render_node_text, render_text  # noqa: E402
from game.engine.state import PlayState  # noqa: E402
from game.persist.story_cache import load_story_cached  # noqa: E402
from game.story import Story, load_story  # noqa: E402
from game.story.expr.ast import Binary, Expr, Literal, Name, Unary, Visited  # noqa: E402
from game.story.model import Effect, Expression, Text  # noqa: E402

INK_DIR = ROOT / "bench" / ".ink"
NODE_SCRIPT = ROOT / "bench" / "ink_bench.mjs"
_SPECIAL = re.compile(r"([{}\[\]|#~\\<>/*+\-=:])")


# --- the story as ink ---------------------------------------------------------------------


def ink_value(v: int | bool | str) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    return json.dumps(v)  # "..." (our values have no quotes or backslashes)


def ink_expr(e: Expr) -> str:
    if isinstance(e, Literal):
        return ink_value(e.value)
    if isinstance(e, Name):
        return e.name
    if isinstance(e, Visited):
        return e.node  # a knot's name is its read count
    if isinstance(e, Unary):
        return f"(not {ink_expr(e.operand)})" if e.op == "not" else f"(-{ink_expr(e.operand)})"
    if isinstance(e, Binary):
        return f"({ink_expr(e.left)} {e.op} {ink_expr(e.right)})"
    raise TypeError(f"not an expression: {e!r}")


def ink_text(text: Text) -> str:
    """The English template on one line: literals escaped, {expressions} interpolated."""
    out = []
    for seg in text.template("en", "en").segments:
        if isinstance(seg, Expression):
            out.append("{" + ink_expr(seg.ast) + "}")
        else:
            out.append(_SPECIAL.sub(r"\\\1", " ".join(seg.split())))
    return "".join(out).strip()


def ink_effect(story: Story, eff: Effect) -> str:
    if eff.kind == "set":
        assert not isinstance(eff.value, tuple)
        return f"~ {eff.var} = {ink_value(eff.value)}"
    if eff.kind == "roll":
        assert isinstance(eff.value, tuple)
        return f"~ {eff.var} = RANDOM({eff.value[0]}, {eff.value[1]})"
    var = story.variables[eff.var]
    total = f"{eff.var} + {eff.value}"
    if var.max is not None:
        total = f"MIN({total}, {var.max})"
    if var.min is not None:
        total = f"MAX({total}, {var.min})"
    return f"~ {eff.var} = {total}"


def to_ink(story: Story) -> str:
    lines = [f"// {story.id}: generated from our story by bench/ink.py", ""]
    for v in story.variables.values():
        lines.append(f"VAR {v.name} = {ink_value(v.default)}")
    lines += ["", f"-> {story.start}", ""]
    for node in story.nodes.values():
        lines.append(f"=== {node.id} ===")
        lines += [ink_effect(story, e) for e in node.on_enter]
        for part in node.text.parts:
            body = ink_text(part.text) or " "
            if part.condition is not None:
                lines.append(f"{{{ink_expr(part.condition.ast)}: {body}}}")
            else:
                lines.append(body)
        if node.ending is not None:
            lines.append("-> END")
        elif node.next is not None:
            lines.append(f"-> {node.next}")
        for c in node.choices:
            conds = "".join(f"{{{ink_expr(x.ast)}}} " for x in (c.condition, c.enabled_if)
                            if x is not None)
            lines.append(f"{'*' if c.once else '+'} {conds}[{ink_text(c.text)}]")
            lines += [f"    {ink_effect(story, e)}" for e in c.effects]
            lines.append(f"    -> {c.goto}")
        lines.append("")
    return "\n".join(lines) + "\n"


# --- our side -------------------------------------------------------------------------------


def our_play(story: Story, path: list[str]) -> tuple[PlayState, int]:
    """Take `path` (choice ids) from the start, rendering what a player reads on the way."""
    state = settle(story, start(story, 0))
    chars = 0
    for cid in path:
        node = story.nodes[state.node]
        chars += len(render_node_text(story, node.text, state, "en"))
        for o in offered(story, state):
            chars += len(render_text(story, o.choice.text, state, "en"))
        state = settle(story, choose(story, state, cid))
    return state, chars


def spine_path(story: Story, choices: int) -> tuple[list[str], list[str], list[str], str]:
    """The first offered choice, `choices` times or to an ending: ids, English texts, the
    node each is taken at, and the node the path ends at."""
    state = settle(story, start(story, 0))
    ids: list[str] = []
    texts: list[str] = []
    nodes: list[str] = []
    while len(ids) < choices and status(story, state) is Status.DECISION:
        first = next(o for o in offered(story, state) if o.enabled)
        ids.append(first.id)
        texts.append(render_text(story, first.choice.text, state, "en"))
        nodes.append(state.node)
        state = settle(story, choose(story, state, first.id))
    return ids, texts, nodes, state.node


@dataclass
class Row:
    size: int
    knots: int
    ink_kb: float
    choices: int
    ours_load: float
    ours_cached: float
    ours_play: float
    ink: dict[str, object]


def ensure_inkjs() -> Path:
    package = INK_DIR / "node_modules" / "inkjs"
    if not package.is_dir():
        npm = shutil.which("npm")
        if npm is None:
            raise SystemExit("error: npm is not installed, so inkjs cannot be")
        print(f"installing inkjs: npm install --prefix {INK_DIR} inkjs", flush=True)
        subprocess.run([npm, "install", "--prefix", str(INK_DIR), "inkjs"], check=True,
                       capture_output=True)
    return package


def run_ink(ink_file: Path, path_file: Path, repeat: int, timeout: float) -> dict[str, object]:
    node = shutil.which("node")
    if node is None:
        raise SystemExit("error: node is not installed")
    try:
        done = subprocess.run([node, "--max-old-space-size=12000", str(NODE_SCRIPT),
                               str(ink_file), str(path_file), str(repeat)],
                              capture_output=True, text=True, timeout=timeout, check=False,
                              cwd=str(INK_DIR))
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish in {timeout:.0f} s"}
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return {"error": f"exit {done.returncode}: {' / '.join(tail)[:300]}"}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(size: int, base: Path, choices: int, repeat: int, timeout: float,
            seed: int) -> Row:
    folder = prepare(base, size, seed)  # bench/load.py's story, written afresh
    ours_load, loaded = timed(lambda: load_story(folder))
    story = loaded.story
    if story is None:
        raise SystemExit(f"error: the {size}-node story does not load: "
                         f"{[d.format() for d in loaded.diagnostics[:3]]}")
    del loaded
    ours_load = min(ours_load, best_of(repeat - 1, lambda: load_story(folder)))
    with tempfile.TemporaryDirectory(prefix="bench-ink-cache-") as cache:
        load_story_cached(folder, Path(cache))
        ours_cached = best_of(repeat, lambda: load_story_cached(folder, Path(cache)))
    ids, texts, nodes, end = spine_path(story, choices)
    play: Callable[[], tuple[PlayState, int]] = lambda: our_play(story, ids)  # noqa: E731
    ours_play = best_of(repeat, play)
    final, _ = play()
    assert final.node == end
    source = to_ink(story)
    ink_file = base / f"story-{size}.ink"
    ink_file.write_text(source, encoding="utf-8")
    path_file = base / f"path-{size}.json"
    path_file.write_text(json.dumps({"choices": texts, "nodes": nodes,
                                     "ending": story.nodes[end].ending is not None}),
                         encoding="utf-8")
    ink = run_ink(ink_file, path_file, repeat, timeout)
    return Row(size, len(story.nodes), len(source.encode()) / 1000, len(ids), ours_load,
               ours_cached, ours_play, ink)


def fmt(seconds: object) -> str:
    return f"{seconds:.3f} s" if isinstance(seconds, float | int) else "—"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--sizes", default="1000,10000,50000",
                    help="story sizes in nodes, comma-separated (default 1000,10000,50000)")
    ap.add_argument("--choices", type=int, default=1000,
                    help="choices taken on the fixed path (default 1000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure; the best counts")
    ap.add_argument("--timeout", type=float, default=600.0,
                    help="seconds inkjs may take per story (default 600)")
    ap.add_argument("--seed", type=int, default=1942, help="generation seed (as bench/load.py)")
    ap.add_argument("--keep", type=Path, metavar="DIR",
                    help="write the stories and .ink files to DIR and leave them there")
    ap.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    repeat = max(1, args.repeat)
    package = ensure_inkjs()
    version = json.loads((package / "package.json").read_text())["version"]
    node_version = subprocess.run(["node", "--version"], capture_output=True, text=True,
                                  check=False).stdout.strip()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-ink-") as tmp:
        base = args.keep if args.keep is not None else Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            t0 = time.perf_counter()
            rows.append(measure(size, base, args.choices, repeat, args.timeout, args.seed))
            print(f"  {size:,} nodes measured in {time.perf_counter() - t0:.0f} s",
                  file=sys.stderr, flush=True)
    print(f"inkjs {version} on node {node_version}; best of {repeat}; "
          f"a fixed path of up to {args.choices:,} choices")
    head = (f"{'nodes':>7} {'ink KB':>7} {'choices':>7} {'ours load+check':>15} "
            f"{'ink compile':>12} {'ours cached':>11} {'ink JSON':>9} {'ours play':>9} "
            f"{'ink play':>9} {'same end':>8}")
    print(head)
    print("-" * len(head))
    ok = True
    for r in rows:
        ink = r.ink
        same = ink.get("same") is True
        print(f"{r.size:>7,} {r.ink_kb:>7,.0f} {r.choices:>7,} {fmt(r.ours_load):>15} "
              f"{fmt(ink.get('compile')):>12} {fmt(r.ours_cached):>11} "
              f"{fmt(ink.get('load')):>9} {fmt(r.ours_play):>9} {fmt(ink.get('play')):>9} "
              f"{'yes' if same else 'NO':>8}")
        if "error" in ink:
            print(f"        inkjs: {ink['error']}")
        else:
            wins = (r.ours_load < float(ink["compile"])  # type: ignore[arg-type]
                    and r.ours_play < float(ink["play"]))  # type: ignore[arg-type]
            ok = ok and bool(same) and wins
    if args.json:
        args.json.write_text(json.dumps({"inkjs": version, "node": node_version,
                                         "rows": [r.__dict__ for r in rows]}, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
