"""The app: one window, a 1280x720 canvas scaled with letterboxing, and a scene stack.

The loop sleeps between polls while nothing moves (a still screen costs almost no CPU)
and runs at 60 fps while a scene animates. `step()` is the loop's body, so
tests drive the real app with synthetic events and no real time.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame  # noqa: E402

from ..engine.state import PlayState  # noqa: E402
from ..persist.paths import saves_dir  # noqa: E402
from ..persist.settings import Settings, load_settings, save_settings  # noqa: E402
from ..persist.story_cache import CachedStory  # noqa: E402
from ..story import LoadResult, Story  # noqa: E402
from . import theme  # noqa: E402
from .audio import Audio  # noqa: E402
from .autopilot import Autopilot  # noqa: E402
from .fonts import FontBook  # noqa: E402
from .images import Images, raster_cache_dir  # noqa: E402
from .kept_lines import FILE as FIRST_FRAME_LINES  # noqa: E402
from .live_reload import LiveReload  # noqa: E402
from .saving import SaveService  # noqa: E402
from .scene import Scene  # noqa: E402
from .session import Session  # noqa: E402
from .strings import t  # noqa: E402
from .widgets import on_button  # noqa: E402

log = logging.getLogger(__name__)
FPS = 60
# pygame.event.wait() polls in 1 ms steps inside (5 % CPU measured on a still screen);
# sleeping 25 ms between polls costs 0.4 % and answers within a frame and a half.
IDLE_POLL_MS = 25
MOUSE_EVENTS = (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)


class App:
    def __init__(self, story: Story | CachedStory | None, lang: str | None = None,
                 seed: int | None = None, settings_dir: Path | None = None,
                 size: tuple[int, int] | None = None) -> None:
        # A CachedStory (a startup-cache hit, not yet decoded) lets the title screen show
        # before the story is decoded: `story` decodes it when first asked, and `step`
        # does at the first idle step after the first frame (a key pressed at the first
        # frame is answered first, and one that needs the story decodes it then).
        self._story = story if isinstance(story, Story) else None
        self._pending = story if isinstance(story, CachedStory) else None
        self.seed = seed
        self.settings_dir = settings_dir or saves_dir()
        self.settings, problems = load_settings(self.settings_dir)
        for p in problems:
            log.warning("%s", p)
        if lang is not None:
            self.settings = self.settings.with_(language=lang)
        if story is not None and self.settings.language not in story.languages:
            self.settings = self.settings.with_(language=story.languages[0])
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(400, 40)
        self.windowed_size = size or theme.CANVAS
        self.window = self._open_window(self.settings.fullscreen)
        pygame.display.set_caption(f"{t('title', 'en')} — {t('title', 'ja')}")
        self.canvas = pygame.Surface(theme.CANVAS).convert()
        raster_cache = raster_cache_dir()
        self.fonts = FontBook(keep=raster_cache / FIRST_FRAME_LINES if raster_cache else None)
        root = str(story.root if isinstance(story, Story) else story.story_dir) if story else "."
        self.images = Images(root, raster_cache)
        self.shown = False  # the first frame is on the screen
        self.stack: list[Scene] = []
        self.dirty = True
        self.animating = False
        self.running = True
        self.clock = pygame.time.Clock()
        self.toast: str | None = None
        self.toast_error = True
        self.toast_left = 0.0  # seconds until a timed toast goes by itself (0: stays)
        self.session: Session | None = None
        self.autopilot: Autopilot | None = None  # `play --choose` or a replay: it plays itself
        self.debug_overlay = False  # F3 or `play --debug`: open over every play scene
        self.live: LiveReload | None = None  # watches the story folder (run_game turns it on)
        self.saves = SaveService(self, self.settings_dir)
        self.audio = Audio(self.settings)  # silent, after one logged line, with no device
        on_button(self.audio.click)

    @property
    def story(self) -> Story | None:
        """The story being played (None while a broken one waits on the diagnostics)."""
        if self._pending is not None:
            self.finish_loading()
        return self._story

    @story.setter
    def story(self, story: Story | None) -> None:
        self._pending, self._story = None, story

    @property
    def story_id(self) -> str | None:
        """The story's id, known before a cached story is decoded (the title's Continue)."""
        if self._pending is not None:
            return self._pending.id
        return self._story.id if self._story is not None else None

    def finish_loading(self) -> None:
        """Decode a cached story now. It cannot have errors (only stories without errors
        are cached, and a damaged entry is read afresh from the same files), but if it
        somehow does, the diagnostics screen shows them, as at any start."""
        pending, self._pending = self._pending, None
        if pending is None:
            return
        result = pending.result()
        self._story = result.story
        if result.story is None:
            from .scenes.diagnostics import DiagnosticsScene

            self.session = None
            self.stack.clear()
            self.push(DiagnosticsScene(self, result.diagnostics))

    @property
    def reached_endings(self) -> set[str]:
        """Endings reached in any playthrough (kept in the progress file)."""
        return set(self.saves.story_progress().endings)

    # -- window -----------------------------------------------------------------------

    def _open_window(self, fullscreen: bool) -> pygame.Surface:
        if fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)

    def toggle_fullscreen(self) -> None:
        self.apply_settings(self.settings.with_(fullscreen=not self.settings.fullscreen))

    def toggle_mute(self) -> None:
        self.apply_settings(self.settings.with_(muted=not self.settings.muted))
        self.notify(self.t("sound_off" if self.settings.muted else "sound_on"), error=False,
                    seconds=2.0)

    def viewport(self) -> tuple[float, int, int, int, int]:
        """Scale, x and y offset, width and height of the canvas inside the window."""
        ww, wh = self.window.get_size()
        cw, ch = theme.CANVAS
        scale = min(ww / cw, wh / ch) if ww and wh else 1.0
        w, h = max(1, round(cw * scale)), max(1, round(ch * scale))
        return scale, (ww - w) // 2, (wh - h) // 2, w, h

    def to_canvas(self, pos: tuple[int, int]) -> tuple[int, int]:
        scale, ox, oy, _, _ = self.viewport()
        if scale <= 0:
            return (-1, -1)
        return (int((pos[0] - ox) / scale), int((pos[1] - oy) / scale))

    # -- settings ---------------------------------------------------------------------

    @property
    def lang(self) -> str:
        return self.settings.language

    def t(self, key: str) -> str:
        return t(key, self.lang)

    def apply_settings(self, new: Settings) -> None:
        """Apply live, then save; a failure to save is shown, and play goes on."""
        old = self.settings
        self.settings = new
        if new.fullscreen != old.fullscreen:
            self.window = self._open_window(new.fullscreen)
        self.audio.apply(new)
        try:
            save_settings(self.settings_dir, new)
        except OSError as e:
            log.warning("settings not saved: %s", e)
            self.toast = f"{self.t('settings_failed')}: {e.strerror or e}"
        for scene in self.stack:
            scene.on_settings_changed()
        self.invalidate()

    # -- the stack ----------------------------------------------------------------------

    @property
    def top(self) -> Scene | None:
        return self.stack[-1] if self.stack else None

    def push(self, scene: Scene) -> None:
        self.stack.append(scene)
        self.invalidate()

    def pop(self, scene: Scene | None = None) -> None:
        """Remove the top scene (or `scene`, wherever it is)."""
        if scene is None:
            if self.stack:
                self.stack.pop()
        elif scene in self.stack:
            self.stack.remove(scene)
        if self.stack:
            self.stack[-1].on_top()
        self.invalidate()

    def replace(self, scene: Scene) -> None:
        self.stack = [scene]
        self.invalidate()

    def invalidate(self) -> None:
        self.dirty = True

    def ambience(self) -> str | None:
        """The ambience the scenes ask for: the topmost that asks (a menu over the play
        screen keeps its place's sound); None is silence."""
        for scene in reversed(self.stack):
            kind = scene.ambience()
            if kind is not None:
                return kind
        return None

    def notify(self, text: str, error: bool = False, seconds: float = 4.0) -> None:
        """A toast at the foot of the screen: it goes after `seconds` or at the next input."""
        self.toast, self.toast_error, self.toast_left = text, error, seconds
        self.invalidate()

    def quit(self) -> None:
        self.running = False

    # -- the loop ------------------------------------------------------------------------

    def run(self) -> int:
        while self.running:
            if self.animating:
                events = pygame.event.get()
                dt = self.clock.tick(FPS) / 1000.0
            else:
                # no sleep with something to draw (the first frame) or to answer (a key
                # pressed while the last step worked): only an idle loop waits
                events = pygame.event.get()
                if not events and not self.dirty:
                    pygame.time.wait(IDLE_POLL_MS)
                    events = pygame.event.get()
                dt = min(self.clock.tick() / 1000.0, 0.1)
            self.step(events, dt)
        return 0

    def step(self, events: Iterable[pygame.event.Event], dt: float) -> None:
        answered = False
        for event in events:
            answered = True
            self.dispatch(event)
            if not self.running:
                return
        if self.live is not None:
            self.live.tick(dt)
        if self.toast and self.toast_left > 0:
            self.toast_left -= dt
            if self.toast_left <= 0:
                self.toast = None
                self.invalidate()
        top = self.top
        self.animating = bool(top and top.update(dt))
        if self.dirty or self.animating:
            self.draw()
            self.dirty = False
            if not self.shown:  # the first frame is up: keep its lines for the next start
                self.shown = True
                self.fonts.keep_first_frame()
                return  # the rest waits a step: a key pressed meanwhile is answered first
        elif self._pending is not None and not answered:
            self.finish_loading()  # the first idle step: decode the cached story now
        self.audio.update(dt, self.ambience())  # after the frame: the first loop loads late

    def dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.quit()
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED, pygame.WINDOWEXPOSED,
                          pygame.WINDOWFOCUSGAINED, pygame.WINDOWRESTORED):
            if event.type == pygame.VIDEORESIZE and not self.settings.fullscreen:
                self.windowed_size = (max(1, event.w), max(1, event.h))
            self.invalidate()
            return
        enter = (pygame.K_RETURN, pygame.K_KP_ENTER)
        alt_enter = (event.type == pygame.KEYDOWN and event.key in enter
                     and event.mod & pygame.KMOD_ALT)
        if alt_enter or (event.type == pygame.KEYDOWN and event.key == pygame.K_F11):
            self.toggle_fullscreen()
            return
        if (event.type == pygame.KEYDOWN and event.key == pygame.K_r
                and event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META) and self.live is not None):
            self.live.reload_now()
            return
        if event.type in MOUSE_EVENTS:
            attrs = dict(event.dict)
            attrs["pos"] = self.to_canvas(event.pos)
            event = pygame.event.Event(event.type, attrs)
        if self.toast and event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self.toast = None
            self.invalidate()
        top = self.top
        if top is not None:
            top.handle_event(event)

    def draw(self) -> None:
        first = 0
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].opaque:
                first = i
                break
        self.canvas.fill(theme.NIGHT)
        for scene in self.stack[first:]:
            scene.draw(self.canvas)
        if self.toast:
            self._draw_toast()
        self.present()

    def _draw_toast(self) -> None:
        assert self.toast is not None
        surf = self.fonts.render(self.toast, 20, theme.WHITE)
        r = surf.get_rect(midbottom=(theme.CANVAS[0] // 2, theme.CANVAS[1] - 16)).inflate(32, 16)
        pygame.draw.rect(self.canvas, theme.RED if self.toast_error else theme.INK_SOFT, r,
                         border_radius=4)
        self.canvas.blit(surf, surf.get_rect(center=r.center))

    def present(self) -> None:
        scale, ox, oy, w, h = self.viewport()
        self.window.fill((0, 0, 0))
        if (w, h) == theme.CANVAS:
            self.window.blit(self.canvas, (ox, oy))
        else:
            self.window.blit(pygame.transform.smoothscale(self.canvas, (w, h)), (ox, oy))
        pygame.display.flip()


def run_game(story: Story | CachedStory | None, lang: str | None = None, seed: int | None = None,
             load: LoadResult | None = None, autopilot: Autopilot | None = None,
             saves: str | None = None, load_file: str | None = None,
             story_dir: str | None = None, fixture: PlayState | None = None,
             debug: bool = False) -> int:
    """Open the window and play; a broken story shows its diagnostics instead (and starts
    once it is fixed: the story folder is watched, see live_reload)."""
    import sys

    from .scenes.diagnostics import DiagnosticsScene
    from .scenes.title import TitleScene

    try:
        app = App(story, lang, seed, saves_dir(saves))
    except pygame.error as e:
        print(f"The game window cannot open ({e}). On a machine without a display, play in "
              "the terminal: python main.py play --text", file=sys.stderr)
        pygame.quit()
        return 2
    watched = story_dir if story_dir is not None else story.root if isinstance(story, Story) \
        else None
    if watched is not None:
        app.live = LiveReload(app, watched)
    if story is None:
        app.replace(DiagnosticsScene(app, load.diagnostics if load else ()))
    else:
        title = TitleScene(app)
        app.replace(title)
        app.debug_overlay = debug
        if fixture is not None:  # `play --start/--set`: straight into a debug session
            from .scenes.debug_overlay import start_fixture

            app.autopilot = autopilot
            start_fixture(app, fixture)
        elif autopilot is not None:
            app.autopilot = autopilot
            title.start_new()
        elif load_file is not None:
            from ..persist.save_folder import read_save_file

            app.saves.load(read_save_file(Path(load_file)))  # damaged: a toast on the title
    try:
        code = app.run()
        return code if app.story_id is not None else 2  # quit on a story never fixed
    finally:
        pygame.quit()
