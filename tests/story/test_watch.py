"""The story watcher: a change is reported once, after the files have settled for a poll."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from game.story.watch import Change, StoryWatcher, compare, fingerprint
from tests.conftest import SAMPLE


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "story"))


def touch(path: Path, text: str | None = None, later: int = 5) -> None:
    """Write (optionally) and move the mtime `later` seconds on: a same-second write by a
    coarse file system must not hide the change."""
    if text is not None:
        path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + later * 1_000_000_000))


def settled(watcher: StoryWatcher) -> Change | None:
    """Two polls: the first sees the change, the second finds it stable and reports it."""
    assert watcher.poll() is None
    return watcher.poll()


def test_the_fingerprint_is_the_manifest_and_the_node_files(folder: Path) -> None:
    stamp = fingerprint(folder)
    assert [path for path, _, _ in stamp] == ["prologue.yaml", "story.yaml"]
    size = (folder / "prologue.yaml").stat().st_size
    assert ("prologue.yaml", (folder / "prologue.yaml").stat().st_mtime_ns, size) in stamp


def test_nothing_changed_reports_nothing(folder: Path) -> None:
    watcher = StoryWatcher(folder)
    for _ in range(3):
        assert watcher.poll() is None


def test_an_edit_is_reported_once_after_a_stable_poll(folder: Path) -> None:
    watcher = StoryWatcher(folder)
    touch(folder / "prologue.yaml")
    assert settled(watcher) == Change(modified=("prologue.yaml",))
    assert watcher.poll() is None  # reported once


def test_a_same_size_same_second_edit_is_seen_through_mtime_ns(folder: Path) -> None:
    path = folder / "story.yaml"
    watcher = StoryWatcher(folder)
    text = path.read_text(encoding="utf-8")
    touch(path, text.replace('version: "0.1"', 'version: "0.2"'), later=0)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1))
    assert settled(watcher) == Change(modified=("story.yaml",))


def test_a_new_file_and_a_deleted_file_count(folder: Path) -> None:
    watcher = StoryWatcher(folder)
    (folder / "more").mkdir()
    (folder / "more" / "extra.yml").write_text("nodes: {}\n", encoding="utf-8")
    assert settled(watcher) == Change(added=("more/extra.yml",))
    (folder / "more" / "extra.yml").unlink()
    change = settled(watcher)
    assert change == Change(removed=("more/extra.yml",)) and change.count == 1


def test_other_files_are_not_story_files(folder: Path) -> None:
    watcher = StoryWatcher(folder)
    (folder / "notes.txt").write_text("not yaml", encoding="utf-8")
    (folder / ".prologue.yaml.swp").write_text("an editor's", encoding="utf-8")
    (folder / ".cache").mkdir()
    (folder / ".cache" / "x.yaml").write_text("{}", encoding="utf-8")
    touch(folder / "assets" / "images" / "harbour.svg")
    assert settled(watcher) is None


def test_a_save_in_several_steps_waits_until_the_files_settle(folder: Path) -> None:
    """An editor truncates, writes, then touches: each poll sees another fingerprint, so
    nothing is reported until one poll finds the files as the previous one left them."""
    path = folder / "prologue.yaml"
    text = path.read_text(encoding="utf-8")
    watcher = StoryWatcher(folder)
    path.write_text("", encoding="utf-8")
    assert watcher.poll() is None  # first sight of an empty file
    touch(path, text[: len(text) // 2], later=1)
    assert watcher.poll() is None  # changed again since: still being written
    touch(path, text, later=2)
    assert watcher.poll() is None
    assert watcher.poll() == Change(modified=("prologue.yaml",))


def test_a_change_that_is_undone_before_it_settles_reports_nothing(folder: Path) -> None:
    path = folder / "prologue.yaml"
    before = path.stat()
    watcher = StoryWatcher(folder)
    touch(path)
    assert watcher.poll() is None
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert watcher.poll() is None and watcher.poll() is None


def test_a_missing_folder_or_manifest_is_an_empty_or_smaller_fingerprint(folder: Path) -> None:
    assert fingerprint(folder / "nowhere") == ()
    watcher = StoryWatcher(folder)
    (folder / "story.yaml").unlink()
    assert settled(watcher) == Change(removed=("story.yaml",))


def test_compare_names_each_kind_of_change() -> None:
    before = (("a.yaml", 1, 10), ("b.yaml", 1, 10), ("story.yaml", 1, 10))
    after = (("a.yaml", 2, 10), ("c.yaml", 1, 10), ("story.yaml", 1, 10))
    assert compare(before, after) == Change(("a.yaml",), ("c.yaml",), ("b.yaml",))
    assert not compare(after, after)
