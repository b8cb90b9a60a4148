"""Every text of a story, with its state in one language: what a translator works from.

Each text gets a key that is a path an author recognises (`ch1_start.text[1]`,
`ch1_start.choices.radio.text`, `endings.frozen.hint`) and that does not change when
lines move, so a spreadsheet sent to a translator can be matched back by key. Texts
are given as written: `{expr}` interpolations and `{{`/`}}` escapes stay as they are,
because that is what the translator must write too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal as Lit

from .model import Node, Pos, Story, Template, Text

Status = Lit["missing", "translated", "shared"]


@dataclass(frozen=True)
class StringEntry:
    """One text. `shared` is a plain string: the contract's "same for every language"."""

    key: str
    pos: Pos
    source: str  # in the story's default language, as written
    translation: str | None  # in the asked language, as written; None when missing
    status: Status


def template_source(template: Template) -> str:
    """A template as the author wrote it: braces in literal text escaped again."""
    out: list[str] = []
    for seg in template.segments:
        if isinstance(seg, str):
            out.append(seg.replace("{", "{{").replace("}", "}}"))
        else:
            out.append("{" + seg.source + "}")
    return "".join(out)


def collect_strings(story: Story, lang: str) -> list[StringEntry]:
    """Every text of the story, manifest first, then node files, each top to bottom."""
    manifest = [_entry(key, text, story, lang) for key, text in manifest_texts(story)]
    nodes = [_entry(key, text, story, lang) for key, text in node_texts(story)]
    manifest.sort(key=lambda e: (e.pos.line, e.pos.col))
    nodes.sort(key=lambda e: (e.pos.file, e.pos.line, e.pos.col))
    return manifest + nodes


def manifest_texts(story: Story) -> Iterator[tuple[str, Text]]:
    if story.title is not None:
        yield "title", story.title
    for name, var in story.variables.items():
        if var.label is not None:
            yield f"variables.{name}.label", var.label
    for cid, chapter in story.chapters.items():
        yield f"chapters.{cid}.title", chapter.title
    for pid, person in story.characters.items():
        yield f"characters.{pid}.name", person.name
    for pid, place in story.places.items():
        yield f"places.{pid}.name", place.name
    for eid, ending in story.endings.items():
        yield f"endings.{eid}.title", ending.title
        for field, text in (("summary", ending.summary), ("hint", ending.hint)):
            if text is not None:
                yield f"endings.{eid}.{field}", text


def node_texts(story: Story) -> Iterator[tuple[str, Text]]:
    for node in story.nodes.values():
        yield from _node_texts(node)


def _node_texts(node: Node) -> Iterator[tuple[str, Text]]:
    parts = node.text.parts
    # A text written as a list has its own position, apart from its first item's.
    listed = len(parts) != 1 or parts[0].condition is not None \
        or parts[0].text.pos != node.text.pos
    for i, part in enumerate(parts):
        yield (f"{node.id}.text[{i}]" if listed else f"{node.id}.text"), part.text
    for choice in node.choices:
        base = f"{node.id}.choices.{choice.id}"
        yield f"{base}.text", choice.text
        if choice.disabled_text is not None:
            yield f"{base}.disabled_text", choice.disabled_text


def _entry(key: str, text: Text, story: Story, lang: str) -> StringEntry:
    default = story.default_language
    source = template_source(text.template(default, default))
    if text.same_for_all:
        return StringEntry(key, text.pos, source, source, "shared")
    found = text.by_lang.get(lang)
    if found is None:
        return StringEntry(key, text.pos, source, None, "missing")
    return StringEntry(key, text.pos, source, template_source(found), "translated")


def counts(entries: list[StringEntry]) -> dict[Status, int]:
    out: dict[Status, int] = {"missing": 0, "translated": 0, "shared": 0}
    for e in entries:
        out[e.status] += 1
    return out
