"""Dice exactly as the format specifies: `random.Random(seed)`, one `randint` per roll.

The generator is never stored: it is rebuilt from the seed and the ranges of the
rolls already made, so the state stays a small immutable value and a save that holds
seed and rolls reproduces every later number.
"""

from __future__ import annotations

import random
from typing import Protocol


class Dice(Protocol):
    def roll(self, low: int, high: int) -> int: ...


_CACHE: dict[tuple[int, tuple[tuple[int, int], ...]], object] = {}
_CACHE_SIZE = 512


def _generator_state(seed: int, history: tuple[tuple[int, int], ...]) -> object:
    """The generator's state after the rolls in `history` (cached: rolls come in order)."""
    key = (seed, history)
    found = _CACHE.get(key)
    if found is not None:
        return found
    rng = random.Random()
    previous = _CACHE.get((seed, history[:-1])) if history else None
    if previous is not None:
        rng.setstate(previous)  # type: ignore[arg-type]
        rng.randint(*history[-1])
    else:
        rng.seed(seed)
        for low, high in history:
            rng.randint(low, high)
    state = rng.getstate()
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    _CACHE[key] = state
    return state


class SeededDice:
    """Rolls for one transition; `history` grows as it rolls."""

    def __init__(self, seed: int, history: tuple[tuple[int, int], ...]) -> None:
        self.seed = seed
        self.history = history

    def roll(self, low: int, high: int) -> int:
        rng = random.Random()
        rng.setstate(_generator_state(self.seed, self.history))  # type: ignore[arg-type]
        value = rng.randint(low, high)
        self.history = (*self.history, (low, high))
        return value


class ScriptedDice:
    """Returns chosen outcomes; past the script it returns LOW and records the range.

    The explorer runs a transition with a script of outcomes and, when the run asked
    for more rolls than scripted, branches on every value of the first new one.
    """

    def __init__(self, script: tuple[int, ...]) -> None:
        self.script = script
        self.ranges: list[tuple[int, int]] = []

    def roll(self, low: int, high: int) -> int:
        i = len(self.ranges)
        self.ranges.append((low, high))
        return self.script[i] if i < len(self.script) else low
