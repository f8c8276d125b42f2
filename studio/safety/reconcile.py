"""Bring story.toml's chapter list in line with chapter files added, removed or renamed
outside Studio, keeping each chapter's title and notes when a file was only renamed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import tomlkit
from tomlkit.items import AoT

from studio.safety.ledger import digest
from studio.safety.watcher import Change, ChangeKind
from studio.story import Project


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
            _set_file(project, gone.file, twin.file)
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


def _set_file(project: Project, old: str, new: str) -> None:
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
