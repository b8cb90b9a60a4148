"""The command line: `python main.py [play|check|trace|explore|replay|saves|graph|strings]`.

Exit status: 0 fine; 1 `check` found errors, `replay` did not reproduce the save,
`explore --to` found no path, or `strings` found untranslated texts; 2 the story has
errors (for commands that need a working story) or the command line is wrong; 3 `trace`
was given a choice that cannot be taken; 4 `replay` was given a damaged save.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from . import cli_graph, cli_strings
from .cli_fixtures import add_options as add_fixture_options
from .cli_fixtures import fixture_state, wants_fixture
from .cli_saves import add_commands, cmd_replay, cmd_saves, write_trace_save
from .story import LoadResult
from .story.diagnostics import CODES
from .story.model import Story

if TYPE_CHECKING:
    from .persist.story_cache import CachedStory

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STORY = PROJECT_ROOT / "story"


def _story_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("story_dir", nargs="?", default=None,
                   help="the story folder (default: the game's own story/)")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python main.py",
        description="The Stockholm Channel. With no command, the game opens in a window.")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("play", help="play the story (in a window, or --text in the terminal)")
    _story_arg(p)
    p.add_argument("--text", action="store_true", help="play in the terminal, no window")
    p.add_argument("--lang", help="language code, e.g. en or ja (default: the story's first)")
    p.add_argument("--seed", type=int, default=None, help="dice seed (default: random)")
    p.add_argument("--choose", metavar="ID,ID,...",
                   help="watch the game play these choices in the window, as trace takes them")
    p.add_argument("--pace", type=float, default=1.5,
                   help="with --choose: seconds each finished page stays up (default 1.5)")
    p.add_argument("--saves", default=None, metavar="DIR",
                   help="the folder for saves, settings and progress (default: "
                        "$STOCKHOLM_SAVES, else saves/)")
    p.add_argument("--load", default=None, metavar="SAVE_FILE",
                   help="open this save (a shared one, say) instead of the title screen")
    add_fixture_options(p)

    p = sub.add_parser("check", help="validate a story and list every problem")
    _story_arg(p)
    p.add_argument("--json", action="store_true", help="print the diagnostics as JSON")
    p.add_argument("--codes", action="store_true", help="list every diagnostic code and exit")

    p = sub.add_parser("trace", help="play headless with a list of choice ids; print JSON")
    _story_arg(p)
    p.add_argument("--choose", default="", help="choice ids to take in order, comma-separated")
    p.add_argument("--lang", help="language of the rendered texts (default: the story's first)")
    p.add_argument("--seed", type=int, default=0, help="dice seed (default 0)")
    p.add_argument("--save", default=None, metavar="FILE",
                   help="also write a save of where the trace ends (load it or replay it)")

    p = sub.add_parser("explore", help="walk every reachable state; report endings, stuck "
                                       "states, dead ends and unreached nodes")
    _story_arg(p)
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--max-states", type=int, default=None,
                   help="stop after this many distinct states (then complete is false)")
    p.add_argument("--random", type=int, default=None, metavar="N",
                   help="instead, play N random playthroughs and report coverage")
    p.add_argument("--seed", type=int, default=0, help="seed for --random (default 0)")
    p.add_argument("--to", metavar="NODE", default=None,
                   help="instead, find a shortest path to NODE, searching only as far as needed")
    add_commands(sub, _story_arg)
    cli_graph.add_command(sub, _story_arg)
    cli_strings.add_command(sub, _story_arg)
    return ap


def main(argv: list[str] | None = None) -> int:
    _utf8_output()
    args = build_parser().parse_args(argv)
    command = args.command or "play"
    if command == "play":
        return cmd_play(args)
    if command == "check":
        return cmd_check(args)
    if command == "trace":
        return cmd_trace(args)
    if command == "replay":
        return cmd_replay(args, story_dir(args))
    if command == "saves":
        return cmd_saves(args)
    if command == "graph":
        return cli_graph.run(args)
    if command == "strings":
        return cli_strings.run(args)
    return cmd_explore(args)


def _utf8_output() -> None:
    """Japanese must print on any terminal; a stream that cannot take it escapes instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # pragma: no cover - exotic streams
                pass


