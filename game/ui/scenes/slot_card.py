"""One save slot drawn as a card: its picture, where and when, how long, the opening words.

A card's text is rendered once into its own surface when the screen is built, so a
frame is a blit and a focus ring. Everything shown comes from a file that may have been
edited or shared, so every string is cut to the card before it is rendered, and a
thumbnail is only decoded when its PNG header promises a sensible size.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from ...engine.render import node_text, render_text
from ...persist.save_folder import Slot, Status
from ...persist.save_format import SaveGame
from .. import theme
from ..fonts import Color
from ..session import format_date
from ..text_layout import wrap
from ..widgets import translucent

if TYPE_CHECKING:
    from ..app import App

log = logging.getLogger(__name__)

CARD_SIZE = (556, 172)
THUMB_BOX = (192, 108)
PAD = 12
TEXT_X = PAD + THUMB_BOX[0] + 16
MAX_CHARS = 400  # of any one field, before wrapping: a shared file may hold 20,000
MAX_THUMB_SIDE = 4096  # pixels: a larger PNG is not decoded (it could be a bomb)
CARD_FILL = (250, 245, 232, 240)
THUMB_FILL = (224, 214, 190)
BUTTON_H = 26

Measure = Callable[[str], int]


@dataclass
class SmallButton:
    """Delete or Replay on a card; `rect` is in canvas coordinates."""

    action: str
    label: pygame.Surface
    rect: pygame.Rect


@dataclass
class Card:
    slot: Slot
    rect: pygame.Rect
    surface: pygame.Surface
    buttons: list[SmallButton] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # what the card says, in drawing order

    def button_at(self, pos: tuple[int, int]) -> SmallButton | None:
        return next((b for b in self.buttons if b.rect.collidepoint(pos)), None)

    def draw(self, surface: pygame.Surface, focused: bool, hover: SmallButton | None) -> None:
        r = self.rect
        surface.blit(self.surface, r.topleft)
        pygame.draw.rect(surface, theme.FOCUS if focused else theme.PANEL_EDGE, r,
                         3 if focused else 1)
        if focused:
            pygame.draw.rect(surface, theme.RED, (r.x, r.y, 6, r.height))
        for b in self.buttons:
            lit = b is hover
            surface.blit(translucent(b.rect.size, (255, 250, 236, 255) if lit else
                                     (242, 234, 216, 255)), b.rect.topleft)
            pygame.draw.rect(surface, theme.FOCUS if lit else theme.PANEL_EDGE, b.rect,
                             2 if lit else 1)
            surface.blit(b.label, b.label.get_rect(center=b.rect.center))


def build_card(app: App, slot: Slot, rect: pygame.Rect, mode: str) -> Card:
    """The card for `slot` at `rect`; `mode` ("save" or "load") decides its buttons."""
    fonts, t = app.fonts, app.t
    surf = pygame.Surface(rect.size, pygame.SRCALPHA)
    surf.fill(CARD_FILL)
    card = Card(slot, rect, surf)
    width = rect.width - TEXT_X - PAD

    def put(text: str, size: int, color: Color, x: int, y: int) -> None:
        if text:
            surf.blit(fonts.render(text, size, color), (x, y))
            card.texts.append(text)

    actions = []
    if slot.status is Status.OK and mode == "load":
        actions.append("replay")
    if slot.status is not Status.EMPTY:
        actions.append("delete")
    right = rect.right - PAD
    for action in reversed(actions):
        label = fonts.render(t(action), 15, theme.INK)
        r = pygame.Rect(0, rect.y + 8, label.get_width() + 22, BUTTON_H)
        r.right = right
        right = r.x - 6
        card.buttons.insert(0, SmallButton(action, label, r))
    card.texts += [t(b.action) for b in card.buttons]

    thumb = thumbnail(slot.thumbnail)
    box = pygame.Rect(PAD, PAD, *THUMB_BOX)
    if thumb is None:
        pygame.draw.rect(surf, THUMB_FILL, box)
        pygame.draw.rect(surf, theme.PANEL_EDGE, box, 1)
    else:
        surf.blit(thumb, thumb.get_rect(center=box.center))
    label_w = right - rect.x - TEXT_X
    put(clip(app.saves.slot_label(slot.name), label_w, fonts.measure(20))[0], 20, theme.INK,
        TEXT_X, 8)

    if slot.save is None:
        if slot.status is Status.DAMAGED:
            put(t("damaged"), 18, theme.RED, TEXT_X, 40)
            for i, line in enumerate(clip(slot.damage or "", width, fonts.measure(15), 3)):
                put(line, 15, theme.INK_SOFT, TEXT_X, 68 + 21 * i)
        else:
            put(t("slot_empty"), 18, theme.INK_FAINT, TEXT_X, 40)
        return card

    save = slot.save
    meta = save.meta
    chapter, place, excerpt = localized(app, save)
    put(clip(chapter, width, fonts.measure(18))[0], 18, theme.INK, TEXT_X, 38)
    put(clip(place, width, fonts.measure(16))[0], 16, theme.INK_SOFT, TEXT_X, 64)
    count = len(save.log)
    decisions = t("decisions_1") if count == 1 else t("decisions_n").format(n=count)
    facts = " · ".join(p for p in (date_text(meta.date, app.lang), decisions) if p)
    put(clip(facts, width, fonts.measure(15))[0], 15, theme.INK_SOFT, TEXT_X, 88)
    marks = "  ".join(marks_of(app, save))
    for i, line in enumerate(clip(excerpt, width, fonts.measure(15), 1 if marks else 2)):
        put(line, 15, theme.INK_SOFT, TEXT_X, 114 + 22 * i)
    if marks:  # in place of the excerpt's second line
        put(clip(marks, width, fonts.measure(15))[0], 15, theme.RED, TEXT_X, 136)
    under = PAD + THUMB_BOX[1] + 4
    put(local_time(meta.saved_at), 14, theme.INK_SOFT, PAD, under)
    put(t("playtime").format(t=playtime_text(meta.playtime, t)), 14, theme.INK_SOFT, PAD,
        under + 20)
    return card



def marks_of(app: App, save: SaveGame) -> list[str]:
    """The red notes: an ending, a save made while watching a replay, another story's save."""
    story, t = app.story, app.t
    marks = []
    if story is not None and save.story.id != story.id:
        marks.append(t("other_story_mark"))
    elif save.meta.ending:
        ending = story.endings.get(save.meta.ending) if story is not None else None
        title = save.meta.ending
        if ending is not None and story is not None:
            try:
                title = render_text(story, ending.title, save.state, app.lang)
            except (KeyError, TypeError, ValueError, ArithmeticError):
                pass
        marks.append(t("ending_mark").format(title=title))
    if save.meta.replay:
        marks.append(t("replay_mark"))
    return marks


