"""What of a state can still change the course of a playthrough, for exploration.

Only choice conditions (`if`, `enabled_if`) and `once` flags decide where a playthrough
can go; texts do not. A *fact* is a variable, a node's visit count or a `once` flag.
A fact is *live* at a node when some path onward can read it in a condition before
anything overwrites it (classic backward liveness over the story graph). Two states at
one node that agree on the live facts offer the same choices now and forever after, so
exploration compares states on those alone. This is what keeps a long story with many
variables explorable: a variable read in chapter II and never again stops splitting
states once chapter II is over.

A bounded int that conditions only compare with literals (`trust >= 3`) need not be
known exactly either: only which side of each threshold it is on. Such a read makes a
*cut* ("is it >= 3?"); cuts are carried backwards through `add` (clamping keeps an add
monotone, so "x + d >= c" is again a threshold on x), and values between the same cuts
are merged. Any other read of a variable (arithmetic, comparing two variables, strings)
keeps it exact. Visit counts compared only with small literals are capped just above
the largest of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..story.expr.ast import (
    Binary,
    Expr,
    Literal,
    Name,
    Unary,
    Value,
    Visited,
    int_literals_in,
    names_in,
    visited_in,
)
from ..story.model import Choice, Effect, Node, Story, Variable
from .frozen import FrozenMap
from .state import PlayState

Fact = tuple[str, ...] | tuple[str, str, int]
# ("var", name): exact | ("cut", name, c): is it >= c? | ("visits", node) | ("once", node, c)

_MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


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


def _literal(e: Expr) -> int | None:
    if isinstance(e, Literal) and type(e.value) is int:
        return e.value
    if isinstance(e, Unary) and e.op == "-":
        inner = _literal(e.operand)
        return None if inner is None else -inner
    return None


def _cuts(op: str, k: int) -> tuple[int, ...]:
    """The thresholds `x OP k` depends on: x >= c for each c returned."""
    return {">=": (k,), ">": (k + 1,), "<": (k,), "<=": (k + 1,)}.get(op, (k, k + 1))


def _expr_reads(story: Story, expr: Expr) -> set[Fact]:
    out: set[Fact] = set()
    stack = [expr]
    while stack:
        e = stack.pop()
        if isinstance(e, Binary) and e.op in _MIRROR:
            sides = [(e.left, e.right, e.op), (e.right, e.left, _MIRROR[e.op])]
            for name, other, op in sides:
                k = _literal(other)
                var = story.variables.get(name.name) if isinstance(name, Name) else None
                if k is not None and var is not None and _bounded(var):
                    assert var.min is not None and var.max is not None
                    out |= {("cut", var.name, c) for c in _cuts(op, k)
                            if var.min < c <= var.max}
                    break
            else:
                stack += [e.left, e.right]
        elif isinstance(e, Name):
            out.add(("var", e.name))
        elif isinstance(e, Visited):
            out.add(("visits", e.node))
        elif isinstance(e, Unary):
            stack.append(e.operand)
        elif isinstance(e, Binary):
            stack += [e.left, e.right]
    return out


def _bounded(var: Variable) -> bool:
    return var.type == "int" and var.min is not None and var.max is not None


def _reads(story: Story, node: Node) -> set[Fact]:
    """The facts a node's choices read when the node is shown."""
    out: set[Fact] = set()
    for c in node.choices:
        for e in (c.condition, c.enabled_if):
            if e is not None:
                out |= _expr_reads(story, e.ast)
        if c.once:
            out.add(("once", node.id, c.id))
    return out


def _through(story: Story, effects: Iterable[Effect], live: set[Fact]) -> set[Fact]:
    """Live facts before `effects`, given those live after: `set` and `roll` overwrite
    their variable; `add` carries each cut back ("x + d >= c" is "x >= c - d")."""
    out = set(live)
    for effect in reversed(tuple(effects)):
        name = effect.var
        if effect.kind != "add":
            out = {f for f in out if f[1] != name or f[0] not in ("var", "cut")}
            continue
        cuts = [f for f in out if f[0] == "cut" and f[1] == name]
        if not cuts:
            continue
        var = story.variables[name]
        assert var.min is not None and var.max is not None and isinstance(effect.value, int)
        out -= set(cuts)
        for _, _, c in cuts:
            back = int(c) - effect.value
            if var.min < back <= var.max:
                out.add(("cut", name, back))
    return out


def _through_choice(story: Story, node: Node, choice: Choice, live: set[Fact]) -> set[Fact]:
    out = _through(story, choice.effects, live)
    if choice.once:
        out.discard(("once", node.id, choice.id))
    return out


