"""The startup cache gives exactly what a fresh load gives, notices every change, and
shrugs off any damage to itself."""

from __future__ import annotations

import gc
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.trace import run_trace
from game.persist import story_cache
from game.persist.story_cache import KEEP, load_story_cached
from game.story import LoadResult, Story, load_story
from game.story.model import Expression
from tests.conftest import CONFORMANCE, ROOT, SAMPLE


def copy_story(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest


def expressions(story: Story) -> list[Expression]:
    found: list[Expression] = []
    for node in story.nodes.values():
        for part in node.text.parts:
            found += part.text.expressions() + ([part.condition] if part.condition else [])
        for c in node.choices:
            found += c.text.expressions() + [e for e in (c.condition, c.enabled_if) if e]
    return found


def assert_same(a: LoadResult, b: LoadResult) -> None:
    """Everything the engine, the UI and `check` read, positions included."""
    assert a.diagnostics == b.diagnostics
    sa, sb = a.story, b.story
    assert sa is not None and sb is not None
    for field in ("id", "title", "version", "languages", "start", "root", "content_hash"):
        assert getattr(sa, field) == getattr(sb, field), field
    for table in ("variables", "chapters", "characters", "places", "endings", "nodes"):
        assert list(getattr(sa, table).items()) == list(getattr(sb, table).items()), table
    for node in sa.nodes.values():
        assert dict(node.refs) == dict(sb.nodes[node.id].refs)
    pairs = list(zip(expressions(sa), expressions(sb), strict=True))
    assert [x.positions for x, _ in pairs] == [y.positions for _, y in pairs]


STORIES = [ROOT / "story", SAMPLE, CONFORMANCE / "basics" / "story"]


@pytest.mark.parametrize("src", STORIES, ids=lambda p: p.parent.name + "/" + p.name)
def test_a_cached_load_is_the_fresh_load(src: Path, tmp_path: Path) -> None:
    fresh = load_story(src)
    first = load_story_cached(src, tmp_path)
    second = load_story_cached(src, tmp_path)
    assert not first.cached and second.cached
    assert_same(fresh, second)
    assert second.story is not None and fresh.story is not None
    # the compiled conditions behave the same: a whole playthrough matches step by step
    for lang in fresh.story.languages:
        assert (run_trace(second.story, [], lang).to_json()
                == run_trace(fresh.story, [], lang).to_json())


def test_the_folder_can_be_named_another_way(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    story = copy_story(SAMPLE, tmp_path / "s")
    load_story_cached(story, tmp_path / "cache")
    monkeypatch.chdir(tmp_path)
    for named in ("s", "./s", str(story)):
        again = load_story_cached(named, tmp_path / "cache")
        assert again.cached
        assert_same(load_story(named), again)


def edit(story: Path) -> None:
    path = story / "nodes.yaml" if (story / "nodes.yaml").exists() else sorted(
        p for p in story.rglob("*.yaml") if p.name != "story.yaml")[0]
    path.write_text(path.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")


@pytest.mark.parametrize("change", ["edit a node file", "edit the manifest", "add a file",
                                   "remove a file", "rename a file"])
def test_any_change_to_any_file_is_a_fresh_load(change: str, tmp_path: Path) -> None:
    story = copy_story(SAMPLE, tmp_path / "s")
    cache = tmp_path / "cache"
    extra = story / "zz_extra.yaml"
    if change == "remove a file":
        extra.write_text("nodes: {}\n", encoding="utf-8")
    load_story_cached(story, cache)
    assert load_story_cached(story, cache).cached
    node_file = sorted(p for p in story.rglob("*.yaml") if p.name != "story.yaml")[0]
    if change == "edit a node file":
        edit(story)
    elif change == "edit the manifest":
        (story / "story.yaml").write_text((story / "story.yaml").read_text(encoding="utf-8")
                                          + "\n", encoding="utf-8")
    elif change == "add a file":
        (story / "extra.yaml").write_text("nodes: {}\n", encoding="utf-8")
    elif change == "remove a file":
        extra.unlink()
    else:
        node_file.rename(node_file.with_name("zz_" + node_file.name))
    after = load_story_cached(story, cache)
    assert not after.cached
    assert_same(load_story(story), after)
    assert load_story_cached(story, cache).cached


def test_a_broken_story_is_never_cached(tmp_path: Path) -> None:
    story = copy_story(SAMPLE, tmp_path / "s")
    node_file = sorted(p for p in story.rglob("*.yaml") if p.name != "story.yaml")[0]
    node_file.write_text(node_file.read_text(encoding="utf-8").replace("goto:", "goto: x", 1)
                         .replace("goto: x ", "goto: nowhere_at_all #", 1), encoding="utf-8")
    first = load_story_cached(story, tmp_path / "cache")
    assert first.story is None and first.errors
    assert load_story_cached(story, tmp_path / "cache").diagnostics == first.diagnostics
    assert not list((tmp_path / "cache").glob("story-*.json"))


def test_image_warnings_follow_the_assets_not_the_cache(tmp_path: Path) -> None:
    story = copy_story(SAMPLE, tmp_path / "s")
    manifest = story / "story.yaml"
    text = manifest.read_text(encoding="utf-8")
    assert "image:" in text, "the sample story has a place with an image"
    manifest.write_text(text.replace("image: ", "image: later/", 1), encoding="utf-8")
    cache = tmp_path / "cache"
    load_story_cached(story, cache)
    missing = load_story_cached(story, cache)
    assert missing.cached and [d.code for d in missing.warnings].count("W007") == 1
    image = next(d for d in missing.warnings if d.code == "W007").message.split("'")[1]
    (story / "assets" / image).parent.mkdir(parents=True, exist_ok=True)
    (story / "assets" / image).write_bytes(b"<svg/>")
    found = load_story_cached(story, cache)
    assert found.cached and "W007" not in [d.code for d in found.warnings]
    assert found.diagnostics == load_story(story).diagnostics


def entry(cache: Path) -> Path:
    (found,) = cache.glob("story-*.json")
    return found


DAMAGE = {
    "empty": lambda b: b"",
    "cut in half": lambda b: b[: len(b) // 2],
    "not JSON": lambda b: b"\x00\xff garbage",
    "a JSON list": lambda b: b"[]",
    "another key": lambda b: b.replace(b'"key":"', b'"key":"0', 1),
    "no story": lambda b: b.split(b"\n")[0],
    "one line": lambda b: b.replace(b"\n", b" ", 1),
    "the first line names another story": lambda b: b.replace(b'"id":"', b'"id":"x', 1),
    "the first line's languages are a number":
        lambda b: b.replace(b'"languages":[', b'"languages":5,"x":[', 1),
    "the first line has other languages":
        lambda b: b.replace(b'"languages":[', b'"languages":["xx",', 1),
    "a wrong type": lambda b: b.replace(b'"start":"', b'"start":7,"x":"', 1),
    "the start node gone": lambda b: b.replace(b'"start":"', b'"start":"zz', 1),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_entry_is_ignored_and_rewritten(damage: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_story_cached(SAMPLE, cache)
    path = entry(cache)
    path.write_bytes(DAMAGE[damage](path.read_bytes()))
    result = load_story_cached(SAMPLE, cache)
    assert not result.cached
    assert_same(load_story(SAMPLE), result)
    assert load_story_cached(SAMPLE, cache).cached  # rewritten


def mutate(doc: Any, path: list[int], value: Any) -> Any:
    """Replace one value somewhere inside the document (path picks the branch)."""
    if not path or not isinstance(doc, (dict, list)) or not doc:
        return value
    keys = list(doc) if isinstance(doc, dict) else list(range(len(doc)))
    k = keys[path[0] % len(keys)]
    copy = dict(doc) if isinstance(doc, dict) else list(doc)
    copy[k] = mutate(doc[k], path[1:], value)  # type: ignore[index]
    return copy


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.lists(st.integers(0, 50), min_size=1, max_size=12),
       value=st.one_of(st.none(), st.booleans(), st.integers(-3, 10**20), st.text(max_size=5),
                       st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3),
                                                                            st.integers())))
def test_any_structural_damage_loads_or_is_ignored(path: list[int], value: Any,
                                                   tmp_path: Path) -> None:
    cache = tmp_path / "cache-fuzz"
    load_story_cached(SAMPLE, cache)
    head, body = entry(cache).read_bytes().split(b"\n")
    doc = json.loads(body)
    entry(cache).write_bytes(head + b"\n" + json.dumps({"story": mutate(doc["story"], path,
                                                                        value)}).encode())
    result = load_story_cached(SAMPLE, cache)  # never raises
    assert result.story is not None
    shutil.rmtree(cache)


def test_an_entry_from_other_loader_code_is_not_used(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    load_story_cached(SAMPLE, cache)
    assert load_story_cached(SAMPLE, cache).cached
    monkeypatch.setattr(story_cache, "loader_fingerprint", lambda: "another engine")
    assert not load_story_cached(SAMPLE, cache).cached


def test_no_cache_when_turned_off_or_unwritable(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STOCKHOLM_CACHE", "off")
    assert story_cache.cache_dir() is None
    assert not load_story_cached(SAMPLE).cached and not load_story_cached(SAMPLE).cached
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("STOCKHOLM_CACHE", str(blocker / "cache"))
    result = load_story_cached(SAMPLE)
    assert result.story is not None and not result.cached


def test_old_entries_are_pruned(tmp_path: Path) -> None:
    story = copy_story(SAMPLE, tmp_path / "s")
    cache = tmp_path / "cache"
    for i in range(KEEP + 3):
        (story / "extra.yaml").write_text(f"# version {i}\nnodes: {{}}\n", encoding="utf-8")
        load_story_cached(story, cache)
    assert len(list(cache.glob("story-*.json"))) == KEEP
    assert load_story_cached(story, cache).cached  # the newest one is kept


def test_a_cached_story_leaves_no_cyclic_garbage(tmp_path: Path) -> None:
    """A story from the cache is freed by reference counting alone when dropped (a live
    reload drops the old one): its rebuild makes no reference cycles."""
    load_story_cached(ROOT / "story", tmp_path)
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        result = load_story_cached(ROOT / "story", tmp_path)
        assert result.cached
        del result
        gc.collect()
        assert gc.garbage == []
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


def test_a_peek_names_the_story_without_decoding_it(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert story_cache.peek_cached(SAMPLE, cache) is None  # nothing cached yet
    fresh = load_story_cached(SAMPLE, cache)
    assert fresh.story is not None
    peeked = story_cache.peek_cached(SAMPLE, cache)
    assert peeked is not None
    assert (peeked.id, peeked.languages) == (fresh.story.id, fresh.story.languages)
    result = peeked.result()
    assert result.cached
    assert_same(fresh, result)


def test_a_peek_sees_a_changed_story_as_no_entry(tmp_path: Path) -> None:
    story = copy_story(SAMPLE, tmp_path / "story")
    cache = tmp_path / "cache"
    load_story_cached(story, cache)
    first = next(story.glob("*.yaml"))
    first.write_text(first.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert story_cache.peek_cached(story, cache) is None


@pytest.mark.parametrize("damage", ["empty", "not JSON", "another key", "a JSON list"])
def test_a_peek_at_a_damaged_entry_finds_nothing(damage: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_story_cached(SAMPLE, cache)
    path = entry(cache)
    path.write_bytes(DAMAGE[damage](path.read_bytes()))
    assert story_cache.peek_cached(SAMPLE, cache) is None


def test_an_entry_gone_after_the_peek_still_gives_the_story(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_story_cached(SAMPLE, cache)
    peeked = story_cache.peek_cached(SAMPLE, cache)
    assert peeked is not None
    path = entry(cache)
    path.write_bytes(path.read_bytes()[:100])  # damaged between the title and the decode
    result = peeked.result()
    assert not result.cached and result.story is not None
    assert_same(load_story(SAMPLE), result)
    assert load_story_cached(SAMPLE, cache).cached  # and the entry is written again
