"""Changing a playthrough by hand: jump, set a variable, start anywhere, and go back
past the changes (game.engine.jump, game.engine.fixtures)."""

from __future__ import annotations

import pytest

from game.engine import choose, offered, settle, start
from game.engine.fixtures import (
    FixtureError,
    closest,
    matching_nodes,
    parse_assignment,
    parse_value,
)
from game.engine.history import history
from game.engine.jump import Edit, jump, rollback_edited, set_variable, start_at
from game.story import Story, load_story
from game.story.expr.ast import Value
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def story() -> Story:
    loaded = load_story(SAMPLE).story
    assert loaded is not None
    return loaded


def test_a_jump_enters_the_node_as_play_does(story: Story) -> None:
    state = settle(story, start(story, 7))
    assert state.node == "briefing" and state.vars["tokyo_patience"] == 3
    there = jump(story, state, "courier_answer")
    assert there.node == "courier_answer"
    assert there.visited("courier_answer") == 1  # visit +1
    assert there.vars["tokyo_patience"] == 2  # its on_enter: add tokyo_patience -1
    assert there.log == state.log and there.seed == state.seed
    assert jump(story, there, "courier_answer").visited("courier_answer") == 2
    assert state.node == "briefing"  # the old value is untouched


def test_a_jump_to_no_node_names_the_closest(story: Story) -> None:
    with pytest.raises(FixtureError, match="no node 'kolontai'.*closest: kollontai"):
        jump(story, start(story), "kolontai")


def test_set_variable_checks_the_declaration(story: Story) -> None:
    state = start(story)
    assert set_variable(story, state, "read_cables", True).vars["read_cables"] is True
    assert state.vars["read_cables"] is False
    cases: list[tuple[str, Value, str]] = [
        ("soviet_trust", 6, "from -5 to 5"),
        ("busan_clause", "maybe", "one of open, agreed, struck"),
        ("read_cables", 1, "bool"),
        ("soviet_trust", True, "int"),
        ("soviet_trst", 1, "closest: soviet_trust"),
    ]
    for name, value, message in cases:
        with pytest.raises(FixtureError, match=message):
            set_variable(story, state, name, value)


def test_start_at_sets_the_values_then_enters_the_node(story: Story) -> None:
    state = start_at(story, "courier_answer", {"tokyo_patience": 5, "courier_days": 8}, seed=3)
    assert state.node == "courier_answer" and state.seed == 3 and state.log == ()
    assert state.vars["tokyo_patience"] == 4  # 5, then on_enter's -1: the order is --set first
    assert dict(state.visits) == {"courier_answer": 1}
    at_start = start_at(story, None, {"soviet_trust": 2})
    assert at_start.node == story.start and at_start.vars["soviet_trust"] == 2
    assert start_at(story, None, {}, seed=5) == start(story, 5)  # no fixtures: a plain start


def test_values_are_parsed_by_their_declared_type(story: Story) -> None:
    v = story.variables
    assert parse_value(v["soviet_trust"], " -3 ") == -3
    assert parse_value(v["read_cables"], "true") is True
    assert parse_value(v["busan_clause"], "struck") == "struck"
    assert parse_assignment(story, "courier_days=10") == ("courier_days", 10)
    for text, message in [
        ("soviet_trust=three", "not a whole number"),
        ("read_cables=yes", "give true or false"),
        ("soviet_trust", "expects name=value"),
        ("=3", "expects name=value"),
        ("courier_days=11", "from 0 to 10"),
        ("nobody=1", "declared: soviet_trust, tokyo_patience"),
    ]:
        with pytest.raises(FixtureError, match=message):
            parse_assignment(story, text)


def test_node_matching_for_the_jump_box(story: Story) -> None:
    assert matching_nodes(story, "cour") == ["courier", "courier_answer"]
    assert matching_nodes(story, "open") == ["channel_open"]  # inside the id too
    assert matching_nodes(story, "") == list(story.nodes)
    assert matching_nodes(story, "kolontai") == ["kollontai"]  # nothing contains it: similar
    assert closest("busan", ["busan_clause", "art_busan", "soviet_trust"]) == \
        ["busan_clause", "art_busan"]


def test_going_back_after_a_jump_returns_to_the_jumped_state(story: Story) -> None:
    before = settle(story, choose(story, settle(story, start(story, 7)), "read_cables"))
    jumped = set_variable(story, jump(story, before, "kollontai"), "soviet_trust", 4)
    edits = (Edit(len(jumped.log), jumped),)
    after = choose(story, jumped, "listen")
    assert after.node == "channel_open" and after.vars["soviet_trust"] == 5
    back, kept = rollback_edited(story, after, edits, len(after.log) - 1)
    assert back == jumped and kept == edits
    # one more: past the jump, to the first decision, replayed from the start as usual
    first, kept = rollback_edited(story, back, kept, 0)
    assert first.node == "briefing" and first.log == () and kept == ()
    assert [o.id for o in offered(story, first)][0] == "read_cables"


def test_history_starts_at_the_latest_edit(story: Story) -> None:
    jumped = start_at(story, "kollontai", {"soviet_trust": 3}, seed=1)
    after = choose(story, jumped, "listen")
    passages = history(story, after, Edit(0, jumped))
    assert [(p.node, p.choice) for p in passages] == [("kollontai", "listen"),
                                                       ("channel_open", None)]
