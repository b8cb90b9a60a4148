"""Helper for test_atomic_kill.py: writes saves in a loop until it is killed.

    python tests/persist/kill_writer.py SAVES_DIR DATA_DIR

DATA_DIR holds a.json, b.json (two encoded saves) and a.png, b.png. The script imports
the game once, prints "ready", then for every "go" line on stdin forks a writer (a fresh
process, so the interpreter start-up is not paid 200 times), prints "writing PID" from
the writer and waits for it. The writer loops forever: the manual slot slot-01 gets A,
then B, then A..., each with its own thumbnail, and every round also autosaves. The
test kills the writer with SIGKILL; this script then prints "dead STATUS". A writer
that stops by itself prints its error on stderr and exits with status 3.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.persist.save_folder import SaveFolder  # noqa: E402
from game.persist.save_format import SaveGame, decode  # noqa: E402

SLOT = "slot-01"


def write_forever(folder: SaveFolder, saves: list[tuple[SaveGame, bytes]]) -> None:
    i = os.getpid() % 2  # start with A in some writers, with B in others
    while True:
        save, png = saves[i % 2]
        folder.write(SLOT, save, png)
        folder.autosave(save, png)
        i += 1


def main() -> int:
    folder = SaveFolder(Path(sys.argv[1]))
    data = Path(sys.argv[2])
    saves = [(decode((data / f"{x}.json").read_bytes()), (data / f"{x}.png").read_bytes())
             for x in ("a", "b")]
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() != "go":
            continue
        pid = os.fork()
        if pid == 0:
            try:
                print(f"writing {os.getpid()}", flush=True)
                write_forever(folder, saves)
            except BaseException:
                traceback.print_exc()
                sys.stderr.flush()
            os._exit(3)
        _, status = os.waitpid(pid, 0)
        print(f"dead {status}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
