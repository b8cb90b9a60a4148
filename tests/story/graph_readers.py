"""Readers for the graph command's output, so tests assert on structure, not on strings.

`read_dot` parses the DOT subset `to_dot` writes (statements, subgraphs, attribute
lists, quoted strings) the way Graphviz's lexer does, and `dot_label` turns a label
back into the text Graphviz draws. `read_mermaid` reads the lines `to_mermaid` writes;
the real Mermaid parser is tools/check_mermaid.mjs (`run_mermaid_check`), and
`graphviz_render` runs the real `dot`. Both return None when the tool is missing.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MERMAID_CHECK = ROOT / "tools" / "check_mermaid.mjs"

_TOKEN = re.compile(r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<sym>->|[{}\[\];,=])'
                    r'|(?P<word>[^\s"{}\[\];,=]+))', re.S)


@dataclass
class DotGraph:
    name: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, dict[str, str]] = field(default_factory=dict)  # in declaration order
    edges: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    clusters: dict[str, list[str]] = field(default_factory=dict)  # cluster name: its nodes
    cluster_attrs: dict[str, dict[str, str]] = field(default_factory=dict)
    declared: list[str] = field(default_factory=list)  # every node statement, duplicates kept


def dot_name(token: str) -> str:
    """A quoted DOT string as Graphviz's lexer reads it: only `\\"` is unescaped."""
    if not token.startswith('"'):
        return token
    return token[1:-1].replace('\\"', '"')


def dot_label(lexed: str) -> str:
    """What Graphviz draws for a lexed label: its escapes, then HTML entities."""
    out, i = [], 0
    while i < len(lexed):
        c = lexed[i]
        if c == "\\" and i + 1 < len(lexed):
            nxt = lexed[i + 1]
            out.append("\n" if nxt in "nlr" else nxt)
            i += 2
        else:
            out.append(c)
            i += 1
    return html.unescape("".join(out))


def _tokens(text: str) -> list[str]:
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    found, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        assert m is not None, f"cannot read DOT at {text[pos:pos + 40]!r}"
        if m.lastgroup is None:
            break
        found.append(m.group(m.lastgroup))
        pos = m.end()
    return found


def read_dot(text: str) -> DotGraph:
    toks = _tokens(text)
    graph = DotGraph()
    assert toks[0] == "digraph", toks[:3]
    graph.name = dot_name(toks[1])
    assert toks[2] == "{"
    end = _statements(toks, 3, graph, None)
    assert toks[end] == "}" and end == len(toks) - 1, "text after the graph"
    return graph


def _statements(toks: list[str], i: int, graph: DotGraph, cluster: str | None) -> int:
    while toks[i] != "}":
        if toks[i] == ";":
            i += 1
        elif toks[i] in ("graph", "node", "edge"):
            kind = toks[i]
            attrs, i = _attrs(toks, i + 1)
            if kind == "graph":
                target = graph.attrs if cluster is None else graph.cluster_attrs[cluster]
                target.update(attrs)
        elif toks[i] == "subgraph":
            name = dot_name(toks[i + 1])
            assert toks[i + 2] == "{"
            graph.clusters[name] = []
            graph.cluster_attrs[name] = {}
            i = _statements(toks, i + 3, graph, name) + 1
        elif toks[i + 1] == "->":
            attrs, i2 = _attrs(toks, i + 3)
            graph.edges.append((dot_name(toks[i]), dot_name(toks[i + 2]), attrs))
            i = i2
        else:
            name = dot_name(toks[i])
            attrs, i = _attrs(toks, i + 1)
            graph.declared.append(name)
            graph.nodes[name] = attrs
            if cluster is not None:
                graph.clusters[cluster].append(name)
    return i


def _attrs(toks: list[str], i: int) -> tuple[dict[str, str], int]:
    attrs: dict[str, str] = {}
    if toks[i] == "[":
        i += 1
        while toks[i] != "]":
            if toks[i] == ",":
                i += 1
                continue
            assert toks[i + 1] == "=", toks[i:i + 3]
            attrs[toks[i]] = dot_name(toks[i + 2])
            i += 3
        i += 1
    return attrs, i


