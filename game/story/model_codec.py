"""A loaded story as plain JSON data and back: what the startup cache stores.

Why not pickle: a cache file is a file on disk like any other, and a story or anything
derived from it must never be able to run code. JSON can only ever describe data, and
`decode` rebuilds the model from it with the same constructors the loader uses (each
expression tree is rebuilt node by node and compiled again; nothing is evaluated).

File names are stored relative to the story folder, so one cache entry serves
`check story`, `check ./story` and an absolute path alike: positions come back in the
form the loader would have given for the folder as named this time.

`decode` trusts its input no more than it must: any shape it does not expect raises
`CacheFormatError` (or one of the builtin errors listed in `DECODE_ERRORS`), which the
cache treats as "no cache".
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from itertools import repeat
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .diagnostics import Diagnostic, Related, Severity
from .expr.ast import Binary, Expr, Literal, Name, Unary, Visited
from .expr.evaluate import compile_expr
from .model import (
    Chapter,
    Character,
    Choice,
    Effect,
    Ending,
    Expression,
    Node,
    NodeText,
    Place,
    Pos,
    Segment,
    Story,
    Template,
    Text,
    TextPart,
    Variable,
)

CODEC_VERSION = 2  # 2: the entry's first line is a header (persist/story_cache.py)

Json = Any  # what json.loads gives: dict, list, str, int, bool, None


class CacheFormatError(ValueError):
    """The data is not a story this codec wrote."""


DECODE_ERRORS = (CacheFormatError, KeyError, IndexError, TypeError, ValueError,
                 AttributeError, RecursionError)


# --- encoding ---------------------------------------------------------------------------


class _Encoder:
    def __init__(self, root: str) -> None:
        self.root = root
        self.files: list[str] = []
        self.index: dict[str, int] = {}

    def file(self, display: str) -> int:
        found = self.index.get(display)
        if found is None:
            found = self.index[display] = len(self.files)
            self.files.append(_relative(display, self.root))
        return found

    def pos(self, p: Pos) -> Json:
        return [self.file(p.file), p.line, p.col]

    def expr(self, e: Expression) -> Json:
        return [e.source, _tree(e.ast), self.pos(e.pos), _runs(e.positions)]

    def template(self, t: Template) -> Json:
        return [s if isinstance(s, str) else self.expr(s) for s in t.segments]

    def text(self, t: Text | None) -> Json:
        if t is None:
            return None
        if t.same_for_all:
            langs = list(t.by_lang)
            return {"all": langs, "t": self.template(t.by_lang[langs[0]]), "p": self.pos(t.pos)}
        return {"by": {k: self.template(v) for k, v in t.by_lang.items()}, "p": self.pos(t.pos)}

    def effect(self, e: Effect) -> Json:
        value = list(e.value) if isinstance(e.value, tuple) else e.value
        return [e.kind, e.var, value, self.pos(e.pos), self.pos(e.value_pos)]

    def opt_expr(self, e: Expression | None) -> Json:
        return None if e is None else self.expr(e)

    def choice(self, c: Choice) -> Json:
        return [c.id, self.text(c.text), c.goto, self.pos(c.pos), self.pos(c.goto_pos),
                self.opt_expr(c.condition), self.opt_expr(c.enabled_if),
                self.text(c.disabled_text), c.once, [self.effect(e) for e in c.effects]]

    def node(self, n: Node) -> Json:
        parts = [[self.text(p.text), self.opt_expr(p.condition)] for p in n.text.parts]
        return [n.id, self.pos(n.pos), parts, self.pos(n.text.pos), n.chapter, n.place, n.date,
                n.speaker, [self.effect(e) for e in n.on_enter],
                [self.choice(c) for c in n.choices], n.next, n.ending,
                {k: self.pos(p) for k, p in n.refs.items()}]

    def variable(self, v: Variable) -> Json:
        return [v.name, v.type, v.default, self.pos(v.pos), v.min, v.max,
                None if v.values is None else list(v.values), v.show, self.text(v.label)]

    def diagnostic(self, d: Diagnostic) -> Json:
        related = [[self.file(r.file), r.line, r.col, r.message] for r in d.related]
        return [self.file(d.file), d.line, d.col, d.severity.value, d.code, d.message, related]


def encode(story: Story, diagnostics: tuple[Diagnostic, ...]) -> dict[str, Json]:
    """The story and its (warning) diagnostics as JSON-ready data."""
    enc = _Encoder(story.root)
    body = {
        "id": story.id, "title": enc.text(story.title), "version": story.version,
        "languages": list(story.languages), "start": story.start,
        "variables": [enc.variable(v) for v in story.variables.values()],
        "chapters": [[c.id, enc.text(c.title), enc.pos(c.pos)] for c in story.chapters.values()],
        "characters": [[c.id, enc.text(c.name), enc.pos(c.pos), c.color]
                       for c in story.characters.values()],
        "places": [[p.id, enc.text(p.name), enc.pos(p.pos), p.image,
                    None if p.image_pos is None else enc.pos(p.image_pos)]
                   for p in story.places.values()],
        "endings": [[e.id, enc.text(e.title), enc.pos(e.pos), enc.text(e.summary),
                     enc.text(e.hint)] for e in story.endings.values()],
        "nodes": [enc.node(n) for n in story.nodes.values()],
        "content_hash": story.content_hash,
        "diagnostics": [enc.diagnostic(d) for d in diagnostics],
    }
    return {"codec": CODEC_VERSION, "files": enc.files, **body}


def _relative(display: str, root: str) -> str:
    rel = os.path.relpath(display, root) if display else display
    return Path(rel).as_posix()


def _tree(e: Expr) -> Json:
    if isinstance(e, Literal):
        return ["L", e.value, e.offset]
    if isinstance(e, Name):
        return ["N", e.name, e.offset]
    if isinstance(e, Visited):
        return ["V", e.node, e.offset, e.arg_offset]
    if isinstance(e, Unary):
        return ["U", e.op, _tree(e.operand), e.offset]
    return ["B", e.op, _tree(e.left), _tree(e.right), e.offset]


def _runs(positions: tuple[tuple[int, int], ...] | None) -> Json:
    """Character positions as runs [offset, line, col] of consecutive columns on one line."""
    if positions is None:
        return None
    runs: list[list[int]] = []
    for i, (line, col) in enumerate(positions):
        if runs:
            start, rl, rc = runs[-1]
            if rl == line and rc + (i - start) == col:
                continue
        runs.append([i, line, col])
    return [len(positions), runs]


# --- decoding ---------------------------------------------------------------------------


class _Decoder:
    def __init__(self, files: list[str], root: Path) -> None:
        self.files = [str(root / f) if f else f for f in _strs(files)]

    def pos(self, j: Json) -> Pos:
        f, line, col = j
        return Pos(self.files[f], _int(line), _int(col))

    def expr(self, j: Json) -> Expression:
        source, tree, pos, runs = j
        ast = _untree(tree, 0)
        return Expression(_str(source), ast, self.pos(pos), compile_expr(ast), _unruns(runs))

    def opt_expr(self, j: Json) -> Expression | None:
        return None if j is None else self.expr(j)

    def template(self, j: Json) -> Template:
        segments: list[Segment] = [s if isinstance(s, str) else self.expr(s) for s in _list(j)]
        return Template(tuple(segments))

    def text(self, j: Json) -> Text:
        if "all" in j:
            template = self.template(j["t"])
            langs = _strs(j["all"])
            return Text(MappingProxyType(dict.fromkeys(langs, template)), self.pos(j["p"]), True)
        by = {_str(k): self.template(v) for k, v in _dict(j["by"]).items()}
        return Text(MappingProxyType(by), self.pos(j["p"]))

    def opt_text(self, j: Json) -> Text | None:
        return None if j is None else self.text(j)

    def effect(self, j: Json) -> Effect:
        kind, var, value, pos, value_pos = j
        if kind not in ("set", "add", "roll"):
            raise CacheFormatError(f"effect kind {kind!r}")
        if isinstance(value, list):
            lo, hi = value
            value = (_int(lo), _int(hi))
        return Effect(kind, _str(var), _value(value), self.pos(pos), self.pos(value_pos))

    def choice(self, j: Json) -> Choice:
        (cid, text, goto, pos, goto_pos, cond, enabled, disabled, once, effects) = j
        return Choice(_str(cid), self.text(text), _str(goto), self.pos(pos), self.pos(goto_pos),
                      self.opt_expr(cond), self.opt_expr(enabled), self.opt_text(disabled),
                      _bool(once), tuple(self.effect(e) for e in _list(effects)))

    def node(self, j: Json) -> Node:
        (nid, pos, parts, text_pos, chapter, place, date, speaker, on_enter, choices, nxt,
         ending, refs) = j
        text = NodeText(tuple(TextPart(self.text(t), self.opt_expr(c)) for t, c in _list(parts)),
                        self.pos(text_pos))
        return Node(_str(nid), self.pos(pos), text, _opt_str(chapter), _opt_str(place),
                    _opt_str(date), _opt_str(speaker),
                    tuple(self.effect(e) for e in _list(on_enter)),
                    tuple(self.choice(c) for c in _list(choices)), _opt_str(nxt),
                    _opt_str(ending),
                    MappingProxyType({_str(k): self.pos(p) for k, p in _dict(refs).items()}))

    def variable(self, j: Json) -> Variable:
        name, vtype, default, pos, lo, hi, values, show, label = j
        if vtype not in ("int", "bool", "str"):
            raise CacheFormatError(f"variable type {vtype!r}")
        return Variable(_str(name), vtype, _value(default), self.pos(pos), _opt_int(lo),
                        _opt_int(hi), None if values is None else tuple(_strs(values)),
                        _bool(show), self.opt_text(label))

    def diagnostic(self, j: Json) -> Diagnostic:
        f, line, col, severity, code, message, related = j
        rel = tuple(Related(self.files[rf], _int(rl), _int(rc), _str(rm))
                    for rf, rl, rc, rm in _list(related))
        return Diagnostic(self.files[f], _int(line), _int(col), Severity(severity), _str(code),
                          _str(message), rel)


def decode(doc: Json, story_dir: str | Path) -> tuple[Story, tuple[Diagnostic, ...]]:
    """Rebuild what `encode` stored, for the story folder as named now."""
    if not isinstance(doc, dict) or doc.get("codec") != CODEC_VERSION:
        raise CacheFormatError("not a story cache of this version")
    root = Path(story_dir)
    dec = _Decoder(doc["files"], root)

    def table(key: str, build: Callable[[Json], Any]) -> Mapping[str, Any]:
        items = [build(j) for j in _list(doc[key])]
        return MappingProxyType({item.id if hasattr(item, "id") else item.name: item
                                 for item in items})

    story = Story(
        id=_str(doc["id"]), title=dec.opt_text(doc["title"]), version=_str(doc["version"]),
        languages=tuple(_strs(doc["languages"])), start=_str(doc["start"]),
        variables=table("variables", dec.variable),
        chapters=table("chapters", lambda j: Chapter(_str(j[0]), dec.text(j[1]), dec.pos(j[2]))),
        characters=table("characters", lambda j: Character(
            _str(j[0]), dec.text(j[1]), dec.pos(j[2]), _opt_str(j[3]))),
        places=table("places", lambda j: Place(
            _str(j[0]), dec.text(j[1]), dec.pos(j[2]), _opt_str(j[3]),
            None if j[4] is None else dec.pos(j[4]))),
        endings=table("endings", lambda j: Ending(
            _str(j[0]), dec.text(j[1]), dec.pos(j[2]), dec.opt_text(j[3]), dec.opt_text(j[4]))),
        nodes=table("nodes", dec.node),
        root=str(root), content_hash=_str(doc["content_hash"]),
    )
    if story.start not in story.nodes or not story.languages:
        raise CacheFormatError("the start node or the languages are missing")
    diagnostics = tuple(dec.diagnostic(d) for d in _list(doc["diagnostics"]))
    return story, diagnostics


_UNARY = ("-", "not")
_BINARY = ("or", "and", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*")
_MAX_DEPTH = 200  # the expression parser refuses deeper trees long before this


def _untree(j: Json, depth: int) -> Expr:
    if depth > _MAX_DEPTH:
        raise CacheFormatError("expression tree too deep")
    tag = j[0]
    if tag == "L":
        return Literal(_value(j[1]), _int(j[2]))
    if tag == "N":
        return Name(_str(j[1]), _int(j[2]))
    if tag == "V":
        return Visited(_str(j[1]), _int(j[2]), _int(j[3]))
    if tag == "U" and j[1] in _UNARY:
        return Unary(j[1], _untree(j[2], depth + 1), _int(j[3]))
    if tag == "B" and j[1] in _BINARY:
        return Binary(j[1], _untree(j[2], depth + 1), _untree(j[3], depth + 1), _int(j[4]))
    raise CacheFormatError(f"expression node {tag!r}")


def _unruns(j: Json) -> tuple[tuple[int, int], ...] | None:
    if j is None:
        return None
    length, runs = _int(j[0]), _list(j[1])
    out: list[tuple[int, int]] = []
    for k, (start, line, col) in enumerate(runs):
        end = runs[k + 1][0] if k + 1 < len(runs) else length
        if not 0 <= start <= end <= length or start != len(out):
            raise CacheFormatError("bad position runs")
        line, col = _int(line), _int(col)
        out.extend(zip(repeat(line, end - start), range(col, col + end - start), strict=True))
    return tuple(out)


def _int(j: Json) -> int:
    if type(j) is not int:
        raise CacheFormatError(f"expected an int, got {type(j).__name__}")
    value: int = j
    return value


def _opt_int(j: Json) -> int | None:
    return None if j is None else _int(j)


def _bool(j: Json) -> bool:
    if type(j) is not bool:
        raise CacheFormatError(f"expected a bool, got {type(j).__name__}")
    value: bool = j
    return value


def _str(j: Json) -> str:
    if type(j) is not str:
        raise CacheFormatError(f"expected a string, got {type(j).__name__}")
    value: str = j
    return value


def _opt_str(j: Json) -> str | None:
    return None if j is None else _str(j)


def _value(j: Json) -> Any:
    if type(j) not in (int, bool, str) and not isinstance(j, tuple):
        raise CacheFormatError(f"expected a value, got {type(j).__name__}")
    return j


def _list(j: Json) -> list[Any]:
    if not isinstance(j, list):
        raise CacheFormatError(f"expected a list, got {type(j).__name__}")
    return j


def _dict(j: Json) -> dict[str, Any]:
    if not isinstance(j, dict):
        raise CacheFormatError(f"expected an object, got {type(j).__name__}")
    return j


def _strs(j: Json) -> list[str]:
    return [_str(s) for s in _list(j)]
