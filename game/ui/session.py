"""The game being played: the story, the current state, and the few things the screens ask.

A thin mutable holder around the pure engine: it swaps immutable states, so the
scenes share one current playthrough without any of them owning it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from ..engine import PlayState, Status, advance, back, choose, offered, start, status
from ..engine.jump import Edit, rollback_edited
from ..engine.play import Offer
from ..engine.render import disabled_text, node_text, render_text
from ..story.expr.ast import Value
from ..story.model import Node, Story, Variable


@dataclass(frozen=True)
class DossierItem:
    label: str
    value: Value
    variable: Variable


class Session:
    def __init__(self, story: Story, seed: int | None = None) -> None:
        self.story = story
        self.state: PlayState = start(story, seed if seed is not None else secrets.randbits(32))
        self.playtime = 0.0  # seconds on the play screen, kept in saves
        self.replaying = False  # watching a saved game: no autosaves, no progress
        # changed by hand (debug overlay, --start/--set): not reproducible from its log,
        # so no saves and no progress; `edits` lets Back return past the changes
        self.debug = False
        self.edits: tuple[Edit, ...] = ()

    @classmethod
    def resume(cls, story: Story, state: PlayState, playtime: float = 0.0) -> Session:
        """A game going on from `state` (a loaded save, or a branch from the flowchart)."""
        session = cls(story, state.seed)
        session.state = state
        session.playtime = playtime
        return session

    @property
    def node(self) -> Node:
        return self.story.nodes[self.state.node]

    @property
    def status(self) -> Status:
        return status(self.story, self.state)

    def offers(self) -> list[Offer]:
        return offered(self.story, self.state)

    def choose(self, choice_id: str) -> None:
        self.state = choose(self.story, self.state, choice_id)

    def advance(self) -> None:
        self.state = advance(self.story, self.state)

    def back(self) -> bool:
        """Undo the last decision; False when there is none."""
        if not self.state.log:
            return False
        if self.edits:
            self.rollback_to(len(self.state.log) - 1)
            return True
        self.state = back(self.story, self.state)
        return True

    def rollback_to(self, decisions: int) -> None:
        """The state just before decision number `decisions`, hand edits respected."""
        self.state, self.edits = rollback_edited(self.story, self.state, self.edits, decisions)

    def edit(self, state: PlayState) -> None:
        """Take a state changed by hand: from now on this is a debug session."""
        self.state = state
        self.debug = True
        self.edits = (*self.edits, Edit(len(state.log), state))

    def text(self, lang: str) -> str:
        return node_text(self.story, self.state, lang)

    def choice_label(self, offer: Offer, lang: str) -> str:
        return render_text(self.story, offer.choice.text, self.state, lang)

    def disabled_label(self, offer: Offer, lang: str) -> str | None:
        return disabled_text(self.story, offer.choice, self.state, lang)

    def header(self, lang: str) -> list[str]:
        node, story, s = self.node, self.story, self.state
        parts = []
        if node.chapter and node.chapter in story.chapters:
            parts.append(render_text(story, story.chapters[node.chapter].title, s, lang))
        if node.place and node.place in story.places:
            parts.append(render_text(story, story.places[node.place].name, s, lang))
        if node.date:
            parts.append(format_date(node.date, lang))
        return parts

    def speaker(self, lang: str) -> tuple[str, str | None] | None:
        node = self.node
        if not node.speaker or node.speaker not in self.story.characters:
            return None
        c = self.story.characters[node.speaker]
        return render_text(self.story, c.name, self.state, lang), c.color

    def dossier(self, lang: str) -> list[DossierItem]:
        out = []
        for var in self.story.variables.values():
            if var.show:
                label = (render_text(self.story, var.label, self.state, lang) if var.label
                         else var.name)
                out.append(DossierItem(label, self.state.vars[var.name], var))
        return out


_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]


def format_date(iso: str, lang: str) -> str:
    """'1942-02-03' as '3 February 1942' or '昭和十七年二月三日' (period style for Japanese)."""
    y, m, d = (int(p) for p in iso.split("-"))
    if lang == "ja":
        return f"{y}年{m}月{d}日"
    return f"{d} {_MONTHS_EN[m - 1]} {y}"
