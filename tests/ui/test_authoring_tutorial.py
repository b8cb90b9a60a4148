"""docs/authoring.md, Part 1, done in the running game: the author opens the game at the
lunch, then makes each edit the tutorial shows, in order, saving each time. The new
branch must appear in the window without a restart, and the mistake must show its
diagnostic while the game plays on. The edits are read from the page itself
(tools/authoring_guide.py), so this is the tutorial as written, not a copy of it."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pygame
import pytest

from game.engine.jump import start_at
from game.story import load_story
from game.ui.app import App
from game.ui.live_reload import LiveReload
from game.ui.scenes.debug_overlay import start_fixture
from game.ui.scenes.play import PlayScene
from game.ui.scenes.reload_problem import ReloadProblemScene
from tests.conftest import ROOT

from .helpers import choice_ids, choose, press, top, visible_text, wait

POLL = 0.5


def guide_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("authoring_guide",
                                                  ROOT / "tools" / "authoring_guide.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "story", tmp_path / "story")
    (tmp_path / "assets").symlink_to(ROOT / "assets", target_is_directory=True)
    return tmp_path


@pytest.fixture
def game_at_lunch(project: Path, tmp_path: Path) -> Iterator[App]:
    """`python main.py play --start ch2_lunch`, as step 1 says."""
    story = load_story(project / "story").story
    assert story is not None
    app = App(story, lang="en", seed=3, settings_dir=tmp_path / "saves")
    app.live = LiveReload(app, project / "story", interval=POLL)
    start_fixture(app, start_at(story, "ch2_lunch", seed=3))
    app.step([], 0.0)
    press(app, pygame.K_SPACE)  # past the chapter's title card
    yield app
    pygame.display.quit()


def save_and_wait(app: App, project: Path, written: Path, n: int) -> None:
    """The editor saves (stamped later than any earlier save), the game polls."""
    st = written.stat()
    os.utime(written, ns=(st.st_atime_ns, st.st_mtime_ns + n * 2_000_000_000))
    for _ in range(3):
        app.step([], POLL)


def test_following_the_tutorial_the_branch_appears_in_the_running_game(
        game_at_lunch: App, project: Path) -> None:
    app, tool = game_at_lunch, guide_tool()
    edits = [s for s in tool.steps((ROOT / "docs" / "authoring.md").read_text("utf-8"))
             if s.action != "run"]
    assert [e.action for e in edits] == ["write", "insert", "replace", "replace", "replace"]
    play = top(app, PlayScene)
    assert play.session.state.node == "ch2_lunch"
    assert "ask_who" not in choice_ids(play)
    state_before = play.session.state

    # 3. the new scene: the game reloads, nothing visible changes
    tool.apply_edit(project, edits[0])
    save_and_wait(app, project, project / edits[0].path, 1)
    assert "ch2_lunch_who" in app.story.nodes
    play = top(app, PlayScene)
    assert play.session.state == state_before

    # 4. the choice: it appears at once, in the same place with the same state
    tool.apply_edit(project, edits[1])
    save_and_wait(app, project, project / edits[1].path, 2)
    play = top(app, PlayScene)
    assert play.session.state == state_before
    assert choice_ids(play)[-1] == "ask_who"
    play = choose(app, "ask_who")
    assert play.session.state.node == "ch2_lunch_who"
    wait(app, 30)
    assert "Everyone has a name" in visible_text(play)
    goodwill = play.session.state.vars["swedish_goodwill"]
    assert goodwill == state_before.vars["swedish_goodwill"] - 1

    # 5. the translation: reloads quietly
    tool.apply_edit(project, edits[2])
    save_and_wait(app, project, project / edits[2].path, 3)
    assert not isinstance(app.top, ReloadProblemScene)
    assert app.story.nodes["ch2_lunch"].choice("ask_who").text.by_lang.keys() == {"en", "ja"}

    # 6. the mistake: the panel names file, line and column; the last good story plays on
    good = app.story
    tool.apply_edit(project, edits[3])
    save_and_wait(app, project, project / edits[3].path, 4)
    problem = top(app, ReloadProblemScene)
    shown = [d.format() for d in problem.diagnostics]
    assert any("ch2_lunch_who.yaml:" in line and "[E012]" in line and "ch2_tell" in line
               for line in shown), shown
    assert app.story is good
    assert app.session is not None and app.session.state.node == "ch2_lunch_who"

    # ... and the fix: the panel goes, the story reloads
    tool.apply_edit(project, edits[4])
    save_and_wait(app, project, project / edits[4].path, 5)
    assert not isinstance(app.top, ReloadProblemScene)
    assert app.story is not good
    assert top(app, PlayScene).session.state.node == "ch2_lunch_who"
