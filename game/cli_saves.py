"""The command line for saves: `replay SAVE`, `saves list`, and `trace --save FILE`.

`replay` prints the same JSON as `trace` plus whether the decisions reproduced the
saved state ("reproduced") and, when they did not, where and why ("divergence").
Exit status: 0 reproduced; 1 the story now goes another way (the JSON says where);
2 the story has errors or the command line is wrong; 4 the save is damaged.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .engine.play import offered
from .engine.state import PlayState
from .engine.trace import step_record
from .persist.paths import saves_dir
from .persist.save_folder import SaveFolder, Slot, Status, read_save_file
from .persist.save_format import DamagedSave, SaveGame, encode
from .persist.snapshot import describe, make_save, restore
from .persist.story_cache import load_story_cached as load_story
from .story import LoadResult, Story

EXIT_DIVERGED = 1
EXIT_DAMAGED = 4


def add_commands(sub: Any, story_arg: Any) -> None:
    p = sub.add_parser("replay", help="replay a saved game's decisions and print them as "
                                      "trace does, saying whether they reproduce the save")
    p.add_argument("save_file", help="a save file (e.g. saves/slot-01.json)")
    p.add_argument("--story", default=None, metavar="DIR",
                   help="the story to replay against (default: the one the save names, "
                        "else the game's own)")
    p.add_argument("--lang", help="language of the rendered texts (default: the save's)")

    p = sub.add_parser("saves", help="list the save slots and whether each can be loaded")
    p.add_argument("action", choices=["list"], help="what to do (list)")
    p.add_argument("--saves", default=None, metavar="DIR",
                   help="the saves folder (default: $STOCKHOLM_SAVES, else saves/)")
    p.add_argument("--json", action="store_true", help="print the list as JSON")


def write_trace_save(story: Story, state: PlayState, lang: str, target: str) -> int:
    """`trace --save FILE`: a save of where the trace ended, written atomically."""
    from .persist.atomic import write_atomic

    save = make_save(story, state, describe(story, state, lang))
    try:
        write_atomic(Path(target), encode(save))
    except OSError as e:
        print(f"error: cannot write the save {target}: {e.strerror or e}", file=sys.stderr)
        return 2
    print(f"saved {len(state.log)} decisions to {target}", file=sys.stderr)
    return 0


def story_for(save: SaveGame, given: str | None, default: str) -> LoadResult:
    """`--story`, else the folder the save was made from (when it is that story), else ours."""
    if given is not None:
        return load_story(given)
    hint = save.story.path
    if hint and Path(hint).is_dir():
        found = load_story(hint)
        if found.story is not None and found.story.id == save.story.id:
            return found
    return load_story(default)


def cmd_replay(args: argparse.Namespace, default_story: str) -> int:
    from .cli import _check_lang, dump_json, print_diagnostics

    slot = read_save_file(Path(args.save_file))
    if slot.save is None:
        why = slot.damage or "no such file"
        print(f"error: {args.save_file}: cannot replay: {why}", file=sys.stderr)
        return EXIT_DAMAGED
    save = slot.save
    loaded = story_for(save, args.story, default_story)
    if loaded.story is None:
        print_diagnostics(loaded, sys.stderr)
        return 2
    story = loaded.story
    if not _check_lang(loaded, args.lang):
        return 2
    lang = args.lang or (save.meta.language if save.meta.language in story.languages
                         else story.default_language)
    try:
        restored = restore(story, save)
    except DamagedSave as e:
        print(f"error: {args.save_file}: cannot replay: {e.reason}", file=sys.stderr)
        return EXIT_DAMAGED
    rep = restored.reproduction
    steps = [step_record(story, s, lang, offered(story, s)) for s in rep.entered]
    node = story.nodes[rep.state.node]
    div = rep.divergence
    error = None
    if div is not None and div.kind != "state":
        error = f"invalid choice {div.choice} at {div.node}"
    dump_json({"story": story.id, "steps": steps, "ending": node.ending, "error": error,
               "reproduced": rep.reproduced,
               "divergence": div.to_json() if div is not None else None,
               "save": {"file": args.save_file, "decisions": len(save.log),
                        "replayed": rep.replayed, "story_changed": restored.story_changed,
                        "migrated_from": save.migrated_from}})
    if div is not None:
        print(f"{args.save_file}: not reproduced: {div.reason}", file=sys.stderr)
    return 0 if rep.reproduced else EXIT_DIVERGED


def cmd_saves(args: argparse.Namespace) -> int:
    from .cli import dump_json

    folder = SaveFolder(saves_dir(args.saves))
    slots = [s for s in folder.all() if s.status is not Status.EMPTY]
    if args.json:
        dump_json([slot_json(s) for s in slots])
        return 0
    print(f"saves in {folder.folder}: {len(slots)}")
    for s in slots:
        print("  " + slot_line(s))
    return 0


def slot_json(s: Slot) -> dict[str, Any]:
    doc: dict[str, Any] = {"name": s.name, "kind": s.kind.value, "status": s.status.value,
                           "file": str(s.path), "damage": s.damage}
    if s.save is not None:
        m = s.save.meta
        doc.update({"story": s.save.story.id, "decisions": len(s.save.log),
                    "node": s.save.state.node, "chapter": m.chapter, "date": m.date,
                    "saved_at": m.saved_at, "playtime": m.playtime, "language": m.language,
                    "thumbnail": str(s.thumbnail) if s.thumbnail else None,
                    "migrated_from": s.save.migrated_from})
    return doc


def slot_line(s: Slot) -> str:
    if s.save is None:
        return f"{s.name:<12} DAMAGED  {s.damage}"
    m = s.save.meta
    where = " · ".join(x for x in (m.chapter_title or m.chapter, m.place_name, m.date) if x)
    return (f"{s.name:<12} ok       {s.save.story.id}  {len(s.save.log)} decisions  "
            f"{where}  saved {m.saved_at or '?'}")
