"""The saves folder as the save/load screen sees it, and the progress file beside it:
nothing the player did not ask to delete is ever lost, even when writing fails."""

from __future__ import annotations

import errno
import hashlib
import json
import os
from pathlib import Path

import pytest

from game.engine.state import Decision, PlayState
from game.engine.trace import run_trace
from game.persist.progress import (
    PROGRESS_FILE,
    Progress,
    StoryProgress,
    load_progress,
    save_progress,
)
from game.persist.save_folder import (
    AUTOSAVES_KEPT,
    MANUAL_SLOTS,
    SaveFolder,
    SlotKind,
    Status,
    manual_name,
)
from game.persist.save_format import SaveGame, encode
from game.persist.snapshot import describe, make_save
from game.story import Story

PNG = b"\x89PNG\r\n\x1a\n" + b"first picture"
PNG2 = b"\x89PNG\r\n\x1a\n" + b"second picture, longer"


def state_after(story: Story, choices: list[str]) -> PlayState:
    state = run_trace(story, choices, seed=5).state
    assert state is not None
    return state


def save_after(story: Story, choices: list[str]) -> SaveGame:
    state = state_after(story, choices)
    return make_save(story, state, describe(story, state, "en"))


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# -- listing ---------------------------------------------------------------------------------


def test_thirty_manual_slots_are_listed_empty_or_not(sample: Story, tmp_path: Path) -> None:
    folder = SaveFolder(tmp_path / "not-yet-made")
    slots = folder.manual()
    assert [s.name for s in slots] == [f"slot-{i:02d}" for i in range(1, MANUAL_SLOTS + 1)]
    assert MANUAL_SLOTS == 30 and all(s.status is Status.EMPTY for s in slots)
    assert folder.quick().status is Status.EMPTY and folder.autosaves() == []
    assert folder.others() == []

    save = save_after(sample, ["read_cables"])
    folder.write(manual_name(3), save, PNG)
    folder.write(manual_name(30), save)
    folder.write("quick", save)
    slots = folder.manual()
    assert [s.status for s in slots] == [Status.OK if i in (3, 30) else Status.EMPTY
                                         for i in range(1, 31)]
    assert all(s.kind is SlotKind.MANUAL for s in slots)
    third = slots[2]
    assert third.save is not None and third.save.state == save.state
    assert third.thumbnail is not None and third.thumbnail.read_bytes() == PNG
    assert slots[29].thumbnail is None
    assert folder.quick().status is Status.OK and folder.quick().kind is SlotKind.QUICK
    names = [s.name for s in folder.all()]
    assert names[0] == "quick" and len(names) == 1 + MANUAL_SLOTS


def test_a_shared_save_is_listed_and_the_games_other_files_are_not(
        sample: Story, tmp_path: Path) -> None:
    folder = SaveFolder(tmp_path)
    save = save_after(sample, ["read_cables", "meet"])
    (tmp_path / "from-anna.json").write_bytes(encode(save))
    (tmp_path / "slot-31.json").write_bytes(encode(save))  # beyond the manual slots
    (tmp_path / "settings.json").write_text('{"volume": 0.5}', encoding="utf-8")
    (tmp_path / "progress.damaged-20240101-120000.json").write_bytes(b"{broken")
    save_progress(tmp_path, Progress())
    (tmp_path / ".slot-01.json.abc123.tmp").write_bytes(encode(save)[:50])
    (tmp_path / ".hidden.json").write_bytes(encode(save))
    (tmp_path / "notes.txt").write_text("not a save", encoding="utf-8")

    others = {s.name: s for s in folder.others()}
    assert set(others) == {"from-anna", "slot-31"}
    assert others["from-anna"].kind is SlotKind.FILE and others["from-anna"].status is Status.OK
    assert others["from-anna"].save is not None
    assert others["from-anna"].save.state == save.state
    listed = {s.name for s in folder.all()}
    assert not listed & {"settings", "progress", "progress.damaged-20240101-120000", ".hidden",
                         "notes"}
    assert not any(s.status is not Status.EMPTY for s in folder.manual())


