"""A story project folder: load it, read and write its parts, save it back safely.

Loading an untouched project and saving it writes nothing; editing one field
rewrites only that value in story.toml (tomlkit keeps comments and key order).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import ParseError, TOMLKitError
from tomlkit.items import AoT, Table, Whitespace

from studio.errors import StudioError, printable
from studio.storage import atomic_write_bytes, atomic_write_text, read_regular_file
from studio.story import paths
from studio.story.fields import toml_value
from studio.story.file_form import FileForm, decode_text, encode_text
from studio.story.model import Chapter, Progress, Song, Spelling, Work
from studio.story.schema import validate

BOM = "\ufeff"


class Project:
    """One story folder on disk (see docs/project-format.md)."""

    def __init__(self, root: Path, doc: tomlkit.TOMLDocument, saved_text: str) -> None:
        self.root = root
        self.doc = doc
        self._saved_text = saved_text
        # Called immediately before story.toml is replaced; it raises to refuse the write
        # (the window's session: read-only, an outside change on disk, a broken file).
        self.save_guard: Callable[[], None] | None = None

    # -- loading -------------------------------------------------------------------

    @classmethod
    def load(cls, root: Path | str, *, missing_ok: bool = False) -> Project:
        """Read and check `root/story.toml`; chapter files must exist but are read lazily.

        `missing_ok`: an entry whose file is simply not there (renamed or moved while no
        Studio watched) does not stop the story opening; the window shows that chapter
        as missing (`missing_chapters`) and says what to do. Bad paths still raise.
        """
        root = Path(root)
        story_file = root / paths.STORY_FILE
        if root.is_file() and root.name == paths.STORY_FILE:
            root, story_file = root.parent, root
        if not root.exists():
            raise StudioError("no such folder", path=root, hint="Check the path to the story")
        if not root.is_dir():
            hint = "Give the story's folder"
            if root.suffix.lower() in (".zip", ".txt", ".html", ".epub"):
                hint = f"Bring it in as a story with `studio import {root.name} NEW-FOLDER`"
            raise StudioError("is a file, not a story folder", path=root, hint=hint)
        if not story_file.exists() and not story_file.is_symlink():
            raise StudioError(
                "not a Studio story: there is no story.toml",
                path=root,
                hint="Create one with `studio new`, or bring a fic in with `studio import`",
            )
        text = read_utf8(story_file)
        doc = parse_toml(text, story_file)
        validate(doc, text, story_file)
        project = cls(root.resolve(), doc, text)
        for chapter in project.chapters:
            try:
                _check_chapter_file(project.chapter_path(chapter), chapter.file, story_file)
            except _MissingChapterError:
                if not missing_ok:
                    raise
        return project

    def missing_chapters(self) -> list[Chapter]:
        """The chapters whose file is not there now (see `load(missing_ok=True)`)."""
        return [c for c in self.chapters if not os.path.exists(self.chapter_path(c))]

    # -- the parts -----------------------------------------------------------------

    @property
    def story_file(self) -> Path:
        return self.root / paths.STORY_FILE

    @property
    def work(self) -> Work:
        return Work(self._table("work"))

    @property
    def spelling(self) -> Spelling:
        return Spelling(self._table("spelling"))

    @property
    def progress(self) -> Progress:
        return Progress(self.doc)

    @property
    def chapters(self) -> list[Chapter]:
        return [Chapter(table) for table in self.doc.get("chapters", [])]

    @property
    def songs(self) -> dict[str, Song]:
        return {
            song_id: Song(song_id, table) for song_id, table in self.doc.get("songs", {}).items()
        }

    def _table(self, name: str) -> Any:
        if name not in self.doc:
            self.doc.add(name, tomlkit.table())
        return self.doc[name]

    # -- chapters ------------------------------------------------------------------

    def chapter_path(self, chapter: Chapter) -> Path:
        return paths.chapter_file_path(self.root, chapter.file, story_file=self.story_file)

    def read_chapter(self, chapter: Chapter) -> str:
        """The chapter's Markdown, exactly as on disk."""
        path = self.chapter_path(chapter)
        try:
            return read_utf8(path)
        except FileNotFoundError:
            raise StudioError(
                "chapter file is missing",
                path=path,
                hint=f"Restore it, or remove its [[chapters]] entry from {paths.STORY_FILE}",
            ) from None

    def write_chapter(self, chapter: Chapter, text: str) -> None:
        atomic_write_text(self.chapter_path(chapter), text)

    def read_chapter_form(self, chapter: Chapter) -> tuple[str, FileForm]:
        """The chapter as editor text (lines end in "\\n", no BOM) and its file's form,
        for `write_chapter_form` to save it back keeping every byte not edited."""
        path = self.chapter_path(chapter)
        try:
            data = read_regular_file(path)
        except FileNotFoundError:
            raise StudioError(
                "chapter file is missing",
                path=path,
                hint=f"Restore it, or remove its [[chapters]] entry from {paths.STORY_FILE}",
            ) from None
        return decode_text(data, path)

    def write_chapter_form(self, chapter: Chapter, text: str, form: FileForm) -> FileForm:
        """Save editor `text` in the file's own form (BOM, each line's ending); returns
        the form of what was written, for the next save."""
        data, written = encode_text(text, form)
        atomic_write_bytes(self.chapter_path(chapter), data)
        return written

    def add_chapter(self, title: str, text: str = "") -> Chapter:
        """Create a chapter file named after its number and title, and list it last."""
        number = len(self.chapters) + 1
        folder = self.root / paths.CHAPTERS_DIR
        name = f"{number:02d}-{paths.slugify(title)}"
        candidate, suffix = name, 2
        while (folder / f"{candidate}.md").exists():
            candidate, suffix = f"{name}-{suffix}", suffix + 1
        table = tomlkit.table()
        table["file"] = f"{paths.CHAPTERS_DIR}/{candidate}.md"
        table["title"] = toml_value(title)
        chapter = Chapter(table)
        atomic_write_text(self.chapter_path(chapter), text)
        if "chapters" not in self.doc:
            self.doc.append("chapters", AoT([]))
        chapters = self.doc["chapters"]
        if len(chapters):
            _set_apart(chapters[-1])  # it is no longer the last table of its kind
        if list(self.doc)[-1] != "chapters":
            _set_apart(table)  # [songs…] or another table follows
        chapters.append(table)
        return self.chapters[-1]

    def remove_chapter(self, index: int) -> Chapter:
        """Drop the chapter from the story (its file is left for the caller to move)."""
        chapters = self.doc["chapters"]
        chapter = Chapter(chapters[index])
        del chapters[index]
        return chapter

    def move_chapter(self, old_index: int, new_index: int) -> None:
        """Reorder `[[chapters]]` (the chapter order is the order of those tables)."""
        chapters = self.doc["chapters"]
        tables = list(chapters)
        table = tables.pop(old_index)
        tables.insert(new_index, table)
        while len(chapters):
            del chapters[0]
        for item in tables:
            chapters.append(item)

    # -- the story word list -------------------------------------------------------

    @property
    def word_list_file(self) -> Path:
        return self.root / paths.WORD_LIST_FILE

    def word_list(self) -> list[str]:
        """Words this story accepts, one per line in dictionary.txt ('#' lines are comments)."""
        if not self.word_list_file.exists():
            return []
        text = read_utf8(self.word_list_file)
        return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]

    def add_word(self, word: str) -> None:
        word = word.strip()
        if not word or word in self.word_list():
            return
        if re.search(r"\s", word):
            raise StudioError(f"“{word}” has spaces; the word list takes one word per line")
        old = read_utf8(self.word_list_file) if self.word_list_file.exists() else ""
        if old and not old.endswith("\n"):
            old += "\n"
        atomic_write_text(self.word_list_file, f"{old}{word}\n")

    # -- saving --------------------------------------------------------------------

    def toml_text(self) -> str:
        """story.toml as it would be saved; a BOM the file began with is kept."""
        bom = BOM if self._saved_text.startswith(BOM) else ""
        return bom + tomlkit.dumps(self.doc)

    @property
    def saved_text(self) -> str:
        """story.toml as last loaded or saved (to tell Studio's own writes from others')."""
        return self._saved_text

    @property
    def is_modified(self) -> bool:
        return self.toml_text() != self._saved_text

    def save(self) -> bool:
        """Write story.toml if anything changed; True when it was written."""
        text = self.toml_text()
        if text == self._saved_text:
            return False
        if self.save_guard is not None:
            self.save_guard()  # refused before anything touches the disk
        # And again when the new file is complete, immediately before the rename: the
        # window's compare with the disk has no fsync between it and the replace.
        atomic_write_text(self.story_file, text, just_before=self.save_guard)
        self._saved_text = text
        return True

    def reload(self) -> None:
        """Re-read story.toml from disk (after a change made outside Studio)."""
        fresh = Project.load(self.root)
        self.doc, self._saved_text = fresh.doc, fresh._saved_text


