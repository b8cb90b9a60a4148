"""Static type checking of expressions against the story's declared variables.

Types are strict (no truthiness): `and`/`or`/`not` take bool, arithmetic and ordering
take int, `==`/`!=` take two operands of one type. Errors carry the offset of the
operator or operand at fault, so `check` can point at the column.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from enum import StrEnum

from .ast import Binary, Expr, Literal, Name, Unary, Visited
from .errors import ExprError


class ExprType(StrEnum):
    INT = "int"
    BOOL = "bool"
    STR = "str"


def type_of_value(value: object) -> ExprType:
    if isinstance(value, bool):
        return ExprType.BOOL
    if isinstance(value, int):
        return ExprType.INT
    return ExprType.STR


_ARITHMETIC = frozenset({"+", "-", "*"})
_ORDERING = frozenset({"<", "<=", ">", ">="})


def check_types(
    expr: Expr,
    variables: Mapping[str, ExprType],
    nodes: Collection[str],
    report: Callable[[ExprError], None],
) -> ExprType | None:
    """Return the expression's type, reporting every problem; None when it has no type."""

    def walk(e: Expr) -> ExprType | None:
        if isinstance(e, Literal):
            return type_of_value(e.value)
        if isinstance(e, Name):
            t = variables.get(e.name)
            if t is None:
                report(ExprError(f"undeclared variable '{e.name}' (declare it under "
                                 "'variables:' in story.yaml)", e.offset, "E013"))
            return t
        if isinstance(e, Visited):
            if e.node not in nodes:
                report(ExprError(f"visited() names no node '{e.node}'", e.arg_offset, "E012"))
            return ExprType.INT
        if isinstance(e, Unary):
            inner = walk(e.operand)
            want = ExprType.BOOL if e.op == "not" else ExprType.INT
            if inner is not None and inner is not want:
                report(ExprError(f"'{e.op}' takes {want.value}, not {inner.value}",
                                 e.offset, "E015"))
            return want
        return binary(e)

    def binary(e: Binary) -> ExprType | None:
        left, right = walk(e.left), walk(e.right)
        if e.op in ("and", "or"):
            for side in (left, right):
                if side is not None and side is not ExprType.BOOL:
                    report(ExprError(f"'{e.op}' takes bool operands, not {side.value}",
                                     e.offset, "E015"))
            return ExprType.BOOL
        if e.op in _ARITHMETIC or e.op in _ORDERING:
            for side in (left, right):
                if side is not None and side is not ExprType.INT:
                    report(ExprError(f"'{e.op}' takes int operands, not {side.value}",
                                     e.offset, "E015"))
            return ExprType.INT if e.op in _ARITHMETIC else ExprType.BOOL
        if left is not None and right is not None and left is not right:
            report(ExprError(f"'{e.op}' compares {left.value} with {right.value}; "
                             "both sides must have one type", e.offset, "E015"))
        return ExprType.BOOL

    return walk(expr)
