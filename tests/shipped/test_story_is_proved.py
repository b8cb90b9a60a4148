"""The shipped story as its players meet it: every ending reachable, nothing stuck or
unreachable, every node reached by chance play, both languages written, a full
playthrough long enough, and every decision a real one."""

from __future__ import annotations

import datetime as dt

import pytest

from game.engine.explore import Exploration
from game.engine.play import Status, advance, offered, start, status, take
from game.engine.random_walk import random_playthroughs
from game.engine.trace import run_trace
from game.story import Story


def test_explore_is_complete_and_reaches_every_ending(
        shipped: Story, exploration: Exploration) -> None:
    assert exploration.complete
    assert len(shipped.endings) >= 8
    assert set(exploration.endings) == set(shipped.endings)
    assert exploration.stuck == []
    assert exploration.no_exit == []
    assert exploration.unreached_nodes == []


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_shortest_path_replays_to_its_ending(
        shipped: Story, exploration: Exploration, lang: str) -> None:
    for ending, path in exploration.endings.items():
        assert run_trace(shipped, path, lang=lang).ending == ending


def test_a_thousand_random_playthroughs_reach_every_node(shipped: Story) -> None:
    doc = random_playthroughs(shipped, 1000, seed=1).to_json(shipped)
    assert doc["unreached_nodes"] == []
    assert doc["stuck"] == {} and doc["cut_off"] == 0
    assert set(doc["endings"]) == set(shipped.endings)


def test_a_playthrough_has_forty_decisions_and_half_an_hour_of_reading(shipped: Story) -> None:
    length = random_playthroughs(shipped, 200, seed=2).to_json(shipped)["length"]
    assert length["decisions"]["median"] >= 40
    assert 30 <= length["minutes"]["median"] <= 45


def test_the_story_is_big_enough(shipped: Story) -> None:
    assert len(shipped.nodes) >= 150
    chapters = {n.chapter for n in shipped.nodes.values()}
    assert chapters == set(shipped.chapters)
    assert any(e.kind == "roll" for n in shipped.nodes.values()
               for e in (*n.on_enter, *(x for c in n.choices for x in c.effects)))
    assert any(c.once for n in shipped.nodes.values() for c in n.choices)


def test_every_decision_changes_state_or_path(shipped: Story) -> None:
    for node in shipped.nodes.values():
        outcomes = [(c.goto, c.effects and tuple((e.kind, e.var, e.value)
                                                  for e in c.effects)) for c in node.choices]
        assert len(set(outcomes)) == len(outcomes), f"{node.id}: two choices do the same"


def test_every_node_has_a_place_and_both_languages(shipped: Story) -> None:
    for node in shipped.nodes.values():
        assert node.place in shipped.places, node.id
        for part in node.text.parts:
            ja = part.text.template("ja", "en")
            wide = [s for s in ja.segments if isinstance(s, str) and
                    any(ord(ch) > 0x2E7F for ch in s)]
            assert wide, f"{node.id}: the Japanese text is not Japanese"
        for choice in node.choices:
            label = "".join(s for s in choice.text.template("ja", "en").segments
                            if isinstance(s, str))
            assert any(ord(ch) > 0x2E7F for ch in label), f"{node.id}.{choice.id}"


def test_dates_only_move_forward_in_play(shipped: Story) -> None:
    import random

    picker = random.Random(5)
    for _ in range(200):
        state = start(shipped, picker.randrange(1000))
        last = dt.date.min
        while (kind := status(shipped, state)) not in (Status.ENDING, Status.STUCK):
            date = shipped.nodes[state.node].date
            if date is not None:
                day = dt.date.fromisoformat(date)
                assert day >= last, f"{state.node} is dated {date}, after {last}"
                last = day
            if kind is Status.NEXT:
                state = advance(shipped, state)
            else:
                options = [o for o in offered(shipped, state) if o.enabled]
                state = take(shipped, state, options[picker.randrange(len(options))].choice)
