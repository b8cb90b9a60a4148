"""The monkey: seeded random input into the real App, headless, watching for crashes and leaks.

    python bench/monkey.py --events 20000 [--seed 1] [--checkpoint 2000] [--tracemalloc]

An App on the shipped story (SDL's dummy video and audio drivers; settings and saves in a
temporary folder) starts at the title and gets N random events through `app.step()`, the
loop's real body: key presses and releases (every key the game uses, and others, with
and without modifiers), text input, mouse motion and buttons 1-5 (at random places and,
more often, on the buttons and cards the top scene shows, so the monkey plays deep into
the story), the wheel, window resizes from 1x1 to 2560x1600 (the window really changes
size, as SDL would do it), focus, minimise and restore. Time passes at random (0-0.2 s a
frame, and now and then a long wait) so typewriters, fades, chapter cards and replays run.

Quitting is tested, not avoided: most quit requests (Esc on the title, Quit, a QUIT event)
are counted and ignored, so play goes on; one in QUIT_FOR_REAL ends the app for real,
which must stop at once, and a new App starts on the same folder (a restart).

Memory is read at checkpoints after `gc.collect()`: the process RSS (/proc/self/statm;
SDL's surfaces live there, outside Python's heap), optionally tracemalloc's Python heap,
and the size of every cache the UI keeps. A crash raises MonkeyCrash with the seed and the
last events, which is all it takes to reproduce it.
"""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import gc  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
import tracemalloc  # noqa: E402
import weakref  # noqa: E402
from collections import Counter, deque  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pygame  # noqa: E402

from game.documents.front_map import features_for  # noqa: E402
from game.story import Story  # noqa: E402
from game.ui import map_view, theme, widgets  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.frames import PAPER  # noqa: E402
from game.ui.live_reload import LiveReload  # noqa: E402
from game.ui.scene import Scene  # noqa: E402
from game.ui.scenes.play import PlayScene  # noqa: E402
from game.ui.scenes.title import TitleScene  # noqa: E402
from game.ui.widgets import Button, ButtonList  # noqa: E402

QUIT_FOR_REAL = 8  # one quit request in this many really quits (then a new App starts)
RECENT = 30  # events shown when the monkey finds a crash
PURPOSE = 0.4  # the share of gestures that move the story on (the rest are anything at all)

# Keys the game answers to, by weight, then any key at all.
GAME_KEYS: list[tuple[int, int]] = [
    (pygame.K_RETURN, 30), (pygame.K_SPACE, 25), (pygame.K_KP_ENTER, 3),
    (pygame.K_1, 10), (pygame.K_2, 8), (pygame.K_3, 6), (pygame.K_4, 3), (pygame.K_5, 2),
    (pygame.K_6, 1), (pygame.K_7, 1), (pygame.K_8, 1), (pygame.K_9, 1), (pygame.K_0, 1),
    (pygame.K_KP1, 1), (pygame.K_KP2, 1),
    (pygame.K_UP, 6), (pygame.K_DOWN, 8), (pygame.K_LEFT, 5), (pygame.K_RIGHT, 5),
    (pygame.K_ESCAPE, 6), (pygame.K_TAB, 4), (pygame.K_BACKSPACE, 1), (pygame.K_DELETE, 2),
    (pygame.K_PAGEUP, 2), (pygame.K_PAGEDOWN, 2), (pygame.K_HOME, 1), (pygame.K_END, 1),
    (pygame.K_h, 3), (pygame.K_t, 3), (pygame.K_f, 3), (pygame.K_m, 2), (pygame.K_l, 1),
    (pygame.K_r, 2), (pygame.K_a, 2), (pygame.K_y, 3), (pygame.K_n, 2),
    (pygame.K_F1, 1), (pygame.K_F2, 1), (pygame.K_F3, 2), (pygame.K_F4, 1), (pygame.K_F5, 3),
    (pygame.K_F6, 1), (pygame.K_F7, 1), (pygame.K_F8, 1), (pygame.K_F9, 3), (pygame.K_F10, 1),
    (pygame.K_F11, 2), (pygame.K_F12, 1),
    (pygame.K_MINUS, 1), (pygame.K_EQUALS, 1), (pygame.K_PLUS, 1), (pygame.K_KP_MINUS, 1),
    (pygame.K_LSHIFT, 1), (pygame.K_LCTRL, 1), (pygame.K_LALT, 1), (pygame.K_CAPSLOCK, 1),
]
LETTERS = [pygame.K_a + i for i in range(26)]
MODS = [pygame.KMOD_SHIFT, pygame.KMOD_LSHIFT, pygame.KMOD_CTRL, pygame.KMOD_LCTRL,
        pygame.KMOD_ALT, pygame.KMOD_LALT, pygame.KMOD_META, pygame.KMOD_CAPS, pygame.KMOD_NUM,
        pygame.KMOD_CTRL | pygame.KMOD_SHIFT, pygame.KMOD_ALT | pygame.KMOD_SHIFT]
