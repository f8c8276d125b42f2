"""Importing a Studio story bundle (.zip), as `studio export --format bundle` makes it.

The bundle is unpacked by the export package's `extract_bundle`, which checks every
entry (paths that leave the folder, links, zip bombs) and loads the story before it
is kept; what is not the story (`.git/`, `.studio/`, other hidden entries) is left
out, and the plan says so. Here it is unpacked into a hidden folder beside DEST, described as a plan
(for `--json` and the import dialog), and moved into place like any other import.
The story is kept byte for byte: nothing is re-parsed or rewritten.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from studio.export.bundle import extract_bundle, left_out_of_bundle
from studio.importers.plan import (
    LIST_FIELDS,
    ImportPlan,
    LyricsBlock,
    PlannedChapter,
    PlannedSong,
    SourceInfo,
    Unsure,
)
from studio.story import BlockKind, Project, parse_blocks


def plan_bundle(path: Path) -> ImportPlan:
    """What the bundle holds, read from a throwaway copy (nothing is kept)."""
    with tempfile.TemporaryDirectory(prefix="studio-bundle-") as folder:
        project = Project.load(extract_bundle(path, Path(folder) / "story"))
        plan = describe(project, path)
    for name in left_out_of_bundle(path):
        plan.unsure.append(
            Unsure(f"left out {name}: a bundle holds only the story", file=path.name)
        )
    return plan


def unpack_bundle(path: Path, staging: Path) -> Path:
    """Unpack into `staging/story` (staging is the import's hidden folder beside DEST)."""
    return extract_bundle(path, staging / "story")


def describe(project: Project, path: Path) -> ImportPlan:
    """A plan that says what the story holds; it is never written (the files are)."""
    plan = ImportPlan(bundle=path)
    plan.sources.append(SourceInfo(path.name, "studio-bundle", "utf-8", False, "n/a"))
    work = project.work
    for key in ("title", "rating", "source_rating", "summary", "notes", "end_notes", "status"):
        value = getattr(work, key)
        if value:
            plan.work[key] = value
    for key in LIST_FIELDS:
        values = getattr(work, key)
        if values:
            plan.work[key] = values
    for chapter in project.chapters:
        planned = PlannedChapter(
            title=chapter.title,
            summary=chapter.summary,
            notes=chapter.notes,
            end_notes=chapter.end_notes,
            file=chapter.file,
        )
        for block in parse_blocks(project.read_chapter(chapter)):
            if block.kind is BlockKind.LYRICS:
                lines = list(block.lines)
                planned.parts.append(
                    LyricsBlock(lines, chapter.file, block.content_start + 1, song=block.song or "")
                )
            elif block.kind is BlockKind.SCENE_BREAK:
                planned.parts.append("* * *")
            else:
                planned.parts.append(block.text)
        plan.chapters.append(planned)
    for song_id, song in project.songs.items():
        plan.songs[song_id] = PlannedSong(song_id, song.title, song.artist, "bundle")
    return plan
