"""The scene protocol (Tuxemon's state stack, Textual's screens).

The app hands events only to the top scene. `update(dt)` returns True while the scene
animates (the app then draws at 60 fps; otherwise it sleeps until an event). `draw`
paints and changes nothing. An overlay (opaque False) is drawn over the scene below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from .app import App


class Scene:
    opaque = True

    def __init__(self, app: App) -> None:
        self.app = app

    def handle_event(self, event: pygame.event.Event) -> None:
        """React to one event (positions are already in canvas coordinates)."""

    def update(self, dt: float) -> bool:
        """Advance animations by `dt` seconds; True while something still moves."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """Paint the scene on the 1280x720 canvas."""

    def on_top(self) -> None:
        """Called when the scene becomes the top of the stack again (after a pop)."""

    def on_settings_changed(self) -> None:
        """Language, text size and the like changed: rebuild what depends on them."""

    def ambience(self) -> str | None:
        """The kind of ambient sound this scene wants (assets/sounds/places.yaml); None
        leaves it to the scene below (a menu over the play screen keeps its sound)."""
        return None

    def on_story_changed(self) -> None:
        """The story was reloaded (live reload): rebuild what was drawn from the old one.

        Most scenes build from the story exactly as from the settings; those that keep
        more (the play screen's page, a chart of the old nodes) say so themselves.
        """
        self.on_settings_changed()
