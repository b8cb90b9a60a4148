"""`python main.py strings [STORY_DIR] --lang LANG [--csv FILE] [--all]`: what to translate.

Lists every text with no LANG translation as `PATH:LINE:COL: KEY: SOURCE TEXT`, then a
count, so an editor jumps to each and CI can gate on the exit status: 0 nothing is
missing; 1 something is; 2 the story has errors, LANG is not one of its languages, or
the CSV cannot be written.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from .story.strings_table import StringEntry, collect_strings, counts

EXIT_MISSING = 1
CSV_HEADER = ("file", "line", "key", "source text", "translation")

DESCRIPTION = """\
List every text that has no translation in LANG, each as PATH:LINE:COL: KEY: SOURCE
(SOURCE in the story's default language, as written: {expr} and {{ }} stay as they
are; line breaks are shown as \\n), then a count. Exit status 0 when nothing is
missing, 1 when something is, 2 when the story has errors or LANG is not one of its
languages.

KEY names the text: title, variables.NAME.label, chapters.ID.title,
characters.ID.name, places.ID.name, endings.ID.title|summary|hint, NODE.text (or
NODE.text[0], NODE.text[1], ... counted from 0 when the text is a list of parts),
NODE.choices.CHOICE.text and NODE.choices.CHOICE.disabled_text.

A text written as a plain string is the same in every language (the story format
says so), so it is never missing; --all lists it marked [shared]."""

EPILOG = """\
--csv writes the same texts as a spreadsheet, instead of the list: columns file (relative
to the story folder), line, key, source text, translation; UTF-8 with a byte-order mark,
so that Excel opens Japanese correctly (LibreOffice and Python's utf-8-sig read it too).
The translation is empty where it is missing; with --all it holds the existing
translation, and for a shared text the text itself, as every language shows it.
'--csv -' writes the CSV to standard output, without the byte-order mark."""


def add_command(sub: Any, story_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("strings", help="list the texts with no translation in a language "
                                       "(for translators; --csv exports them)",
                       description=DESCRIPTION, epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    story_arg(p)
    p.add_argument("--lang", required=True, help="the language to translate into, e.g. ja")
    p.add_argument("--csv", metavar="FILE", default=None,
                   help="write the texts to this CSV file instead of listing them ('-': "
                        "standard output)")
    p.add_argument("--all", action="store_true",
                   help="every text, translated and shared ones too, each marked [missing], "
                        "[translated] or [shared]: what a reviewer reads")


def run(args: argparse.Namespace) -> int:
    from .cli import _check_lang, load_or_report

    result = load_or_report(args)
    if result.story is None or not _check_lang(result, args.lang):
        return 2
    story = result.story
    everything = collect_strings(story, args.lang)
    shown = everything if args.all else [e for e in everything if e.status == "missing"]
    tally = counts(everything)
    summary = (f"{args.lang}: {tally['missing']} missing, {tally['translated']} translated, "
               f"{tally['shared']} shared (the same in every language); "
               f"{len(everything)} texts")
    if args.csv is None:
        try:
            for entry in shown:
                print(listing_line(entry, args.all))
            print(summary)
        except BrokenPipeError:  # `strings --all | head`: the reader has what it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    elif args.csv == "-":
        write_csv(sys.stdout, shown, story.root)
        print(summary, file=sys.stderr)
    else:
        try:
            with open(args.csv, "w", encoding="utf-8-sig", newline="") as fh:
                write_csv(fh, shown, story.root)
        except OSError as e:
            print(f"error: cannot write {args.csv}: {e.strerror or e}", file=sys.stderr)
            return 2
        print(summary)
        print(f"wrote {len(shown)} texts to {args.csv}")
    return EXIT_MISSING if tally["missing"] else 0


def listing_line(entry: StringEntry, mark: bool) -> str:
    status = f" [{entry.status}]" if mark else ""
    source = entry.source.replace("\r\n", "\n").replace("\n", "\\n")
    return f"{entry.pos}: {entry.key}{status}: {source}"


def write_csv(out: TextIO, entries: list[StringEntry], root: str) -> None:
    """RFC 4180 CSV by the csv module: quotes, commas and line breaks inside texts survive."""
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for e in entries:
        writer.writerow((story_relative(e.pos.file, root), e.pos.line, e.key, e.source,
                         e.translation or ""))


def story_relative(file: str, root: str) -> str:
    """The file as the story folder names it, the same on every machine."""
    try:
        return Path(file).relative_to(root).as_posix()
    except ValueError:
        return file
