"""Loading: positions, the YAML rules we enforce, and fuzzing of the loader."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from game.story import load_story
from game.story.yaml_source import compose
from tests.conftest import CONFORMANCE, ROOT, write_story


def codes_at(folder: Path) -> set[tuple[str, int, int]]:
    return {(d.code, d.line, d.col) for d in load_story(folder).diagnostics}


def test_every_error_of_the_conformance_story_in_one_run() -> None:
    r = load_story(CONFORMANCE / "errors" / "story")
    assert r.story is None
    got = {(Path(d.file).name, d.line, d.code) for d in r.errors}
    assert got >= {
        ("a_nodes.yaml", 7, "E012"), ("a_nodes.yaml", 10, "E014"), ("a_nodes.yaml", 15, "E013"),
        ("a_nodes.yaml", 20, "E016"), ("a_nodes.yaml", 24, "E002"), ("a_nodes.yaml", 25, "E020"),
        ("b_nodes.yaml", 2, "E004"), ("b_nodes.yaml", 3, "E003"), ("b_nodes.yaml", 8, "E016"),
        ("b_nodes.yaml", 9, "E017"), ("b_nodes.yaml", 13, "E015"), ("b_nodes.yaml", 15, "E019"),
        ("b_nodes.yaml", 20, "E008"), ("b_nodes.yaml", 21, "E006"),
    }


def test_expression_errors_point_inside_the_expression() -> None:
    r = load_story(CONFORMANCE / "errors" / "story")
    parse_error = next(d for d in r.errors if d.code == "E014")
    assert (parse_error.line, parse_error.col) == (10, 24)  # `if: count >= (2` ends at col 24
    type_error = next(d for d in r.errors if d.code == "E015")
    assert (type_error.line, type_error.col) == (13, 18)  # the '==' of `mood == 3`


def test_duplicate_node_names_both_places() -> None:
    r = load_story(CONFORMANCE / "errors" / "story")
    dup = next(d for d in r.errors if d.code == "E006")
    assert dup.file.endswith("b_nodes.yaml") and dup.line == 21
    assert dup.related[0].file.endswith("a_nodes.yaml") and dup.related[0].line == 2
    assert "a_nodes.yaml:2:3: note:" in dup.format()


def test_shipped_story_is_clean() -> None:
    r = load_story(ROOT / "story")
    assert r.story is not None and r.diagnostics == ()


def test_node_files_are_read_in_sorted_order_below_the_folder(tmp_path: Path) -> None:
    folder = write_story(tmp_path / "s", "start: {text: Start, next: deep}")
    (folder / "chapters" / "two").mkdir(parents=True)
    (folder / "chapters" / "two" / "deep.yml").write_text(
        "nodes:\n  deep: {text: Deep, ending: done}\n", encoding="utf-8")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "junk.yaml").write_text("not: [valid", encoding="utf-8")
    r = load_story(folder)
    assert r.story is not None and set(r.story.nodes) == {"start", "deep"}


def test_yaml_12_booleans_keep_yes_no_on_off_as_words(tmp_path: Path) -> None:
    folder = write_story(tmp_path / "s", """
        start:
          text: "yes"
          choices:
            - {id: on, text: no, goto: off}
        off: {text: Off, ending: done}
        """)
    r = load_story(folder)
    assert r.story is not None, [d.format() for d in r.diagnostics]
    assert r.story.nodes["start"].choices[0].id == "on"


def test_content_hash_changes_with_any_file(tmp_path: Path) -> None:
    folder = write_story(tmp_path / "s", "start: {text: Start, ending: done}")
    first = load_story(folder).story
    (folder / "more.yaml").write_text("nodes:\n  x: {text: X, next: start}\n", encoding="utf-8")
    second = load_story(folder).story
    assert first is not None and second is not None
    assert first.content_hash != second.content_hash


def test_composer_positions_are_one_based() -> None:
    src = compose("a:\n  b: [1, 'two']\n", "f.yaml")
    assert src.root is not None
    (k, v), = src.root.items()
    assert (k.line, k.col) == (1, 1)
    (bk, bv), = v.items()
    assert (bk.line, bk.col, bv.line, bv.col) == (2, 3, 2, 6)
    assert [c.as_python() for c in bv.children()] == [1, "two"]


def test_an_anchor_defined_twice_is_an_error_naming_both_places() -> None:
    src = compose("a: &x 1\nb: &x 2\nc: *x\n", "f.yaml")
    assert src.root is None
    (d,) = src.diagnostics
    assert (d.line, d.col, d.code) == (2, 4, "E001")
    assert "'&x' is defined twice (first at line 1, column 4)" in d.message


YAML_PIECES = st.sampled_from([
    "nodes:", "\n", "  ", "    ", "start:", "text:", " Start", "choices:", "- ", "id: a",
    "goto: b", "next: start", "ending: done", "{", "}", "[", "]", ",", ":", "&x ", "*x",
    "!!str ", "!!python/name:os.system ", "'", '"', "#", "\t", "if: a and", " ==",
    "%YAML 1.1\n", "---\n", "...", "? ", "|", ">", "é", "日本",
    "\x00", "\ufeff", "on_enter:", "- set: {v: 1}", "- roll: {v: [1, 6]}",
])


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(YAML_PIECES, max_size=30).map("".join))
@example("&x nodes:  &x ")  # found by this fuzzer: PyYAML refuses a repeated anchor
def test_fuzz_composer_agrees_with_pyyaml_on_what_is_yaml(text: str) -> None:
    src = compose(text, "fuzz.yaml")  # must never raise
    try:
        reference = yaml.compose(text, Loader=yaml.CSafeLoader)  # the parser we use
    except yaml.YAMLError:
        assert src.root is None and src.diagnostics  # broken YAML is reported, not half-read
        return
    assert not any(d.code == "E001" for d in src.diagnostics)
    if reference is None:
        assert src.root is None
    elif not src.diagnostics:
        assert src.root is not None and src.root.kind == {
            "MappingNode": "map", "SequenceNode": "seq", "ScalarNode": "scalar"}[
            type(reference).__name__]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(st.lists(YAML_PIECES, max_size=30).map("".join))
def test_fuzz_whole_loader_loads_or_reports(tmp_path: Path, text: str) -> None:
    folder = tmp_path / "fuzz"
    write_story(folder, "start: {text: Start, ending: done}")
    (folder / "fuzz.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    r = load_story(folder)
    assert r.story is not None or r.errors
    for d in r.diagnostics:
        assert d.line >= 1 and d.col >= 1 and d.message


def test_errors_inside_a_literal_block_point_at_their_line(tmp_path: Path) -> None:
    folder = write_story(tmp_path / "s", """
        start:
          text: |
            First line.
            Second {trust +} line.
          ending: done
        """, variables="trust: {type: int, default: 0}")
    error = next(d for d in load_story(folder).errors if d.code == "E014")
    assert (error.line, error.col) == (5, 22)  # just after `trust +`, on the block's 2nd line


def test_merge_keys_are_refused_with_a_hint(tmp_path: Path) -> None:
    folder = write_story(tmp_path / "s", """
        base: &b {text: Base, ending: done}
        start:
          <<: *b
        """)
    messages = [d.message for d in load_story(folder).errors if d.code == "E003"]
    assert any("merge keys" in m and "defaults" in m for m in messages)
