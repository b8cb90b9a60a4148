"""`explore --to NODE`: a shortest path an author can paste, or why there is none."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_commands import run
from tests.conftest import write_story

NODES = """
start:
  text: A hall.
  choices:
    - {id: long_way, text: The stairs, goto: stairs}
    - {id: leave, text: Leave, goto: roof}
stairs:
  text: Stairs.
  choices:
    - {id: climb, text: Climb, goto: landing}
    - {id: rest, text: Rest, goto: roof}
landing:
  text: A landing.
  next: roof
roof:
  text: The roof.
  ending: done
"""


def test_the_path_printed_leads_there_when_traced(tmp_path: Path) -> None:
    story = str(write_story(tmp_path / "s", NODES))
    p = run("explore", story, "--to", "landing")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0].startswith("landing: 2 decisions from the start")
    assert lines[1].split() == ["python", "main.py", "trace", "--choose", "long_way,climb"]
    steps = json.loads(run("trace", story, "--choose", "long_way,climb").stdout)["steps"]
    assert "landing" in [step["node"] for step in steps]
    doc = json.loads(run("explore", story, "--to", "roof", "--json").stdout)
    assert doc["path"] == ["leave"] and doc["complete"]


def test_an_unreachable_node_exits_1_and_an_unknown_one_2(tmp_path: Path) -> None:
    story = str(write_story(tmp_path / "s", NODES.replace("goto: landing", "goto: roof")))
    p = run("explore", story, "--to", "landing")
    assert p.returncode == 1
    assert p.stdout.startswith("landing: no path from the start reaches it")
    p = run("explore", story, "--to", "stair")
    assert p.returncode == 2
    assert p.stderr.strip() == "error: no node 'stair' in the story; closest: stairs, start"
