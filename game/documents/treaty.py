"""The treaty as it stands: nine articles and the final clause, each open, agreed, amended
or struck, and the document signed, signed by another hand, never signed, or a draft.

A value computed from the story and a playthrough state, nothing more: the UI types it
on paper, tests read it. The words are in `assets/documents/treaty.yaml` (both languages,
every value of every article variable); what is *open* comes from the playthrough.

The rules (docs/story_design.md has the articles and their variables):

- An article's **draft** is its variable's default in the story (the Soviet text); a
  story that does not declare the variable falls back on the `draft` in the data file.
- An article is **settled** once the player has decided it, or the talks are over:
  * a decision in `state.log` at a node of the story where some choice sets the
    variable, unless the choice taken sets nothing there and only comes back (through
    `next` links) to such a node for the same variable: "refer it to Tokyo", "hold the
    article over" put it off, they do not settle it;
  * or the node that sets it on entry has been visited;
  * or its value is no longer the draft (a debug session that set it by hand);
  * or `outcome` is no longer `pending`: every article is then as it was left.
  Article 1 (the ceasefire, one fixed text) is settled as soon as any other article is.
- A settled article is **agreed** at its draft value, **struck** at a value the data
  file marks `struck: true` (the commission and the fleet at `none`), else **amended**.
  An unsettled article is **open**, whatever its value.
- The document is **signed** (`outcome: signed`), **signed by another hand**
  (`signed_by_other`: Okabe alone, on the February text), **not signed** (`frozen`,
  `collapsed`), or a **draft** (anything else, `pending` above all).

A story that declares none of these variables (the sample story, an author's own) gets
the Soviet draft with every article open and the document a draft: never an error.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..engine.state import PlayState
from ..story.model import Effect, Story

TREATY_FILE = Path(__file__).resolve().parent.parent.parent / "assets" / "documents" / "treaty.yaml"
OUTCOME = "outcome"
PENDING = "pending"
LANGS = ("en", "ja")


class ArticleStatus(StrEnum):
    OPEN = "open"  # not yet negotiated: the draft, in brackets
    AGREED = "agreed"  # as the Soviet draft has it
    AMENDED = "amended"  # changed at the table
    STRUCK = "struck"  # the draft article struck out


class TreatyStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    SIGNED_BY_OTHER = "signed_by_other"
    NOT_SIGNED = "not_signed"


class TreatyDataError(ValueError):
    """assets/documents/treaty.yaml is missing a part, or a part has the wrong shape."""


@dataclass(frozen=True)
class Words:
    """One text in several languages."""

    by_lang: tuple[tuple[str, str], ...]

    def __call__(self, lang: str) -> str:
        found = dict(self.by_lang)
        return found.get(lang) or found.get("en") or next(iter(found.values()), "")

    @classmethod
    def of(cls, data: object, where: str) -> Words:
        if isinstance(data, str):
            return cls(tuple((lang, data) for lang in LANGS))
        if not isinstance(data, Mapping) or not all(isinstance(v, str) for v in data.values()):
            raise TreatyDataError(f"{where}: expected a text per language, got {data!r}")
        return cls(tuple((str(k), str(v)) for k, v in data.items()))


# -- the data file ---------------------------------------------------------------------


@dataclass(frozen=True)
class Fill:
    """A fragment of an article's text chosen by another variable (Article 3 names the
    cities north of whatever line Article 2 drew)."""

    name: str
    variable: str
    draft: str
    values: tuple[tuple[str, Words], ...]


@dataclass(frozen=True)
class ArticleText:
    key: str
    heading: Words
    name: Words
    variable: str | None  # None: a fixed article (the ceasefire)
    draft: str | None
    values: tuple[tuple[str, Words], ...]  # value -> text; a fixed article has one, ""
    struck: frozenset[str]
    fills: tuple[Fill, ...] = ()

    def text(self, value: str) -> Words | None:
        return dict(self.values).get(value)


@dataclass(frozen=True)
class SignatoryText:
    key: str
    party: str
    name: Words
    title: Words
    seal: str | None


@dataclass(frozen=True)
class TreatyText:
    """Everything the data file holds."""

    title: Words
    short_title: Words
    preamble: Words
    articles: tuple[ArticleText, ...]
    witness: Words
    dates: Mapping[str, Words]
    dockets: Mapping[str, Words]
    parties: Mapping[str, Words]
    signatories: Mapping[str, SignatoryText]
    signing: Mapping[str, tuple[str, ...]]
    marks: Mapping[str, Words]


def _need(data: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise TreatyDataError(f"{where}: '{key}' is missing")
    return data[key]


def _words_map(data: object, where: str) -> dict[str, Words]:
    if not isinstance(data, Mapping):
        raise TreatyDataError(f"{where}: expected a mapping")
    return {str(k): Words.of(v, f"{where}.{k}") for k, v in data.items()}


def _article(data: Mapping[str, Any], where: str) -> ArticleText:
    key = str(_need(data, "key", where))
    where = f"{where} ({key})"
    heading = Words.of(_need(data, "heading", where), f"{where}.heading")
    name = Words.of(_need(data, "name", where), f"{where}.name")
    variable = data.get("variable")
    if variable is None:  # a fixed article
        text = Words.of(_need(data, "text", where), f"{where}.text")
        return ArticleText(key, heading, name, None, None, (("", text),), frozenset())
    values_data = _need(data, "values", where)
    if not isinstance(values_data, Mapping) or not values_data:
        raise TreatyDataError(f"{where}.values: expected a text for each value")
    values, struck = [], set()
    for value, entry in values_data.items():
        if not isinstance(entry, Mapping):
            raise TreatyDataError(f"{where}.values.{value}: expected a mapping")
        texts = {k: v for k, v in entry.items() if k != "struck"}
        values.append((str(value), Words.of(texts, f"{where}.values.{value}")))
        if entry.get("struck") is True:
            struck.add(str(value))
    fills = []
    for fname, fdata in (data.get("fill") or {}).items():
        fwhere = f"{where}.fill.{fname}"
        fvalues = _words_map(_need(fdata, "values", fwhere), f"{fwhere}.values")
        fills.append(Fill(str(fname), str(_need(fdata, "variable", fwhere)),
                          str(_need(fdata, "draft", fwhere)), tuple(fvalues.items())))
    return ArticleText(key, heading, name, str(variable), str(_need(data, "draft", where)),
                       tuple(values), frozenset(struck), tuple(fills))


def parse_treaty_text(data: object, where: str = "treaty.yaml") -> TreatyText:
    if not isinstance(data, Mapping):
        raise TreatyDataError(f"{where}: expected a mapping at the top")
    articles = _need(data, "articles", where)
    if not isinstance(articles, list):
        raise TreatyDataError(f"{where}.articles: expected a list")
    signatories = {}
    for key, s in _need(data, "signatories", where).items():
        swhere = f"{where}.signatories.{key}"
        seal = s.get("seal")
        signatories[str(key)] = SignatoryText(
            str(key), str(_need(s, "party", swhere)), Words.of(_need(s, "name", swhere), swhere),
            Words.of(_need(s, "title", swhere), swhere), str(seal) if seal else None)
    signing = {str(k): tuple(str(n) for n in v)
               for k, v in _need(data, "signing", where).items()}
    for names in signing.values():
        for n in names:
            if n not in signatories:
                raise TreatyDataError(f"{where}.signing: no signatory '{n}'")
    return TreatyText(
        title=Words.of(_need(data, "title", where), "title"),
        short_title=Words.of(_need(data, "short_title", where), "short_title"),
        preamble=Words.of(_need(data, "preamble", where), "preamble"),
        articles=tuple(_article(a, f"{where}.articles[{i}]") for i, a in enumerate(articles)),
        witness=Words.of(_need(data, "witness", where), "witness"),
        dates=_words_map(_need(data, "dates", where), "dates"),
        dockets=_words_map(_need(data, "docket", where), "docket"),
        parties=_words_map(_need(data, "parties", where), "parties"),
        signatories=signatories,
        signing=signing,
        marks=_words_map(_need(data, "marks", where), "marks"),
    )


@lru_cache(maxsize=4)
def load_treaty_text(path: Path = TREATY_FILE) -> TreatyText:
    """The data file, read once (yaml.safe_load)."""
    with open(path, encoding="utf-8") as f:
        return parse_treaty_text(yaml.safe_load(f), path.name)


# -- what the playthrough settled --------------------------------------------------------


def _sets(effects: Iterable[Effect], variable: str) -> bool:
    return any(e.kind == "set" and e.var == variable for e in effects)


@dataclass(frozen=True)
class Settling:
    """Where, in one story, the player settles one variable."""

    choices: frozenset[tuple[str, str]]  # (node, choice) decisions that settle it
    on_enter: frozenset[str]  # nodes that set it when entered


def _settling(story: Story, variable: str) -> Settling:
    deciding = {n.id for n in story.nodes.values()
                if any(_sets(c.effects, variable) for c in n.choices)}

    def comes_back(node_id: str) -> bool:
        """Whether `next` links from this node lead to a node that decides `variable`."""
        seen: set[str] = set()
        current: str | None = node_id
        while current is not None and current not in seen and current in story.nodes:
            if current in deciding:
                return True
            seen.add(current)
            current = story.nodes[current].next
        return False

    choices = {(node_id, c.id) for node_id in deciding for c in story.nodes[node_id].choices
               if _sets(c.effects, variable) or not comes_back(c.goto)}
    entered = {n.id for n in story.nodes.values() if _sets(n.on_enter, variable)}
    return Settling(frozenset(choices), frozenset(entered))


_SETTLING: weakref.WeakKeyDictionary[Story, dict[str, Settling]] = weakref.WeakKeyDictionary()


def settling(story: Story, variable: str) -> Settling:
    """Where `variable` is settled in `story` (walked once per story and variable)."""
    per_story = _SETTLING.setdefault(story, {})
    found = per_story.get(variable)
    if found is None:
        found = per_story[variable] = _settling(story, variable)
    return found


def outcome_of(story: Story, state: PlayState) -> str:
    value = state.vars.get(OUTCOME) if OUTCOME in story.variables else None
    return value if isinstance(value, str) else PENDING


def is_settled(story: Story, state: PlayState, variable: str, draft: str) -> bool:
    """Whether the player has decided `variable` (see the module's rules)."""
    if variable not in story.variables:
        return False
    if outcome_of(story, state) != PENDING:
        return True
    if state.vars.get(variable) != draft:
        return True
    where = settling(story, variable)
    if any(state.visits.get(node, 0) > 0 for node in where.on_enter):
        return True
    return any((d.node, d.choice) in where.choices for d in state.log)


# -- the treaty ------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    key: str
    heading: Words  # "Article 2." / 第二条
    name: Words  # what it is about
    variable: str | None
    value: str | None  # the variable's value now (None for a fixed article)
    draft_value: str | None
    status: ArticleStatus
    text: Words  # what the article says now (an open article: the draft)
    draft_text: Words  # the Soviet draft's words

    @property
    def fixed(self) -> bool:
        return self.variable is None


@dataclass(frozen=True)
class Signatory:
    key: str
    party: str  # japan, ussr, sweden
    name: Words
    title: Words
    seal: str | None  # the name on a Japanese signatory's seal
    signed: bool


@dataclass(frozen=True)
class Treaty:
    status: TreatyStatus
    outcome: str
    title: Words
    short_title: Words
    docket: Words  # what this copy is, typed above the title
    preamble: Words
    articles: tuple[Article, ...]  # the nine articles, then the final clause
    witness: Words
    date: Words
    parties: tuple[tuple[str, Words], ...]
    signatories: tuple[Signatory, ...]
    marks: tuple[tuple[str, Words], ...]
    known: bool  # the story declares the treaty's variables

    def mark(self, key: str, lang: str) -> str:
        return dict(self.marks)[key](lang)

    def article(self, key: str) -> Article:
        for a in self.articles:
            if a.key == key:
                return a
        raise KeyError(key)

    @property
    def secret(self) -> bool:
        """The final clause keeps the text unpublished, and that much is settled."""
        final = self.articles[-1]
        return final.status is not ArticleStatus.OPEN and final.value != "public"


def _fill(text: Words, fills: tuple[Fill, ...], values: Mapping[str, str]) -> Words:
    if not fills:
        return text
    out = []
    for lang, s in text.by_lang:
        for f in fills:
            fragment = dict(f.values).get(values.get(f.variable, f.draft)) or dict(f.values)[
                f.draft]
            piece = fragment(lang)
            s = s.replace("{" + f.name + "}", piece)
            s = s.replace("{" + f.name[:1].upper() + f.name[1:] + "}",
                          piece[:1].upper() + piece[1:])
        out.append((lang, s))
    return Words(tuple(out))


def _text_for(art: ArticleText, value: str) -> Words:
    found = art.text(value)
    if found is None:  # a value the data file does not know: name it, never fail
        found = Words(tuple((lang, f"[{value}]") for lang in LANGS))
    return found


def story_has_treaty(story: Story, text: TreatyText | None = None) -> bool:
    """Whether `story` negotiates this treaty: it declares one of the article variables.
    (The UI offers the treaty only then; `treaty_of` works for any story.)"""
    data = text if text is not None else load_treaty_text()
    return any(a.variable in story.variables for a in data.articles if a.variable)


def treaty_of(story: Story, state: PlayState, text: TreatyText | None = None) -> Treaty:
    """The treaty as it stands in `state` (see the module's rules)."""
    data = text if text is not None else load_treaty_text()
    outcome = outcome_of(story, state)
    variables: dict[str, str] = {}
    for art in data.articles:
        for var, draft in [(art.variable, art.draft), *((f.variable, f.draft)
                                                         for f in art.fills)]:
            if var is None:
                continue
            declared = story.variables.get(var)
            value = state.vars.get(var) if declared is not None else None
            variables[var] = value if isinstance(value, str) else (draft or "")
    known = story_has_treaty(story, data)

    articles: list[Article] = []
    for art in data.articles:
        if art.variable is None:
            continue
        declared = story.variables.get(art.variable)
        draft = (declared.default if declared is not None and isinstance(declared.default, str)
                 else art.draft or "")
        value = variables[art.variable]
        if not is_settled(story, state, art.variable, draft):
            status = ArticleStatus.OPEN
        elif value == draft:
            status = ArticleStatus.AGREED
        elif value in art.struck:
            status = ArticleStatus.STRUCK
        else:
            status = ArticleStatus.AMENDED
        draft_text = _fill(_text_for(art, draft), art.fills, variables)
        now = draft_text if status is ArticleStatus.OPEN else _fill(
            _text_for(art, value), art.fills, variables)
        articles.append(Article(art.key, art.heading, art.name, art.variable, value, draft,
                                status, now, draft_text))
    any_settled = any(a.status is not ArticleStatus.OPEN for a in articles)
    fixed = [Article(art.key, art.heading, art.name, None, None, None,
                     ArticleStatus.AGREED if any_settled else ArticleStatus.OPEN,
                     _text_for(art, ""), _text_for(art, ""))
             for art in data.articles if art.variable is None]
    ordered = {a.key: a for a in [*fixed, *articles]}
    all_articles = tuple(ordered[art.key] for art in data.articles)

    document = {"signed": TreatyStatus.SIGNED, "signed_by_other": TreatyStatus.SIGNED_BY_OTHER,
              "frozen": TreatyStatus.NOT_SIGNED,
                "collapsed": TreatyStatus.NOT_SIGNED,
                }.get(outcome, TreatyStatus.DRAFT)
    signed = document in (TreatyStatus.SIGNED, TreatyStatus.SIGNED_BY_OTHER)
    who = data.signing.get(outcome if signed else "unsigned", ())
    signatories = tuple(Signatory(s.key, s.party, s.name, s.title, s.seal, signed)
                        for s in (data.signatories[k] for k in who))
    docket_key = outcome if outcome in data.dockets else "draft"
    date_key = outcome if signed else "unsigned"
    return Treaty(
        status=document, outcome=outcome, title=data.title, short_title=data.short_title,
        docket=data.dockets[docket_key], preamble=data.preamble, articles=all_articles,
        witness=data.witness, date=data.dates[date_key], parties=tuple(data.parties.items()),
        signatories=signatories, marks=tuple(data.marks.items()), known=known)
