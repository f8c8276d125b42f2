"""Writing a plan as a project folder, all or nothing.

The project is built in a hidden folder beside DEST, loaded back with the story
model to check it, and only then renamed into place; any failure removes the
hidden folder, so DEST is never left half written.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomlkit

from studio.errors import StudioError
from studio.importers.bundle import unpack_bundle
from studio.importers.plan import LIST_FIELDS, ImportPlan
from studio.resources import resource_path
from studio.storage import atomic_write_text
from studio.story import paths
from studio.story.fields import toml_value
from studio.story.project import Project


def check_destination(dest: Path, *, force: bool) -> None:
    """Refuse a DEST that is a file, has files in it (unless `force`), or has no parent."""
    if dest.exists() and not dest.is_dir():
        raise StudioError(
            "is a file; the story needs a folder", path=dest, hint="Give a new folder name"
        )
    if dest.is_dir() and any(dest.iterdir()) and not force:
        raise StudioError(
            "already exists and is not empty",
            path=dest,
            hint="Choose a new folder, or add --force to replace what is there",
        )
    if not dest.parent.is_dir():
        raise StudioError(
            f"cannot be created: there is no folder {dest.parent}",
            path=dest,
            hint="Create that folder first, or choose another place",
        )


def write_plan(plan: ImportPlan, dest: Path, *, force: bool = False) -> Project:
    """Write what `detect` found at `dest`: a fic from its plan, a bundle as it is."""
    if plan.bundle is not None:
        bundle = plan.bundle
        return _staged(dest, force, lambda staging: unpack_bundle(bundle, staging), plan.set_backup)
    return write_project(plan, dest, force=force)


def write_project(plan: ImportPlan, dest: Path, *, force: bool = False) -> Project:
    """Write `plan` at `dest` and return the project loaded from there."""

    def build(staging: Path) -> Path:
        _build(plan, staging)
        _verify(plan, staging)
        return staging

    return _staged(dest, force, build, plan.set_backup)


def _staged(
    dest: Path,
    force: bool,
    build: Callable[[Path], Path],
    on_backup: Callable[[Path], None] | None = None,
) -> Project:
    """Build the story in a hidden folder beside `dest`, then move it into place."""
    dest = dest.absolute()
    check_destination(dest, force=force)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.import-", dir=dest.parent))
    except OSError as exc:
        raise StudioError(
            f"cannot write here ({exc.strerror or exc})",
            path=dest.parent,
            hint="Choose a folder you may write to",
        ) from None
    try:
        built = build(staging)
        plan_backup = _move_into_place(built, dest, force=force)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already unless it held `built`
    if on_backup is not None and plan_backup is not None:
        on_backup(plan_backup)
    return Project.load(dest)


def _build(plan: ImportPlan, root: Path) -> None:
    doc = tomlkit.parse(resource_path("templates", "story.toml").read_text(encoding="utf-8"))
    work = doc["work"]
    for key, value in plan.work.items():
        item = toml_value(
            (list(value) if isinstance(value, list) else [value])
            if key in LIST_FIELDS
            else str(value)
        )
        if key == "source_rating" and key not in work and "rating" in work:
            _insert_after(work, "rating", key, item)
        else:
            work[key] = item
    status = work.get("status")
    if status is not None:
        other = "in-progress" if str(status) == "complete" else "complete"
        status.comment(f'or "{other}"')
    if plan.dictionary:
        doc["spelling"]["dictionary"] = plan.dictionary
    if plan.series:
        # The Archive's series: [{ name = "Salt Roads", part = 2 }], one per series.
        series = tomlkit.array()
        for name, part in plan.series:
            pair = tomlkit.inline_table()
            pair.update({"name": name, "part": part})
            series.append(pair)
        work["series"] = series
    if not str(work.get("title", "")).strip():
        work["title"] = "Untitled"
    (root / paths.CHAPTERS_DIR).mkdir()
    atomic_write_text(root / paths.STORY_FILE, tomlkit.dumps(doc))
    atomic_write_text(root / paths.WORD_LIST_FILE, "")
    project = Project.load(root)
    one_shot = len(plan.chapters) == 1
    for planned in plan.chapters:
        # The file is named for the chapter, or for the story when it is a one-shot.
        name = planned.title or (project.work.title if one_shot else "")
        chapter = project.add_chapter(name, planned.markdown())
        chapter.title = planned.title
        chapter.summary = planned.summary
        chapter.notes = planned.notes
        chapter.end_notes = planned.end_notes
    if plan.songs:
        songs = tomlkit.table(is_super_table=True)
        for song in plan.songs.values():
            entry = tomlkit.table()
            entry["title"] = toml_value(song.title)
            entry["artist"] = toml_value(song.artist)
            songs[song.id] = entry
        project.doc["songs"] = songs
    if plan.lyrics_credit:
        table = tomlkit.table()
        table["credit"] = plan.lyrics_credit
        project.doc["lyrics"] = table
    project.save()


def _insert_after(table: Any, after: str, key: str, value: Any) -> None:
    """Put `key` right after `after`, as the project format shows it (source_rating)."""
    try:
        table.value._insert_after(after, key, value)  # tomlkit has no public insert
    except (AttributeError, TypeError, KeyError):
        table[key] = value


def _verify(plan: ImportPlan, root: Path) -> None:
    """Load what was written with the story model; every chapter must read back as planned."""
    project = Project.load(root)
    chapters = project.chapters
    if len(chapters) != len(plan.chapters):
        raise StudioError("the imported project did not read back whole", path=root)
    for chapter, planned in zip(chapters, plan.chapters, strict=True):
        if project.read_chapter(chapter) != planned.markdown():
            raise StudioError("a chapter did not read back as written", path=root)


def _move_into_place(staging: Path, dest: Path, *, force: bool) -> Path | None:
    """Rename the built story to `dest`. A `dest` that is not empty (only with `force`)
    is never deleted: it is renamed to a backup folder beside it, whole (its own backups
    and hidden folders too), and its path returned. The new folder takes the old one's
    permissions, or the usual ones for a new folder (mkdtemp made it private)."""
    old: Path | None = None
    mode = _folder_mode(dest)
    try:
        os.chmod(staging, mode)
        if dest.is_dir():
            if any(dest.iterdir()):
                if not force:  # something appeared while importing
                    raise StudioError("already exists and is not empty", path=dest)
                old = _backup_name(dest)
                os.replace(dest, old)
            else:
                dest.rmdir()
        os.replace(staging, dest)
    except OSError as exc:
        if old is not None and not dest.exists():
            with contextlib.suppress(OSError):
                os.replace(old, dest)
        raise StudioError(
            f"could not put the story in place ({exc.strerror or exc})", path=dest
        ) from None
    return old


def _folder_mode(dest: Path) -> int:
    try:
        return stat.S_IMODE(dest.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o777 & ~umask


def _backup_name(dest: Path) -> Path:
    """`story.before-import-20261202-054200` (with -2, -3… if that is taken)."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    base = dest.parent / f"{dest.name}.before-import-{stamp}"
    candidate, n = base, 2
    while candidate.exists() or candidate.is_symlink():
        candidate, n = Path(f"{base}-{n}"), n + 1
    return candidate
