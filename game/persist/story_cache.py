"""The startup cache: a checked story kept as JSON, found again by the hash of its files.

Reading a large story is mostly YAML parsing with positions and checking; rebuilding
the model from JSON skips both. The cache key covers everything the result depends on:
the bytes and names of every story file (`content_hash`), the source of the loader
itself (a newer engine never reads an older engine's idea of a story), and the codec
version. Any edit to any file, any file added or removed, gives a new key, so nothing
is ever invalidated by hand. Image files live outside the story folder, so their
warnings (W007) are worked out again at every load.

An entry is two lines of JSON. The first holds the key and what the game needs before
it has the story itself (its id and languages: the title screen, `--lang`); the second
holds the story. So the game can put its title screen up from the first line alone
(`peek_cached`) and decode the story once that first frame is on screen.

A cache is only ever a shortcut: an entry that cannot be read, does not decode, or
belongs to other files is ignored (the story is read afresh and the entry rewritten),
and a folder that cannot be written just means no cache. Only stories without errors
are cached, so every diagnostic an author needs still comes from a real check.

Where: `$STOCKHOLM_CACHE` (`off` turns the cache off), else `$XDG_CACHE_HOME` or
`~/.cache` (`%LOCALAPPDATA%` on Windows) + `stockholm-channel/`. The newest
`KEEP` entries are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..story import folder as story_folder
from ..story.assets import missing_images
from ..story.folder import LoadResult, content_hash, ordered_diagnostics
from ..story.gc_pause import gc_paused
from ..story.model_codec import CODEC_VERSION, DECODE_ERRORS, decode, encode
from .cache_files import mark_used, store

ENV_VAR = "STOCKHOLM_CACHE"
KEEP = 8
PREFIX = "story-"
MAX_HEADER = 64 * 1024  # the first line: a key, an id and a few language codes


def cache_dir() -> Path | None:
    """Where cache entries go, or None when the cache is turned off."""
    env = os.environ.get(ENV_VAR)
    if env:
        return None if env.lower() in ("off", "0", "no", "false") else Path(env)
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"])
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "stockholm-channel"


@cache
def loader_fingerprint() -> str:
    """A hash of the story package's source: a cache written by other code is not used."""
    package = Path(story_folder.__file__).parent
    digest = hashlib.sha256(f"codec {CODEC_VERSION}\0".encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_key(files_hash: str) -> str:
    return hashlib.sha256(f"{loader_fingerprint()}\0{files_hash}".encode()).hexdigest()


def load_story_cached(story_dir: str | Path, folder: Path | None = None) -> LoadResult:
    """`load_story`, through the cache: the same result, faster the second time.

    `folder` overrides `cache_dir()` (tests, benchmarks).
    """
    from ..story.loader import load_story  # only on a miss: a hit never imports the checker

    found = _locate(story_dir, folder)
    if found is None:
        return load_story(story_dir)
    where, files_hash, key = found
    entry = _entry(where, key)
    hit = _read(entry, key, story_dir)
    if hit is not None:
        return hit
    result = load_story(story_dir)
    if result.story is not None and result.story.content_hash == files_hash:
        _write(entry, key, result)
    return result


@dataclass(frozen=True)
class CachedStory:
    """A cache hit, not yet decoded: the story's id and languages, from the entry's first
    line. `result()` decodes the rest; the game calls it once its first frame is shown.
    """

    story_dir: str | Path
    folder: Path
    key: str
    id: str
    languages: tuple[str, ...]

    def result(self) -> LoadResult:
        """The story, as `load_story_cached` gives it (read afresh if the entry has gone or
        been damaged since `peek_cached` saw it)."""
        hit = _read(_entry(self.folder, self.key), self.key, self.story_dir)
        return hit if hit is not None else load_story_cached(self.story_dir, self.folder)


def peek_cached(story_dir: str | Path, folder: Path | None = None) -> CachedStory | None:
    """The cached story for these files, if there is one, without decoding it."""
    found = _locate(story_dir, folder)
    if found is None:
        return None
    where, _, key = found
    try:
        with _entry(where, key).open("rb") as f:
            head = json.loads(f.readline(MAX_HEADER))
        story_id, languages = head["id"], head["languages"]
        if (head.get("key") != key or not isinstance(story_id, str) or not languages
                or not isinstance(languages, list)
                or not all(isinstance(lang, str) for lang in languages)):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return CachedStory(story_dir, where, key, story_id, tuple(languages))


def _locate(story_dir: str | Path, folder: Path | None) -> tuple[Path, str, str] | None:
    """The cache folder, the hash of the story's files and the entry's key (None: the
    cache is off, or the folder cannot be hashed)."""
    where = folder if folder is not None else cache_dir()
    files_hash = content_hash(story_dir) if where is not None else None
    if where is None or files_hash is None:
        return None
    return where, files_hash, cache_key(files_hash)


def _entry(where: Path, key: str) -> Path:
    return where / f"{PREFIX}{key[:40]}.json"


def _read(entry: Path, key: str, story_dir: str | Path) -> LoadResult | None:
    try:
        data = entry.read_bytes()
    except OSError:
        return None
    head, _, body = data.partition(b"\n")
    try:
        with gc_paused(promote=True):
            header = json.loads(head)
            if not isinstance(header, dict) or header.get("key") != key:
                return None
            doc = json.loads(body)
            if not isinstance(doc, dict):
                return None
            story, diagnostics = decode(doc.get("story"), story_dir)
    except DECODE_ERRORS:  # a torn or foreign entry is no entry
        return None
    languages = header.get("languages")
    if (header.get("id") != story.id or not isinstance(languages, list)
            or tuple(languages) != story.languages):
        return None  # the two lines disagree: not an entry this code wrote whole
    kept = [d for d in diagnostics if d.code != "W007"]
    fresh = missing_images(story.places.values(), Path(story_dir))
    mark_used(entry)
    return LoadResult(story, ordered_diagnostics([*kept, *fresh]), cached=True)


def _write(entry: Path, key: str, result: LoadResult) -> None:
    assert result.story is not None
    story = result.story
    head = {"key": key, "id": story.id, "languages": list(story.languages)}
    doc = {"story": encode(story, result.diagnostics)}
    # compact JSON never holds a raw newline, so the first one ends the first line
    data = b"\n".join(json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode()
                      for part in (head, doc))
    store(entry, data, f"{PREFIX}*.json", KEEP)
