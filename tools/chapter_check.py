"""Check and explore one chapter file on its own, before the chapters around it exist.

    python tools/chapter_check.py story/ch3_talks.yaml [--entry NODE] [--set VAR=VALUE ...]

The chapter is copied beside the manifest into a scratch story whose start is the
chapter's entry node (its first node unless --entry names one); every node it links
to that it does not define becomes a stub ending. --set changes a variable's starting
value, to see the chapter as a later player arrives in it. Prints the chapter's own
diagnostics, then what `explore` finds: states, complete, the exits reached (with a
shortest path to each), stuck states, unreached nodes and nodes without an exit.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine.explore import explore  # noqa: E402
from game.story.loader import load_story  # noqa: E402

DECLARATION_WARNINGS = {"W003", "W004", "W005", "W006", "W007"}  # other chapters; assets


def parse_value(text: str) -> object:
    if text in ("true", "false"):
        return text == "true"
    try:
        return int(text)
    except ValueError:
        return text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("chapter", type=Path)
    ap.add_argument("--entry")
    ap.add_argument("--set", action="append", default=[], metavar="VAR=VALUE")
    ap.add_argument("--max-states", type=int, default=500_000)
    args = ap.parse_args()
    story_dir = ROOT / "story"
    chapter = yaml.safe_load(args.chapter.read_text(encoding="utf-8"))
    nodes: dict[str, dict] = chapter.get("nodes") or {}
    entry = args.entry or next(iter(nodes))
    targets: set[str] = set()
    for node in nodes.values():
        if not isinstance(node, dict):
            continue
        if isinstance(node.get("next"), str):
            targets.add(node["next"])
        for choice in node.get("choices") or []:
            if isinstance(choice, dict) and isinstance(choice.get("goto"), str):
                targets.add(choice["goto"])
    missing = sorted(targets - set(nodes))
    manifest = yaml.safe_load((story_dir / "story.yaml").read_text(encoding="utf-8"))
    manifest["start"] = entry
    for item in args.set:
        name, _, value = item.partition("=")
        manifest["variables"][name]["default"] = parse_value(value)
    first_ending = next(iter(manifest["endings"]))
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        (scratch / "story.yaml").write_text(
            yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), encoding="utf-8")
        shutil.copy(args.chapter, scratch / args.chapter.name)
        stubs = {"nodes": {m: {"text": f"(stub: {m})", "ending": first_ending}
                           for m in missing}}
        (scratch / "zz_stubs.yaml").write_text(yaml.safe_dump(stubs), encoding="utf-8")
        result = load_story(scratch)
        shown = [d for d in result.diagnostics
                 if d.code not in DECLARATION_WARNINGS and "zz_stubs" not in d.file]
        for d in shown:
            print(d.format().replace(str(scratch), "story"))
        errors = sum(1 for d in shown if d.severity.value == "error")
        print(f"-- {len(nodes)} nodes, {errors} errors, {len(shown) - errors} warnings; "
              f"exits: {', '.join(missing) or 'none'}")
        if result.story is None:
            return 1
        ex = explore(result.story, args.max_states)
        print(f"-- explore: complete={ex.complete} states={ex.states}")
        for m in missing:
            path = ex.paths_to_nodes.get(m)
            print(f"   exit {m}: " + ("NOT REACHED" if path is None else ",".join(path)))
        for s in ex.stuck:
            print(f"   STUCK at {s['node']} via {','.join(s['path'])}")
        for n in ex.unreached_nodes:
            if n not in missing:
                print(f"   UNREACHED {n}")
        for n in ex.no_exit:
            print(f"   NO EXIT from {n}")
        decisions = max((len(p) for n, p in ex.paths_to_nodes.items() if n in missing),
                        default=0)
        print(f"-- longest shortest path to an exit: {decisions} decisions")
        return 1 if errors or ex.stuck or ex.no_exit else 0


if __name__ == "__main__":
    sys.exit(main())