# -- autosaves -------------------------------------------------------------------------------


def test_autosave_keeps_the_last_ten(sample: Story, tmp_path: Path) -> None:
    folder = SaveFolder(tmp_path)
    saves = [save_after(sample, ["read_cables"]), save_after(sample, ["send_courier"])]
    for i in range(15):
        slot = folder.autosave(saves[i % 2], PNG if i % 2 else PNG2)
        assert slot.status is Status.OK and slot.name == f"auto-{i + 1:06d}"
    autos = folder.autosaves()
    assert [s.name for s in autos] == [f"auto-{n:06d}" for n in range(15, 5, -1)]
    assert len(autos) == AUTOSAVES_KEPT
    assert all(s.thumbnail is not None and s.kind is SlotKind.AUTO for s in autos)
    pngs = sorted(p.name for p in tmp_path.glob("auto-*.png"))
    assert len(pngs) == AUTOSAVES_KEPT  # the rotated-out autosaves took their thumbnails
    assert all(int(p[5:11]) > 5 for p in pngs)


def test_a_damaged_autosave_is_never_deleted(sample: Story, tmp_path: Path) -> None:
    folder = SaveFolder(tmp_path)
    save = save_after(sample, ["read_cables"])
    for _ in range(3):
        folder.autosave(save, PNG)
    broken = tmp_path / "auto-000002.json"
    broken.write_bytes(broken.read_bytes()[:-40])
    damaged_bytes = broken.read_bytes()
    for _ in range(AUTOSAVES_KEPT + 5):
        folder.autosave(save, PNG)
    autos = folder.autosaves()
    assert broken.read_bytes() == damaged_bytes
    assert [s.name for s in autos if s.status is Status.DAMAGED] == ["auto-000002"]
    assert sum(s.status is Status.OK for s in autos) == AUTOSAVES_KEPT
    assert autos[0].name == f"auto-{3 + AUTOSAVES_KEPT + 5:06d}"


# -- failures --------------------------------------------------------------------------------


def test_a_folder_that_is_a_file_cannot_be_written(sample: Story, tmp_path: Path) -> None:
    blocker = tmp_path / "saves"
    blocker.write_bytes(b"a file where the folder should be")
    folder = SaveFolder(blocker)
    save = save_after(sample, ["read_cables"])
    with pytest.raises(OSError):
        folder.write(manual_name(1), save, PNG)
    with pytest.raises(OSError):
        folder.autosave(save)
    assert blocker.read_bytes() == b"a file where the folder should be"
    assert folder.read(manual_name(1)).status is not Status.OK  # and reading never raises
    assert all(s.status is not Status.OK for s in folder.all())


