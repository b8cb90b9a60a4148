"""`explore --random N`: random playthroughs, for coverage of stories too large to exhaust."""

from __future__ import annotations

import random
import statistics
from dataclasses import dataclass, field
from typing import Any

from ..story.model import Story
from .play import Status, advance, offered, start, status, take
from .render import render_node_text

MAX_STEPS = 20_000  # per playthrough; a walk that long is in a loop
READING_WPM = 250  # adults read fiction at ~260 wpm (Brysbaert 2019); Japanese: chars / 2.5


def reading_units(text: str) -> int:
    """Words of English, or the word-equivalents of Japanese (2.5 characters a word)."""
    ascii_words = len(text.split())
    wide = sum(1 for ch in text if ord(ch) > 0x2E7F)
    return ascii_words if wide == 0 else round(wide / 2.5) + ascii_words // 4


def _spread(values: list[int]) -> dict[str, float]:
    if not values:
        return {"min": 0, "median": 0, "max": 0}
    return {"min": min(values), "median": statistics.median_low(values), "max": max(values)}


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
    decisions: list[int] = field(default_factory=list)  # per finished playthrough
    words: list[int] = field(default_factory=list)  # read in the default language

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
            "length": {
                "decisions": _spread(self.decisions),
                "words": _spread(self.words),
                "minutes": {k: round(v / READING_WPM, 1)
                            for k, v in _spread(self.words).items()},
            },
            "unreached_nodes": [n for n in story.nodes if n not in self.nodes_reached],
            "untaken_choices": [f"{n}.{c}" for n, c in all_choices
                                if (n, c) not in self.choices_taken],
        }


def random_playthroughs(story: Story, count: int, seed: int = 0) -> Coverage:
    """`count` playthroughs picking uniformly among enabled choices; reproducible by seed.

    Each finished playthrough also counts its decisions (nodes offering two or more
    enabled choices) and the words it showed, to estimate how long a playthrough lasts."""
    cov = Coverage(count, seed, len(story.nodes),
                   sum(len(n.choices) for n in story.nodes.values()))
    picker = random.Random(seed)
    for _ in range(count):
        state = start(story, picker.randrange(2**32))
        cov.nodes_reached.add(state.node)
        decisions = words = 0
        for _step in range(MAX_STEPS):
            words += reading_units(render_node_text(story, story.nodes[state.node].text, state,
                                                    story.default_language))
            kind = status(story, state)
            if kind is Status.ENDING:
                cov.decisions.append(decisions)
                cov.words.append(words)
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
                decisions += len(options) > 1
                pick = options[picker.randrange(len(options))]
                cov.choices_taken.add((state.node, pick.id))
                state = take(story, state, pick.choice)
            cov.nodes_reached.add(state.node)
        else:
            cov.cut_off += 1
    return cov
