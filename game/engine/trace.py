"""`trace`: play a story headless with a list of choice ids, recording every step.

Choices are taken in order at each decision. A node whose only offered choice is
enabled is not a decision: its choice is taken without being named, unless the next
listed id is that very choice (so paths from `explore`, which omit such choices, and
full decision logs, which include them, both replay).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..story.model import Story
from .analysis import abstract
from .play import (
    InvalidChoice,
    Offer,
    Status,
    advance,
    choose,
    forced_choice,
    offered,
    start,
    status,
    take,
)
from .render import choice_text, disabled_text, node_text
from .state import PlayState

MAX_UNNAMED_STEPS = 10_000  # forced choices and next links taken without a listed id


@dataclass
class TraceResult:
    story: str
    steps: list[dict[str, Any]] = field(default_factory=list)
    ending: str | None = None
    error: str | None = None
    state: PlayState | None = None

    @property
    def invalid_choice(self) -> bool:
        return self.error is not None and self.error.startswith("invalid choice")

    def to_json(self) -> dict[str, Any]:
        return {"story": self.story, "steps": self.steps, "ending": self.ending,
                "error": self.error}


def step_record(story: Story, state: PlayState, lang: str, offers: list[Offer]) -> dict[str, Any]:
    choices = []
    for o in offers:
        item: dict[str, Any] = {"id": o.id, "text": choice_text(story, o.choice, state, lang),
                                "enabled": o.enabled}
        if not o.enabled:
            item["disabled_text"] = disabled_text(story, o.choice, state, lang)
        choices.append(item)
    return {"node": state.node, "text": node_text(story, state, lang), "choices": choices,
            "vars": state.vars.to_dict()}


def run_trace(story: Story, choose_ids: Sequence[str], lang: str | None = None,
              seed: int = 0) -> TraceResult:
    lang = lang or story.default_language
    result = TraceResult(story.id)
    state = start(story, seed)
    pending = list(choose_ids)
    unnamed = 0
    loop_guard: set[PlayState] = set()
    while True:
        offers = offered(story, state)
        result.steps.append(step_record(story, state, lang, offers))
        kind = status(story, state)
        if kind is Status.ENDING:
            result.ending = story.nodes[state.node].ending
            break
        if kind is Status.STUCK:
            result.error = "stuck"
            break
        if kind is Status.NEXT:
            state = advance(story, state)
            continue
        forced = forced_choice(offers)
        if pending and (forced is None or pending[0] == forced.id):
            try:
                state = choose(story, state, pending.pop(0))
            except InvalidChoice as e:
                result.error = str(e)
                break
            unnamed = 0
            loop_guard.clear()
            continue
        if forced is None:
            break  # the listed choices ran out at a real decision
        key = abstract(story, state)
        unnamed += 1
        if key in loop_guard or unnamed > MAX_UNNAMED_STEPS:
            break  # forced choices loop forever: stop as if the choices ran out
        loop_guard.add(key)
        state = take(story, state, forced.choice)
    result.state = state
    return result
