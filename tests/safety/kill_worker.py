"""The child process of the kill test: Studio's save path, saving forever until killed.

Kept apart from the test module so the forkserver can preload it once; every killed
child then starts in a few milliseconds.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from studio.safety import ContentLedger, Journal
from studio.safety.guard import SafeSaver
from studio.story import Project

CHAPTERS = ("chapters/01-the-signal.md", "chapters/02-low-tide.md")


def version_text(file: str, n: int) -> str:
    """A self-checking chapter text: version n of `file`, a few dozen kilobytes."""
    seed = hashlib.sha256(f"{file}:{n}".encode()).hexdigest()
    body = "".join(
        f"Paragraph {i} of draft {n}: the tide line {seed[i % 60 :]}.\n\n" for i in range(200)
    )
    return f"version {n}\n\n{body}end of version {n}\n"


def version_of(file: str, text: str) -> int | None:
    """Which version `text` is, or None when it is not whole."""
    first = text.split("\n", 1)[0]
    if not first.startswith("version "):
        return None
    n = int(first.removeprefix("version "))
    return n if text == version_text(file, n) else None


def save_forever(root: str, log: str, start: int) -> None:
    project = Project.load(root)
    journal = Journal(Path(root))
    saver = SafeSaver(journal, ContentLedger())
    chapters = [c for c in project.chapters if c.file in CHAPTERS]
    base = {c.file: project.read_chapter(c) for c in chapters}
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    n = start
    while True:
        n += 1
        for chapter in chapters:
            text = version_text(chapter.file, n)
            # The timer's journal write while the author types, then the save.
            journal.record(chapter.file, text, base[chapter.file])
            os.write(fd, f"journaled {chapter.file} {n}\n".encode())

            def write(chapter=chapter, text=text) -> None:  # type: ignore[no-untyped-def]
                project.write_chapter(chapter, text)

            saver.save(chapter.file, text, base[chapter.file], write)
            base[chapter.file] = text
        project.work.summary = f"summary {n}"
        saver.save("story.toml", project.toml_text(), None, project.save)
        os.write(fd, f"summary {n}\n".encode())
