"""Exploration forgets what no condition can read any more, and finds exactly what a
search over the full states finds."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import explore as explore_module
from game.engine.analysis import abstract, liveness, relevance
from game.engine.explore import Exploration, explore
from game.engine.frozen import FrozenMap
from game.engine.play import choose, start
from game.engine.state import PlayState
from game.engine.trace import run_trace
from game.story import Story, load_story
from tests.conftest import CONFORMANCE, SAMPLE

BRANCHY = """
start:
  text: Pick
  choices:
    - {id: a, text: A, effects: [{set: {x: 1}}, {add: {n: 1}}], goto: mid}
    - {id: b, text: B, effects: [{set: {x: 2}}], goto: mid}
mid:
  text: Mid
  choices:
    - {id: one, text: One, if: x == 1, goto: hub}
    - {id: any, text: Any, goto: hub}
hub:
  text: Hub
  choices:
    - {id: talk, text: Talk, once: true, effects: [{add: {n: 1}}], goto: hub}
    - {id: on, text: On, goto: tail}
tail:
  text: "Tail {x}"
  choices:
    - {id: reset, text: Reset, effects: [{set: {x: 0}}], goto: late}
    - {id: keep, text: Keep, goto: late}
late:
  text: Late
  choices:
    - {id: win, text: Win, enabled_if: n >= 2, goto: won}
    - {id: again, text: Again, if: visited("late") < 3, goto: late}
    - {id: lose, text: Lose, goto: lost}
