"""Interpolation inside texts: `{EXPR}` is replaced by its value; `{{` and `}}` are braces."""

from __future__ import annotations

from .expr.errors import ExprError

Piece = str | tuple[str, int]  # literal text, or (expression source, offset in the text)


def split_template(text: str) -> list[Piece]:
    """Split a text into literal pieces and expressions; raise ExprError on a stray brace."""
    if "{" not in text and "}" not in text:
        return [text]
    pieces: list[Piece] = []
    literal: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "{" and text.startswith("{{", i):
            literal.append("{")
            i += 2
        elif c == "}" and text.startswith("}}", i):
            literal.append("}")
            i += 2
        elif c == "}":
            raise ExprError("a lone '}' in a text: write '}}' for a literal brace", i)
        elif c == "{":
            end = _closing_brace(text, i + 1)
            if end < 0:
                raise ExprError("'{' is never closed: write '{{' for a literal brace", i)
            if literal:
                pieces.append("".join(literal))
                literal = []
            pieces.append((text[i + 1:end], i + 1))
            i = end + 1
        else:
            literal.append(c)
            i += 1
    if literal:
        pieces.append("".join(literal))
    return pieces


def _closing_brace(text: str, start: int) -> int:
    """The index of the '}' that closes an expression, skipping quoted strings."""
    quote = ""
    i = start
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == "}":
            return i
        elif c == "{":
            return -1
        i += 1
    return -1