def localized(app: App, save: SaveGame) -> tuple[str, str, str]:
    """Chapter title, place name and excerpt in the game's language.

    The save holds them in the language it was made in; when the player has switched
    since and the story files are the very ones it was made with, they are rendered
    again, so a Japanese screen does not list English chapter titles.
    """
    meta, story, lang = save.meta, app.story, app.lang
    kept = (meta.chapter_title, meta.place_name, meta.excerpt)
    if meta.language == lang or story is None or save.story.id != story.id \
            or save.story.hash != story.content_hash:
        return kept
    state = save.state
    try:
        node = story.nodes[state.node]
        chapter = story.chapters.get(node.chapter or "")
        place = story.places.get(node.place or "")
        return (render_text(story, chapter.title, state, lang) if chapter else "",
                render_text(story, place.name, state, lang) if place else "",
                " ".join(node_text(story, state, lang).split()))
    except (KeyError, TypeError, ValueError, ArithmeticError):  # a state the story rejects
        return kept


def clip(text: str, width: int, measure: Measure, lines: int = 1) -> list[str]:
    """`text` on at most `lines` lines of `width`, the last cut with an ellipsis."""
    text = " ".join(text.split())[:MAX_CHARS]
    if not text:
        return [""]
    out = wrap(text, width, measure)
    if len(out) <= lines:
        return out
    out = out[:lines]
    last = out[-1]
    while last and measure(last + "…") > width:
        last = last[:-1]
    out[-1] = last.rstrip() + "…"
    return out


def date_text(iso: str | None, lang: str) -> str:
    if not iso:
        return ""
    try:
        return format_date(iso, lang)
    except (ValueError, IndexError):  # not a date the story could have written
        return iso[:40]


def local_time(iso: str) -> str:
    """An ISO UTC time as the player's local 'YYYY-MM-DD HH:MM' ('' when unreadable)."""
    try:
        when = datetime.fromisoformat(iso[:40])
    except ValueError:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    try:
        return when.astimezone().strftime("%Y-%m-%d %H:%M")
    except (ValueError, OverflowError, OSError):
        return ""


def playtime_text(seconds: float, t: Callable[[str], str]) -> str:
    """'1 h 05 min', '12 min' (or the Japanese) from seconds played."""
    minutes = int(seconds // 60)
    if minutes < 1:
        return t("playtime_short")
    hours, minutes = divmod(minutes, 60)
    if hours:
        return t("playtime_hm").format(h=hours, m=minutes)
    return t("playtime_m").format(m=minutes)


# -- thumbnails ---------------------------------------------------------------------------

_THUMBS: OrderedDict[tuple[str, int], pygame.Surface | None] = OrderedDict()
THUMBS_KEPT = 64


def thumbnail(path: Path | None) -> pygame.Surface | None:
    """The slot's picture fitted to THUMB_BOX, decoded once per file version."""
    if path is None:
        return None
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except OSError:
        return None
    if key in _THUMBS:
        _THUMBS.move_to_end(key)
        return _THUMBS[key]
    image = _load(path)
    _THUMBS[key] = image
    if len(_THUMBS) > THUMBS_KEPT:
        _THUMBS.popitem(last=False)
    return image


def _load(path: Path) -> pygame.Surface | None:
    try:
        with path.open("rb") as fh:
            head = fh.read(24)
        if not _sane_png(head):
            log.warning("thumbnail %s is not a PNG of a sensible size; not shown", path)
            return None
        image = pygame.image.load(str(path))
        w, h = image.get_size()
        scale = min(THUMB_BOX[0] / w, THUMB_BOX[1] / h)
        size = (max(1, round(w * scale)), max(1, round(h * scale)))
        try:
            return pygame.transform.smoothscale(image, size)
        except ValueError:  # smoothscale wants 24 or 32 bits per pixel
            return pygame.transform.scale(image, size)
    except (pygame.error, OSError, ValueError, ZeroDivisionError) as e:
        log.warning("thumbnail %s cannot be shown: %s", path, e)
        return None


def _sane_png(head: bytes) -> bool:
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return False
    w, h = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    return 0 < w <= MAX_THUMB_SIDE and 0 < h <= MAX_THUMB_SIDE
