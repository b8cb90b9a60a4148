"""`play --start NODE --set name=value`: start anywhere with fixtures, or exit 2 saying why."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLE

from .test_commands import run

S = str(SAMPLE)


def test_text_play_starts_at_the_node_with_the_values() -> None:
    p = run("play", "--text", S, "--start", "kollontai", "--set", "soviet_trust=3",
            "--set", "busan_clause=struck", stdin="2\n")
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert out.lstrip().startswith("Prologue. A Winter Posting")
    assert "Madame Kollontai receives you" in out  # the first passage is the start node's
    assert "A Swedish banker" not in out
    assert "Trust 4. Article 2: struck." in out  # 3, then listen's +1; the str as set


def test_the_start_node_is_entered_after_the_values_are_set() -> None:
    # courier_answer's on_enter adds -1 to tokyo_patience, and shows a part when days > 6
    p = run("play", "--text", S, "--start", "courier_answer", "--set", "courier_days=8",
            stdin="q\n")
    assert p.returncode == 0, p.stderr
    assert "It has taken too long." in p.stdout


def test_set_without_start_applies_at_the_story_start() -> None:
    p = run("play", "--text", S, "--set", "read_cables=true", stdin="\n3\nq\n")
    assert p.returncode == 0, p.stderr
    assert "3. Agree to meet the Soviet envoy" in p.stdout  # enabled: not in parentheses
    assert "Madame Kollontai receives you" in p.stdout


def test_back_in_the_terminal_stops_at_the_fixture() -> None:
    p = run("play", "--text", S, "--start", "kollontai", "--set", "soviet_trust=3",
            stdin="b\n2\n")
    assert p.returncode == 0, p.stderr
    assert "This is the first decision." in p.stdout
    assert "Trust 4." in p.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--start", "kolontai"], "error: no node 'kolontai' in the story; closest: kollontai"),
    (["--set", "soviet_trst=1"],
     "error: no variable 'soviet_trst' is declared; closest: soviet_trust"),
    (["--set", "soviet_trust=9"], "error: soviet_trust must be from -5 to 5; 9 is out of range"),
    (["--set", "soviet_trust=lots"], "error: soviet_trust is an int: 'lots' is not a whole "
                                     "number"),
    (["--set", "read_cables=yes"], "error: read_cables is a bool: give true or false, not 'yes'"),
    (["--set", "busan_clause=maybe"],
     "error: busan_clause must be one of open, agreed, struck; not 'maybe'"),
    (["--set", "soviet_trust"], "error: --set expects name=value"),
    (["--start", "kollontai", "--load", "some.json"], "cannot be combined with --load"),
])
@pytest.mark.parametrize("mode", [["--text"], []])
def test_fixture_mistakes_exit_2_before_anything_opens(args: list[str], message: str,
                                                       mode: list[str]) -> None:
    p = run("play", *mode, S, *args)
    assert p.returncode == 2
    assert message in p.stderr
    assert "Traceback" not in p.stderr and p.stdout == ""
