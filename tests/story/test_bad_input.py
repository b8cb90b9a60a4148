"""Hostile and broken inputs: each gives one clear diagnostic, never a traceback or a hang.

Every case runs twice: first through the real `check` command in a subprocess with a
timeout (so a hang or a crash of the interpreter fails the test instead of stalling
the suite), then in-process through `load_story`, where the diagnostics are compared.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.story import load_story
from game.story.diagnostics import Diagnostic

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60  # seconds; every case here takes well under one

MANIFEST = """\
format: 1
id: hostile
title: {en: Hostile input, ja: 悪意のある入力}
languages: [en, ja]
start: hall
endings:
  done: {title: {en: Done, ja: 終わり}}
"""

NODES = """\
nodes:
  hall:
    text: {en: A hall., ja: 広間。}
    choices:
      - id: leave
        text: {en: Leave, ja: 去る}
        goto: street
  street:
    text: {en: The street., ja: 通り。}
    ending: done
"""


def make_story(tmp_path: Path, nodes: str = NODES,
               extra: dict[str, str | bytes] | None = None) -> Path:
    """A clean story (no diagnostics at all), plus whatever hostile files are given."""
    root = tmp_path / "story"
    root.mkdir()
    (root / "story.yaml").write_text(MANIFEST, encoding="utf-8")
    (root / "nodes.yaml").write_text(nodes, encoding="utf-8")
    for name, content in (extra or {}).items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (root / name).write_bytes(data)
    return root


def run_check(path: Path) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "main.py", "check", str(path)], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr == "", proc.stderr
    return proc


def only_diagnostic(path: Path, code: str, contains: str) -> Diagnostic:
    """Check `path` both ways; exactly one diagnostic, `code`, mentioning `contains`."""
    proc = run_check(path)
    assert proc.returncode == 1, proc.stdout
    assert f"[{code}]" in proc.stdout, proc.stdout
    assert proc.stdout.splitlines()[-1] == "1 error, 0 warnings", proc.stdout

    result = load_story(path)
    shown = "\n".join(d.format() for d in result.diagnostics)
    assert len(result.diagnostics) == 1, shown
    [d] = result.diagnostics
    assert d.code == code, shown
    assert contains in d.message, shown
    assert result.story is None
    return d


def test_the_clean_story_is_clean(tmp_path: Path) -> None:
    root = make_story(tmp_path)
    result = load_story(root)
    assert result.ok and result.diagnostics == ()
    assert run_check(root).returncode == 0


# --- the folder itself -----------------------------------------------------------------


def test_story_folder_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-story"
    d = only_diagnostic(missing, "E023", "does not exist")
    assert (d.file, d.line, d.col) == (str(missing), 1, 1)


def test_empty_folder(tmp_path: Path) -> None:
    d = only_diagnostic(tmp_path, "E023", "no story.yaml")
    assert Path(d.file) == tmp_path / "story.yaml"


def test_a_file_instead_of_a_folder(tmp_path: Path) -> None:
    root = make_story(tmp_path)
    only_diagnostic(root / "story.yaml", "E023", "give the story folder")


# --- files that are not YAML text --------------------------------------------------------

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def test_binary_file_named_yaml(tmp_path: Path) -> None:
    root = make_story(tmp_path, extra={"portrait.yaml": PNG})
    d = only_diagnostic(root, "E024", "binary file")
    assert (Path(d.file).name, d.line, d.col) == ("portrait.yaml", 1, 1)


def test_100_mb_file(tmp_path: Path) -> None:
    root = make_story(tmp_path)
    with open(root / "dump.yaml", "wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: created instantly, refused by its size
    started = time.monotonic()
    d = only_diagnostic(root, "E025", "100.0 MiB")
    assert "at most 32 MiB" in d.message
    assert (Path(d.file).name, d.line, d.col) == ("dump.yaml", 1, 1)
    assert time.monotonic() - started < 10


# --- YAML that attacks the parser ------------------------------------------------------


def test_10000_level_nested_list(tmp_path: Path) -> None:
    root = make_story(tmp_path, extra={"deep.yaml": "[" * 10_000 + "]" * 10_000 + "\n"})
    d = only_diagnostic(root, "E025", "nested more than 64 levels deep")
    assert (Path(d.file).name, d.line, d.col) == ("deep.yaml", 1, 65)


def test_10000_level_nested_mapping(tmp_path: Path) -> None:
    root = make_story(tmp_path, extra={"deep.yaml": "{a: " * 10_000 + "}" * 10_000 + "\n"})
    only_diagnostic(root, "E025", "nested more than 64 levels deep")


def test_tab_in_the_indentation(tmp_path: Path) -> None:
    branch = "nodes:\n  cellar:\n    text: {en: A cellar., ja: 地下室。}\n\tending: done\n"
    root = make_story(tmp_path, extra={"cellar.yaml": branch})
    d = only_diagnostic(root, "E001", "cannot indent with tabs")
    assert (Path(d.file).name, d.line, d.col) == ("cellar.yaml", 4, 1)


def test_tab_in_the_file_of_the_start_node_gives_no_cascade(tmp_path: Path) -> None:
    nodes = NODES.replace("    ending: done", "\tending: done")
    root = make_story(tmp_path, nodes=nodes)
    d = only_diagnostic(root, "E001", "cannot indent with tabs")
    assert (Path(d.file).name, d.line, d.col) == ("nodes.yaml", 10, 1)


def _billion_laughs() -> str:
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*lol{i - 1}"] * 9)
        lines.append(f"lol{i}: &lol{i} [{refs}]")
    return "\n".join(lines) + "\n"  # 9**10 strings once expanded


def test_billion_laughs(tmp_path: Path) -> None:
    root = make_story(tmp_path, extra={"lol.yaml": _billion_laughs()})
    started = time.monotonic()
    d = only_diagnostic(root, "E025", "YAML bomb")
    assert Path(d.file).name == "lol.yaml"
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {b: *a}\n", "a: &a [[[*a]]]\n"])
def test_recursive_alias(tmp_path: Path, text: str) -> None:
    root = make_story(tmp_path, extra={"loop.yaml": text})
    d = only_diagnostic(root, "E001", "refers to a node that contains it")
    assert Path(d.file).name == "loop.yaml" and d.line == 1


# --- YAML that tries to run code ---------------------------------------------------------


def test_python_tag_is_refused_and_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    nodes = NODES.replace("text: {en: A hall., ja: 広間。}",
                          f'text: !!python/object/apply:os.system ["touch {marker}"]')
    root = make_story(tmp_path, nodes=nodes)
    d = only_diagnostic(root, "E026", "python/object/apply:os.system")
    assert "not allowed" in d.message
    assert (Path(d.file).name, d.line, d.col) == ("nodes.yaml", 3, 11)
    assert not marker.exists()


@pytest.mark.parametrize("payload", [
    '!!python/object/apply:os.system ["touch {marker}"]\n',
    'nodes: !!python/object/apply:subprocess.check_output [[touch, "{marker}"]]\n',
    'nodes: !!python/object/new:os.system ["touch {marker}"]\n',
    'nodes: {{hall: {{text: !!python/name:os.system , ending: done}}}}\n',
    'nodes: !!python/module:os\n',
    'x: !!python/object:builtins.object {{}}\n',
], ids=["apply-whole-file", "apply-subprocess", "new", "name", "module", "object"])
def test_python_tags_in_any_position(tmp_path: Path, payload: str) -> None:
    marker = tmp_path / "pwned"
    root = make_story(tmp_path, extra={"evil.yaml": payload.format(marker=marker)})
    proc = run_check(root)
    assert proc.returncode == 1 and "[E026]" in proc.stdout, proc.stdout
    result = load_story(root)
    assert any(d.code == "E026" for d in result.diagnostics)
    assert result.story is None
    assert not marker.exists()


# --- expressions that attack the parser ----------------------------------------------------


def _choice_if(expression: str) -> str:
    choice_if = f'        if: "{expression}"\n        goto: street'
    return NODES.replace("        goto: street", choice_if)


@pytest.mark.parametrize(("expression", "contains"), [
    ("(" * 10_000 + "true" + ")" * 10_000, "longer than 4000 characters"),
    ("(" * 1_000 + "true" + ")" * 1_000, "nested more than 64 levels deep"),
    ("not " * 100 + "true", "nested more than 64 levels deep"),
    ("-" * 100 + "1 == 1", "nested more than 64 levels deep"),
    (" and ".join(["true"] * 250), "more than 200 operators"),
    ("1" * 5_000, "longer than 4000 characters"),
], ids=["10000-parens", "1000-parens", "100-nots", "100-minus", "250-ands", "huge-number"])
def test_expression_bombs(tmp_path: Path, expression: str, contains: str) -> None:
    root = make_story(tmp_path, nodes=_choice_if(expression))
    d = only_diagnostic(root, "E014", contains)
    assert (Path(d.file).name, d.line) == ("nodes.yaml", 7)


def test_10000_parentheses_in_a_text_interpolation(tmp_path: Path) -> None:
    nodes = NODES.replace("{en: The street., ja: 通り。}",
                          '"{' + "(" * 10_000 + "1" + ")" * 10_000 + '}"')
    root = make_story(tmp_path, nodes=nodes)
    only_diagnostic(root, "E014", "longer than 4000 characters")


# --- engine bugs found while writing these tests (see the report) -----------------------------


@pytest.mark.parametrize("manifest", ["", "# the manifest, to be written\n"],
                         ids=["empty", "comment-only"])
def test_empty_manifest(tmp_path: Path, manifest: str) -> None:
    root = tmp_path / "story"
    root.mkdir()
    (root / "story.yaml").write_text(manifest, encoding="utf-8")
    proc = run_check(root)
    result = load_story(root)
    assert result.story is None
    assert result.errors, "a story that does not load must say why"
    assert proc.returncode == 1, proc.stdout


def test_control_character_position(tmp_path: Path) -> None:
    branch = "nodes:\n  cellar:\n    text: {en: \"A\x07\", ja: B}\n    ending: done\n"
    root = make_story(tmp_path, extra={"cellar.yaml": branch})
    d = only_diagnostic(root, "E001", "control characters are not allowed")
    assert (d.line, d.col) == (3, 18)


def test_not_utf8_column_counts_characters(tmp_path: Path) -> None:
    line = "    text: {ja: 広間, en: Caf".encode() + b"\xe9}\n"
    branch = b"nodes:\n  cafe:\n" + line + b"    ending: done\n"
    root = make_story(tmp_path, extra={"cafe.yaml": branch})
    d = only_diagnostic(root, "E024", "not UTF-8")
    assert (d.line, d.col) == (3, len("    text: {ja: 広間, en: Caf") + 1)
