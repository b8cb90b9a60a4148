"""Replaying a saved decision log against the story as it is now.

A save holds both the decisions and the state they led to. Loading replays the
decisions rather than trusting the state, so a save made before the author changed
the story still loads: either the decisions reproduce the saved state exactly, or the
replay says at which decision the story now goes another way, and why, and stops at
the last decision that still works (the player goes on from there).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..story.model import Story
from .play import advance, choose, offered, start
from .state import Decision, PlayState

MAX_NEXT_STEPS = 10_000  # `next` links followed after one decision (check forbids next-cycles)


class DivergenceKind(StrEnum):
    MISSING_NODE = "missing_node"  # the decision's node no longer exists
    ELSEWHERE = "elsewhere"  # the story now arrives at another node before this decision
    MISSING_CHOICE = "missing_choice"  # the node no longer has that choice
    HIDDEN = "hidden"  # the choice's `if` is now false (or, once-only, already taken)
    DISABLED = "disabled"  # the choice's `enabled_if` is now false
    STATE = "state"  # every decision still works, but the state turns out differently


@dataclass(frozen=True)
class Divergence:
    decision: int  # 1-based number of the decision where the story goes another way
    node: str  # where that decision was made when the game was saved
    choice: str
    kind: DivergenceKind
    reason: str  # one sentence for the player and the author

    def to_json(self) -> dict[str, object]:
        return {"decision": self.decision, "node": self.node, "choice": self.choice,
                "kind": self.kind.value, "reason": self.reason}


@dataclass(frozen=True)
class Reproduction:
    state: PlayState  # the saved state, or where the replay had to stop
    entered: tuple[PlayState, ...]  # the state at every node entered, in order (trace steps)
    after: tuple[PlayState, ...]  # the state right after each replayed decision
    divergence: Divergence | None
    reproduced: bool  # every decision replayed and the result equals the saved state

    @property
    def replayed(self) -> int:
        return len(self.after)


def state_digest(state: PlayState) -> str:
    """A short fingerprint of what a state means (not of how it is stored)."""
    doc = [state.node, sorted(state.vars.items()), sorted(state.visits.items()),
           sorted(state.once_taken), [list(r) for r in state.rolls]]
    raw = json.dumps(doc, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def reproduce(story: Story, seed: int, decisions: Sequence[Decision],
              target: PlayState | None = None,
              digests: Sequence[str | None] = ()) -> Reproduction:
    """Replay `decisions` from a new playthrough with `seed`, comparing as it goes.

    `digests[i]`, when given, is the `state_digest` right after decision i when the game
    was saved: it pins down the first decision whose outcome changed even when every
    choice can still be taken. `target` is the saved state: after the last decision the
    replay follows `next` links until it stands where the save stood.
    """
    entered: list[PlayState] = []
    after: list[PlayState] = []
    s = start(story, seed)
    entered.append(s)
    for i, d in enumerate(decisions):
        s = _follow_next(story, s, entered, d.node)
        problem = _obstacle(story, s, d, i + 1)
        if problem is not None:
            return Reproduction(s, tuple(entered), tuple(after), problem, False)
        s = choose(story, s, d.choice)
        entered.append(s)
        after.append(s)
    if target is not None:
        s = _follow_next(story, s, entered, target.node, target)
    if target is None or s == target:
        return Reproduction(s, tuple(entered), tuple(after), None, True)
    # Only now are the digests worth computing (a sha256 per decision was most of a
    # load's time): the first that differs names the decision whose outcome changed.
    first_changed = next((i for i, (st, digest) in enumerate(zip(after, digests, strict=False))
                          if digest is not None and state_digest(st) != digest), None)
    return Reproduction(s, tuple(entered), tuple(after),
                        _changed_state(decisions, first_changed, s, target), False)


def _follow_next(story: Story, s: PlayState, entered: list[PlayState], toward: str,
                 target: PlayState | None = None) -> PlayState:
    """Continue through `next` nodes until reaching `toward` (or `target` exactly)."""
    for _ in range(MAX_NEXT_STEPS):
        if s.node == toward and (target is None or s.visits == target.visits):
            return s
        if story.nodes[s.node].next is None:
            return s
        s = advance(story, s)
        entered.append(s)
    return s


def _obstacle(story: Story, s: PlayState, d: Decision, number: int) -> Divergence | None:
    """Why decision `d` cannot be taken in `s`, or None when it can."""
    if d.node not in story.nodes:
        return Divergence(number, d.node, d.choice, DivergenceKind.MISSING_NODE,
                          f"decision {number} was made at '{d.node}', which the story no "
                          f"longer has; it now reaches '{s.node}' there")
    if s.node != d.node:
        return Divergence(number, d.node, d.choice, DivergenceKind.ELSEWHERE,
                          f"decision {number} was made at '{d.node}', but the story now "
                          f"reaches '{s.node}' there")
    node = story.nodes[d.node]
    if node.choice(d.choice) is None:
        return Divergence(number, d.node, d.choice, DivergenceKind.MISSING_CHOICE,
                          f"'{d.node}' no longer has the choice '{d.choice}' taken at "
                          f"decision {number}")
    offer = next((o for o in offered(story, s) if o.id == d.choice), None)
    if offer is None:
        return Divergence(number, d.node, d.choice, DivergenceKind.HIDDEN,
                          f"the choice '{d.choice}' at '{d.node}' (decision {number}) is now "
                          "hidden: its condition is false here")
    if not offer.enabled:
        return Divergence(number, d.node, d.choice, DivergenceKind.DISABLED,
                          f"the choice '{d.choice}' at '{d.node}' (decision {number}) is now "
                          "disabled here")
    return None


def _changed_state(decisions: Sequence[Decision], first_changed: int | None, got: PlayState,
                   saved: PlayState) -> Divergence:
    index = first_changed if first_changed is not None else max(0, len(decisions) - 1)
    d = decisions[index] if decisions else Decision(saved.node, "")
    diffs = [_var_change(name, got, saved) for name in sorted(set(got.vars) | set(saved.vars))
             if got.vars.get(name) != saved.vars.get(name)]
    if got.node != saved.node:
        diffs.insert(0, f"the story now stands at '{got.node}' (was '{saved.node}')")
    detail = "; ".join(diffs[:4]) + (f"; and {len(diffs) - 4} more" if len(diffs) > 4 else "")
    detail = detail or "the visit counts differ"
    if not decisions:
        return Divergence(0, saved.node, "", DivergenceKind.STATE,
                          f"the story now begins differently: {detail}")
    return Divergence(index + 1, d.node, d.choice, DivergenceKind.STATE,
                      f"every decision still works, but from decision {index + 1} on the story "
                      f"turns out differently: {detail}")


def _var_change(name: str, got: PlayState, saved: PlayState) -> str:
    if name not in got.vars:
        return f"{name} no longer exists (was {saved.vars[name]!r})"
    if name not in saved.vars:
        return f"{name} is new ({got.vars[name]!r})"
    return f"{name} is {got.vars[name]!r} (was {saved.vars[name]!r})"
