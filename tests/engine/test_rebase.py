"""Carrying a playthrough over to an edited story (live reload), and going back after it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from game.engine import PlayState, back, choose, offered, rollback, settle, start
from game.engine.history import history
from game.engine.rebase import AdjustKind, Adjustment, rebase
from game.engine.render import node_text
from game.persist.save_format import decode, encode
from game.persist.snapshot import OTHER_VERSION, make_save, restore
from game.story import Story

VARIABLES = """
trust: {type: int, default: 0, min: -5, max: 5}
clause: {type: str, default: open, values: [open, agreed, struck]}
met: {type: bool, default: false}
"""

NODES = """
start:
  text: The door.
  choices:
    - {id: knock, text: Knock, once: true, goto: hall,
       effects: [{add: {trust: 4}}, {set: {clause: agreed}}, {set: {met: true}}]}
    - {id: wait, text: Wait, goto: hall}
hall:
  text: "The hall. Trust {trust}, {clause}, {met}."
  choices:
    - {id: back_out, text: Back out, goto: start}
    - {id: leave, text: Leave, goto: end}
end:
  text: The end.
  ending: done
"""

MakeStory = Callable[..., Story]


@pytest.fixture
def original(make_story: MakeStory) -> Story:
    return make_story(NODES, VARIABLES)


def in_hall(story: Story) -> PlayState:
    """Knock (trust 4, agreed, met), back out, wait: in the hall after three decisions."""
    s = settle(story, start(story, seed=11))
    for choice in ("knock", "back_out", "wait"):
        s = settle(story, choose(story, s, choice))
    assert s.node == "hall"
    return s


def kinds(adjustments: tuple[Adjustment, ...]) -> dict[str, AdjustKind]:
    return {a.name: a.kind for a in adjustments}


def test_the_same_story_keeps_the_state_exactly(original: Story) -> None:
    s = in_hall(original)
    rebased = rebase(original, s)
    assert rebased.state == s and rebased.adjustments == () and rebased.missing_node is None


def test_a_text_edit_keeps_every_variable_and_shows_the_new_text(original: Story,
                                                                  make_story: MakeStory) -> None:
    s = in_hall(original)
    edited = make_story(NODES.replace("The hall.", "The great hall."), VARIABLES)
    rebased = rebase(edited, s)
    assert rebased.adjustments == ()
    new = rebased.state
    assert new is not None
    assert (new.node, new.vars, new.visits, new.once_taken, new.seed, new.rolls, new.log) == \
        (s.node, s.vars, s.visits, s.once_taken, s.seed, s.rolls, s.log)
    assert node_text(edited, new, "en") == "The great hall. Trust 4, agreed, true."


def test_a_new_choice_on_the_current_node_is_offered(original: Story,
                                                     make_story: MakeStory) -> None:
    edited = make_story(NODES.replace(
        "    - {id: leave, text: Leave, goto: end}",
        "    - {id: leave, text: Leave, goto: end}\n    - {id: stay, text: Stay, goto: end}"),
        VARIABLES)
    new = rebase(edited, in_hall(original)).state
    assert new is not None
    assert [o.id for o in offered(edited, new)] == ["back_out", "leave", "stay"]


def test_an_int_outside_the_new_range_is_clamped(original: Story, make_story: MakeStory) -> None:
    edited = make_story(NODES, VARIABLES.replace("max: 5", "max: 2"))
    rebased = rebase(edited, in_hall(original))
    assert rebased.state is not None and rebased.state.vars["trust"] == 2
    assert rebased.adjustments == (Adjustment(AdjustKind.CLAMPED, "trust", 4, 2),)
    assert rebased.adjustments[0].describe() == "trust clamped: 4 -> 2"


def test_a_str_no_longer_allowed_gets_the_new_default(original: Story,
                                                      make_story: MakeStory) -> None:
    edited = make_story(NODES.replace("{set: {clause: agreed}}", "{set: {clause: struck}}"),
                        VARIABLES.replace("default: open, values: [open, agreed, struck]",
                                          "default: struck, values: [open, struck]"))
    rebased = rebase(edited, in_hall(original))
    assert rebased.state is not None and rebased.state.vars["clause"] == "struck"
    assert rebased.adjustments == (Adjustment(AdjustKind.RESET, "clause", "agreed", "struck"),)
    assert "no longer allows 'agreed'" in rebased.adjustments[0].describe()


def test_a_variable_whose_type_changed_gets_its_default(original: Story,
                                                        make_story: MakeStory) -> None:
    edited = make_story(NODES.replace("{set: {met: true}}", "{set: {met: 1}}"),
                        VARIABLES.replace("met: {type: bool, default: false}",
                                          "met: {type: int, default: 0}"))
    rebased = rebase(edited, in_hall(original))
    assert rebased.state is not None and rebased.state.vars["met"] == 0
    assert type(rebased.state.vars["met"]) is int
    assert kinds(rebased.adjustments) == {"met": AdjustKind.RESET}


def test_a_removed_variable_is_dropped_and_a_new_one_starts_at_its_default(
        original: Story, make_story: MakeStory) -> None:
    edited = make_story(NODES.replace(", {set: {met: true}}", "").replace(", {met}", ", {mood}"),
                        VARIABLES.replace("met: {type: bool, default: false}",
                                          "mood: {type: int, default: 3, min: 0, max: 5}"))
    rebased = rebase(edited, in_hall(original))
    assert rebased.state is not None
    assert dict(rebased.state.vars) == {"trust": 4, "clause": "agreed", "mood": 3}
    assert kinds(rebased.adjustments) == {"mood": AdjustKind.NEW, "met": AdjustKind.DROPPED}


def test_the_node_on_screen_removed_keeps_the_player_on_the_old_story(
        original: Story, make_story: MakeStory) -> None:
    renamed = NODES.replace("goto: hall", "goto: lobby").replace("hall:", "lobby:")
    rebased = rebase(make_story(renamed, VARIABLES), in_hall(original))
    assert rebased.state is None
    assert rebased.missing_node == "hall"


def test_visits_of_a_removed_node_are_dropped(make_story: MakeStory) -> None:
    nodes = NODES.replace("once: true, goto: hall,", "once: true, goto: porch,") + """
