"""The game's side of saving: slots, quicksave, autosave, loading, replays and progress.

Every scene asks this one object, so the rules live in one place: a save failure is a
toast and play goes on; a load replays the decisions and, when the story has changed,
says where it now goes another way; progress is recorded as the player sees nodes.
"""

from __future__ import annotations

import logging
import struct
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from ..engine.play import replay
from ..engine.reproduce import Divergence
from ..persist.progress import StoryProgress, load_progress, save_progress
from ..persist.save_folder import QUICK, SaveFolder, Slot, newest
from ..persist.save_format import DamagedSave, Meta
from ..persist.snapshot import Restored, describe, make_save, restore
from . import theme
from .session import Session

if TYPE_CHECKING:
    from .app import App

log = logging.getLogger(__name__)
THUMB_SIZE = (320, 180)


class SaveService:
    def __init__(self, app: App, folder: Path) -> None:
        self.app = app
        self.folder = SaveFolder(folder)
        self.progress, problems = load_progress(folder)
        for p in problems:
            log.warning("%s", p)
        self.autosave_failed = False
        self.last_page: dict[str, str] = {}  # the save/load screen's page, per mode

    # -- saving ---------------------------------------------------------------------------

    def save_to(self, name: str) -> bool:
        """Save the current game to slot `name`; a toast either way."""
        session = self.app.session
        if session is None or self.app.story is None:
            return False
        if session.debug:  # a hand-changed state cannot be replayed from its log
            self.app.notify(self.app.t("debug_no_saves"), error=True, seconds=6.0)
            return False
        try:
            save = make_save(self.app.story, session.state, self.describe(session))
            self.folder.write(name, save, self.thumbnail())
        except OSError as e:
            self.app.notify(f"{self.app.t('save_failed')}: {reason(e)}", error=True)
            return False
        self.app.notify(self.app.t("saved_to").format(slot=self.slot_label(name)))
        return True

    def quicksave(self) -> bool:
        return self.save_to(QUICK)

    def autosave(self) -> None:
        """After every decision; quiet when it works, one toast when it starts failing."""
        session = self.app.session
        if session is None or self.app.story is None or session.replaying or session.debug:
            return
        try:
            save = make_save(self.app.story, session.state, self.describe(session))
            self.folder.autosave(save, self.thumbnail())
        except OSError as e:
            if not self.autosave_failed:
                self.app.notify(f"{self.app.t('autosave_failed')}: {reason(e)}", error=True)
            self.autosave_failed = True
            return
        self.autosave_failed = False

    def describe(self, session: Session) -> Meta:
        assert self.app.story is not None
        return describe(self.app.story, session.state, self.app.lang, session.playtime,
                        session.replaying)

    def thumbnail(self) -> bytes | None:
        """A PNG of the play screen as it stands, without menus or the save screen over it."""
        from .scenes.play import PlayScene

        scene = next((s for s in reversed(self.app.stack) if isinstance(s, PlayScene)), None)
        try:
            canvas = pygame.Surface(theme.CANVAS)
            if scene is not None:
                scene.draw_snapshot(canvas)
            else:
                canvas.blit(self.app.canvas, (0, 0))
            return png_bytes(pygame.transform.smoothscale(canvas, THUMB_SIZE))
        except (pygame.error, OSError, ValueError) as e:  # a save without a picture is still a save
            log.warning("thumbnail not made: %s", e)
            return None

    def delete(self, name: str) -> bool:
        try:
            self.folder.delete(name)
        except OSError as e:
            self.app.notify(f"{self.app.t('delete_failed')}: {reason(e)}", error=True)
            return False
        self.app.notify(self.app.t("deleted").format(slot=self.slot_label(name)))
        return True

    def slot_label(self, name: str) -> str:
        if name == QUICK:
            return self.app.t("quicksave")
        if name.startswith("auto-"):
            return self.app.t("autosave")
        if name.startswith("slot-") and name[5:].isdigit():
            return self.app.t("slot_n").format(n=int(name[5:]))
        return name

    # -- loading --------------------------------------------------------------------------

    def load(self, slot: Slot) -> bool:
        """Replay the slot's decisions and play on; a damaged save is a toast, nothing else."""
        restored = self._restore(slot)
        if restored is None:
            return False
        assert self.app.story is not None
        session = Session.resume(self.app.story, restored.state, restored.save.meta.playtime)
        self._start(session, announce=False)
        if restored.divergence is not None:
            self._tell_divergence(restored)
        else:
            self.app.notify(self.app.t("loaded").format(slot=self.slot_label(slot.name)))
        return True

    def latest(self) -> Slot | None:
        """The most recently written save that loads (for Continue on the title screen)."""
        slots = [self.folder.quick(), *self.folder.autosaves(limit=1), *self.folder.manual()]
        story_id = self.app.story_id  # known before a cached story is decoded
        return newest(s for s in slots if s.save is not None and (
            story_id is None or s.save.story.id == story_id))

    def quickload(self) -> bool:
        slot = self.folder.quick()
        if slot.save is None and slot.damage is None:
            self.app.notify(self.app.t("no_quicksave"), error=True)
            return False
        return self.load(slot)

    def replay(self, slot: Slot) -> bool:
        """Watch the save's decisions again from the start: step, auto, pause, take over."""
        from .autopilot import Autopilot

        restored = self._restore(slot)
        if restored is None:
            return False
        assert self.app.story is not None
        session = Session(self.app.story, restored.save.seed)
        session.replaying = True  # the decisions that still work, up to where the replay stopped
        self.app.autopilot = Autopilot.for_replay([d.choice for d in restored.state.log])
        self._start(session, announce=True)
        if restored.divergence is not None:
            self._tell_divergence(restored)
        return True

    def _restore(self, slot: Slot) -> Restored | None:
        story = self.app.story
        if story is None:
            return None
        if slot.save is None:
            why = slot.damage or self.app.t("empty_slot")
            self.app.notify(f"{self.app.t('load_failed')}: {why}", error=True)
            return None
        try:
            return restore(story, slot.save)
        except DamagedSave as e:
            self.app.notify(f"{self.app.t('load_failed')}: {e.reason}", error=True)
            return None

    def _start(self, session: Session, announce: bool) -> None:
        from .scenes.play import PlayScene

        if not session.replaying:
            self.app.autopilot = None
        self.app.session = session
        self.app.replace(PlayScene(self.app, session, announce=announce))

    def _tell_divergence(self, restored: Restored) -> None:
        from .scenes.notice import NoticeScene

        div = restored.divergence
        assert div is not None
        total = len(restored.save.log)
        self.app.push(NoticeScene(self.app, self.app.t("story_changed"),
                                  divergence_lines(self.app, div, total), div.reason))

    # -- branching from an earlier decision (the flowchart) ---------------------------------

    def branch_to(self, node_id: str) -> bool:
        """Go back to the last time this game stood at `node_id`, or replay the route an
        earlier playthrough took there; False when neither is known."""
        story, session = self.app.story, self.app.session
        if story is None:
            return False
        if session is not None:
            for i in range(len(session.state.log) - 1, -1, -1):
                if session.state.log[i].node == node_id:
                    session.rollback_to(i)
                    self._start(session, announce=False)
                    return True
        route = self.story_progress().routes.get(node_id)
        if route is None:
            return False
        try:
            state = replay(story, route.seed, route.log)
        except (ValueError, KeyError):  # the story changed since: that route is gone
            return False
        if state.node != node_id:
            return False
        self._start(Session.resume(story, state), announce=False)
        return True

    # -- progress ---------------------------------------------------------------------------

    def story_progress(self) -> StoryProgress:
        story = self.app.story
        return self.progress.of(story.id) if story is not None else StoryProgress()

    def record(self, session: Session) -> None:
        """Note what the player has seen; written to disk when something is new."""
        story = self.app.story
        if story is None or session.replaying or session.debug:
            return
        ending = story.nodes[session.state.node].ending
        old = self.story_progress()
        new = old.record(session.state, ending)
        if new is old:
            return
        self.progress = self.progress.with_story(story.id, new)
        try:
            save_progress(self.folder.folder, self.progress)
        except OSError as e:
            log.warning("progress not saved: %s", e)


def png_bytes(surface: pygame.Surface) -> bytes:
    """The surface as an RGB PNG, encoded here: `pygame.image.save` into a file object
    keeps references to it (pygame 2.6: six a call), so every thumbnail made that way, one
    per decision with its autosave, stayed in memory for good (found by the monkey test)."""
    w, h = surface.get_size()
    raw = pygame.image.tobytes(surface, "RGB")
    stride = w * 3
    rows = b"".join(b"\0" + raw[y * stride:(y + 1) * stride] for y in range(h))  # filter: none

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)  # 8 bits, truecolour, no interlace
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 6))
            + chunk(b"IEND", b""))


def reason(e: OSError) -> str:
    return e.strerror or str(e)


def divergence_lines(app: App, div: Divergence, total: int) -> list[str]:
    """The player's explanation of a divergence, in the game's language."""
    t = app.t
    head = t(f"diverged_{div.kind.value}").format(n=div.decision, total=total)
    tail = t("diverged_state_tail") if div.kind.value == "state" else \
        t("diverged_tail").format(n=max(0, div.decision - 1))
    return [head, tail]

