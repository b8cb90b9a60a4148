"""Short one-line renderings of story texts for map labels.

A map is read at a glance: a choice's words are cut to about thirty columns, a
Japanese character counting as two (it is drawn twice as wide), and `{expressions}`
are shown as written, since a map has no state to evaluate them with.
"""

from __future__ import annotations

import re
import unicodedata

from ..model import Expression, Text

WIDTH = 30
_SPACES = re.compile(r"[^\S\u3000]+")
ELLIPSIS = "…"


def plain(text: Text, lang: str, default_lang: str) -> str:
    """The text in `lang` (else the default language) on one line, expressions as `{src}`."""
    pieces = []
    for segment in text.template(lang, default_lang).segments:
        if isinstance(segment, Expression):
            pieces.append("{" + segment.source + "}")
        else:
            pieces.append(segment)
    return one_line("".join(pieces))


def one_line(text: str) -> str:
    """White space collapsed to single spaces (an ideographic space inside a text, part of
    Japanese typesetting, kept); other control characters made visible."""
    cleaned = "".join("\ufffd" if _is_control(c) and not c.isspace() else c for c in text)
    return _SPACES.sub(" ", cleaned).strip()


def shorten(text: str, width: int = WIDTH) -> str:
    """`text` cut to `width` columns, ending in an ellipsis when something was cut."""
    if columns(text) <= width:
        return text
    kept, used = [], columns(ELLIPSIS)
    for c in text:
        used += columns(c)
        if used > width:
            break
        kept.append(c)
    return "".join(kept).rstrip() + ELLIPSIS


def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _is_control(c: str) -> bool:
    return unicodedata.category(c) in ("Cc", "Cs")


def wrap(text: str, width: int = WIDTH + 6) -> list[str]:
    """`text` broken at spaces into lines of about `width` columns; a longer word stays whole."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and columns(lines[-1]) + 1 + columns(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines
