"""Watching a path play itself in the window: `python main.py play --choose a,b,c`.

An author proves a branch with `trace`; this shows the same path as a player sees it,
at reading pace: the typewriter runs, each full page stays up for `pace` seconds, then
the page turns, the passage continues or the next listed choice is taken. A node with a
single enabled choice takes it, as `trace` does. The pilot stops at the ending, or hands
the game back to the player when a listed choice is not selectable, and says so.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..engine.play import Offer


@dataclass
class Autopilot:
    pending: deque[str]
    pace: float = 1.5  # seconds a finished page stays up
    waited: float = 0.0
    log: list[str] = field(default_factory=list)
    replay: bool = False  # a saved game played back: the player steps, pauses, takes over
    paused: bool = False
    total: int = 0  # decisions in the replay

    @classmethod
    def from_ids(cls, ids: Iterable[str], pace: float = 1.5) -> Autopilot:
        return cls(deque(i for i in ids if i), max(0.0, pace))

    @classmethod
    def for_replay(cls, choices: Sequence[str], pace: float = 1.2) -> Autopilot:
        """A saved game's whole decision log, forced choices included, taken in order."""
        return cls(deque(choices), pace, replay=True, total=len(choices))

    @property
    def done(self) -> int:
        """Decisions replayed so far."""
        return self.total - len(self.pending)

    def due(self, dt: float) -> bool:
        """True once the current page has been up for `pace` seconds; then starts over."""
        self.waited += dt
        if self.waited < self.pace:
            return False
        self.waited = 0.0
        return True

    def pick(self, offers: Sequence[Offer]) -> str | None:
        """The choice to take here, or None when the path cannot go on."""
        enabled = [o.id for o in offers if o.enabled]
        if self.pending and self.pending[0] in enabled:
            return self.pending.popleft()
        if len(enabled) == 1:
            return enabled[0]
        return None

    def say(self, message: str) -> None:
        self.log.append(message)
        if not self.replay:  # `play --choose` reports to the terminal it was started from
            print(f"autopilot: {message}", flush=True)
