"""Whole-story checks, once every file is read: references, types, links and leftovers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Protocol

from .assets import missing_images
from .build_manifest import Manifest
from .diagnostics import Diagnostic, Related, diag
from .expr import ExprError, ExprType, check_types
from .expr.ast import names_in
from .model import Choice, Effect, Expression, Node, Pos, Text, Variable
from .reader import suggest


class Validator:
    def __init__(self, manifest: Manifest, nodes: Mapping[str, Node], root: Path,
                 diagnostics: list[Diagnostic], partial: bool = False) -> None:
        self.partial = partial  # some node file could not be read: its nodes are missing
        self.m = manifest
        self.nodes = nodes
        self.root = root
        self.out = diagnostics
        self.var_types = {n: ExprType(v.type) for n, v in manifest.variables.items()}
        self.used_vars: set[str] = set()

    def report(self, pos: Pos, code: str, message: str, related: tuple[Related, ...] = ()) -> None:
        self.out.append(diag(pos.file, pos.line, pos.col, code, message, related))

    def run(self) -> None:
        if self.m.start is not None and self.m.start_pos is not None:
            self.link(self.m.start, self.m.start_pos, "start")
        for node in self.nodes.values():
            self.node(node)
        self.next_cycles()
        if not self.partial:
            self.unreachable()
            self.unused()
        self.images()

    # -- references ---------------------------------------------------------------

    def link(self, target: str, pos: Pos, what: str) -> None:
        if target not in self.nodes and not self.partial:
            self.report(pos, "E012", f"{what} leads to no node '{target}'"
                        f"{suggest(target, list(self.nodes))}")

    def declared(self, name: str | None, table: Mapping[str, object], pos: Pos | None,
                 code: str, kind: str, section: str) -> None:
        if name is not None and pos is not None and name not in table:
            self.report(pos, code, f"undeclared {kind} '{name}' (declare it under '{section}:' "
                        f"in story.yaml){suggest(name, list(table))}")

    def node(self, node: Node) -> None:
        refs = node.refs
        self.declared(node.chapter, self.m.chapters, refs.get("chapter"), "E009", "chapter",
                      "chapters")
        self.declared(node.place, self.m.places, refs.get("place"), "E010", "place", "places")
        self.declared(node.speaker, self.m.characters, refs.get("speaker"), "E011", "character",
                      "characters")
        self.declared(node.ending, self.m.endings, refs.get("ending"), "E008", "ending",
                      "endings")
        if node.next is not None:
            self.link(node.next, refs["next"], "next")
        self.effects(node.on_enter)
        for part in node.text.parts:
            if part.condition is not None:
                self.condition(part.condition, "a text part's 'if'")
            self.text(part.text)
        seen: dict[str, Choice] = {}
        for choice in node.choices:
            first = seen.get(choice.id)
            if first is not None:
                self.report(choice.pos, "E019", f"duplicate choice id '{choice.id}' in node "
                            f"'{node.id}'; saves name choices by id, so each must be unique",
                            (Related(first.pos.file, first.pos.line, first.pos.col,
                                     f"'{choice.id}' first used here"),))
            else:
                seen[choice.id] = choice
            self.choice(choice)

    def choice(self, c: Choice) -> None:
        self.link(c.goto, c.goto_pos, "goto")
        if c.condition is not None:
            self.condition(c.condition, "if")
        if c.enabled_if is not None:
            self.condition(c.enabled_if, "enabled_if")
        self.text(c.text)
        if c.disabled_text is not None:
            self.text(c.disabled_text)
        self.effects(c.effects)

    # -- expressions and effects ----------------------------------------------------

    def typed(self, e: Expression) -> ExprType | None:
        def report(err: ExprError) -> None:
            if err.code == "E012" and self.partial:
                return
            pos = e.pos_at(err.offset)
            self.report(pos, err.code, err.message)

        self.used_vars |= names_in(e.ast)
        return check_types(e.ast, self.var_types, self.nodes, report)

    def condition(self, e: Expression, what: str) -> None:
        t = self.typed(e)
        if t is not None and t is not ExprType.BOOL:
            self.report(e.pos, "E015", f"{what} must be a condition (bool), but '{e.source}' "
                        f"is {t.value}")

    def text(self, text: Text) -> None:
        for e in text.expressions():
            self.typed(e)

    def effects(self, effects: tuple[Effect, ...]) -> None:
        for effect in effects:
            var = self.m.variables.get(effect.var)
            if var is None:
                self.report(effect.pos, "E013", f"undeclared variable '{effect.var}' (declare it "
                            "under 'variables:' in story.yaml)"
                            f"{suggest(effect.var, list(self.m.variables))}")
                continue
            self.used_vars.add(effect.var)
            if effect.kind == "set":
                self.set_value(effect, var)
            elif var.type != "int":
                self.report(effect.pos, "E017", f"{effect.kind} works on int variables only, and "
                            f"'{var.name}' is {var.type}; use set")

    def set_value(self, effect: Effect, var: Variable) -> None:
        value = effect.value
        kind = "bool" if isinstance(value, bool) else "int" if isinstance(value, int) else "str"
        if kind != var.type:
            self.report(effect.value_pos, "E016", f"'{var.name}' is {var.type}, so it cannot be "
                        f"set to the {kind} {_show(value)}")
        elif var.values is not None and value not in var.values:
            self.report(effect.value_pos, "E016", f"{_show(value)} is not one of the values of "
                        f"'{var.name}' ({', '.join(var.values)})"
                        f"{suggest(str(value), var.values)}")
        elif isinstance(value, int) and not isinstance(value, bool) and var.clamp(value) != value:
            self.report(effect.value_pos, "E016", f"{value} is outside the range of '{var.name}' "
                        f"({var.min}..{var.max})")

    # -- the graph ------------------------------------------------------------------

    def next_cycles(self) -> None:
        """Nodes joined only by `next` form chains; a chain that loops never ends."""
        state: dict[str, int] = {}  # 1 = on the current chain, 2 = done
        for start in self.nodes:
            chain: list[str] = []
            node_id: str | None = start
            while node_id is not None and node_id in self.nodes and node_id not in state:
                state[node_id] = 1
                chain.append(node_id)
                node_id = self.nodes[node_id].next
            if node_id is not None and state.get(node_id) == 1:
                cycle = chain[chain.index(node_id):]
                first = self.nodes[cycle[0]]
                path = " -> ".join([*cycle, cycle[0]])
                self.report(first.refs.get("next", first.pos), "E021",
                            f"these nodes are joined only by next links and loop forever: {path}")
            for n in chain:
                state[n] = 2

    def unreachable(self) -> None:
        start = self.m.start
        if start is None or start not in self.nodes:
            return
        seen = {start}
        stack = [start]
        while stack:
            node = self.nodes[stack.pop()]
            for target in _targets(node):
                if target in self.nodes and target not in seen:
                    seen.add(target)
                    stack.append(target)
        for node in self.nodes.values():
            if node.id not in seen:
                self.report(node.pos, "W001", f"node '{node.id}' cannot be reached from the "
                            f"start node '{self.m.start}' by any link")

    def unused(self) -> None:
        for name, var in self.m.variables.items():
            if name not in self.used_vars and not var.show:
                self.report(var.pos, "W003", f"variable '{name}' is declared but nothing uses it")
        used = _used(self.nodes.values())
        tables: list[tuple[str, Mapping[str, _Declared], str, str]] = [
            ("place", self.m.places, "W004", "no node is set there"),
            ("speaker", self.m.characters, "W005", "no node has them as speaker"),
            ("ending", self.m.endings, "W006", "no node ends with it"),
        ]
        for attr, table, code, why in tables:
            for name, item in table.items():
                if name not in used[attr]:
                    kind = {"speaker": "character"}.get(attr, attr)
                    self.report(item.pos, code, f"{kind} '{name}' is declared but {why}")

    def images(self) -> None:
        self.out.extend(missing_images(self.m.places.values(), self.root))


class _Declared(Protocol):
    @property
    def pos(self) -> Pos: ...


def _targets(node: Node) -> Iterator[str]:
    if node.next is not None:
        yield node.next
    for c in node.choices:
        yield c.goto


def _used(nodes: Iterable[Node]) -> dict[str, set[str]]:
    used: dict[str, set[str]] = {"place": set(), "speaker": set(), "ending": set()}
    for node in nodes:
        for attr in used:
            value = getattr(node, attr)
            if value is not None:
                used[attr].add(value)
    return used


def _show(value: object) -> str:
    """A value as a message shows it: clipped, so a hostile 5,000-digit number is one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if not isinstance(value, str):
        return str(value)
    shown = repr(value if len(value) <= 40 else value[:40] + "…")
    if value.lstrip("+-").isdigit():
        shown += " (a number far too large for a story)"
    return shown

