"""How long does loading a large story take, compared with just parsing its YAML?

    python bench/load.py [--sizes 1000,10000] [--repeat 3] [--keep DIR] [--verify]

The script writes, in a temporary folder, valid stories of the given sizes (1,000 and
10,000 nodes by default) that look like hand-written ones: a story.yaml with twenty
variables (int with min/max, bool, str with values), chapters, places with images,
characters and endings; node files of about 500 nodes each under one folder per
chapter; English and Japanese texts, some of them lists of parts with `if:` conditions
and `{expression}` interpolations; two to four choices per node with
`if`/`enabled_if`/`disabled_text`/`once`; `set`/`add`/`roll` effects; `next` nodes; and
several ending nodes. Every node is reachable from `start`, every declaration is used,
so `check` reports neither errors nor warnings. Generation is seeded (`--seed`), so the
same options always write the same bytes.

For each size it prints the best of `--repeat` runs of:

(a) `load_story(dir)`: everything `python main.py check` does short of printing, that is
    reading and hashing every file, composing YAML nodes with positions (on libyaml's
    event stream), building the model, parsing and type-checking every expression, and
    the whole-story checks (links, `next` cycles, reachability, unused declarations);
(b) a bare libyaml parse of the same files: read each file and
    `yaml.load(text, Loader=yaml.CSafeLoader)`, the fastest way PyYAML turns these
    files into Python objects, without positions, duplicate-key detection or checks;
(c) the ratio a/b: what the engine's safety and diagnostics cost over the floor that
    any YAML-based loader must pay;
(d) a cached load: `load_story_cached(dir)` when the startup cache already holds the
    story (what `python main.py play` does from the second start on): hash every file,
    read the JSON entry, rebuild the model and recompile the expressions, check the
    images. The cache is in a temporary folder, filled by one cold run first; and
(e) the ratio d/b.

The pure-Python `yaml.SafeLoader` (what PyYAML falls back to without libyaml) is timed
on the 1,000-node story only, because it is slow, as context for the ratio.

Why: authors run `check` after every edit and the game loads the story at start-up,
so load time is what a large story costs its author and its players; the libyaml
figure shows how much of that time is irreducible parsing and how much is ours.

Garbage collection stays on during the timings (as in real use); a collection runs
before each timed run, and no run's result is kept alive during the next one (a large
live heap makes every later collection slower, which once doubled figure (b)). The
first run of (a) also supplies the diagnostics, the first run of (b) the node count.
Only the standard library, PyYAML and the project are used.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Generic, TypeVar

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.persist.story_cache import load_story_cached  # noqa: E402
from game.story import load_story  # noqa: E402

NODES_PER_FILE = 500
NODES_PER_CHAPTER = 1000
MARKER = ".generated-by-bench-load"  # hidden, so the loader skips it
PURE_PYTHON_SIZE = 1000

T = TypeVar("T")


# --- the story's declarations -----------------------------------------------------------


@dataclass(frozen=True)
class Var:
    name: str
    type: str  # int, bool, str
    default: int | bool | str
    lo: int = 0
    hi: int = 0
    values: tuple[str, ...] = ()
    show: bool = False
    label: tuple[str, str] | None = None


VARIABLES: tuple[Var, ...] = (
    Var("soviet_trust", "int", 0, -5, 5, show=True, label=("Soviet trust", "ソ連側の信頼")),
    Var("army_pressure", "int", 2, 0, 10, show=True, label=("Army pressure", "陸軍の圧力")),
    Var("navy_favor", "int", 0, -3, 3),
    Var("funds", "int", 40, 0, 100, show=True, label=("Secret funds", "機密費")),
    Var("days_left", "int", 30, 0, 30),
    Var("dice", "int", 1, 1, 6),
    Var("rumors", "int", 0, 0, 5),
    Var("fatigue", "int", 0, 0, 10, show=True, label=("Fatigue", "疲労")),
    Var("met_kollontai", "bool", False),
    Var("army_veto", "bool", False),
    Var("cable_sent", "bool", False),
    Var("code_broken", "bool", False),
    Var("has_passport", "bool", True),
    Var("promised_oil", "bool", False),
    Var("swedish_help", "bool", False),
    Var("busan_clause", "str", "open", values=("open", "agreed", "struck")),
    Var("mood", "str", "calm", values=("calm", "tense", "desperate")),
    Var("channel", "str", "none", values=("none", "legation", "bank", "church")),
    Var("rumor_source", "str", "nobody", values=("nobody", "press", "police", "clerk")),
    Var("last_ally", "str", "nobody", values=("nobody", "kollontai", "wallenberg", "navy")),
)
INT_VARS = tuple(v for v in VARIABLES if v.type == "int")
VAR_BY_NAME = {v.name: v for v in VARIABLES}

CHARACTERS: tuple[tuple[str, str, str, str], ...] = (
    ("kollontai", "Alexandra Kollontai", "コロンタイ", "#8a2b2b"),
    ("sato", "Minister Sato", "佐藤公使", "#2b4a8a"),
    ("okamoto", "Colonel Okamoto", "岡本大佐", "#4a5a2b"),
    ("wallenberg", "Marcus Wallenberg", "ヴァレンベリ", "#2b7a6a"),
    ("gunther", "Christian Günther", "ギュンター外相", "#5a4a8a"),
    ("semyonov", "Vladimir Semyonov", "セミョーノフ", "#8a5a2b"),
    ("ingrid", "Ingrid the typist", "タイピストのイングリッド", "#7a2b6a"),
    ("kojima", "Commander Kojima", "小島中佐", "#2b2b6a"),
    ("berg", "Inspector Berg", "ベリ警部", "#4a4a4a"),
    ("narrator_clerk", "The cipher clerk", "電信係", "#6a6a2b"),
)

PLACES: tuple[tuple[str, str, str, bool], ...] = (  # id, en, ja, has an image
    ("legation", "Japanese Legation, Stockholm", "在ストックホルム日本公使館", True),
    ("soviet_embassy", "Soviet Embassy", "ソ連大使館", True),
    ("harbour", "Stockholm Harbour", "ストックホルム港", True),
    ("grand_hotel", "Grand Hôtel", "グランド・ホテル", True),
    ("enskilda", "Enskilda Bank", "エンスキルダ銀行", False),
    ("jakob_church", "St. Jacob's Church", "聖ヤコブ教会", True),
    ("foreign_ministry", "Swedish Foreign Ministry", "スウェーデン外務省", False),
    ("saltsjobaden", "Saltsjöbaden", "サルトシェーバーデン", True),
    ("train_station", "Central Station", "中央駅", False),
    ("cipher_room", "Cipher Room", "暗号室", False),
    ("gamla_stan", "Gamla Stan", "ガムラ・スタン", True),
    ("ferry", "Night Ferry to Turku", "トゥルク行き夜行フェリー", False),
)

ENDINGS: tuple[tuple[str, str, str, str, str], ...] = (  # id, title en/ja, summary en/ja
    ("accord", "The Stockholm Accord", "ストックホルム協定",
     "A separate peace, signed in a borrowed room.", "借りた一室で結ばれた単独講和。"),
    ("betrayal", "Betrayal", "裏切り",
     "The Army learned everything, and so did Berlin.",
     "陸軍はすべてを知り、ベルリンもまた知った。"),
    ("recalled", "Recalled to Tokyo", "東京召還",
     "A telegram, a ship, and a long silence.", "一通の電報、一隻の船、そして長い沈黙。"),
    ("exile", "Exile", "亡命",
     "You stayed in Sweden, and Japan forgot you.",
     "あなたはスウェーデンに留まり、日本はあなたを忘れた。"),
    ("lost_at_sea", "Lost at Sea", "海に消ゆ",
     "The ferry to Turku never arrived.", "トゥルク行きのフェリーは着かなかった。"),
    ("quiet_desk", "A Quiet Desk", "静かな机",
     "Nothing happened, and that was your doing.",
     "何も起こらなかった。それはあなたの仕業だった。"),
    ("triumph", "Triumph", "凱旋",
     "The war ended a year early.", "戦争は一年早く終わった。"),
    ("arrest", "Arrested", "逮捕",
     "Inspector Berg was patient, and you were not.",
     "ベリ警部は辛抱強く、あなたはそうではなかった。"),
)

CHAPTER_TITLES: tuple[tuple[str, str], ...] = (
    ("The Fall of Moscow", "モスクワ陥落"), ("The Channel Opens", "経路ひらく"),
    ("Winter Terms", "冬の条件"), ("The Busan Clause", "釜山条項"),
    ("Oil and Silence", "石油と沈黙"), ("The Swedish Banker", "スウェーデンの銀行家"),
    ("Intercepts", "傍受"), ("The Army Objects", "陸軍の異議"),
    ("Night Ferry", "夜行フェリー"), ("Last Cable", "最後の電報"),
)

# --- the prose --------------------------------------------------------------------------------

SENTENCES: tuple[tuple[str, str], ...] = (
    ("The cable from Tokyo arrived after midnight, its cipher groups smudged by a tired clerk.",
     "東京からの電報は真夜中過ぎに届いた。疲れた電信係のせいで暗号群がにじんでいる。"),
    ("Snow had settled on the roofs of Strandvägen, and the harbour lights were dim in the fog.",
     "ストランド通りの屋根には雪が積もり、港の灯りは霧の向こうでかすんでいた。"),
    ("Kollontai poured the tea herself and waited, as she always did, for you to speak first.",
     "コロンタイは自ら茶を注ぎ、いつものように、あなたが先に口を開くのを待った。"),
    ("A clerk from the Swedish Foreign Ministry lingered too long by the coat rack.",
     "スウェーデン外務省の書記官が、コート掛けのそばに長く居すぎた。"),
    ("The minister's instructions were clear on paper and impossible in practice.",
     "大臣の訓令は紙の上では明快だったが、実際には不可能だった。"),
    ("Somewhere below, a typewriter stopped, then started again.",
     "階下のどこかでタイプライターの音が止み、また鳴りはじめた。"),
    ("The Army attaché had left a note: no concessions on Manchuria, none at all.",
     "陸軍武官がメモを残していた。満州については一切譲歩するな、と。"),
    ("Outside the legation a black Volvo idled with its lights off.",
     "公使館の外では、ライトを消した黒いボルボがアイドリングしていた。"),
    ("The banker smiled the way bankers smile when the interest is already agreed.",
     "銀行家は、利率がすでに決まったときの銀行家らしい笑みを浮かべた。"),
    ("The bells of St. Jacob's rang the hour, and nobody in the room moved.",
     "聖ヤコブ教会の鐘が時を告げたが、部屋の誰も動かなかった。"),
    ("Every word you send tonight will be read in three capitals by morning.",
     "今夜送る言葉はすべて、朝までに三つの首都で読まれるだろう。"),
    ("The draft lay on the desk between you like a map of a country neither of you owned.",
     "草案は二人のあいだの机の上に、どちらのものでもない国の地図のように置かれていた。"),
    ("Semyonov lit a cigarette and did not offer you one.",
     "セミョーノフは煙草に火をつけたが、あなたには勧めなかった。"),
    ("The ferry's horn sounded twice across the water.",
     "フェリーの汽笛が水面を渡って二度鳴った。"),
    ("Ingrid brought the morning papers; the front page was about Stalingrad again.",
     "イングリッドが朝刊を持ってきた。一面はまたスターリングラードの記事だった。"),
    ("It was colder inside the cipher room than out on the quay.",
     "暗号室の中は、岸壁の外よりも寒かった。"),
    ("Nobody at the table mentioned the word peace, and everybody was thinking it.",
     "卓を囲む誰も「講和」という言葉を口にしなかったが、誰もがそれを考えていた。"),
    ("A police car passed slowly, then turned back toward Gamla Stan.",
     "パトカーがゆっくりと通り過ぎ、ガムラ・スタンの方へ引き返していった。"),
    ("The last courier had taken eleven days to reach Berlin.",
     "前回の伝書使はベルリンに着くまで十一日かかった。"),
    ("Your hands were steady; your voice, you hoped, would be too.",
     "手は震えていなかった。声もそうであってほしいと、あなたは願った。"),
    ("In the margin someone had written {{urgent}} in red pencil.",
     "余白には誰かが赤鉛筆で{{至急}}と書き込んでいた。"),
    ("You have {days_left} days before the next courier leaves for Berlin.",
     "次の伝書使がベルリンへ発つまで、あと{days_left}日ある。"),
    ("By your own uneasy reckoning, the Soviet side's trust stands at {soviet_trust}.",
     "あなた自身の心許ない見積もりでは、ソ連側の信頼は{soviet_trust}だ。"),
    ("The Busan clause still reads '{busan_clause}' in the draft on your desk.",
     "机の上の草案では、釜山条項はまだ「{busan_clause}」のままだ。"),
    ("The secret account holds {funds * 100} kronor, give or take a bribe.",
     "機密費の口座には、賄賂一つ分の誤差はあれど{funds * 100}クローナある。"),
    ("The mood in the legation is {mood}; the Army's pressure stands at {army_pressure}.",
     "公使館の空気は{mood}で、陸軍の圧力は{army_pressure}だ。"),
    ("You have slept {10 - fatigue} hours in the last two days, if that.",
     "この二日で眠ったのは、せいぜい{10 - fatigue}時間だ。"),
)

CONDITIONAL_PARTS: tuple[tuple[str, str, str], ...] = (  # condition, en, ja
    ("met_kollontai", "Kollontai's card is still in your breast pocket.",
     "コロンタイの名刺は、まだ胸ポケットに入っている。"),
    ("not has_passport", "Without a passport, every border is a wall.",
     "旅券がなければ、どの国境も壁だ。"),
    ("soviet_trust >= 2", "The Soviet side has started to answer within the day.",
     "ソ連側はその日のうちに返事をよこすようになっていた。"),
    ("army_pressure > 6", "Okamoto's men now watch the legation door in shifts.",
     "岡本の部下が、交代で公使館の扉を見張るようになった。"),
    ("busan_clause == 'struck'", "The Busan clause is gone, and with it Tokyo's patience.",
     "釜山条項は消え、それとともに東京の忍耐も消えた。"),
    ("channel != \"none\"", "The {channel} channel is open, for now.",
     "{channel}経由の経路は、今のところ開いている。"),
    ("code_broken and not cable_sent", "You know what Berlin knows, and Berlin does not know it.",
     "ベルリンが何を知っているかをあなたは知っている。ベルリンはそれを知らない。"),
    ("rumors >= 3 or rumor_source == 'press'", "The Dagens Nyheter has a reporter at the gate.",
     "ダーゲンス・ニューヘーテルの記者が門の前にいる。"),
    ("(funds - 20) * 2 > 50", "For once, money is not the problem.",
     "今回ばかりは、金は問題ではない。"),
    ("mood == 'desperate' or fatigue >= 8", "You catch yourself reading the same line twice.",
     "同じ行を二度読んでいる自分に気づく。"),
)

CHOICES: tuple[tuple[str, str, str], ...] = (  # id, en, ja
    ("press_busan", "Insist on Busan first", "まず釜山の保持を確認させる"),
    ("send_cable", "Send the cable tonight", "今夜のうちに電報を打つ"),
    ("wait_tokyo", "Wait for Tokyo's answer", "東京の返事を待つ"),
    ("ask_front", "Ask about the front", "戦線について尋ねる"),
    ("walk_quay", "Walk back along the quay", "岸壁沿いに歩いて戻る"),
    ("burn_draft", "Burn the draft", "草案を焼く"),
    ("call_banker", "Call on the banker", "銀行家を訪ねる"),
    ("tell_nothing", "Tell the attaché nothing", "武官には何も言わない"),
    ("offer_oil", "Offer the oil concessions", "石油利権を提示する"),
    ("refuse", "Refuse, politely", "丁重に断る"),
    ("demand_paper", "Press for a written guarantee", "書面での保証を求める"),
    ("keep_silent", "Let the silence work", "沈黙に任せる"),
    ("share_intercept", "Share the intercept", "傍受電報を見せる"),
    ("church_dawn", "Go to the church at dawn", "夜明けに教会へ行く"),
    ("pay_informant", "Pay the informant", "情報提供者に金を払う"),
    ("sleep", "Sleep for an hour", "一時間だけ眠る"),
    ("draft_reply", "Draft a reply", "返電を起草する"),
    ("back_door", "Leave by the back door", "裏口から出る"),
    ("toast", "Propose a toast", "乾杯を提案する"),
    ("read_again", "Read the cable again", "電報を読み返す"),
    ("phone_sato", "Telephone the minister", "公使に電話する"),
    ("bluff", "Bluff", "はったりをかける"),
    ("confess", "Tell her the truth", "本当のことを話す"),
    ("follow_car", "Follow the black car", "黒い車を尾行する"),
    ("take_ferry", "Take the night ferry", "夜行フェリーに乗る"),
    ("go_on", "Go on", "先へ進む"),
)

DISABLED: tuple[tuple[str, str], ...] = (
    ("The Army has forbidden it", "陸軍が禁じている"),
    ("You have no money left for this", "そのための金はもう残っていない"),
    ("You are too tired", "疲れすぎている"),
    ("Not without Tokyo's approval", "東京の承認なしには無理だ"),
    ("She would not believe you yet", "彼女はまだあなたを信じないだろう"),
)

NODE_WORDS = ("cable", "tea", "quay", "draft", "bank", "church", "ferry", "night", "letter",
              "meeting", "intercept", "dinner", "walk", "terms", "visit", "report", "station")


# --- generation --------------------------------------------------------------------------------


class Deck(Generic[T]):
    """Draws items in shuffled rounds, so that every item is used once per round."""

    def __init__(self, items: Sequence[T], rng: random.Random) -> None:
        self.items = list(items)
        self.rng = rng
        self.pile: list[T] = []

    def draw(self) -> T:
        if not self.pile:
            self.pile = self.items[:]
            self.rng.shuffle(self.pile)
        return self.pile.pop()


def q(s: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of YAML's)."""
    return json.dumps(s, ensure_ascii=False)


