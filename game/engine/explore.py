"""`explore`: walk every reachable state and report endings, stuck states and dead ends.

A search over abstract states (see `analysis`): node, the variables and visit counts
some condition reads, and the `once` choices taken. Dice branch on every outcome.
Paths count decisions: a node whose only offered choice is enabled costs nothing, so
a 0-1 breadth-first search gives the shortest path, in decisions, to every state.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from ..story.model import Story
from .analysis import Key, Keyer, keyer
from .dice import ScriptedDice
from .play import Status, advance, forced_choice, offered, start, status, take
from .state import PlayState

DEFAULT_MAX_STATES = 2_000_000  # about 2 GB of memory at most; the shipped story needs ~0.7M


@dataclass(frozen=True)
class Edge:
    label: str | None  # the choice id, or None for a next link
    forced: bool  # taken without a decision (costs nothing)


@dataclass
class Exploration:
    complete: bool
    states: int
    endings: dict[str, list[str]]
    unreached_nodes: list[str]
    stuck: list[dict[str, Any]]
    no_exit: list[str]
    paths_to_nodes: dict[str, list[str]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"complete": self.complete, "states": self.states, "endings": self.endings,
                "unreached_nodes": self.unreached_nodes, "stuck": self.stuck,
                "no_exit": self.no_exit}


def outcomes(run: Callable[..., PlayState]) -> Iterator[PlayState]:
    """Every result of a transition, one for each combination of dice outcomes."""
    scripts: list[tuple[int, ...]] = [()]
    while scripts:
        script = scripts.pop()
        dice = ScriptedDice(script)
        result = run(dice=dice)
        if len(dice.ranges) > len(script):
            low, high = dice.ranges[len(script)]
            scripts.extend((*script, v) for v in range(high, low - 1, -1))
        else:
            yield result


class _Search:
    """States are kept as compact keys (see `analysis.Keyer`); one is turned back into a
    playable state only while it is being expanded."""

    def __init__(self, story: Story, max_states: int) -> None:
        self.story = story
        self.keys: Keyer = keyer(story)
        self.max_states = max_states
        self.dist: dict[Key, int] = {}
        self.parent: dict[Key, tuple[Key, Edge] | None] = {}
        self.succ: dict[Key, list[Key]] = {}
        self.kind: dict[Key, Status] = {}
        self.queue: deque[Key] = deque()
        self.complete = True

    def push(self, s: Key, d: int, via: tuple[Key, Edge] | None) -> None:
        old = self.dist.get(s)
        if old is not None and old <= d:
            return
        if old is None and len(self.dist) >= self.max_states:
            self.complete = False
            return
        self.dist[s] = d
        self.parent[s] = via
        if via is not None and via[1].forced or via is not None and via[1].label is None:
            self.queue.appendleft(s)
        else:
            self.queue.append(s)

    def run(self, target: str | None = None) -> Key | None:
        """Search everything, or stop at the first state at node `target` and return it.

        States leave the queue in order of decisions (a 0-1 breadth-first search: links
        that are not decisions go to the front), so the first one found is a nearest one.
        """
        story = self.story
        for first in outcomes(partial(start, story, 0)):
            self.push(self.keys.key(first), 0, None)
        done: set[Key] = set()
        while self.queue:
            key = self.queue.popleft()
            if key in done:
                continue
            done.add(key)
            if key[0] == target:
                return key
            self.expand(key)
        return None

    def expand(self, key: Key) -> None:
        story = self.story
        s: PlayState = self.keys.state(key)
        kind = status(story, s)
        self.kind[key] = kind
        d = self.dist[key]
        succ: list[Key] = []
        self.succ[key] = succ
        if kind is Status.NEXT:
            for t in outcomes(partial(advance, story, s)):
                a = self.keys.key(t)
                succ.append(a)
                self.push(a, d, (key, Edge(None, True)))
            return
        if kind is not Status.DECISION:
            return
        offers = offered(story, s)
        forced = forced_choice(offers) is not None
        for o in offers:
            if not o.enabled:
                continue
            for t in outcomes(partial(take, story, s, o.choice)):
                a = self.keys.key(t)
                succ.append(a)
                self.push(a, d if forced else d + 1, (key, Edge(o.id, forced)))

    def path(self, s: Key) -> list[str]:
        """The choice ids a trace needs to reach `s`; a forced choice is named only where
        leaving it out would let trace take the next id for it."""
        edges: list[Edge] = []
        link = self.parent.get(s)
        while link is not None:
            prev, edge = link
            edges.append(edge)
            link = self.parent.get(prev)
        out: list[str] = []
        for edge in edges:  # from the end backwards
            if edge.label is None:
                continue
            if edge.forced and not (out and out[0] == edge.label):
                continue
            out.insert(0, edge.label)
        return out

    def can_finish(self) -> set[Key]:
        """States from which an ending can be reached (unexplored ones are given the benefit
        of the doubt, so a cut-off search never reports a false dead end)."""
        preds: dict[Key, list[Key]] = {}
        for s, targets in self.succ.items():
            for t in targets:
                preds.setdefault(t, []).append(s)
        everything = set(self.dist) | set(preds)  # successors cut off by the limit included
        good = {s for s in everything
                if self.kind.get(s) is Status.ENDING or s not in self.kind}
        stack = list(good)
        while stack:
            t = stack.pop()
            for s in preds.get(t, ()):
                if s not in good:
                    good.add(s)
                    stack.append(s)
        return good


def explore(story: Story, max_states: int = DEFAULT_MAX_STATES) -> Exploration:
    search = _Search(story, max_states)
    search.run()
    by_dist = sorted(search.dist.items(), key=lambda item: item[1])
    endings: dict[str, list[str]] = {}
    stuck: dict[str, list[str]] = {}
    nodes: dict[str, list[str]] = {}
    for s, _ in by_dist:
        node = s[0]
        if node not in nodes:
            nodes[node] = search.path(s)
        kind = search.kind.get(s)
        if kind is Status.ENDING:
            ending = story.nodes[node].ending
            assert ending is not None
            if ending not in endings:
                endings[ending] = search.path(s)
        elif kind is Status.STUCK and node not in stuck:
            stuck[node] = search.path(s)
    good = search.can_finish()
    reached_nodes: dict[str, bool] = {}
    for s in search.dist:
        reached_nodes[s[0]] = reached_nodes.get(s[0], False) or s in good
    return Exploration(
        complete=search.complete,
        states=len(search.dist),
        endings=dict(sorted(endings.items())),
        unreached_nodes=[n for n in story.nodes if n not in reached_nodes],
        stuck=[{"node": n, "path": p} for n, p in sorted(stuck.items())],
        no_exit=sorted(n for n, ok in reached_nodes.items() if not ok),
        paths_to_nodes=nodes,
    )


@dataclass(frozen=True)
class PathTo:
    """The answer to "how do I get to this node?": the choice ids, or None if no way."""

    node: str
    path: list[str] | None
    states: int  # how many states were searched to answer
    complete: bool  # False: the search stopped at its limit before finding the node


def shortest_path_to(story: Story, node: str,
                     max_states: int = DEFAULT_MAX_STATES) -> PathTo:
    """A shortest path (fewest decisions) from the start to `node`, searching only as far
    as it must: an author checking a new branch need not wait for the whole story."""
    search = _Search(story, max_states)
    found = search.run(node)
    return PathTo(node, None if found is None else search.path(found), len(search.dist),
                  search.complete)
