"""`explore`: every ending with a replayable shortest path, stuck states, dead ends."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from game.engine.explore import explore
from game.engine.random_walk import random_playthroughs, reading_units
from game.engine.trace import run_trace
from game.story import Story, load_story
from tests.conftest import CONFORMANCE


def test_conformance_explore_story() -> None:
    story = load_story(CONFORMANCE / "explore" / "story").story
    assert story is not None
    r = explore(story)
    assert r.complete
    assert r.endings == {"lose": ["set_b", "go"], "win": ["set_a", "go"]}
    assert [s["node"] for s in r.stuck] == ["gate"]
    assert r.unreached_nodes == ["orphan"]
    assert r.no_exit == ["spin", "spin2"]
    for ending, path in r.endings.items():
        assert run_trace(story, path).ending == ending


def test_sample_story_is_complete_and_every_ending_replays(sample: Story) -> None:
    r = explore(sample)
    assert r.complete and not r.stuck and not r.no_exit and not r.unreached_nodes
    assert set(r.endings) == set(sample.endings)
    for ending, path in r.endings.items():
        assert run_trace(sample, path).ending == ending


def test_the_state_limit_makes_the_report_incomplete(basics: Story) -> None:
    r = explore(basics, max_states=3)
    assert not r.complete and r.states <= 3
    assert r.no_exit == []  # an unfinished search never claims a dead end


def test_visit_counts_nothing_reads_do_not_multiply_states(
        make_story: Callable[..., Story]) -> None:
    story = make_story("""
        start:
          text: "Loop {n}"
          choices:
            - {id: again, text: Again, effects: [{add: {n: 1}}], goto: start}
            - {id: stop, text: Stop, goto: end}
        end: {text: End, ending: done}
        """, variables="n: {type: int, default: 0}")
    r = explore(story, max_states=1000)
    assert r.complete and r.states == 2  # n is never read by a condition


def test_dice_outcomes_are_branches(make_story: Callable[..., Story]) -> None:
    story = make_story("""
        start:
          text: Roll
          choices:
            - {id: roll, text: Roll, effects: [{roll: {d: [1, 3]}}], goto: judge}
            - {id: wait, text: Wait, goto: judge}
        judge:
          text: Judge
          choices:
            - {id: win, text: Win, if: d == 3, goto: won}
            - {id: lose, text: Lose, if: d != 3, goto: lost}
        won: {text: Won, ending: done}
        lost: {text: Lost, ending: lost}
        """, variables="d: {type: int, default: 0}",
        endings="done: {title: Done}\nlost: {title: Lost}")
    r = explore(story)
    assert set(r.endings) == {"done", "lost"}
    assert r.endings["done"] == ["roll"]


def test_random_playthroughs_report_coverage(sample: Story) -> None:
    cov = random_playthroughs(sample, 100, seed=1).to_json(sample)
    assert cov["coverage"]["nodes"]["reached"] == cov["coverage"]["nodes"]["total"]
    assert sum(cov["endings"].values()) == 100
    again = random_playthroughs(sample, 100, seed=1).to_json(sample)
    assert again == cov  # reproducible


def test_untaken_choices_are_listed(tmp_path: Path, make_story: Callable[..., Story]) -> None:
    story = make_story("""
        start:
          text: Start
          choices:
            - {id: go, text: Go, goto: end}
            - {id: never, text: Never, if: "false", goto: end}
        end: {text: End, ending: done}
        """)
    cov = random_playthroughs(story, 5).to_json(story)
    assert cov["untaken_choices"] == ["start.never"]


def test_random_playthroughs_measure_their_length(sample: Story) -> None:
    doc = random_playthroughs(sample, 50, seed=1).to_json(sample)
    length = doc["length"]
    assert 1 <= length["decisions"]["min"] <= length["decisions"]["median"]
    assert length["decisions"]["max"] <= 4  # the sample's longest path has four decisions
    assert length["words"]["min"] > 20
    assert length["minutes"]["median"] == round(length["words"]["median"] / 250, 1)
    ja = reading_units("一九四二年一月、ストックホルム。")
    assert ja == round(16 / 2.5) and reading_units("three plain words") == 3
