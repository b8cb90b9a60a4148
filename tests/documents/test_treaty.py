"""The treaty model: its words for every value, and each article's status in states reached
by really playing the shipped story."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from game.documents.treaty import (
    TREATY_FILE,
    ArticleStatus,
    TreatyDataError,
    TreatyStatus,
    load_treaty_text,
    parse_treaty_text,
    settling,
    story_has_treaty,
    treaty_of,
)
from game.engine.jump import set_variable, start_at
from game.engine.trace import run_trace
from game.story import Story, load_story
from tests.conftest import SAMPLE
from tests.documents.conftest import OPENING, PLANS, load_plan, walk

ARTICLE_VARIABLES = ["art_line", "art_manchuria", "art_maritime", "art_standstill",
                     "art_commission", "art_prisoners", "art_fleet", "art_economic",
                     "art_secrecy"]
MID_TALKS = [*OPENING, "ask_zone", "accept_occupation", "halt", "truth", "as_drafted", "sleep",
             "strike"]
"""To Article 7: the line amended (the Naktong), three articles agreed, the commission
struck, the rest still on the table."""


def statuses(story: Story, choices: list[str]) -> dict[str, str]:
    treaty = treaty_of(story, walk(story, choices))
    return {a.key: a.status.value for a in treaty.articles}


# -- the words ----------------------------------------------------------------------------


def test_every_value_of_every_article_variable_has_words_in_both_languages(
        shipped: Story) -> None:
    """Fails when an author adds a value to story.yaml without its treaty text."""
    text = load_treaty_text()
    by_variable = {a.variable: a for a in text.articles if a.variable}
    assert set(ARTICLE_VARIABLES) <= set(by_variable)
    for name in ARTICLE_VARIABLES:
        var = shipped.variables[name]
        assert var.values is not None
        article = by_variable[name]
        for value in var.values:
            words = article.text(value)
            assert words is not None, f"{name}: no treaty text for the value '{value}'"
            langs = dict(words.by_lang)
            for lang in ("en", "ja"):
                assert langs.get(lang, "").strip(), f"{name}={value}: no {lang} text"
        for fill in article.fills:
            filler = shipped.variables[fill.variable]
            assert filler.values is not None
            for value in filler.values:
                assert value in dict(fill.values), f"{name}: no fill for {fill.variable}={value}"
        assert article.draft == var.default, f"{name}: the data file's draft is not the default"


def test_every_outcome_has_its_words(shipped: Story) -> None:
    text = load_treaty_text()
    outcome = shipped.variables["outcome"]
    assert outcome.values is not None
    for value in outcome.values:
        treaty = treaty_of(shipped, set_variable(shipped, start_at(shipped), "outcome", value))
        for lang in ("en", "ja"):
            assert treaty.docket(lang) and treaty.date(lang) and treaty.title(lang)
    assert {"open", "amended", "struck", "in_lieu", "not_signed", "secret",
            "initials"} <= set(text.marks)


def test_the_japanese_is_in_the_treaty_style(shipped: Story) -> None:
    treaty = treaty_of(shipped, start_at(shipped))
    headings = [a.heading("ja") for a in treaty.articles]
    assert headings == ["第一条", "第二条", "第三条", "第四条", "第五条", "第六条", "第七条",
                        "第八条", "第九条", "最終条項"]
    assert "昭和十七年" in treaty_of(shipped, set_variable(
        shipped, start_at(shipped), "outcome", "signed")).date("ja")


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("path", PLANS, ids=[p.stem for p in PLANS])
def test_the_document_says_what_the_epilogue_prints(shipped: Story, path: Path,
                                                    lang: str) -> None:
    """Every ending prints the treaty as written (story/epilogue.yaml); the document has the
    same words, article by article."""
    plan = load_plan(path)
    result = run_trace(shipped, plan["choose"], lang=lang, seed=plan.get("seed", 0))
    assert result.error is None
    printed = re.sub(r"\s+", " ", result.steps[-1]["text"])
    state = walk(shipped, plan["choose"], plan.get("seed", 0))
    treaty = treaty_of(shipped, state)
    sep = "　" if lang == "ja" else " "
    for a in treaty.articles:
        typed = re.sub(r"\s+", " ", f"{a.heading(lang)}{sep}{a.text(lang)}")
        assert typed in printed, (a.key, a.value)


# -- what is open, and what the player did to it -------------------------------------------


def test_the_settling_decisions_come_from_the_story(shipped: Story) -> None:
    line = settling(shipped, "art_line").choices
    assert {("ch3a_line", "accept_busan"), ("ch3a_line", "ask_zone"),
            ("ch3a_line_again", "cite_tokyo")} <= line
    assert ("ch3a_line", "refer") not in line  # refers it to Tokyo: decided later
    assert ("ch3a_maritime", "consult") not in settling(shipped, "art_maritime").choices
    assert ("ch3b_commission", "wait_swedes") not in settling(shipped, "art_commission").choices
    assert ("ch3b_fleet", "wait_navy") not in settling(shipped, "art_fleet").choices
    assert ("ch3a_manchuria", "accept_occupation") in settling(shipped, "art_manchuria").choices


def test_before_the_talks_every_article_is_open_and_the_document_a_draft(
        shipped: Story) -> None:
    treaty = treaty_of(shipped, walk(shipped, OPENING))
    assert treaty.status is TreatyStatus.DRAFT
    assert all(a.status is ArticleStatus.OPEN for a in treaty.articles)
    assert not treaty.secret
    line = treaty.article("line")
    assert line.text == line.draft_text  # open: the Soviet draft, to be agreed


def test_accepting_the_draft_agrees_and_agrees_article_1(shipped: Story) -> None:
    got = statuses(shipped, [*OPENING, "accept_busan"])
    assert got["line"] == "agreed" and got["ceasefire"] == "agreed"
    assert got["manchuria"] == "open"


def test_referring_to_tokyo_leaves_the_line_open_until_it_is_decided(shipped: Story) -> None:
    assert statuses(shipped, [*OPENING, "refer"])["line"] == "open"
    assert statuses(shipped, [*OPENING, "refer"])["ceasefire"] == "open"
    assert statuses(shipped, [*OPENING, "refer", "accept_busan"])["line"] == "agreed"


def test_mid_talks_some_open_some_amended_one_struck(shipped: Story) -> None:
    got = statuses(shipped, MID_TALKS)
    assert got == {"ceasefire": "agreed", "line": "amended", "manchuria": "agreed",
                   "maritime": "agreed", "standstill": "agreed", "commission": "struck",
                   "prisoners": "open", "fleet": "open", "economic": "open",
                   "secrecy": "open"}
    treaty = treaty_of(shipped, walk(shipped, MID_TALKS))
    line, commission = treaty.article("line"), treaty.article("commission")
    assert line.value == "zone" and "Naktong" in line.text("en")
    assert commission.draft_text != commission.text  # the draft is ruled through
    assert "liaison officers" in commission.text("en")
    # Article 3 names the cities north of the line Article 2 drew
    assert "Daegu" not in treaty.article("manchuria").text("en")
    assert "大邱" not in treaty.article("manchuria").text("ja")


def test_a_value_set_by_hand_counts_as_settled(shipped: Story) -> None:
    state = start_at(shipped, "ch3b_start", {"art_fleet": "mutual"})
    treaty = treaty_of(shipped, state)
    assert treaty.article("fleet").status is ArticleStatus.AMENDED
    assert treaty.article("economic").status is ArticleStatus.OPEN


@pytest.mark.parametrize("path", PLANS, ids=[p.stem for p in PLANS])
def test_at_every_ending_nothing_is_open_and_the_document_is_what_happened(
        shipped: Story, path: Path) -> None:
    plan = load_plan(path)
    treaty = treaty_of(shipped, walk(shipped, plan["choose"], plan.get("seed", 0)))
    assert all(a.status is not ArticleStatus.OPEN for a in treaty.articles)
    expected = {"signed": TreatyStatus.SIGNED, "signed_by_other": TreatyStatus.SIGNED_BY_OTHER,
                "frozen": TreatyStatus.NOT_SIGNED, "collapsed": TreatyStatus.NOT_SIGNED}
    assert treaty.status is expected[treaty.outcome]
    names = [s.key for s in treaty.signatories]
    if treaty.status is TreatyStatus.SIGNED:
        assert names[:2] == ["okabe", "asakura"] and all(s.signed for s in treaty.signatories)
    elif treaty.status is TreatyStatus.SIGNED_BY_OTHER:
        assert "asakura" not in names and all(s.signed for s in treaty.signatories)
        # Okabe signed the February text: every article as the Soviets drafted it
        assert all(a.status is ArticleStatus.AGREED for a in treaty.articles)
    else:
        assert not any(s.signed for s in treaty.signatories)


def test_collapse_plan_strikes_the_fleet_and_amends_the_prisoners(shipped: Story) -> None:
    plan = load_plan(next(p for p in PLANS if p.stem == "collapse"))
    got = statuses(shipped, plan["choose"])
    assert got["fleet"] == "struck" and got["prisoners"] == "amended"
    assert got["line"] == "agreed"


# -- stories without the treaty, and a broken data file -------------------------------------


def test_a_story_without_the_treaty_gets_the_draft_all_open_and_no_error() -> None:
    sample = load_story(SAMPLE).story
    assert sample is not None
    assert not story_has_treaty(sample)
    treaty = treaty_of(sample, start_at(sample))
    assert not treaty.known
    assert treaty.status is TreatyStatus.DRAFT
    assert all(a.status is ArticleStatus.OPEN for a in treaty.articles)
    assert treaty.article("line").text("en").startswith("The line of demarcation")


def test_a_value_without_words_is_named_not_fatal(shipped: Story) -> None:
    data = yaml.safe_load(TREATY_FILE.read_text(encoding="utf-8"))
    del data["articles"][7]["values"]["mutual"]  # the fleet's
    text = parse_treaty_text(data)
    state = start_at(shipped, "ch3b_start", {"art_fleet": "mutual"})
    assert treaty_of(shipped, state, text).article("fleet").text("en") == "[mutual]"


@pytest.mark.parametrize("broken", [
    lambda d: d.pop("articles"),
    lambda d: d["articles"][1].pop("values"),
    lambda d: d["signing"].update(signed=["nobody"]),
    lambda d: d.update(title=3),
])
def test_a_broken_data_file_says_what_is_wrong(broken: object) -> None:
    data = yaml.safe_load(TREATY_FILE.read_text(encoding="utf-8"))
    broken(data)  # type: ignore[operator]
    with pytest.raises(TreatyDataError):
        parse_treaty_text(data)
