"""The soak in CI, shortened: random playthroughs of the shipped story with a save/load
round trip at every decision (bench/soak.py; the full 10,000 runs are a benchmark, in
docs/performance.md). And proof that the soak can fail: a save format that loses a
variable, or a replay that goes elsewhere, is caught."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from game.persist import save_format
from game.story import Story
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import soak  # noqa: E402

RUNS = 120


def test_random_playthroughs_survive_a_save_and_load_at_every_decision(shipped: Story) -> None:
    result = soak.soak(shipped, RUNS, seed=20261122)
    assert result.failures == []
    assert result.runs == RUNS and result.round_trips == result.decisions > 20 * RUNS
    assert sum(result.endings.values()) == RUNS
    assert len(result.endings) >= 4, f"the random walk reached only {dict(result.endings)}"


def test_the_soak_catches_a_save_that_loses_a_variable(
        shipped: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    real = save_format.to_document

    def forgetful(save: save_format.SaveGame) -> dict[str, object]:
        doc = real(save)
        doc["state"]["vars"]["soviet_trust"] = 0  # type: ignore[index]
        doc["checksum"] = save_format.checksum(doc)
        return doc

    monkeypatch.setattr(save_format, "to_document", forgetful)
    result = soak.soak(shipped, 3, seed=1)
    assert len(result.failures) == 3
    assert all("restored a different state" in f or "do not lead" in f
               for f in result.failures), result.failures


def test_the_soak_report_names_the_seed_of_a_failure(
        shipped: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(soak, "replay", lambda *a: (_ for _ in ()).throw(RuntimeError("boom")))
    result = soak.soak(shipped, 2, seed=5)
    text = soak.report(result)
    assert "FAIL run 0 (game seed 0, choice seed 5): RuntimeError: boom" in text
    assert "| failures | 2 |" in text


def test_the_soak_script_runs_in_parallel(tmp_path: Path) -> None:
    import subprocess

    done = subprocess.run([sys.executable, str(ROOT / "bench" / "soak.py"), "--runs", "6",
                           "--jobs", "2"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "| playthroughs | 6 |" in done.stdout and "| failures | 0 |" in done.stdout
