"""Sound: an ambient loop for the kind of place, a typewriter (or a telegraph sounder, for
telegrams) while a passage is written out, a soft click when a button fires.

Where there is no audio device the game plays silently, and says so in one logged line:
SDL's own complaints (libasound prints a screenful to fd 2 on a machine without a sound
card) are caught while the mixer opens. A missing or broken sound is silence and one
logged line, never a crash. Nothing is decoded at startup: a sound loads when first
played.

The music volume scales the ambience, the effects volume everything else, and mute
silences both; the loops keep running at volume 0, so unmuting resumes them in place.
Ambiences crossfade over a second. Reduced motion leaves the fades alone: it is about
what moves on screen, and a fade is the gentle way for a sound to change.

Which ambience plays where, and which passages are telegrams, is data:
`assets/sounds/places.yaml`. The sounds are made by `tools/make_sounds.py`.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import random
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pygame

from ..persist.settings import Settings

log = logging.getLogger(__name__)

SOUNDS_DIR = Path(__file__).resolve().parent.parent.parent / "assets" / "sounds"
MAP_FILE = "places.yaml"
# The mixer runs at the rate every sound is made at (tools/make_sounds.py): a loop then
# loads in 3 ms. At 44,100 Hz SDL resampled each one on load, 44 ms for 18 s of sea: a
# hitch at every change of place. 512 frames keep the latency at 23 ms.
RATE = 22050
FADE_SECONDS = 1.0
CHANNELS = 16
AMBIENCE_CHANNELS = (0, 1)  # two, so one loop fades out while the next fades in
TELEGRAPH_CHANNEL = 2  # one sounder: a group plays to its end before the next
RESERVED = 3
TYPEWRITER = ("typewriter_1", "typewriter_2", "typewriter_3", "typewriter_4")
TELEGRAPH = ("telegraph_1", "telegraph_2", "telegraph_3")
KEYS_EVERY = (2, 4)  # a key sound every 2-4 characters ...
KEY_GAP = (0.07, 0.13)  # ... and never sooner than this many seconds after the last


@dataclass(frozen=True)
class SoundMap:
    """places.yaml: the loop of each kind of place, and which place is of which kind."""

    kinds: Mapping[str, str] = field(default_factory=dict)  # kind -> file
    places: Mapping[str, str] = field(default_factory=dict)  # place id -> kind
    default: str | None = None  # a place not listed, or a node with no place
    title: str | None = None
    telegraph_speakers: frozenset[str] = frozenset()
    telegraph_nodes: frozenset[str] = frozenset()

    def kind_for_place(self, place: str | None) -> str | None:
        kind = self.places.get(place, self.default) if place else self.default
        return kind if kind in self.kinds else None

    def is_telegram(self, node_id: str, speaker: str | None) -> bool:
        return node_id in self.telegraph_nodes or (speaker or "") in self.telegraph_speakers


def load_sound_map(path: Path) -> tuple[SoundMap, list[str]]:
    """The map in `path`, and what was wrong with it (never raises: a bad entry is left
    out, a bad file gives an empty map, which is silence)."""
    import yaml  # here, not at the top: start-up does not need YAML

    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        return SoundMap(), [f"{path}: cannot read ({e}); the game plays without ambience"]
    if not isinstance(doc, dict):
        return SoundMap(), [f"{path}: not a mapping; the game plays without ambience"]
    problems: list[str] = []

    def names(key: str) -> dict[str, str]:
        value = doc.get(key) or {}
        if not isinstance(value, dict):
            problems.append(f"{path}: `{key}` must map names to names")
            return {}
        good = {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}
        for k in value.keys() - good.keys():
            problems.append(f"{path}: {key}.{k}: must be a name, not {value[k]!r}")
        return good

    kinds = names("kinds")
    places = names("places")
    for place, kind in list(places.items()):
        if kind not in kinds:
            problems.append(f"{path}: places.{place}: unknown kind {kind!r} "
                            f"(kinds: {', '.join(kinds)})")
            del places[place]
    single: dict[str, str | None] = {}
    for key in ("default", "title"):
        value = doc.get(key)
        if value is not None and value not in kinds:
            problems.append(f"{path}: {key}: unknown kind {value!r} (kinds: {', '.join(kinds)})")
            value = None
        single[key] = value
    wire = doc.get("telegraph") or {}
    lists: dict[str, frozenset[str]] = {}
    for key in ("speakers", "nodes"):
        value = (wire.get(key) or []) if isinstance(wire, dict) else []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(f"{path}: telegraph.{key}: must be a list of ids")
            value = []
        lists[key] = frozenset(value)
    return SoundMap(kinds, places, single["default"], single["title"], lists["speakers"],
                    lists["nodes"]), problems


@contextlib.contextmanager
def _stderr_caught() -> Iterator[list[str]]:
    """Catch what C libraries write straight to fd 2 (libasound, SDL's disk driver) while
    the mixer opens; what was caught is in the yielded list afterwards. POSIX only."""
    caught: list[str] = []
    if os.name != "posix":
        yield caught
        return
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no fd 2 to speak of: nothing to catch
        yield caught
        return
    with tempfile.TemporaryFile() as tmp:
        os.dup2(tmp.fileno(), 2)
        try:
            yield caught
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            tmp.seek(0)
            caught.append(tmp.read().decode("utf-8", "replace").strip())


def open_mixer() -> str | None:
    """Open the mixer (once a process); None when there is sound, else why there is not."""
    try:
        if pygame.mixer.get_init():
            return None
        with _stderr_caught() as caught:
            try:
                pygame.mixer.init(frequency=RATE, size=-16, channels=2, buffer=512)
            except (pygame.error, OSError) as e:
                error: str | None = str(e) or "the mixer did not open"
            else:
                error = None
    except NotImplementedError as e:  # pygame built without SDL_mixer
        return str(e) or "pygame has no mixer"
    if caught and caught[0]:
        log.debug("while the mixer opened: %s", caught[0])
    return error


@dataclass
class _Loop:
    channel: pygame.mixer.Channel
    kind: str | None = None
    gain: float = 0.0  # where its fade is, 0..1


class Audio:
    """The app's sound (`app.audio`). Every method is safe to call with no device."""

    def __init__(self, settings: Settings, folder: Path = SOUNDS_DIR) -> None:
        self.folder = folder
        self._map: SoundMap | None = None
        self.error = open_mixer()
        self.enabled = self.error is None
        self.loops: list[_Loop] = []
        if self.enabled:
            pygame.mixer.set_num_channels(CHANNELS)
            pygame.mixer.set_reserved(RESERVED)
            for i in range(RESERVED):  # a mixer opened before (another App) may still play
                pygame.mixer.Channel(i).stop()
            self.loops = [_Loop(pygame.mixer.Channel(i)) for i in AMBIENCE_CHANNELS]
        else:
            log.warning("no sound (%s): the game plays silently", self.error)
        self._sounds: dict[str, pygame.mixer.Sound | None] = {}
        self.wanted: str | None = None  # the ambience asked for
        self.rng = random.Random()  # variety only: which key, how hard; never game logic
        self._chars = 0
        self._every = KEYS_EVERY[0]
        self._since = 0.0
        self._gap = KEY_GAP[0]
        self.music = settings.music_volume
        self.effects = settings.effects_volume
        self.muted = settings.muted

    @property
    def map(self) -> SoundMap:
        """places.yaml, read when first asked (after the first frame: start-up time)."""
        if self._map is None:
            self._map, problems = load_sound_map(self.folder / MAP_FILE)
            for p in problems:
                log.warning("%s", p)
        return self._map

    @map.setter
    def map(self, value: SoundMap) -> None:  # a test, or a story with its own sound map
        self._map = value

    # -- settings -----------------------------------------------------------------------

    def apply(self, settings: Settings) -> None:
        """New volumes or mute: at once, on what is playing too."""
        was_muted = self.muted
        self.music = settings.music_volume
        self.effects = settings.effects_volume
        self.muted = settings.muted
        if not self.enabled:
            return
        self._set_loop_volumes()
        if self.muted and not was_muted:
            for i in range(TELEGRAPH_CHANNEL, CHANNELS):
                pygame.mixer.Channel(i).stop()

    def music_gain(self) -> float:
        return 0.0 if self.muted else self.music

    def effects_gain(self) -> float:
        return 0.0 if self.muted else self.effects

    # -- ambience -------------------------------------------------------------------------

    @property
    def playing(self) -> str | None:
        """The ambience that is (or is fading) in."""
        return next((lp.kind for lp in self.loops if lp.kind == self.wanted), None)

    def update(self, dt: float, kind: str | None) -> None:
        """Called every frame with the ambience the scenes ask for (None: silence)."""
        if kind != self.wanted:
            self.wanted = kind
            if self.enabled and kind is not None and all(lp.kind != kind for lp in self.loops):
                self._start(kind)
        step = dt / FADE_SECONDS if FADE_SECONDS > 0 else 1.0
        for lp in self.loops:
            if lp.kind is None:
                continue
            if lp.kind == self.wanted:
                lp.gain = min(1.0, lp.gain + step)
            else:
                lp.gain = max(0.0, lp.gain - step)
                if lp.gain <= 0.0:
                    lp.channel.stop()
                    lp.kind = None
        self._set_loop_volumes()

    def _start(self, kind: str) -> None:
        sound = self._sound(self.map.kinds[kind])
        if sound is None:
            return
        free = [lp for lp in self.loops if lp.kind is None]
        lp = free[0] if free else min(self.loops, key=lambda x: x.gain)  # the quietest goes
        lp.kind, lp.gain = kind, 0.0
        lp.channel.play(sound, loops=-1)
        lp.channel.set_volume(0.0)

    def _set_loop_volumes(self) -> None:
        music = self.music_gain()
        for lp in self.loops:
            # equal power: two unrelated loops crossfading keep their summed loudness
            lp.channel.set_volume(music * math.sin(0.5 * math.pi * lp.gain) if lp.kind else 0.0)

    # -- effects ----------------------------------------------------------------------------

    def effect(self, name: str, volume: float = 1.0,
               channel: pygame.mixer.Channel | None = None) -> pygame.mixer.Channel | None:
        """Play `assets/sounds/NAME.wav` once at `volume` times the effects volume."""
        gain = self.effects_gain() * volume
        if not self.enabled or gain <= 0.0:
            return None
        sound = self._sound(f"{name}.wav")
        if sound is None:
            return None
        ch = channel or pygame.mixer.find_channel()
        if ch is None:  # every channel busy: this one is not missed
            return None
        ch.play(sound)
        ch.set_volume(gain)
        return ch

    def click(self) -> None:
        """A button fired."""
        self.effect("click", 0.8)

    def typing(self, lines: Sequence[str], before: int, after: int, dt: float,
               telegram: bool) -> None:
        """The passage's page (`lines`) was revealed from character `before` to `after`
        over `dt` seconds: a key now and then at a typist's pace, the carriage return at a
        paragraph's end; a telegram chatters on the sounder instead."""
        self._since += dt
        if after <= before or not self.enabled:
            return
        if telegram:
            ch = pygame.mixer.Channel(TELEGRAPH_CHANNEL)
            if not ch.get_busy():
                self.effect(self.rng.choice(TELEGRAPH), 0.75, ch)
            return
        if any(before < end <= after for end in paragraph_ends(lines)):
            self.effect("typewriter_return", 0.6)
        self._chars += after - before
        if self._chars >= self._every and self._since >= self._gap:
            self._chars = 0
            self._since = 0.0
            self._every = self.rng.randint(*KEYS_EVERY)
            self._gap = self.rng.uniform(*KEY_GAP)
            self.effect(self.rng.choice(TYPEWRITER), self.rng.uniform(0.5, 0.8))

    def stop_typing(self) -> None:
        """The page is written out (or skipped to its end): the sounder stops short."""
        if self.enabled:
            pygame.mixer.Channel(TELEGRAPH_CHANNEL).fadeout(120)

    # -- files ---------------------------------------------------------------------------

    def _sound(self, filename: str) -> pygame.mixer.Sound | None:
        if filename in self._sounds:
            return self._sounds[filename]
        path = self.folder / filename
        sound: pygame.mixer.Sound | None
        try:
            sound = pygame.mixer.Sound(str(path))
        except (pygame.error, OSError) as e:
            log.warning("sound %s cannot be played (%s): silence instead", path, e)
            sound = None
        self._sounds[filename] = sound
        return sound


def paragraph_ends(lines: Sequence[str]) -> list[int]:
    """Character offsets (as the play screen counts them) where a paragraph ends."""
    ends = []
    total = 0
    for i, line in enumerate(lines):
        total += len(line)
        if line and i + 1 < len(lines) and not lines[i + 1]:
            ends.append(total)
    return ends