CONTROL_CHARS = {pygame.K_RETURN: "\r", pygame.K_KP_ENTER: "\r", pygame.K_TAB: "\t",
                 pygame.K_BACKSPACE: "\x08", pygame.K_ESCAPE: "\x1b", pygame.K_DELETE: "\x7f",
                 pygame.K_SPACE: " "}
TEXTS = ["a", "Z", "1", "-", "+", " ", "é", "ж", "日本", "ストックホルム", "😀", "\u200b",
         "x" * 40, "'", '"', "%s", "{n}", "\\", "art_line", "start"]
SIZES = [(1, 1), (2, 2), (7, 5), (40, 30), (160, 90), (320, 240), (640, 360), (800, 600),
         (1024, 768), (1280, 720), (1366, 768), (1600, 900), (1920, 1080), (2560, 1440),
         (720, 1280), (2560, 200), (200, 1600)]
WINDOW_EVENTS = [pygame.WINDOWFOCUSLOST, pygame.WINDOWFOCUSGAINED, pygame.WINDOWMINIMIZED,
                 pygame.WINDOWRESTORED, pygame.WINDOWMAXIMIZED, pygame.WINDOWEXPOSED,
                 pygame.WINDOWENTER, pygame.WINDOWLEAVE, pygame.WINDOWSHOWN,
                 pygame.WINDOWHIDDEN, pygame.WINDOWMOVED, pygame.WINDOWCLOSE,
                 pygame.WINDOWTAKEFOCUS, pygame.WINDOWHITTEST]


class MonkeyCrash(AssertionError):
    """The app raised: the message has the seed, where, the last events and the traceback."""


@dataclass
class Checkpoint:
    events: int
    rss_mb: float  # what the system sees
    live_mb: float  # the same after malloc_trim: freed memory glibc kept is given back
    heap_mb: float | None  # tracemalloc's current Python heap, when tracing
    caches: dict[str, int]
    pixels_mb: float  # held by the UI's caches (each bounded)
    rest_mb: float  # live memory with those caches emptied: where a leak would show


