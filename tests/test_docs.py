"""The docs show what the engine really does: generated diagnostics, the README commands,
the authoring tutorial."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_diagnostics_reference_is_up_to_date() -> None:
    p = subprocess.run([sys.executable, "tools/diagnostics_doc.py", "--check"], cwd=ROOT,
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


def test_readme_opens_with_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```")[0].strip() for b in text.split("```\n")[1:4:2]]
    assert blocks == ['python -m pip install -e ".[dev]" && python main.py',
                      'python -m pip install -e ".[dev]" && python -m pytest']


def test_the_authoring_tutorial_prints_what_it_shows() -> None:
    """docs/authoring.md followed word for word, in a scratch copy of the story: every
    file it writes and edit it makes, every command and its output as shown."""
    p = subprocess.run([sys.executable, "tools/authoring_guide.py", "--check"], cwd=ROOT,
                       capture_output=True, text=True, encoding="utf-8")
    assert p.returncode == 0, p.stdout + p.stderr
