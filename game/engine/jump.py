"""Changing a playthrough by hand: enter any node, set a variable, start anywhere.

An author testing a late branch wants the state the branch expects without playing up
to it (the debug overlay, `play --start NODE --set name=value`). A jump enters the node
exactly as play does (visit +1, then on_enter), so what the author sees is what a
player arriving there with that state would see.

Such a state is no longer the fold of its log, so going back cannot replay the log
from the start. Each hand edit is kept as an `Edit` (the state right after it and how
many decisions the log held then), and `rollback_edited` replays from the latest edit
before the wanted decision instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..story.expr.ast import Value
from ..story.model import Story
from .fixtures import FixtureError, check_node, check_value, close_list
from .frozen import FrozenMap
from .play import enter, replay_prefix, rollback
from .state import PlayState


@dataclass(frozen=True)
class Edit:
    """A state set by hand, and the length of its log at that moment."""

    at: int
    state: PlayState


def jump(story: Story, state: PlayState, node_id: str) -> PlayState:
    """Enter `node_id` from `state`: its visit count goes up, its on_enter applies."""
    return enter(story, state, check_node(story, node_id))


def set_variable(story: Story, state: PlayState, name: str, value: Value) -> PlayState:
    """The same state with one variable changed (checked against its declaration)."""
    var = story.variables.get(name)
    if var is None:
        raise FixtureError(f"no variable '{name}' is declared; {close_list(name, story.variables)}")
    return state.evolve(vars=state.vars.updated({name: check_value(var, value)}))


def start_at(story: Story, node_id: str | None = None,
             values: Mapping[str, Value] | None = None, seed: int = 0) -> PlayState:
    """A new playthrough: the defaults, then `values`, then `node_id` (or start) entered."""
    state = PlayState(story.start, FrozenMap(story.initial_variables()), FrozenMap(), seed=seed)
    for name, value in (values or {}).items():
        state = set_variable(story, state, name, value)
    return jump(story, state, node_id if node_id is not None else story.start)


def rollback_edited(story: Story, state: PlayState, edits: tuple[Edit, ...],
                    decisions: int) -> tuple[PlayState, tuple[Edit, ...]]:
    """The state just before decision number `decisions`, and the edits still before it.

    Decisions made before the first edit replay from the start as usual; later ones
    replay from the latest edit that precedes them, as far as they still replay (a live
    reload may have taken a choice away).
    """
    if not 0 <= decisions <= len(state.log):
        raise ValueError(f"no decision {decisions}: the log has {len(state.log)}")
    kept = tuple(e for e in edits if e.at <= decisions)
    if not kept:
        return rollback(story, state, decisions), ()
    base = kept[-1]
    if base.state.node not in story.nodes:  # removed by a live reload: stay where we are
        return state, kept
    return replay_prefix(story, base.state, state.log[base.at:decisions]), kept