@dataclass
class MonkeyReport:
    seed: int
    events: int = 0
    frames: int = 0
    idle_frames: int = 0
    restarts: int = 0
    quit_requests: int = 0
    real_quits: int = 0
    scenes: Counter[str] = field(default_factory=Counter)  # times each kind came to the top
    scene_frames: Counter[str] = field(default_factory=Counter)  # frames each kind was on top
    nodes: set[str] = field(default_factory=set)
    chapters: set[str] = field(default_factory=set)
    endings: set[str] = field(default_factory=set)
    actions: Counter[str] = field(default_factory=Counter)  # saves, loads, settings ...
    kinds: Counter[str] = field(default_factory=Counter)  # events sent, by type
    checkpoints: list[Checkpoint] = field(default_factory=list)
    seconds: float = 0.0

    def growth(self) -> float:
        """MB the memory outside the UI's bounded caches (RSS after malloc_trim with the
        caches emptied) rose in the second half of the run above its highest in
        the first: a leak shows so whether or not the caches are full yet; a plateau (what
        a restart or a closed scene frees comes back) does not."""
        if len(self.checkpoints) < 3:
            return 0.0
        half = len(self.checkpoints) // 2 + 1  # the one at the midpoint closes the first half
        return (max(c.rest_mb for c in self.checkpoints[half:])
                - max(c.rest_mb for c in self.checkpoints[:half]))

    def steadily_growing(self) -> bool:
        """Every checkpoint of the second half above the one before it by more than 1 MB:
        the shape of a leak (one per distinct window size, say), not of a cache filling."""
        half = [c for c in self.checkpoints if c.events >= self.checkpoints[-1].events / 2]
        steps = [b.rest_mb - a.rest_mb for a, b in zip(half, half[1:], strict=False)]
        return len(steps) >= 3 and all(s > 1.0 for s in steps)

    def table(self) -> str:
        rows = [
            ("seed", str(self.seed)),
            ("events", f"{self.events:,}"),
            ("frames (of them idle)", f"{self.frames:,} ({self.idle_frames:,})"),
            ("time", f"{self.seconds:.1f} s ({self.events / max(self.seconds, 1e-9):,.0f} "
                     "events/s)"),
            ("quit requests / real quits / restarts",
             f"{self.quit_requests} / {self.real_quits} / {self.restarts}"),
            ("nodes reached", str(len(self.nodes))),
            ("chapters reached", f"{len(self.chapters)}: {', '.join(sorted(self.chapters))}"),
            ("endings reached", f"{len(self.endings)}: {', '.join(sorted(self.endings))}"),
        ]
        out = [f"{'':2}{k:<40}{v}" for k, v in rows]
        out.append(f"  {'scenes':<38}{'times on top':>14}{'frames':>10}")
        out += [f"    {name:<36}{n:>14,}{self.scene_frames[name]:>10,}"
                for name, n in sorted(self.scenes.items())]
        out.append("  actions:")
        out += [f"    {name:<38}{n:,}" for name, n in sorted(self.actions.items())]
        out.append("  events sent:")
        out += [f"    {name:<38}{n:,}" for name, n in self.kinds.most_common()]
        out.append("  memory at checkpoints (after gc.collect()):")
        cache_names = sorted(self.checkpoints[0].caches) if self.checkpoints else []
        head = (f"    {'events':>8} {'RSS MB':>8} {'live MB':>8} {'cached':>8} {'rest':>8} "
                f"{'heap MB':>8} ") + " ".join(
            f"{n:>10}" for n in cache_names)
        out.append(head)
        for c in self.checkpoints:
            heap = f"{c.heap_mb:8.1f}" if c.heap_mb is not None else f"{'-':>8}"
            out.append(f"    {c.events:>8,} {c.rss_mb:8.1f} {c.live_mb:8.1f} {c.pixels_mb:8.1f} "
                       f"{c.rest_mb:8.1f} {heap} " + " ".join(
                f"{c.caches.get(n, 0):>10}" for n in cache_names))
        if self.checkpoints:
            peak = max(c.rss_mb for c in self.checkpoints)
            last = self.checkpoints[-1]
            out.append(f"  RSS peak {peak:.1f} MB, final {last.rss_mb:.1f} MB ({last.live_mb:.1f} "
                       f"MB live, {last.pixels_mb:.1f} MB of it in the caches); outside the "
                       f"caches, second half's peak over the first's {self.growth():+.1f} MB")
            out.append("  (live: RSS after malloc_trim; cached: pixels the UI's bounded caches "
                       "hold; rest: live with the caches emptied; heap: Python's, then)")
        return "\n".join(out)


def rss_mb() -> float:
    """The process's resident set (Linux); 0 where /proc is not there."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def trim() -> None:
    """Give the memory glibc keeps after frees (big surfaces come and go) back to the system,
    so the RSS says what is alive. Nothing where there is no glibc."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def describe(event: pygame.event.Event) -> str:
    name = pygame.event.event_name(event.type)
    d = dict(event.dict)
    if "key" in d:
        d["key"] = pygame.key.name(d["key"]) or d["key"]
    d.pop("window", None)
    return f"{name}{d}"


