"""Typed reading of YAML nodes into model pieces, reporting every problem with its place.

A `Reader` belongs to one file. Each method returns the value or None, and on None it
has already recorded a diagnostic, so callers simply skip what could not be read and
carry on: one run reports every problem.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from types import MappingProxyType

from .diagnostics import Diagnostic, Related, diag
from .expr import ExprError, compile_expr, parse
from .model import Expression, NodeText, Pos, Segment, Template, Text, TextPart
from .templates import split_template
from .yaml_source import YNode, scalar_positions

NODE_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
NAME_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")

Fields = dict[str, tuple[YNode, YNode]]
# A conditional part of a node's text: `{if: EXPR, text: TEXT}`.
PART_REQUIRED, PART_OPTIONAL = ("text",), ("if",)


class Reader:
    def __init__(self, file: str, diagnostics: list[Diagnostic],
                 languages: Sequence[str] | None, source: str = "") -> None:
        self.file = file
        self.diagnostics = diagnostics
        self.languages = tuple(languages) if languages else None
        self.source = source  # the file's text, to place errors inside scalars

    # -- reporting --------------------------------------------------------------

    def pos(self, n: YNode) -> Pos:
        return Pos(self.file, n.line, n.col)

    def report(self, n: YNode | Pos, code: str, message: str,
               related: tuple[Related, ...] = ()) -> None:
        line, col = (n.line, n.col)
        self.diagnostics.append(diag(self.file, line, col, code, message, related))

    def wrong_type(self, n: YNode, what: str, expected: str) -> None:
        shown = f" '{_clip(n.text)}'" if n.kind == "scalar" and n.text else ""
        if n.kind == "scalar" and n.tag == "str" and n.text.lstrip("+-").isdigit():
            shown += " (a number far too large for a story)"
        self.report(n, "E005", f"{what} must be {expected}, not {n.describe()}{shown}")

    # -- structure ----------------------------------------------------------------

    def mapping(self, n: YNode, what: str) -> list[tuple[YNode, YNode]] | None:
        if n.kind != "map":
            self.wrong_type(n, what, "a mapping")
            return None
        out = []
        for k, v in n.items():
            if k.kind != "scalar" or k.tag == "null":
                self.report(k, "E005", f"a key in {what} must be a plain name")
                continue
            out.append((k, v))
        return out

    def fields(self, n: YNode, what: str, at: YNode | None, required: Sequence[str] = (),
               optional: Sequence[str] = ()) -> Fields | None:
        """Read a mapping with a fixed set of keys; unknown keys get a 'did you mean'."""
        items = self.mapping(n, what)
        if items is None:
            return None
        allowed = (*required, *optional)
        out: Fields = {}
        for k, v in items:
            if k.text in allowed:
                out[k.text] = (k, v)
            elif k.text == "<<":
                self.report(k, "E003", f"YAML merge keys (<<) are not supported in {what}; "
                            "a node file's 'defaults:' shares chapter, place and speaker")
            else:
                self.report(k, "E003",
                            f"unknown key '{k.text}' in {what}{suggest(k.text, allowed)}")
        for name in required:
            if name not in out:
                self.report(at or n, "E004", f"{what} is missing the required field '{name}'")
        return out

    def sequence(self, n: YNode, what: str) -> list[YNode] | None:
        if n.kind != "seq":
            self.wrong_type(n, what, "a list")
            return None
        return n.children()

    # -- scalars --------------------------------------------------------------------

    def string(self, n: YNode, what: str) -> str | None:
        if n.kind != "scalar" or n.tag != "str":
            self.wrong_type(n, what, "a string")
            return None
        return n.text

    def scalar_text(self, n: YNode, what: str) -> str | None:
        """Any non-empty scalar as written (so `version: 1.0` stays '1.0')."""
        if n.kind != "scalar" or n.tag == "null":
            self.wrong_type(n, what, "a string")
            return None
        return n.text

    def integer(self, n: YNode, what: str) -> int | None:
        if n.kind != "scalar" or n.tag != "int":
            self.wrong_type(n, what, "an integer")
            return None
        value = n.as_python()
        assert isinstance(value, int)
        return value

    def boolean(self, n: YNode, what: str) -> bool | None:
        if n.kind != "scalar" or n.tag != "bool":
            self.wrong_type(n, what, "true or false")
            return None
        return bool(n.as_python())

    def ident(self, n: YNode, what: str, pattern: re.Pattern[str] = NODE_ID) -> str | None:
        value = self.string(n, what)
        if value is None:
            return None
        if not pattern.match(value):
            rule = ("lower-case letters, digits and '_', starting with a letter"
                    if pattern is NODE_ID else "letters, digits, '_' and '-'")
            self.report(n, "E022", f"invalid {what} '{_clip(value)}': use {rule}")
            return None
        return value

    # -- texts -----------------------------------------------------------------------

    def text(self, n: YNode, what: str) -> Text | None:
        """A string for every language, or a mapping from language to string."""
        if n.kind == "scalar":
            if n.tag == "null":
                self.report(n, "E005", f"{what} is empty")
                return None
            template = self.template(n, n.text)
            if template is None:
                return None
            langs = self.languages or ("*",)
            return Text(MappingProxyType(dict.fromkeys(langs, template)), self.pos(n), True)
        items = self.mapping(n, what) if n.kind == "map" else None
        if items is None:
            if n.kind == "seq":
                self.wrong_type(n, what, "a string or a mapping of languages")
            return None
        by_lang: dict[str, Template] = {}
        for k, v in items:
            if self.languages is not None and k.text not in self.languages:
                self.report(k, "E003", f"unknown language '{k.text}' in {what} "
                            f"(the story declares {', '.join(self.languages)})"
                            f"{suggest(k.text, self.languages)}")
                continue
            if v.kind != "scalar" or v.tag == "null":
                self.wrong_type(v, f"the '{k.text}' text of {what}", "a string")
                continue
            template = self.template(v, v.text)
            if template is not None:
                by_lang[k.text] = template
        if self.languages is not None:
            missing = [lang for lang in self.languages if lang not in {k.text for k, _ in items}]
            if missing:
                self.report(n, "W002", f"{what} has no {', '.join(repr(m) for m in missing)} "
                            f"translation; the {self.languages[0]!r} text is shown instead")
        if not by_lang:
            return None
        return Text(MappingProxyType(by_lang), self.pos(n))

    def node_text(self, n: YNode, what: str) -> NodeText | None:
        """A node's text: a text, or a list of parts (texts or {if, text})."""
        if n.kind != "seq":
            text = self.text(n, what)
            return None if text is None else NodeText((TextPart(text),), self.pos(n))
        parts: list[TextPart] = []
        ok = True
        for item in n.children():
            part = self.text_part(item, what)
            ok = ok and part is not None
            if part is not None:
                parts.append(part)
        if not n.children():
            self.report(n, "E005", f"{what} is an empty list")
            return None
        return NodeText(tuple(parts), self.pos(n)) if ok else None

    def text_part(self, n: YNode, what: str) -> TextPart | None:
        is_conditional = n.kind == "map" and any(k.text in (*PART_REQUIRED, *PART_OPTIONAL)
                                                  for k, _ in n.items())
        if not is_conditional:
            text = self.text(n, f"a part of {what}")
            return None if text is None else TextPart(text)
        f = self.fields(n, f"a conditional part of {what}", n, PART_REQUIRED, PART_OPTIONAL)
        if f is None or "text" not in f:
            return None
        text = self.text(f["text"][1], f"a part of {what}")
        condition = self.expression(f["if"][1], "the part's 'if'") if "if" in f else None
        if text is None or ("if" in f and condition is None):
            return None
        return TextPart(text, condition)

    def template(self, n: YNode, source: str) -> Template | None:
        if "{" not in source and "}" not in source:
            return Template((source,))
        positions = self.positions(n)
        try:
            pieces = split_template(source)
        except ExprError as e:
            self.report(self.at_offset(n, positions, e.offset), "E014", e.message)
            return None
        segments: list[Segment] = []
        for piece in pieces:
            if isinstance(piece, str):
                segments.append(piece)
                continue
            src, offset = piece
            expr = self._parse(n, src, None if positions is None else positions[offset:])
            if expr is None:
                return None
            segments.append(expr)
        return Template(tuple(segments))

    def positions(self, n: YNode) -> tuple[tuple[int, int], ...] | None:
        found = scalar_positions(self.source, n) if self.source else None
        return tuple(found) if found is not None else None

    # -- expressions ---------------------------------------------------------------------

    def expression(self, n: YNode, what: str) -> Expression | None:
        """An expression; a YAML boolean or integer is accepted as its literal."""
        if n.kind == "scalar" and n.tag in ("bool", "int"):
            return self._parse(n, n.text.lower() if n.tag == "bool" else str(n.as_python()), None,
                               literal=n.as_python())
        if n.kind != "scalar" or n.tag not in ("str",):
            self.wrong_type(n, what, "an expression")
            return None
        return self._parse(n, n.text, self.positions(n))

    def _parse(self, n: YNode, source: str, positions: tuple[tuple[int, int], ...] | None,
               literal: object = None) -> Expression | None:
        if literal is not None:
            source = "true" if literal is True else "false" if literal is False else source
        try:
            tree = parse(source)
        except ExprError as e:
            self.report(self.at_offset(n, positions, e.offset), e.code, e.message)
            return None
        if positions is not None:  # a template passes the rest of its text: keep only ours
            positions = positions[: len(source) + 1]  # (+1: "unexpected end" points past it)
        return Expression(source, tree, self.pos(n), compile_expr(tree), positions)

    def at_offset(self, n: YNode, positions: tuple[tuple[int, int], ...] | None,
                  offset: int) -> Pos:
        if positions is None or not 0 <= offset < len(positions):
            return Pos(self.file, n.line, n.col)
        line, col = positions[offset]
        return Pos(self.file, line, col)


def suggest(word: str, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _clip(s: str, n: int = 40) -> str:
    s = s.replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"
