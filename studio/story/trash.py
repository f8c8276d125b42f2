"""Deleted chapters go to `.studio/trash/`, from where they can be restored.

A trashed chapter is its file, moved as it was, plus a small JSON file beside it with
its `[[chapters]]` entry (title, summary, notes…), so restoring brings back everything.
The entry leaves story.toml first and the file moves second: a crash in between leaves
an unlisted file in chapters/, never a story.toml that names a missing file. A file
that another entry still names (a duplicated `[[chapters]]` entry) is copied to the
trash, never moved.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

import tomlkit

from studio.errors import StudioError
from studio.storage import atomic_write_text, read_regular_file
from studio.story import paths
from studio.story.fields import toml_value
from studio.story.model import Chapter
from studio.story.project import Project

TRASH_DIR = PurePosixPath(paths.STATE_DIR, "trash")


@dataclass(frozen=True)
class TrashedChapter:
    """One chapter in the trash."""

    text_file: Path  # the chapter's text, in the trash
    info_file: Path  # its [[chapters]] entry as JSON
    entry: dict[str, Any]
    deleted_at: str

    @property
    def title(self) -> str:
        return str(self.entry.get("title") or self.entry.get("file") or self.text_file.name)

    @property
    def file(self) -> str:
        return str(self.entry.get("file", ""))


def trash_dir(project: Project) -> Path:
    return project.root.joinpath(*TRASH_DIR.parts)


def trash_chapter(project: Project, index: int) -> TrashedChapter:
    """Take chapter `index` out of the story into the trash; story.toml is saved."""
    chapter = project.chapters[index]
    source = project.chapter_path(chapter)
    entry = _plain(chapter.table)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = trash_dir(project)
    text_file = folder / f"{stamp}-{source.name}"
    info_file = folder / f"{stamp}-{source.name}.json"
    deleted_at = datetime.now(UTC).isoformat(timespec="seconds")
    atomic_write_text(
        info_file, json.dumps({"entry": entry, "deleted_at": deleted_at}, indent=2) + "\n"
    )
    project.remove_chapter(index)
    project.save()
    if source.exists():
        try:
            if _still_listed(project, source):
                # Another [[chapters]] entry names the same file: it stays where it is,
                # and the trash keeps a copy, so restoring still brings this one back.
                shutil.copy2(source, text_file)
            else:
                os.replace(source, text_file)
        except OSError as exc:
            raise StudioError(
                f"could not move the chapter file to the trash ({exc.strerror})",
                path=source,
                hint="It is no longer listed in story.toml; move it yourself if you need to",
            ) from exc
    return TrashedChapter(text_file, info_file, entry, deleted_at)


def _still_listed(project: Project, source: Path) -> bool:
    """Whether a chapter still in the story reads `source` (a duplicated entry)."""
    for chapter in project.chapters:
        try:
            if project.chapter_path(chapter) == source:
                return True
        except StudioError:
            continue
    return False


def trashed_chapters(project: Project) -> list[TrashedChapter]:
    """Chapters in the trash, most recently deleted first."""
    folder = trash_dir(project)
    if not folder.is_dir():
        return []
    found: list[TrashedChapter] = []
    for info_file in sorted(folder.glob("*.md.json"), reverse=True):
        text_file = info_file.with_suffix("")
        try:
            data = json.loads(read_regular_file(info_file, limit=1 << 20).decode("utf-8"))
        except (OSError, ValueError, StudioError, RecursionError):
            continue
        if not text_file.is_file() or not isinstance(data, dict):
            continue
        raw = data.get("entry")
        entry: dict[str, Any] = raw if isinstance(raw, dict) else {}
        found.append(TrashedChapter(text_file, info_file, entry, str(data.get("deleted_at", ""))))
    return found


def restore_chapter(project: Project, item: TrashedChapter) -> Chapter:
    """Put a trashed chapter back at the end of the story; story.toml is saved."""
    chapters_dir = project.root / paths.CHAPTERS_DIR
    wanted = PurePosixPath(item.file).name if item.file else item.text_file.name
    name = wanted if wanted.endswith(".md") else f"{wanted}.md"
    target, n = chapters_dir / name, 2
    while target.exists():
        target, n = chapters_dir / f"{Path(name).stem}-{n}.md", n + 1
    chapters_dir.mkdir(parents=True, exist_ok=True)
    os.replace(item.text_file, target)
    table = tomlkit.table()
    for key, value in item.entry.items():
        table[key] = toml_value(value)
    table["file"] = f"{paths.CHAPTERS_DIR}/{target.name}"
    if "chapters" not in project.doc:
        project.doc.append("chapters", tomlkit.aot())
    project.doc["chapters"].append(table)
    project.save()
    item.info_file.unlink(missing_ok=True)
    return project.chapters[-1]


def _plain(table: Any) -> dict[str, Any]:
    value = table.unwrap() if hasattr(table, "unwrap") else dict(table)
    return {str(k): v for k, v in value.items()}
