"""Soak: typing in the real window while another process edits the story's files.

`python -m benchmarks soak` (never part of the test suite, nor of a plain
`python -m benchmarks`). For SOAK_MINUTES (default 30) minutes, under its own Xvfb
display with openbox:

- xdotool types numbered words (`k000123`) into the real Studio window;
- a separate process edits chapter files and story.toml at random (appending an
  `o000045` paragraph or a story.toml comment, or moving a chapter aside and back
  0.3–1 s later, as editors and sync tools do), each write a whole-file replace;
- at random every 20–90 s Studio is killed with `kill -9` and started again (the
  harness answers the recovery dialog with its default, Restore).

At the end every word typed and every paragraph written outside is looked for in
the story's files, the recovery journal and the backups. Reported: keystrokes,
outside writes, kills, divergences (an outside paragraph no longer in the files but
kept in a backup or the journal: the author's choice or a kept copy), and bytes lost
(typed or outside words found nowhere; the goal is 0), and how many of those bytes
were typed in the last 6 s before a kill (the journal is written every 5 s while
typing never pauses, so those may have been in flight). SOAK_SEED makes a run
repeatable. The run's folder is kept under benchmarks/.data/soak/ for a look.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from multiprocessing.synchronize import Event
from pathlib import Path

from benchmarks.common import Row, require_tool
from studio.resources import sample_project
from studio.storage import atomic_write_text

TYPED = re.compile(r"k\d{6}")
OUTSIDE = re.compile(r"o\d{6}")
IN_FLIGHT_S = 6.0  # the journal is written every 5 s while typing never pauses (controller)


def run(workdir: Path) -> list[Row]:
    minutes = float(os.environ.get("SOAK_MINUTES", "30"))
    seed = int(os.environ.get("SOAK_SEED", str(int(time.time()))))
    rng = random.Random(seed)
    folder = workdir / "soak"
    shutil.rmtree(folder, ignore_errors=True)
    story = folder / "story"
    shutil.copytree(sample_project(), story, ignore=shutil.ignore_patterns(".studio"))
    log = folder / "outside.log"
    stop = multiprocessing.Event()
    writer = multiprocessing.Process(target=outside_writer, args=(story, log, stop, seed))
    typed: list[str] = []
    typed_at: list[float] = []
    kill_times: list[float] = []
    kills = 0
    with display() as env:
        writer.start()
        studio = launch(story, env, folder)
        deadline = time.monotonic() + minutes * 60
        next_kill = time.monotonic() + rng.uniform(20, 90)
        try:
            while time.monotonic() < deadline:
                word = f"k{len(typed):06d}"
                xdotool(env, "type", "--delay", "15", f"{word} ")
                typed.append(word)
                typed_at.append(time.monotonic())
                time.sleep(rng.uniform(0.05, 0.4))
                if time.monotonic() >= next_kill:
                    studio.send_signal(signal.SIGKILL)
                    studio.wait()
                    kills += 1
                    kill_times.append(time.monotonic())
                    studio = launch(story, env, folder)
                    next_kill = time.monotonic() + rng.uniform(20, 90)
        finally:
            stop.set()
            writer.join(10)
            xdotool(env, "key", "ctrl+s")
            time.sleep(2)
            studio.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                studio.wait(20)
            if studio.poll() is None:
                studio.kill()
    outside = OUTSIDE.findall(log.read_text(encoding="utf-8")) if log.exists() else []
    in_files, kept = _found(story)
    lost_typed = [w for w in typed if w not in in_files and w not in kept]
    lost_outside = [w for w in outside if w not in in_files and w not in kept]
    diverged = [w for w in outside if w not in in_files and w in kept]
    lost_bytes = sum(len(w) + 1 for w in lost_typed) + sum(len(w) for w in lost_outside)
    at = dict(zip(typed, typed_at, strict=True))
    just_before_kill = [
        w for w in lost_typed if any(0 <= k - at[w] <= IN_FLIGHT_S for k in kill_times)
    ]
    print(
        f"soak: seed {seed}, {minutes:g} min, {kills} kills; lost typed: {lost_typed[:20]},"
        f" lost outside: {lost_outside[:20]}; folder {folder}",
        file=sys.stderr,
    )
    keystrokes = sum(len(w) + 1 for w in typed)
    return [
        Row("soak", "keystrokes typed", keystrokes, unit="keys"),
        Row("soak", "outside writes", len(outside), unit="writes"),
        Row("soak", "kill -9 of Studio", kills, unit="kills"),
        Row("soak", "divergences kept in a backup or the journal", len(diverged), unit="words"),
        Row("soak", "bytes lost", lost_bytes, unit="bytes", target="0", met=lost_bytes == 0),
        Row(
            "soak",
            f"of which typed in the {IN_FLIGHT_S:g} s before a kill -9",
            sum(len(w) + 1 for w in just_before_kill),
            unit="bytes",
        ),
    ]


def outside_writer(story: Path, log: Path, stop: Event, seed: int) -> None:
    """Another program at work on the story: edits, and moves aside and back."""
    rng = random.Random(seed + 1)
    count = 0
    with open(log, "a", encoding="utf-8") as out:
        while not stop.wait(rng.uniform(0.5, 4.0)):
            chapters = sorted((story / "chapters").glob("*.md"))
            if not chapters:
                continue
            target = rng.choice(chapters)
            marker = f"o{count:06d}"
            count += 1
            try:
                text = target.read_text(encoding="utf-8")
                if rng.random() < 0.2:  # moved aside, then written back: a gap
                    aside = target.with_name(f".{target.name}.aside")
                    os.replace(target, aside)
                    time.sleep(rng.uniform(0.3, 1.0))
                    os.replace(aside, target)
                    out.write(f"gap {target.name}\n")
                    continue
                if rng.random() < 0.15:
                    toml = story / "story.toml"
                    body = toml.read_text(encoding="utf-8")
                    body = f"{body.rstrip()}\n# outside edit {marker}\n"  # kept by tomlkit
                    atomic_write_text(toml, body)
                    out.write(f"toml {marker}\n")
                    continue
                atomic_write_text(target, f"{text.rstrip()}\n\nOutside edit {marker}.\n")
                out.write(f"edit {target.name} {marker}\n")
            except OSError as exc:
                out.write(f"skipped ({exc})\n")
            out.flush()


def _found(story: Path) -> tuple[str, str]:
    """The story's text now, and everything Studio kept aside (journal, backups)."""
    files = [story / "story.toml", *sorted((story / "chapters").rglob("*"))]
    now = "\n".join(p.read_text("utf-8", "replace") for p in files if p.is_file())
    kept: list[str] = []
    state = story / ".studio"
    for path in sorted(state.rglob("*")) if state.is_dir() else []:
        if path.suffix == ".zip":
            with contextlib.suppress(zipfile.BadZipFile, OSError), zipfile.ZipFile(path) as z:
                kept += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
        elif path.is_file():
            kept.append(path.read_text("utf-8", "replace"))
    return now, "\n".join(kept)


