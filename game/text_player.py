"""Play a story in the terminal: numbered choices, `b` to go back, `q` to quit.

The whole game is playable without a window. It drives the same engine functions as
the window does, so it doubles as a quick way to read a new branch.
"""

from __future__ import annotations

import secrets
import textwrap
from collections.abc import Callable

from .engine import InvalidChoice, PlayState, Status, advance, choose, offered, start, status
from .engine.jump import Edit, rollback_edited
from .engine.render import choice_text, disabled_text, node_text, render_text
from .story.model import Story

UI = {
    "en": {"continue": "[Enter] continue", "prompt": "Choose 1-{n}, b back, q quit: ",
           "prompt_next": "Enter to continue, b back, q quit: ", "ending": "THE END",
           "stuck": "No choice can be taken here: the story is stuck (a bug in the story).",
           "bye": "Goodbye.", "bad": "Type a number from 1 to {n}, b or q.",
           "disabled": "unavailable", "start_of_story": "This is the first decision."},
    "ja": {"continue": "[Enter] 次へ", "prompt": "1〜{n} を選択、b 戻る、q 終了: ",
           "prompt_next": "Enter で次へ、b 戻る、q 終了: ", "ending": "終",
           "stuck": "選べる選択肢がありません。物語が行き詰まりました（物語の不具合です）。",
           "bye": "さようなら。", "bad": "1〜{n} の数字、b、q のいずれかを入力してください。",
           "disabled": "選択不可", "start_of_story": "これが最初の選択です。"},
}


def play_in_terminal(story: Story, lang: str | None = None, seed: int | None = None,
                     read: Callable[[str], str] = input,
                     write: Callable[[str], None] = print,
                     state: PlayState | None = None) -> int:
    """Play from the start, or from `state` (`--start/--set`: back stops there)."""
    lang = lang or story.default_language
    ui = UI.get(lang, UI["en"])
    edits: tuple[Edit, ...] = (Edit(0, state),) if state is not None else ()
    if state is None:
        state = start(story, seed if seed is not None else secrets.randbits(32))
    while True:
        show(story, state, lang, write)
        kind = status(story, state)
        if kind is Status.ENDING:
            ending = story.endings[story.nodes[state.node].ending or ""]
            write(f"\n— {ui['ending']}: {render_text(story, ending.title, state, lang)} —")
            return 0
        if kind is Status.STUCK:
            write(ui["stuck"])
            return 1
        options = offered(story, state)
        prompt = ui["prompt_next"] if kind is Status.NEXT else ui["prompt"].format(n=len(options))
        while True:
            try:
                answer = read(prompt).strip().lower()
            except EOFError:
                answer = "q"
            if answer == "q":
                write(ui["bye"])
                return 0
            if answer == "b":
                if not state.log:
                    write(ui["start_of_story"])
                    continue
                state, edits = rollback_edited(story, state, edits, len(state.log) - 1)
                break
            if kind is Status.NEXT and answer == "":
                state = advance(story, state)
                break
            picked = _pick(answer, len(options))
            if kind is Status.DECISION and picked is not None:
                try:
                    state = choose(story, state, options[picked].id)
                    break
                except InvalidChoice:
                    pass
            write(ui["bad"].format(n=len(options)) if kind is Status.DECISION else ui["continue"])


def _pick(answer: str, count: int) -> int | None:
    return int(answer) - 1 if answer.isdigit() and 1 <= int(answer) <= count else None


def show(story: Story, state: PlayState, lang: str, write: Callable[[str], None]) -> None:
    node = story.nodes[state.node]
    header = [render_text(story, story.chapters[node.chapter].title, state, lang)
              if node.chapter else "",
              render_text(story, story.places[node.place].name, state, lang) if node.place else "",
              node.date or ""]
    write("")
    if any(header):
        write(" · ".join(h for h in header if h))
    if node.speaker:
        write(f"【{render_text(story, story.characters[node.speaker].name, state, lang)}】")
    for para in node_text(story, state, lang).split("\n\n"):
        write(_wrap(para))
        write("")
    ui = UI.get(lang, UI["en"])
    for i, o in enumerate(offered(story, state), 1):
        label = choice_text(story, o.choice, state, lang)
        if o.enabled:
            write(f"  {i}. {label}")
        else:
            why = disabled_text(story, o.choice, state, lang) or ui["disabled"]
            write(f"  {i}. ({label} — {why})")


def _wrap(text: str, width: int = 78) -> str:
    if any(ord(ch) > 0x2E80 for ch in text):  # CJK: no spaces to break at; leave it whole
        return text
    return "\n".join(textwrap.fill(line, width) for line in text.splitlines())
