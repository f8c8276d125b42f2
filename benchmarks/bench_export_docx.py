"""Exporting a 1,000,000-word project to DOCX: `studio export` against pandoc.

pandoc converts the same chapter files (concatenated, as Markdown) to DOCX; Studio also
loads story.toml, writes the preface, notes, lyrics with their credits and a page per
chapter. Both run as a command, start-up included. No speed goal is set for DOCX in the
issue; the row shows how Studio compares with the usual tool for the job.
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


def run(workdir: Path) -> list[Row]:
    project = generated_project(WORDS, CHAPTERS)
    pandoc = require_tool("pandoc", "apt-get install pandoc")
    source = workdir / "all-chapters.md"
    source.write_text(
        "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(project.glob("chapters/*.md"))),
        encoding="utf-8",
    )
    studio_out, pandoc_out = workdir / "studio.docx", workdir / "pandoc.docx"
    export = python_command("-m", "studio", "export", project, "--format", "docx")
    times = alternating(
        2,
        {
            "studio": lambda: _ok(run_command([*export, "-o", studio_out])),
            "pandoc": lambda: _ok(run_command([pandoc, source, "-o", pandoc_out])),
        },
    )
    return [
        Row(
            "export-docx",
            "1M words, 200 chapters",
            times["studio"],
            times["pandoc"],
            "pandoc → docx",
            target="faster than pandoc",
            met=times["studio"] < times["pandoc"],
        )
    ]


def _ok(result: object) -> None:
    code = getattr(result, "returncode", 1)
    if code != 0:
        raise SystemExit(
            f"command failed ({code}): {getattr(result, 'stderr', b'').decode()[:500]}"
        )
