"""`python main.py strings`: the listing, the CSV, and the exit status, as a user runs it."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import CONFORMANCE, ROOT
from tests.story.test_strings_table import MISSING, NODES, position_of, write_strings_story


def run(*args: str, encoding: str = "utf-8") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run([sys.executable, "main.py", "strings", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, encoding="utf-8")


def test_lists_exactly_the_missing_texts_then_a_count(tmp_path: Path) -> None:
    folder = write_strings_story(tmp_path / "s")
    p = run(str(folder), "--lang", "ja")
    assert p.returncode == 1, p.stderr
    lines = p.stdout.splitlines()
    assert lines[-1] == ("ja: 13 missing, 6 translated, 3 shared (the same in every "
                         "language); 22 texts")
    keys = [line.split(": ")[1] for line in lines[:-1]]
    assert keys == MISSING
    nodes = str(folder / "nodes.yaml")
    line, col = position_of(NODES, "{en: MISS choice}")
    assert f"{nodes}:{line}:{col}: hall.choices.go.text: MISS choice" in lines
    line, col = position_of(NODES, '{en: "MISS node')
    assert f"{nodes}:{line}:{col}: hall.text: MISS node {{{{braces}}}} and {{trust + 1}}" in lines
    line, col = position_of(NODES, 'en: "MISS part')
    assert f"{nodes}:{line}:{col}: room.text[1]: MISS part\\nsecond line" in lines


def test_all_marks_every_text(tmp_path: Path) -> None:
    p = run(str(write_strings_story(tmp_path / "s")), "--lang", "ja", "--all")
    assert p.returncode == 1
    marked = p.stdout.splitlines()[:-1]
    assert len(marked) == 22
    assert sum(" [missing]: " in m for m in marked) == 13
    assert any(m.endswith("hall.choices.stay.text [translated]: Stay, \"really\"")
               for m in marked)
    assert any(m.endswith("room.text[3] [shared]: Shared part") for m in marked)


def test_csv_round_trips_with_japanese_intact(tmp_path: Path) -> None:
    folder = write_strings_story(tmp_path / "s")
    target = tmp_path / "out.csv"
    p = run(str(folder), "--lang", "ja", "--all", "--csv", str(target))
    assert p.returncode == 1 and p.stdout.splitlines()[-1] == f"wrote 22 texts to {target}"
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with open(target, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["file", "line", "key", "source text", "translation"]
    by_key = {r[2]: r for r in rows[1:]}
    assert len(by_key) == 22
    line, _ = position_of(NODES, "- id: stay")
    assert by_key["hall.choices.stay.text"] == ["nodes.yaml", str(line + 1),
                                                "hall.choices.stay.text", 'Stay, "really"',
                                                "残る、「本当に」"]
    assert by_key["room.text[1]"][3:] == ["MISS part\nsecond line", ""]
    assert by_key["title"][:2] == ["story.yaml", "3"]
    only_missing = tmp_path / "missing.csv"
    run(str(folder), "--lang", "ja", "--csv", str(only_missing))
    with open(only_missing, encoding="utf-8-sig", newline="") as fh:
        assert [r[2] for r in csv.reader(fh)][1:] == MISSING


def test_csv_to_standard_output(tmp_path: Path) -> None:
    p = run(str(write_strings_story(tmp_path / "s")), "--lang", "ja", "--csv", "-")
    assert p.returncode == 1
    assert p.stdout.startswith("file,line,key,source text,translation\n")
    assert "13 missing" in p.stderr


def test_japanese_on_stdout(tmp_path: Path) -> None:
    folder = tmp_path / "ja_first"
    folder.mkdir()
    (folder / "story.yaml").write_text(
        "format: 1\nid: j\nlanguages: [ja, en]\nstart: a\nendings: {done: {title: 終}}\n",
        encoding="utf-8")
    (folder / "a.yaml").write_text("nodes:\n  a: {text: {ja: 「始まり」}, ending: done}\n",
                                   encoding="utf-8")
    p = run(str(folder), "--lang", "en")
    assert p.returncode == 1 and p.stdout.splitlines()[0].endswith(": a.text: 「始まり」")
    # A terminal that cannot show Japanese gets escapes, not a crash.
    p = run(str(folder), "--lang", "en", encoding="ascii")
    assert p.returncode == 1 and "a.text: \\u300c\\u59cb" in p.stdout


def test_exit_status_when_nothing_is_missing_and_on_errors() -> None:
    p = run("--lang", "ja")  # the shipped story: every text has its Japanese
    assert p.returncode == 0, p.stdout[-2000:]
    assert p.stdout.splitlines() == [p.stdout.splitlines()[-1]]
    assert p.stdout.startswith("ja: 0 missing, ")
    p = run("--lang", "fr")
    assert p.returncode == 2 and "no language 'fr'; it has en, ja" in p.stderr
    p = run(str(CONFORMANCE / "errors" / "story"), "--lang", "en")
    assert p.returncode == 2 and ": error: " in p.stderr and p.stdout == ""


def test_an_unwritable_csv_exits_2(tmp_path: Path) -> None:
    p = run(str(write_strings_story(tmp_path / "s")), "--lang", "ja", "--csv",
            str(tmp_path / "no" / "such" / "dir.csv"))
    assert p.returncode == 2 and "cannot write" in p.stderr
