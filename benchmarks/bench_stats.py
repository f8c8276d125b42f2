"""Counting a 1,000,000-word project: `studio stats` against `wc -w` on the same files.

`wc -w` (C, splitting on white space) is there for scale; Studio also loads story.toml and
parses every chapter's blocks to count prose and lyrics apart. The goal is the brief's:
a project of a million words is read and counted in about a second, Python's start-up
included.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.common import (
    Row,
    alternating,
    generated_project,
    python_command,
    require_tool,
    run_command,
)

WORDS, CHAPTERS = 1_000_000, 200
TARGET_SECONDS = 1.0


def run(workdir: Path) -> list[Row]:
    project = generated_project(WORDS, CHAPTERS)
    chapters = sorted((project / "chapters").glob("*.md"))
    wc = require_tool("wc", "apt-get install coreutils")
    times = alternating(
        5,
        {
            "studio": lambda: _ok(run_command(python_command("-m", "studio", "stats", project))),
            "wc": lambda: _ok(run_command([wc, "-w", *chapters])),
        },
    )
    return [
        Row(
            "stats",
            "1M words, 200 chapters",
            times["studio"],
            times["wc"],
            "wc -w",
            target=f"≤ {TARGET_SECONDS:.0f} s",
            met=times["studio"] <= TARGET_SECONDS,
        )
    ]


def _ok(result: object) -> None:
    code = getattr(result, "returncode", 1)
    if code != 0:
        raise SystemExit(
            f"command failed ({code}): {getattr(result, 'stderr', b'').decode()[:500]}"
        )