_PLAIN_IN_FLOW = re.compile(r"[^\s\-+.~?:,\[\]{}#&*!|>'\"%@`0-9][^,\[\]{}#:'\"]*(?<! )")
_NOT_STRINGS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def scalar(s: str) -> str:
    """A scalar as an author would write it inside a flow mapping: plain when YAML reads
    that back as the same string, else double-quoted."""
    if _PLAIN_IN_FLOW.fullmatch(s) and s.lower() not in _NOT_STRINGS:
        return s
    return q(s)


def flow_text(en: str, ja: str) -> str:
    return f"{{en: {scalar(en)}, ja: {scalar(ja)}}}"


@dataclass
class Plan:
    """What one node will be, decided before any text is written."""

    id: str
    index: int
    chapter: int
    kind: str  # "choices", "next" or "ending"
    forward: str = ""  # the node a `next` or the always-open choice leads to
    ending: str = ""
    ending_branch: str = ""  # an ending node right after this one, reached by a choice


class StoryWriter:
    """Writes one story of `size` nodes into a folder."""

    def __init__(self, size: int, seed: int) -> None:
        self.size = size
        self.rng = random.Random(seed * 1_000_003 + size)
        rng = self.rng
        self.chapters = max(2, -(-size // NODES_PER_CHAPTER))
        self.var_deck: Deck[Var] = Deck(VARIABLES, rng)
        self.int_deck: Deck[Var] = Deck(INT_VARS, rng)
        self.speakers: Deck[str] = Deck([c[0] for c in CHARACTERS], rng)
        self.places: Deck[str] = Deck([p[0] for p in PLACES], rng)
        self.sentences: Deck[tuple[str, str]] = Deck(SENTENCES, rng)
        self.parts: Deck[tuple[str, str, str]] = Deck(CONDITIONAL_PARTS, rng)
        self.plans = self._plan()

    # -- the graph ---------------------------------------------------------------------------

    def _plan(self) -> list[Plan]:
        n, rng = self.size, self.rng
        per_chapter = -(-n // self.chapters)
        plans = [Plan(f"c{i // per_chapter + 1:02d}_{rng.choice(NODE_WORDS)}_{i:05d}", i,
                      i // per_chapter + 1, "choices") for i in range(n)]
        # Ending nodes, evenly spread, never first, never two in a row; the last node is one.
        count = max(len(ENDINGS), n // 40)
        endings = Deck([e[0] for e in ENDINGS], rng)
        ending_at = {round((j + 1) * n / count) - 1 for j in range(count)}
        for i in sorted(ending_at):
            if i >= 2 and plans[i - 1].kind != "ending":
                plans[i].kind = "ending"
                plans[i].ending = endings.draw()
        # The spine: every node that is not an ending leads on to the next one, so the
        # whole graph is reachable; the node before an ending also gets a choice into it.
        spine = [p for p in plans if p.kind != "ending"]
        for k, p in enumerate(spine):
            after = plans[p.index + 1] if p.index + 1 < n else None
            if after is not None and after.kind == "ending":
                p.ending_branch = after.id
            p.forward = spine[k + 1].id if k + 1 < len(spine) else p.ending_branch
            if not p.ending_branch and p.forward and rng.random() < 0.12:
                p.kind = "next"
        self.spine = spine
        self.spine_pos = {p.id: k for k, p in enumerate(spine)}
        for p in plans:  # an ending node sits where the node before it is
            if p.kind == "ending":
                self.spine_pos[p.id] = self.spine_pos[plans[p.index - 1].id]
        return plans

    def nearby(self, p: Plan, back: int, ahead: int) -> str:
        """A spine node not far from `p` (earlier or later), not `p` itself."""
        k = self.spine_pos[p.id]
        lo, hi = max(0, k - back), min(len(self.spine) - 1, k + ahead)
        while True:
            j = self.rng.randint(lo, hi)
            if j != k or lo == hi:
                return self.spine[j].id

    def earlier(self, p: Plan) -> str:
        """A node for `visited(...)`: usually an earlier one on the way here."""
        k = self.spine_pos[p.id]
        return self.spine[max(0, k - self.rng.randint(1, 30))].id

    # -- expressions ------------------------------------------------------------------------

    def simple_condition(self, p: Plan) -> str:
        v = self.var_deck.draw()
        rng = self.rng
        if v.type == "bool":
            return rng.choice((v.name, f"not {v.name}", f"{v.name} == true"))
        if v.type == "str":
            value = rng.choice(v.values)
            return rng.choice((f"{v.name} == '{value}'", f'{v.name} != "{value}"'))
        k = rng.randint(v.lo, v.hi)
        form = rng.random()
        if form < 0.6:
            return f"{v.name} {rng.choice(('>=', '<=', '<', '>'))} {k}"
        if form < 0.8:
            w = self.int_deck.draw()
            return f"{v.name} + {w.name} >= {k + w.lo}"
        return f'visited("{self.earlier(p)}") > 0'

    def condition(self, p: Plan) -> str:
        r = self.rng.random()
        if r < 0.6:
            return self.simple_condition(p)
        if r < 0.85:
            op = self.rng.choice(("and", "or"))
            return f"{self.simple_condition(p)} {op} {self.simple_condition(p)}"
        return (f"({self.simple_condition(p)} or {self.simple_condition(p)}) and "
                f"{self.simple_condition(p)}")

    def cond_scalar(self, expr: str) -> str:
        """Most authors write conditions plain; some quote them."""
        if self.rng.random() < 0.25 and '"' not in expr:
            return q(expr)
        return expr

    # -- texts and effects -----------------------------------------------------------------------

    def prose(self, lo: int, hi: int, p: Plan) -> tuple[str, str]:
        picked = [self.sentences.draw() for _ in range(self.rng.randint(lo, hi))]
        en = " ".join(s[0] for s in picked)
        ja = "".join(s[1] for s in picked)
        if self.rng.random() < 0.15:
            node = self.earlier(p)
            en += f' You have been here {{visited("{node}")}} times before.'
            ja += f'ここに来たのは{{visited("{node}")}}回目だ。'
        return en, ja

    def text_lines(self, p: Plan, indent: str) -> list[str]:
        style = self.rng.random()
        if style < 0.45:
            return [f"{indent}text: {flow_text(*self.prose(1, 3, p))}"]
        if style < 0.7:
            en, ja = self.prose(2, 4, p)
            block = self.rng.choice(("|", ">-"))  # Japanese is never folded (no spaces)
            return [f"{indent}text:", f"{indent}  en: {block}", *_wrap(en, indent + "    "),
                    f"{indent}  ja: |", *_wrap(ja, indent + "    ")]
        en, ja = self.prose(1, 2, p)
        if self.rng.random() < 0.5:
            lines = [f"{indent}text:", f"{indent}  - {flow_text(en, ja)}"]
        else:  # a part as a block mapping
            lines = [f"{indent}text:", f"{indent}  - en: {q(en)}", f"{indent}    ja: {q(ja)}"]
        for _ in range(self.rng.randint(1, 2)):
            cond, en, ja = self.parts.draw()
            if self.rng.random() < 0.5:
                cond = self.condition(p)
                en, ja = self.prose(1, 1, p)
            lines += [f"{indent}  - if: {self.cond_scalar(cond)}",
                      f"{indent}    text: {flow_text(en, ja)}"]
        if self.rng.random() < 0.2:
            lines.append(f"{indent}  - {q('* * *')}")
            lines.append(f"{indent}  - {flow_text(*self.prose(1, 2, p))}")
        return lines

    def effect(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.45:
            v = self.var_deck.draw()
            value: str
            if v.type == "bool":
                value = rng.choice(("true", "false"))
            elif v.type == "str":
                value = rng.choice(v.values)
            else:
                value = str(rng.randint(v.lo, v.hi))
            return f"set: {{{v.name}: {value}}}"
        if r < 0.85:
            vs = [self.int_deck.draw() for _ in range(rng.choice((1, 1, 2)))]
            amounts = {v.name: rng.choice((-2, -1, 1, 1, 2, 3)) for v in vs}
            return "add: {" + ", ".join(f"{k}: {a}" for k, a in amounts.items()) + "}"
        v = self.int_deck.draw()
        lo = rng.randint(v.lo, v.hi)
        return f"roll: {{{v.name}: [{lo}, {rng.randint(lo, v.hi)}]}}"

    def effects_lines(self, key: str, indent: str) -> list[str]:
        count = self.rng.choice((1, 1, 2, 3))
        return [f"{indent}{key}:", *(f"{indent}  - {self.effect()}" for _ in range(count))]

    # -- nodes --------------------------------------------------------------------------------

    def node_lines(self, p: Plan, day: date) -> list[str]:
        rng = self.rng
        out = [f"  {p.id}:"]
        if rng.random() < 0.25:
            out.append(f"    place: {self.places.draw()}")
        if rng.random() < 0.2:
            out.append(f"    date: {(day + timedelta(days=rng.randint(0, 3))).isoformat()}")
        if rng.random() < 0.7:
            out.append(f"    speaker: {self.speakers.draw()}")
        if rng.random() < 0.35:
            out += self.effects_lines("on_enter", "    ")
        out += self.text_lines(p, "    ")
        if p.kind == "ending":
            out.append(f"    ending: {p.ending}")
        elif p.kind == "next":
            out.append(f"    next: {p.forward}")
        else:
            out += self.choices_lines(p)
        return out

    def choices_lines(self, p: Plan) -> list[str]:
        rng = self.rng
        count = rng.randint(2, 4)
        picked = rng.sample(CHOICES, count)
        targets = [p.forward] + [self.nearby(p, 25, 40) for _ in range(count - 1)]
        if p.ending_branch:
            targets[1] = p.ending_branch
        out = ["    choices:"]
        for i, ((cid, en, ja), goto) in enumerate(zip(picked, targets, strict=True)):
            out += [f"      - id: {cid}", f"        text: {flow_text(en, ja)}"]
            if i > 0:  # the first choice stays open, so no node is ever stuck
                if rng.random() < 0.45:
                    out.append(f"        if: {self.cond_scalar(self.condition(p))}")
                if rng.random() < 0.3:
                    out.append(f"        enabled_if: {self.cond_scalar(self.condition(p))}")
                    if rng.random() < 0.8:
                        out.append(f"        disabled_text: {flow_text(*rng.choice(DISABLED))}")
                if rng.random() < 0.25:
                    out.append("        once: true")
            if rng.random() < 0.45:
                out += self.effects_lines("effects", "        ")
            out.append(f"        goto: {goto}")
        return out

    # -- files --------------------------------------------------------------------------------

    def manifest(self) -> str:
        title = f"The Stockholm Channel ({self.size:,} nodes)"
        lines = [
            f"# A generated {self.size:,}-node story for bench/load.py.",
            "format: 1",
            f"id: bench-{self.size}",
            f"title: {flow_text(title, 'ストックホルム・チャンネル')}",
            'version: "1.0"',
            "languages: [en, ja]",
            f"start: {self.plans[0].id}",
            "",
            "variables:",
        ]
        for v in VARIABLES:
            default = str(v.default).lower() if isinstance(v.default, bool) else str(v.default)
            parts = [f"type: {v.type}", f"default: {default}"]
            if v.type == "int":
                parts += [f"min: {v.lo}", f"max: {v.hi}"]
            if v.values:
                parts.append(f"values: [{', '.join(v.values)}]")
            if v.show:
                parts.append("show: true")
            if v.label:
                parts.append(f"label: {flow_text(*v.label)}")
            lines.append(f"  {v.name}: {{{', '.join(parts)}}}")
        lines += ["", "chapters:"]
        for c in range(1, self.chapters + 1):
            en, ja = CHAPTER_TITLES[(c - 1) % len(CHAPTER_TITLES)]
            lines.append(f"  ch{c:02d}: {{title: {flow_text(f'{_roman(c)}. {en}', ja)}}}")
        lines += ["", "characters:"]
        for cid, en, ja, color in CHARACTERS:
            lines.append(f'  {cid}: {{name: {flow_text(en, ja)}, color: "{color}"}}')
        lines += ["", "places:"]
        for pid, en, ja, image in PLACES:
            lines.append(f"  {pid}:")
            lines.append(f"    name: {flow_text(en, ja)}")
            if image:
                lines.append(f"    image: images/{pid}.svg")
        lines += ["", "endings:"]
        for eid, ten, tja, sen, sja in ENDINGS:
            lines += [f"  {eid}:", f"    title: {flow_text(ten, tja)}",
                      f"    summary: {flow_text(sen, sja)}"]
        return "\n".join(lines) + "\n"

    def write(self, folder: Path) -> None:
        folder.mkdir(parents=True)
        (folder / MARKER).write_text("bench/load.py writes this folder; it may replace it\n")
        (folder / "story.yaml").write_text(self.manifest(), encoding="utf-8")
        images = folder / "assets" / "images"
        images.mkdir(parents=True)
        for pid, _, _, image in PLACES:
            if image:
                (images / f"{pid}.svg").write_text(
                    '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>\n')
        start_day = date(1942, 1, 5)
        for c in range(1, self.chapters + 1):
            nodes = [p for p in self.plans if p.chapter == c]
            files = -(-len(nodes) // NODES_PER_FILE)
            per_file = -(-len(nodes) // files)
            chapter_dir = folder / f"ch{c:02d}"
            chapter_dir.mkdir()
            for f in range(files):
                chunk = nodes[f * per_file:(f + 1) * per_file]
                day = start_day + timedelta(days=(c - 1) * 30 + f * 15)
                lines = [f"# Chapter {c}, part {f + 1}", "defaults:", f"  chapter: ch{c:02d}",
                         f"  place: {self.places.draw()}", f"  date: {day.isoformat()}",
                         "nodes:"]
                for i, p in enumerate(chunk):
                    if i and self.rng.random() < 0.1:
                        lines.append("")
                    lines += self.node_lines(p, day + timedelta(days=i * 15 // len(chunk)))
                text = "\n".join(lines) + "\n"
                (chapter_dir / f"part{f + 1:02d}.yaml").write_text(text, encoding="utf-8")


def _wrap(text: str, indent: str, width: int = 88) -> list[str]:
    """A block scalar's lines: English by words, Japanese by sentences; never inside {...}."""
    if "。" not in text:
        words = re.findall(r"(?:[^\s{]|\{\{|\{[^{}]*\})+", text)
        lines: list[str] = []
        line = ""
        for word in words:
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    else:
        lines = [s for s in re.split(r"(?<=。)", text) if s]
    return [indent + line for line in lines]


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += digits
            n -= value
    return out


# --- measuring ----------------------------------------------------------------------------------


def yaml_files(folder: Path) -> list[Path]:
    """The files the loader reads: story.yaml and every node file (hidden ones aside)."""
    return sorted(p for p in folder.rglob("*.yaml")
                  if not any(part.startswith(".") for part in p.relative_to(folder).parts))


def timed(run: Callable[[], T]) -> tuple[float, T]:
    gc.collect()
    t0 = time.perf_counter()
    result = run()
    return time.perf_counter() - t0, result


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """The fastest of `repeat` runs; each result is dropped before the next run starts,
    so no run pays for the garbage collector walking an earlier run's objects."""
    return min((timed(run)[0] for _ in range(repeat)), default=float("inf"))


Loader = type[yaml.SafeLoader] | type[yaml.CSafeLoader]


def parse_all(files: list[Path], loader: Loader) -> list[object]:
    out = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        if loader is yaml.CSafeLoader:
            out.append(yaml.load(text, Loader=yaml.CSafeLoader))
        else:
            out.append(yaml.load(text, Loader=yaml.SafeLoader))
    return out


def count_nodes(doc: object) -> int:
    """YAML nodes (every scalar, sequence and mapping, keys included) of a loaded document."""
    count = 0
    stack = [doc]
    while stack:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            count += len(item)  # the keys are scalars
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


@dataclass
class Row:
    size: int
    files: int
    megabytes: float
    yaml_nodes: int
    ours: float
    libyaml: float
    cached: float
    errors: int
    warnings: int


def measure(size: int, folder: Path, repeat: int) -> Row:
    """Time (a) and (b); the first run of each also yields the diagnostics and the counts,
    which are taken and dropped before the next run."""
    files = yaml_files(folder)
    ours, result = timed(lambda: load_story(folder))
    errors, warnings = len(result.errors), len(result.warnings)
    for d in result.diagnostics[:10]:
        print(f"  {size:,} nodes: {d.format()}", file=sys.stderr)
    del result
    libyaml, docs = timed(lambda: parse_all(files, yaml.CSafeLoader))
    yaml_nodes = sum(count_nodes(d) for d in docs)
    del docs
    ours = min(ours, best_of(repeat - 1, lambda: load_story(folder)))
    libyaml = min(libyaml, best_of(repeat - 1, lambda: parse_all(files, yaml.CSafeLoader)))
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache:
        load_story_cached(folder, Path(cache))  # fills the cache

        def cached_load() -> None:
            if not load_story_cached(folder, Path(cache)).cached:
                raise SystemExit("error: the cache was not used")

        cached = best_of(repeat, cached_load)
    return Row(size, len(files), sum(p.stat().st_size for p in files) / 1e6, yaml_nodes,
               ours, libyaml, cached, errors, warnings)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    libyaml = (f"libyaml {yaml._yaml.get_version_string()} (CSafeLoader)"
               if yaml.__with_libyaml__ else "NO libyaml: CSafeLoader is unavailable")
    return (f"CPU: {cpu}, {os.cpu_count()} logical cores ({usable} usable)\n"
            f"Python {platform.python_version()} ({platform.python_implementation()}), "
            f"PyYAML {yaml.__version__} with {libyaml}")


def verify(folder: Path) -> bool:
    """Run `python main.py check` on a generated story, as an author would."""
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(folder)],
                          capture_output=True, text=True, encoding="utf-8", check=False)
    summary = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
    print(f"verify: python main.py check {folder} -> exit {done.returncode}, {summary}")
    if done.returncode != 0:
        print(done.stdout[-4000:] + done.stderr[-2000:], file=sys.stderr)
    return done.returncode == 0 and summary.startswith("0 errors")


def prepare(base: Path, size: int, seed: int) -> Path:
    folder = base / f"story-{size}"
    if folder.exists():
        if not (folder / MARKER).exists():
            raise SystemExit(f"error: {folder} exists and was not written by this script; "
                             "choose another --keep folder")
        shutil.rmtree(folder)
    StoryWriter(size, seed).write(folder)
    return folder


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(s) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not sizes or min(sizes) < 100:
        raise argparse.ArgumentTypeError("give sizes of at least 100 nodes, like 1000,10000")
    return sizes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--sizes", type=parse_sizes, default=[1000, 10000],
                    help="story sizes in nodes, comma-separated (default 1000,10000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure; the best counts")
    ap.add_argument("--keep", type=Path, metavar="DIR",
                    help="write the stories to DIR/story-SIZE and leave them there")
    ap.add_argument("--verify", action="store_true",
                    help="also run `python main.py check` on the 1,000-node story")
    ap.add_argument("--seed", type=int, default=1942, help="generation seed (default 1942)")
    ap.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    args = ap.parse_args(argv)
    repeat = max(1, args.repeat)
    if not yaml.__with_libyaml__:
        print("error: this PyYAML has no libyaml, so there is no baseline to compare with",
              file=sys.stderr)
        return 2

    print(machine())
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        base = args.keep if args.keep is not None else Path(tmp)
        t0 = time.perf_counter()
        folders = {size: prepare(base, size, args.seed) for size in args.sizes}
        print(f"generated {len(folders)} stories in {time.perf_counter() - t0:.1f} s under "
              f"{base}{'' if args.keep else ' (deleted at exit)'}")
        ok = True
        if args.verify:
            small = PURE_PYTHON_SIZE if PURE_PYTHON_SIZE in folders else min(folders)
            ok = verify(folders[small])
        rows = [measure(size, folder, repeat) for size, folder in folders.items()]
        pure = None
        if PURE_PYTHON_SIZE in folders:
            files = yaml_files(folders[PURE_PYTHON_SIZE])
            pure = best_of(repeat, lambda: parse_all(files, yaml.SafeLoader))

    print(f"\nbest of {repeat} run{'s' * (repeat != 1)}; "
          "(a) load_story = load + full check, (b) libyaml = read + yaml.load(CSafeLoader), "
          "(d) load_story_cached with the cache filled")
    head = (f"{'nodes':>7} {'files':>5} {'MB':>6} {'YAML nodes':>11} {'check':>16} "
            f"{'(a) load_story':>14} {'(b) libyaml':>11} {'(c) a/b':>7} {'(d) cached':>10} "
            f"{'(e) d/b':>7}")
    print(head)
    print("-" * len(head))
    for r in rows:
        check = f"{r.errors} err, {r.warnings} warn"
        print(f"{r.size:>7,} {r.files:>5} {r.megabytes:>6.2f} {r.yaml_nodes:>11,} {check:>16} "
              f"{r.ours:>12.3f} s {r.libyaml:>9.3f} s {r.ours / r.libyaml:>6.2f}x "
              f"{r.cached:>8.3f} s {r.cached / r.libyaml:>6.2f}x")
        ok = ok and r.errors == 0
    if pure is not None:
        base_row = next(r for r in rows if r.size == PURE_PYTHON_SIZE)
        print(f"\ncontext: pure-Python yaml.SafeLoader on the {PURE_PYTHON_SIZE:,}-node story: "
              f"{pure:.3f} s ({pure / base_row.libyaml:.1f}x libyaml, "
              f"{pure / base_row.ours:.1f}x load_story)")
    if args.json:
        args.json.write_text(json.dumps({"repeat": repeat, "pure_python_1000": pure,
                                         "rows": [r.__dict__ for r in rows]}, indent=2))
    if not ok:
        print("\nerror: a generated story did not load cleanly (see above); the figures measure "
              "a failing load", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
