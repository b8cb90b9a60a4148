"""`play --start NODE --set name=value --debug`: start anywhere, with fixtures.

An author testing a late branch names the node and the values it expects. They are
checked against the story before any window opens, and each mistake exits 2 with a
message that names the fix: the closest node ids, the declared variable names, the
allowed range or values. The order is the engine's: defaults, then every --set, then
the node entered (visit +1, on_enter), so on_enter sees the fixtures.
"""

from __future__ import annotations

import argparse
import secrets
import sys

from .engine.fixtures import FixtureError, check_node, parse_assignment
from .engine.jump import start_at
from .engine.state import PlayState
from .story.expr.ast import Value
from .story.model import Story


def add_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--start", metavar="NODE", default=None,
                   help="start at this node, entered as play enters it (a debug session: "
                        "no saves)")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   dest="fixtures",
                   help="give a variable a value before the first node is entered "
                        "(repeatable; ints, true/false, strings)")
    p.add_argument("--debug", action="store_true",
                   help="open the debug overlay (F3) from the start")


def wants_fixture(args: argparse.Namespace) -> bool:
    """Whether `play` was asked to start from a fixture (`--start`, `--set`)."""
    return getattr(args, "start", None) is not None or bool(getattr(args, "fixtures", None))


def fixture_state(story: Story, args: argparse.Namespace,
                  seed: int | None) -> PlayState | None | int:
    """The state to start from; None to start as usual; 2 after printing why not."""
    node: str | None = getattr(args, "start", None)
    sets: list[str] = getattr(args, "fixtures", None) or []
    if node is None and not sets:
        return None
    if getattr(args, "load", None) is not None:
        return _fail("--start and --set start a new game; they cannot be combined with --load")
    try:
        values: dict[str, Value] = {}
        for text in sets:
            name, value = parse_assignment(story, text)
            values[name] = value
        if node is not None:
            check_node(story, node)
        return start_at(story, node, values, seed if seed is not None else secrets.randbits(32))
    except FixtureError as e:
        return _fail(str(e))


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2
