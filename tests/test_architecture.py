"""Imports flow one way: story -> engine -> documents -> persist -> ui/cli. Only game.ui
imports pygame."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

GAME = ROOT / "game"
ORDER = ["story", "engine", "documents", "persist", "ui"]


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                found.add(".".join([*base, node.module] if node.module else base))
            elif node.module:
                found.add(node.module)
    return found


@pytest.mark.parametrize("layer", ["story", "engine", "documents", "persist"])
def test_no_pygame_below_the_ui(layer: str) -> None:
    for path in (GAME / layer).rglob("*.py"):
        bad = {m for m in imports_of(path) if m.split(".")[0] == "pygame"}
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


@pytest.mark.parametrize("layer", ORDER)
def test_layers_import_only_downwards(layer: str) -> None:
    above = ORDER[ORDER.index(layer) + 1:]
    for path in (GAME / layer).rglob("*.py"):
        for module in imports_of(path):
            parts = module.split(".")
            if parts[0] == "game" and len(parts) > 1:
                assert parts[1] not in above, f"{path.relative_to(ROOT)} imports {module}"
                assert parts[1] != "cli", f"{path.relative_to(ROOT)} imports the CLI"


def test_loading_and_playing_never_loads_pygame() -> None:
    code = (
        "import sys; from game.story import load_story; from game.engine.explore import explore;"
        "from game.engine.trace import run_trace; s = load_story('story').story;"
        "explore(s); run_trace(s, []); assert 'pygame' not in sys.modules, 'pygame loaded'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
