"""Safe YAML reading into nodes that remember where they came from.

Plain scalars resolve as in PyYAML (YAML 1.1) except booleans, which follow YAML 1.2:
`yes`, `no`, `on` and `off` are strings.

We compose nodes from libyaml's event stream ourselves instead of calling
`yaml.compose`, for three reasons measured on this machine:

- libyaml's Cython composer recurses in C: a 100,000-level nested list crashes the
  process (segfault), and the pure-Python composer raises RecursionError at ~1,000.
  This composer is a loop with an explicit stack and a depth limit.
- `yaml.compose(CSafeLoader)` spends most of its time in PyYAML's Python resolver:
  2.3 s for a 10,000-node story whose event stream takes 0.4 s. Resolving plain
  scalars here, with a first-character dispatch, is several times faster.
- Duplicate keys, disallowed tags and alias bombs are caught while composing, with
  the position of the offending key, instead of in a second pass.

Only the core YAML types exist here (str, int, bool, null, float, timestamp, seq,
map). Any other tag, `!!python/object` above all, is refused: a story file can never
make Python construct anything.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml

from .diagnostics import Diagnostic, Related, diag
from .folder import MAX_FILE_BYTES

try:  # libyaml when it is there (it nearly always is with PyYAML wheels)
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
# Aliases may repeat a node; more than this many nodes after expansion is a YAML bomb.
MAX_EXPANDED_NODES = 2_000_000

Scalar = str
Seq = list["YNode"]
Map = list[tuple["YNode", "YNode"]]


class YNode:
    """A YAML node: kind ('scalar', 'seq', 'map'), resolved tag, and a 1-based position."""

    __slots__ = ("kind", "tag", "value", "line", "col", "end_line", "style", "size", "start",
                 "end")

    def __init__(
        self,
        kind: str,
        tag: str,
        value: Any,  # str for a scalar, Seq for a sequence, Map for a mapping
        line: int,
        col: int,
        style: str | None = None,
    ) -> None:
        self.kind = kind
        self.tag = tag
        self.value = value
        self.line = line
        self.col = col
        self.end_line = line
        self.style = style
        self.size = 1
        self.start = 0  # character index of the node in the source text
        self.end = 0

    def __repr__(self) -> str:
        return f"YNode({self.kind}:{self.tag} @{self.line}:{self.col})"

    @property
    def text(self) -> str:
        """The scalar's source text (for a mapping or sequence, an empty string)."""
        return self.value if isinstance(self.value, str) else ""

    def items(self) -> Map:
        assert self.kind == "map"
        pairs: Map = self.value
        return pairs

    def children(self) -> Seq:
        assert self.kind == "seq"
        nodes: Seq = self.value
        return nodes

    def as_python(self) -> object:
        """The scalar's value as Python: int, bool, None, or str (floats stay strings)."""
        if self.kind != "scalar":
            raise TypeError("not a scalar")
        return scalar_value(self.tag, self.text)

    def describe(self) -> str:
        """How an error message names this node's type."""
        return {
            "map": "a mapping",
            "seq": "a list",
            "str": "a string",
            "int": "an integer",
            "bool": "a boolean",
            "null": "nothing (null)",
            "float": "a decimal number",
            "timestamp": "a date",
        }.get(self.tag, self.tag)


@dataclass
class SourceFile:
    """One YAML file: its display path, its root node (None when empty or broken)."""

    path: str
    root: YNode | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    text: str = ""

    @property
    def failed(self) -> bool:
        """The file could not be read or parsed, so its nodes are missing."""
        return self.root is None and bool(self.diagnostics)