# -- Mermaid: our own lines, read back --------------------------------------------------------

@dataclass
class MermaidChart:
    nodes: dict[str, tuple[str, str]] = field(default_factory=dict)  # id: (shape open, raw text)
    edges: list[tuple[str, str, str, str]] = field(default_factory=list)  # from, arrow, text, to
    subgraphs: dict[str, list[str]] = field(default_factory=dict)
    declared: list[str] = field(default_factory=list)


_M_NODE = re.compile(r'(?P<id>\w+)(?P<open>\(\(\(|\(\(|\(|\[|>)"(?P<text>[^"]*)"'
                     r'(?:\)\)\)|\)\)|\)|\])$')
_M_EDGE = re.compile(r'(?P<src>\w+) (?P<arrow>-->|==>|-\.->)(?:\|"(?P<text>[^"]*)"\|)? '
                     r'(?P<dst>\w+)$')
_M_SUB = re.compile(r'subgraph (?P<id>\w+) \["(?P<title>[^"]*)"\]$')


def read_mermaid(text: str) -> MermaidChart:
    chart, current = MermaidChart(), None
    for line in (x.strip() for x in text.splitlines()):
        if not line or line.startswith(("%%", "flowchart", "classDef", "class ")):
            continue
        if m := _M_SUB.match(line):
            current = m["id"]
            chart.subgraphs[current] = []
        elif line == "end":
            current = None
        elif m := _M_EDGE.match(line):
            chart.edges.append((m["src"], m["arrow"], m["text"] or "", m["dst"]))
        elif m := _M_NODE.match(line):
            chart.nodes[m["id"]] = (m["open"], m["text"])
            chart.declared.append(m["id"])
            if current is not None:
                chart.subgraphs[current].append(m["id"])
        else:
            raise AssertionError(f"unexpected Mermaid line: {line!r}")
    return chart


# -- the real tools, when installed ----------------------------------------------------------

def graphviz_render(dot_source: str, fmt: str = "svg") -> subprocess.CompletedProcess[bytes] | None:
    program = shutil.which("dot")
    if program is None:
        return None
    return subprocess.run([program, f"-T{fmt}"], input=dot_source.encode("utf-8"),
                          capture_output=True, timeout=120, check=False)


def svg_texts(svg: bytes) -> list[str]:
    """Every line of text in a Graphviz SVG, as drawn (Graphviz writes runs of spaces
    as no-break spaces)."""
    ns = "{http://www.w3.org/2000/svg}"
    return [(t.text or "").replace("\u00a0", " ") for t in ET.fromstring(svg).iter(f"{ns}text")]


class MermaidChecker:
    """tools/check_mermaid.mjs --serve, kept running: Mermaid takes a second to import."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    def check(self, source: str) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"source": source}) + "\n")
        self.process.stdin.flush()
        answer: dict[str, Any] = json.loads(self.process.stdout.readline())
        return answer

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)


def start_mermaid_checker() -> tuple[MermaidChecker | None, str]:
    """The checker, or None and why it cannot run (so a test can skip saying so)."""
    node = shutil.which("node")
    if node is None:
        return None, "node is not installed (Mermaid's parser runs under Node)"
    probe = subprocess.run([node, str(MERMAID_CHECK)], input="flowchart TB\n  a --> b\n",
                           capture_output=True, text=True, timeout=120, check=False)
    if probe.returncode == 3:
        return None, ("Mermaid is not installed for tools/check_mermaid.mjs: "
                      "npm install --prefix tools/.mermaid mermaid@11 jsdom")
    if probe.returncode != 0:
        return None, f"tools/check_mermaid.mjs does not run: {probe.stderr.strip()[:300]}"
    process = subprocess.Popen([node, str(MERMAID_CHECK), "--serve"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, encoding="utf-8")
    return MermaidChecker(process), ""


def mermaid_text(raw: str) -> str:
    """What Mermaid draws for a label as `to_mermaid` wrote it."""
    def entity(m: re.Match[str]) -> str:
        code = m.group(1)
        return chr(int(code)) if code.isdigit() else html.unescape(f"&{code};")

    return "\n".join(re.sub(r"#(\w+);", entity, part) for part in raw.split("<br>"))
