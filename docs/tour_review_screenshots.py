"""The review screenshots, taken in the real app driven from outside with xdotool.

Studio runs as a writer runs it (`python -m studio STORY`) on a copy of the sample
story, under Xvfb with openbox at 1280×800; every step is a key or a click sent by
xdotool, every picture `import -window root` (the whole screen, so popups and menus
are in it). One run per theme:

    Xvfb :72 -screen 0 1280x800x24 & DISPLAY=:72 openbox &
    DISPLAY=:72 .venv/bin/python docs/tour_review_screenshots.py light dark

The pictures go to docs/screenshots/review-{thread,suggest,panel}-{theme}.png, reduced
to 256 colours (a few hundred KB each otherwise).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "docs" / "screenshots"
WIDTH, HEIGHT = 1280, 800
DOCK_CLOSE = (1270, 53)  # the Review panel's close button, on the maximised window


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def key(*keys: str) -> None:
    run("xdotool", "key", "--delay", "40", *keys)
    time.sleep(0.25)


def type_text(text: str) -> None:
    run("xdotool", "type", "--delay", "25", text)
    time.sleep(0.25)


def click(x: int, y: int, button: int = 1) -> None:
    run("xdotool", "mousemove", str(x), str(y), "click", str(button))
    time.sleep(0.35)


def hover(x: int, y: int) -> None:
    run("xdotool", "mousemove", str(x), str(y))
    time.sleep(0.3)


def shot(name: str) -> Path:
    time.sleep(0.6)
    raw = Path(tempfile.mkdtemp()) / "shot.png"
    run("import", "-window", "root", str(raw))
    target = SHOTS / f"{name}.png"
    run("convert", str(raw), "-colors", "256", f"PNG8:{target}")
    print(target, target.stat().st_size // 1024, "KB")
    return target


def find(words: str) -> None:
    """Select `words` in the chapter with the find bar (Ctrl+F), back in the text."""
    key("ctrl+f")
    key("ctrl+a")
    type_text(words)
    key("Return")
    key("Escape")
    debug(f"found {words.strip()}")


def comment(text: str) -> None:
    """Ctrl+Alt+M on the selected words, the text typed into the comment box, posted."""
    key("ctrl+alt+m")
    time.sleep(1.0)  # the box opens
    type_text(text)
    key("ctrl+Return")
    time.sleep(0.5)
    debug("commented")


def debug(name: str) -> None:
    """With STUDIO_TOUR_DEBUG set, the screen after each step (to see where a tour went
    wrong)."""
    folder = os.environ.get("STUDIO_TOUR_DEBUG")
    if folder:
        run("import", "-window", "root", str(Path(folder) / f"{time.monotonic():.1f}-{name}.png"))


def set_name(config: Path, name: str) -> None:
    """The name this Studio writes on comments (each writer's own Studio has hers)."""
    (config / "studio" / "reviewer.toml").write_text(f'name = "{name}"\n', encoding="utf-8")


def start(theme: str, scratch: Path) -> tuple[subprocess.Popen[bytes], Path]:
    story = scratch / "salt-and-static"
    shutil.copytree(ROOT / "projects" / "salt-and-static", story)
    shutil.rmtree(story / ".studio", ignore_errors=True)
    config = scratch / "config"
    (config / "studio").mkdir(parents=True)
    (config / "studio" / "window.ini").write_text(f"[prefs]\ntheme={theme}\n", encoding="utf-8")
    set_name(config, "Ada Beta")
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(config),
        "XDG_DATA_HOME": str(scratch / "data"),
        "XDG_STATE_HOME": str(scratch / "state"),
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "studio", str(story)], cwd=ROOT, env=env, stderr=subprocess.DEVNULL
    )
    window = ""
    for _ in range(100):
        time.sleep(0.2)
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", "Salt and Static"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        if found:
            window = found[0]
            break
    if not window:
        app.kill()
        raise SystemExit("the Studio window did not appear")
    time.sleep(1.5)
    run("xdotool", "windowactivate", "--sync", window)
    # the window fills the screen (openbox's title bar above it, off the screen)
    run("xdotool", "windowmove", window, "0", "0")
    run("xdotool", "windowsize", window, str(WIDTH), str(HEIGHT))
    time.sleep(1.0)
    return app, config


