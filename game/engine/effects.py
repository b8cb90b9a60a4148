"""Applying effects (`set`, `add`, `roll`) to a copy of the variables."""

from __future__ import annotations

from collections.abc import Iterable

from ..story.expr.ast import Value
from ..story.model import Effect, Story
from .dice import Dice


def apply_effects(story: Story, values: dict[str, Value], effects: Iterable[Effect],
                  dice: Dice) -> None:
    """Apply effects in order to `values` (a private copy owned by the caller)."""
    for effect in effects:
        var = story.variables[effect.var]
        if effect.kind == "set":
            assert not isinstance(effect.value, tuple)
            values[effect.var] = effect.value
        elif effect.kind == "add":
            current = values[effect.var]
            assert isinstance(current, int) and isinstance(effect.value, int)
            values[effect.var] = var.clamp(current + effect.value)
        else:
            assert isinstance(effect.value, tuple)
            low, high = effect.value
            values[effect.var] = dice.roll(low, high)
