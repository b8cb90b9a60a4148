"""The flowchart: what a player sees of the scenes and choices so far, and going back."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import pygame

from game.engine import Decision, replay, rollback
from game.engine.flow_layout import pages
from game.engine.flow_links import LinkKind
from game.persist.progress import Route
from game.story import Story, load_story
from game.ui.app import App
from game.ui.scenes.confirm import ConfirmScene
from game.ui.scenes.flowchart import LABEL_W, VIEW, FlowchartScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.title import TitleScene
from tests.conftest import ROOT

from .helpers import (
    DT,
    choose,
    click,
    click_at,
    drawn_texts,
    key,
    motion,
    press,
    select,
    start_new_game,
    top,
    wait,
    wheel,
)

CHOICE_TEXTS = ["Read the cable traffic first", "Send a courier to Tokyo for instructions",
                "Agree to meet the Soviet envoy", "Refuse the contact",
                "Insist that Busan stays Japanese", "Listen and promise nothing"]


def open_flowchart(app: App) -> FlowchartScene:
    press(app, pygame.K_ESCAPE)
    select(app, "flowchart")
    return top(app, FlowchartScene)


def to_ending(app: App) -> PlayScene:
    """A first game: read the cables, meet Kollontai, listen: the channel opens."""
    start_new_game(app)
    choose(app, "read_cables")
    choose(app, "meet")
    play = choose(app, "listen")
    assert play.session.state.node == "channel_open"
    return play


def box_label(chart: FlowchartScene, node: str) -> str:
    return chart.labels[node][0]


def test_the_chart_shows_the_scenes_seen_each_where_it_always_is(app: App,
                                                                 story: Story) -> None:
    start_new_game(app)
    chart = open_flowchart(app)
    assert chart.shown == ["arrival"]
    first = chart.screen_rect("arrival")
    texts = drawn_texts(app)
    assert box_label(chart, "arrival") in texts
    assert "Prologue. A Winter Posting" in texts  # the chapter's tab
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, PlayScene)

    choose(app, "read_cables")
    choose(app, "meet")
    chart = open_flowchart(app)
    assert chart.shown == ["arrival", "briefing", "cables", "kollontai"]
    assert chart.here == "kollontai"
    # the layout comes from the whole chapter: seeing more moves nothing
    assert chart.page == pages(story)[0]
    assert chart.screen_rect("arrival") == first  # the sample's chart fits: no scrolling
    texts = drawn_texts(app)
    for node in chart.shown:
        assert box_label(chart, node) in texts
    unseen = {"courier", "courier_answer", "refusal", "channel_open"}
    assert unseen.isdisjoint(chart.labels)  # not even made ready to draw
    assert not any(t.startswith(("The courier", "You send the banker", "Trust ")) for t in texts)


def test_a_choice_never_taken_is_a_stub_that_tells_nothing(app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    choose(app, "meet")
    chart = open_flowchart(app)
    untaken = [lk for lk in chart.links if lk.kind is LinkKind.UNTAKEN]
    assert {(lk.source, lk.choice) for lk in untaken} == {
        ("briefing", "send_courier"), ("briefing", "refuse"),
        ("kollontai", "busan_first"), ("kollontai", "listen")}
    assert all(lk.target is None for lk in untaken)  # where it leads is not even known
    taken = {(lk.source, lk.target) for lk in chart.links if lk.kind is LinkKind.TAKEN}
    assert taken == {("briefing", "cables"), ("briefing", "kollontai")}
    texts = drawn_texts(app)
    assert texts.count("?") == len(untaken) + 1  # and one in the legend
    for words in CHOICE_TEXTS:
        assert not any(words in t for t in texts), words


def test_going_back_to_a_decision_of_this_game_restores_it_as_it_was(
        app: App, story: Story) -> None:
    play = to_ending(app)
    before = play.session.state
    chart = open_flowchart(app)
    assert chart.choosable == ["briefing", "kollontai"]
    assert chart.focus is None  # the ending is not a decision
    app.step([click(chart.screen_rect("kollontai").center)], DT)
    confirm = top(app, ConfirmScene)
    assert confirm.message_key == "confirm_branch"
    press(app, pygame.K_y)
    play = top(app, PlayScene)
    assert app.stack == [play]
    assert play.session is app.session
    assert play.session.state == rollback(story, before, 2)
    assert play.session.state.node == "kollontai"
    assert play.session.state.vars["soviet_trust"] == 1
    wait(app, 5)
    assert play.choices is not None  # the decision is offered again
    choose(app, "busan_first")
    assert app.session.state.vars["busan_clause"] == "agreed"


def test_the_keyboard_walks_the_decisions_and_no_keeps_the_game(app: App,
                                                               story: Story) -> None:
    play = to_ending(app)
    before = play.session.state
    chart = open_flowchart(app)
    press(app, pygame.K_TAB)
    assert chart.focus == "briefing"
    press(app, pygame.K_TAB)
    assert chart.focus == "kollontai"
    press(app, pygame.K_UP)
    assert chart.focus == "briefing"
    press(app, pygame.K_RETURN)
    press(app, pygame.K_n)  # not after all
    assert app.top is chart
    assert app.session is not None and app.session.state == before
    press(app, pygame.K_RETURN, pygame.K_y)
    # the last time this game stood at the briefing: the cables read, the meeting possible
    state = top(app, PlayScene).session.state
    assert state == rollback(story, before, 1)
    assert state.vars["read_cables"] is True
    assert state.log == (Decision("briefing", "read_cables"),)


def test_a_decision_seen_only_in_an_earlier_game_is_reached_by_its_route(
        app: App, story: Story) -> None:
    to_ending(app)
    press(app, pygame.K_RETURN, pygame.K_RETURN)  # read, then Return to title
    top(app, TitleScene)
    press(app, pygame.K_RETURN, pygame.K_y)  # New game, yes
    press(app, pygame.K_SPACE)  # past the chapter card
    assert app.session is not None and app.session.state.node == "arrival"
    chart = open_flowchart(app)
    assert "kollontai" in chart.shown and "kollontai" not in chart.visited
    assert chart.choosable == ["briefing", "kollontai"]
    click_at(app, chart.screen_rect("kollontai").center)
    press(app, pygame.K_y)
    state = top(app, PlayScene).session.state
    route = app.saves.story_progress().routes["kollontai"]
    assert state == replay(story, route.seed, route.log)
    assert state.node == "kollontai"
    assert state.log == (Decision("briefing", "read_cables"), Decision("briefing", "meet"))
    assert state.vars["read_cables"] is True


def test_a_route_the_story_no_longer_allows_is_refused_with_a_message(app: App) -> None:
    to_ending(app)
    press(app, pygame.K_RETURN, pygame.K_RETURN)
    press(app, pygame.K_RETURN, pygame.K_y, pygame.K_SPACE)  # a new game
    saves = app.saves
    p = saves.story_progress()
    broken = MappingProxyType({**p.routes, "kollontai": Route(7, (Decision("briefing",
                                                                            "vanished"),))})
    assert app.story is not None
    saves.progress = saves.progress.with_story(app.story.id, replace(p, routes=broken))
    chart = open_flowchart(app)
    click_at(app, chart.screen_rect("kollontai").center)
    press(app, pygame.K_y)
    assert app.top is chart
    assert app.toast == app.t("cannot_branch")
    assert app.session is not None and app.session.state.node == "arrival"


def test_choosing_the_scene_you_stand_at_just_closes_the_chart(app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    play = choose(app, "meet")
    chart = open_flowchart(app)
    assert chart.focus == "kollontai"  # where the player stands
    press(app, pygame.K_RETURN)
    assert app.stack == [play]
    assert play.session.state.node == "kollontai"


def test_hovering_a_box_tells_its_scene_in_full(app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    chart = open_flowchart(app)
    app.step([motion(chart.screen_rect("cables").center)], DT)
    assert chart.hover == "cables"
    texts = drawn_texts(app)
    assert any(t.startswith("Japanese Legation, Stockholm — The intercepts are thin")
               for t in texts)
    app.step([motion(chart.screen_rect("briefing").center)], DT)
    assert chart.focus == "briefing"  # a decision under the pointer takes the focus


def test_the_chart_draws_in_japanese(app: App) -> None:
    start_new_game(app)
    choose(app, "read_cables")
    chart = open_flowchart(app)
    app.apply_settings(app.settings.with_(language="ja"))
    texts = drawn_texts(app)
    assert {"フローチャート", "序章　冬の赴任", "選んだ選択肢", "未選択"} <= set(texts)
    label = box_label(chart, "arrival")
    assert label.startswith("一九四二年一月") and label.endswith("…")
    assert label in texts
    for node in chart.shown:
        for line, px in zip(chart.labels[node], (15, 14), strict=True):
            assert app.fonts.measure(px)(line) <= LABEL_W, line
    assert chart.labels["arrival"][1].startswith("1942年1月9日")
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, PlayScene)


def test_chapters_are_pages_and_a_tall_page_scrolls(tmp_path: object) -> None:
    shipped = load_story(ROOT / "story").story
    assert shipped is not None
    app = App(shipped, seed=0, settings_dir=tmp_path)  # type: ignore[arg-type]
    try:
        app.replace(TitleScene(app))
        chart = FlowchartScene(app)
        app.push(chart)
        app.step([], DT)
        assert [p.chapter for p in chart.pages] == list(shipped.chapters)
        assert chart.index == 0 and chart.shown == []
        assert chart.tab_titles == ["? ? ?"] * len(chart.pages)  # nothing seen: no names
        assert app.t("flow_nothing") in drawn_texts(app)
        app.step([key(pygame.K_RIGHT)], DT)
        assert chart.index == 1
        app.step([key(pygame.K_3)], DT)
        assert chart.index == 2
        app.step([key(pygame.K_PAGEUP), key(pygame.K_LEFT), key(pygame.K_LEFT)], DT)
        assert chart.index == len(chart.pages) - 1  # round to the last
        app.step([click(chart.tab_rects()[2].center)], DT)
        assert chart.index == 2
        assert chart.max_offset()[0] == 0  # every chapter is as wide as the screen at most
        assert all(p.width <= VIEW.width for p in chart.pages)
        app.step([wheel(-3)], DT)
        assert chart.offset[1] == 180
        app.step([wheel(10)], DT)
        assert chart.offset[1] == 0
        app.step([click(VIEW.center)], DT)  # a drag on the paper moves the chart
        drag = pygame.event.Event(pygame.MOUSEMOTION, pos=(VIEW.centerx, VIEW.centery - 200),
                                  rel=(0, -200), buttons=(1, 0, 0), touch=False)
        app.step([drag], DT)
        assert chart.offset[1] == 200
        app.step([key(pygame.K_END)], DT)
        assert chart.offset[1] == chart.max_offset()[1] > 0
    finally:
        pygame.display.quit()
