"""The playthrough functions: what a player sees and can do at each step."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from game.engine import (
    InvalidChoice,
    PlayState,
    Status,
    advance,
    back,
    choose,
    offered,
    replay,
    rollback,
    settle,
    start,
    status,
)
from game.engine.render import node_text
from game.story import Story

pytestmark = pytest.mark.runtime  # also run through a save/load round trip


def ids(story: Story, state: PlayState) -> list[str]:
    return [o.id for o in offered(story, state)]


def test_start_enters_the_start_node_and_counts_the_visit(basics: Story) -> None:
    s = start(basics)
    assert s.node == "intro"
    assert s.visited("intro") == 1
    assert status(basics, s) is Status.NEXT
    assert dict(s.vars) == {"trust": 0, "met": False, "clause": "open", "die": 0}


def test_on_enter_runs_each_visit_and_add_clamps_at_max(basics: Story) -> None:
    s = settle(basics, start(basics))
    assert s.node == "hall" and s.vars["trust"] == 1
    s = choose(basics, s, "meet")
    assert s.vars["trust"] == 2 and s.vars["met"] is True and s.visited("hall") == 2
    for _ in range(3):
        s = settle(basics, choose(basics, s, "gamble"))
    assert s.vars["trust"] == 3  # max is 3


def test_hidden_disabled_and_once_choices(basics: Story) -> None:
    s = settle(basics, start(basics))
    offers = {o.id: o.enabled for o in offered(basics, s)}
    assert offers == {"meet": True, "agree": False, "leave": True}  # gamble hidden (if)
    s = choose(basics, s, "meet")
    assert "meet" not in ids(basics, s)  # once
    assert "leave" not in ids(basics, s)  # if: not met


def test_a_disabled_or_unknown_choice_is_refused(basics: Story) -> None:
    s = settle(basics, start(basics))
    with pytest.raises(InvalidChoice, match="invalid choice agree at hall"):
        choose(basics, s, "agree")
    with pytest.raises(InvalidChoice):
        choose(basics, s, "nope")


def test_states_are_values_never_changed_in_place(basics: Story) -> None:
    s0 = settle(basics, start(basics))
    before = (s0.node, dict(s0.vars), dict(s0.visits), s0.log)
    choose(basics, s0, "meet")
    assert (s0.node, dict(s0.vars), dict(s0.visits), s0.log) == before
    assert hash(s0) == hash(settle(basics, start(basics)))


def test_rollback_returns_to_any_earlier_decision(basics: Story) -> None:
    s = settle(basics, start(basics, seed=42))
    states = [s]
    for cid in ("meet", "gamble", "gamble"):
        s = settle(basics, choose(basics, s, cid))
        states.append(s)
    for k, earlier in enumerate(states):
        assert rollback(basics, s, k) == earlier
    assert back(basics, states[1]) == states[0]
    assert back(basics, states[0]) == states[0]  # nothing before the first decision
    with pytest.raises(ValueError):
        rollback(basics, s, 99)


def test_dice_follow_random_Random_seed_one_randint_per_roll(basics: Story) -> None:
    import random

    rng = random.Random(42)
    expected = [rng.randint(1, 6) for _ in range(5)]
    s = choose(basics, settle(basics, start(basics, seed=42)), "meet")
    got = []
    for _ in range(5):
        s = choose(basics, s, "gamble")
        got.append(s.vars["die"])
        s = settle(basics, s)
    assert got == expected
    assert s.roll_count == 5


def test_a_replay_reproduces_rolls_and_state(basics: Story) -> None:
    s = choose(basics, settle(basics, start(basics, seed=7)), "meet")
    for _ in range(4):
        s = settle(basics, choose(basics, s, "gamble"))
    assert replay(basics, 7, s.log) == s


def test_advance_only_from_a_next_node(basics: Story) -> None:
    s = start(basics)
    assert advance(basics, s).node == "hall"
    with pytest.raises(ValueError):
        advance(basics, advance(basics, s))


def test_text_parts_and_interpolation(basics: Story) -> None:
    s = choose(basics, settle(basics, start(basics)), "meet")
    assert node_text(basics, s, "en") == "Visit 2. Trust is 2.\n\nShe remembers you. Met: true."
    assert node_text(basics, s, "ja") == "2回目。信頼は2。\n\n彼女はあなたを覚えている。"


def test_stuck_state(make_story: Callable[..., Story]) -> None:
    story = make_story(
        """
        start:
          text: Start
          choices:
            - {id: only, text: Only, enabled_if: flag, goto: done}
        done: {text: Done, ending: done}
        """,
        variables="flag: {type: bool, default: false}",
    )
    assert status(story, start(story)) is Status.STUCK
