"""The texts a translator works from: keys, positions, status, and sources as written."""

from __future__ import annotations

import textwrap
from pathlib import Path

from game.story import Story, load_story
from game.story.strings_table import collect_strings, counts
from tests.conftest import ROOT, SAMPLE

# A story with a missing ja text in every kind of place ("MISS ..."), beside translated
# texts and plain strings (shared), which are not missing.
MANIFEST = """\
format: 1
id: strings-test
title: {en: MISS title}
languages: [en, ja]
start: hall
variables:
  trust: {type: int, default: 0, show: true, label: {en: MISS label}}
  met: {type: bool, default: false, show: true, label: {en: Met, ja: 会った}}
chapters:
  ch1: {title: {en: MISS chapter}}
characters:
  anna: {name: {en: MISS character}}
  olaf: {name: Olaf}
places:
  hall: {name: {en: MISS place}}
endings:
  done:
    title: {en: MISS ending}
    summary: {en: MISS summary}
    hint: {en: "MISS hint {trust}"}
  other: {title: {en: Other, ja: 他}, summary: Shared summary, hint: {en: H, ja: ヒント}}
"""
NODES = """\
nodes:
  hall:
    chapter: ch1
    place: hall
    speaker: anna
    text: {en: "MISS node {{braces}} and {trust + 1}"}
    choices:
      - id: go
        text: {en: MISS choice}
        enabled_if: met
        disabled_text: {en: MISS disabled}
        goto: room
      - id: stay
        text: {en: "Stay, \\"really\\"", ja: "残る、「本当に」"}
        goto: side
  room:
    speaker: olaf
    text:
      - {en: Part zero, ja: 零}
      - en: "MISS part\\nsecond line"
      - if: met
        text: {en: MISS conditional}
      - Shared part
    ending: done
  side:
    text:
      - {en: Only part, ja: 唯一}
    ending: other
"""
MISSING = ["title", "variables.trust.label", "chapters.ch1.title", "characters.anna.name",
           "places.hall.name", "endings.done.title", "endings.done.summary",
           "endings.done.hint", "hall.text", "hall.choices.go.text",
           "hall.choices.go.disabled_text", "room.text[1]", "room.text[2]"]
SHARED = ["characters.olaf.name", "endings.other.summary", "room.text[3]"]


def write_strings_story(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.yaml").write_text(MANIFEST, encoding="utf-8")
    (folder / "nodes.yaml").write_text(NODES, encoding="utf-8")
    return folder


def position_of(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of `needle`, which must occur once."""
    assert text.count(needle) == 1, needle
    i = text.index(needle)
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


def load(folder: Path) -> Story:
    result = load_story(folder)
    assert result.story is not None, [d.format() for d in result.diagnostics]
    return result.story


def test_every_missing_text_is_found_with_its_key_and_place(tmp_path: Path) -> None:
    folder = write_strings_story(tmp_path / "s")
    entries = collect_strings(load(folder), "ja")
    missing = [e for e in entries if e.status == "missing"]
    assert [e.key for e in missing] == MISSING  # and in file order, manifest first
    where = {e.key: (Path(e.pos.file).name, e.pos.line, e.pos.col) for e in missing}
    assert where["title"] == ("story.yaml", *position_of(MANIFEST, "{en: MISS title}"))
    assert where["endings.done.hint"] == ("story.yaml",
                                          *position_of(MANIFEST, '{en: "MISS hint'))
    assert where["room.text[1]"] == ("nodes.yaml", *position_of(NODES, 'en: "MISS part'))
    assert where["room.text[2]"] == ("nodes.yaml",
                                     *position_of(NODES, "{en: MISS conditional}"))
    assert all(e.translation is None for e in missing)
    assert [e.key for e in entries if e.status == "shared"] == SHARED
    assert counts(entries) == {"missing": 13, "translated": 6, "shared": 3}


def test_the_same_places_as_checks_missing_translation_warnings(tmp_path: Path) -> None:
    folder = write_strings_story(tmp_path / "s")
    result = load_story(folder)
    warned = {(d.file, d.line, d.col) for d in result.diagnostics if d.code == "W002"}
    assert result.story is not None
    listed = {(e.pos.file, e.pos.line, e.pos.col)
              for e in collect_strings(result.story, "ja") if e.status == "missing"}
    assert listed == warned


def test_sources_and_translations_are_as_written(tmp_path: Path) -> None:
    entries = {e.key: e for e in collect_strings(load(write_strings_story(tmp_path / "s")), "ja")}
    assert entries["hall.text"].source == "MISS node {{braces}} and {trust + 1}"
    assert entries["endings.done.hint"].source == "MISS hint {trust}"
    assert entries["room.text[1]"].source == "MISS part\nsecond line"
    assert entries["hall.choices.stay.text"].translation == "残る、「本当に」"
    assert entries["room.text[3]"].translation == "Shared part"  # what ja players read
    assert entries["side.text[0]"].source == "Only part"  # a list of one is still a list
    assert "side.text" not in entries


def test_a_story_whose_default_language_is_japanese(tmp_path: Path) -> None:
    folder = tmp_path / "ja_first"
    folder.mkdir()
    (folder / "story.yaml").write_text(textwrap.dedent("""\
        format: 1
        id: ja-first
        languages: [ja, en]
        start: a
        endings: {done: {title: {ja: 終わり, en: The end}}}
        """), encoding="utf-8")
    (folder / "a.yaml").write_text("nodes:\n  a: {text: {ja: 始まり}, ending: done}\n",
                                   encoding="utf-8")
    entries = collect_strings(load(folder), "en")
    assert [(e.key, e.source, e.status) for e in entries] == [
        ("endings.done.title", "終わり", "translated"), ("a.text", "始まり", "missing")]
    assert [e.status for e in collect_strings(load(folder), "ja")] == ["translated"] * 2


def test_the_shipped_story_has_every_japanese_text() -> None:
    for folder in (ROOT / "story", SAMPLE):
        entries = collect_strings(load(folder), "ja")
        assert len(entries) > 30
        assert [e.key for e in entries if e.status == "missing"] == [], folder
        assert len({e.key for e in entries}) == len(entries)  # keys are unique
