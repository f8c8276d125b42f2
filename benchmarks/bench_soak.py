"""Soak: typing in the real window while another process edits the story's files.

`python -m benchmarks soak` (never part of the test suite, nor of a plain
`python -m benchmarks`). For SOAK_MINUTES (default 30) minutes, under its own Xvfb
display (SOAK_DISPLAY, else a free one from :90) with openbox:

- xdotool types numbered words (`k000123`) into the real Studio window, as an author
  does: a word every 0.05–0.4 s, now and then a pause of 2–4 s (autosave's turn);
- a separate process edits chapter files and story.toml at random (appending an
  `o000045` paragraph or a story.toml comment, moving a chapter aside and back
  0.3–1 s later as editors and sync tools do, renaming one, or deleting one and
  restoring it 4–8 s later, past Studio's grace period), each write a whole-file
  replace, made only if the file still holds what it read (as a careful editor
  checks), so the other program never blindly overwrites what Studio just saved;
  renames and deletes happen only while Studio runs (a chapter renamed while Studio
  is closed makes the story fail to open: story.toml names a missing file), and the
  soak stops and says so if the story does not open again after a kill;
- at random every 20–90 s Studio is killed with `kill -9` and started again (the
  harness answers the recovery dialog with its default, Restore).

Studio runs as `benchmarks.soak_studio`, the real application with its
`studio.safety` log kept (outside changes reloaded, conflicts raised, text restored),
and its own config and state folders under the run's folder.

At the end every word typed and every paragraph written outside is looked for in
the story's files, in the recovery journal (the entries the next Studio would offer
back) and in the backups. Reported: keystrokes, outside writes, conflicts raised,
reloads, kills, restores from the journal, divergences (an outside paragraph no
longer in the files but kept in a backup or the journal: the author's choice or a
kept copy), and bytes lost: what could have been saved, found nowhere (the goal is
0). A word typed in the last IN_FLIGHT_S before a kill -9 could not be (the journal
follows typing within a second: controller.JOURNAL_MAX_WAIT_MS); those are counted
apart, and how many of them were lost. SOAK_SEED makes a run repeatable. The run's
folder is kept under benchmarks/.data/soak/ for a look.
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
from multiprocessing.synchronize import Lock as LockType
from pathlib import Path

from benchmarks.common import Row, require_tool
from studio.resources import sample_project
from studio.safety import Journal
from studio.safety.journal import fallback_dir
from studio.story import Project

TYPED = re.compile(r"k\d{6}")
OUTSIDE = re.compile(r"o\d{6}")
IN_FLIGHT_S = 1.5  # typed this close to a kill -9: not yet journaled, may be lost
PAUSE_CHANCE = 0.06  # after a word, the author stops to think for PAUSE_S
PAUSE_S = (2.0, 4.0)
SETTLE_S = 2.5  # after a rename or a restore, before a kill may come (Studio sees it)
REPO = Path(__file__).resolve().parent.parent


def run(workdir: Path) -> list[Row]:
    minutes = float(os.environ.get("SOAK_MINUTES", "30"))
    seed = int(os.environ.get("SOAK_SEED", str(int(time.time()))))
    rng = random.Random(seed)
    folder = workdir / "soak"
    shutil.rmtree(folder, ignore_errors=True)
    story = folder / "story"
    shutil.copytree(sample_project(), story, ignore=shutil.ignore_patterns(".studio"))
    log = folder / "outside.log"
    safety_log = folder / "safety.log"
    stop = multiprocessing.Event()
    structural = multiprocessing.Lock()  # held by a rename or delete, and by a relaunch
    writer = multiprocessing.Process(
        target=outside_writer, args=(story, log, stop, seed, structural)
    )
    title = Project.load(story).work.title
    not_opened = ""
    typed: list[str] = []
    typed_at: list[float] = []
    kill_times: list[float] = []
    kills = 0
    with display(folder) as env:
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
                pause = rng.uniform(*PAUSE_S) if rng.random() < PAUSE_CHANCE else 0.0
                time.sleep(pause or rng.uniform(0.05, 0.4))
                if time.monotonic() >= next_kill:
                    with structural:  # no rename or delete half-done while Studio is down
                        studio.send_signal(signal.SIGKILL)
                        studio.wait()
                        kills += 1
                        kill_times.append(time.monotonic())
                        studio = launch(story, env, folder)
                    next_kill = time.monotonic() + rng.uniform(20, 90)
                    shown = window_title(env, studio.pid)
                    if title not in shown:  # the start page: typing would go nowhere
                        not_opened = f"after kill {kills} the window showed {shown!r}"
                        break
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
    in_files, kept = _found(story, env_state(folder))
    at = dict(zip(typed, typed_at, strict=True))
    in_flight = {w for w in typed if any(0 <= k - at[w] <= IN_FLIGHT_S for k in kill_times)}
    missing = [w for w in typed if w not in in_files and w not in kept]
    lost_typed = [w for w in missing if w not in in_flight]
    lost_in_flight = [w for w in missing if w in in_flight]
    lost_outside = [w for w in outside if w not in in_files and w not in kept]
    diverged = [w for w in outside if w not in in_files and w in kept]
    lost_bytes = sum(len(w) + 1 for w in lost_typed) + sum(len(w) for w in lost_outside)
    events = safety_log.read_text(encoding="utf-8") if safety_log.exists() else ""
    if not_opened:
        print(f"soak: the story did not open again: {not_opened}", file=sys.stderr)
    print(
        f"soak: seed {seed}, {minutes:g} min, {kills} kills; lost typed: {lost_typed[:20]},"
        f" lost outside: {lost_outside[:20]}, lost in flight: {lost_in_flight[:20]};"
        f" folder {folder}",
        file=sys.stderr,
    )
    keystrokes = sum(len(w) + 1 for w in typed)
    return [
        Row("soak", "keystrokes typed", keystrokes, unit="keys"),
        Row("soak", "outside writes", len(outside), unit="writes"),
        Row("soak", "conflicts raised", events.count(" conflict "), unit="conflicts"),
        Row("soak", "outside changes reloaded", events.count(" reloaded "), unit="reloads"),
        Row("soak", "kill -9 of Studio", kills, unit="kills"),
        Row(
            "soak",
            "the story failed to open again after a kill",
            1 if not_opened else 0,
            unit="times",
            target="0",
            met=not not_opened,
        ),
        Row("soak", "texts restored from the journal", events.count(" restored "), unit="texts"),
        Row("soak", "divergences kept in a backup or the journal", len(diverged), unit="words"),
        Row("soak", "bytes lost", lost_bytes, unit="bytes", target="0", met=lost_bytes == 0),
        Row(
            "soak",
            f"typed in the {IN_FLIGHT_S:g} s before a kill -9 (not counted)",
            sum(len(w) + 1 for w in in_flight),
            unit="bytes",
        ),
        Row(
            "soak",
            "  of which lost",
            sum(len(w) + 1 for w in lost_in_flight),
            unit="bytes",
        ),
    ]


def outside_writer(story: Path, log: Path, stop: Event, seed: int, structural: LockType) -> None:
    """Another program at work on the story: edits, moves aside and back, renames,
    deletes and restores (never over a file that is there again: a trash keeps both)."""
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
                roll = rng.random()
                if roll < 0.08:  # renamed, as a file manager does (while Studio runs)
                    with structural:
                        if not target.exists():
                            continue
                        stem = re.sub(r"-r\d{6}$", "", target.stem)
                        renamed = target.with_name(f"{stem}-r{count:06d}.md")
                        os.replace(target, renamed)
                        time.sleep(SETTLE_S)  # Studio has seen it before any kill
                    out.write(f"rename {target.name} {renamed.name}\n")
                    continue
                if roll < 0.14:  # deleted, and restored from the trash seconds later
                    with structural:
                        if not target.exists():
                            continue
                        trash = story.parent / "outside-trash"
                        trash.mkdir(exist_ok=True)
                        os.replace(target, trash / target.name)
                        time.sleep(rng.uniform(4.0, 8.0))  # past Studio's grace period
                        back = target
                        if back.exists():  # Studio wrote it again meanwhile: keep both
                            back = target.with_name(f"{target.stem}-restored{count:06d}.md")
                        os.replace(trash / target.name, back)
                        time.sleep(SETTLE_S)
                    out.write(f"deleted and restored {target.name} as {back.name}\n")
                    continue
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
                    edited = f"{body.rstrip()}\n# outside edit {marker}\n"  # kept by tomlkit
                    if careful_write(toml, body, edited):
                        out.write(f"toml {marker}\n")
                    continue
                if careful_write(target, text, f"{text.rstrip()}\n\nOutside edit {marker}.\n"):
                    out.write(f"edit {target.name} {marker}\n")
            except OSError as exc:
                out.write(f"skipped ({exc})\n")
            out.flush()


def careful_write(path: Path, read: str, text: str) -> bool:
    """Replace `path` with `text`, as a careful editor does: only if it still holds what
    was `read` (vim's "file changed since reading it"), checked just before the
    rename. False (nothing written) when another program, Studio, wrote it meanwhile:
    a blind overwrite would be the other program losing Studio's text, not Studio."""
    tmp = path.with_name(f".{path.name}.outside~")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    if path.read_text(encoding="utf-8") != read:
        tmp.unlink()
        return False
    os.replace(tmp, path)
    return True


def _found(story: Path, state: Path) -> tuple[str, str]:
    """The story's text now, and what Studio kept aside: the journal's entries (what
    the next Studio would offer back, the user-state fallback included) and the
    backups."""
    files = [story / "story.toml", *sorted((story / "chapters").rglob("*"))]
    now = "\n".join(p.read_text("utf-8", "replace") for p in files if p.is_file())
    with _state_home(state):
        journal = Journal(story, fallback=fallback_dir(story))
        kept = [entry.text for entry in journal.entries()]
    backups = story / ".studio" / "backups"
    for path in sorted(backups.glob("*.zip")) if backups.is_dir() else []:
        with contextlib.suppress(zipfile.BadZipFile, OSError), zipfile.ZipFile(path) as z:
            kept += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
    return now, "\n".join(kept)


@contextlib.contextmanager
def _state_home(state: Path) -> Iterator[None]:
    """XDG_STATE_HOME as Studio had it, so fallback_dir names the folder it used."""
    old = os.environ.get("XDG_STATE_HOME")
    os.environ["XDG_STATE_HOME"] = str(state)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("XDG_STATE_HOME", None)
        else:
            os.environ["XDG_STATE_HOME"] = old


def env_state(folder: Path) -> Path:
    return folder / "xdg" / "state"


@contextlib.contextmanager
def display(folder: Path) -> Iterator[dict[str, str]]:
    """A private Xvfb display with openbox, so focus and typing work as on a desktop;
    Studio's config, data and state folders under the run's `folder`."""
    xvfb = require_tool("Xvfb", "apt-get install xvfb")
    openbox = require_tool("openbox", "apt-get install openbox")
    require_tool("xdotool", "apt-get install xdotool")
    number = int(os.environ.get("SOAK_DISPLAY", "0")) or 90 + os.getpid() % 100
    while Path(f"/tmp/.X{number}-lock").exists():  # another display's: take the next
        number += 1
    env = {
        **os.environ,
        "DISPLAY": f":{number}",
        "XDG_CONFIG_HOME": str(folder / "xdg" / "config"),
        "XDG_DATA_HOME": str(folder / "xdg" / "data"),
        "XDG_STATE_HOME": str(env_state(folder)),
    }
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
    command = [
        sys.executable,
        "-m",
        "benchmarks.soak_studio",
        str(story),
        str(folder / "safety.log"),
    ]
    child = subprocess.Popen(command, env=env, stderr=errors, cwd=REPO)
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


def window_title(env: dict[str, str], pid: int) -> str:
    """The title of Studio's window (the story's title once a story is open)."""
    ids = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    names = [
        subprocess.run(
            ["xdotool", "getwindowname", i], env=env, capture_output=True, text=True, check=False
        ).stdout.strip()
        for i in ids
    ]
    return " | ".join(names)


def xdotool(env: dict[str, str], *args: str) -> None:
    subprocess.run(["xdotool", *args], env=env, capture_output=True, check=False, timeout=60)
