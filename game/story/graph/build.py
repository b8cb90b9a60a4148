"""From a loaded story to its map: every node, every link, chapters as clusters.

With a chapter given, only that chapter is drawn in detail; a link that crosses its
edge, in or out, ends at a stub naming the other node and its chapter, so the cut
shows instead of links silently vanishing.
"""

from __future__ import annotations

from ..model import Choice, Node, Story
from .labels import one_line, plain, shorten, wrap
from .model import Cluster, Key, LinkKind, MapLink, MapNode, NodeKind, StoryMap


def build_map(story: Story, lang: str | None = None, chapter: str | None = None,
              choice_text: bool = True) -> StoryMap:
    """The map of `story` (or of one `chapter`: a KeyError if it has no such chapter),
    its labels in `lang`. `choice_text` adds each choice's first words to its link."""
    if chapter is not None and chapter not in story.chapters:
        raise KeyError(chapter)
    lang = lang or story.default_language
    shown = [n for n in story.nodes.values() if chapter is None or n.chapter == chapter]
    detailed = {n.id for n in shown}
    links: list[MapLink] = []
    for node in story.nodes.values():
        for link in _links_of(node, story, lang, choice_text):
            if link.source.id in detailed or link.target.id in detailed:
                links.append(MapLink(_key(link.source.id, detailed), _key(link.target.id, detailed),
                                     link.kind, link.lines, link.conditional, link.once))
    nodes = [_map_node(n, story, lang) for n in shown]
    stubs = {k.id for link in links for k in (link.source, link.target) if k.stub}
    nodes += [_stub(story.nodes[i], story, lang) for i in story.nodes if i in stubs]
    used = {n.chapter for n in nodes}
    clusters = tuple(Cluster(c.id, plain(c.title, lang, story.default_language))
                     for c in story.chapters.values() if c.id in used)
    title = plain(story.title, lang, story.default_language) if story.title else story.id
    if chapter is not None:
        title = f"{title}: {plain(story.chapters[chapter].title, lang, story.default_language)}"
    return StoryMap(title, tuple(nodes), tuple(links), clusters)


def _key(node_id: str, detailed: set[str]) -> Key:
    return Key(node_id, stub=node_id not in detailed)


def _map_node(node: Node, story: Story, lang: str) -> MapNode:
    start = node.id == story.start
    if node.ending is not None:
        ending = story.endings.get(node.ending)
        title = plain(ending.title, lang, story.default_language) if ending else ""
        lines = (node.id, f"ending: {node.ending}", *([shorten(title)] if title else []))
        return MapNode(Key(node.id), NodeKind.ENDING, lines, node.chapter, start)
    kind = NodeKind.PASSAGE if node.next is not None else NodeKind.SCENE
    return MapNode(Key(node.id), kind, (node.id,), node.chapter, start)


def _stub(node: Node, story: Story, lang: str) -> MapNode:
    where = "no chapter"
    if node.chapter is not None and node.chapter in story.chapters:
        title = plain(story.chapters[node.chapter].title, lang, story.default_language)
        where = f"{node.chapter}: {shorten(title, 24)}"
    return MapNode(Key(node.id, stub=True), NodeKind.STUB, (node.id, f"({where})"), None)


def _links_of(node: Node, story: Story, lang: str, choice_text: bool) -> list[MapLink]:
    """Links to no node (only in a story that failed to load) are left out."""
    if node.next is not None:
        found = node.next in story.nodes
        return [MapLink(Key(node.id), Key(node.next), LinkKind.NEXT, ())] if found else []
    return [_choice_link(node, c, story, lang, choice_text) for c in node.choices
            if c.goto in story.nodes]


def _choice_link(node: Node, choice: Choice, story: Story, lang: str,
                 choice_text: bool) -> MapLink:
    lines = [choice.id]
    if choice_text:
        words = plain(choice.text, lang, story.default_language)
        if words:
            lines.append(f"“{shorten(words)}”")
    if choice.condition is not None:  # conditions in full: they are what an author checks
        lines += wrap(f"if: {one_line(choice.condition.source)}")
    if choice.enabled_if is not None:
        lines += wrap(f"enabled if: {one_line(choice.enabled_if.source)}")
    if choice.once:
        lines.append("once")
    conditional = choice.condition is not None or choice.enabled_if is not None
    return MapLink(Key(node.id), Key(choice.goto), LinkKind.CHOICE, tuple(lines), conditional,
                   choice.once)
