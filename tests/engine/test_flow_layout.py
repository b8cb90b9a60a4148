"""The flowchart's layout and links, without a screen: where boxes go and what links show."""

from __future__ import annotations

from game.engine.flow_layout import BOX_W, Box, Page, ellipsize, pages
from game.engine.flow_links import LinkKind, links
from game.story import Story


def test_a_page_per_chapter_in_the_story_order_with_every_node_once(shipped: Story) -> None:
    chart = pages(shipped)
    assert [p.chapter for p in chart] == list(shipped.chapters)
    placed = [n for p in chart for n in p.boxes]
    assert sorted(placed) == sorted(shipped.nodes)
    for p in chart:
        assert all(shipped.nodes[n].chapter == p.chapter for n in p.boxes)


def test_rows_follow_the_depth_from_the_chapter_entry(sample: Story) -> None:
    (page,) = pages(sample)
    row = {n: b.row for n, b in page.boxes.items()}
    assert row == {"arrival": 0, "briefing": 1, "cables": 2, "courier": 2, "kollontai": 2,
                   "refusal": 2, "courier_answer": 3, "channel_open": 3}
    # a scene reached from several rows sits under the first of them
    assert row["channel_open"] == row["kollontai"] + 1


def test_boxes_never_overlap_and_fit_their_page(shipped: Story) -> None:
    for page in pages(shipped):
        boxes = list(page.boxes.values())
        for i, a in enumerate(boxes):
            assert 0 <= a.x and a.right <= page.width and 0 <= a.y and a.bottom <= page.height
            for b in boxes[i + 1:]:
                apart = a.right <= b.x or b.right <= a.x or a.bottom <= b.y or b.bottom <= a.y
                assert apart, (a, b)


def test_the_layout_is_the_same_each_time(shipped: Story) -> None:
    assert pages(shipped) == pages(shipped)


def everything(story: Story, page: Page) -> tuple[set[str], set[tuple[str, str]]]:
    seen = set(page.boxes)
    taken = {(n, c.id) for n in page.boxes for c in story.nodes[n].choices}
    return seen, taken


def test_links_show_only_what_was_seen_and_hide_the_untaken(sample: Story) -> None:
    (page,) = pages(sample)
    seen = {"arrival", "briefing", "cables", "kollontai"}
    taken = {("briefing", "read_cables"), ("briefing", "meet")}
    shown = links(sample, page, seen, taken, path=taken, visited=seen)
    got = {(lk.kind, lk.source, lk.choice, lk.target) for lk in shown}
    assert got == {
        (LinkKind.NEXT, "arrival", None, "briefing"),
        (LinkKind.TAKEN, "briefing", "read_cables", "cables"),
        (LinkKind.TAKEN, "briefing", "meet", "kollontai"),
        (LinkKind.UNTAKEN, "briefing", "send_courier", None),
        (LinkKind.UNTAKEN, "briefing", "refuse", None),
        (LinkKind.NEXT, "cables", None, "briefing"),
        (LinkKind.UNTAKEN, "kollontai", "busan_first", None),
        (LinkKind.UNTAKEN, "kollontai", "listen", None),
    }
    back = next(lk for lk in shown if lk.source == "cables")
    briefing = page.boxes["briefing"]
    assert back.back and back.points[-1] == (briefing.right - 10, briefing.bottom)


def test_an_untaken_stub_stays_where_it_was_and_points_nowhere(sample: Story) -> None:
    (page,) = pages(sample)
    seen = {"arrival", "briefing"}
    before = links(sample, page, seen, set(), set(), seen)
    after = links(sample, page, seen | {"refusal"}, {("briefing", "refuse")}, set(), seen)

    def stubs(found: list) -> dict[str | None, tuple]:  # type: ignore[type-arg]
        return {lk.choice: lk.points for lk in found if lk.kind is LinkKind.UNTAKEN}

    assert stubs(after) == {c: p for c, p in stubs(before).items() if c != "refuse"}
    ends = {p[-1] for p in stubs(before).values()}
    assert len(ends) == 4  # one port per choice: no two stubs on top of each other
    assert all(p[0][0] == p[-1][0] for p in stubs(before).values())  # straight down


def crosses(a: tuple[int, int], b: tuple[int, int], box: Box) -> bool:
    """Does the axis-parallel segment a-b pass through the inside of `box`?"""
    (x1, y1), (x2, y2) = a, b
    lo_x, hi_x, lo_y, hi_y = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
    return lo_x < box.right and hi_x > box.x and lo_y < box.bottom and hi_y > box.y \
        and not (lo_x == hi_x and (lo_x <= box.x or lo_x >= box.right)) \
        and not (lo_y == hi_y and (lo_y <= box.y or lo_y >= box.bottom))


def test_links_back_up_run_between_the_boxes(shipped: Story) -> None:
    count = 0
    for page in pages(shipped):
        seen, taken = everything(shipped, page)
        for lk in links(shipped, page, seen, taken, set(), set()):
            if not lk.back:
                continue
            count += 1
            for a, b in zip(lk.points, lk.points[1:], strict=False):
                assert a[0] == b[0] or a[1] == b[1], "back links run along the gaps"
                for box in page.boxes.values():
                    assert not crosses(a, b, box), (lk.source, lk.target, box.node)
    assert count > 20  # the shipped story's hubs


def test_ellipsize_fits_english_and_japanese() -> None:
    def measure(s: str) -> int:
        return sum(14 if ord(ch) > 0x2FFF else 7 for ch in s)

    assert ellipsize("Short", 100, measure) == "Short"
    cut = ellipsize("Madame Kollontai receives you by the stove.", BOX_W - 20, measure)
    assert cut.endswith("…") and measure(cut) <= BOX_W - 20 and cut.startswith("Madame")
    ja = ellipsize("コロンタイ女史はストーブのそばで迎えた。", 100, measure)
    assert ja == "コロンタイ女…" and measure(ja) <= 100
