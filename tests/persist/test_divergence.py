"""A save made before the author changed the story: restoring says at which decision the
story now goes another way and why, and play goes on from the last point that works."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from game.engine.play import choose, replay, rollback, settle, start
from game.engine.reproduce import DivergenceKind
from game.engine.state import PlayState
from game.persist.save_format import DamagedSave, SaveGame, StoryRef, decode, encode
from game.persist.snapshot import describe, make_save, restore
from game.story import Story
from tests.conftest import ROOT

VARIABLES = """
money: {type: int, default: 0, min: 0, max: 10}
steps: {type: int, default: 0}
luck: {type: int, default: 0, min: 0, max: 6}
paid: {type: bool, default: false}
"""

NODES = """
start:
  text: "The legation. Money {money}."
  choices:
    - id: ask
      text: Ask the clerk
      once: true
      effects:
        - add: {money: 1}
      goto: start
    - id: go
      text: Go out
      effects:
        - add: {steps: 1}
      goto: hall
hall:
  text: "The hall."
  choices:
    - id: roll
      text: Throw the dice
      effects:
        - roll: {luck: [1, 6]}
      goto: dice
    - id: wait
      text: Wait
      goto: gate
dice:
  text: "You threw {luck}."
  next: gate
gate:
  text: "The gate."
  choices:
    - id: enter
      text: Enter
      if: money >= 1
      enabled_if: luck >= 1
      effects:
        - add: {money: 2}
      goto: court
    - id: skip
      text: Walk past
      goto: court
court:
  text: "The court. Money {money}, luck {luck}."
  choices:
    - id: pay
      text: Pay
      effects:
        - set: {paid: true}
      goto: tower
    - id: leave
      text: Leave
      goto: top
tower:
  text: "The tower."
  choices:
    - id: climb
      text: Climb
      goto: top
    - id: stay
      text: Stay
      goto: top
top:
  text: "The top. Paid: {paid}."
  ending: done