@lru_cache(maxsize=8)
def liveness(story: Story) -> dict[str, frozenset[Fact]]:
    """For every node, the facts live once it has been entered (after `on_enter`)."""
    nodes = story.nodes
    reads = {nid: _reads(story, node) for nid, node in nodes.items()}
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
            live |= _through(story, nodes[node.next].on_enter, settled[node.next])
        for c in node.choices:
            if c.goto in nodes:
                target = _through(story, nodes[c.goto].on_enter, settled[c.goto])
                live |= _through_choice(story, node, c, target)
        if live != settled[nid]:
            settled[nid] = live
            work.extend(preds[nid])
    return {nid: frozenset(live) for nid, live in settled.items()}


@lru_cache(maxsize=8)
def _views(story: Story) -> dict[str, dict[str, tuple[int, ...] | None]]:
    """Per node, per live variable: None to keep it exact, else its sorted cuts."""
    out: dict[str, dict[str, tuple[int, ...] | None]] = {}
    for nid, live in liveness(story).items():
        exact = {str(f[1]) for f in live if f[0] == "var"}
        cuts: dict[str, set[int]] = {}
        for f in live:
            if f[0] == "cut" and f[1] not in exact:
                cuts.setdefault(str(f[1]), set()).add(int(f[2]))
        view: dict[str, tuple[int, ...] | None] = dict.fromkeys(exact)
        view.update((name, tuple(sorted(c))) for name, c in cuts.items())
        out[nid] = view
    return out


def _cell(var: Variable, cuts: tuple[int, ...], value: Value) -> Value:
    """The lowest value on the same side of every cut: all of them behave alike."""
    assert var.min is not None and var.max is not None and isinstance(value, int)
    if not var.min <= value <= var.max:
        return value
    low = var.min
    for c in cuts:
        if c <= value:
            low = c
    return low


Key = tuple[str, tuple[Value, ...], tuple[tuple[str, int], ...], frozenset[tuple[str, str]]]


class Keyer:
    """Abstract states as compact tuples, and back: exploration keeps millions of them.

    A key holds the node, the abstract values of the variables live there (in a fixed
    order per node), the live visit counts (capped) and the live `once` flags. Turning
    a key back into a state puts every dead variable at its default.
    """

    def __init__(self, story: Story) -> None:
        self.story = story
        self.defaults = {name: v.default for name, v in story.variables.items()}
        self.cap = relevance(story).visit_cap
        views = _views(story)
        live = liveness(story)
        # per node, per live variable: None to keep it exact, else value -> its cell
        self.plan: dict[str, tuple[tuple[str, dict[Value, Value] | None], ...]] = {
            nid: tuple((name, self._cells(story.variables[name], views[nid][name]))
                       for name in story.variables if name in views[nid])
            for nid in story.nodes}
        self.visits = {nid: frozenset(str(f[1]) for f in facts if f[0] == "visits")
                       for nid, facts in live.items()}
        self.once = {nid: frozenset((str(f[1]), str(f[2])) for f in facts if f[0] == "once")
                     for nid, facts in live.items()}

    @staticmethod
    def _cells(var: Variable, cuts: tuple[int, ...] | None) -> dict[Value, Value] | None:
        if cuts is None:
            return None
        assert var.min is not None and var.max is not None
        return {v: _cell(var, cuts, v) for v in range(var.min, var.max + 1)}

    def key(self, state: PlayState) -> Key:
        node = state.node
        values = state.vars
        abstract = tuple(values[name] if cells is None else cells.get(values[name], values[name])
                         for name, cells in self.plan[node])
        live_visits = self.visits[node]
        visits = tuple(sorted((n, min(c, self.cap)) for n, c in state.visits.items()
                              if n in live_visits))
        once = state.once_taken & self.once[node] if state.once_taken else frozenset()
        return (node, abstract, visits, once)

    def state(self, key: Key) -> PlayState:
        node, abstract, visits, once = key
        values = dict(self.defaults)
        for (name, _), value in zip(self.plan[node], abstract, strict=True):
            values[name] = value
        return PlayState(node, FrozenMap(values), FrozenMap(dict(visits)), once)


@lru_cache(maxsize=8)
def keyer(story: Story) -> Keyer:
    return Keyer(story)


def abstract(story: Story, state: PlayState) -> PlayState:
    """The state with everything that cannot change the course any more forgotten."""
    k = keyer(story)
    return k.state(k.key(state))
