"""The expression language of the story format: tokenizer, parser, type checker, evaluator.

Hand-written so that a story can never run code: nothing here reaches `eval`, `exec`
or Python's `ast`. See `parse`, `check_types` and `compile_expr`.
"""

from .ast import Expr
from .errors import ExprError
from .evaluate import Evaluator, compile_expr
from .parser import parse
from .types import ExprType, check_types

__all__ = ["Expr", "ExprError", "ExprType", "Evaluator", "check_types", "compile_expr", "parse"]
