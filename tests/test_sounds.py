"""The shipped sounds: what tools/make_sounds.py writes, byte for byte; valid WAVs of the
declared lengths; loops that join without a click; every place of the story mapped."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import wave
from array import array
from pathlib import Path
from types import ModuleType

import pytest

from game.story import load_story
from game.ui.audio import SOUNDS_DIR, load_sound_map
from tests.conftest import ROOT

TOOL = ROOT / "tools" / "make_sounds.py"


def make_sounds() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_sounds", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


TOOL_MODULE = make_sounds()
NAMES: list[str] = list(TOOL_MODULE.SOUNDS)
LOOPS: dict[str, float] = TOOL_MODULE.LOOP_SECONDS


def samples(path: Path) -> tuple[array[int], wave._wave_params]:
    with wave.open(str(path), "rb") as w:
        params = w.getparams()
        pcm = array("h", w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        pcm.byteswap()
    return pcm, params


@pytest.mark.parametrize("name", NAMES)
def test_each_sound_is_a_mono_16_bit_wav_of_its_declared_length(name: str) -> None:
    pcm, params = samples(SOUNDS_DIR / f"{name}.wav")
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, TOOL_MODULE.SR)
    if name in LOOPS:
        assert params.nframes == round(LOOPS[name] * TOOL_MODULE.SR)
    else:
        assert 0.05 < params.nframes / params.framerate < 3.0
    assert max(abs(s) for s in pcm) > 8000  # not silence, and ...
    assert max(abs(s) for s in pcm) < 32767  # ... never clipped


@pytest.mark.parametrize("name", sorted(LOOPS))
def test_a_loop_joins_its_end_to_its_start_without_a_click(name: str) -> None:
    pcm, _ = samples(SOUNDS_DIR / f"{name}.wav")
    steps = sorted(abs(b - a) for a, b in zip(pcm, pcm[1:], strict=False))
    typical = steps[int(len(steps) * 0.99)]  # a step the loop itself takes 1 % of the time
    assert abs(pcm[0] - pcm[-1]) <= typical


@pytest.mark.parametrize("name", ["click", "typewriter_1", "telegraph_2"])
def test_a_small_sound_is_what_the_script_makes(name: str) -> None:
    assert TOOL_MODULE.render(name) == (SOUNDS_DIR / f"{name}.wav").read_bytes()


def test_the_script_rebuilds_every_shipped_sound_byte_for_byte(tmp_path: Path) -> None:
    """Also proves the script deterministic: the shipped files came from an earlier run."""
    subprocess.run([sys.executable, str(TOOL), "--out", str(tmp_path)], check=True,
                   capture_output=True, timeout=300)
    made = sorted(p.name for p in tmp_path.glob("*.wav"))
    assert made == sorted(p.name for p in SOUNDS_DIR.glob("*.wav"))
    for name in made:
        assert (tmp_path / name).read_bytes() == (SOUNDS_DIR / name).read_bytes(), name


def test_the_sounds_stay_small() -> None:
    assert sum(p.stat().st_size for p in SOUNDS_DIR.glob("*.wav")) < 4_000_000


def test_every_place_of_the_story_has_an_ambience_and_every_telegram_exists() -> None:
    story = load_story(ROOT / "story").story
    assert story is not None
    sound_map, problems = load_sound_map(SOUNDS_DIR / "places.yaml")
    assert problems == []
    assert set(sound_map.places) == set(story.places)  # listed, not left to the default
    for kind, filename in sound_map.kinds.items():
        assert (SOUNDS_DIR / filename).is_file(), kind
        assert filename.removesuffix(".wav") in LOOPS
    assert sound_map.telegraph_nodes <= set(story.nodes)
    assert sound_map.telegraph_speakers <= set(story.characters)


def test_the_credits_say_how_the_sounds_are_made() -> None:
    credits = (ROOT / "assets" / "CREDITS.md").read_text(encoding="utf-8")
    assert "tools/make_sounds.py" in credits
