"""Where the game keeps its files: `saves/` at the project root unless told otherwise."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
ENV_VAR = "STOCKHOLM_SAVES"


def saves_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """`--saves DIR` first, then $STOCKHOLM_SAVES, then the project's saves/ folder."""
    if override:
        return Path(override)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else PROJECT_ROOT / "saves"
