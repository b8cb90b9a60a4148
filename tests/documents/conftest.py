"""The shipped story, and playthroughs of it taken by really playing (as `trace` does)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from game.engine import PlayState, Status, choose, offered, settle, start, status
from game.engine.play import forced_choice
from game.story import Story
from tests.conftest import ROOT

PLANS = sorted((ROOT / "tests" / "plans").glob("*.yaml"))
OPENING = ["file", "bold", "show_kuga", "reception", "bow", "accept", "listen",
           "minister_tokyo", "compare", "urgent", "let_it_land", "frank", "wait_for_tokyo",
           "promise_zone", "word_on_berlin", "their_minutes", "defy", "to_table"]
"""Chapters I and II of the better_line plan: it leaves the player at Article 2 (ch3a_line),
knowing Moscow's urgency."""


def walk(story: Story, choices: Sequence[str], seed: int = 0) -> PlayState:
    """Play `choices` in order, taking a node's only choice unnamed (as `trace` does); stops
    where the list ends."""
    state = settle(story, start(story, seed))
    pending = list(choices)
    while status(story, state) is Status.DECISION:
        offers = offered(story, state)
        if pending and any(o.id == pending[0] and o.enabled for o in offers):
            state = settle(story, choose(story, state, pending.pop(0)))
            continue
        forced = forced_choice(offers)
        if forced is None or not pending:
            break
        state = settle(story, choose(story, state, forced.id))
    assert not pending, f"could not take {pending[0]} at {state.node}"
    return state


def load_plan(path: Path) -> dict[str, Any]:
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(plan, dict)
    return plan
