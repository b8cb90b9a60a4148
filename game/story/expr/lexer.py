"""Tokenizer for expressions: integers, strings, names, keywords and operators."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ExprError

KEYWORDS = frozenset({"and", "or", "not", "true", "false", "visited"})
_TWO_CHAR = frozenset({"==", "!=", "<=", ">="})
_ONE_CHAR = frozenset("<>+-*()")
MAX_LENGTH = 4000


@dataclass(frozen=True)
class Token:
    kind: str  # INT STRING NAME KEYWORD OP END
    text: str
    offset: int
    value: int | str | None = None


def tokenize(source: str) -> list[Token]:
    """Split an expression into tokens; raise ExprError at the first bad character."""
    if len(source) > MAX_LENGTH:
        raise ExprError(f"expression longer than {MAX_LENGTH} characters", MAX_LENGTH)
    tokens: list[Token] = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c in " \t\r\n":
            i += 1
        elif c.isdigit() and c.isascii():
            j = i
            while j < n and source[j].isdigit() and source[j].isascii():
                j += 1
            if j < n and (source[j].isalpha() or source[j] == "_"):
                raise ExprError(f"a number cannot run into a name: '{source[i:j + 1]}'", j)
            if j - i > 18:
                raise ExprError("number too large", i)
            tokens.append(Token("INT", source[i:j], i, int(source[i:j])))
            i = j
        elif c.isalpha() and c.isascii() or c == "_":
            j = i
            while j < n and (source[j].isascii() and source[j].isalnum() or source[j] == "_"):
                j += 1
            word = source[i:j]
            tokens.append(Token("KEYWORD" if word in KEYWORDS else "NAME", word, i, word))
            i = j
        elif c in "\"'":
            i = _string(source, i, tokens)
        elif source[i:i + 2] in _TWO_CHAR:
            tokens.append(Token("OP", source[i:i + 2], i))
            i += 2
        elif c in _ONE_CHAR:
            tokens.append(Token("OP", c, i))
            i += 1
        else:
            raise ExprError(_bad_char_message(source, i), i)
    tokens.append(Token("END", "", n))
    return tokens


def _string(source: str, start: int, tokens: list[Token]) -> int:
    quote = source[start]
    j = start + 1
    chars: list[str] = []
    while j < len(source):
        ch = source[j]
        if ch == "\\" and j + 1 < len(source):
            chars.append(source[j + 1])
            j += 2
            continue
        if ch == quote:
            tokens.append(Token("STRING", source[start:j + 1], start, "".join(chars)))
            return j + 1
        chars.append(ch)
        j += 1
    raise ExprError("string is not closed: add the matching quote", start)


def _bad_char_message(source: str, i: int) -> str:
    c = source[i]
    hints = {
        "=": "use '==' to compare",
        "!": "use 'not' or '!='",
        "&": "use 'and'",
        "|": "use 'or'",
        "/": "there is no division",
        ".": "there are no attributes or decimals",
        "[": "there is no indexing",
    }
    hint = hints.get(c)
    return f"unexpected character '{c}'" + (f" ({hint})" if hint else "")
