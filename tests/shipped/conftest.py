"""The shipped story, loaded and explored once for every test of it."""

from __future__ import annotations

import pytest

from game.engine.explore import Exploration, explore
from game.story import Story, load_story
from tests.conftest import ROOT


@pytest.fixture(scope="session")
def shipped() -> Story:
    result = load_story(ROOT / "story")
    assert result.story is not None, "\n".join(d.format() for d in result.diagnostics)
    return result.story


@pytest.fixture(scope="session")
def exploration(shipped: Story) -> Exploration:
    return explore(shipped)
