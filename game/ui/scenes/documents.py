"""The two documents a story that negotiates the treaty has: the map of the front and the
treaty. One rule for which stories have them (they declare the article variables), and
one way to open each, for the play screen, the dossier and the ending."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...documents.treaty import story_has_treaty

if TYPE_CHECKING:
    from ..app import App
    from ..session import Session


def has_documents(session: Session) -> bool:
    return story_has_treaty(session.story)


def open_map(app: App, session: Session) -> None:
    """Only for a story that has the documents: the map is drawn from the treaty's
    articles, so another story would be shown a front it never negotiates."""
    from .map_scene import MapScene

    if has_documents(session):
        app.push(MapScene(app, session))


def open_treaty(app: App, session: Session) -> None:
    from .treaty_scene import TreatyScene

    if has_documents(session):
        app.push(TreatyScene(app, session))
