"""The story map as plain data, between the story and a drawing format.

Building the map (which nodes, which links, which cut at a chapter's edge) is done once
here, so that DOT and Mermaid draw the same map and a test can check the map itself.
Every label is plain text, one line per entry: each format escapes it its own way.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class NodeKind(StrEnum):
    SCENE = "scene"  # a node with choices
    PASSAGE = "passage"  # a node that simply continues (`next`)
    ENDING = "ending"
    STUB = "stub"  # a node of another chapter, drawn small where a `--chapter` map is cut


class LinkKind(StrEnum):
    CHOICE = "choice"
    NEXT = "next"


@dataclass(frozen=True)
class Key:
    """Names a box on the map. A stub stands for the same story node as the box it
    replaces, so the story id alone cannot tell them apart."""

    id: str
    stub: bool = False


@dataclass(frozen=True)
class MapNode:
    key: Key
    kind: NodeKind
    lines: tuple[str, ...]
    chapter: str | None  # the cluster it is drawn in; None: outside any cluster
    start: bool = False


@dataclass(frozen=True)
class MapLink:
    source: Key
    target: Key
    kind: LinkKind
    lines: tuple[str, ...]  # the label: choice id, its words, conditions, `once`
    conditional: bool = False
    once: bool = False


@dataclass(frozen=True)
class Cluster:
    id: str  # the chapter id
    title: str


@dataclass(frozen=True)
class StoryMap:
    title: str
    nodes: tuple[MapNode, ...]
    links: tuple[MapLink, ...]
    clusters: tuple[Cluster, ...]

    def in_cluster(self, chapter: str | None) -> list[MapNode]:
        return [n for n in self.nodes if n.chapter == chapter]

    @property
    def start(self) -> MapNode | None:
        return next((n for n in self.nodes if n.start), None)
