"""What stands behind the passage: the current place's picture, at the canvas size.

One function so that every picture a place can have (its SVG, or a document drawn from
the state) comes from one place, and the play screen's fades blend whatever it returns."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ..documents.treaty import story_has_treaty
from . import theme
from .map_view import BACKDROP, render_map

if TYPE_CHECKING:
    from .app import App
    from .session import Session

LIVE_MAP_PLACES = {"front_map"}  # the map of the front, drawn from the articles as they stand


def backdrop(app: App, session: Session, size: tuple[int, int] = theme.CANVAS) -> pygame.Surface:
    """The picture of the place the session is at (a placeholder when it has none)."""
    if session.node.place in LIVE_MAP_PLACES and story_has_treaty(session.story):
        return render_map(app, session.state.vars, size, app.lang, BACKDROP)
    place = session.story.places.get(session.node.place or "")
    return app.images.get(place.image if place else None, size)
