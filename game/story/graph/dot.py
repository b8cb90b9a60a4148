"""The story map in Graphviz's DOT language.

Every label is a quoted string, so no story text can become DOT syntax: a backslash
and a double quote are escaped, a newline becomes `\\n`, and `&` becomes `&amp;`
because Graphviz reads HTML entities in labels (a title with "&lt;" must not turn
into "<"). Names are built only of letters, digits, `_` and `:` (Graphviz copies them
unescaped into the SVG's tooltips): `n:<id>` a node, `s:<id>` a stub, `m:start` the
start marker, `cluster_<chapter id>` a chapter (the prefix Graphviz draws as a box); an
id that is not a plain word is written in hexadecimal (`nx:`, `sx:`, `clusterx_`).
"""

from __future__ import annotations

import re

from .model import Key, LinkKind, MapLink, MapNode, NodeKind, StoryMap

_WORD = re.compile(r"[A-Za-z0-9_]+\Z")
# Japanese glyphs first; Graphviz (through fontconfig) takes the first family installed.
FONT = "Noto Sans CJK JP,Noto Sans JP,IPAGothic,sans-serif"
START_ID = "m:start"

NODE_STYLE: dict[NodeKind, str] = {
    NodeKind.SCENE: 'shape=box, style="rounded,filled", fillcolor="#f7f4ec"',
    NodeKind.PASSAGE: 'shape=box, style="rounded,filled,dashed", fillcolor="#fbfaf6"',
    NodeKind.ENDING: 'shape=doubleoctagon, style=filled, fillcolor="#f1d9a6", '
                     'color="#8a5a00"',
    NodeKind.STUB: 'shape=box, style="dashed,filled", fillcolor="#eeeeee", color="#888888", '
                   'fontcolor="#555555", fontsize=9, margin="0.06,0.03", height=0.3',
}


def to_dot(story_map: StoryMap, font: str = FONT) -> str:
    out = [
        "// The story map, made by `python main.py graph`. Render: dot -Tsvg FILE > map.svg",
        "digraph story_map {",
        f"  graph [label={label(story_map.title)}, labelloc=t, fontsize=20, rankdir=TB, "
        f"fontname={quote(font)}, newrank=true, nodesep=0.3, ranksep=0.45, "
        'compound=true, bgcolor="white"];',
        f"  node [fontname={quote(font)}, fontsize=11, color=\"#4a4a4a\", margin=\"0.12,0.05\"];",
        f"  edge [fontname={quote(font)}, fontsize=9, color=\"#555555\", "
        'fontcolor="#333333", arrowsize=0.7];',
    ]
    start = story_map.start
    if start is not None:
        out.append(f"  {quote(START_ID)} [label=\"start\", shape=circle, style=filled, "
                   'fillcolor="#2f3b4c", fontcolor=white, fontsize=9, width=0.5, fixedsize=true];')
    for node in story_map.in_cluster(None):
        out.append(f"  {_node(node)}")
    for cluster in story_map.clusters:
        out.append(f"  subgraph {name('cluster', '_', cluster.id)} {{")
        out.append(f"    graph [label={label(cluster.title)}, style=\"rounded,filled\", "
                   'fillcolor="#f2f5f8", color="#9aa7b4", fontsize=14, labeljust=l];')
        out += [f"    {_node(n)}" for n in story_map.in_cluster(cluster.id)]
        out.append("  }")
    if start is not None:
        out.append(f"  {quote(START_ID)} -> {node_id(start.key)};")
    out += [f"  {_link(link)}" for link in story_map.links]
    out.append("}")
    return "\n".join(out) + "\n"


def node_id(key: Key) -> str:
    return name("s" if key.stub else "n", ":", key.id)


def name(prefix: str, sep: str, raw: str) -> str:
    """A DOT name for `raw`: one-to-one, and nothing Graphviz or SVG could misread."""
    if _WORD.match(raw):
        return f'"{prefix}{sep}{raw}"'
    return f'"{prefix}x{sep}{raw.encode("utf-8").hex()}"'


def _node(node: MapNode) -> str:
    style = NODE_STYLE[node.kind]
    if node.start:
        style += ', penwidth=2.5, color="#2f3b4c"'
    text = label("\n".join(node.lines))
    return f"{node_id(node.key)} [label={text}, {style}];"


def _link(link: MapLink) -> str:
    """A `next` is dashed, a conditional choice blue, a `once` choice thick, and a link
    to or from a stub grey."""
    attrs = []
    if link.lines:
        attrs.append("label=" + label("\n".join(link.lines)))
    color = None
    if link.kind is LinkKind.NEXT:
        attrs.append("style=dashed")
        color = "#8a8a8a"
    elif link.conditional:
        attrs.append('fontcolor="#2b5d8a"')
        color = "#2b5d8a"
    if link.once:
        attrs.append("penwidth=1.8")
    if link.source.stub or link.target.stub:
        color = "#999999"
    if color is not None:
        attrs.append(f'color="{color}"')
    body = f" [{', '.join(attrs)}]" if attrs else ""
    return f"{node_id(link.source)} -> {node_id(link.target)}{body};"


def quote(text: str) -> str:
    """`text` as a DOT quoted string that nothing in `text` can end early (Graphviz turns
    the escapes back into a backslash and a new line where it draws it, in a label)."""
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + out.replace("\n", "\\n").replace("\r", "\\r") + '"'


def label(text: str) -> str:
    """`text` as a DOT label that Graphviz draws as `text`, a line per line of it."""
    lines = _visible(text).replace("\r\n", "\n").replace("\r", "\n")
    return quote(lines.replace("&", "&amp;"))


def _visible(text: str) -> str:
    """Control characters other than line breaks and tabs would make the SVG invalid XML."""
    return "".join("\ufffd" if ord(c) < 32 and c not in "\n\r\t" or 0x7F <= ord(c) < 0xA0
                   else c for c in text)
