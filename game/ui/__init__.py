"""The pygame front end: the only package that imports pygame.

pygame is imported here, before any of the package's modules, and leanly. Its
`__init__` imports `pkg_resources` (which `pygame.pkgdata` uses to find pygame's own
data files, falling back to the package folder without it) and numpy (for `surfarray`
and `sndarray`). The game uses neither, and on this project's machine the two cost
90–130 ms of every start: more than half of a bare `import pygame`, and the first
thing a player waits for. They are kept out while pygame loads, and only then: a later
`import numpy` works as usual. See docs/performance.md.
"""

import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

NOT_FOR_PYGAME = ("pkg_resources", "numpy")


def _import_pygame_lean() -> None:
    if "pygame" in sys.modules:
        return
    held = [name for name in NOT_FOR_PYGAME if name not in sys.modules]
    for name in held:
        sys.modules[name] = None  # type: ignore[assignment]  # `import name` fails at once
    try:
        import pygame  # noqa: F401
    finally:
        for name in held:
            if sys.modules.get(name) is None:
                del sys.modules[name]


_import_pygame_lean()
