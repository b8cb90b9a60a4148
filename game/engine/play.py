"""A playthrough as pure functions over `PlayState`: start, offered, choose, advance, rollback.

Nothing here mutates a state or keeps one: every function returns a new value, and the
UI, the text player, `trace`, saves and the explorer all drive the same functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ..story.expr.ast import Value
from ..story.model import Choice, Effect, Node, Story
from .dice import Dice, SeededDice
from .effects import apply_effects
from .frozen import FrozenMap
from .state import Decision, PlayState


class Status(StrEnum):
    DECISION = "decision"  # at least one choice can be selected
    NEXT = "next"  # the player continues to the next node
    ENDING = "ending"
    STUCK = "stuck"  # choices, but none selectable: a bug in the story


class InvalidChoice(ValueError):
    """The choice is not offered, or offered but disabled, at the current node."""

    def __init__(self, choice_id: str, node_id: str) -> None:
        super().__init__(f"invalid choice {choice_id} at {node_id}")
        self.choice_id = choice_id
        self.node_id = node_id


@dataclass(frozen=True)
class Offer:
    """A choice as offered in a state (ink's Choice, as opposed to its ChoicePoint)."""

    choice: Choice
    enabled: bool

    @property
    def id(self) -> str:
        return self.choice.id


def start(story: Story, seed: int = 0, dice: Dice | None = None) -> PlayState:
    """A new playthrough, entered at the start node."""
    blank = PlayState(story.start, FrozenMap(story.initial_variables()), FrozenMap(), seed=seed)
    return enter(story, blank, story.start, (), dice)


def enter(story: Story, state: PlayState, node_id: str, effects: Iterable[Effect] = (),
          dice: Dice | None = None) -> PlayState:
    """Apply `effects` (a choice's), then enter `node_id`: count the visit, run on_enter."""
    node = story.nodes[node_id]
    dice_ = dice if dice is not None else SeededDice(state.seed, state.rolls)
    values: dict[str, Value] = state.vars.to_dict()
    apply_effects(story, values, effects, dice_)
    visits = state.visits.updated({node_id: state.visits.get(node_id, 0) + 1})
    apply_effects(story, values, node.on_enter, dice_)
    rolls = dice_.history if isinstance(dice_, SeededDice) else state.rolls
    return PlayState(node_id, FrozenMap(values), visits, state.once_taken, state.seed, rolls,
                     state.log)


def node_of(story: Story, state: PlayState) -> Node:
    return story.nodes[state.node]


def offered(story: Story, state: PlayState) -> list[Offer]:
    """The choices shown now: hidden ones dropped, disabled ones kept but not selectable."""
    node = story.nodes[state.node]
    out = []
    for c in node.choices:
        if c.once and (node.id, c.id) in state.once_taken:
            continue
        if c.condition is not None and not c.condition.evaluate(state.vars, state.visits):
            continue
        enabled = c.enabled_if is None or bool(c.enabled_if.evaluate(state.vars, state.visits))
        out.append(Offer(c, enabled))
    return out


def status(story: Story, state: PlayState) -> Status:
    node = story.nodes[state.node]
    if node.ending is not None:
        return Status.ENDING
    if node.next is not None:
        return Status.NEXT
    if any(o.enabled for o in offered(story, state)):
        return Status.DECISION
    return Status.STUCK


def forced_choice(offers: list[Offer]) -> Offer | None:
    """The single offered choice when there is exactly one and it is enabled.

    Such a node is not a real decision: `trace` and `explore` take it without it being
    named (a path lists only the choices a player actually decides).
    """
    if len(offers) == 1 and offers[0].enabled:
        return offers[0]
    return None


def choose(story: Story, state: PlayState, choice_id: str, dice: Dice | None = None) -> PlayState:
    """Take a choice: its effects apply, then its goto node is entered."""
    for offer in offered(story, state):
        if offer.id == choice_id and offer.enabled:
            return take(story, state, offer.choice, dice)
    raise InvalidChoice(choice_id, state.node)


def take(story: Story, state: PlayState, choice: Choice, dice: Dice | None = None) -> PlayState:
    """Take a choice already known to be selectable (the explorer's fast path)."""
    once = state.once_taken
    if choice.once:
        once = once | {(state.node, choice.id)}
    logged = state.evolve(once_taken=once, log=(*state.log, Decision(state.node, choice.id)))
    return enter(story, logged, choice.goto, choice.effects, dice)


def advance(story: Story, state: PlayState, dice: Dice | None = None) -> PlayState:
    """Continue from a `next` node to the node it names."""
    node = story.nodes[state.node]
    if node.next is None:
        raise ValueError(f"node {node.id} has no next node to continue to")
    return enter(story, state, node.next, (), dice)


def settle(story: Story, state: PlayState) -> PlayState:
    """Continue through `next` nodes until a decision, an ending or a stuck node."""
    while story.nodes[state.node].next is not None:
        state = advance(story, state)
    return state


def replay(story: Story, seed: int, decisions: Iterable[Decision]) -> PlayState:
    """Fold the decisions over a new playthrough; raises InvalidChoice where one fails."""
    state = settle(story, start(story, seed))
    for d in decisions:
        if d.node != state.node:
            raise InvalidChoice(d.choice, state.node)
        state = settle(story, choose(story, state, d.choice))
    return state


def replay_prefix(story: Story, state: PlayState, decisions: Iterable[Decision]) -> PlayState:
    """Fold the decisions over `state` (settled first) as far as they still replay,
    stopping before the first that does not (its node or choice is gone, or the story
    now goes elsewhere first).

    Only a story edited under a running game (live reload) can make a logged decision
    fail; going back must still work then, so this never raises for it. Rollback folds
    from a new playthrough, the debug overlay's rollback from a state set by hand.
    """
    state = settle(story, state)
    for d in decisions:
        if d.node != state.node:
            break
        try:
            after = choose(story, state, d.choice)
        except InvalidChoice:
            break
        state = settle(story, after)
    return state


def rollback(story: Story, state: PlayState, decisions: int) -> PlayState:
    """The state just before decision number `decisions` (0 = back to the start).

    The result rests at the node where that decision was made, exactly as it was
    first shown: same variables, same dice. When the story was edited since and an
    earlier decision no longer replays, it rests just before that one instead:
    `len(result.log) < decisions` tells the caller so.
    """
    if not 0 <= decisions <= len(state.log):
        raise ValueError(f"no decision {decisions}: the log has {len(state.log)}")
    return replay_prefix(story, start(story, state.seed), state.log[:decisions])


def back(story: Story, state: PlayState) -> PlayState:
    """Undo the last decision (a no-op at the first one)."""
    return rollback(story, state, max(0, len(state.log) - 1))
