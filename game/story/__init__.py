"""The story as data: format, loading, validation and expressions. No pygame, no I/O
beyond reading the story folder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .diagnostics import CODES, Diagnostic, Severity
from .folder import LoadResult
from .model import Choice, Effect, Ending, Node, Story, Text, Variable

if TYPE_CHECKING:
    from .loader import load_story


def __getattr__(name: str) -> Any:
    """`load_story` imports the YAML reader and the checker on first use, not with the
    package: a start-up served by the startup cache never needs them."""
    if name == "load_story":
        from .loader import load_story

        return load_story
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["CODES", "Choice", "Diagnostic", "Effect", "Ending", "LoadResult", "Node", "Severity",
           "Story", "Text", "Variable", "load_story"]
