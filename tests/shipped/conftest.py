"""The shipped story, loaded and explored once for every test of it."""

from __future__ import annotations

import pytest

from game.engine.explore import Exploration, explore
from game.story import Story


@pytest.fixture(scope="session")
def exploration(shipped: Story) -> Exploration:
    return explore(shipped)
