"""The story as data: format, loading, validation and expressions. No pygame, no I/O
beyond reading the story folder."""

from .diagnostics import CODES, Diagnostic, Severity
from .loader import LoadResult, load_story
from .model import Choice, Effect, Ending, Node, Story, Text, Variable

__all__ = ["CODES", "Choice", "Diagnostic", "Effect", "Ending", "LoadResult", "Node", "Severity",
           "Story", "Text", "Variable", "load_story"]
