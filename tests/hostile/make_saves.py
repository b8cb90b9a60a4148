"""Writes the hostile save files in tests/hostile/saves/ (run from the project root:
`python tests/hostile/make_saves.py`). Reproducible: the same files every run.

Each file starts from a real save of the shipped story (three decisions in) and carries
one attack. Where the attack sits behind the checksum, the checksum is recomputed: a
checksum is no defence against someone who writes the file on purpose, so every deeper
check must hold by itself. `expect.yaml` says what the reader must answer for each.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from game.engine.play import choose, offered, settle, start  # noqa: E402
from game.persist.save_format import Meta, checksum, to_document  # noqa: E402
from game.persist.snapshot import make_save  # noqa: E402
from game.story import load_story  # noqa: E402

OUT = Path(__file__).resolve().parent / "saves"


def base_document() -> dict[str, Any]:
    story = load_story(ROOT / "story").story
    assert story is not None
    state = settle(story, start(story, seed=7))
    for _ in range(3):
        first = [o for o in offered(story, state) if o.enabled][0]
        state = settle(story, choose(story, state, first.id))
    doc = to_document(make_save(story, state, Meta(saved_at="1942-04-16T12:00:00Z")))
    doc["story"]["path"] = "story"
    return doc


def sealed(doc: dict[str, Any]) -> bytes:
    doc["checksum"] = checksum(doc)
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def resealed(data: bytes) -> bytes:
    """A file edited as text, with the checksum its reader will compute (Python's JSON
    reader turns 1e999 into infinity, and the checksum is taken over that)."""
    doc = json.loads(data)
    old = doc["checksum"].encode()
    return data.replace(old, checksum(doc).encode())


def cases(base: dict[str, Any]) -> dict[str, bytes]:
    def edit(**changes: Any) -> dict[str, Any]:
        doc = json.loads(json.dumps(base))
        for path, value in changes.items():
            *keys, last = path.split("__")
            target = doc
            for k in keys:
                target = target[k]
            target[last] = value
        return doc

    good = sealed(edit())
    out: dict[str, bytes] = {}
    out["pickle_payload"] = (b"\x80\x04\x95\x1f\x00\x00\x00\x00\x00\x00\x00\x8c\x05posix"
                             b"\x94\x8c\x06system\x94\x93\x94\x8c\x02id\x94\x85\x94R\x94.")
    out["yaml_python_tag"] = b'!!python/object/apply:os.system ["touch MARKER"]\n'
    out["huge_integer"] = good.replace(b'"seed": 7', b'"seed": ' + b"9" * 5000)
    out["huge_float_nan"] = good.replace(b'"seed": 7', b'"seed": NaN')
    out["huge_float_infinity"] = resealed(good.replace(b'"seed": 7', b'"seed": 1e999'))
    out["deep_nesting"] = good.replace(b'"seed": 7', b'"seed": ' + b"[" * 100_000 + b"]" * 100_000)
    out["seed_out_of_range"] = sealed(edit(seed=2**80))
    out["bool_for_int"] = sealed(edit(seed=True))
    out["variable_huge_int"] = sealed(edit(state__vars={"soviet_trust": 10**300}))
    out["variable_object"] = sealed(edit(state__vars={"soviet_trust": {"__class__": "os.system"}}))
    out["thumbnail_traversal"] = sealed(edit(thumbnail={"file": "../../../etc/passwd.png",
                                                        "sha256": "0" * 64}))
    out["thumbnail_absolute"] = sealed(edit(thumbnail={"file": "/etc/passwd.png",
                                                       "sha256": "0" * 64}))
    out["story_id_traversal"] = sealed(edit(story__id="../../etc"))
    out["node_id_traversal"] = sealed(edit(state__node="../../etc/passwd"))
    out["long_log"] = sealed(edit(log=[{"node": "ch1_start", "choice": "go"}] * 25_000))
    out["long_text"] = sealed(edit(meta__excerpt="x" * 50_000))
    out["lone_surrogate"] = good.replace(b'"seed": 7', b'"seed": 7, "x": "\\ud800"')
    out["utf16"] = good.decode("utf-8").encode("utf-16")
    out["future_version"] = sealed(edit(version=99))
    out["not_an_object"] = b"[1, 2, 3]\n"
    out["unknown_key"] = sealed(edit(prototype={"polluted": True}))
    return out


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.json"):
        old.unlink()
    for name, data in sorted(cases(base_document()).items()):
        (OUT / f"{name}.json").write_bytes(data)
    print(f"wrote {len(list(OUT.glob('*.json')))} files to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
