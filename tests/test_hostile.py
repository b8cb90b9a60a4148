"""The hostile corpus (tests/hostile/): every story and save written to attack the game is
refused with a clear message, through the loader and the real commands: no traceback,
nothing run (no MARKER file appears), the file left byte for byte as it was."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from game.persist.save_folder import SaveFolder, Status, read_save_file
from game.story import load_story
from tests.conftest import ROOT

HOSTILE = ROOT / "tests" / "hostile"
STORIES = sorted(p for p in (HOSTILE / "stories").iterdir() if p.is_dir())
SAVES = sorted((HOSTILE / "saves").glob("*.json"))
SAVE_EXPECT: dict[str, str] = yaml.safe_load((HOSTILE / "saves" / "expect.yaml").read_text(
    encoding="utf-8"))


def command(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_the_corpus_is_complete() -> None:
    assert len(STORIES) >= 12 and len(SAVES) >= 20
    assert set(SAVE_EXPECT) == {p.stem for p in SAVES}, "saves/expect.yaml must list every file"


@pytest.mark.parametrize("case", STORIES, ids=lambda p: p.name)
def test_hostile_story_is_refused_with_its_diagnostic(case: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    expect = yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))
    before = {p: p.read_bytes() for p in (case / "story").iterdir()}
    monkeypatch.chdir(tmp_path)  # a payload's "touch MARKER" would land here
    result = load_story(case / "story")
    assert result.story is None, "a hostile story must not load"
    found = [d for d in result.diagnostics if d.code == expect["code"]]
    assert found, f"expected {expect['code']}, got {[str(d) for d in result.diagnostics]}"
    assert any(expect["message_contains"] in d.message for d in found), [d.message for d in found]
    assert all(d.line >= 1 and d.col >= 1 and Path(d.file).is_file() for d in found)
    assert not (tmp_path / "MARKER").exists()
    assert {p: p.read_bytes() for p in (case / "story").iterdir()} == before


@pytest.mark.parametrize("case", [s for s in STORIES if s.name in {
    "python_object_apply", "billion_laughs", "deep_nesting", "image_parent_traversal"}],
    ids=lambda p: p.name)
def test_check_command_reports_a_hostile_story(case: Path, tmp_path: Path) -> None:
    expect = yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))
    done = command(tmp_path, "check", str(case / "story"))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert f"[{expect['code']}]" in done.stdout + done.stderr
    assert not (tmp_path / "MARKER").exists()


@pytest.mark.parametrize("save", SAVES, ids=lambda p: p.stem)
def test_hostile_save_is_reported_damaged_and_kept(save: Path, tmp_path: Path) -> None:
    copy = tmp_path / save.name
    shutil.copyfile(save, copy)
    slot = read_save_file(copy)
    assert slot.status is Status.DAMAGED
    assert slot.damage is not None and SAVE_EXPECT[save.stem] in slot.damage, slot.damage
    assert len(slot.damage) < 200, "a reason is a sentence, not a dump of the file"
    assert slot.thumbnail is None
    assert copy.read_bytes() == save.read_bytes()


def test_a_folder_of_hostile_saves_lists_them_all_and_deletes_nothing(tmp_path: Path) -> None:
    for save in SAVES:
        shutil.copyfile(save, tmp_path / save.name)
    slots = {s.name: s for s in SaveFolder(tmp_path).all()}
    for save in SAVES:
        assert slots[save.stem].status is Status.DAMAGED, save.stem
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in SAVES)
    done = command(tmp_path, "saves", "list", "--saves", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in SAVES)


@pytest.mark.parametrize("name", ["pickle_payload", "yaml_python_tag", "deep_nesting",
                                  "node_id_traversal", "thumbnail_traversal"])
def test_replay_refuses_a_hostile_save(name: str, tmp_path: Path) -> None:
    save = HOSTILE / "saves" / f"{name}.json"
    done = command(tmp_path, "replay", str(save))
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    assert SAVE_EXPECT[name] in done.stderr + done.stdout
    assert not (tmp_path / "MARKER").exists()
