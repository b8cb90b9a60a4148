"""From a playthrough to a save and back: the only way a save becomes a game again.

Making a save replays the log once to record a fingerprint after every decision.
Restoring never trusts the saved state: it replays the decisions against the story as
it is now, and the saved state is only what the replay is compared with.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ..engine.render import node_text, render_text
from ..engine.reproduce import Divergence, Reproduction, reproduce, state_digest
from ..engine.state import PlayState
from ..story.model import Story
from .save_format import DamagedSave, Meta, SaveGame, StoryRef

_PY_TYPES: dict[str, type] = {"int": int, "bool": bool, "str": str}


@dataclass(frozen=True)
class Restored:
    save: SaveGame
    state: PlayState  # where play goes on: the saved state, or the last point that still works
    reproduction: Reproduction
    story_changed: bool  # the story files differ from those the save was made with

    @property
    def divergence(self) -> Divergence | None:
        return self.reproduction.divergence


EXCERPT_CHARS = 160


def describe(story: Story, state: PlayState, lang: str, playtime: float = 0.0,
             replay: bool = False) -> Meta:
    """What a save/load screen shows: chapter, place, date, the passage's opening words."""
    node = story.nodes[state.node]
    chapter = story.chapters.get(node.chapter or "")
    place = story.places.get(node.place or "")
    text = " ".join(node_text(story, state, lang).split())
    excerpt = text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS - 1].rstrip() + "…"
    return Meta(
        saved_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        playtime=round(max(0.0, playtime), 1), language=lang,
        chapter=node.chapter, place=node.place, date=node.date, excerpt=excerpt,
        chapter_title=render_text(story, chapter.title, state, lang) if chapter else "",
        place_name=render_text(story, place.name, state, lang) if place else "",
        ending=node.ending, replay=replay)


# The story hash a save records when its decisions do not lead to its state in the story
# as it is: the state was carried over a live reload (engine/rebase.py). Claiming the
# current hash would make loading it call it damaged; this way it loads as a save of an
# earlier version of the story, replayed with the difference explained.
OTHER_VERSION = "0" * 64


def make_save(story: Story, state: PlayState, meta: Meta | None = None) -> SaveGame:
    rep = reproduce(story, state.seed, state.log, state)
    digests = tuple(state_digest(s) for s in rep.after) if rep.reproduced else ()
    where = str(Path(story.root).resolve())  # a hint for `replay`, from any folder
    made_with = story.content_hash if rep.reproduced else OTHER_VERSION
    return SaveGame(StoryRef(story.id, made_with, where), state, digests, meta or Meta())


def restore(story: Story, save: SaveGame) -> Restored:
    """Replay the save against `story`; raises DamagedSave when it cannot be this story's."""
    if save.story.id != story.id:
        raise DamagedSave(f"a save of another story ('{save.story.id}', not '{story.id}')")
    same = save.story.hash == story.content_hash
    if same:
        check_names(story, save.state)
    rep = reproduce(story, save.seed, save.log, save.state, save.digests)
    if same and not rep.reproduced:
        raise DamagedSave("its decisions do not lead to the state it holds: the file was "
                          "edited or damaged")
    return Restored(save, rep.state, rep, not same)


def check_names(story: Story, state: PlayState) -> None:
    """Every id in the saved state exists in the story it claims, with the right type."""
    if state.node not in story.nodes:
        raise DamagedSave(f"it names the node '{state.node}', which the story does not have")
    if set(state.vars) != set(story.variables):
        extra = sorted(set(state.vars) - set(story.variables))
        missing = sorted(set(story.variables) - set(state.vars))
        raise DamagedSave("its variables do not match the story's"
                          + (f" (unknown: {', '.join(extra[:5])})" if extra else "")
                          + (f" (missing: {', '.join(missing[:5])})" if missing else ""))
    for name, value in state.vars.items():
        var = story.variables[name]
        if type(value) is not _PY_TYPES[var.type]:
            raise DamagedSave(f"variable '{name}' holds {value!r}, not a {var.type}")
    for node in state.visits:
        if node not in story.nodes:
            raise DamagedSave(f"it counts visits to '{node}', which the story does not have")
    for node, choice in state.once_taken:
        if node not in story.nodes or story.nodes[node].choice(choice) is None:
            raise DamagedSave(f"it names the choice '{node}/{choice}', which the story lacks")
