"""Reading `story.yaml`: identity, languages, variables, chapters, cast, places, endings."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TypeVar

from .expr.ast import Value
from .expr.lexer import KEYWORDS
from .model import Chapter, Character, Ending, Place, Pos, Text, Variable, VarType
from .reader import NAME_ID, NODE_ID, Reader
from .yaml_source import YNode

FORMAT_VERSION = 1
STORY_ID = re.compile(r"[a-z0-9-]+\Z")
VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")
COLOR = re.compile(r"#[0-9a-fA-F]{6}\Z")

# The keys each mapping accepts (required, optional); tests/story/test_schema.py checks that
# docs/story.schema.json names exactly these.
MANIFEST_REQUIRED = ("format", "id", "languages", "start")
MANIFEST_OPTIONAL = ("title", "version", "variables", "chapters", "characters", "places", "endings")
VARIABLE_REQUIRED = ("type", "default")
VARIABLE_OPTIONAL = ("min", "max", "values", "show", "label")
VARIABLE_TYPES = ("int", "bool", "str")
CHAPTER_REQUIRED = ("title",)
CHARACTER_REQUIRED, CHARACTER_OPTIONAL = ("name",), ("color",)
PLACE_REQUIRED, PLACE_OPTIONAL = ("name",), ("image",)
ENDING_REQUIRED, ENDING_OPTIONAL = ("title",), ("summary", "hint")


@dataclass
class Manifest:
    id: str = ""
    title: Text | None = None
    version: str = ""
    languages: tuple[str, ...] = ()
    start: str | None = None
    start_pos: Pos | None = None
    variables: dict[str, Variable] = field(default_factory=dict)
    chapters: dict[str, Chapter] = field(default_factory=dict)
    characters: dict[str, Character] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    endings: dict[str, Ending] = field(default_factory=dict)


def read_languages(r: Reader, root: YNode | None) -> tuple[str, ...] | None:
    """The declared languages, read first because every text is checked against them."""
    if root is None or root.kind != "map":
        return None
    for k, v in root.items():
        if k.text == "languages" and v.kind == "seq":
            langs = [c.text for c in v.children() if c.kind == "scalar" and LANGUAGE.match(c.text)]
            return tuple(dict.fromkeys(langs)) or None
    return None


def build_manifest(r: Reader, root: YNode | None) -> Manifest:
    m = Manifest()
    if root is None:
        return m
    f = r.fields(root, "story.yaml", root, MANIFEST_REQUIRED, MANIFEST_OPTIONAL)
    if f is None:
        return m
    if "format" in f:
        _format(r, f["format"][1])
    if "id" in f:
        m.id = r.ident(f["id"][1], "story id", STORY_ID) or ""
    if "title" in f:
        m.title = r.text(f["title"][1], "the story title")
    if "version" in f:
        m.version = r.scalar_text(f["version"][1], "version") or ""
    if "languages" in f:
        m.languages = _languages(r, f["languages"][1])
    if "start" in f:
        m.start = r.ident(f["start"][1], "start node id")
        m.start_pos = r.pos(f["start"][1])
    m.variables = _section(r, f, "variables", "variable", _variable, VARIABLE_NAME)
    m.chapters = _section(r, f, "chapters", "chapter", _chapter, NAME_ID)
    m.characters = _section(r, f, "characters", "character", _character, NAME_ID)
    m.places = _section(r, f, "places", "place", _place, NAME_ID)
    m.endings = _section(r, f, "endings", "ending", _ending, NAME_ID)
    return m


T = TypeVar("T")


def _section(r: Reader, f: dict[str, tuple[YNode, YNode]], key: str, singular: str,
             build: Callable[[Reader, str, YNode, YNode], T | None],
             pattern: re.Pattern[str]) -> dict[str, T]:
    """One declaration table: a mapping from id to a declaration."""
    out: dict[str, T] = {}
    if key not in f:
        return out
    for name_node, value in r.mapping(f[key][1], key) or []:
        name = r.ident(name_node, f"{singular} id", pattern)
        if name is not None:
            item = build(r, name, name_node, value)
            if item is not None:
                out[name] = item
    return out


def _format(r: Reader, n: YNode) -> None:
    if n.kind == "scalar" and n.tag == "int" and n.as_python() == FORMAT_VERSION:
        return
    r.report(n, "E007", f"format must be {FORMAT_VERSION}; this engine reads story format "
             f"version {FORMAT_VERSION} only, not '{n.text}'")


def _languages(r: Reader, n: YNode) -> tuple[str, ...]:
    items = r.sequence(n, "languages")
    if items is None:
        return ()
    if not items:
        r.report(n, "E005", "languages must list at least one language, e.g. [en, ja]")
    out: list[str] = []
    for item in items:
        lang = r.string(item, "a language")
        if lang is None:
            continue
        if not LANGUAGE.match(lang):
            r.report(item, "E022", f"'{lang}' is not a language code like 'en' or 'ja'")
        elif lang in out:
            r.report(item, "E002", f"language '{lang}' is listed twice")
        else:
            out.append(lang)
    return tuple(out)


def _variable(r: Reader, name: str, key: YNode, n: YNode) -> Variable | None:
    what = f"variable '{name}'"
    if name in KEYWORDS:
        r.report(key, "E022", f"'{name}' is a keyword of the expression language; "
                 "choose another variable name")
        return None
    f = r.fields(n, what, key, VARIABLE_REQUIRED, VARIABLE_OPTIONAL)
    if f is None or "type" not in f or "default" not in f:
        return None
    type_node = f["type"][1]
    vtype = r.string(type_node, f"the type of {what}")
    if vtype is None:
        return None
    if vtype not in VARIABLE_TYPES:
        r.report(type_node, "E028", f"the type of {what} must be int, bool or str, not '{vtype}'")
        return None
    t: VarType = vtype  # type: ignore[assignment]
    lo = _limit(r, f, "min", t, what)
    hi = _limit(r, f, "max", t, what)
    if lo is not None and hi is not None and lo > hi:
        r.report(f["max"][1], "E027", f"{what} has min {lo} greater than max {hi}")
    values = _values(r, f, t, what)
    default = _default(r, f["default"][1], t, what, lo, hi, values)
    show = r.boolean(f["show"][1], "show") if "show" in f else False
    label = r.text(f["label"][1], f"the label of {what}") if "label" in f else None
    if default is None:
        return None
    return Variable(name, t, default, r.pos(key), lo, hi, values, bool(show), label)


def _limit(r: Reader, f: dict[str, tuple[YNode, YNode]], key: str, t: str,
           what: str) -> int | None:
    if key not in f:
        return None
    if t != "int":
        r.report(f[key][0], "E028", f"{key} applies only to int variables, and {what} is {t}")
        return None
    return r.integer(f[key][1], f"{key} of {what}")


def _values(r: Reader, f: dict[str, tuple[YNode, YNode]], t: str,
            what: str) -> tuple[str, ...] | None:
    if "values" not in f:
        return None
    key, n = f["values"]
    if t != "str":
        r.report(key, "E028", f"values applies only to str variables, and {what} is {t}")
        return None
    items = r.sequence(n, f"values of {what}")
    if items is None:
        return None
    out: list[str] = []
    for item in items:
        if item.kind != "scalar" or item.tag == "null":
            r.wrong_type(item, f"a value of {what}", "a string")
        elif item.text in out:
            r.report(item, "E002", f"'{item.text}' is listed twice in the values of {what}")
        else:
            out.append(item.text)
    if not items:
        r.report(n, "E028", f"values of {what} is empty; list the allowed strings")
    return tuple(out)


def _default(r: Reader, n: YNode, t: str, what: str, lo: int | None, hi: int | None,
             values: tuple[str, ...] | None) -> Value | None:
    expected = {"int": "an integer", "bool": "true or false", "str": "a string"}[t]
    tag_ok = {"int": n.tag == "int", "bool": n.tag == "bool",
              "str": n.tag in ("str", "int", "timestamp", "float")}[t]
    if n.kind != "scalar" or not tag_ok:
        r.wrong_type(n, f"the default of {what} ({t})", expected)
        return None
    value = n.as_python() if t != "str" else n.text
    assert isinstance(value, (int, bool, str))
    if t == "int" and isinstance(value, int):
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            r.report(n, "E018", f"the default {value} of {what} is outside its range "
                     f"{lo if lo is not None else '-∞'}..{hi if hi is not None else '∞'}")
    if values is not None and value not in values:
        r.report(n, "E018", f"the default '{value}' of {what} is not one of its values "
                 f"({', '.join(values)})")
    return value


def _chapter(r: Reader, name: str, key: YNode, n: YNode) -> Chapter | None:
    f = r.fields(n, f"chapter '{name}'", key, CHAPTER_REQUIRED)
    title = r.text(f["title"][1], f"the title of chapter '{name}'") if f and "title" in f else None
    return Chapter(name, title, r.pos(key)) if title else None


def _character(r: Reader, name: str, key: YNode, n: YNode) -> Character | None:
    what = f"character '{name}'"
    f = r.fields(n, what, key, CHARACTER_REQUIRED, CHARACTER_OPTIONAL)
    if f is None or "name" not in f:
        return None
    text = r.text(f["name"][1], f"the name of {what}")
    color = None
    if "color" in f:
        color = r.string(f["color"][1], f"the color of {what}")
        if color is not None and not COLOR.match(color):
            r.report(f["color"][1], "E028", f"the color of {what} must look like \"#8a2b2b\"")
            color = None
    return Character(name, text, r.pos(key), color) if text else None


def _place(r: Reader, name: str, key: YNode, n: YNode) -> Place | None:
    what = f"place '{name}'"
    f = r.fields(n, what, key, PLACE_REQUIRED, PLACE_OPTIONAL)
    if f is None or "name" not in f:
        return None
    text = r.text(f["name"][1], f"the name of {what}")
    image = image_pos = None
    if "image" in f:
        image = r.string(f["image"][1], f"the image of {what}")
        image_pos = r.pos(f["image"][1])
        if image is not None and not safe_asset_path(image):
            r.report(f["image"][1], "E028", f"the image of {what} must be a relative path inside "
                     "assets/, like images/legation.svg")
            image = None
    return Place(name, text, r.pos(key), image, image_pos) if text else None


def _ending(r: Reader, name: str, key: YNode, n: YNode) -> Ending | None:
    what = f"ending '{name}'"
    f = r.fields(n, what, key, ENDING_REQUIRED, ENDING_OPTIONAL)
    if f is None or "title" not in f:
        return None
    title = r.text(f["title"][1], f"the title of {what}")
    summary = r.text(f["summary"][1], f"the summary of {what}") if "summary" in f else None
    hint = r.text(f["hint"][1], f"the hint for {what}") if "hint" in f else None
    return Ending(name, title, r.pos(key), summary, hint) if title else None


def safe_asset_path(path: str) -> bool:
    """A path that stays inside assets/: relative, no '..', no drive, no backslashes."""
    if not path or "\\" in path or ":" in path or "\x00" in path:
        return False
    p = PurePosixPath(path)
    return not p.is_absolute() and ".." not in p.parts


__all__ = ["NODE_ID", "Manifest", "build_manifest", "read_languages", "safe_asset_path"]
