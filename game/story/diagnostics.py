"""Diagnostics: every problem a story can have, as a value with a place and a stable code.

Loading never stops at the first problem (Yarn Spinner's lesson): each stage returns a
list of these, so `check` can report everything in one run. The codes are a contract
with authors: Part 3 of `docs/authoring.md` documents each one (generated from the stories in
`tests/broken/`, one per code, which the tests check). Never renumber; retire a code instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# code -> (severity, short title). The title is what `check --codes` lists.
CODES: dict[str, tuple[Severity, str]] = {
    "E001": (Severity.ERROR, "YAML syntax error"),
    "E002": (Severity.ERROR, "duplicate key"),
    "E003": (Severity.ERROR, "unknown key"),
    "E004": (Severity.ERROR, "missing required field"),
    "E005": (Severity.ERROR, "value of the wrong type"),
    "E006": (Severity.ERROR, "duplicate node id"),
    "E007": (Severity.ERROR, "unsupported format version"),
    "E008": (Severity.ERROR, "undeclared ending"),
    "E009": (Severity.ERROR, "undeclared chapter"),
    "E010": (Severity.ERROR, "undeclared place"),
    "E011": (Severity.ERROR, "undeclared character"),
    "E012": (Severity.ERROR, "unknown goto target"),
    "E013": (Severity.ERROR, "undeclared variable"),
    "E014": (Severity.ERROR, "expression does not parse"),
    "E015": (Severity.ERROR, "expression type error"),
    "E016": (Severity.ERROR, "set value of the wrong type or outside values"),
    "E017": (Severity.ERROR, "add or roll on a variable that is not int"),
    "E018": (Severity.ERROR, "default outside min/max/values"),
    "E019": (Severity.ERROR, "duplicate choice id"),
    "E020": (Severity.ERROR, "node needs exactly one of choices, next, ending"),
    "E021": (Severity.ERROR, "cycle made only of next links"),
    "E022": (Severity.ERROR, "invalid id"),
    "E023": (Severity.ERROR, "story folder or manifest missing"),
    "E024": (Severity.ERROR, "file cannot be read as UTF-8 text"),
    "E025": (Severity.ERROR, "file too large or too deeply nested"),
    "E026": (Severity.ERROR, "YAML tag not allowed"),
    "E027": (Severity.ERROR, "invalid range"),
    "E028": (Severity.ERROR, "invalid value"),
    "W001": (Severity.WARNING, "node unreachable from start"),
    "W002": (Severity.WARNING, "missing translation"),
    "W003": (Severity.WARNING, "variable never used"),
    "W004": (Severity.WARNING, "place never used"),
    "W005": (Severity.WARNING, "character never used"),
    "W006": (Severity.WARNING, "ending never used"),
    "W007": (Severity.WARNING, "image file does not exist"),
}


@dataclass(frozen=True, order=True)
class Related:
    """A second place that explains a diagnostic (where the first definition is, say)."""

    file: str
    line: int
    col: int
    message: str


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place. `line` and `col` are 1-based; 0 means 'the whole file'."""

    file: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str
    related: tuple[Related, ...] = ()

    def format(self) -> str:
        """GCC style, which editors and the conformance suite both parse; notes follow."""
        place = f"{self.file}:{self.line}:{self.col}"
        head = f"{place}: {self.severity.value}: {self.message} [{self.code}]"
        notes = [f"{r.file}:{r.line}:{r.col}: note: {r.message}" for r in self.related]
        return "\n".join([head, *notes])

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def diag(
    file: str, line: int, col: int, code: str, message: str, related: tuple[Related, ...] = ()
) -> Diagnostic:
    """Make a diagnostic whose severity comes from the code table."""
    return Diagnostic(file, line, col, CODES[code][0], code, message, related)


def has_errors(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> bool:
    return any(d.is_error for d in diagnostics)
