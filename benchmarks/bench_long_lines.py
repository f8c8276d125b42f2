"""A story whose first chapter is one very long paragraph (issue 14, item 14).

A chapter may hold a paragraph of hundreds of thousands of characters (a paste with
its line breaks lost, an import of a one-line file). Measured, for a paragraph of
200,000 and of 1,000,000 characters, every feature installed (spelling included):

- seconds from starting the process until that chapter is in the editor and
  editable, against a bare QPlainTextEdit opening the same file (the floor: Qt's
  own layout of the paragraph), and against Studio on the same characters in
  paragraphs of 1,000 (what the length itself costs);
- the time to handle a keystroke in that paragraph (median of KEYS), against the
  bare QPlainTextEdit, which lays the whole paragraph out again on every key too.

The goals: open under a second whatever the line lengths, and typing within twice
the bare editor's time.
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
from pathlib import Path

from benchmarks.bench_open import HERE, _run_json
from benchmarks.common import Row
from studio.resources import sample_project

LENGTHS = (200_000, 1_000_000)
SHORT = 1_000
RUNS = 3
KEYS = 24
TARGET_S = 1.0
TYPING_FACTOR = 2.0
PIECES = [
    "the",
    "harbour",
    "light",
    "*glowed*",
    "over",
    "Maren's",
    "boat",
    "and",
    "she",
    "said",
    "**never**",
    "again,",
    "wierd",
    "thing",
    "2nd",
    "café",
]


def paragraph(length: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    words: list[str] = []
    size = 0
    while size < length:
        word = rng.choice(PIECES)
        words.append(word)
        size += len(word) + 1
    return " ".join(words)[:length]


def _story(dest: Path, text: str) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(sample_project(), dest)
    first = sorted((dest / "chapters").glob("*.md"))[0]
    first.write_text(text + "\n\nAfter.\n", encoding="utf-8")
    return dest


def _chapter(project: Path) -> Path:
    return sorted((project / "chapters").glob("*.md"))[0]


def _median_of_runs(argv: list[str], key: str) -> float:
    times = []
    for attempt in range(RUNS + 1):  # the first run warms the disk cache
        result = _run_json(argv)
        if attempt:
            times.append(result[key])
    return statistics.median(times)


def _open_s(project: Path, config: Path) -> float:
    probe = str(HERE / "studio_probe.py")
    return _median_of_runs(
        [sys.executable, probe, "open", str(project), str(config), "{now}"], "first_editable_s"
    )


def _bare_open_s(project: Path) -> float:
    probe = str(HERE / "plaintext_probe.py")
    return _median_of_runs(
        [sys.executable, probe, "open", str(_chapter(project)), "{now}"], "first_editable_s"
    )


def _typing_ms(project: Path, config: Path) -> tuple[float, float]:
    """Median ms per keystroke: Studio's window, then the bare QPlainTextEdit."""
    studio = _run_json(
        [
            sys.executable,
            str(HERE / "studio_probe.py"),
            "type",
            str(project),
            str(config),
            str(KEYS),
        ]
    )
    bare = _run_json(
        [
            sys.executable,
            str(HERE / "plaintext_probe.py"),
            "type",
            str(_chapter(project)),
            str(KEYS),
        ]
    )
    return studio["p50_ms"], bare["p50_ms"]


def run(workdir: Path) -> list[Row]:
    scratch = workdir / "bench-long-lines"
    if scratch.exists():  # a journal of earlier typing would offer a restore at open
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)
    rows = []
    for length in LENGTHS:
        text = paragraph(length)
        split = "\n\n".join(text[i : i + SHORT] for i in range(0, len(text), SHORT))
        long_story = _story(scratch / f"long-{length}", text)
        long_s = _open_s(long_story, scratch / "config-long")
        bare_s = _bare_open_s(long_story)
        short_s = _open_s(_story(scratch / f"short-{length}", split), scratch / "config-short")
        rows.append(
            Row(
                "long_lines",
                f"one {length:,}-character paragraph: first editable",
                long_s,
                bare_s,
                "bare QPlainTextEdit, same file",
                target=f"< {TARGET_S:.0f} s",
                met=long_s < TARGET_S,
            )
        )
        rows.append(
            Row(
                "long_lines",
                f"one {length:,}-character paragraph: first editable",
                long_s,
                short_s,
                f"same text, {SHORT:,}-character paragraphs",
                target=f"< {TARGET_S:.0f} s",
                met=long_s < TARGET_S,
            )
        )
        studio_ms, bare_ms = _typing_ms(long_story, scratch / f"config-typing-{length}")
        rows.append(
            Row(
                "long_lines",
                f"one {length:,}-character paragraph: a keystroke (median of {KEYS})",
                studio_ms,
                bare_ms,
                "bare QPlainTextEdit, same file",
                unit="ms",
                target=f"< {TYPING_FACTOR:.0f}x bare",
                met=studio_ms < TYPING_FACTOR * bare_ms,
            )
        )
    return rows