def scalar_positions(source: str, n: YNode) -> list[tuple[int, int]] | None:
    """The (line, column) in the file of each character of a scalar's value, and one past
    the end; None where folding makes it ambiguous (plain multi-line and '>' scalars)."""
    value = n.text
    raw = source[n.start:n.end]
    out: list[tuple[int, int]] = []
    if n.style is None and n.line == n.end_line:
        out = [(n.line, n.col + i) for i in range(len(value) + 1)]
    elif n.style in ("'", '"') and n.line == n.end_line:
        i = 1
        body_end = len(raw) - 1
        while i < body_end:
            out.append((n.line, n.col + i))
            if n.style == "'" and raw.startswith("''", i):
                i += 2
            elif n.style == '"' and raw[i] == "\\":
                i += {"x": 4, "u": 6, "U": 10}.get(raw[i + 1:i + 2], 2)
            else:
                i += 1
        out.append((n.line, n.col + body_end))
    elif n.style == "|":
        lines = raw.split("\n")[1:]
        content = [ln for ln in lines if ln.strip()]
        indent = len(content[0]) - len(content[0].lstrip(" ")) if content else 0
        for k, line in enumerate(lines):
            for j in range(max(0, len(line) - indent) + 1):
                out.append((n.line + 1 + k, indent + 1 + j))
        out = out[: len(value) + 1]
    return out if len(out) == len(value) + 1 else None


# --- plain-scalar resolution (YAML 1.1, as PyYAML does it) -------------------------

# Booleans are YAML 1.2's: only true/false. YAML 1.1 also read yes/no/on/off as booleans,
# which turns `id: on` or `answer: no` into a boolean behind the author's back.
_BOOL_TRUE = {"true", "True", "TRUE"}
_BOOL_FALSE = {"false", "False", "FALSE"}
_NULL = {"", "~", "null", "Null", "NULL"}
_INT = re.compile(
    r"""^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""",
    re.X,
)
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""",
    re.X,
)
_TIMESTAMP = re.compile(
    r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9]
    (?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
    re.X,
)
_NUMERIC_START = frozenset("-+0123456789.")
_WORD_START = frozenset("nNtTfF~")
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t: t
    for t in ("str", "int", "bool", "null", "float", "timestamp", "seq", "map")
}
_MAX_INT_DIGITS = 60  # a story has no use for larger numbers; refuse them early


def resolve_plain(value: str) -> str:
    """The tag of a plain (unquoted) scalar (YAML 1.1's rules, YAML 1.2's booleans)."""
    if not value or value in _NULL:
        return "null"
    first = value[0]
    if first in _WORD_START:
        if value in _BOOL_TRUE or value in _BOOL_FALSE:
            return "bool"
        return "str"
    if first in _NUMERIC_START:
        if _INT.match(value):
            return "int"
        if _FLOAT.match(value):
            return "float"
        if _TIMESTAMP.match(value):
            return "timestamp"
    return "str"


def _yaml_int(text: str) -> int:
    """YAML 1.1 integer syntax: sign, underscores, 0b, 0x, leading-zero octal, base 60."""
    value = text.replace("_", "")
    sign = -1 if value.startswith("-") else 1
    if value[0] in "+-":
        value = value[1:]
    if value == "0":
        return 0
    if value.startswith("0b"):
        return sign * int(value[2:], 2)
    if value.startswith("0x"):
        return sign * int(value[2:], 16)
    if value.startswith("0"):
        return sign * int(value, 8)
    if ":" in value:
        total = 0
        for part in value.split(":"):
            total = total * 60 + int(part)
        return sign * total
    return sign * int(value)


def scalar_value(tag: str, text: str) -> object:
    if tag == "int":
        return _yaml_int(text)
    if tag == "bool":
        return text in _BOOL_TRUE
    if tag == "null":
        return None
    return text


def _valid_for_tag(tag: str, text: str) -> bool:
    if tag == "int":
        return bool(_INT.match(text))
    if tag == "bool":
        return text in _BOOL_TRUE or text in _BOOL_FALSE
    if tag == "null":
        return text in _NULL
    if tag == "float":
        return bool(_FLOAT.match(text))
    if tag == "timestamp":
        return bool(_TIMESTAMP.match(text))
    return True


# --- reading files --------------------------------------------------------------


class Hash(Protocol):
    def update(self, data: bytes, /) -> None: ...


def read_text(path: str, display: str,
              digest: Hash | None = None) -> tuple[str | None, list[Diagnostic]]:
    """Read a story file as UTF-8 text, refusing what is too large or not text."""
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            return None, [
                diag(display, 1, 1, "E025",
                     f"file is {size / 1048576:.1f} MiB; a story file may be at most {limit} MiB "
                     "(split it into several node files)")
            ]
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
        if digest is not None:
            digest.update(data)
    except OSError as e:
        return None, [diag(display, 1, 1, "E024", f"cannot read the file: {e.strerror or e}")]
    if b"\x00" in data:
        return None, [diag(display, 1, 1, "E024",
                           "this is a binary file, not YAML text (it contains NUL bytes)")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        line_start = data.rfind(b"\n", 0, e.start) + 1
        col = len(data[line_start:e.start].decode("utf-8", "replace")) + 1
        return None, [diag(display, line, col, "E024",
                           f"not UTF-8 text (byte 0x{data[e.start]:02x}); save the file as UTF-8")]


def load_file(path: str, display: str, digest: Hash | None = None) -> SourceFile:
    text, problems = read_text(path, display, digest)
    if text is None:
        return SourceFile(display, None, problems)
    return compose(text, display)


def compose(text: str, display: str) -> SourceFile:
    """Compose the single YAML document in `text` into YNodes, with diagnostics."""
    composer = _Composer(display, text)
    try:
        root = composer.run(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as e:
        return SourceFile(display, None, composer.diagnostics + [_syntax_error(e, text, display)])
    except yaml.YAMLError as e:  # unmarked reader errors (control characters and the like)
        message = str(e).splitlines()[0] if str(e) else "YAML error"
        position = getattr(e, "position", None)
        line, col = _line_col(text, position) if isinstance(position, int) else (1, 1)
        problem = diag(display, line, col, "E001", message)
        return SourceFile(display, None, [*composer.diagnostics, problem])
    except _Abort:
        return SourceFile(display, None, composer.diagnostics)
    return SourceFile(display, root, composer.diagnostics, text)


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _syntax_error(e: yaml.MarkedYAMLError, text: str, display: str) -> Diagnostic:
    mark = e.problem_mark or e.context_mark
    line = mark.line + 1 if mark else 1
    col = mark.column + 1 if mark else 1
    message = " ".join(p for p in (e.context, e.problem) if p) or "YAML syntax error"
    source_lines = text.splitlines()
    here = source_lines[line - 1] if 0 < line <= len(source_lines) else ""
    if "\t" in here[: len(here) - len(here.lstrip())] or "\t" in message or "'\\t'" in message:
        message += "; YAML cannot indent with tabs: use spaces"
    return diag(display, line, col, "E001", message)


def _short(tag: str) -> str:
    """A tag as the author wrote it: '!!python/object', not its expanded form."""
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def _index(mark: Any) -> int:
    return int(mark.index) if mark is not None else 0


def _at(mark: Any) -> tuple[int, int]:
    """A parser mark as a 1-based (line, column)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class _Abort(Exception):
    """The file cannot be composed safely; the reason is already a diagnostic."""


