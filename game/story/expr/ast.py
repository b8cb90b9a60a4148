"""Expression syntax trees: small frozen values, each with its offset in the source."""

from __future__ import annotations

from dataclasses import dataclass

Value = int | bool | str


@dataclass(frozen=True)
class Literal:
    value: Value
    offset: int


@dataclass(frozen=True)
class Name:
    name: str
    offset: int


@dataclass(frozen=True)
class Visited:
    node: str
    offset: int
    arg_offset: int


@dataclass(frozen=True)
class Unary:
    op: str  # "-" or "not"
    operand: Expr
    offset: int


@dataclass(frozen=True)
class Binary:
    op: str  # or and == != < <= > >= + - *
    left: Expr
    right: Expr
    offset: int  # of the operator


Expr = Literal | Name | Visited | Unary | Binary


def names_in(expr: Expr) -> set[str]:
    """Every variable the expression reads."""
    out: set[str] = set()
    stack: list[Expr] = [expr]
    while stack:
        e = stack.pop()
        if isinstance(e, Name):
            out.add(e.name)
        elif isinstance(e, Unary):
            stack.append(e.operand)
        elif isinstance(e, Binary):
            stack += [e.left, e.right]
    return out


def visited_in(expr: Expr) -> set[str]:
    """Every node whose visit count the expression reads."""
    out: set[str] = set()
    stack: list[Expr] = [expr]
    while stack:
        e = stack.pop()
        if isinstance(e, Visited):
            out.add(e.node)
        elif isinstance(e, Unary):
            stack.append(e.operand)
        elif isinstance(e, Binary):
            stack += [e.left, e.right]
    return out


def int_literals_in(expr: Expr) -> set[int]:
    """Every integer literal in the expression (exploration bounds visit counts by them)."""
    out: set[int] = set()
    stack: list[Expr] = [expr]
    while stack:
        e = stack.pop()
        if isinstance(e, Literal) and type(e.value) is int:
            out.add(e.value)
        elif isinstance(e, Unary):
            stack.append(e.operand)
        elif isinstance(e, Binary):
            stack += [e.left, e.right]
    return out
