"""Every diagnostic code has a broken story under tests/broken/ that provokes it.

Each folder holds `story/` and `expect.yaml` (see tests/broken/README.md). The story
is loaded in-process, and a sample is also run through the real `check` command.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.story import load_story
from game.story.diagnostics import CODES, Diagnostic

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BROKEN = PROJECT_ROOT / "tests" / "broken"
FOLDERS = sorted(p for p in BROKEN.iterdir() if p.is_dir())
EXPECT_KEYS = {"code", "file", "line", "col", "severity", "message_contains", "also",
               "related", "generate"}
# The folders also run through the real command line (a subprocess each).
CLI_SAMPLE = {"E001_tab_indent", "E006_duplicate_node_id", "E012_goto_typo",
              "E014_single_equals", "E023_no_manifest", "E024_shift_jis",
              "E025_file_too_large", "E026_include_tag", "W002_missing_translation",
              "W007_missing_image"}
LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): "
                  r"(?P<message>.*) \[(?P<code>[EW]\d{3})\]$")


def read_expect(folder: Path) -> dict[str, Any]:
    expect = yaml.safe_load((folder / "expect.yaml").read_text(encoding="utf-8"))
    assert isinstance(expect, dict), f"{folder.name}/expect.yaml must be a mapping"
    return expect


def story_dir(folder: Path, tmp_path: Path) -> Path:
    """The folder's story/, or a copy in tmp_path with the generated file added."""
    expect = read_expect(folder)
    gen = expect.get("generate")
    if gen is None:
        return folder / "story"
    target = tmp_path / "story"
    shutil.copytree(folder / "story", target)
    with open(target / gen["file"], "wb") as fh:
        fh.truncate(gen["size"])  # sparse: instant, and takes no disk space
    return target


def rel(file: str, root: Path) -> str:
    return Path(file).relative_to(root).as_posix()


def matches(d: Diagnostic, expect: dict[str, Any], root: Path) -> bool:
    return (d.code == expect["code"] and rel(d.file, root) == expect["file"]
            and (d.line, d.col) == (expect["line"], expect["col"]))


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_expect_file_is_well_formed(folder: Path) -> None:
    expect = read_expect(folder)
    assert set(expect) <= EXPECT_KEYS, f"unknown keys {set(expect) - EXPECT_KEYS}"
    for key in ("code", "file", "line", "col", "severity", "message_contains"):
        assert key in expect, f"{folder.name}/expect.yaml lacks {key}"
    assert expect["code"] in CODES
    assert folder.name.startswith(expect["code"] + "_"), "name the folder <CODE>_<slug>"
    assert expect["severity"] == CODES[expect["code"]][0].value
    assert (folder / "story").is_dir()
    for code in expect.get("also", []):
        assert code in CODES


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_broken_story(folder: Path, tmp_path: Path) -> None:
    expect = read_expect(folder)
    root = story_dir(folder, tmp_path)
    result = load_story(root)
    shown = "\n".join(d.format() for d in result.diagnostics)

    found = [d for d in result.diagnostics if matches(d, expect, root)]
    assert found, f"expected {expect['code']} at {expect['file']}:{expect['line']}:" \
                  f"{expect['col']}, got:\n{shown}"
    d = found[0]
    assert d.severity.value == expect["severity"]
    assert expect["message_contains"] in d.message, shown
    if "related" in expect:
        rel_expect = expect["related"]
        assert [(rel(r.file, root), r.line, r.col) for r in d.related] == [
            (rel_expect["file"], rel_expect["line"], rel_expect["col"])], shown

    # Nothing else, apart from the listed unavoidable extras.
    others = [x for x in result.diagnostics if x is not d]
    assert sorted({x.code for x in others}) == sorted(expect.get("also", [])), shown
    assert result.ok is (expect["severity"] == "warning")


@pytest.mark.parametrize("folder", [f for f in FOLDERS if f.name in CLI_SAMPLE],
                         ids=lambda p: p.name)
