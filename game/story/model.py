"""The story as data: frozen values built by the loader, read by the engine and the UI.

Every element keeps its `Pos` so that any later tool (validation, the debug overlay,
live reload) can name the file, line and column an author must look at.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal as Lit

from .expr import Evaluator, Expr
from .expr.ast import Value


@dataclass(frozen=True)
class Pos:
    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Expression:
    """An expression as written (`source`, `pos`), parsed (`ast`) and compiled (`evaluate`).

    `positions` gives the file's (line, column) of each character of `source` where it is
    known, so an error points at the token inside the expression.
    """

    source: str
    ast: Expr
    pos: Pos
    evaluate: Evaluator = field(compare=False, repr=False)
    positions: tuple[tuple[int, int], ...] | None = field(default=None, compare=False,
                                                          repr=False)

    def pos_at(self, offset: int) -> Pos:
        if self.positions is None or not 0 <= offset < len(self.positions):
            return self.pos
        line, col = self.positions[offset]
        return Pos(self.pos.file, line, col)


Segment = str | Expression


@dataclass(frozen=True)
class Template:
    """A text in one language: literal pieces and `{expressions}` to interpolate."""

    segments: tuple[Segment, ...]

    @property
    def is_plain(self) -> bool:
        return all(isinstance(s, str) for s in self.segments)


@dataclass(frozen=True)
class Text:
    """A localized text. `by_lang` lacks the languages with no translation."""

    by_lang: Mapping[str, Template]
    pos: Pos
    same_for_all: bool = False

    def template(self, lang: str, default_lang: str) -> Template:
        found = self.by_lang.get(lang) or self.by_lang.get(default_lang)
        if found is None:  # a text written only in a third language: use any
            found = next(iter(self.by_lang.values()), Template(()))
        return found

    def expressions(self) -> list[Expression]:
        return [s for t in self.by_lang.values() for s in t.segments if isinstance(s, Expression)]


@dataclass(frozen=True)
class TextPart:
    text: Text
    condition: Expression | None = None


@dataclass(frozen=True)
class NodeText:
    """A node's text: one part, or several joined by a blank line, some conditional."""

    parts: tuple[TextPart, ...]
    pos: Pos


@dataclass(frozen=True)
class Effect:
    kind: Lit["set", "add", "roll"]
    var: str
    value: Value | tuple[int, int]
    pos: Pos  # of the variable name
    value_pos: Pos


@dataclass(frozen=True)
class Choice:
    id: str
    text: Text
    goto: str
    pos: Pos
    goto_pos: Pos
    condition: Expression | None = None
    enabled_if: Expression | None = None
    disabled_text: Text | None = None
    once: bool = False
    effects: tuple[Effect, ...] = ()


@dataclass(frozen=True)
class Node:
    id: str
    pos: Pos
    text: NodeText
    chapter: str | None = None
    place: str | None = None
    date: str | None = None
    speaker: str | None = None
    on_enter: tuple[Effect, ...] = ()
    choices: tuple[Choice, ...] = ()
    next: str | None = None
    ending: str | None = None
    refs: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)

    @property
    def kind(self) -> Lit["choices", "next", "ending"]:
        if self.ending is not None:
            return "ending"
        if self.next is not None:
            return "next"
        return "choices"

    def choice(self, choice_id: str) -> Choice | None:
        for c in self.choices:
            if c.id == choice_id:
                return c
        return None


VarType = Lit["int", "bool", "str"]


@dataclass(frozen=True)
class Variable:
    name: str
    type: VarType
    default: Value
    pos: Pos
    min: int | None = None
    max: int | None = None
    values: tuple[str, ...] | None = None
    show: bool = False
    label: Text | None = None

    def clamp(self, value: int) -> int:
        if self.min is not None and value < self.min:
            return self.min
        if self.max is not None and value > self.max:
            return self.max
        return value


@dataclass(frozen=True)
class Chapter:
    id: str
    title: Text
    pos: Pos


@dataclass(frozen=True)
class Character:
    id: str
    name: Text
    pos: Pos
    color: str | None = None


@dataclass(frozen=True)
class Place:
    id: str
    name: Text
    pos: Pos
    image: str | None = None
    image_pos: Pos | None = None


@dataclass(frozen=True)
class Ending:
    id: str
    title: Text
    pos: Pos
    summary: Text | None = None
    hint: Text | None = None  # shown in the endings gallery while the ending is not found


@dataclass(frozen=True, eq=False)
class Story:
    """A whole, validated story. Built only by `load_story`; never changed afterwards."""

    id: str
    title: Text | None
    version: str
    languages: tuple[str, ...]
    start: str
    variables: Mapping[str, Variable]
    chapters: Mapping[str, Chapter]
    characters: Mapping[str, Character]
    places: Mapping[str, Place]
    endings: Mapping[str, Ending]
    nodes: Mapping[str, Node]
    root: str
    content_hash: str = ""

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def initial_variables(self) -> dict[str, Value]:
        return {name: v.default for name, v in self.variables.items()}
