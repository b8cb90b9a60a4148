"""`explore --random N`: random playthroughs, for coverage of stories too large to exhaust."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from ..story.model import Story
from .play import Status, advance, offered, start, status, take

MAX_STEPS = 20_000  # per playthrough; a walk that long is in a loop


@dataclass
class Coverage:
    playthroughs: int
    seed: int
    nodes_total: int
    choices_total: int
    nodes_reached: set[str] = field(default_factory=set)
    choices_taken: set[tuple[str, str]] = field(default_factory=set)
    endings: dict[str, int] = field(default_factory=dict)
    stuck: dict[str, int] = field(default_factory=dict)
    cut_off: int = 0

    def to_json(self, story: Story) -> dict[str, Any]:
        all_choices = [(n.id, c.id) for n in story.nodes.values() for c in n.choices]
        return {
            "playthroughs": self.playthroughs,
            "seed": self.seed,
            "endings": dict(sorted(self.endings.items())),
            "stuck": dict(sorted(self.stuck.items())),
            "cut_off": self.cut_off,
            "coverage": {
                "nodes": {"reached": len(self.nodes_reached), "total": self.nodes_total},
                "choices": {"reached": len(self.choices_taken), "total": self.choices_total},
            },
            "unreached_nodes": [n for n in story.nodes if n not in self.nodes_reached],
            "untaken_choices": [f"{n}.{c}" for n, c in all_choices
                                if (n, c) not in self.choices_taken],
        }


def random_playthroughs(story: Story, count: int, seed: int = 0) -> Coverage:
    """`count` playthroughs picking uniformly among enabled choices; reproducible by seed."""
    cov = Coverage(count, seed, len(story.nodes),
                   sum(len(n.choices) for n in story.nodes.values()))
    picker = random.Random(seed)
    for _ in range(count):
        state = start(story, picker.randrange(2**32))
        cov.nodes_reached.add(state.node)
        for _step in range(MAX_STEPS):
            kind = status(story, state)
            if kind is Status.ENDING:
                ending = story.nodes[state.node].ending
                assert ending is not None
                cov.endings[ending] = cov.endings.get(ending, 0) + 1
                break
            if kind is Status.STUCK:
                cov.stuck[state.node] = cov.stuck.get(state.node, 0) + 1
                break
            if kind is Status.NEXT:
                state = advance(story, state)
            else:
                options = [o for o in offered(story, state) if o.enabled]
                pick = options[picker.randrange(len(options))]
                cov.choices_taken.add((state.node, pick.id))
                state = take(story, state, pick.choice)
            cov.nodes_reached.add(state.node)
        else:
            cov.cut_off += 1
    return cov