class _Composer:
    """Builds YNodes from parser events with an explicit stack (no recursion)."""

    def __init__(self, display: str, text: str) -> None:
        self.display = display
        self.diagnostics: list[Diagnostic] = []
        self.anchors: dict[str, YNode] = {}
        self.open_nodes: set[int] = set()
        self.node_count = 0

    def fail(self, line: int, col: int, code: str, message: str) -> None:
        self.diagnostics.append(diag(self.display, line, col, code, message))

    def run(self, events: Iterator[yaml.Event]) -> YNode | None:
        root: YNode | None = None
        documents = 0
        # Each frame: the collection node, and for maps the pending key and seen keys.
        stack: list[tuple[YNode, list[YNode | None], dict[str, YNode] | None]] = []
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.fail(*_at(event.start_mark), "E001",
                              "a story file holds one YAML document; remove this '---'")
                    raise _Abort
                continue
            node: YNode | None
            if isinstance(event, yaml.ScalarEvent):
                node = self._scalar(event)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                is_map = isinstance(event, yaml.MappingStartEvent)
                kind = "map" if is_map else "seq"
                line, col = _at(event.start_mark)
                self._check_collection_tag(event.tag, kind, line, col)
                node = YNode(kind, kind, [], line, col)
                self._anchor(event.anchor, node)
                if len(stack) >= MAX_DEPTH:
                    self.fail(node.line, node.col, "E025",
                              f"nested more than {MAX_DEPTH} levels deep; a story never needs this")
                    raise _Abort
                stack.append((node, [None], {} if is_map else None))
                self.open_nodes.add(id(node))
                continue
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                node = stack.pop()[0]
                self.open_nodes.discard(id(node))
                node.end_line = _at(event.end_mark)[0]
            elif isinstance(event, yaml.AliasEvent):
                node = self._alias(event)
            else:
                continue
            self.node_count += 1
            if not stack:
                root = node
                continue
            self._attach(stack[-1], node)
        return root

    def _attach(self, frame: tuple[YNode, list[YNode | None], dict[str, YNode] | None],
                node: YNode) -> None:
        parent, pending, seen = frame
        parent.size += node.size
        if parent.size > MAX_EXPANDED_NODES:
            self.fail(parent.line, parent.col, "E025",
                      "aliases expand this document to more than "
                      f"{MAX_EXPANDED_NODES:,} nodes (a YAML bomb?)")
            raise _Abort
        if parent.kind == "seq":
            parent.value.append(node)
            return
        key = pending[0]
        if key is None:
            pending[0] = node
            return
        pending[0] = None
        assert seen is not None
        if key.kind == "scalar":
            first = seen.get(key.text)
            if first is not None:
                where = Related(self.display, first.line, first.col,
                                f"'{key.text}' first appears here")
                self.diagnostics.append(diag(
                    self.display, key.line, key.col, "E002",
                    f"duplicate key '{key.text}' (YAML would silently keep only the last one)",
                    (where,)))
                return
            seen[key.text] = key
        parent.value.append((key, node))

    def _scalar(self, event: yaml.ScalarEvent) -> YNode:
        line, col = _at(event.start_mark)
        style = event.style or None  # libyaml says '' where PyYAML says None for plain
        tag = event.tag
        if tag is None or tag == "!":
            plain = style is None and event.implicit[0]
            resolved = resolve_plain(event.value) if plain else "str"
        else:
            std = _STANDARD_TAGS.get(tag)
            if std is None or std in ("seq", "map"):
                self.fail(line, col, "E026",
                          f"the YAML tag '{_short(tag)}' is not allowed in a story "
                          "(only plain values)")
                resolved = "str"
            elif not _valid_for_tag(std, event.value):
                self.fail(line, col, "E028", f"'{event.value}' is not a valid {std}")
                resolved = "str"
            else:
                resolved = std
        if resolved == "int" and len(event.value) > _MAX_INT_DIGITS:
            resolved = "str"  # far too large for a story: the field's own check says so
        node = YNode("scalar", resolved, event.value, line, col, style)
        node.end_line = _at(event.end_mark)[0]
        node.start, node.end = _index(event.start_mark), _index(event.end_mark)
        self._anchor(event.anchor, node)
        return node

    def _check_collection_tag(self, tag: str | None, kind: str, line: int, col: int) -> None:
        if tag is None or tag == "!" or _STANDARD_TAGS.get(tag) == kind:
            return
        self.fail(line, col, "E026", f"the YAML tag '{_short(tag)}' is not allowed in a story")

    def _anchor(self, anchor: str | None, node: YNode) -> None:
        if anchor is None:
            return
        first = self.anchors.get(anchor)
        if first is not None:  # YAML 1.2 would let it shadow; PyYAML refuses, and so do we
            self.fail(node.line, node.col, "E001",
                      f"the anchor '&{anchor}' is defined twice (first at line {first.line}, "
                      f"column {first.col}): give each anchor its own name")
            raise _Abort
        self.anchors[anchor] = node

    def _alias(self, event: yaml.AliasEvent) -> YNode:
        target = self.anchors.get(event.anchor or "")
        if target is None:
            self.fail(*_at(event.start_mark), "E001", f"unknown alias '*{event.anchor}'")
            raise _Abort
        if id(target) in self.open_nodes:
            self.fail(*_at(event.start_mark), "E001",
                      f"the alias '*{event.anchor}' refers to a node that contains it")
            raise _Abort
        return target