won: {text: Won, ending: won}
lost: {text: Lost, ending: lost}
"""
VARS = "x: {type: int, default: 0}\nn: {type: int, default: 0, min: 0, max: 5}"
ENDS = "won: {title: Won}\nlost: {title: Lost}"


@pytest.fixture
def branchy(make_story: Callable[..., Story]) -> Story:
    return make_story(BRANCHY, VARS, ENDS)


def test_a_variable_is_forgotten_after_its_last_reader(branchy: Story) -> None:
    live = liveness(branchy)
    assert ("var", "x") in live["mid"] and ("var", "x") not in live["hub"]
    assert ("cut", "n", 2) in live["tail"]  # n is only compared: "is it >= 2?"
    assert {("cut", "n", 1), ("cut", "n", 2)} <= live["hub"]  # the talk adds one first
    a = choose(branchy, start(branchy, 0), "a")
    b = choose(branchy, start(branchy, 0), "b")
    assert abstract(branchy, a) != abstract(branchy, b)  # at mid, x still decides
    a_hub, b_hub = (choose(branchy, s, "any") for s in (a, b))
    assert a_hub.vars["x"] != b_hub.vars["x"]
    assert abstract(branchy, a_hub).vars["x"] == abstract(branchy, b_hub).vars["x"] == 0


def test_an_int_only_compared_with_literals_is_known_by_its_side_of_each_threshold(
        branchy: Story) -> None:
    late = choose(branchy, choose(branchy, choose(branchy, start(branchy, 0), "b"), "any"), "on")
    late = choose(branchy, late, "keep")
    assert late.node == "late"
    two, five = (late.evolve(vars=late.vars.updated({"n": v})) for v in (2, 5))
    one = late.evolve(vars=late.vars.updated({"n": 1}))
    assert abstract(branchy, two) == abstract(branchy, five)  # both pass "n >= 2"
    assert abstract(branchy, one) != abstract(branchy, two)


def test_once_flags_and_visit_counts_live_only_where_they_can_be_read(branchy: Story) -> None:
    live = liveness(branchy)
    assert ("once", "hub", "talk") in live["hub"]
    assert ("once", "hub", "talk") not in live["tail"]
    assert ("visits", "late") in live["tail"] and ("visits", "late") not in live["won"]
    assert live["won"] == frozenset()


def assert_alike(story: Story, fast: Exploration, full: Exploration) -> None:
    """The same findings; shortest paths of the same length (ties may break differently),
    each of which really gets there."""
    assert fast.no_exit == full.no_exit
    assert fast.unreached_nodes == full.unreached_nodes
    assert set(fast.endings) == set(full.endings)
    for ending, path in fast.endings.items():
        assert decisions(story, path) == decisions(story, full.endings[ending])
        assert run_trace(story, path).ending == ending
    assert [s["node"] for s in fast.stuck] == [s["node"] for s in full.stuck]
    for a, b in zip(fast.stuck, full.stuck, strict=True):
        assert decisions(story, a["path"]) == decisions(story, b["path"])
        assert run_trace(story, a["path"]).error == "stuck"


def decisions(story: Story, path: list[str]) -> int:
    """What a path costs: the steps where more than one choice was offered. A path's
    length is not it: a forced choice is named in one path and not in another of the
    same cost (hypothesis found such a tie: two ways into a stuck node, two decisions
    each, one of them through two forced choices)."""
    steps = run_trace(story, path).steps
    return sum(1 for step in steps[:-1] if len(step["choices"]) > 1)


def _global_state(story: Story, state: PlayState) -> PlayState:
    """The plain abstraction for a reference search: every variable and visit count any
    condition anywhere reads is kept (visits capped, or loops would never end)."""
    rel = relevance(story)
    values = {k: (v if k in rel.variables else story.variables[k].default)
              for k, v in state.vars.items()}
    visits = {n: min(c, rel.visit_cap) for n, c in state.visits.items() if n in rel.visited}
    return PlayState(state.node, FrozenMap(values), FrozenMap(visits), state.once_taken)


class GlobalKeyer:
    """Keys for the reference search: (node, the plainly abstracted state)."""

    def __init__(self, story: Story) -> None:
        self.story = story

    def key(self, state: PlayState) -> tuple[str, PlayState]:
        return (state.node, _global_state(self.story, state))

    def state(self, key: tuple[str, PlayState]) -> PlayState:
        return key[1]


@pytest.mark.parametrize("which", ["branchy", "explore", "basics", "sample"])
def test_the_abstraction_finds_what_the_full_search_finds(
        which: str, branchy: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    stories = {"branchy": branchy, "explore": CONFORMANCE / "explore" / "story",
               "basics": CONFORMANCE / "basics" / "story", "sample": SAMPLE}
    target = stories[which]
    story = target if isinstance(target, Story) else load_story(target).story
    assert story is not None
    fast = explore(story)
    monkeypatch.setattr(explore_module, "keyer", GlobalKeyer)
    full = explore(story)
    assert fast.complete and full.complete
    assert fast.states <= full.states
    assert_alike(story, fast, full)


@st.composite
def random_story(draw: st.DrawFn) -> str:
    """A small story graph with conditions, effects, once flags, loops and dead ends."""
    count = draw(st.integers(3, 8))
    ids = [f"n{i}" for i in range(count)]
    condition = st.one_of(
        st.none(),
        st.builds(lambda v, op, k: f"{v} {op} {k}", st.sampled_from("xy"),
                  st.sampled_from([">=", ">", "<", "<=", "==", "!="]), st.integers(-1, 4)),
        st.builds(lambda v, op, k: f"{k} {op} {v}", st.sampled_from("xy"),
                  st.sampled_from([">=", ">", "<", "<="]), st.integers(0, 3)),
        st.just("x + y >= 3"),
        st.builds(lambda n, k: f'visited("{n}") < {k}', st.sampled_from(ids), st.integers(1, 3)),
    )
    effect = st.one_of(
        st.builds(lambda v, k: f"{{set: {{{v}: {k}}}}}", st.sampled_from("xy"), st.integers(0, 3)),
        st.builds(lambda v, k: f"{{add: {{{v}: {k}}}}}", st.sampled_from("xy"), st.integers(-1, 1)),
    )
    lines = []
    for i, nid in enumerate(ids):
        if i > 0 and draw(st.integers(0, 4)) == 0:
            lines.append(f"{nid}: {{text: T, ending: {draw(st.sampled_from(['e1', 'e2']))}}}")
            continue
        lines += [f"{nid}:", "  text: T"]
        if draw(st.booleans()):
            lines.append(f"  on_enter: [{draw(effect)}]")
        lines.append("  choices:")
        for j in range(draw(st.integers(1, 3))):
            parts = [f"id: c{j}", "text: C", f"goto: {draw(st.sampled_from(ids))}"]
            cond = draw(condition)
            if cond is not None:
                parts.append(f"{draw(st.sampled_from(['if', 'enabled_if']))}: '{cond}'")
            if draw(st.booleans()):
                parts.append("once: true")
            effects = draw(st.lists(effect, max_size=2))
            if effects:
                parts.append(f"effects: [{', '.join(effects)}]")
            lines.append("    - {" + ", ".join(parts) + "}")
    return "\n".join(lines)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(nodes=random_story())
def test_random_stories_explore_alike_with_and_without_liveness(
        nodes: str, make_story: Callable[..., Story]) -> None:
    story = make_story(nodes, "x: {type: int, default: 0, min: 0, max: 3}\n"
                       "y: {type: int, default: 0, min: 0, max: 3}",
                       "e1: {title: One}\ne2: {title: Two}", start="n0")
    fast = explore(story)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(explore_module, "keyer", GlobalKeyer)
        full = explore(story)
    assert fast.complete and full.complete and fast.states <= full.states
    assert_alike(story, fast, full)
