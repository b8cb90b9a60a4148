"""Live reload: an author saves a story file and the running game shows the edit at once.

The app calls `tick(dt)` every frame; about twice a second that polls the watcher (a stat
of each story file, nothing read). Once a change has settled the story is loaded again:

- it loads, and the scene on screen still exists: the game goes on with the new story
  from where it stood (`engine.rebase`), every scene rebuilds what it drew from the old
  one, and a calm toast says how many files changed and what had to be adjusted;
- it has errors, or the scene on screen is gone: the game goes on with the last good
  story, and an overlay says why (`scenes.reload_problem`), until a reload works.

Ctrl+R does the same at once, even when nothing changed. A game that started on a
broken story (the diagnostics screen) starts by itself once the story loads.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ..engine.rebase import Adjustment, rebase
from ..story import Diagnostic, Story
from ..story.expr.ast import Value
from ..story.watch import Change, StoryWatcher, compare, fingerprint
from .images import Images

if TYPE_CHECKING:
    from .app import App

log = logging.getLogger(__name__)
POLL_SECONDS = 0.5
SHOWN_ADJUSTMENTS = 3  # in the toast; the log has them all


class LiveReload:
    def __init__(self, app: App, story_dir: str | Path, interval: float = POLL_SECONDS) -> None:
        self.app = app
        self.story_dir = str(story_dir)  # as given: diagnostics then name files as `check` does
        self.interval = interval
        self.watcher = StoryWatcher(Path(story_dir))
        self.waited = 0.0

    def tick(self, dt: float) -> None:
        """Called every frame with the time since the last; polls every `interval` seconds."""
        self.waited += dt
        if self.waited < self.interval:
            return
        self.waited = 0.0
        change = self.watcher.poll()
        if change is not None:
            self.reload(change)

    def reload_now(self) -> None:
        """Ctrl+R: read everything again now, changed or not."""
        stamp = fingerprint(self.watcher.root)
        change = compare(self.watcher.loaded, stamp)
        self.watcher.mark_loaded(stamp)
        self.waited = 0.0
        self.reload(change)

    def reload(self, change: Change) -> None:
        from ..story.loader import load_story  # the checker, first needed at a reload

        result = load_story(self.story_dir)
        if result.story is None:
            log.info("story not reloaded: %d diagnostics", len(result.diagnostics))
            self.show_errors(result.diagnostics)
        else:
            self.apply(result.story, change)

    # -- a story that loads --------------------------------------------------------------

    def apply(self, story: Story, change: Change) -> None:
        app = self.app
        adjustments: tuple[Adjustment, ...] = ()
        if app.session is not None:
            rebased = rebase(story, app.session.state)
            if rebased.state is None:
                log.info("story not reloaded: the node %s is gone", rebased.missing_node)
                self.show_problem(missing_node=rebased.missing_node)
                return
            app.session.story, app.session.state = story, rebased.state
            adjustments = rebased.adjustments
        started = app.story is None  # the game was waiting on the diagnostics screen
        app.story = story
        app.images = Images(story.root, app.images.raster_cache)  # a changed image shows too
        if app.lang not in story.languages:
            app.settings = app.settings.with_(language=story.default_language)
        self.clear_problems()
        if started:
            from .scenes.title import TitleScene

            app.replace(TitleScene(app))
        else:
            for scene in list(app.stack):
                scene.on_story_changed()
        for a in adjustments:
            log.info("live reload: %s", a.describe())
        app.notify(self.summary(change, adjustments), seconds=8.0 if adjustments else 4.0)

    def summary(self, change: Change, adjustments: tuple[Adjustment, ...]) -> str:
        t = self.app.t
        if not change and not adjustments:
            return t("reloaded_same")
        what = [t("files_changed_1") if change.count == 1 else
                t("files_changed_n").format(n=change.count)] if change else []
        what += [self.adjustment(a) for a in adjustments[:SHOWN_ADJUSTMENTS]]
        if len(adjustments) > SHOWN_ADJUSTMENTS:
            what.append(t("adj_more").format(n=len(adjustments) - SHOWN_ADJUSTMENTS))
        return t("reloaded").format(what=" · ".join(what))

    def adjustment(self, a: Adjustment) -> str:
        return self.app.t(f"adj_{a.kind.value}").format(name=a.name, old=_shown(a.old),
                                                         new=_shown(a.new))

    # -- a story that does not --------------------------------------------------------------

    def show_errors(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        from .scenes.diagnostics import DiagnosticsScene

        if self.app.story is None:  # still waiting to start: the launch screen, updated
            self.app.replace(DiagnosticsScene(self.app, diagnostics))
            return
        self.show_problem(diagnostics=diagnostics)

    def show_problem(self, diagnostics: tuple[Diagnostic, ...] = (),
                     missing_node: str | None = None) -> None:
        from .scenes.reload_problem import ReloadProblemScene

        self.clear_problems()
        self.app.toast = None  # an earlier "reloaded" must not stand beside it
        self.app.push(ReloadProblemScene(self.app, diagnostics, missing_node))

    def clear_problems(self) -> None:
        from .scenes.reload_problem import ReloadProblemScene

        for scene in [s for s in self.app.stack if isinstance(s, ReloadProblemScene)]:
            self.app.pop(scene)


def _shown(value: Value | None) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
