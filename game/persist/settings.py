"""Player settings: a small JSON file, validated field by field on load.

A damaged or hand-edited file never stops the game: each bad field falls back to its
default and the problem is reported once; the file itself is never deleted.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from .atomic import write_atomic

log = logging.getLogger(__name__)

TEXT_SPEEDS = {"slow": 25.0, "normal": 50.0, "fast": 110.0, "instant": 0.0}  # characters/s
TEXT_SIZES = {"small": 24, "medium": 28, "large": 34}  # pixels on the 1280x720 canvas
SETTINGS_FILE = "settings.json"
VERSION = 1


@dataclass(frozen=True)
class Settings:
    language: str = "en"
    text_speed: str = "normal"
    text_size: str = "medium"
    fullscreen: bool = False
    music_volume: float = 0.7
    effects_volume: float = 0.8
    muted: bool = False  # silences music and effects, keeping their volumes
    reduced_motion: bool = False

    @property
    def chars_per_second(self) -> float:
        """0 means instant."""
        return TEXT_SPEEDS.get(self.text_speed, TEXT_SPEEDS["normal"])

    @property
    def font_px(self) -> int:
        return TEXT_SIZES.get(self.text_size, TEXT_SIZES["medium"])

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)


_CHOICES: dict[str, tuple[object, ...]] = {
    "text_speed": tuple(TEXT_SPEEDS),
    "text_size": tuple(TEXT_SIZES),
}


def _valid(name: str, value: object, default: object) -> bool:
    if name in _CHOICES:
        return value in _CHOICES[name]
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1
    return isinstance(value, str) and 0 < len(value) <= 16


def load_settings(folder: Path) -> tuple[Settings, list[str]]:
    """The settings in `folder`, and a list of problems found (never raises)."""
    path = folder / SETTINGS_FILE
    defaults = Settings()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return defaults, []
    except OSError as e:
        return defaults, [f"{path}: cannot read ({e.strerror}); using default settings"]
    except UnicodeDecodeError:
        return defaults, [f"{path}: damaged (not UTF-8 text); using default settings"]
    try:
        doc = json.loads(raw)
    except (json.JSONDecodeError, RecursionError) as e:
        return defaults, [f"{path}: damaged ({e}); using default settings"]
    if not isinstance(doc, dict):
        return defaults, [f"{path}: not a settings object; using default settings"]
    problems = []
    values: dict[str, Any] = {}
    for f in fields(Settings):
        if f.name not in doc:
            continue
        value, default = doc[f.name], getattr(defaults, f.name)
        if _valid(f.name, value, default):
            values[f.name] = float(value) if isinstance(default, float) else value
        else:
            problems.append(f"{path}: bad value for {f.name}: {value!r}; using {default!r}")
    return replace(defaults, **values), problems


def save_settings(folder: Path, settings: Settings) -> None:
    """Write atomically; raises OSError for the caller to report (the game keeps going)."""
    doc = {"version": VERSION, **asdict(settings)}
    write_atomic(folder / SETTINGS_FILE, (json.dumps(doc, indent=2) + "\n").encode("utf-8"))
