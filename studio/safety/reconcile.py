"""Bring story.toml's chapter list in line with chapter files added, removed or renamed
outside Studio, keeping each chapter's title and notes when a file was only renamed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import tomlkit
from tomlkit.items import AoT

from studio.safety.ledger import digest
from studio.safety.watcher import Change, ChangeKind, scan
from studio.story import Project
from studio.story.paths import STORY_FILE


@dataclass
class ListChanges:
    """What reconcile() did to the chapter list."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)  # old file → new file

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.renamed)


def title_from_file(file: str) -> str:
    """ "chapters/04-the-storm.md" → "The Storm"; the number prefix is dropped."""
    stem = PurePosixPath(file).stem
    words = re.sub(r"^\d+[-_ .]*", "", stem).replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else stem


def listed(project: Project) -> list[str]:
    return [c.file for c in project.chapters]


def reconcile(project: Project, changes: list[Change], *, keep: set[str]) -> ListChanges:
    """Add new chapter files to the list, drop vanished ones, follow renames.

    `keep` names files whose chapter stays listed even though the file is gone (an open
    chapter whose text the author still has). Files story.toml already agrees about
    (a git checkout that changed both) are left alone.
    """
    result = ListChanges()
    files = listed(project)
    added = [c for c in changes if c.kind is ChangeKind.CHAPTER_ADDED and c.file not in files]
    removed = [c for c in changes if c.kind is ChangeKind.CHAPTER_REMOVED and c.file in files]
    for gone in list(removed):
        twin = next((a for a in added if digest(a.data) == gone.old_digest), None)
        if twin is not None:
            set_file(project, gone.file, twin.file)
            result.renamed[gone.file] = twin.file
            added.remove(twin)
            removed.remove(gone)
    for gone in removed:
        if gone.file not in keep:
            _drop(project, gone.file)
            result.removed.append(gone.file)
    for new in sorted(added, key=lambda c: c.file):
        _append(project, new.file)
        result.added.append(new.file)
    return result


@dataclass(frozen=True)
class Missing:
    """A chapter entry whose file is not there, and the unlisted file that is probably
    it: `same_text` when that file holds exactly what the missing one held last time
    Studio backed it up (a rename while no Studio watched), else only a guess (the one
    file left over for the one entry left over)."""

    file: str
    candidate: str | None = None
    same_text: bool = False


def match_missing(
    project: Project, missing: list[str], *, last_known: Callable[[str], bytes | None]
) -> list[Missing]:
    """For each entry in `missing`, the chapter file not in the list that is probably it.

    Nothing is changed: the author chooses (`set_file` then follows her choice).
    """
    files = set(listed(project))
    unlisted = {f: d for f, d in scan(project.root).items() if f != STORY_FILE and f not in files}
    found: dict[str, Missing] = {}
    for file in missing:
        known = last_known(file)
        twin = next(
            (f for f, data in sorted(unlisted.items()) if known is not None and data == known),
            None,
        )
        if twin is not None:
            found[file] = Missing(file, twin, same_text=True)
            del unlisted[twin]
    left = [f for f in missing if f not in found]
    if len(left) == 1 and len(unlisted) == 1:
        found[left[0]] = Missing(left[0], next(iter(unlisted)))
    return [found.get(file, Missing(file)) for file in missing]


def set_file(project: Project, old: str, new: str) -> None:
    """Point `old`'s entry at `new`: title, notes and place stay (story.toml unsaved)."""
    for table in project.doc.get("chapters", []):
        if table.get("file") == old:
            table["file"] = new


def _drop(project: Project, file: str) -> None:
    index = listed(project).index(file)
    project.remove_chapter(index)


def _append(project: Project, file: str) -> None:
    table = tomlkit.table()
    table["file"] = file
    table["title"] = title_from_file(file)
    if "chapters" not in project.doc:
        project.doc.append("chapters", AoT([]))
    project.doc["chapters"].append(table)
