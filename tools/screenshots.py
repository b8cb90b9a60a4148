"""Screenshots of every screen, in English and Japanese, from the real game under Xvfb.

Starts a virtual X server, runs `python main.py play --lang LANG` in it, drives the game
with real keyboard and mouse input through xdotool, and captures the screen with
ImageMagick's `import`. Writes PNGs to docs/screenshots/.

Needs (Debian): xvfb xdotool imagemagick.   Run:  python tools/screenshots.py [--lang en]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
DISPLAY = ":97"
W, H = 1280, 720


class Driver:
    def __init__(self, display: str, out: Path, lang: str) -> None:
        self.env = {**os.environ, "DISPLAY": display}
        self.out = out
        self.lang = lang

    def xdo(self, *args: str) -> str:
        return subprocess.run(["xdotool", *args], env=self.env, capture_output=True,
                              text=True, check=False).stdout.strip()

    def key(self, *keys: str, wait: float = 0.8) -> None:
        for k in keys:
            self.xdo("key", k)
            time.sleep(0.08)
        time.sleep(wait)

    def click(self, x: int, y: int, wait: float = 0.8) -> None:
        self.xdo("mousemove", str(x), str(y))
        time.sleep(0.05)
        self.xdo("click", "1")
        time.sleep(wait)

    def shot(self, name: str) -> Path:
        path = self.out / f"{name}_{self.lang}.png"
        subprocess.run(["import", "-window", "root", str(path)], env=self.env, check=True)
        print(f"  wrote {path.relative_to(ROOT)}")
        return path

    def wait_window(self, game: subprocess.Popen[bytes], timeout: float = 30.0) -> str:
        end = time.time() + timeout
        while time.time() < end:
            if game.poll() is not None:
                raise RuntimeError(f"the game exited with status {game.returncode}")
            wid = self.xdo("search", "--class", "main.py")
            if wid:
                self.xdo("mousemove", str(W // 2), str(H // 2))  # focus follows the pointer
                time.sleep(1.0)
                return wid.splitlines()[0]
            time.sleep(0.2)
        raise RuntimeError("the game window did not appear")


def start_game(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "main.py", *args], cwd=ROOT, env=env)


def tour(d: Driver, saves: Path) -> None:
    """Every screen of the game, in order, as a player would reach it."""
    env = {**d.env, "STOCKHOLM_SAVES": str(saves), "SDL_AUDIODRIVER": "dummy"}
    sample = ROOT / "tests" / "fixtures" / "sample_story"  # small and fixed, so the tour is too
    game = start_game(env, "play", str(sample), "--lang", d.lang, "--seed", "3")
    try:
        wid = d.wait_window(game)
        d.shot("01_title")
        d.key("Return", wait=0.5)
        d.shot("02_chapter_card")
        time.sleep(2.4)
        time.sleep(0.6)
        d.shot("03_passage_typing")
        d.key("Return")
        d.shot("04_passage")
        d.key("Return", "Return", wait=0.5)
        d.shot("05_choices_with_disabled")
        d.key("Tab")
        d.shot("06_dossier")
        d.key("Tab", "1", "Return", "Return", "Return", wait=0.5)
        d.key("h")
        d.shot("07_history")
        d.key("Escape", "Escape")
        d.shot("08_menu")
        d.click(W // 2, 494)  # Settings
        d.shot("09_settings")
        d.key("Escape")
        d.click(W // 2, 551)  # Title screen: asks first
        d.shot("10_confirm")
        d.key("n", "Escape")
        d.key("2", "Return", wait=0.5)  # meet Kollontai: read_cables was once, so it is gone
        d.shot("11_speaker_choices")
        d.key("BackSpace", wait=0.5)
        d.key("Return")  # complete the passage, so the choices show
        d.shot("12_after_back")
        d.key("2", "Return", "1", "Return", wait=0.6)
        d.shot("13_ending")
        d.key("Return", wait=0.5)  # 'Return to title' has the focus
        d.key("Down", "Down", "Down", "Return")  # New game, Continue, Load, Endings
        d.shot("14_endings_gallery")
        d.key("Escape")
        d.xdo("windowsize", wid, "640", "480")
        time.sleep(0.8)
        d.shot("15_resized_letterbox")
        d.xdo("windowsize", wid, "200", "150")
        time.sleep(0.8)
        d.shot("16_resized_tiny")
        game.terminate()  # SDL turns SIGTERM into a quit event: the game closes cleanly
        game.wait(timeout=10)
    finally:
        if game.poll() is None:
            game.kill()


def broken_story(d: Driver, saves: Path) -> None:
    env = {**d.env, "STOCKHOLM_SAVES": str(saves), "SDL_AUDIODRIVER": "dummy"}
    story = ROOT / "tests" / "broken" / "E012_goto_typo" / "story"
    game = start_game(env, "play", str(story), "--lang", d.lang)
    try:
        d.wait_window(game)
        d.shot("17_story_errors")
        d.key("Return")
        game.wait(timeout=10)
    finally:
        if game.poll() is None:
            game.kill()


def debug_overlay(d: Driver, saves: Path) -> None:
    """F3 over a game started late with fixtures: a bool toggled (a text part and a choice
    follow it), then the jump box filtering node ids as they are typed."""
    env = {**d.env, "STOCKHOLM_SAVES": str(saves), "SDL_AUDIODRIVER": "dummy"}
    game = start_game(env, "play", "--lang", d.lang, "--debug", "--start", "ch3a_line",
                      "--set", "soviet_trust=3")
    try:
        d.wait_window(game)
        time.sleep(3.0)  # the chapter card goes by itself
        d.click(400, 400)  # the story has the keys: read on to the choices
        d.key(*["Return"] * 8)
        d.click(950, 186)  # the row of knows_urgency, then toggle it
        d.key("space", "Tab")
        d.xdo("type", "--delay", "100", "line_" if d.lang == "en" else "ch4")
        d.key("Down", "Down")
        d.xdo("mousemove", "1000", "700")
        time.sleep(0.6)
        d.shot("33_debug_overlay" if d.lang == "en" else "34_debug_overlay")
        game.terminate()
        game.wait(timeout=10)
    finally:
        if game.poll() is None:
            game.kill()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", action="append", help="en, ja (default both)")
    args = ap.parse_args()
    for tool in ("Xvfb", "xdotool", "import"):
        if shutil.which(tool) is None:
            print(f"missing {tool}: apt-get install xvfb xdotool imagemagick", file=sys.stderr)
            return 2
    OUT.mkdir(parents=True, exist_ok=True)
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", f"{W}x{H}x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    socket = Path("/tmp/.X11-unix") / f"X{DISPLAY.lstrip(':')}"
    for _ in range(100):
        if socket.exists():
            break
        time.sleep(0.1)
    time.sleep(0.5)
    try:
        for lang in args.lang or ["en", "ja"]:
            print(f"{lang}:")
            with tempfile.TemporaryDirectory() as saves:
                d = Driver(DISPLAY, OUT, lang)
                tour(d, Path(saves))
                broken_story(d, Path(saves))
                debug_overlay(d, Path(saves))
    finally:
        xvfb.terminate()
        xvfb.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
