"""The settings file: muted round-trips, and a file from before it existed still loads."""

from __future__ import annotations

import json
from pathlib import Path

from game.persist.settings import Settings, load_settings, save_settings


def test_muted_round_trips(tmp_path: Path) -> None:
    settings = Settings(muted=True, music_volume=0.3, effects_volume=1.0)
    save_settings(tmp_path, settings)
    assert load_settings(tmp_path) == (settings, [])
    assert json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))["muted"] is True


def test_a_file_from_before_mute_loads_unmuted(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(json.dumps(
        {"version": 1, "language": "ja", "music_volume": 0.2, "effects_volume": 0.4}),
        encoding="utf-8")
    assert load_settings(tmp_path) == (Settings(language="ja", music_volume=0.2,
                                                effects_volume=0.4), [])


def test_a_bad_muted_value_falls_back_and_is_reported(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(json.dumps({"muted": "yes", "music_volume": 1.5}),
                                            encoding="utf-8")
    settings, problems = load_settings(tmp_path)
    assert settings == Settings()
    assert [p.split(": ", 1)[1] for p in problems] == [
        "bad value for music_volume: 1.5; using 0.7", "bad value for muted: 'yes'; using False"]
