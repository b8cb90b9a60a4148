"""`python main.py graph`: formats, --chapter, -o, errors, and Graphviz present or not."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from game import cli
from game.story import load_story
from tests.conftest import CONFORMANCE, ROOT, SAMPLE
from tests.story.graph_readers import (
    dot_label,
    graphviz_render,
    read_dot,
    read_mermaid,
    start_mermaid_checker,
)

STORY = ROOT / "story"
CHAPTERS = ["ch1", "ch2", "ch3", "ch4", "ch5", "epilogue"]
GOOD_STORIES = [STORY, CONFORMANCE / "basics" / "story", CONFORMANCE / "explore" / "story",
                SAMPLE]
needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="Graphviz's dot is not installed (apt-get install graphviz)")


def languages(story_dir: Path) -> tuple[str, ...]:
    story = load_story(story_dir).story
    assert story is not None
    return story.languages


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", "graph", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, encoding="utf-8")


def test_dot_is_the_default_and_holds_the_whole_story() -> None:
    p = run()
    assert p.returncode == 0, p.stderr
    graph = read_dot(p.stdout)
    story = load_story(STORY).story
    assert story is not None
    assert sorted(graph.declared) == sorted([f"n:{i}" for i in story.nodes] + ["m:start"])
    assert list(graph.clusters) == [f"cluster_{c}" for c in CHAPTERS]


def test_japanese_labels_and_mermaid() -> None:
    p = run("--format", "mermaid", "--lang", "ja", "--chapter", "ch1")
    assert p.returncode == 0, p.stderr
    chart = read_mermaid(p.stdout)
    assert list(chart.subgraphs) == ["c_ch1"]
    assert "第一章　モスクワ陥落" in p.stdout
    assert any(src.startswith("s_") or dst.startswith("s_") for src, _, _, dst in chart.edges)


def test_a_chapter_with_stubs() -> None:
    p = run("--chapter", "ch2")
    graph = read_dot(p.stdout)
    stubs = {n: dot_label(a["label"]) for n, a in graph.nodes.items() if n.startswith("s:")}
    assert stubs["s:ch1_midnight"] == "ch1_midnight\n(ch1: I. The Fall of Moscow)"
    assert ("s:ch1_midnight", "n:ch2_start", {"style": "dashed", "color": "#999999"}) \
        in graph.edges


def test_an_unknown_chapter_lists_the_chapters_and_exits_2() -> None:
    p = run("--chapter", "ch9")
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.strip() == ("error: the story has no chapter 'ch9'; its chapters are "
                                "ch1, ch2, ch3, ch4, ch5, epilogue")
    p = run(str(CONFORMANCE / "basics" / "story"), "--chapter", "x")
    assert p.returncode == 2 and "declares no chapters" in p.stderr


def test_an_unknown_language_exits_2() -> None:
    p = run("--lang", "fr")
    assert p.returncode == 2 and "no language 'fr'; it has en, ja" in p.stderr


def test_a_broken_story_prints_its_diagnostics_and_exits_2() -> None:
    p = run(str(CONFORMANCE / "errors" / "story"))
    assert p.returncode == 2 and p.stdout == ""
    assert "a_nodes.yaml:7:15: error: goto leads to no node 'nowhere' [E012]" in p.stderr


def test_output_file_is_written_instead_of_stdout(tmp_path: Path) -> None:
    target = tmp_path / "maps" / "map.mmd"
    p = run("--format", "mermaid", "-o", str(target))
    assert p.returncode == 0 and p.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("%% The story map")
    assert [f.name for f in target.parent.iterdir()] == ["map.mmd"]  # no temp file left
    if os.name == "posix":  # an ordinary file, not the atomic write's private temp mode
        mask = os.umask(0)
        os.umask(mask)
        assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_an_unwritable_output_exits_2(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    p = run("-o", str(tmp_path / "file" / "map.dot"))
    assert p.returncode == 2 and "cannot write" in p.stderr


@needs_dot
@pytest.mark.parametrize("story", GOOD_STORIES, ids=lambda p: p.parent.name + "/" + p.name)
def test_graphviz_accepts_every_story(story: Path) -> None:
    for lang in languages(story):
        p = run(str(story), "--lang", lang)
        drawn = graphviz_render(p.stdout)
        assert drawn is not None and drawn.returncode == 0, drawn and drawn.stderr.decode()


@needs_dot
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_graphviz_accepts_every_chapter(chapter: str) -> None:
    p = run("--chapter", chapter, "--lang", "ja")
    drawn = graphviz_render(p.stdout)
    assert drawn is not None and drawn.returncode == 0, drawn and drawn.stderr.decode()


@needs_dot
def test_svg_through_graphviz(tmp_path: Path) -> None:
    target = tmp_path / "ch3.svg"
    p = run("--format", "svg", "--chapter", "ch3", "-o", str(target))
    assert p.returncode == 0, p.stderr
    svg = target.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg and "III. The Talks" in svg


def test_svg_without_graphviz_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert cli.main(["graph", "--format", "svg"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    for needed in ("Graphviz's `dot`", "apt-get install graphviz", "brew install graphviz",
                   "winget install graphviz", "https://graphviz.org/download/",
                   "--format dot", "--format mermaid"):
        assert needed in err


@pytest.mark.skipif(os.name != "posix", reason="the stand-in dot is a shell script")
def test_a_failing_dot_shows_its_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "dot"
    fake.write_text("#!/bin/sh\necho 'Error: <stdin>: syntax error in line 3' >&2\nexit 1\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(shutil, "which", lambda name: str(fake))
    assert cli.main(["graph", "--format", "svg"]) == 2
    err = capsys.readouterr().err
    assert "Graphviz's dot failed (exit status 1)" in err and "syntax error in line 3" in err


def test_mermaid_parser_accepts_every_story() -> None:
    checker, why = start_mermaid_checker()
    if checker is None:
        pytest.skip(why)
    try:
        for story in GOOD_STORIES:
            for chapter in [None, *CHAPTERS] if story == STORY else [None]:
                args = [str(story), "--format", "mermaid", "--lang", languages(story)[-1]]
                p = run(*args, *(["--chapter", chapter] if chapter else []))
                answer = checker.check(p.stdout)
                assert answer["ok"], (story, chapter, answer.get("error"))
                ours = read_mermaid(p.stdout)
                assert sorted(n["id"] for n in answer["nodes"]) == sorted(ours.declared)
                assert {s["id"]: sorted(s["nodes"]) for s in answer["subgraphs"]} == {
                    k: sorted(v) for k, v in ours.subgraphs.items()}
    finally:
        checker.close()