def story_dir(args: argparse.Namespace) -> str:
    """The story folder given, else $STOCKHOLM_STORY, else the game's own story/."""
    given = getattr(args, "story_dir", None)
    if given is not None:
        return str(given)
    default = Path(os.environ.get("STOCKHOLM_STORY") or DEFAULT_STORY)
    try:  # shown in diagnostics, so keep it short when we can
        return os.path.relpath(default)
    except ValueError:  # another drive on Windows
        return str(default)


def load_or_report(args: argparse.Namespace) -> LoadResult:
    """Load the story through the startup cache; on errors print the diagnostics to stderr
    (callers exit with 2). `check` alone always reads afresh."""
    from .persist.story_cache import load_story_cached

    result = load_story_cached(story_dir(args))
    if not result.ok:
        print_diagnostics(result, sys.stderr)
    return result


def peek_story(args: argparse.Namespace) -> CachedStory | None:
    """The startup cache's entry for the story, not yet decoded (None: no entry)."""
    from .persist.story_cache import peek_cached

    return peek_cached(story_dir(args))


def print_diagnostics(result: LoadResult, out: TextIO) -> None:
    for d in result.diagnostics:
        print(d.format(), file=out)
    errors, warnings = len(result.errors), len(result.warnings)
    print(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
          file=out)


