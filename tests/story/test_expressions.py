"""The expression language: parsing, precedence, strict types, columns, and fuzzing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.story.expr import ExprError, ExprType, check_types, compile_expr, parse

VARS = {"trust": ExprType.INT, "met": ExprType.BOOL, "mood": ExprType.STR}
VALUES = {"trust": 2, "met": True, "mood": "calm"}
NODES = {"hall"}


def evaluate(source: str, visits: dict[str, int] | None = None) -> object:
    tree = parse(source)
    errors: list[ExprError] = []
    check_types(tree, VARS, NODES, errors.append)
    assert not errors, [e.message for e in errors]
    return compile_expr(tree)(VALUES, visits or {})


@pytest.mark.parametrize(("source", "value"), [
    ("1 + 2 * 3", 7),
    ("(1 + 2) * 3", 9),
    ("-trust - -1", -1),
    ("10 - 3 - 2", 5),
    ("trust >= 2 and not met", False),
    ("not met or trust == 2", True),
    ("not not met", True),
    ("mood == 'calm'", True),
    ('mood != "angry"', True),
    ("true and false or true", True),
    ("visited(\"hall\") * 2", 6),
    ("visited('hall') > 2", True),
    ("'it\\'s'", "it's"),
])
def test_values_and_precedence(source: str, value: object) -> None:
    assert evaluate(source, {"hall": 3}) == value


@pytest.mark.parametrize(("source", "offset", "fragment"), [
    ("trust >= (2", 11, "')'"),
    ("trust = 2", 6, "'=='"),
    ("1 < 2 < 3", 6, "chain"),
    ("trust >=", 8, "missing"),
    ("visited(hall)", 8, "quotes"),
    ("'open", 0, "not closed"),
    ("trust & met", 6, "'and'"),
    ("", 0, "empty"),
    ("3abc", 1, "run into"),
])
def test_syntax_errors_point_at_the_column(source: str, offset: int, fragment: str) -> None:
    with pytest.raises(ExprError) as e:
        parse(source)
    assert e.value.offset == offset
    assert fragment in e.value.message


@pytest.mark.parametrize(("source", "code", "offset"), [
    ("mood == 3", "E015", 5),
    ("trust and met", "E015", 6),
    ("not trust", "E015", 0),
    ("met + 1", "E015", 4),
    ("ghost > 1", "E013", 0),
    ("visited('nowhere') > 0", "E012", 8),
    ("-met", "E015", 0),
])
def test_type_errors(source: str, code: str, offset: int) -> None:
    errors: list[ExprError] = []
    check_types(parse(source), VARS, NODES, errors.append)
    assert [(e.code, e.offset) for e in errors] == [(code, offset)]


def test_ten_thousand_parentheses_is_a_clean_error() -> None:
    with pytest.raises(ExprError, match="longer than"):
        parse("(" * 10_000 + "1" + ")" * 10_000)
    with pytest.raises(ExprError, match="nested"):
        parse("(" * 1000 + "1" + ")" * 1000)
    with pytest.raises(ExprError):
        parse("not " * 5000 + "true")
    with pytest.raises(ExprError):
        parse(" + ".join(["1"] * 3000))


def test_there_is_no_way_to_reach_python() -> None:
    for source in ("__import__('os')", "open('x')", "trust.__class__", "[1][0]", "a(1)",
                   "lambda: 1", "1 if met else 2"):
        with pytest.raises(ExprError):
            tree = parse(source)
            errors: list[ExprError] = []
            check_types(tree, VARS, NODES, errors.append)
            if errors:
                raise errors[0]


ALPHABET = st.sampled_from(list("()'\"<>=!+-* \tabcdefghnotrusvi0123456789_") +
                           ["and", "or", "not", "true", "false", "visited", "trust", "met"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_fuzz_any_input_parses_or_gives_an_error(source: str) -> None:
    try:
        tree = parse(source)
    except ExprError as e:
        assert 0 <= e.offset <= len(source)
        return
    errors: list[ExprError] = []
    t = check_types(tree, VARS, NODES, errors.append)
    if not errors and t is not None:
        value = compile_expr(tree)(VALUES, {"hall": 1})
        assert isinstance(value, (int, bool, str))


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_fuzz_arbitrary_unicode(source: str) -> None:
    try:
        parse(source)
    except ExprError as e:
        assert 0 <= e.offset <= len(source)
