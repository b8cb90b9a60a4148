"""Mashing keys and the mouse through chapter cards, menus and transitions: no exception,
and the stack and the session always make sense."""

from __future__ import annotations

import random

import pygame
import pytest

from game.story import Story
from game.ui.app import App
from game.ui.scenes.chapter_card import ChapterCard
from game.ui.scenes.play import PlayScene
from game.ui.scenes.title import TitleScene

from .helpers import click, key, motion, wheel

KEYS = [pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_TAB,
        pygame.K_BACKSPACE, pygame.K_h, pygame.K_y, pygame.K_n, pygame.K_UP, pygame.K_DOWN,
        pygame.K_LEFT, pygame.K_RIGHT, pygame.K_HOME, pygame.K_END, pygame.K_PAGEUP,
        pygame.K_PAGEDOWN, pygame.K_F11, pygame.K_a, pygame.K_q, pygame.K_F1,
        *range(pygame.K_0, pygame.K_9 + 1), pygame.K_KP1, pygame.K_KP5]
OTHER = [pygame.WINDOWFOCUSLOST, pygame.WINDOWFOCUSGAINED, pygame.WINDOWEXPOSED]


def random_event(rng: random.Random) -> pygame.event.Event:
    roll = rng.random()
    pos = (rng.randrange(-20, 1300), rng.randrange(-20, 740))
    if roll < 0.55:
        mod = pygame.KMOD_LALT if rng.random() < 0.03 else 0
        return key(rng.choice(KEYS), mod=mod)
    if roll < 0.80:
        return click(pos, rng.choice([1, 1, 1, 1, 2, 3, 4, 5]))
    if roll < 0.90:
        return motion(pos)
    if roll < 0.97:
        return wheel(rng.choice([-2, -1, 1, 2]))
    return pygame.event.Event(rng.choice(OTHER))


def check_consistent(app: App, story: Story) -> None:
    stack = app.stack
    assert stack, "the stack is empty"
    assert isinstance(stack[0], TitleScene | PlayScene)
    assert sum(isinstance(s, TitleScene | PlayScene) for s in stack) == 1
    for i, scene in enumerate(stack):
        if isinstance(scene, ChapterCard):
            assert i == len(stack) - 1 and isinstance(stack[0], PlayScene)
    session = app.session
    if session is None:
        assert isinstance(stack[0], TitleScene)
        return
    state = session.state
    assert state.node in story.nodes
    assert set(state.vars) == set(story.variables)
    for name, var in story.variables.items():
        value = state.vars[name]
        if var.type == "int":
            assert isinstance(value, int) and not isinstance(value, bool)
            assert var.min is None or value >= var.min
            assert var.max is None or value <= var.max
        elif var.type == "bool":
            assert isinstance(value, bool)
        elif var.values is not None:
            assert value in var.values
    for d in state.log:
        assert d.node in story.nodes
    play = stack[0]
    if isinstance(play, PlayScene):
        assert play.session is session
        assert play.status is session.status
        assert 0 <= play.page < play.pages
        offers = session.offers()
        if play.choices is not None:
            assert [b.enabled for b in play.choices.buttons] == [o.enabled for o in offers]
            assert play.text_done
        if play.ending_buttons is not None:
            assert session.node.ending is not None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mashing_500_inputs_keeps_the_app_consistent(app: App, story: Story, seed: int) -> None:
    rng = random.Random(seed)
    seen: set[str] = set()
    for i in range(500):
        if i % 100 == 0 and isinstance(app.top, TitleScene):
            app.step([key(pygame.K_RETURN)], 0.0)  # into a new game (or its confirmation)
        burst = [random_event(rng) for _ in range(rng.choice([1, 1, 1, 2, 5]))]
        app.step(burst, rng.choice([0.0, 0.016, 0.05, 0.3]))
        if not app.running:  # Esc on the title, or Quit confirmed: carry on mashing
            app.running = True
        check_consistent(app, story)
        seen |= {type(s).__name__ for s in app.stack}
    app.draw()
    assert {"PlayScene", "MenuScene"} <= seen  # the mashing went places


def test_mashing_during_the_chapter_card_and_transitions(app: App, story: Story) -> None:
    rng = random.Random(99)
    cards = 0
    for _ in range(25):
        app.replace(TitleScene(app))
        app.session = None
        app.step([key(pygame.K_RETURN)], 0.0)
        if isinstance(app.top, ChapterCard):
            cards += 1
        for _ in range(20):
            app.step([random_event(rng)], rng.choice([0.0, 0.01, 0.2]))
            app.running = True
            check_consistent(app, story)
    assert cards == 25
