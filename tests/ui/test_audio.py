"""Sound, on SDL's dummy audio driver (a real mixer with no speaker): the ambience follows
the place, typing sounds follow the text, volumes and mute reach the mixer's channels;
with no device at all the game plays on silently after one logged line."""

from __future__ import annotations

import dataclasses
import logging
import os
import subprocess
import sys
import textwrap
import time
from array import array
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.persist.settings import Settings
from game.ui import audio as audio_module
from game.ui.app import App
from game.ui.audio import FADE_SECONDS, RATE, SOUNDS_DIR, Audio, load_sound_map, paragraph_ends
from game.ui.scenes.play import PlayScene
from game.ui.scenes.settings import SettingsScene
from tests.conftest import ROOT

from .helpers import DT, choose, press, read_settings_file, select, start_new_game, top, wait


def recorded(app: App) -> list[str]:
    """Every effect the app asks for from now on, by name (and it still plays)."""
    names: list[str] = []
    original = app.audio.effect

    def spy(name: str, volume: float = 1.0,
            channel: pygame.mixer.Channel | None = None) -> pygame.mixer.Channel | None:
        names.append(name)
        return original(name, volume, channel)

    app.audio.effect = spy  # type: ignore[method-assign]
    return names


def loop_volumes(app: App) -> dict[str, float]:
    return {lp.kind: lp.channel.get_volume() for lp in app.audio.loops if lp.kind}


def settle(app: App) -> None:
    wait(app, FADE_SECONDS + 0.2)


def test_the_mixer_opens_on_the_dummy_driver_and_nothing_loads_at_startup(app: App) -> None:
    assert app.audio.enabled and pygame.mixer.get_init()
    assert set(app.audio._sounds) <= {"ambience_sea.wav"}  # the title's loop, on first use


def test_the_title_plays_its_ambience_and_a_place_plays_its_kind(app: App) -> None:
    settle(app)
    assert app.audio.playing == app.audio.map.title == "sea"
    assert loop_volumes(app) == {"sea": pytest.approx(0.7, abs=0.01)}
    start_new_game(app)  # the sample story starts in the legation
    settle(app)
    assert app.audio.playing == "legation"
    assert loop_volumes(app) == {"legation": pytest.approx(0.7, abs=0.01)}
    busy = [lp.channel.get_busy() for lp in app.audio.loops if lp.kind]
    assert busy == [True]


def test_a_change_of_place_crossfades_the_loops(app: App) -> None:
    start_new_game(app)
    settle(app)
    play = choose(app, "send_courier")  # to the harbour
    assert play.session.node.place == "harbour"
    app.step([], FADE_SECONDS / 2)
    half = loop_volumes(app)
    assert set(half) == {"legation", "sea"}  # both, mid-fade
    assert 0.05 < half["legation"] < 0.69 and 0.05 < half["sea"] < 0.69
    settle(app)
    assert loop_volumes(app) == {"sea": pytest.approx(0.7, abs=0.01)}


def test_a_menu_over_the_play_screen_keeps_its_ambience(app: App) -> None:
    start_new_game(app)
    press(app, pygame.K_ESCAPE)
    settle(app)
    assert app.audio.playing == "legation"


def test_unknown_places_play_the_default_and_the_map_is_data(tmp_path: Path) -> None:
    sound_map, problems = load_sound_map(SOUNDS_DIR / "places.yaml")
    assert problems == []
    assert sound_map.kind_for_place("harbour") == "sea"
    assert sound_map.kind_for_place("railway") == "train"
    assert sound_map.kind_for_place("nowhere") == sound_map.default == "legation"
    assert sound_map.kind_for_place(None) == "legation"
    assert sound_map.is_telegram("any", "tokyo") and not sound_map.is_telegram("any", "kuga")
    bad = tmp_path / "places.yaml"
    bad.write_text("kinds: {sea: sea.wav}\nplaces: {harbour: ocean}\ndefault: room\n"
                   "telegraph: {speakers: tokyo}\n", encoding="utf-8")
    sound_map, problems = load_sound_map(bad)
    assert len(problems) == 3 and all(str(bad) in p for p in problems)
    assert "places.harbour: unknown kind 'ocean'" in problems[0]
    assert sound_map.kind_for_place("harbour") is None  # silence, not a crash


