"""Safety costs on a big story: backup, compare, and how fast an outside edit shows.

- backup: Studio's zip snapshot of a 1,000,000-word, 200-chapter story against
  `zip -r -q` on the same files (Info-ZIP, C). It runs in the background on open.
- compare: the side-by-side rows of a 50,000-word chapter with one paragraph in ten
  rewritten against GNU `diff` on the two files (which only finds lines; Studio also
  marks the changed words).
- outside edit: a chapter rewritten by another program until Studio's watcher reports
  it (quiet period and content comparison included), against the first raw watchdog
  event for the same write. The issue's goal is within a second.
- journal: what following the typing costs the GUI thread, in the real window on a
  50,000-word chapter (journal_probe.py): the hand-over of the text to the journal's
  thread (once a second while typing goes on, 300 ms after it pauses), against a
  keystroke's own handling; the keystroke's 95th percentile at 10 keys a second with
  the journal's timers firing between keys, and the longest the GUI thread was busy
  between two keys, each against the same typing with the journal off. Typing never
  waits for the disk.
"""

from __future__ import annotations

import json
import queue
import shutil
import statistics
import sys
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from benchmarks.common import Row, alternating, generated_project, require_tool, run_command
from studio.safety import ProjectWatcher, create_backup
from studio.safety.diff import side_by_side

WORDS, CHAPTERS = 1_000_000, 200


def run(workdir: Path) -> list[Row]:
    project = generated_project(WORDS, CHAPTERS)
    return [
        _backup(project, workdir),
        _compare(project, workdir),
        _outside_edit(project, workdir),
        *_journal(project, workdir),
    ]


def _journal(project: Path, workdir: Path) -> list[Row]:
    story = workdir / "journal-story"
    if story.exists():
        shutil.rmtree(story)
    shutil.copytree(project, story, ignore=shutil.ignore_patterns(".studio"))
    chapters = sorted((story / "chapters").glob("*.md"))
    first = chapters[0]  # ten chapters in one: about 50,000 words
    first.write_text("".join(p.read_text(encoding="utf-8") for p in chapters[:10]), "utf-8")
    probe = Path(__file__).resolve().parent / "journal_probe.py"
    done = run_command([sys.executable, probe, story, workdir / "journal-config", "300"])
    if done.returncode != 0:
        raise SystemExit(f"journal probe failed: {done.stderr.decode(errors='replace')}")
    result = json.loads(done.stdout.decode().strip().splitlines()[-1])
    words = f"{result['chapter_words']:,}-word chapter"
    return [
        Row(
            "safety",
            f"journal hand-over on the GUI thread, {words}",
            result["handover_ms"],
            result["key_p50_ms"],
            "one keystroke",
            unit="ms",
            target="≤ 8 ms (half a frame)",
            met=result["handover_ms"] <= 8.0,
        ),
        Row(
            "safety",
            f"keystroke p95 at 10 keys/s, journal following ({result['journal_writes']} writes)",
            result["key_p95_ms"],
            result["key_p95_off_ms"],
            "journal off",
            unit="ms",
        ),
        Row(
            "safety",
            "longest GUI stall between keystrokes, p95",
            result["stall_p95_ms"],
            result["stall_p95_off_ms"],
            "journal off",
            unit="ms",
            target="≤ 16 ms (a frame)",
            met=result["stall_p95_ms"] <= 16.0,
        ),
    ]


def _backup(project: Path, workdir: Path) -> Row:
    zip_tool = require_tool("zip", "apt-get install zip")
    story = workdir / "backup-story"
    shutil.copytree(project, story)
    out = workdir / "reference.zip"

    def reference() -> None:
        out.unlink(missing_ok=True)
        run_command([zip_tool, "-r", "-q", out, "story.toml", "chapters"], cwd=story)

    times = alternating(
        3, {"studio": lambda: create_backup(story, reason="manual", keep=2), "zip": reference}
    )
    return Row(
        "safety",
        "backup, 1M words",
        times["studio"],
        times["zip"],
        "zip -r",
        target="≤ 1 s (in the background)",
        met=times["studio"] <= 1.0,
    )


def _compare(project: Path, workdir: Path) -> Row:
    diff_tool = require_tool("diff", "apt-get install diffutils")
    chapters = sorted((project / "chapters").glob("*.md"))
    mine = "".join(p.read_text(encoding="utf-8") for p in chapters[:10])  # ~50,000 words
    paragraphs = mine.split("\n\n")
    theirs = "\n\n".join(
        p.replace(" the ", " a ", 1) if n % 10 == 0 else p for n, p in enumerate(paragraphs)
    )
    left, right = workdir / "mine.md", workdir / "theirs.md"
    left.write_text(mine, encoding="utf-8")
    right.write_text(theirs, encoding="utf-8")
    times = alternating(
        3,
        {
            "studio": lambda: side_by_side(mine, theirs),
            "diff": lambda: run_command([diff_tool, left, right]),
        },
    )
    return Row(
        "safety",
        f"compare, {len(mine.split()):,} words",
        times["studio"],
        times["diff"],
        "GNU diff",
        target="≤ 0.5 s",
        met=times["studio"] <= 0.5,
    )


def _outside_edit(project: Path, workdir: Path) -> Row:
    story = workdir / "watched-story"
    shutil.copytree(project, story)
    chapter = sorted((story / "chapters").glob("*.md"))[100]
    studio_times = _latencies(story, chapter, studio=True)
    raw_times = _latencies(story, chapter, studio=False)
    studio, raw = statistics.median(studio_times), statistics.median(raw_times)
    return Row(
        "safety",
        "outside edit reported",
        studio,
        raw,
        "raw watchdog event",
        target="≤ 1 s",
        met=max(studio_times) <= 1.0,
    )


def _latencies(story: Path, chapter: Path, *, studio: bool, runs: int = 10) -> list[float]:
    seen: queue.Queue[float] = queue.Queue()
    times = []
    if studio:
        watcher = ProjectWatcher(story, lambda _c: seen.put(time.perf_counter()))
        watcher.start()
        stop = watcher.stop
    else:
        observer = Observer()
        observer.schedule(_FirstEvent(seen), str(chapter.parent), recursive=True)
        observer.start()

        def stop() -> None:
            observer.stop()
            observer.join()

    try:
        time.sleep(0.3)
        for n in range(runs):
            start = time.perf_counter()
            chapter.write_text(f"Rewritten outside, take {studio} {n}.\n", encoding="utf-8")
            times.append(seen.get(timeout=5) - start)
            time.sleep(0.8)  # let the burst end before the next write
            while not seen.empty():
                seen.get()
    finally:
        stop()
    return times


class _FirstEvent(FileSystemEventHandler):
    def __init__(self, seen: queue.Queue[float]) -> None:
        self.seen = seen
        self.last = 0.0

    def on_modified(self, event: FileSystemEvent) -> None:
        now = time.perf_counter()
        if now - self.last > 0.5:
            self.seen.put(now)
        self.last = now
