"""Turning texts into strings for a state and a language."""

from __future__ import annotations

from ..story.expr.ast import Value
from ..story.model import Choice, Expression, NodeText, Story, Template, Text
from .state import PlayState


def format_value(value: Value) -> str:
    """Integers in decimal, booleans as true/false, strings as they are."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def render_template(template: Template, state: PlayState) -> str:
    out = []
    for seg in template.segments:
        if isinstance(seg, str):
            out.append(seg)
        else:
            out.append(format_value(seg.evaluate(state.vars, state.visits)))
    return "".join(out)


def render_text(story: Story, text: Text, state: PlayState, lang: str) -> str:
    return render_template(text.template(lang, story.default_language), state)


def render_node_text(story: Story, text: NodeText, state: PlayState, lang: str) -> str:
    """Parts whose condition is false are dropped; the rest, stripped, joined by a blank line."""
    parts = []
    for part in text.parts:
        if part.condition is not None and not _true(part.condition, state):
            continue
        parts.append(render_text(story, part.text, state, lang).strip())
    return "\n\n".join(parts)


def node_text(story: Story, state: PlayState, lang: str) -> str:
    return render_node_text(story, story.nodes[state.node].text, state, lang)


def choice_text(story: Story, choice: Choice, state: PlayState, lang: str) -> str:
    return render_text(story, choice.text, state, lang)


def disabled_text(story: Story, choice: Choice, state: PlayState, lang: str) -> str | None:
    if choice.disabled_text is None:
        return None
    return render_text(story, choice.disabled_text, state, lang)


def _true(e: Expression, state: PlayState) -> bool:
    return bool(e.evaluate(state.vars, state.visits))
