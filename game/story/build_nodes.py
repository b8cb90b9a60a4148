"""Reading node files: `defaults:` and `nodes:`, each node with its choices and effects.

This stage checks shape only (keys, types, ids, literals). Whether a `goto` leads
anywhere or a variable exists is the validator's job, once every file is read.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from types import MappingProxyType
from typing import Literal as Lit

from .model import Choice, Effect, Node, NodeText, Pos, Text
from .reader import NAME_ID, NODE_ID, Fields, Reader, suggest
from .yaml_source import YNode

# The keys each mapping accepts; tests/story/test_schema.py checks docs/story.schema.json
# against them.
NODE_FILE_REQUIRED, NODE_FILE_OPTIONAL = ("nodes",), ("defaults",)
NODE_REQUIRED = ("text",)
NODE_FIELDS = ("chapter", "place", "date", "speaker", "on_enter", "choices", "next", "ending")
CHOICE_REQUIRED = ("id", "text", "goto")
CHOICE_OPTIONAL = ("if", "enabled_if", "disabled_text", "once", "effects")
DEFAULT_FIELDS = ("chapter", "place", "speaker", "date")
EFFECT_KINDS = ("set", "add", "roll")
EXITS = ("choices", "next", "ending")


def build_node_file(r: Reader, root: YNode | None) -> list[tuple[Node, YNode]]:
    """The nodes of one file, each with the YAML key that named it."""
    if root is None:
        return []
    f = r.fields(root, "a node file", root, NODE_FILE_REQUIRED, NODE_FILE_OPTIONAL)
    if f is None or "nodes" not in f:
        return []
    defaults: Fields = {}
    if "defaults" in f:
        key, value = f["defaults"]
        defaults = r.fields(value, "defaults", key, (), DEFAULT_FIELDS) or {}
    out = []
    for key, value in r.mapping(f["nodes"][1], "nodes") or []:
        node_id = r.ident(key, "node id", NODE_ID)
        if node_id is None:
            continue
        out.append((_node(r, node_id, key, value, defaults), key))
    return out


def _node(r: Reader, node_id: str, key: YNode, n: YNode, defaults: Fields) -> Node:
    what = f"node '{node_id}'"
    f = r.fields(n, what, key, NODE_REQUIRED, NODE_FIELDS) or {}
    ok = True
    exits = [name for name in EXITS if name in f]
    if len(exits) != 1:
        where = f[exits[1]][0] if len(exits) > 1 else key
        found = " and ".join(exits) if exits else "none of them"
        r.report(where, "E020", f"{what} needs exactly one of choices, next or ending; "
                 f"it has {found}")
        ok = False
    text = r.node_text(f["text"][1], f"the text of {what}") if "text" in f else None
    refs: dict[str, Pos] = {}
    values: dict[str, str | None] = {}
    for name, pattern in (("chapter", NAME_ID), ("place", NAME_ID), ("speaker", NAME_ID)):
        source = f.get(name) or defaults.get(name)
        values[name] = None
        if source is not None:
            values[name] = r.ident(source[1], name, pattern)
            refs[name] = r.pos(source[1])
    date_src = f.get("date") or defaults.get("date")
    date = _date(r, date_src[1]) if date_src else None
    on_enter = _effects(r, f["on_enter"][1], f"on_enter of {what}") if "on_enter" in f else ()
    choices: tuple[Choice, ...] = ()
    if "choices" in f:
        choices = _choices(r, f["choices"][1], what)
    nxt = ending = None
    if "next" in f:
        nxt = r.ident(f["next"][1], "next node id", NODE_ID)
        refs["next"] = r.pos(f["next"][1])
    if "ending" in f:
        ending = r.ident(f["ending"][1], "ending id", NAME_ID)
        refs["ending"] = r.pos(f["ending"][1])
    # A broken node is still returned (its problems are already reported) so that links
    # to it do not cascade into misleading 'unknown goto target' errors.
    del ok
    return Node(node_id, r.pos(key), text or NodeText((), r.pos(key)), values["chapter"],
                values["place"], date, values["speaker"], on_enter or (), choices, nxt, ending,
                MappingProxyType(refs))


def _date(r: Reader, n: YNode) -> str | None:
    if n.kind == "scalar" and n.tag in ("timestamp", "str"):
        try:
            return datetime.date.fromisoformat(n.text.strip()).isoformat()
        except ValueError:
            pass
    r.report(n, "E028", f"date must be an ISO date like 1942-02-03, not '{n.text}'")
    return None


def _choices(r: Reader, n: YNode, what: str) -> tuple[Choice, ...]:
    items = r.sequence(n, f"the choices of {what}")
    if items is None:
        return ()
    if not items:
        r.report(n, "E020", f"the choices of {what} are empty; give at least one choice, "
                 "or use next or ending")
    out = []
    for item in items:
        choice = _choice(r, item, what)
        if choice is not None:
            out.append(choice)
    return tuple(out)


def _choice(r: Reader, n: YNode, owner: str) -> Choice | None:
    f = r.fields(n, f"a choice of {owner}", n, CHOICE_REQUIRED, CHOICE_OPTIONAL)
    if f is None or any(k not in f for k in CHOICE_REQUIRED):
        return None
    cid = r.ident(f["id"][1], "choice id", NODE_ID)
    what = f"choice '{cid}' of {owner}"
    text = r.text(f["text"][1], f"the text of {what}")
    goto = r.ident(f["goto"][1], "goto node id", NODE_ID)
    condition = r.expression(f["if"][1], "if") if "if" in f else None
    enabled = r.expression(f["enabled_if"][1], "enabled_if") if "enabled_if" in f else None
    disabled = (r.text(f["disabled_text"][1], f"the disabled_text of {what}")
                if "disabled_text" in f else None)
    once = r.boolean(f["once"][1], "once") if "once" in f else False
    effects = _effects(r, f["effects"][1], f"the effects of {what}") if "effects" in f else ()
    if cid is None or goto is None:
        return None
    # Kept even when other parts failed (already reported), so links and ids still count.
    return Choice(cid, text or Text({}, r.pos(f["text"][1])), goto, r.pos(f["id"][1]),
                  r.pos(f["goto"][1]), condition, enabled, disabled, bool(once), effects or ())


def _effects(r: Reader, n: YNode, what: str) -> tuple[Effect, ...] | None:
    items = r.sequence(n, what)
    if items is None:
        return None
    out: list[Effect] = []
    ok = True
    for item in items:
        effects = _effect(r, item)
        if effects is None:
            ok = False
        else:
            out += effects
    return tuple(out) if ok else None


def _effect(r: Reader, n: YNode) -> list[Effect] | None:
    entries = r.mapping(n, "an effect")
    if entries is None:
        return None
    if len(entries) != 1:
        r.report(n, "E005", "an effect is a mapping with one key (set, add or roll); "
                 "start each effect on its own '- ' line")
        return None
    key, body = entries[0]
    if key.text not in EFFECT_KINDS:
        r.report(key, "E003", f"unknown effect '{key.text}'{suggest(key.text, EFFECT_KINDS)}; "
                 "effects are set, add and roll")
        return None
    kind: Lit["set", "add", "roll"] = key.text  # type: ignore[assignment]
    pairs = r.mapping(body, f"'{kind}'")
    if pairs is None:
        return None
    out: list[Effect] = []
    for name, value in pairs:
        v = _effect_value(r, kind, value)
        if v is None:
            return None
        out.append(Effect(kind, name.text, v, r.pos(name), r.pos(value)))
    return out


def _effect_value(r: Reader, kind: str, n: YNode) -> int | bool | str | tuple[int, int] | None:
    if kind == "add":
        return r.integer(n, "the amount to add")
    if kind == "roll":
        return _roll_range(r, n)
    if n.kind != "scalar" or n.tag not in ("int", "bool", "str"):
        r.report(n, "E016", f"set takes a literal value (a number, true/false or a string), "
                 f"not {n.describe()}")
        return None
    value = n.as_python()
    assert isinstance(value, (int, bool, str))
    return value


def _roll_range(r: Reader, n: YNode) -> tuple[int, int] | None:
    items: Sequence[YNode] | None = n.children() if n.kind == "seq" else None
    if items is None or len(items) != 2:
        r.report(n, "E005", "roll takes a range [LOW, HIGH], like [1, 6]")
        return None
    lo = r.integer(items[0], "the low end of the roll")
    hi = r.integer(items[1], "the high end of the roll")
    if lo is None or hi is None:
        return None
    if lo > hi:
        r.report(n, "E027", f"roll range [{lo}, {hi}] is empty: LOW must not exceed HIGH")
        return None
    if hi - lo > 1_000_000:
        r.report(n, "E027", "roll range wider than a million values")
        return None
    return (lo, hi)
