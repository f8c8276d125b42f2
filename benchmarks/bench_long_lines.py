"""Opening a story whose first chapter is one very long paragraph (issue 14, item 14).

A chapter may hold a paragraph of hundreds of thousands of characters (a paste with
its line breaks lost, an import of a one-line file). Measured: seconds from starting
the process until that chapter is in the editor and editable, every feature
installed (spelling layer included), for a paragraph of 200,000 and of 1,000,000
characters, against the same characters in paragraphs of 1,000 (the reference:
what the same text costs when its lines are short). The goal: under a second
whatever the line lengths, and no worse than the short-line text by more than
layout itself costs.
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
TARGET_S = 1.0
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


def _open_s(project: Path, config: Path) -> float:
    times = []
    for attempt in range(RUNS + 1):  # the first run warms the disk cache
        result = _run_json(
            [
                sys.executable,
                str(HERE / "studio_probe.py"),
                "open",
                str(project),
                str(config),
                "{now}",
            ]
        )
        if attempt:
            times.append(result["first_editable_s"])
    return statistics.median(times)


def run(workdir: Path) -> list[Row]:
    scratch = workdir / "bench-long-lines"
    scratch.mkdir(parents=True, exist_ok=True)
    rows = []
    for length in LENGTHS:
        text = paragraph(length)
        split = "\n\n".join(text[i : i + SHORT] for i in range(0, len(text), SHORT))
        long_s = _open_s(_story(scratch / f"long-{length}", text), scratch / "config-long")
        short_s = _open_s(_story(scratch / f"short-{length}", split), scratch / "config-short")
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
    return rows
