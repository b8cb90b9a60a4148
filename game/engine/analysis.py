"""What of a state can change the course of a playthrough, for exploration's abstraction.

Only choice conditions (`if`, `enabled_if`) decide where a playthrough can go; texts
do not. So a variable no condition reads, and a visit count no condition reads, can
be forgotten when comparing states; and a visit count that conditions compare only
with small literals can be capped just above the largest of them. Two states that
agree on the rest offer the same choices now and forever after.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..story.expr.ast import int_literals_in, names_in, visited_in
from ..story.model import Story
from .frozen import FrozenMap
from .state import PlayState


@dataclass(frozen=True)
class Relevance:
    variables: frozenset[str]  # read by some choice condition
    visited: frozenset[str]  # nodes whose visit count some choice condition reads
    visit_cap: int  # visit counts above this behave alike in every condition


@lru_cache(maxsize=8)
def relevance(story: Story) -> Relevance:
    names: set[str] = set()
    nodes: set[str] = set()
    literals: set[int] = {0}
    for node in story.nodes.values():
        for c in node.choices:
            for e in (c.condition, c.enabled_if):
                if e is not None:
                    names |= names_in(e.ast)
                    nodes |= visited_in(e.ast)
                    literals |= {abs(i) for i in int_literals_in(e.ast)}
    return Relevance(frozenset(names), frozenset(nodes), max(literals) + 1)


def abstract(story: Story, state: PlayState) -> PlayState:
    """The state with everything that cannot change the course removed or capped."""
    rel = relevance(story)
    defaults = story.variables
    values = {name: (value if name in rel.variables else defaults[name].default)
              for name, value in state.vars.items()}
    visits = {n: min(c, rel.visit_cap) for n, c in state.visits.items() if n in rel.visited}
    return PlayState(state.node, FrozenMap(values), FrozenMap(visits), state.once_taken)
