"""The story map as a Mermaid flowchart (GitHub, GitLab and most wikis draw it inline).

Mermaid has no escape character, only entity codes (`#quot;`, `#35;`) decoded when it
draws, so every character it could read as syntax or markup inside a quoted label is
written as one: the quote, `#` and `&` (entity syntax), `<` `>` (HTML), a backtick
(a Markdown string), `$` (KaTeX), `|` (an edge label's fence), `ﬂ` and `¶` (Mermaid's
own placeholders while it decodes entities), and a colon not followed by a space
(Mermaid strips the last `;` of a line that looks like `style ...:...#...;`, and reads
`fa:fa-...` as an icon), and white space at either end (Mermaid trims labels). Ids
take a prefix (`n_` a node, `s_` a stub, `c_` a chapter), so that no story id can be a
keyword such as `end`, `graph` or `click`; an id that is not a plain word is written
in hexadecimal under its own prefix.
"""

from __future__ import annotations

import re

from .model import Key, LinkKind, MapLink, MapNode, NodeKind, StoryMap

START_ID = "m_start"
_WORD = re.compile(r"[A-Za-z0-9_]+\Z")
_ENTITY = {'"': "#quot;", "#": "#35;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "`": "#96;",
           "$": "#36;", "|": "#124;", "\ufb02": "#64258;", "\u00b6": "#182;"}
_SHAPE: dict[NodeKind, tuple[str, str]] = {
    NodeKind.SCENE: ("(", ")"),  # rounded box
    NodeKind.PASSAGE: ("[", "]"),
    NodeKind.ENDING: ("(((", ")))"),  # double circle
    NodeKind.STUB: (">", "]"),  # flag
}
_CLASSES = (
    "classDef ending fill:#f1d9a6,stroke:#8a5a00,stroke-width:2px",
    "classDef stub fill:#eeeeee,stroke:#888888,stroke-dasharray:4 3,color:#555555",
    "classDef start fill:#ffffff,stroke:#2f3b4c,stroke-width:3px",
    "classDef marker fill:#2f3b4c,color:#ffffff,stroke:#2f3b4c",
)


def to_mermaid(story_map: StoryMap) -> str:
    out = ["%% The story map, made by `python main.py graph --format mermaid`.",
           "flowchart TB"]
    start = story_map.start
    if start is not None:
        out.append(f'  {START_ID}(("start"))')
    out += [f"  {_node(n)}" for n in story_map.in_cluster(None)]
    for cluster in story_map.clusters:
        out.append(f'  subgraph {mermaid_id("c", cluster.id)} ["{text(cluster.title)}"]')
        out += [f"    {_node(n)}" for n in story_map.in_cluster(cluster.id)]
        out.append("  end")
    if start is not None:
        out.append(f"  {START_ID} --> {node_id(start.key)}")
    out += [f"  {_link(link)}" for link in story_map.links]
    out += [f"  {line}" for line in _CLASSES]
    for name, members in _class_members(story_map).items():
        if members:
            out.append(f"  class {','.join(members)} {name}")
    return "\n".join(out) + "\n"


def mermaid_id(prefix: str, raw: str) -> str:
    """A Mermaid id for `raw`, one-to-one and never a keyword: `n_end`, `nx_2d61` for `-a`."""
    if _WORD.match(raw):
        return f"{prefix}_{raw}"
    return f"{prefix}x_{raw.encode('utf-8').hex()}"


def node_id(key: Key) -> str:
    return mermaid_id("s" if key.stub else "n", key.id)


def text(raw: str) -> str:
    """`raw` for inside a quoted Mermaid label, drawn as `raw` (a new line as a line break;
    an empty text as one space, since Mermaid refuses an empty label)."""
    if not raw:
        return "#32;"
    out = []
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    last = len(raw) - 1
    for i, c in enumerate(raw):
        if c == "\n":
            out.append("<br>")
        elif ord(c) < 32 and c != "\t" or 0x7F <= ord(c) < 0xA0:
            out.append("\ufffd")  # a control character has no business in a label
        elif c in _ENTITY:
            out.append(_ENTITY[c])
        elif (i == 0 or i == last) and (c.isspace() or c == "\ufeff"):
            out.append(f"#{ord(c)};")  # Mermaid trims a label's ends
        elif c == ":" and (raw[i + 1:i + 2] != " " or i + 1 == last):
            out.append("#58;")  # only ": " (a space that stays a space) is left bare
        else:
            out.append(c)
    return "".join(out)


def _node(node: MapNode) -> str:
    left, right = _SHAPE[node.kind]
    return f'{node_id(node.key)}{left}"{text(chr(10).join(node.lines))}"{right}'


def _link(link: MapLink) -> str:
    arrow = "-.->" if link.kind is LinkKind.NEXT else ("==>" if link.once else "-->")
    fence = f'|"{text(chr(10).join(link.lines))}"|' if link.lines else ""
    return f"{node_id(link.source)} {arrow}{fence} {node_id(link.target)}"


def _class_members(story_map: StoryMap) -> dict[str, list[str]]:
    members: dict[str, list[str]] = {"ending": [], "stub": [], "start": [], "marker": []}
    for node in story_map.nodes:
        if node.kind in (NodeKind.ENDING, NodeKind.STUB):
            members[node.kind.value].append(node_id(node.key))
        if node.start:
            members["start"].append(node_id(node.key))
    if story_map.start is not None:
        members["marker"].append(START_ID)
    return members
