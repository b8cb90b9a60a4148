"""The security gate: no code path in the game, its tools or its benchmarks can run code
out of a file. It fails the build if any Python source here calls `eval`, `exec` or
`compile`, imports `pickle`, `marshal`, `shelve` or `dill`, calls `yaml.load`/`load_all`
without a safe loader (or `unsafe_load`, `full_load`), starts a shell (`shell=True`,
`os.system`, `os.popen`, the `os.exec*`/`spawn*` families), or imports a module by a name
it computes (`importlib.import_module`, `__import__`).

It reads the syntax tree, not the text, so a comment or a docstring that names these (as
this one does) is no finding, and `yaml . load (...)` spelt oddly is still one. The gate
is tested on a file of known offences, so it cannot silently stop seeing them.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

SCANNED = ["game", "tools", "bench", "tests", "main.py"]
SKIPPED_PARTS = {"node_modules", ".mermaid", "__pycache__", "broken"}
SAFE_LOADERS = {"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"}
BANNED_MODULES = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "dill", "cloudpickle"}
BANNED_BUILTINS = {"eval", "exec", "compile", "__import__"}
SHELL_CALLS = {("os", "system"), ("os", "popen"), ("importlib", "import_module")}
SHELL_PREFIXES = ("exec", "spawn")  # os.execv, os.spawnl, ...
# The gate's own test file spells the offences out on purpose, as data.
ALLOWED_FILES = {"tests/test_security.py"}


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def python_files() -> list[Path]:
    files: list[Path] = []
    for name in SCANNED:
        path = ROOT / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files += [p for p in sorted(path.rglob("*.py"))
                      if not SKIPPED_PARTS & set(p.relative_to(ROOT).parts)]
    return files


def _dotted(node: ast.AST) -> tuple[str, ...]:
    """`a.b.c` as ('a', 'b', 'c'); anything else as ()."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return tuple(reversed(parts))
    return ()


def _is_safe_loader(node: ast.AST) -> bool:
    name = _dotted(node)
    return bool(name) and name[-1] in SAFE_LOADERS


def scan(source: str, path: str) -> list[Finding]:
    """Every offence in one file's source."""
    found: list[Finding] = []
    tree = ast.parse(source, filename=path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in BANNED_MODULES:
                    found.append(Finding(path, node.lineno, f"imports {alias.name}"))
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module.split(".")[0] in BANNED_MODULES:
                found.append(Finding(path, node.lineno, f"imports from {node.module}"))
            if node.module == "os" and any(
                    a.name in ("system", "popen") or a.name.startswith(SHELL_PREFIXES)
                    for a in node.names):
                found.append(Finding(path, node.lineno, "imports a shell call from os"))
        elif isinstance(node, ast.Call):
            found += _scan_call(node, path)
    return found


def _scan_call(node: ast.Call, path: str) -> list[Finding]:
    name = _dotted(node.func)
    line = node.lineno
    out: list[Finding] = []
    if len(name) == 1 and name[0] in BANNED_BUILTINS:
        out.append(Finding(path, line, f"calls {name[0]}()"))
    if len(name) >= 2 and name[-2:] in SHELL_CALLS:
        out.append(Finding(path, line, f"calls {'.'.join(name)}()"))
    if len(name) == 2 and name[0] == "os" and name[1].startswith(SHELL_PREFIXES):
        out.append(Finding(path, line, f"calls {'.'.join(name)}()"))
    for kw in node.keywords:
        if kw.arg == "shell" and not (isinstance(kw.value, ast.Constant)
                                      and kw.value.value is False):
            out.append(Finding(path, line, f"calls {'.'.join(name) or 'something'} with a shell"))
    if len(name) == 2 and name[0] == "yaml":
        if name[1] in ("unsafe_load", "unsafe_load_all", "full_load", "full_load_all"):
            out.append(Finding(path, line, f"calls yaml.{name[1]}()"))
        elif name[1] in ("load", "load_all"):
            loader = [kw.value for kw in node.keywords if kw.arg == "Loader"]
            loader += node.args[1:2]
            if not loader or not _is_safe_loader(loader[0]):
                out.append(Finding(path, line, f"calls yaml.{name[1]}() without a safe loader"))
    return out


def test_no_source_can_run_code_out_of_a_file() -> None:
    findings: list[Finding] = []
    for path in python_files():
        rel = path.relative_to(ROOT).as_posix()
        if rel not in ALLOWED_FILES:
            findings += scan(path.read_text(encoding="utf-8"), rel)
    assert not findings, "unsafe calls:\n" + "\n".join(map(str, findings))


def test_the_gate_scans_the_whole_code_base() -> None:
    scanned = {p.relative_to(ROOT).as_posix() for p in python_files()}
    for expected in ("main.py", "game/story/loader.py", "game/persist/save_format.py",
                     "game/ui/app.py", "bench/load.py", "tools/authoring_guide.py"):
        assert expected in scanned
    assert not any("node_modules" in p for p in scanned)


OFFENCES = '''
import pickle
import marshal as m
from shelve import open
from os import system
import yaml, os, subprocess, importlib
eval("1")
exec("x = 1")
compile("1", "f", "eval")
__import__("os")
yaml.load(text)
yaml.load(text, Loader=yaml.Loader)
yaml.load(text, yaml.FullLoader)
yaml.load_all(text, Loader=UnsafeLoader)
yaml.unsafe_load(text)
yaml.full_load(text)
os.system("ls")
os.popen("ls")
os.execv("/bin/sh", [])
subprocess.run("ls", shell=True)
subprocess.Popen(cmd, shell=flag)
importlib.import_module(name)
'''

FINE = '''
import json, yaml, subprocess
yaml.load(text, Loader=yaml.CSafeLoader)
yaml.load(text, yaml.SafeLoader)
yaml.safe_load(text)
yaml.compose(text, Loader=SafeLoader)
subprocess.run(["dot", "-Tsvg"], input=b"", shell=False)
json.loads("{}")
model.eval_expression("x")
story.compile_all()
"eval(1) in a string"
# eval(1) in a comment
'''


def test_the_gate_sees_every_kind_of_offence() -> None:
    findings = scan(OFFENCES, "offences.py")
    lines = {f.line for f in findings}
    code_lines = [i for i, text in enumerate(OFFENCES.splitlines(), 1)
                  if text.strip() and not text.startswith("import yaml")]
    assert sorted(lines) == code_lines, "\n".join(map(str, findings))


def test_the_gate_passes_safe_code() -> None:
    assert scan(FINE, "fine.py") == []
