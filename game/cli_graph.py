"""`python main.py graph`: the story map as DOT, Mermaid, or SVG drawn by Graphviz.

The drawing itself is pure (game/story/graph); this module only adds what touches the
outside: Graphviz's `dot`, run without a shell on stdin with a time limit, and writing
the result (stdout, or `-o FILE` atomically). Exit status: 0 written; 2 the story has
errors, the command line names an unknown chapter or language, Graphviz is missing
or failed, or the file cannot be written.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

FORMATS = ("dot", "mermaid", "svg")
DOT_TIMEOUT = 120  # seconds; the 180-node story takes well under one
NO_GRAPHVIZ = """\
error: --format svg needs Graphviz's `dot` program, which is not installed (or not on PATH).
Install Graphviz:
  Debian/Ubuntu:  sudo apt-get install graphviz
  macOS:          brew install graphviz
  Windows:        winget install graphviz
  other systems:  https://graphviz.org/download/
Or write the map without it: `--format dot` (paste it into any Graphviz viewer) or
`--format mermaid` (GitHub, GitLab and most wikis draw it)."""


class GraphError(Exception):
    """A failure the user can act on; the message is printed as it is."""


def add_command(sub: Any, story_arg: Any) -> None:
    p = sub.add_parser("graph", help="print the story map: chapters as clusters, endings "
                                     "marked, links labelled (DOT, Mermaid or SVG)")
    story_arg(p)
    p.add_argument("--format", choices=FORMATS, default="dot",
                   help="dot (default), mermaid, or svg (drawn by Graphviz's dot)")
    p.add_argument("--chapter", metavar="ID",
                   help="only this chapter; links leaving or entering it end at small stubs")
    p.add_argument("--lang", help="language of titles and choice texts (default: the story's "
                                  "first)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def run(args: argparse.Namespace) -> int:
    from .cli import _check_lang, load_or_report

    result = load_or_report(args)
    if result.story is None or not _check_lang(result, args.lang):
        return 2
    story = result.story
    try:
        if args.chapter is not None and args.chapter not in story.chapters:
            raise GraphError(_unknown_chapter(args.chapter, list(story.chapters)))
        from .story.graph import build_map, to_dot, to_mermaid  # not on the game's start

        story_map = build_map(story, args.lang, args.chapter)
        text = to_mermaid(story_map) if args.format == "mermaid" else to_dot(story_map)
        data = text.encode("utf-8")
        if args.format == "svg":
            data = render_svg(data)
        _write(data, args.output)
    except GraphError as e:
        print(str(e), file=sys.stderr)
        return 2
    return 0


def _unknown_chapter(chapter: str, known: list[str]) -> str:
    if not known:
        return f"error: the story has no chapter '{chapter}': it declares no chapters"
    return f"error: the story has no chapter '{chapter}'; its chapters are {', '.join(known)}"


def render_svg(dot_source: bytes) -> bytes:
    """Graphviz's drawing of `dot_source`; GraphError when it is missing or fails."""
    program = shutil.which("dot")
    if program is None:
        raise GraphError(NO_GRAPHVIZ)
    try:
        done = subprocess.run([program, "-Tsvg"], input=dot_source, capture_output=True,
                              timeout=DOT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired as e:
        raise GraphError(f"error: Graphviz's dot took longer than {DOT_TIMEOUT} s and was "
                         "stopped; try --chapter ID for a smaller map") from e
    except OSError as e:
        raise GraphError(f"error: cannot run Graphviz's dot ({program}): {e}") from e
    said = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode != 0 or not done.stdout:
        why = said or "(it printed nothing)"
        raise GraphError(f"error: Graphviz's dot failed (exit status {done.returncode}):\n{why}")
    if said:  # warnings, such as a missing font: worth seeing, not worth failing
        print(said, file=sys.stderr)
    return done.stdout


def _write(data: bytes, target: str | None) -> None:
    if target is None:  # bytes as they are: the SVG says it is UTF-8, whatever the terminal
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(data.decode("utf-8"))
            return
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()
        return
    from .persist.atomic import write_atomic

    try:
        write_atomic(Path(target), data)
        _usual_permissions(Path(target))
    except OSError as e:
        raise GraphError(f"error: cannot write {target}: {e.strerror or e}") from e


def _usual_permissions(path: Path) -> None:
    """The atomic write's temp file is private (0600); a map is an ordinary file, so give
    it the mode any new file gets here (0666 less the umask)."""
    if os.name != "posix":
        return
    mask = os.umask(0)
    os.umask(mask)
    path.chmod(0o666 & ~mask)
