"""EPUB export of a 1,000,000-word project: Studio against pandoc on the same chapters.

Studio loads the project and writes its EPUB (the exporter `studio export --format epub`
runs), timed in this process. pandoc (Debian's package) converts the same chapter
Markdown, each under a "Chapter N: Title" heading so it splits the book into the same
chapters, to EPUB 3. The goal is the issue's: Studio at least 20 times faster.

Each tool runs three times, in turn, and its fastest run counts: the least disturbed
run of each, on a machine that other work shares. (Studio renders chapters in forked
worker processes when the machine has the cores, as `studio export` does.)

A second row times Studio as a fresh process (Python start-up and imports included),
for the whole picture; it has no target.
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

WORDS, CHAPTERS = 1_000_000, 50
TARGET_RATIO = 20.0
RUNS = 3


def run(workdir: Path) -> list[Row]:
    from studio.export import EXPORTERS
    from studio.story import Project

    project_dir = generated_project(WORDS, CHAPTERS)
    pandoc = require_tool("pandoc", "apt-get install -y pandoc")
    out = workdir / "export-bench"
    out.mkdir(parents=True, exist_ok=True)
    source = _pandoc_source(Project.load(project_dir), out / "pandoc-input.md")

    def studio() -> None:
        EXPORTERS["epub"](Project.load(project_dir), out / "studio.epub")

    def reference() -> None:
        _ok(
            run_command(
                [pandoc, "-f", "markdown", "-t", "epub3", "-o", out / "pandoc.epub", source]
            )
        )

    times = alternating(RUNS, {"studio": studio, "pandoc": reference}, summary=min)
    script = (
        "import sys; from pathlib import Path; from studio.export import EXPORTERS; "
        "from studio.story import Project; "
        "EXPORTERS['epub'](Project.load(sys.argv[1]), Path(sys.argv[2]))"
    )
    command = python_command("-c", script, project_dir, out / "studio-cli.epub")
    with_startup = alternating(RUNS, {"cli": lambda: _ok(run_command(command))}, summary=min)["cli"]

    ratio = times["pandoc"] / times["studio"]
    label = f"EPUB, 1M words, {CHAPTERS} chapters"
    return [
        Row(
            "export",
            label,
            times["studio"],
            times["pandoc"],
            "pandoc",
            target=f"≥ {TARGET_RATIO:.0f}x faster",
            met=ratio >= TARGET_RATIO,
        ),
        Row("export", f"{label}, new process", with_startup, times["pandoc"], "pandoc"),
    ]


def _pandoc_source(project: object, dest: Path) -> Path:
    """The chapters as one Markdown file with a title block and chapter headings."""
    from studio.story import Project

    assert isinstance(project, Project)
    parts = [f'---\ntitle: "{project.work.title}"\nlang: {project.work.language}\n---\n']
    for number, chapter in enumerate(project.chapters, start=1):
        heading = f"Chapter {number}: {chapter.title}" if chapter.title else f"Chapter {number}"
        parts.append(f"# {heading}\n\n{project.read_chapter(chapter)}")
    dest.write_text("\n\n".join(parts), encoding="utf-8")
    return dest


def _ok(result: object) -> None:
    code = getattr(result, "returncode", 1)
    if code != 0:
        raise SystemExit(
            f"command failed ({code}): {getattr(result, 'stderr', b'').decode()[:500]}"
        )
