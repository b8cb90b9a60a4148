"""Values typed by a person: `--set name=value`, the debug overlay's fields, node ids.

Typed values are checked as strictly as the loader checks a `set` effect (the declared
type, `min`/`max`, `values`), because a state no story could reach would only test the
fixture. Each refusal is a `FixtureError` whose message names the fix, with the closest
names when a name is misspelt.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from ..story.expr.ast import Value
from ..story.model import Story, Variable


class FixtureError(ValueError):
    """A typed name or value that cannot apply; the message says why and what would."""


def parse_value(var: Variable, text: str) -> Value:
    """`text` read as `var`'s declared type, then checked against its declaration."""
    raw = text.strip()
    if var.type == "int":
        try:
            number = int(raw)
        except ValueError:
            raise FixtureError(f"{var.name} is an int: '{text}' is not a whole number") from None
        return check_value(var, number)
    if var.type == "bool":
        if raw not in ("true", "false"):
            raise FixtureError(f"{var.name} is a bool: give true or false, not '{text}'")
        return raw == "true"
    return check_value(var, text)


def check_value(var: Variable, value: Value) -> Value:
    """`value` when it fits the declaration; a FixtureError naming the allowed ones if not."""
    if var.type == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            raise FixtureError(f"{var.name} is an int, not {value!r}")
        if var.min is not None and var.max is not None and not var.min <= value <= var.max:
            raise FixtureError(f"{var.name} must be from {var.min} to {var.max}; "
                               f"{value} is out of range")
        if var.min is not None and value < var.min:
            raise FixtureError(f"{var.name} must be at least {var.min}; {value} is too low")
        if var.max is not None and value > var.max:
            raise FixtureError(f"{var.name} must be at most {var.max}; {value} is too high")
        return value
    if var.type == "bool":
        if not isinstance(value, bool):
            raise FixtureError(f"{var.name} is a bool: give true or false, not {value!r}")
        return value
    if not isinstance(value, str):
        raise FixtureError(f"{var.name} is a str, not {value!r}")
    if var.values is not None and value not in var.values:
        raise FixtureError(f"{var.name} must be one of {', '.join(var.values)}; "
                           f"not '{value}'")
    return value


def parse_assignment(story: Story, text: str) -> tuple[str, Value]:
    """`name=value` for a declared variable, the value parsed by its type."""
    name, equals, raw = text.partition("=")
    name = name.strip()
    if not equals or not name:
        raise FixtureError(f"--set expects name=value, e.g. --set soviet_trust=3; got '{text}'")
    var = story.variables.get(name)
    if var is None:
        raise FixtureError(f"no variable '{name}' is declared; {close_list(name, story.variables)}")
    return name, parse_value(var, raw)


def check_node(story: Story, node_id: str) -> str:
    if node_id not in story.nodes:
        raise FixtureError(f"no node '{node_id}' in the story; {close_list(node_id, story.nodes)}")
    return node_id


def close_list(word: str, options: Iterable[str]) -> str:
    """'closest: a, b' for a misspelt name, or every name when there are few and none is close."""
    names = list(options)
    close = closest(word, names)
    if close:
        return "closest: " + ", ".join(close)
    if len(names) <= 30:
        return "declared: " + ", ".join(names)
    return f"none is close ({len(names)} declared)"


def closest(word: str, names: Sequence[str], limit: int = 5) -> list[str]:
    """Names containing `word`, then the ones difflib finds similar, best first."""
    wanted = word.lower()
    found = [n for n in names if wanted and wanted in n.lower()]
    found.sort(key=lambda n: (not n.lower().startswith(wanted), len(n)))
    for n in difflib.get_close_matches(word, list(names), n=limit, cutoff=0.6):
        if n not in found:
            found.append(n)
    return found[:limit]


def matching_nodes(story: Story, fragment: str) -> list[str]:
    """The jump box's list: ids that start with, then contain, `fragment` (story order)."""
    wanted = fragment.strip().lower()
    ids = list(story.nodes)
    if not wanted:
        return ids
    starts = [i for i in ids if i.startswith(wanted)]
    inside = [i for i in ids if wanted in i and not i.startswith(wanted)]
    if starts or inside:
        return starts + inside
    return difflib.get_close_matches(wanted, ids, n=8, cutoff=0.5)
