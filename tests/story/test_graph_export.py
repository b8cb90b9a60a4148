"""The story map (game/story/graph): what it holds, and that no text can break DOT or Mermaid.

The map is read back from the DOT and Mermaid texts (tests/story/graph_readers.py) and
compared with the story; the fuzzing drives the escaping with hostile ids and labels
through our readers, and through Graphviz and Mermaid themselves when they are installed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from game.story import Story, load_story
from game.story.graph import (
    Cluster,
    Key,
    LinkKind,
    MapLink,
    MapNode,
    NodeKind,
    StoryMap,
    build_map,
    to_dot,
    to_mermaid,
)
from game.story.graph.labels import columns, shorten
from game.story.graph.mermaid import mermaid_id
from tests.conftest import ROOT
from tests.story.graph_readers import (
    DotGraph,
    MermaidChecker,
    dot_label,
    graphviz_render,
    mermaid_text,
    read_dot,
    read_mermaid,
    start_mermaid_checker,
    svg_texts,
)


@pytest.fixture(scope="module")
def mermaid() -> Iterator[MermaidChecker | None]:
    checker, _ = start_mermaid_checker()
    yield checker
    if checker is not None:
        checker.close()


def story_links(story: Story) -> Counter[tuple[str, str, str]]:
    """(source, target, choice id or "next") for every link the story has."""
    found: Counter[tuple[str, str, str]] = Counter()
    for node in story.nodes.values():
        if node.next is not None:
            found[(node.id, node.next, "next")] += 1
        for c in node.choices:
            found[(node.id, c.goto, c.id)] += 1
    return found


def dot_links(graph: DotGraph) -> Counter[tuple[str, str, str]]:
    found: Counter[tuple[str, str, str]] = Counter()
    for tail, head, attrs in graph.edges:
        if tail == "m:start":
            continue
        label = dot_label(attrs.get("label", "next")).split("\n")[0]
        found[(tail[2:], head[2:], label)] += 1
    return found


# -- the whole story -------------------------------------------------------------------------

def test_every_node_once_every_link_with_its_label(shipped: Story) -> None:
    graph = read_dot(to_dot(build_map(shipped)))
    assert sorted(graph.declared) == sorted([f"n:{i}" for i in shipped.nodes] + ["m:start"])
    assert dot_links(graph) == story_links(shipped)
    assert ("m:start", f"n:{shipped.start}", {}) in graph.edges
    assert graph.nodes[f"n:{shipped.start}"]["penwidth"] == "2.5"


def test_clusters_hold_exactly_their_chapters_nodes(shipped: Story) -> None:
    graph = read_dot(to_dot(build_map(shipped)))
    assert list(graph.clusters) == [f"cluster_{c}" for c in shipped.chapters]
    for chapter in shipped.chapters.values():
        members = [f"n:{n.id}" for n in shipped.nodes.values() if n.chapter == chapter.id]
        assert graph.clusters[f"cluster_{chapter.id}"] == members
        title = dot_label(graph.cluster_attrs[f"cluster_{chapter.id}"]["label"])
        assert title == chapter.title.by_lang["en"].segments[0]


def test_endings_have_their_shape_id_and_title(shipped: Story) -> None:
    graph = read_dot(to_dot(build_map(shipped, "ja")))
    endings = {f"n:{n.id}": n.ending for n in shipped.nodes.values() if n.ending}
    shaped = {name for name, attrs in graph.nodes.items() if attrs.get("shape") == "doubleoctagon"}
    assert shaped == set(endings) and len(endings) == 9
    for name, ending in endings.items():
        title = shipped.endings[str(ending)].title.by_lang["ja"].segments[0]
        assert dot_label(graph.nodes[name]["label"]).split("\n") == [name[2:], f"ending: {ending}",
                                                                    title]


def test_link_labels_name_choice_words_conditions_and_once() -> None:
    story = load_story(ROOT.parent / "shared" / "conformance" / "basics" / "story").story
    assert story is not None
    labels = {link.lines[0]: link for link in build_map(story).links if link.lines}
    assert labels["agree"].lines == ("agree", "“Agree the clause”", "enabled if: trust >= 2")
    assert labels["leave"].lines == ("leave", "“Walk out”", "if: not met")
    assert labels["gamble"].lines[2] == 'if: visited("hall") >= 2'
    assert labels["meet"].lines[-1] == "once" and labels["meet"].once
    assert labels["agree"].conditional and not labels["meet"].conditional
    nexts = [link for link in build_map(story).links if link.kind is LinkKind.NEXT]
    assert nexts and all(link.lines == () for link in nexts)
    graph = read_dot(to_dot(build_map(story)))
    styles = {(t, h): a.get("style") for t, h, a in graph.edges}
    assert styles[("n:intro", "n:hall")] == "dashed"


def test_choice_words_are_cut_to_a_readable_width(shipped: Story) -> None:
    for lang in ("en", "ja"):
        for link in build_map(shipped, lang).links:
            if link.kind is LinkKind.CHOICE and len(link.lines) > 1:
                assert columns(link.lines[1]) <= 32, link.lines  # 30 and the quotes
    assert shorten("モスクワ陥落" * 5, 10) == "モスクワ…"
    assert shorten("short") == "short"


def test_long_conditions_are_wrapped_not_cut(make_story: Callable[..., Story]) -> None:
    cond = " and ".join(f"visited('start') >= {i}" for i in range(4))
    story = make_story(f"""
        start:
          text: x
          choices:
            - {{id: go, text: Go, if: "{cond}", goto: done}}
        done: {{text: y, ending: done}}
        """)
    link = build_map(story).links[0]
    assert " ".join(line for line in link.lines[2:]) == f"if: {cond}"
    assert all(columns(line) <= 36 for line in link.lines[2:])


# -- one chapter ------------------------------------------------------------------------------

def test_a_chapter_map_cuts_at_stubs(shipped: Story) -> None:
    for chapter in shipped.chapters:
        inside = {n.id for n in shipped.nodes.values() if n.chapter == chapter}
        crossing = Counter({k: v for k, v in story_links(shipped).items()
                            if (k[0] in inside) != (k[1] in inside)})
        local = Counter({k: v for k, v in story_links(shipped).items()
                         if k[0] in inside and k[1] in inside})
        graph = read_dot(to_dot(build_map(shipped, chapter=chapter)))
        assert list(graph.clusters) == [f"cluster_{chapter}"]
        assert sorted(graph.clusters[f"cluster_{chapter}"]) == sorted(f"n:{i}" for i in inside)
        stubs = {name for name in graph.nodes if name.startswith("s:")}
        assert stubs == {f"s:{i}" for k in crossing for i in k[:2] if i not in inside}
        assert set(graph.nodes) - stubs - {"m:start"} == {f"n:{i}" for i in inside}
        for name in stubs:
            other = shipped.nodes[name[2:]]
            lines = dot_label(graph.nodes[name]["label"]).split("\n")
            assert lines[0] == other.id and lines[1].startswith(f"({other.chapter}: ")
        assert dot_links(graph) == crossing + local
        assert ("m:start" in graph.nodes) == (shipped.start in inside)


def test_an_unknown_chapter_is_a_key_error(shipped: Story) -> None:
    with pytest.raises(KeyError):
        build_map(shipped, chapter="ch9")


def test_nodes_without_a_chapter_sit_outside_every_cluster(
        make_story: Callable[..., Story]) -> None:
    story = make_story("""
        start: {text: x, next: done}
        done: {text: y, ending: done}
        """)
    graph = read_dot(to_dot(build_map(story)))
    assert graph.clusters == {} and set(graph.nodes) == {"m:start", "n:start", "n:done"}


# -- Mermaid ----------------------------------------------------------------------------------

def test_mermaid_holds_the_same_map(shipped: Story) -> None:
    chart = read_mermaid(to_mermaid(build_map(shipped)))
    assert sorted(chart.declared) == sorted([f"n_{i}" for i in shipped.nodes] + ["m_start"])
    for chapter in shipped.chapters:
        assert chart.subgraphs[f"c_{chapter}"] == [
            f"n_{n.id}" for n in shipped.nodes.values() if n.chapter == chapter]
    got: Counter[tuple[str, str, str]] = Counter()
    for src, arrow, text, dst in chart.edges:
        if src != "m_start":
            first = mermaid_text(text).split("\n")[0] if arrow != "-.->" else "next"
            got[(src[2:], dst[2:], first)] += 1
    assert got == story_links(shipped)
    endings = {f"n_{n.id}" for n in shipped.nodes.values() if n.ending}
    assert {i for i, (shape, _) in chart.nodes.items() if shape == "((("} == endings


def test_mermaid_ids_never_are_keywords() -> None:
    for word in ("end", "graph", "subgraph", "click", "style", "class", "flowchart", "default"):
        assert mermaid_id("n", word) == f"n_{word}"
    assert mermaid_id("n", "a-b") != mermaid_id("n", "a_b")
    assert mermaid_id("n", "第一") == "nx_" + "第一".encode().hex()


def test_mermaids_parser_reads_the_shipped_map(shipped: Story,
                                               mermaid: MermaidChecker | None) -> None:
    if mermaid is None:
        pytest.skip(start_mermaid_checker()[1])
    for chapter in (None, *shipped.chapters):
        story_map = build_map(shipped, "ja", chapter)
        answer = mermaid.check(to_mermaid(story_map))
        assert answer["ok"], answer.get("error")
        texts = {n["id"]: n["text"] for n in answer["nodes"]}
        chart = read_mermaid(to_mermaid(story_map))
        assert texts == {i: mermaid_text(raw) for i, (_, raw) in chart.nodes.items()}
        assert len(answer["edges"]) == len(story_map.links) + (story_map.start is not None)


# -- hostile texts ----------------------------------------------------------------------------

NASTY = ['"', "\\", "\\n", "\\N", "\\l", "{", "}", "{{", "\n", "\r\n", "\t", "#", "#quot;",
         "#35;", "&", "&amp;", "&lt;", ";", ":", ":#", "style", "classDef", "fa:fa-car", "|",
         "<br>", "<b>x</b>", "`", "$$", "ﬂ°", "¶ß", "end", "graph", "subgraph", "-->", "[", "]",
         "(", ")", " ", "  ", "モスクワ陥落", "第一章　", "//", "/*", "%%", "click", "-", "_"]
texts = st.lists(st.one_of(st.sampled_from(NASTY),
                           st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=4)),
                 max_size=6).map("".join)


@st.composite
def nasty_maps(draw: st.DrawFn) -> StoryMap:
    ids = draw(st.lists(texts, min_size=1, max_size=5, unique=True))
    chapters = draw(st.lists(texts, max_size=2, unique=True))
    nodes = []
    for i, node_id in enumerate(ids):
        stub = i > 0 and draw(st.booleans())
        kind = NodeKind.STUB if stub else draw(st.sampled_from(
            [NodeKind.SCENE, NodeKind.PASSAGE, NodeKind.ENDING]))
        chapter = None if stub else draw(st.sampled_from([None, *chapters]))
        lines = (node_id, *draw(st.lists(texts, max_size=2)))
        nodes.append(MapNode(Key(node_id, stub), kind, lines, chapter, start=i == 0))
    links = [MapLink(a.key, b.key, kind, tuple(lines) if kind is LinkKind.CHOICE else (),
                     conditional, once)
             for a, b, kind, lines, conditional, once in draw(st.lists(st.tuples(
                 st.sampled_from(nodes), st.sampled_from(nodes), st.sampled_from(LinkKind),
                 st.lists(texts, min_size=1, max_size=3), st.booleans(), st.booleans()),
                 max_size=6))]
    clusters = tuple(Cluster(c, draw(texts)) for c in chapters
                     if any(n.chapter == c for n in nodes))
    return StoryMap(draw(texts), tuple(nodes), tuple(links), clusters)


def as_drawn(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def as_mermaid_draws(text: str) -> str:
    return as_drawn(text) or " "  # Mermaid refuses an empty label


def dot_name_of(key: Key) -> str:
    return read_dot(to_dot(StoryMap("", (MapNode(key, NodeKind.SCENE, ("x",), None),), (),
                                    ()))).declared[0]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(story_map=nasty_maps())
@example(StoryMap('"\\', (MapNode(Key("end"), NodeKind.ENDING, ("end", 'a "q" \\ \\N'),
                                  "graph", True),), (), (Cluster("graph", "x\ny"),)))
def test_dot_labels_round_trip_and_graphviz_accepts(story_map: StoryMap) -> None:
    source = to_dot(story_map)
    graph = read_dot(source)
    names = [dot_name_of(n.key) for n in story_map.nodes]
    assert len(set(names)) == len(names)  # one box per node, whatever the ids
    assert sorted(graph.declared) == sorted((["m:start"] if story_map.start else []) + names)
    for node, name in zip(story_map.nodes, names, strict=True):
        assert dot_label(graph.nodes[name]["label"]) == as_drawn("\n".join(node.lines))
    labelled = [link for link in story_map.links if link.lines]
    edge_labels = [dot_label(a["label"]) for _, _, a in graph.edges if "label" in a]
    assert edge_labels == [as_drawn("\n".join(link.lines)) for link in labelled]
    assert dot_label(graph.attrs["label"]) == as_drawn(story_map.title)
    drawn = graphviz_render(source)
    if drawn is None:
        return
    assert drawn.returncode == 0, drawn.stderr.decode()
    shown = svg_texts(drawn.stdout)
    for node in story_map.nodes:
        for line in as_drawn("\n".join(node.lines)).split("\n"):
            line = line.replace("\u00a0", " ")  # as svg_texts reads Graphviz's spaces
            assert line.strip() == "" or line in shown, (line, shown)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(story_map=nasty_maps())
def test_mermaid_labels_round_trip_and_mermaid_accepts(story_map: StoryMap,
                                                       mermaid: MermaidChecker | None) -> None:
    source = to_mermaid(story_map)
    chart = read_mermaid(source)
    expected = {}
    for node in story_map.nodes:
        ident = mermaid_id("s" if node.key.stub else "n", node.key.id)
        expected[ident] = as_mermaid_draws("\n".join(node.lines))
    assert {i: mermaid_text(raw) for i, (_, raw) in chart.nodes.items()
            if i != "m_start"} == expected
    assert [mermaid_text(t) for _, _, t, _ in chart.edges if t] == [
        as_mermaid_draws("\n".join(link.lines)) for link in story_map.links if link.lines]
    if mermaid is None:
        return
    answer = mermaid.check(source)
    assert answer["ok"], (answer.get("error"), source)
    assert {n["id"]: n["text"] for n in answer["nodes"] if n["id"] != "m_start"} == expected
    assert [e["text"] for e in answer["edges"] if e["text"]] == [
        as_mermaid_draws("\n".join(link.lines)) for link in story_map.links if link.lines]
    titles = {s["id"]: s["title"] for s in answer["subgraphs"]}
    assert titles == {mermaid_id("c", c.id): as_mermaid_draws(c.title) for c in story_map.clusters}