@pytest.mark.parametrize("fails", ["every file", "only the save"])
def test_a_full_disk_keeps_the_previous_save_byte_for_byte(
        sample: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fails: str) -> None:
    folder = SaveFolder(tmp_path)
    folder.write(manual_name(1), save_after(sample, ["read_cables"]), PNG)
    folder.autosave(save_after(sample, ["read_cables"]), PNG)
    before = files(tmp_path)
    real_replace = os.replace

    def full(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if fails == "every file" or str(dst).endswith(".json"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full)  # what write_atomic calls
    newer = save_after(sample, ["read_cables", "send_courier", "meet"])
    with pytest.raises(OSError) as caught:
        folder.write(manual_name(1), newer, PNG2)
    assert caught.value.errno == errno.ENOSPC
    with pytest.raises(OSError):
        folder.autosave(newer, PNG2)
    monkeypatch.undo()

    after = files(tmp_path)
    for name, data in before.items():
        assert after[name] == data, name
    new_files = set(after) - set(before)
    assert all(name.endswith(".png") for name in new_files)  # at most the new thumbnail
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    slot = folder.read(manual_name(1))
    assert slot.status is Status.OK and slot.thumbnail is not None
    assert slot.thumbnail.read_bytes() == PNG
    assert [s.name for s in folder.autosaves()] == ["auto-000001"]


def test_delete_removes_the_save_and_its_thumbnail(sample: Story, tmp_path: Path) -> None:
    folder = SaveFolder(tmp_path)
    save = save_after(sample, ["read_cables"])
    folder.write(manual_name(4), save, PNG)
    folder.write(manual_name(4), save, PNG2)  # the first thumbnail went with the rewrite
    folder.write(manual_name(5), save, PNG)
    assert sorted(p.name for p in tmp_path.glob("slot-04-*.png")) == [
        f"slot-04-{hashlib.sha256(PNG2).hexdigest()[:12]}.png"]
    folder.delete(manual_name(4))
    assert not list(tmp_path.glob("slot-04*"))
    assert folder.read(manual_name(4)).status is Status.EMPTY
    assert folder.read(manual_name(5)).status is Status.OK  # its neighbour is untouched
    assert len(list(tmp_path.glob("slot-05-*.png"))) == 1
    folder.delete(manual_name(4))  # deleting an empty slot is fine


# -- progress --------------------------------------------------------------------------------


def test_progress_round_trips(sample: Story, tmp_path: Path) -> None:
    first = state_after(sample, ["refuse"])
    second = state_after(sample, ["read_cables", "meet", "listen"])
    p = StoryProgress().record(first, ending="channel_closed", now="2024-01-01T00:00:00Z")
    p = p.record(second, ending="channel_open", now="2024-01-02T00:00:00Z")
    assert p.record(second, ending="channel_open") is p  # nothing new: the same object
    assert set(p.endings) == {"channel_closed", "channel_open"}
    assert ("kollontai", "listen") in p.taken and "cables" in p.seen
    assert p.routes["channel_open"].log == (Decision("briefing", "read_cables"),
                                            Decision("briefing", "meet"),
                                            Decision("kollontai", "listen"))
    progress = Progress().with_story(sample.id, p)

    save_progress(tmp_path, progress)
    loaded, problems = load_progress(tmp_path)

    assert problems == []
    assert loaded == progress and loaded.of(sample.id) == p
    assert loaded.of("another-story") == StoryProgress()
    assert load_progress(tmp_path / "nowhere") == (Progress(), [])


@pytest.mark.parametrize("content", [
    b"{not json", b"", b'{"format": "stockholm-channel-progress", "version": 1}',
    b'{"format": "stockholm-channel-progress", "version": 1, "stories": {}, '
    b'"checksum": "sha256:00", "x": "\\ud800"}',
])
def test_a_damaged_progress_file_is_reported_and_kept(
        sample: Story, tmp_path: Path, content: bytes) -> None:
    (tmp_path / PROGRESS_FILE).write_bytes(content)
    progress, problems = load_progress(tmp_path)
    assert progress == Progress()
    assert len(problems) == 1 and "damaged" in problems[0] and PROGRESS_FILE in problems[0]
    kept = list(tmp_path.glob("progress.damaged-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == content
    assert kept[0].name in problems[0]
    assert (tmp_path / PROGRESS_FILE).read_bytes() == content  # nothing deleted

    fresh = Progress().with_story(sample.id, StoryProgress().record(
        state_after(sample, ["refuse"]), ending="channel_closed"))
    save_progress(tmp_path, fresh)  # the game goes on and writes a new one
    assert load_progress(tmp_path) == (fresh, [])
    assert kept[0].read_bytes() == content
    assert not [s for s in SaveFolder(tmp_path).all() if s.status is not Status.EMPTY]


def test_a_progress_file_with_a_changed_value_is_damaged(sample: Story, tmp_path: Path) -> None:
    p = StoryProgress().record(state_after(sample, ["refuse"]), ending="channel_closed")
    save_progress(tmp_path, Progress().with_story(sample.id, p))
    doc = json.loads((tmp_path / PROGRESS_FILE).read_text(encoding="utf-8"))
    doc["stories"][sample.id]["endings"]["channel_open"] = "2024-01-01T00:00:00Z"
    (tmp_path / PROGRESS_FILE).write_text(json.dumps(doc), encoding="utf-8")
    progress, problems = load_progress(tmp_path)
    assert progress == Progress() and "checksum" in problems[0]
