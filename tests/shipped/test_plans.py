"""Story test plans (tests/plans/*.yaml): one path to each ending, played by `trace` in
both languages, asserting the ending, the state it leaves and the treaty as written.

A plan is data, like Yarn Spinner's test plans:

    ending: accord               # the ending this path must reach
    choose: [id, id, ...]        # the choices, as `trace --choose` takes them
    seed: 0                      # optional
    vars: {art_line: busan}      # the state at the ending, where it matters
    text:                        # substrings of the ending's text, per language
      en: ["Article 2. ..."]
      ja: ["第二条……"]
    absent:                      # substrings it must not contain (the other variants)
      en: [...]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from game.engine.trace import run_trace
from game.story import Story
from tests.conftest import ROOT

pytestmark = pytest.mark.runtime  # also run through a save/load round trip

PLANS = sorted((ROOT / "tests" / "plans").glob("*.yaml"))


def load_plan(path: Path) -> dict[str, Any]:
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(plan, dict) and {"ending", "choose"} <= set(plan), path
    return plan


def test_there_is_a_plan_for_every_ending(shipped: Story) -> None:
    planned = {load_plan(p)["ending"] for p in PLANS}
    assert planned == set(shipped.endings)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("path", PLANS, ids=[p.stem for p in PLANS])
def test_plan_reaches_its_ending_with_the_treaty_it_promises(
        shipped: Story, path: Path, lang: str) -> None:
    plan = load_plan(path)
    result = run_trace(shipped, plan["choose"], lang=lang, seed=plan.get("seed", 0))
    assert result.error is None, result.error
    assert result.ending == plan["ending"]
    final = result.steps[-1]
    for name, value in (plan.get("vars") or {}).items():
        assert final["vars"][name] == value, name
    for snippet in (plan.get("text") or {}).get(lang, []):
        assert snippet in final["text"], f"{snippet!r} not in the {lang} ending text"
    for snippet in (plan.get("absent") or {}).get(lang, []):
        assert snippet not in final["text"], f"{snippet!r} wrongly in the {lang} ending text"
