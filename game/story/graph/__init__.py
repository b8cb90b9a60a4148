"""The story map: every node and link, chapters as clusters, drawn as DOT or Mermaid.

Pure: no subprocess and no files. `python main.py graph` (game/cli_graph.py) adds
Graphviz for SVG and writing the result.
"""

from .build import build_map
from .dot import to_dot
from .mermaid import to_mermaid
from .model import Cluster, Key, LinkKind, MapLink, MapNode, NodeKind, StoryMap

__all__ = ["Cluster", "Key", "LinkKind", "MapLink", "MapNode", "NodeKind", "StoryMap",
           "build_map", "to_dot", "to_mermaid"]