"""

PLAY = ["ask", "go", "roll", "enter", "pay", "climb"]  # decisions 1 to 6
SEED = 11

HALL = NODES[NODES.index("hall:"):NODES.index("dice:")]

# name: (what the author changed, the kind reported, at which decision)
CHANGES: dict[str, tuple[Callable[[str], str], DivergenceKind, int]] = {
    "node removed": (lambda s: s.replace(HALL, "").replace("goto: hall", "goto: dice"),
                     DivergenceKind.MISSING_NODE, 3),
    "node bypassed": (lambda s: s.replace("goto: hall", "goto: gate"),
                      DivergenceKind.ELSEWHERE, 3),
    "if now false": (lambda s: s.replace("if: money >= 1", "if: money >= 5"),
                     DivergenceKind.HIDDEN, 4),
    "enabled_if now false": (lambda s: s.replace("enabled_if: luck >= 1",
                                                 "enabled_if: luck >= 1 and steps >= 2"),
                             DivergenceKind.DISABLED, 4),
    "choice removed": (lambda s: s.replace("    - id: pay\n      text: Pay\n      effects:\n"
                                           "        - set: {paid: true}\n      goto: tower\n",
                                           ""),
                       DivergenceKind.MISSING_CHOICE, 5),
}


def played(story: Story) -> PlayState:
    s = settle(story, start(story, SEED))
    for choice in PLAY:
        s = settle(story, choose(story, s, choice))
    assert story.nodes[s.node].ending == "done" and len(s.log) == len(PLAY)
    assert s.rolls and s.once_taken
    return s


def saved(story: Story) -> SaveGame:
    state = played(story)
    return decode(encode(make_save(story, state, describe(story, state, "en"))))


@pytest.fixture
def original(make_story: Callable[..., Story]) -> Story:
    return make_story(NODES, VARIABLES)


@pytest.mark.parametrize("name", list(CHANGES))
def test_a_choice_that_no_longer_works_stops_the_replay_just_before_it(
        make_story: Callable[..., Story], original: Story, name: str) -> None:
    change, kind, number = CHANGES[name]
    save = saved(original)
    changed = make_story(change(NODES), VARIABLES)
    assert changed.content_hash != original.content_hash

    restored = restore(changed, save)

    div = restored.divergence
    assert div is not None and div.kind is kind and div.decision == number
    assert (div.node, div.choice) == (save.log[number - 1].node, save.log[number - 1].choice)
    assert f"decision {number}" in div.reason
    assert restored.story_changed and not restored.reproduction.reproduced
    assert restored.reproduction.replayed == number - 1
    assert restored.state == replay(changed, SEED, save.log[:number - 1])
    assert len(restored.state.log) == number - 1
    if kind in (DivergenceKind.HIDDEN, DivergenceKind.DISABLED, DivergenceKind.MISSING_CHOICE):
        # the node is still there: the same point as rolling back the saved game
        assert restored.state == rollback(changed, save.state, number - 1)


def test_a_changed_effect_is_found_at_the_first_decision_whose_outcome_changed(
        make_story: Callable[..., Story], original: Story) -> None:
    save = saved(original)
    changed = make_story(NODES.replace("- add: {money: 2}", "- add: {money: 3}"), VARIABLES)

    restored = restore(changed, save)

    div = restored.divergence
    assert div is not None and div.kind is DivergenceKind.STATE and div.decision == 4
    assert (div.node, div.choice) == ("gate", "enter")
    assert "money is 4 (was 3)" in div.reason
    assert restored.story_changed and not restored.reproduction.reproduced
    state = restored.state  # every decision still works: play goes on from the end
    assert state.log == save.log and state.node == "top"
    assert state.vars["money"] == 4 and state.rolls == save.state.rolls
    assert state == replay(changed, SEED, save.log)


def test_a_changed_effect_without_digests_blames_the_last_decision(
        make_story: Callable[..., Story], original: Story) -> None:
    save = replace(saved(original), digests=())  # e.g. a migrated version-1 save
    changed = make_story(NODES.replace("- add: {money: 2}", "- add: {money: 3}"), VARIABLES)
    div = restore(changed, save).divergence
    assert div is not None and div.kind is DivergenceKind.STATE and div.decision == len(PLAY)


def test_the_unchanged_story_reproduces_the_save(
        make_story: Callable[..., Story], original: Story) -> None:
    save = saved(original)
    same = make_story(NODES, VARIABLES)  # another folder, the same files
    assert same.content_hash == original.content_hash
    restored = restore(same, save)
    assert restored.reproduction.reproduced and restored.divergence is None
    assert not restored.story_changed
    assert restored.state == save.state == played(original)
    assert restored.reproduction.replayed == len(PLAY)


def test_a_save_of_another_story_is_refused(original: Story) -> None:
    save = saved(original)
    other = decode(encode(replace(save, story=StoryRef("another-story", save.story.hash))))
    with pytest.raises(DamagedSave, match="another story"):
        restore(original, other)


def test_the_same_story_with_an_edited_state_is_refused(original: Story) -> None:
    save = saved(original)
    edited = replace(save, state=save.state.evolve(vars=save.state.vars.updated({"money": 9})))
    with pytest.raises(DamagedSave, match="do not lead to the state"):
        restore(original, decode(encode(edited)))


# -- the command line ----------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, encoding="utf-8")


def test_replay_on_the_command_line(make_story: Callable[..., Story], original: Story,
                                    tmp_path: Path) -> None:
    target = tmp_path / "saves" / "slot-01.json"
    traced = run("trace", original.root, "--choose", ",".join(PLAY), "--seed", str(SEED),
                 "--save", str(target))
    assert traced.returncode == 0, traced.stderr
    trace = json.loads(traced.stdout)
    assert trace["ending"] == "done" and target.is_file()

    same = run("replay", str(target))  # the story the save names
    assert same.returncode == 0, same.stderr
    doc = json.loads(same.stdout)
    assert doc["reproduced"] is True and doc["divergence"] is None
    assert doc["steps"] == trace["steps"]
    assert doc["save"]["decisions"] == doc["save"]["replayed"] == len(PLAY)
    assert doc["save"]["story_changed"] is False

    changed = make_story(CHANGES["if now false"][0](NODES), VARIABLES)
    moved = run("replay", str(target), "--story", changed.root)
    assert moved.returncode == 1, moved.stderr
    doc = json.loads(moved.stdout)
    assert doc["reproduced"] is False and doc["save"]["story_changed"] is True
    assert doc["divergence"]["decision"] == 4 and doc["divergence"]["kind"] == "hidden"
    assert (doc["divergence"]["node"], doc["divergence"]["choice"]) == ("gate", "enter")
    assert doc["steps"][-1]["node"] == "gate" and doc["save"]["replayed"] == 3
    assert "not reproduced" in moved.stderr and "Traceback" not in moved.stderr

    broken = tmp_path / "saves" / "slot-02.json"
    broken.write_bytes(target.read_bytes()[:200])
    bad = run("replay", str(broken))
    assert bad.returncode == 4 and bad.stdout == ""
    assert "cut short" in bad.stderr and "Traceback" not in bad.stderr

    listed = run("saves", "list", "--saves", str(tmp_path / "saves"), "--json")
    assert listed.returncode == 0, listed.stderr
    slots = {s["name"]: s for s in json.loads(listed.stdout)}
    assert set(slots) == {"slot-01", "slot-02"}
    assert slots["slot-01"]["status"] == "ok" and slots["slot-01"]["decisions"] == len(PLAY)
    assert slots["slot-02"]["status"] == "damaged" and "cut short" in slots["slot-02"]["damage"]
