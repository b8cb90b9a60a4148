"""Carrying a running playthrough over to a reloaded story (live reload).

An author edits the node on screen and wants to see it at once, with the game exactly
where it was. So the state is kept, not replayed: the node, the seed, the rolls and the
decision log stay; only what the new story can no longer hold is changed, and every
change is named so the author is never surprised by a value that moved.

The log is kept as it was: it is the history of what the player did. Going back
(`play.rollback`) replays it against the story as it now is, and stops at the last
decision that still works when an edit took one away; a save made after the edit
replays it the same way when loaded (see `persist.snapshot.make_save`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypeGuard

from ..story.expr.ast import Value
from ..story.model import Story, Variable
from .frozen import FrozenMap
from .state import PlayState


class AdjustKind(StrEnum):
    NEW = "new"  # a variable the story now declares: it starts at its default
    DROPPED = "dropped"  # a variable the story no longer declares
    CLAMPED = "clamped"  # an int outside the new min/max: the nearest bound
    RESET = "reset"  # a value that no longer fits (another type, not in `values`): the default
    VISITS_DROPPED = "visits_dropped"  # the visit count of a node that is gone
    ONCE_DROPPED = "once_dropped"  # a once-only choice, taken, that is gone


@dataclass(frozen=True)
class Adjustment:
    kind: AdjustKind
    name: str  # the variable, the node, or "node/choice"
    old: Value | None = None
    new: Value | None = None

    def describe(self) -> str:
        """One short English phrase (logs and tests; the game words its own)."""
        match self.kind:
            case AdjustKind.NEW:
                return f"{self.name} is new: {self.new!r}"
            case AdjustKind.DROPPED:
                return f"{self.name} was dropped (was {self.old!r})"
            case AdjustKind.CLAMPED:
                return f"{self.name} clamped: {self.old!r} -> {self.new!r}"
            case AdjustKind.RESET:
                return f"{self.name} no longer allows {self.old!r}: now {self.new!r}"
            case AdjustKind.VISITS_DROPPED:
                return f"visits of the removed node {self.name} dropped"
            case AdjustKind.ONCE_DROPPED:
                return f"the removed once-only choice {self.name} forgotten"


@dataclass(frozen=True)
class Rebased:
    """The state on the new story, or None with `missing_node` when the player's node is gone
    (the caller keeps playing the old story: a player's place is never lost)."""

    state: PlayState | None
    adjustments: tuple[Adjustment, ...] = ()
    missing_node: str | None = None


def rebase(story: Story, state: PlayState) -> Rebased:
    """`state`, carried over to `story` (the reloaded one)."""
    if state.node not in story.nodes:
        return Rebased(None, (), state.node)
    adjustments: list[Adjustment] = []
    values: dict[str, Value] = {}
    for name, var in story.variables.items():
        if name not in state.vars:
            values[name] = var.default
            adjustments.append(Adjustment(AdjustKind.NEW, name, None, var.default))
            continue
        old = state.vars[name]
        values[name] = new = _fit(var, old)
        if new != old or type(new) is not type(old):
            kind = AdjustKind.CLAMPED if _is_int(old) and var.type == "int" else AdjustKind.RESET
            adjustments.append(Adjustment(kind, name, old, new))
    for name in state.vars:
        if name not in story.variables:
            adjustments.append(Adjustment(AdjustKind.DROPPED, name, state.vars[name], None))
    visits = {n: c for n, c in state.visits.items() if n in story.nodes}
    adjustments += [Adjustment(AdjustKind.VISITS_DROPPED, n) for n in state.visits
                    if n not in visits]
    once = frozenset(p for p in state.once_taken
                     if p[0] in story.nodes and story.nodes[p[0]].choice(p[1]) is not None)
    adjustments += [Adjustment(AdjustKind.ONCE_DROPPED, f"{n}/{c}")
                    for n, c in sorted(state.once_taken - once)]
    new_state = state.evolve(vars=FrozenMap(values), visits=FrozenMap(visits), once_taken=once)
    return Rebased(new_state, tuple(adjustments))


def _fit(var: Variable, value: Value) -> Value:
    """The value as the variable now allows it: clamped when an int, else kept or the default."""
    if var.type == "int":
        return var.clamp(value) if _is_int(value) else var.default
    if var.type == "bool":
        return value if isinstance(value, bool) else var.default
    if not isinstance(value, str) or (var.values is not None and value not in var.values):
        return var.default
    return value


def _is_int(value: Value | None) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)