def dump_json(doc: Any) -> None:
    ascii_only = (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") != "utf8"
    print(json.dumps(doc, ensure_ascii=ascii_only, indent=2))


def cmd_check(args: argparse.Namespace) -> int:
    if args.codes:
        for code, (severity, title) in CODES.items():
            print(f"{code}  {severity.value:<7}  {title}")
        return 0
    from .story.loader import load_story  # check reads afresh: never the startup cache

    result = load_story(story_dir(args))
    if args.json:
        dump_json([{"file": d.file, "line": d.line, "col": d.col, "severity": d.severity.value,
                    "code": d.code, "message": d.message,
                    "related": [{"file": r.file, "line": r.line, "col": r.col,
                                 "message": r.message} for r in d.related]}
                   for d in result.diagnostics])
    else:
        print_diagnostics(result, sys.stdout)
    return 1 if result.errors else 0


def _check_lang(result: LoadResult, lang: str | None) -> bool:
    assert result.story is not None
    return _check_languages(result.story.languages, lang)


def _check_languages(languages: tuple[str, ...], lang: str | None) -> bool:
    if lang is not None and lang not in languages:
        print(f"error: the story has no language '{lang}'; it has {', '.join(languages)}",
              file=sys.stderr)
        return False
    return True


def cmd_trace(args: argparse.Namespace) -> int:
    from .engine.trace import run_trace

    result = load_or_report(args)
    if result.story is None:
        return 2
    if not _check_lang(result, args.lang):
        return 2
    ids = [c.strip() for c in args.choose.split(",") if c.strip()]
    trace = run_trace(result.story, ids, args.lang, args.seed)
    dump_json(trace.to_json())
    if args.save and trace.state is not None:
        lang = args.lang or result.story.default_language
        if write_trace_save(result.story, trace.state, lang, args.save):
            return 2
    return 3 if trace.invalid_choice else 0


def cmd_explore(args: argparse.Namespace) -> int:
    from .engine.explore import DEFAULT_MAX_STATES, explore
    from .engine.random_walk import random_playthroughs

    result = load_or_report(args)
    if result.story is None:
        return 2
    story = result.story
    if args.to is not None:
        return print_path_to(story, args.to, args.max_states or DEFAULT_MAX_STATES, args.json)
    if args.random is not None:
        cov = random_playthroughs(story, max(0, args.random), args.seed)
        doc = cov.to_json(story)
        if args.json:
            dump_json(doc)
        else:
            print_coverage(doc)
        return 0
    report = explore(story, args.max_states or DEFAULT_MAX_STATES)
    if args.json:
        dump_json(report.to_json())
    else:
        print_exploration(report.to_json(), report.paths_to_nodes)
    return 0


def print_exploration(doc: dict[str, Any], paths: dict[str, list[str]]) -> None:
    state = "complete" if doc["complete"] else "INCOMPLETE (state limit reached)"
    print(f"explored {doc['states']:,} states: {state}")
    print(f"endings reached: {len(doc['endings'])}")
    for ending, path in doc["endings"].items():
        print(f"  {ending}: {','.join(path) or '(no decision)'}")
    for title, key in (("unreached nodes", "unreached_nodes"), ("no exit", "no_exit")):
        print(f"{title}: {', '.join(doc[key]) if doc[key] else 'none'}")
    print(f"stuck: {'none' if not doc['stuck'] else ''}")
    for s in doc["stuck"]:
        print(f"  {s['node']}: {','.join(s['path']) or '(no decision)'}")
    print("shortest path to every node (for trace --choose):")
    for node, path in paths.items():
        print(f"  {node}: {','.join(path) or '(no decision)'}")


def print_path_to(story: Story, node: str, max_states: int, as_json: bool) -> int:
    """`explore --to NODE`: exit 0 with a path, 1 if the node cannot be reached, 2 if it
    does not exist."""
    from .engine.explore import shortest_path_to
    from .engine.fixtures import FixtureError, check_node

    try:
        check_node(story, node)  # the same message as `play --start` gives
    except FixtureError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    found = shortest_path_to(story, node, max_states)
    if as_json:
        dump_json({"node": node, "path": found.path, "states": found.states,
                   "complete": found.complete})
    elif found.path is None:
        why = ("no path from the start reaches it" if found.complete
               else "not found before the state limit (--max-states)")
        print(f"{node}: {why} ({found.states:,} states searched)")
    else:
        ids = ",".join(found.path) or "''"
        n = len(found.path)
        print(f"{node}: {n} decision{'s' * (n != 1)} from the start "
              f"({found.states:,} states searched)")
        print(f"  python main.py trace --choose {ids}")
        print(f"  python main.py play --choose {ids}")
    return 0 if found.path is not None else 1


def print_coverage(doc: dict[str, Any]) -> None:
    cov = doc["coverage"]
    n, c = cov["nodes"], cov["choices"]
    print(f"{doc['playthroughs']} random playthroughs (seed {doc['seed']})")
    print(f"nodes reached:  {n['reached']}/{n['total']} ({_pct(n['reached'], n['total'])})")
    print(f"choices taken:  {c['reached']}/{c['total']} ({_pct(c['reached'], c['total'])})")
    print("endings: " + (", ".join(f"{k} ×{v}" for k, v in doc["endings"].items()) or "none"))
    length = doc["length"]
    d, w, m = length["decisions"], length["words"], length["minutes"]
    print(f"a playthrough:  {d['min']}–{d['max']} decisions (median {d['median']}), "
          f"{w['min']:,}–{w['max']:,} words (median {w['median']:,}), "
          f"about {m['median']} minutes of reading")
    if doc["stuck"]:
        print("stuck at: " + ", ".join(f"{k} ×{v}" for k, v in doc["stuck"].items()))
    if doc["cut_off"]:
        print(f"cut off (too long, probably a loop): {doc['cut_off']}")
    if doc["unreached_nodes"]:
        print("never reached: " + ", ".join(doc["unreached_nodes"]))
    if doc["untaken_choices"]:
        print("never taken: " + ", ".join(doc["untaken_choices"]))


def _pct(a: int, b: int) -> str:
    return f"{100.0 * a / b if b else 100.0:.1f}%"


def cmd_play(args: argparse.Namespace) -> int:
    text_mode = getattr(args, "text", False)
    lang = getattr(args, "lang", None)
    seed = getattr(args, "seed", None)
    quick = None if text_mode or wants_fixture(args) else peek_story(args)
    if quick is not None:  # the window opens on the title before the story is decoded
        if not _check_languages(quick.languages, lang):
            return 2
        story: Story | CachedStory | None = quick
        result = LoadResult(None, ())
        fixture = None
    else:
        result = load_or_report(args)
        if result.story is None and text_mode:
            return 2
        if result.story is not None and not _check_lang(result, lang):
            return 2
        found = fixture_state(result.story, args, seed) if result.story is not None else None
        if isinstance(found, int):
            return found
        fixture, story = found, result.story
    if text_mode and result.story is not None:
        from .text_player import play_in_terminal

        return play_in_terminal(result.story, lang, seed, state=fixture)
    try:
        from .ui.app import run_game
    except ImportError as e:
        print(f"The window cannot open ({e}); play in the terminal with "
              "'python main.py play --text'.", file=sys.stderr)
        return 2
    pilot = None
    if getattr(args, "choose", None) is not None:
        from .ui.autopilot import Autopilot

        pilot = Autopilot.from_ids(args.choose.split(","), args.pace)
    return run_game(story, lang, seed, result, pilot, getattr(args, "saves", None),
                    getattr(args, "load", None), story_dir=story_dir(args), fixture=fixture,
                    debug=getattr(args, "debug", False))