class _MissingChapterError(StudioError):
    """A chapter entry names a file that is not there (a StudioError like the rest)."""


def _check_chapter_file(path: Path, file: str, story_file: Path) -> None:
    """The chapter's file must be there and be a regular file (not a FIFO, a device,
    a folder or a loop of links): StudioError naming story.toml and the entry if not."""
    shown = printable(file)
    remove = f"remove its [[chapters]] entry from {paths.STORY_FILE}"
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise _MissingChapterError(
            f"chapter file {shown} is missing",
            path=story_file,
            hint=f"Restore {shown}, or {remove}",
        ) from None
    except (OSError, ValueError) as exc:
        reason = "a link loop" if getattr(exc, "errno", None) == errno.ELOOP else str(exc)
        raise StudioError(
            f"chapter file {shown} cannot be opened ({reason})",
            path=story_file,
            hint=f"Replace it with the chapter's Markdown file, or {remove}",
        ) from None
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a FIFO, device or other special file"
        raise StudioError(
            f"chapter file {shown} is {kind}, not a regular file",
            path=story_file,
            hint=f"Replace it with the chapter's Markdown file, or {remove}",
        )


def read_utf8(path: Path) -> str:
    """A regular file's text as UTF-8, with a clear error naming the line of the first
    bad byte (FIFOs, devices and oversized files are refused: see read_regular_file)."""
    data = read_regular_file(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise StudioError(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x})",
            path=path,
            line=line,
            hint=(
                "Re-save it as UTF-8, or bring it in with `studio import`,"
                " which detects old encodings"
            ),
        ) from None


def parse_toml(text: str, path: Path) -> tomlkit.TOMLDocument:
    """Parse story.toml; a leading BOM (some Windows editors write one) is accepted."""
    try:
        return tomlkit.parse(text.removeprefix(BOM))
    except ParseError as exc:
        raise StudioError(
            f"story.toml is not valid TOML ({_strip_position(str(exc))})",
            path=path,
            line=exc.line,
            hint="Fix that line in a text editor, or restore story.toml from a backup",
        ) from None
    except (TOMLKitError, ValueError, OverflowError) as exc:
        raise StudioError(
            f"story.toml is not valid TOML ({exc})",
            path=path,
            hint="Fix it in a text editor, or restore story.toml from a backup",
        ) from None


def _strip_position(message: str) -> str:
    return re.sub(r" at line \d+ col \d+$", "", message)


def _set_apart(table: Table) -> None:
    """End `table` with a blank line, as story.toml sets its tables apart (a table
    added last has none, and the next table's header would follow it directly)."""
    body = table.value.body
    if not body or not isinstance(body[-1][1], Whitespace):
        table.add(tomlkit.nl())
