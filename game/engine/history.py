"""The story so far: every node entered and every choice taken, rebuilt from the log.

Rebuilt by replaying the decisions (the state keeps only the log), so the history is
exactly what the player saw, interpolations and dice included. After a live reload the
log may no longer replay on the edited story: the history then stops where it parts
from the log, and ends, as always, with the passage on screen now.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..story.model import Story
from .jump import Edit
from .play import InvalidChoice, advance, choose, start
from .state import PlayState


@dataclass(frozen=True)
class Passage:
    node: str
    state: PlayState  # as it was when the node was shown
    choice: str | None  # the choice taken there; None for next nodes and the current node


def history(story: Story, state: PlayState, since: Edit | None = None) -> list[Passage]:
    out: list[Passage] = []
    s = start(story, state.seed) if since is None else since.state
    decisions = list(state.log[since.at:] if since is not None else state.log)
    total_entries = sum(state.visits.values())
    for _ in range(total_entries + 1):
        here = not decisions and s.node == state.node and s.visits == state.visits
        node = story.nodes[s.node]
        if here or (node.next is None and not decisions):
            break
        if node.next is not None:
            out.append(Passage(s.node, s, None))
            s = advance(story, s)
        else:
            d = decisions.pop(0)
            if d.node != s.node:
                break
            try:
                after = choose(story, s, d.choice)
            except InvalidChoice:
                break
            out.append(Passage(s.node, s, d.choice))
            s = after
    out.append(Passage(state.node, state, None))
    return out