def test_broken_story_cli(folder: Path, tmp_path: Path) -> None:
    expect = read_expect(folder)
    root = story_dir(folder, tmp_path).resolve()
    proc = subprocess.run([sys.executable, "main.py", "check", str(root)], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr == ""
    is_error = expect["severity"] == "error"
    assert proc.returncode == (1 if is_error else 0), proc.stdout

    lines = proc.stdout.splitlines()
    diags = [m.groupdict() for m in map(LINE.match, lines) if m]
    wanted = {"file": str(root / expect["file"]), "line": str(expect["line"]),
              "col": str(expect["col"]), "severity": expect["severity"],
              "code": expect["code"]}
    hits = [g for g in diags if {k: g[k] for k in wanted} == wanted]
    assert hits, proc.stdout
    assert expect["message_contains"] in hits[0]["message"]
    errors = sum(g["severity"] == "error" for g in diags)
    assert errors == (1 if is_error else 0), proc.stdout
    summary = f"{errors} error{'s' * (errors != 1)}, "
    assert lines[-1].startswith(summary), proc.stdout


def test_every_code_has_a_broken_story() -> None:
    covered = {read_expect(f)["code"] for f in FOLDERS}
    missing = sorted(set(CODES) - covered)
    assert not missing, f"add a folder under tests/broken/ for {', '.join(missing)}"


def test_check_json_output_for_a_broken_story() -> None:
    folder = BROKEN / "E012_goto_typo"
    proc = subprocess.run([sys.executable, "main.py", "check", "--json", str(folder / "story")],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, encoding="utf-8",
                          timeout=120)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    [d] = json.loads(proc.stdout)
    assert (d["code"], d["line"], d["col"], d["severity"]) == ("E012", 10, 15, "error")
    assert Path(d["file"]).name == "nodes.yaml"


# --- columns inside quoted scalars --------------------------------------------------
#
# The column of a token inside an expression is the scalar's first character plus the
# token's offset in the *decoded* string, so every escape (\" \n '') before the token
# shifts the column to the left. Engine bug; see the report.

MANIFEST = """\
format: 1
id: quoted
title: {en: Quoted, ja: 引用}
languages: [en, ja]
start: hall
variables:
  clause: {type: str, default: open, values: [open, agreed], show: true}
endings:
  done: {title: {en: Done, ja: 終わり}}
"""


def _one(tmp_path: Path, nodes: str) -> Diagnostic:
    root = tmp_path / "story"
    root.mkdir()
    (root / "story.yaml").write_text(MANIFEST, encoding="utf-8")
    (root / "nodes.yaml").write_text(nodes, encoding="utf-8")
    [d] = load_story(root).diagnostics
    return d


def _choice_if(line: str) -> str:
    """A node file whose one choice has `line` (an `if:`) as its seventh line."""
    return ("nodes:\n  hall:\n    text: {en: A, ja: B}\n    choices:\n"
            "      - id: go\n        text: {en: Go, ja: 行く}\n"
            + line + "        goto: street\n"
            "  street:\n    text: {en: S, ja: S}\n    ending: done\n")


def test_expression_column_in_a_quoted_string_without_escapes(tmp_path: Path) -> None:
    line = "        if: \"clause == 'agreed' and clase\"\n"
    d = _one(tmp_path, _choice_if(line))
    assert (d.code, d.line, d.col) == ("E013", 7, line.index("clase") + 1)


def test_expression_column_after_escaped_quotes(tmp_path: Path) -> None:
    line = '        if: "clause == \\"agreed\\" and clase"\n'
    d = _one(tmp_path, _choice_if(line))
    assert (d.code, d.line, d.col) == ("E013", 7, line.index("clase") + 1)


def test_interpolation_column_after_escaped_quotes(tmp_path: Path) -> None:
    line = '    text: {en: "\\"Hello,\\" she said. {clase}", ja: B}\n'
    d = _one(tmp_path, "nodes:\n  hall:\n" + line + "    ending: done\n")
    assert (d.code, d.line, d.col) == ("E013", 3, line.index("clase") + 1)