porch:
  text: The porch.
  next: hall
"""
    story = make_story(nodes, VARIABLES)
    s = settle(story, choose(story, settle(story, start(story)), "knock"))
    assert s.node == "hall" and s.visited("porch") == 1
    rebased = rebase(make_story(NODES, VARIABLES), s)
    assert rebased.state is not None and "porch" not in rebased.state.visits
    assert rebased.state.visited("hall") == 1
    assert kinds(rebased.adjustments) == {"porch": AdjustKind.VISITS_DROPPED}


def test_a_removed_once_choice_is_forgotten_and_a_kept_one_stays_taken(
        original: Story, make_story: MakeStory) -> None:
    s = in_hall(original)
    assert ("start", "knock") in s.once_taken
    kept = rebase(make_story(NODES.replace("The door.", "The red door."), VARIABLES), s).state
    assert kept is not None and kept.once_taken == s.once_taken
    gone = make_story(NODES.replace("Knock, once: true", "Knock").replace("id: knock", "id: rap"),
                      VARIABLES)
    rebased = rebase(gone, s)
    assert rebased.state is not None and rebased.state.once_taken == frozenset()
    assert kinds(rebased.adjustments) == {"start/knock": AdjustKind.ONCE_DROPPED}


def test_back_after_a_reload_replays_on_the_new_story(original: Story,
                                                      make_story: MakeStory) -> None:
    edited = make_story(NODES.replace("{add: {trust: 4}}", "{add: {trust: 2}}"), VARIABLES)
    new = rebase(edited, in_hall(original)).state
    assert new is not None and new.vars["trust"] == 4  # kept, not replayed
    earlier = back(edited, new)
    assert earlier.node == "start" and len(earlier.log) == 2
    assert earlier.vars["trust"] == 2  # the decisions, as the story now has them


def test_back_past_a_removed_choice_stops_before_it(original: Story,
                                                    make_story: MakeStory) -> None:
    """The first decision (knock) is gone: going back cannot replay it, so it rests at the
    start, where that decision was made, instead of raising."""
    gone = make_story(NODES.replace("id: knock", "id: rap"), VARIABLES)
    new = rebase(gone, in_hall(original)).state
    assert new is not None
    earlier = back(gone, new)
    assert earlier.node == "start" and earlier.log == ()
    assert rollback(gone, new, 1) == earlier
    assert [p.node for p in history(gone, new)][-1] == "hall"  # the history does not crash


def test_back_when_the_decision_node_was_removed(make_story: MakeStory) -> None:
    nodes = NODES.replace("once: true, goto: hall,", "once: true, goto: porch,") + """
porch:
  text: The porch.
  choices:
    - {id: enter, text: Enter, goto: hall}
"""
    story = make_story(nodes, VARIABLES)
    s = settle(story, start(story))
    for choice in ("knock", "enter", "leave"):
        s = settle(story, choose(story, s, choice))
    assert s.node == "end" and len(s.log) == 3
    without = make_story(nodes.split("porch:")[0].replace("goto: porch", "goto: hall")
                         + "\n", VARIABLES)
    new = rebase(without, s).state
    assert new is not None
    earlier = back(without, new)  # decision 2 was made at porch, which is gone
    assert earlier.node == "hall" and [d.choice for d in earlier.log] == ["knock"]


def test_a_save_after_a_text_edit_records_the_new_story(original: Story,
                                                        make_story: MakeStory) -> None:
    edited = make_story(NODES.replace("The hall.", "The great hall."), VARIABLES)
    new = rebase(edited, in_hall(original)).state
    assert new is not None
    save = decode(encode(make_save(edited, new)))
    assert save.story.hash == edited.content_hash != original.content_hash
    restored = restore(edited, save)
    assert restored.divergence is None and restored.state == new


def test_a_save_of_a_state_the_log_no_longer_leads_to_still_loads(
        original: Story, make_story: MakeStory) -> None:
    """Trust 4 kept, while the decisions now give 2: the save says it was made with
    another version, so loading replays and explains instead of calling it damaged."""
    edited = make_story(NODES.replace("{add: {trust: 4}}", "{add: {trust: 2}}"), VARIABLES)
    new = rebase(edited, in_hall(original)).state
    assert new is not None
    save = decode(encode(make_save(edited, new)))
    assert save.story.hash == OTHER_VERSION
    restored = restore(edited, save)
    assert restored.divergence is not None and restored.divergence.kind.value == "state"
    assert restored.state.node == "hall" and restored.state.vars["trust"] == 2