class Monkey:
    """One seeded run; `run(n)` sends n events and returns the report (or raises MonkeyCrash)."""

    def __init__(self, story: Story, folder: Path, seed: int = 1, checkpoint: int = 2000,
                 trace_memory: bool = False, quit_for_real: int = QUIT_FOR_REAL,
                 purpose: float = PURPOSE) -> None:
        self.story = story
        self.folder = folder
        self.rng = random.Random(seed)
        self.checkpoint = checkpoint
        self.trace_memory = trace_memory
        self.quit_for_real = quit_for_real
        self.purpose = purpose
        self.report = MonkeyReport(seed)
        self.recent: deque[str] = deque(maxlen=RECENT)
        self.forced_quit = False
        self.last_top: Scene | None = None
        self.apps: weakref.WeakSet[App] = weakref.WeakSet()  # a restart must free the old one
        self.app = self.new_app()

    # -- the app and the hooks that count what happens in it ------------------------------

    def new_app(self) -> App:
        app = App(self.story, seed=self.rng.randrange(2**16), settings_dir=self.folder)
        self.apps.add(app)
        app.live = LiveReload(app, self.story.root)  # Ctrl+R reloads the story from disk
        app.quit = self.quit_hook(app)  # type: ignore[method-assign]
        self.count_calls(app, "apply_settings", "settings changed")
        for name in ("save_to", "load", "quickload", "replay", "delete", "branch_to"):
            self.count_calls(app.saves, name, name)
        app.replace(TitleScene(app))
        app.step([], 0.0)
        self.last_top = None
        return app

    def quit_hook(self, app: App) -> Callable[[], None]:
        def quit() -> None:
            self.report.quit_requests += 1
            if self.forced_quit or self.rng.randrange(self.quit_for_real) == 0:
                App.quit(app)

        return quit

    def count_calls(self, obj: Any, name: str, label: str) -> None:
        original = getattr(obj, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            result = original(*args, **kwargs)
            self.report.actions[label if result is not False else f"{label} (refused)"] += 1
            return result

        setattr(obj, name, counted)

    def restart(self) -> None:
        """The app quit: it must have stopped at once; a new one opens on the same folder."""
        assert not self.app.running
        self.report.real_quits += 1
        self.report.restarts += 1
        self.app = self.new_app()

    # -- the run -----------------------------------------------------------------------------

    def run(self, n: int) -> MonkeyReport:
        if self.trace_memory and not tracemalloc.is_tracing():
            tracemalloc.start()
        started = time.perf_counter()
        if not self.report.checkpoints or self.report.checkpoints[-1].events != self.report.events:
            self.measure()
        next_checkpoint = (self.report.events // self.checkpoint + 1) * self.checkpoint
        pending: deque[pygame.event.Event] = deque()
        try:
            while self.report.events < n:
                if not pending:
                    if self.rng.random() < 0.004:
                        self.long_wait()
                        continue
                    pending.extend(self.action())
                batch = [pending.popleft() for _ in range(min(len(pending),
                                                              self.rng.choice((1, 1, 1, 2, 3))))]
                self.send(batch)
                if self.report.events >= next_checkpoint:
                    self.measure()
                    next_checkpoint += self.checkpoint
        except MonkeyCrash:
            raise
        except Exception as e:
            raise MonkeyCrash(self.crash_message(e)) from e
        finally:
            self.report.seconds = time.perf_counter() - started
        if self.report.checkpoints[-1].events != self.report.events:
            self.measure()
        return self.report

    def send(self, batch: list[pygame.event.Event]) -> None:
        dt = 0.0 if self.rng.random() < 0.1 else self.rng.uniform(0.0, 0.2)
        for event in batch:
            self.recent.append(describe(event))
            self.report.kinds[pygame.event.event_name(event.type)] += 1
        self.recent.append(f"  step(dt={dt:.3f})")
        self.report.events += len(batch)
        self.report.frames += 1
        self.forced_quit = any(e.type == pygame.QUIT for e in batch)
        self.app.step(batch, dt)
        self.forced_quit = False
        if not self.app.running:
            self.restart()
        self.observe()

    def long_wait(self) -> None:
        """Nothing pressed for 2-12 s: typewriters finish, fades end, a replay plays on."""
        seconds = self.rng.uniform(2.0, 12.0)
        self.recent.append(f"  wait {seconds:.1f} s")
        for _ in range(round(seconds / 0.05)):
            self.app.step([], 0.05)
            self.report.idle_frames += 1
            self.observe()
            if not self.app.running:  # cannot quit without input, but be sure
                self.restart()

    def observe(self) -> None:
        app = self.app
        top = app.top
        self.report.scene_frames[type(top).__name__] += 1
        if top is not self.last_top and top is not None:
            self.report.scenes[type(top).__name__] += 1
            self.last_top = top
        if app.session is not None and app.story is not None:
            node_id = app.session.state.node
            node = app.story.nodes.get(node_id)
            self.report.nodes.add(node_id)
            if node is not None and node.chapter:
                self.report.chapters.add(node.chapter)
            if node is not None and node.ending:
                self.report.endings.add(node.ending)

    def measure(self) -> None:
        """Memory as the system sees it, then alive (after malloc_trim), then with the UI's
        caches emptied (they fill again as the run goes on: only speed is lost), so that
        how full they happen to be hides no leak, nor looks like one."""
        gc.collect()
        rss = rss_mb()
        trim()
        live = rss_mb()
        caches = cache_sizes(self.app)
        caches["apps alive"] = len(self.apps)
        pixels = cache_pixels_mb(self.app)
        empty_caches(self.app)
        gc.collect()
        trim()
        heap = tracemalloc.get_traced_memory()[0] / 2**20 if tracemalloc.is_tracing() else None
        self.report.checkpoints.append(Checkpoint(self.report.events, rss, live, heap, caches,
                                                  pixels, rss_mb()))

    def crash_message(self, e: BaseException) -> str:
        recent = "\n".join(f"    {line}" for line in self.recent)
        stack = "".join(traceback.format_exception(e))
        top = type(self.app.top).__name__ if self.app.top is not None else None
        return (f"the monkey crashed the app: seed {self.report.seed}, after "
                f"{self.report.events} events (top scene {top}); the last events:\n{recent}\n"
                f"{stack}")

    # -- what the monkey does ---------------------------------------------------------------

    def action(self) -> list[pygame.event.Event]:
        """One gesture: a click on a button, a key press and release, a resize, ..."""
        if self.rng.random() < self.purpose:
            return self.purposeful()
        r = self.rng.random()
        if r < 0.30:
            return self.click_target()
        if r < 0.62:
            return self.press(self.game_key())
        if r < 0.68:
            return self.press(self.rng.choice(LETTERS + [self.rng.randrange(0, 0x4000_0200)]))
        if r < 0.78:
            return self.mouse_anywhere()
        if r < 0.83:
            return [self.wheel()]
        if r < 0.86:
            return [pygame.event.Event(pygame.TEXTINPUT, text=self.rng.choice(TEXTS))]
        if r < 0.89:
            return self.resize()
        if r < 0.93:
            return self.window_event()
        if r < 0.935:
            return self.press(pygame.K_RETURN, pygame.KMOD_ALT)  # fullscreen
        if r < 0.94:
            return self.press(pygame.K_r, pygame.KMOD_CTRL)  # reload the story
        if r < 0.9405:
            return [pygame.event.Event(pygame.QUIT)]
        return self.press(self.game_key())

    def purposeful(self) -> list[pygame.event.Event]:
        """What a player moving the story on would do here: read on and choose on the play
        screen, close what is open over it, pick something on the title."""
        top = self.app.top
        name = type(top).__name__
        if isinstance(top, PlayScene):
            if top.choices is not None or top.ending_buttons is not None:
                buttons = top.choices or top.ending_buttons
                assert buttons is not None
                enabled = [b for b in buttons.buttons if b.enabled]
                if enabled and self.rng.random() < 0.5:
                    return self.click_rect(self.rng.choice(enabled).rect)
                if top.choices is not None and enabled and self.rng.random() < 0.8:
                    number = self.rng.choice([b.number for b in enabled if b.number] or [1])
                    return self.press(pygame.K_0 + number)
            if self.rng.random() < 0.25:
                return self.click_rect(pygame.Rect(theme.TEXT_BOX))
            return self.press(self.rng.choice((pygame.K_RETURN, pygame.K_SPACE)))
        if name in ("TitleScene", "SaveLoadScene", "SettingsScene", "ConfirmScene",
                    "NoticeScene") and self.rng.random() < 0.6:
            return self.click_target()
        if name == "ChapterCard":
            return self.press(pygame.K_SPACE)
        return self.press(pygame.K_ESCAPE)

    def game_key(self) -> int:
        keys, weights = zip(*GAME_KEYS, strict=True)
        return self.rng.choices(keys, weights)[0]

    def press(self, key: int, mod: int | None = None) -> list[pygame.event.Event]:
        if mod is None:
            mod = self.rng.choice(MODS) if self.rng.random() < 0.12 else 0
        name = pygame.key.name(key) if key < 0x4000_0000 else ""
        char = CONTROL_CHARS.get(key, name if len(name) == 1 else "")
        if char and mod & pygame.KMOD_SHIFT:
            char = char.upper()
        attrs = {"key": key, "mod": mod, "unicode": char, "scancode": 0}
        events = [pygame.event.Event(pygame.KEYDOWN, attrs)]
        if char.isprintable() and char and not mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            events.append(pygame.event.Event(pygame.TEXTINPUT, text=char))
        if self.rng.random() < 0.05:  # held down: the key repeats
            events += [pygame.event.Event(pygame.KEYDOWN, attrs)] * self.rng.randint(1, 6)
        if self.rng.random() < 0.9:
            events.append(pygame.event.Event(pygame.KEYUP, {**attrs, "unicode": ""}))
        return events

    def window_size(self) -> tuple[int, int]:
        w, h = self.app.window.get_size()
        return max(1, w), max(1, h)

    def to_window(self, pos: tuple[float, float]) -> tuple[int, int]:
        scale, ox, oy, _, _ = self.app.viewport()
        return (round(ox + pos[0] * scale), round(oy + pos[1] * scale))

    def targets(self) -> list[pygame.Rect]:
        top = self.app.top
        return [] if top is None else list(scene_targets(top))

    def click_target(self) -> list[pygame.event.Event]:
        rects = self.targets()
        top = self.app.top
        if isinstance(top, PlayScene) and self.rng.random() < 0.9:  # Back, now and then
            back = top.top_buttons.buttons[0].rect
            rects = [r for r in rects if r != back]
        if not rects:
            return self.mouse_anywhere()
        return self.click_rect(self.rng.choice(rects))

    def click_rect(self, r: pygame.Rect) -> list[pygame.event.Event]:
        x = self.rng.uniform(r.left, max(r.left, r.right - 1))
        y = self.rng.uniform(r.top, max(r.top, r.bottom - 1))
        pos = self.to_window((x, y))
        button = 1 if self.rng.random() < 0.9 else self.rng.randint(2, 5)
        events = [self.motion(pos)]
        if self.rng.random() < 0.95:
            events.append(self.button(pygame.MOUSEBUTTONDOWN, pos, button))
            if self.rng.random() < 0.9:
                events.append(self.button(pygame.MOUSEBUTTONUP, pos, button))
        return events

    def mouse_anywhere(self) -> list[pygame.event.Event]:
        w, h = self.window_size()
        pos = (self.rng.randint(-20, w + 20), self.rng.randint(-20, h + 20))
        r = self.rng.random()
        if r < 0.5:
            return [self.motion(pos)]
        button = self.rng.choice((1, 1, 2, 3, 3, 4, 5))
        kind = pygame.MOUSEBUTTONDOWN if r < 0.85 else pygame.MOUSEBUTTONUP
        return [self.button(kind, pos, button)]

    def motion(self, pos: tuple[int, int]) -> pygame.event.Event:
        buttons = (self.rng.random() < 0.1, False, False)
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(self.rng.randint(-9, 9), 0),
                                  buttons=buttons, touch=False)

    def button(self, kind: int, pos: tuple[int, int], button: int) -> pygame.event.Event:
        return pygame.event.Event(kind, pos=pos, button=button, touch=False)

    def wheel(self) -> pygame.event.Event:
        y = self.rng.choice((-3, -1, -1, 0, 1, 1, 3))
        x = self.rng.choice((0, 0, 0, -1, 1))
        return pygame.event.Event(pygame.MOUSEWHEEL, x=x, y=y, flipped=False,
                                  precise_x=float(x), precise_y=float(y), touch=False)

    def resize(self) -> list[pygame.event.Event]:
        """The window becomes another size (as SDL does it, then the events that say so);
        now and then an event alone, that disagrees with the window."""
        if self.rng.random() < 0.6:
            w, h = self.rng.choice(SIZES)
        else:
            w, h = self.rng.randint(1, 2560), self.rng.randint(1, 1600)
        if not self.app.settings.fullscreen and self.rng.random() < 0.9:
            pygame.display.set_mode((w, h), pygame.RESIZABLE)
            self.recent.append(f"  (window set to {w}x{h})")
        return [pygame.event.Event(pygame.VIDEORESIZE, size=(w, h), w=w, h=h),
                pygame.event.Event(pygame.WINDOWRESIZED, x=w, y=h),
                pygame.event.Event(pygame.WINDOWSIZECHANGED, x=w, y=h)]

    def window_event(self) -> list[pygame.event.Event]:
        if self.rng.random() < 0.25:
            return [pygame.event.Event(pygame.ACTIVEEVENT, gain=self.rng.randint(0, 1),
                                       state=self.rng.choice((1, 2, 4, 6)))]
        kind = self.rng.choice(WINDOW_EVENTS)
        if kind == pygame.WINDOWMINIMIZED:  # minimised, time passes, restored
            return [pygame.event.Event(kind), pygame.event.Event(pygame.WINDOWFOCUSLOST),
                    pygame.event.Event(pygame.WINDOWRESTORED),
                    pygame.event.Event(pygame.WINDOWFOCUSGAINED)]
        if kind == pygame.WINDOWMOVED:
            return [pygame.event.Event(kind, x=self.rng.randint(-50, 3000), y=40)]
        return [pygame.event.Event(kind)]


def scene_targets(scene: Scene) -> Iterator[pygame.Rect]:
    """What a player could click on the scene: its buttons, cards, tabs and option boxes
    (every Rect its attributes hold, two levels down in the UI's own objects)."""
    canvas = pygame.Rect((0, 0), scene.app.canvas.get_size())
    for rect in _rects(vars(scene), 3):
        if rect.width > 0 and rect.height > 0 and canvas.contains(rect) and \
                rect.width * rect.height < canvas.width * canvas.height // 2:
            yield rect


def _rects(obj: object, depth: int) -> Iterator[pygame.Rect]:
    if isinstance(obj, pygame.Rect):
        yield obj
    elif isinstance(obj, ButtonList):
        yield from (b.rect for b in obj.buttons if b.enabled)
    elif isinstance(obj, Button):
        if obj.enabled:
            yield obj.rect
    elif depth <= 0 or isinstance(obj, (Scene, App, str, bytes, pygame.Surface)):
        return
    elif isinstance(obj, dict):
        for value in list(obj.values())[:64]:
            yield from _rects(value, depth - 1)
    elif isinstance(obj, (list, tuple)):
        for item in obj[:64]:
            yield from _rects(item, depth - 1)
    elif type(obj).__module__.startswith("game.ui") and hasattr(obj, "__dict__"):
        yield from _rects(vars(obj), depth - 1)


def cache_sizes(app: App) -> dict[str, int]:
    """How full every cache the UI keeps is (each must have a bound)."""
    fonts = app.fonts
    return {
        "text lines": len(fonts._lines),
        "text line MB": fonts.line_bytes // (1024 * 1024),
        "widths": sum(len(m.cache) for m in fonts._measures.values()),
        "fonts": len(fonts._fonts),
        "images": len(app.images._cache),
        "paper": len(PAPER._sheets),
        "veils": len(widgets._SHEETS),
        "maps": len(map_view._CACHE),
        "front maps": features_for.cache_info().currsize,
    }


def empty_caches(app: App) -> None:
    app.fonts.clear_lines()
    for m in app.fonts._measures.values():
        m.cache.clear()
    app.images._cache.clear()
    PAPER._sheets.clear()
    widgets._SHEETS.clear()
    map_view._CACHE.clear()
    features_for.cache_clear()


def cache_pixels_mb(app: App) -> float:
    """The megabytes of pixels the UI's caches hold between them."""
    surfaces = [*app.fonts._lines.values(), *app.images._cache.values(),
                *PAPER._sheets.values(), *widgets._SHEETS.values(), *map_view._CACHE.values()]
    return sum(s.get_pitch() * s.get_height() for s in surfaces) / 2**20


def run_monkey(events: int, seed: int = 1, folder: Path | None = None, checkpoint: int = 2000,
               trace_memory: bool = False, story: Story | None = None) -> MonkeyReport:
    """A whole run on the shipped story (or `story`), in `folder` or a temporary one."""
    import tempfile

    from game.story import load_story

    if story is None:
        root = Path(__file__).resolve().parents[2] / "story"
        story = load_story(root).story
        assert story is not None, "the shipped story does not load"
    with tempfile.TemporaryDirectory(prefix="monkey-") as tmp:
        cache = os.environ.setdefault("STOCKHOLM_CACHE", str(Path(tmp) / "cache"))
        try:  # the pictures' disk cache too is the run's own, unless one was chosen
            monkey = Monkey(story, folder or Path(tmp), seed, checkpoint, trace_memory)
            return monkey.run(events)
        finally:
            if cache.startswith(tmp):
                del os.environ["STOCKHOLM_CACHE"]