@contextlib.contextmanager
def display() -> Iterator[dict[str, str]]:
    """A private Xvfb display with openbox, so focus and typing work as on a desktop."""
    xvfb = require_tool("Xvfb", "apt-get install xvfb")
    openbox = require_tool("openbox", "apt-get install openbox")
    require_tool("xdotool", "apt-get install xdotool")
    number = 90 + os.getpid() % 100
    env = {**os.environ, "DISPLAY": f":{number}"}
    env.pop("QT_QPA_PLATFORM", None)
    server = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"]
    )
    time.sleep(1.5)
    manager = subprocess.Popen([openbox], env=env, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    try:
        yield env
    finally:
        manager.terminate()
        server.terminate()
        manager.wait(10)
        server.wait(10)


def launch(story: Path, env: dict[str, str], folder: Path) -> subprocess.Popen[bytes]:
    """Start Studio on the story, wait for its window, answer the recovery dialog, and
    put the cursor at the end of the first chapter."""
    errors = open(folder / "studio.stderr", "ab")  # noqa: SIM115 - lives as long as Studio
    child = subprocess.Popen([sys.executable, "-m", "studio", str(story)], env=env, stderr=errors)
    window = ""
    for _ in range(100):
        result = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--pid", str(child.pid)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        ids = result.stdout.split()
        if ids:
            window = ids[0]
            break
        time.sleep(0.2)
    time.sleep(1.5)
    if window:
        xdotool(env, "windowactivate", "--sync", window)
        names = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", "Restore|Recover|unsaved"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        if names:
            xdotool(env, "key", "Return")  # the default: restore the journaled text
            time.sleep(1.0)
        geometry = subprocess.run(
            ["xdotool", "getwindowgeometry", "--shell", window],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        size = dict(line.split("=", 1) for line in geometry.split() if "=" in line)
        x, y = int(size.get("WIDTH", "800")) * 2 // 3, int(size.get("HEIGHT", "600")) // 2
        xdotool(env, "mousemove", "--window", window, str(x), str(y), "click", "1")
        xdotool(env, "key", "ctrl+End")
    return child


def xdotool(env: dict[str, str], *args: str) -> None:
    subprocess.run(["xdotool", *args], env=env, capture_output=True, check=False, timeout=60)
