"""Line breaking for English and Japanese, independent of any font library.

English breaks at spaces. Japanese may break between any two characters, except that
no line may start with closing punctuation (。、」』）！？ and the like) and no line
may end with an opening bracket (「『（). Characters that must stay together are
grouped into clusters first; clusters are then packed greedily. A measuring function
is passed in, so this module is tested without pygame.
"""

from __future__ import annotations

from collections.abc import Callable

NO_LINE_START = frozenset(
    "。、，．・：；？！!?)）]］}｝」』】〕〉》〙〗〟’”»ゝゞ々ー"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ…‥,.:;%℃"
)
NO_LINE_END = frozenset("(（[［{｛「『【〔〈《〘〖〝‘“«")


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x3000 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF
            or 0x20000 <= o <= 0x2FFFF)


def _units(text: str) -> list[str]:
    """Words (with the spaces after them) for Latin text; single characters for CJK."""
    units: list[str] = []
    word = ""
    for ch in text:
        if is_cjk(ch) or (not ch.isascii() and (ch in NO_LINE_START or ch in NO_LINE_END)):
            if word:
                units.append(word)
                word = ""
            units.append(ch)
        elif ch == " ":
            word += ch
            units.append(word)
            word = ""
        else:
            if word.endswith(" "):
                units.append(word)
                word = ""
            word += ch
    if word:
        units.append(word)
    return units


def _clusters(units: list[str]) -> list[str]:
    """Join units across every place a line may not break."""
    clusters: list[str] = []
    for unit in units:
        glue = clusters and (
            unit[0] in NO_LINE_START
            or clusters[-1].rstrip(" ")[-1:] in NO_LINE_END
            or (not clusters[-1].endswith(" ") and not is_cjk(unit[0]) and not is_cjk(
                clusters[-1][-1]) and unit[0] not in NO_LINE_END
                and clusters[-1][-1] not in NO_LINE_START)
        )
        if glue:
            clusters[-1] += unit
        else:
            clusters.append(unit)
    return clusters


def wrap_line(text: str, width: int, measure: Callable[[str], int]) -> list[str]:
    """Break one paragraph (no newlines) into lines no wider than `width` where possible."""
    if not text:
        return [""]
    lines: list[str] = []
    current = ""
    for cluster in _clusters(_units(text)):
        candidate = current + cluster
        if measure(candidate.rstrip(" ")) <= width or not current:
            current = candidate
        else:
            lines.append(current.rstrip(" "))
            current = cluster.lstrip(" ")
        while measure(current.rstrip(" ")) > width and len(current.rstrip(" ")) > 1:
            head, current = _split_long(current, width, measure)
            lines.append(head)
    lines.append(current.rstrip(" "))
    return lines


def _split_long(text: str, width: int, measure: Callable[[str], int]) -> tuple[str, str]:
    """A cluster wider than the line (a long word, a long run of glued marks): cut it."""
    cut = 1
    while cut < len(text) and measure(text[: cut + 1]) <= width:
        cut += 1
    # keep kinsoku where we can: do not start the rest with a no-start mark
    while 1 < cut < len(text) and text[cut] in NO_LINE_START:
        cut -= 1
    return text[:cut], text[cut:].lstrip(" ")


def wrap(text: str, width: int, measure: Callable[[str], int]) -> list[str]:
    """Break a text with newlines; a blank line between paragraphs is kept as ''."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        out += wrap_line(paragraph, width, measure)
    return out