def test_volumes_and_mute_reach_the_channels_at_once(app: App) -> None:
    select(app, "settings")
    settle(app)
    settings = top(app, SettingsScene)
    while settings.rows()[settings.row].key != "music_volume":
        press(app, pygame.K_DOWN)
    press(app, pygame.K_LEFT, pygame.K_LEFT)  # 0.7 -> 0.5
    assert app.settings.music_volume == pytest.approx(0.5)
    assert loop_volumes(app)["sea"] == pytest.approx(0.5, abs=0.01)
    press(app, pygame.K_DOWN, pygame.K_RIGHT)  # effects 0.8 -> 0.9
    assert app.audio.effects_gain() == pytest.approx(0.9)
    press(app, pygame.K_DOWN, pygame.K_RIGHT)  # mute on
    assert app.settings.muted and read_settings_file(app.settings_dir)["muted"] is True
    assert loop_volumes(app)["sea"] == 0.0
    assert app.audio.effect("click") is None  # nothing plays while muted
    press(app, pygame.K_LEFT)  # mute off: the loop was running all along
    assert loop_volumes(app)["sea"] == pytest.approx(0.5, abs=0.01)
    ch = app.audio.effect("click", 0.5)
    assert ch is not None and ch.get_volume() == pytest.approx(0.45, abs=0.01)


def test_m_mutes_and_unmutes_in_play_and_is_saved(app: App) -> None:
    start_new_game(app)
    settle(app)
    press(app, pygame.K_m)
    assert app.settings.muted and app.toast == app.t("sound_off")
    assert read_settings_file(app.settings_dir)["muted"] is True
    assert loop_volumes(app)["legation"] == 0.0
    press(app, pygame.K_m)
    assert not app.settings.muted and loop_volumes(app)["legation"] > 0.6


def test_the_typewriter_types_at_a_typists_pace_while_the_text_is_written_out(
        app: App) -> None:
    start_new_game(app)
    play = top(app, PlayScene)
    play.revealed = 0.0
    names = recorded(app)
    seconds = 0.0
    while not play.page_complete:
        app.step([], DT)
        seconds += DT
    keys = [n for n in names if n.startswith("typewriter_") and n != "typewriter_return"]
    assert seconds > 1.0
    assert 5 * seconds <= len(keys) <= 15 * seconds  # 50 characters a second: not every one
    assert len(set(keys)) > 1  # the keys differ
    assert not any(n.startswith("telegraph") for n in names)


def test_no_typing_sound_when_the_page_is_completed_at_once_or_text_is_instant(
        app: App) -> None:
    start_new_game(app)
    names = recorded(app)
    press(app, pygame.K_SPACE)  # the whole page at once
    wait(app, 1.0)
    assert not [n for n in names if n.startswith("typewriter")]
    app.apply_settings(app.settings.with_(text_speed="instant"))
    press(app, pygame.K_RETURN)  # on to the next passage
    wait(app, 1.0)
    assert not [n for n in names if n.startswith("typewriter")]


def test_a_telegram_is_written_out_by_the_telegraph_sounder(app: App) -> None:
    app.audio.map = dataclasses.replace(app.audio.map, telegraph_speakers=frozenset({"minister"}))
    start_new_game(app)
    press(app, pygame.K_SPACE)  # the first passage written out at once: silence
    names = recorded(app)
    press(app, pygame.K_SPACE)  # to the Minister's passage
    play = top(app, PlayScene)
    assert play.session.node.speaker == "minister" and not play.page_complete
    wait(app, 0.5)
    assert names and all(n.startswith("telegraph_") for n in names)
    assert pygame.mixer.Channel(audio_module.TELEGRAPH_CHANNEL).get_busy()
    press(app, pygame.K_SPACE)  # done at once: the sounder stops short
    time.sleep(0.4)  # the mixer runs in real time, on its own thread
    assert not pygame.mixer.Channel(audio_module.TELEGRAPH_CHANNEL).get_busy()


