"""Shared fixtures: the project's paths and small stories written into tmp folders."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from game.engine import play
from game.persist.save_format import decode, encode
from game.persist.snapshot import make_save, restore
from game.story import Story, load_story

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CONFORMANCE = SHARED / "conformance"
SAMPLE = ROOT / "tests" / "fixtures" / "sample_story"  # a small story the UI and CLI tests drive

@pytest.fixture(autouse=True, scope="session")
def _story_cache_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The startup cache of every command the tests run goes to a folder of this session."""
    old = os.environ.get("STOCKHOLM_CACHE")
    os.environ["STOCKHOLM_CACHE"] = str(tmp_path_factory.mktemp("story-cache"))
    yield
    if old is None:
        os.environ.pop("STOCKHOLM_CACHE", None)
    else:
        os.environ["STOCKHOLM_CACHE"] = old


MANIFEST = """\
format: 1
id: test-story
title: {en: Test, ja: テスト}
languages: [en, ja]
start: %(start)s
variables:
%(variables)s
endings:
%(endings)s
"""


def write_story(folder: Path, nodes: str, variables: str = "", endings: str = "",
                start: str = "start", manifest: str | None = None) -> Path:
    """Write story.yaml and nodes.yaml; `nodes` is the body under `nodes:`."""
    folder.mkdir(parents=True, exist_ok=True)
    if manifest is None:
        manifest = MANIFEST % {
            "start": start,
            "variables": textwrap.indent(textwrap.dedent(variables).strip(), "  ") or "  {}",
            "endings": textwrap.indent(textwrap.dedent(endings).strip(), "  ")
            or "  done: {title: Done}",
        }
        manifest = manifest.replace("variables:\n  {}", "variables: {}")
    (folder / "story.yaml").write_text(manifest, encoding="utf-8")
    body = "nodes:\n" + textwrap.indent(textwrap.dedent(nodes).strip("\n"), "  ") + "\n"
    (folder / "nodes.yaml").write_text(body, encoding="utf-8")
    return folder


@pytest.fixture
def make_story(tmp_path: Path) -> Callable[..., Story]:
    """Write a story and load it, failing the test with the diagnostics if it is broken."""
    counter = iter(range(1000))

    def make(nodes: str, variables: str = "", endings: str = "", start: str = "start") -> Story:
        folder = write_story(tmp_path / f"s{next(counter)}", nodes, variables, endings, start)
        result = load_story(folder)
        assert result.story is not None, "\n".join(d.format() for d in result.diagnostics)
        return result.story

    return make


@pytest.fixture(scope="session")
def basics() -> Story:
    story = load_story(CONFORMANCE / "basics" / "story").story
    assert story is not None
    return story


@pytest.fixture(scope="session")
def shipped() -> Story:
    """The game's own story, loaded once for every test that plays it."""
    result = load_story(ROOT / "story")
    assert result.story is not None, "\n".join(d.format() for d in result.diagnostics)
    return result.story


@pytest.fixture(scope="session")
def sample() -> Story:
    story = load_story(SAMPLE).story
    assert story is not None
    return story


# -- every runtime test also runs through a save/load round trip (ink's JsonRoundTrip) -------

SAVE_MODES = ["plain", "save-load"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "runtime: run twice, the second time with every state entered written to a "
                   "save, read back and replayed before play goes on")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.definition.get_closest_marker("runtime") is not None:
        metafunc.parametrize("save_mode", SAVE_MODES, indirect=True)


@pytest.fixture(autouse=True)
def save_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """In "save-load" mode, every state the engine enters is saved to bytes, loaded back
    and replayed, and play continues from the loaded state, not the original one."""
    mode = getattr(request, "param", "plain")
    if mode == "save-load":
        monkeypatch.setattr(play, "enter", _round_tripping(play.enter))
    yield mode


def _round_tripping(enter: Callable[..., play.PlayState]) -> Callable[..., play.PlayState]:
    busy = False

    def wrapped(story: Story, state: play.PlayState, node_id: str, effects: Any = (),
                dice: Any = None) -> play.PlayState:
        nonlocal busy
        entered = enter(story, state, node_id, effects, dice)
        if busy or dice is not None:  # the replay inside a load, or the explorer's dice
            return entered
        busy = True
        try:
            restored = restore(story, decode(encode(make_save(story, entered))))
        finally:
            busy = False
        assert restored.reproduction.reproduced, restored.divergence
        assert restored.state == entered
        return restored.state

    return wrapped
