"""`trace`, in process: steps, endings, errors, forced choices."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from game.engine.trace import run_trace
from game.story import Story

pytestmark = pytest.mark.runtime  # also run through a save/load round trip


def test_trace_records_every_node_and_stops_at_the_ending(basics: Story) -> None:
    t = run_trace(basics, ["meet", "agree"], "en")
    assert [s["node"] for s in t.steps] == ["intro", "hall", "hall", "signing"]
    assert t.ending == "signed" and t.error is None
    hall = t.steps[1]
    assert [(c["id"], c["enabled"]) for c in hall["choices"]] == [
        ("meet", True), ("agree", False), ("leave", True)]
    assert hall["choices"][1]["disabled_text"] == "Not enough trust"


def test_trace_stops_at_the_first_invalid_choice(basics: Story) -> None:
    t = run_trace(basics, ["agree"])
    assert t.error == "invalid choice agree at hall" and t.invalid_choice
    assert [s["node"] for s in t.steps] == ["intro", "hall"]


FORCED = """
start:
  text: Start
  choices:
    - {id: a, text: A, goto: gate}
    - {id: b, text: B, goto: gate}
gate:
  text: Gate
  choices:
    - {id: on, text: "On", goto: end}
end: {text: End, ending: done}
"""


def test_a_single_enabled_choice_is_taken_without_being_named(
        make_story: Callable[..., Story]) -> None:
    story = make_story(FORCED)
    assert run_trace(story, ["a"]).ending == "done"
    assert run_trace(story, ["a", "on"]).ending == "done"  # naming it works too
    t = run_trace(story, [])
    assert t.ending is None and [s["node"] for s in t.steps] == ["start"]


def test_a_loop_of_single_choices_stops_instead_of_hanging(
        make_story: Callable[..., Story]) -> None:
    story = make_story("""
        start:
          text: Start
          choices:
            - {id: go, text: Go, goto: spin}
            - {id: stop, text: Stop, goto: end}
        spin:
          text: Spin
          choices:
            - {id: again, text: Again, goto: spin}
        end: {text: End, ending: done}
        """)
    t = run_trace(story, ["go"])
    assert t.ending is None and t.error is None
    assert [s["node"] for s in t.steps][:3] == ["start", "spin", "spin"]


def test_trace_in_japanese_falls_back_to_the_default_language(basics: Story) -> None:
    t = run_trace(basics, ["leave"], "ja")
    hall = t.steps[1]
    texts = {c["id"]: c["text"] for c in hall["choices"]}
    assert texts["meet"] == "公使に会う" and texts["leave"] == "Walk out"