def test_a_paragraphs_end_rings_the_carriage_return() -> None:
    lines = ["Hello there", "my friend.", "", "Second", "para."]
    assert paragraph_ends(lines) == [21]
    assert paragraph_ends(["one line"]) == []


def test_buttons_click(app: App) -> None:
    names = recorded(app)
    select(app, "settings")  # a title button fires
    assert names == ["click"]
    press(app, pygame.K_ESCAPE)


def test_a_missing_sound_is_silence_and_one_logged_line(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "places.yaml").write_bytes((SOUNDS_DIR / "places.yaml").read_bytes())
    (tmp_path / "click.wav").write_bytes(b"RIFF not really a wave")
    audio = Audio(Settings(), tmp_path)
    with caplog.at_level(logging.WARNING, logger="game.ui.audio"):
        for _ in range(3):
            audio.update(DT, "sea")
            assert audio.effect("click") is None
            assert audio.effect("typewriter_1") is None
    assert len(caplog.records) == 3, caplog.text  # the loop, the broken click, the missing key
    assert audio.playing is None


def test_with_no_audio_device_the_game_plays_silently_after_one_warning(
        make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    def no_device(*args: object, **kwargs: object) -> None:
        raise pygame.error("ALSA: Couldn't open audio device: No such file or directory")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", no_device)
    with caplog.at_level(logging.WARNING):
        app = make_app()
        start_new_game(app)
        wait(app, 2.0)
        choose(app, "send_courier")
        wait(app, 2.0)
        press(app, pygame.K_m, pygame.K_m)
    assert not app.audio.enabled
    assert [r.getMessage() for r in caplog.records if r.name.startswith("game.ui.audio")] == [
        "no sound (ALSA: Couldn't open audio device: No such file or directory): "
        "the game plays silently"]


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != "SDL_AUDIODRIVER"}
    full.update(PYGAME_HIDE_SUPPORT_PROMPT="1", **env)
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, env=full,
                          capture_output=True, text=True, timeout=60, check=False)


OPEN_AND_PLAY = """
    import time
    from game.persist.settings import Settings
    from game.ui.audio import Audio
    audio = Audio(Settings())
    audio.update(0.1, "legation")
    audio.effect("typewriter_1")
    time.sleep(0.6)
    print("enabled" if audio.enabled else "silent")
"""


@pytest.mark.parametrize("driver", ["no_such_driver", None])
def test_no_warning_storm_on_stderr(driver: str | None) -> None:
    """A driver that does not exist, and (None) the machine's own: where it has no sound
    card, libasound's screenful must not reach the terminal."""
    env = {"SDL_AUDIODRIVER": driver} if driver else {}
    done = run_python(OPEN_AND_PLAY, env)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    if done.stdout.strip() == "silent":
        assert len(lines) == 1 and lines[0].startswith("no sound ("), done.stderr
    else:
        assert lines == [], done.stderr
    if driver:
        assert done.stdout.strip() == "silent"


def test_the_disk_driver_really_mixes_sound(tmp_path: Path) -> None:
    out = tmp_path / "out.raw"
    done = run_python(OPEN_AND_PLAY, {"SDL_AUDIODRIVER": "disk", "SDL_DISKAUDIOFILE": str(out)})
    if "disk" in done.stderr and "not available" in done.stderr:
        pytest.skip("this SDL has no disk audio driver")
    assert done.returncode == 0 and done.stdout.strip() == "enabled", done.stderr
    assert done.stderr == ""  # SDL's "CRITICAL: You are using the disk driver" is caught too
    data = out.read_bytes()
    samples = array("h", data[: len(data) // 2 * 2])
    if sys.byteorder == "big":
        samples.byteswap()
    assert len(samples) > RATE  # half a second or more, in 16-bit stereo at the mixer's rate
    assert max(abs(s) for s in samples) > 1000  # and not silence
