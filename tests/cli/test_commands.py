"""The command line as a user types it: `python main.py check|trace|explore|play --text`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import CONFORMANCE, ROOT, SAMPLE, write_story

S = str(SAMPLE)


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          text=True, input=stdin, timeout=120, encoding="utf-8")


def test_check_the_shipped_story_by_default() -> None:
    p = run("check")
    assert p.returncode == 0, p.stdout
    assert "0 errors, 0 warnings" in p.stdout


def test_check_prints_gcc_style_diagnostics_and_exits_1() -> None:
    p = run("check", str(CONFORMANCE / "errors" / "story"))
    assert p.returncode == 1
    lines = [line for line in p.stdout.splitlines() if ": error: " in line]
    assert any(line.endswith("[E012]") and "a_nodes.yaml:7:15: error: goto leads to no node "
               "'nowhere'" in line for line in lines)
    assert "Traceback" not in p.stderr


def test_check_json_and_codes() -> None:
    p = run("check", "--json", str(CONFORMANCE / "basics" / "story"))
    doc = json.loads(p.stdout)
    assert [(d["code"], d["line"]) for d in doc] == [("W002", 27)]
    codes = run("check", "--codes").stdout
    assert "E012" in codes and "unknown goto target" in codes


def test_check_a_missing_folder() -> None:
    p = run("check", "no/such/story")
    assert p.returncode == 1 and "does not exist" in p.stdout and "[E023]" in p.stdout


def test_trace_prints_one_json_object() -> None:
    p = run("trace", str(CONFORMANCE / "basics" / "story"), "--choose", "meet,agree")
    doc = json.loads(p.stdout)
    assert p.returncode == 0 and doc["ending"] == "signed" and doc["error"] is None
    assert list(doc) == ["story", "steps", "ending", "error"]


def test_trace_invalid_choice_exits_3_and_broken_story_exits_2() -> None:
    p = run("trace", str(CONFORMANCE / "basics" / "story"), "--choose", "agree")
    assert p.returncode == 3 and json.loads(p.stdout)["error"] == "invalid choice agree at hall"
    p = run("trace", str(CONFORMANCE / "errors" / "story"))
    assert p.returncode == 2 and ": error: " in p.stderr


def test_trace_unknown_language_is_refused() -> None:
    p = run("trace", S, "--lang", "fr")
    assert p.returncode == 2 and "no language 'fr'" in p.stderr


def test_trace_japanese_output_is_readable() -> None:
    p = run("trace", S, "--lang", "ja")
    assert "ストックホルム" in json.loads(p.stdout)["steps"][0]["text"]


def test_explore_json_reaches_every_ending_of_the_sample() -> None:
    doc = json.loads(run("explore", S, "--json").stdout)
    assert doc["complete"] and set(doc["endings"]) == {"channel_open", "channel_closed"}
    assert doc["stuck"] == [] and doc["no_exit"] == [] and doc["unreached_nodes"] == []


def test_explore_max_states_and_random(tmp_path: Path) -> None:
    doc = json.loads(run("explore", S, "--json", "--max-states", "2").stdout)
    assert doc["complete"] is False
    text = run("explore", S, "--random", "50", "--seed", "1").stdout
    assert "50 random playthroughs" in text and "nodes reached:  8/8" in text


def test_explore_human_report_lists_shortest_paths() -> None:
    out = run("explore", S).stdout
    assert "complete" in out and "kollontai: read_cables,meet" in out


def test_play_text_to_an_ending() -> None:
    p = run("play", "--text", S, "--seed", "1", stdin="\n4\n")
    assert p.returncode == 0
    assert "THE END: The Channel Closes" in p.stdout


def test_play_text_in_japanese_back_and_quit() -> None:
    p = run("play", "--text", S, "--lang", "ja", stdin="\n1\nb\nq\n")
    assert p.returncode == 0
    assert "まず電報の控えに目を通す" in p.stdout and "さようなら" in p.stdout
    assert p.stdout.count("公使") >= 2  # the briefing was shown again after going back


def test_play_text_refuses_a_broken_story(tmp_path: Path) -> None:
    folder = write_story(tmp_path / "s", "start: {text: Start, next: nowhere}")
    p = run("play", "--text", str(folder))
    assert p.returncode == 2 and "[E012]" in p.stderr and "Traceback" not in p.stderr


def test_play_refuses_an_unknown_language_from_the_cache_entry_too(tmp_path: Path) -> None:
    """The window's fast start reads the story's languages from the startup cache's first
    line: `--lang` is checked there as strictly as after a full load."""
    env = {**os.environ, "STOCKHOLM_CACHE": str(tmp_path / "cache"),
           "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    for _ in range(2):  # the first run fills the cache; the second is served by its entry
        p = subprocess.run([sys.executable, "main.py", "play", S, "--lang", "fr", "--saves",
                            str(tmp_path / "saves")], cwd=ROOT, capture_output=True, text=True,
                           timeout=120, env=env)
        assert p.returncode == 2 and "no language 'fr'; it has en, ja" in p.stderr
    assert list((tmp_path / "cache").glob("story-*.json"))  # the second run had an entry
