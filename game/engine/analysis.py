"""What of a state can still change the course of a playthrough, for exploration.

Only choice conditions (`if`, `enabled_if`) and `once` flags decide where a playthrough
can go; texts do not. A *fact* is a variable, a node's visit count or a `once` flag.
A fact is *live* at a node when some path onward can read it in a condition before
anything overwrites it (classic backward liveness over the story graph). Two states at
one node that agree on the live facts offer the same choices now and forever after, so
exploration compares states on those alone. This is what keeps a long story with many
variables explorable: a variable read in chapter II and never again stops splitting
states once chapter II is over. Visit counts that conditions compare only with small
literals are also capped just above the largest of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..story.expr.ast import int_literals_in, names_in, visited_in
from ..story.model import Choice, Effect, Node, Story
from .frozen import FrozenMap
from .state import PlayState

Fact = tuple[str, ...]  # ("var", name) | ("visits", node) | ("once", node, choice)


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


def _reads(node: Node) -> set[Fact]:
    """The facts a node's choices read when the node is shown."""
    out: set[Fact] = set()
    for c in node.choices:
        for e in (c.condition, c.enabled_if):
            if e is not None:
                out |= {("var", n) for n in names_in(e.ast)}
                out |= {("visits", n) for n in visited_in(e.ast)}
        if c.once:
            out.add(("once", node.id, c.id))
    return out


def _through(effects: Iterable[Effect], live: set[Fact]) -> set[Fact]:
    """Live facts before `effects`, given those live after: `set` and `roll` overwrite
    their variable; `add` reads it only where it is live anyway."""
    out = set(live)
    for effect in reversed(tuple(effects)):
        if effect.kind != "add":
            out.discard(("var", effect.var))
    return out


def _through_choice(node: Node, choice: Choice, live: set[Fact]) -> set[Fact]:
    out = _through(choice.effects, live)
    if choice.once:
        out.discard(("once", node.id, choice.id))
    return out


@lru_cache(maxsize=8)
def liveness(story: Story) -> dict[str, frozenset[Fact]]:
    """For every node, the facts live once it has been entered (after `on_enter`)."""
    nodes = story.nodes
    reads = {nid: _reads(node) for nid, node in nodes.items()}
    settled: dict[str, set[Fact]] = {nid: set(r) for nid, r in reads.items()}
    preds: dict[str, set[str]] = {nid: set() for nid in nodes}
    for nid, node in nodes.items():
        targets = [c.goto for c in node.choices] + ([node.next] if node.next else [])
        for t in targets:
            if t in preds:
                preds[t].add(nid)
    work = list(nodes)
    while work:
        nid = work.pop()
        node = nodes[nid]
        live = set(reads[nid])
        if node.next is not None and node.next in nodes:
            live |= _through(nodes[node.next].on_enter, settled[node.next])
        for c in node.choices:
            if c.goto in nodes:
                target = _through(nodes[c.goto].on_enter, settled[c.goto])
                live |= _through_choice(node, c, target)
        if live != settled[nid]:
            settled[nid] = live
            work.extend(preds[nid])
    return {nid: frozenset(live) for nid, live in settled.items()}


def abstract(story: Story, state: PlayState) -> PlayState:
    """The state with everything that cannot change the course any more forgotten."""
    live = liveness(story)[state.node]
    cap = relevance(story).visit_cap
    defaults = story.variables
    values = {name: (value if ("var", name) in live else defaults[name].default)
              for name, value in state.vars.items()}
    visits = {n: min(c, cap) for n, c in state.visits.items() if ("visits", n) in live}
    once = frozenset(k for k in state.once_taken if ("once", *k) in live)
    return PlayState(state.node, FrozenMap(values), FrozenMap(visits), once)
