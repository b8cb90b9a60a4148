"""The Stockholm Channel: start the game, or run a story tool (see `python main.py --help`)."""

import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main())