def tour(theme: str) -> None:  # noqa: PLR0915 (a tour, in order)
    scratch = Path(tempfile.mkdtemp(prefix=f"studio-review-tour-{theme}-"))
    app, config = start(theme, scratch)
    try:
        click(600, 420)  # into the chapter's text
        key("ctrl+Home")
        # two comments, typed into the comment box (Ctrl+Alt+M, Ctrl+Enter posts)
        find("ninety years")
        comment('Too long? Could be "a century".')
        click(600, 420)
        find("small grey boxes")
        comment("Love this image.")
        # the author replies in the Review panel, in her own Studio
        set_name(config, "quillfeather")
        key("ctrl+alt+r")
        key("Home", "Down")  # the first comment
        click(1145, 688)  # the reply box
        type_text("It's a lighthouse, they last. Keeping it.")
        key("Return")
        set_name(config, "Ada Beta")
        # Suggest mode (Ctrl+Alt+E): a replacement, a deletion, an insertion, another
        click(600, 420)
        key("ctrl+alt+e")
        find("her self")
        type_text("herself")
        find("Still, ")
        key("Right")
        key(*["BackSpace"] * len("Still, "))
        find("the radio")
        key("Left", *["Right"] * len("the "))
        type_text("old ")
        find("fell asleep")
        type_text("slept")
        # the author accepts one ("herself", the last in the list); the rest stay pending
        key("ctrl+alt+r")
        key("End")
        click(1057, 750)  # Accept
        click(DOCK_CLOSE[0], DOCK_CLOSE[1])  # the panel closed: the page alone
        # 1. the thread at its words: a click on the comment's bubble in the margin
        click(600, 420)
        key("ctrl+Home")
        bubble = first_bubble()
        click(*bubble)
        shot(f"review-thread-{theme}")
        key("Escape")
        # 2. Suggest mode's marks, the menu on a pending change, the list with the
        # accepted one beside it
        key("ctrl+alt+r")
        shot_menu(theme)
        # 3. the Review panel on the first comment
        click(600, 420)
        key("ctrl+Home")
        key("ctrl+alt+r")
        key("Home", "Down")
        shot(f"review-panel-{theme}")
    finally:
        app.terminate()
        try:
            app.wait(15)
        except subprocess.TimeoutExpired:
            app.kill()
        shutil.rmtree(scratch, ignore_errors=True)


def shot_menu(theme: str) -> None:
    """Right-click on the struck-through "Still," (found on screen by the find bar's
    selection of it, then the selection let go: the menu is for the change under the
    mouse, and leaves the replacement before it in sight)."""
    click(600, 420)
    find("Still")
    x, y = where(lambda r, g, b: b - r > 70 and b > 140)  # the selection's blue
    key("Left")
    hover(x, y)
    click(x, y, button=3)
    shot(f"review-suggest-{theme}")
    key("Escape")


def first_bubble() -> tuple[int, int]:
    """The first comment bubble in the right margin (the comment tint's orange)."""
    return where(lambda r, g, b: r > 200 and 120 < g < 200 and b < 80, left=860, width=80)


def where(
    colour: Callable[[int, int, int], bool], left: int = 220, width: int = 700
) -> tuple[int, int]:
    """The first pixel on screen (in a band of the page) of a colour: top to bottom."""
    raw = Path(tempfile.mkdtemp()) / "find.png"
    run("import", "-window", "root", str(raw))
    txt = run("convert", str(raw), "-crop", f"{width}x700+{left}+50", "txt:-")
    for line in txt.splitlines()[1:]:
        at, _, rest = line.partition(":")
        rgb = rest.split("(", 1)[1].split(")", 1)[0].split(",")[:3]
        r, g, b = (int(float(v)) for v in rgb)
        if colour(r, g, b):
            x, y = (int(v) for v in at.split(","))
            return left + x + 6, 50 + y + 6
    raise SystemExit("not found on screen")


if __name__ == "__main__":
    for name in sys.argv[1:] or ["light", "dark"]:
        tour(name)
