"""The playthrough state: one immutable value holding everything a playthrough is.

Rollback is replaying a prefix of `log`, a save is a serialisation, a replay is a
fold of `choose`, and exploration is a search over these values (STYLE.md, lesson 4).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..story.expr.ast import Value
from .frozen import FrozenMap


@dataclass(frozen=True)
class Decision:
    """One decision in the log: the node it was made at and the choice taken."""

    node: str
    choice: str


@dataclass(frozen=True)
class PlayState:
    node: str
    vars: FrozenMap[str, Value]
    visits: FrozenMap[str, int]
    once_taken: frozenset[tuple[str, str]] = frozenset()
    seed: int = 0
    rolls: tuple[tuple[int, int], ...] = ()  # the range of every roll so far, in order
    log: tuple[Decision, ...] = ()

    @property
    def roll_count(self) -> int:
        return len(self.rolls)

    def visited(self, node_id: str) -> int:
        return self.visits.get(node_id, 0)

    def evolve(self, **changes: object) -> PlayState:
        return replace(self, **changes)  # type: ignore[arg-type]
