"""The one error type of the expression language, with the offset where it happened."""

from __future__ import annotations


class ExprError(Exception):
    """A problem in an expression. `offset` is 0-based within the expression source."""

    def __init__(self, message: str, offset: int, code: str = "E014") -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.code = code
