"""Which slots the save/load screen lists, on which page, under which tab.

Load mode: the quicksave and the autosaves (newest first), the 30 manual slots, then
saves dropped into the folder; save mode: only the manual slots, since an autosave or
a shared file is not the player's to write. A page has a key that survives a language
switch and a re-read of the folder, so the screen can stay on (or come back to) it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...persist.save_folder import SaveFolder, Slot, newest

PER_PAGE = 6


@dataclass(frozen=True)
class Page:
    key: str  # "auto1", "m2", "other1"
    tab: str  # pages with the same tab share one: the older autosaves, the other saves
    label: str  # the tab's label
    slots: list[Slot]


@dataclass(frozen=True)
class Listing:
    manual: list[Slot]
    auto: list[Slot]  # the quicksave, then the autosaves newest first (load mode only)
    other: list[Slot]


def read_listing(folder: SaveFolder, mode: str) -> Listing:
    """One read of the folder (this parses and checks every save: not a per-frame call)."""
    if mode == "save":
        return Listing(folder.manual(), [], [])
    return Listing(folder.manual(), [folder.quick(), *folder.autosaves()], folder.others())


def make_pages(listing: Listing, t: Callable[[str], str]) -> list[Page]:
    """The pages in order; a folder full of shared saves adds pages, never tabs."""
    pages = []
    for i, chunk in enumerate(_chunks(listing.auto), 1):
        if i == 1:
            pages.append(Page("auto1", "auto", t("tab_auto"), chunk))
        else:
            pages.append(Page(f"auto{i}", "auto-older", t("tab_auto_older"), chunk))
    for i, chunk in enumerate(_chunks(listing.manual), 1):
        pages.append(Page(f"m{i}", f"m{i}", str(i), chunk))
    for i, chunk in enumerate(_chunks(listing.other), 1):
        pages.append(Page(f"other{i}", "other", t("tab_other"), chunk))
    return pages


def newest_page(pages: list[Page]) -> str | None:
    """The page holding the most recent save: where the player most likely wants to be."""
    found = newest(slot for page in pages for slot in page.slots)
    return next((page.key for page in pages if found in page.slots), None)


def _chunks(slots: list[Slot]) -> list[list[Slot]]:
    return [slots[i:i + PER_PAGE] for i in range(0, len(slots), PER_PAGE)]
