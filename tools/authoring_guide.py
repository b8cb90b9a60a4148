"""Follow the tutorial in docs/authoring.md word for word, and check (or write) its outputs.

The tutorial is written so a machine can follow it too. In a scratch copy of the
project's story it does what the reader is told, in order:

- `<!-- guide: write PATH -->` then a fenced block: create PATH with the block;
- `<!-- guide: insert PATH after "LINE" -->` then a block: insert the block after the
  first line of PATH that reads LINE (ignoring indentation);
- `<!-- guide: replace PATH "LINE" -->` then a block: replace that line with the block;
- a ```console block: run each `$ python ...` command (in the scratch folder, as the
  reader would in the project folder) and compare what it prints, stdout and stderr
  together, with the lines under it. A block after `<!-- guide: needs dot -->` runs
  only where Graphviz is installed.

`--check` (what the test runs) fails on the first output that differs; `--write` puts
the real outputs into the page. So every command in the tutorial is shown with what it
really prints, and the page cannot drift from the engine.

    python tools/authoring_guide.py [--check | --write]
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "authoring.md"
DIRECTIVE = re.compile(r"<!-- guide: (\w+)(.*?)-->")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.S | re.M)


@dataclass
class Step:
    action: str  # write, insert, replace, run
    path: str = ""
    line: str = ""
    body: str = ""
    span: tuple[int, int] = (0, 0)  # the fenced block's body in the page (for --write)
    needs_dot: bool = False


def steps(page: str) -> list[Step]:
    """The tutorial's actions, in page order."""
    found: list[Step] = []
    pending: Step | None = None
    needs_dot = False
    pos = 0
    while True:
        d = DIRECTIVE.search(page, pos)
        f = FENCE.search(page, pos)
        if f is None:
            break
        if d is not None and d.start() < f.start():
            action, rest = d.group(1), d.group(2).strip()
            if action == "needs":
                needs_dot = rest == "dot"
            else:
                words = shlex.split(rest)
                pending = Step(action, words[0], words[-1] if len(words) > 1 else "")
            pos = d.end()
            continue
        if f.group(1) == "console":
            found.append(Step("run", body=f.group(2), span=f.span(2), needs_dot=needs_dot))
            needs_dot = False
        elif pending is not None:
            pending.body = f.group(2)
            found.append(pending)
            pending = None
        pos = f.end()
    return found


def apply_edit(work: Path, step: Step) -> None:
    path = work / step.path
    if step.action == "write":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(step.body, encoding="utf-8")
        return
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next((i for i, ln in enumerate(lines) if ln.strip() == step.line), None)
    if at is None:
        raise SystemExit(f"guide: {step.path} has no line '{step.line}' to {step.action}")
    new = step.body.splitlines(keepends=True)
    lines[at:at + 1] = [lines[at], *new] if step.action == "insert" else new
    path.write_text("".join(lines), encoding="utf-8")


def run_block(work: Path, body: str) -> str:
    """Run each `$ ` command of a console block; return the block as it really reads."""
    out: list[str] = []
    env = {**os.environ, "STOCKHOLM_STORY": str(work / "story"), "COLUMNS": "100",
           "PYTHONIOENCODING": "utf-8"}
    for line in body.splitlines():
        if not line.startswith("$ "):
            continue
        words = shlex.split(line[2:])
        if words[:1] != ["python"]:
            raise SystemExit(f"guide: only python commands run here: {line}")
        script = ROOT / words[1]
        done = subprocess.run([sys.executable, str(script), *words[2:]], cwd=work, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              encoding="utf-8", check=False, timeout=600)
        out.append(line)
        out += [ln.rstrip() for ln in done.stdout.rstrip("\n").splitlines()]
    return "\n".join(out) + "\n"


def follow(page: str) -> list[tuple[Step, str]]:
    """Do the tutorial in a scratch folder; every console block with its real text."""
    results = []
    with tempfile.TemporaryDirectory(prefix="guide-") as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "story", work / "story")
        (work / "assets").symlink_to(ROOT / "assets", target_is_directory=True)
        has_dot = shutil.which("dot") is not None
        for step in steps(page):
            if step.action == "run":
                if step.needs_dot and not has_dot:
                    results.append((step, step.body))
                    continue
                results.append((step, run_block(work, step.body)))
            else:
                apply_edit(work, step)
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--write", action="store_true", help="put the real outputs into the page")
    ap.add_argument("--check", action="store_true",
                    help="fail if an output in the page differs (the default)")
    args = ap.parse_args()
    page = GUIDE.read_text(encoding="utf-8")
    results = follow(page)
    if args.write:
        for step, real in reversed(results):
            page = page[: step.span[0]] + real + page[step.span[1]:]
        GUIDE.write_text(page, encoding="utf-8")
        print(f"wrote {len(results)} console blocks into {GUIDE.relative_to(ROOT)}")
        return 0
    bad = 0
    for step, real in results:
        if real != step.body:
            bad += 1
            print(f"docs/authoring.md: this block differs from what the commands print:\n"
                  f"--- the page\n{step.body}--- real\n{real}")
    print(f"{len(results)} console blocks, {bad} out of date"
          + (": run python tools/authoring_guide.py --write" if bad else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
