"""Write docs/diagnostics.md: every diagnostic code with an example, its message and the fix.

The examples are the broken stories in tests/broken/ and the messages are what the
engine really prints for them, so the page cannot drift from the code: a test runs
this script with --check and fails when the page is out of date.

    python tools/diagnostics_doc.py [--check]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.story import CODES, load_story  # noqa: E402

BROKEN = ROOT / "tests" / "broken"
OUT = ROOT / "docs" / "diagnostics.md"

FIXES = {
    "E001": "Fix the YAML at the place shown. Indent with spaces only (never tabs), close every "
            "quote and bracket, and put a space after each `:` and `-`.",
    "E002": "Keep one of the two keys. YAML itself would silently keep only the last one, so "
            "the engine refuses to guess.",
    "E003": "Correct the spelling (the message suggests the nearest key), or remove the key. "
            "`check --codes` and the format reference list every key.",
    "E004": "Add the missing field. Every node needs `text`; every choice needs `id`, `text` "
            "and `goto`; the manifest needs `format`, `id`, `languages` and `start`.",
    "E005": "Give a value of the type the field takes: write `true`/`false` unquoted for "
            "booleans, numbers unquoted for integers, and lists in `[...]` or as `- ` items.",
    "E006": "Rename one of the two nodes (node ids are unique across all files), and update "
            "the links that meant the renamed one.",
    "E007": "Write `format: 1` at the top of story.yaml.",
    "E008": "Declare the ending under `endings:` in story.yaml (with a title), or correct the "
            "spelling of the one used.",
    "E009": "Declare the chapter under `chapters:` in story.yaml, or correct its spelling.",
    "E010": "Declare the place under `places:` in story.yaml, or correct its spelling.",
    "E011": "Declare the character under `characters:` in story.yaml, or correct its spelling.",
    "E012": "Point `goto`, `next`, `start` or `visited(...)` at an existing node id (the "
            "message suggests the nearest), or write the missing node.",
    "E013": "Declare the variable under `variables:` in story.yaml with a type and a default, "
            "or correct its spelling.",
    "E014": "Correct the expression at the column shown: `==` to compare, `and`/`or`/`not`, "
            "strings in quotes, every `(` closed, `{{`/`}}` for literal braces in a text.",
    "E015": "Make both sides of the operator one type, and conditions booleans: compare a "
            "string variable with a quoted string, an int with a number.",
    "E016": "Set the variable to a literal of its own type, and for a string variable to one "
            "of its `values`.",
    "E017": "Use `set` for bool and str variables; `add` and `roll` work on int only.",
    "E018": "Choose a default inside `min`..`max`, or one of the `values`.",
    "E019": "Give each choice of a node its own id: saves name choices by id.",
    "E020": "Keep exactly one of `choices`, `next` or `ending` on the node.",
    "E021": "Break the loop: turn one of the nodes into a decision (`choices`) or an ending.",
    "E022": "Use lower-case letters, digits and `_`, starting with a letter, for node and "
            "choice ids; letters, digits, `_` and `-` for other ids.",
    "E023": "Give the folder that holds story.yaml, or create story.yaml in it.",
    "E024": "Save the file as UTF-8 text (not Shift_JIS, not UTF-16, not a binary).",
    "E025": "Split a large file into several node files (each at most 32 MiB), and flatten "
            "nesting deeper than 64 levels.",
    "E026": "Remove the tag: a story holds plain values only, and no tag can make it run code.",
    "E027": "Write ranges low first: `roll: {die: [1, 6]}`, and `min` below `max`.",
    "E028": "Use a value the field allows: the message lists them.",
    "W001": "Link to the node from somewhere reachable, or remove it if it is a leftover.",
    "W002": "Add the missing language to the text mapping; until then the first language's "
            "text is shown.",
    "W003": "Use the variable in a condition, a text or an effect, give it `show: true`, or "
            "remove it.",
    "W004": "Set a node's `place:` to it, or remove the declaration.",
    "W005": "Make the character a node's `speaker:`, or remove the declaration.",
    "W006": "End a node with it (`ending:`), or remove the declaration.",
    "W007": "Put the image under assets/ at that path (SVG or PNG), or correct the path.",
}


def example(folder: Path, exp: dict[str, object]) -> tuple[str, str, str]:
    """(file name, the lines around the problem, what check says) for one broken story."""
    story = folder / "story"
    name = str(exp["file"])
    line = int(str(exp["line"]))
    path = story / name
    snippet = ""
    if path.is_file() and "generate" not in exp:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
            lo, hi = max(0, line - 3), min(len(lines), line + 1)
            snippet = "\n".join(f"{n + 1:>3} | {lines[n]}" for n in range(lo, hi))
        except UnicodeDecodeError:
            snippet = "(the file is not UTF-8 text)"
    said = ""
    for d in load_story(story).diagnostics:
        if d.code == exp["code"]:
            # paths relative to the story folder, so the page does not depend on the checkout
            said = d.format().replace(str(story) + "/", "").replace(str(story), "story")
            break
    return name, snippet, said


def render() -> str:
    out = ["# Diagnostic codes", "",
           "Every problem `python main.py check` reports carries a stable code. Each code "
           "below has an example (a broken story from `tests/broken/`), what `check` says "
           "about it, and the fix. This page is generated by `python tools/diagnostics_doc.py` "
           "from those stories and the engine's real output.", ""]
    for code, (severity, title) in CODES.items():
        folders = sorted(BROKEN.glob(f"{code}_*"))
        out += [f"## {code} — {title} ({severity.value})", ""]
        for folder in folders[:1]:
            exp = yaml.safe_load((folder / "expect.yaml").read_text(encoding="utf-8"))
            name, snippet, said = example(folder, exp)
            if snippet:
                out += [f"`{name}`:", "", "```yaml", snippet, "```", ""]
            if said:
                out += ["`check` says:", "", "```", said, "```", ""]
        out += [f"**Fix.** {FIXES.get(code, '')}", ""]
    return "\n".join(out).rstrip() + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the page is out of date")
    args = ap.parse_args()
    text = render()
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.is_file() else ""
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is out of date: run python tools/diagnostics_doc.py")
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
