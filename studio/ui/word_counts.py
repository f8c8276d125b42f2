"""Word counts for the status bar: the selection, the chapter, the whole work.

Chapters and the work are counted as `studio stats` counts them, prose and lyrics
apart.

Counting runs after a short pause in typing, never on every key, and the work's total
is gathered one chapter per timer tick after the window opens, so opening a big story
and typing in it never wait on counting.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from studio.errors import StudioError
from studio.story import Chapter, Project, TextCounts, text_counts

COUNT_DELAY_MS = 400


def chapter_counts(markdown: str) -> TextCounts:
    """Prose and lyrics words as `studio stats` counts them (the same function)."""
    return text_counts(markdown)


def chapter_words(markdown: str) -> int:
    return chapter_counts(markdown).words


def describe(label: str, counts: TextCounts, unit: str = "") -> str:
    """ "Chapter: 264 (239 prose, 25 lyrics)", or "Chapter: 264" with no lyrics."""
    text = f"{label}: {counts.words:,}{unit}"
    if counts.lyrics_words:
        text += f" ({counts.prose_words:,} prose, {counts.lyrics_words:,} lyrics)"
    return text


class WorkCounts(QObject):
    """Words per chapter file; `changed` fires when any count changed."""

    changed = Signal()

    def __init__(
        self,
        project: Project,
        open_text: Callable[[str], str | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self._open_text = open_text  # text of a chapter open in the window, else None
        self.chapters: dict[str, TextCounts] = {}
        self._pending = [c.file for c in project.chapters]
        self._by_file: tuple[int, dict[str, Chapter]] | None = None  # see _chapter
        self._dirty: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(COUNT_DELAY_MS)
        self._debounce.timeout.connect(self._recount_dirty)

    def start(self) -> None:
        """Count every chapter in the background, one per event-loop turn."""
        self._timer.start()

    def text_changed(self, file: str) -> None:
        self._dirty.add(file)
        self._debounce.start()

    @property
    def words(self) -> dict[str, int]:
        """Words per chapter file, prose and lyrics together."""
        return {file: counts.words for file, counts in self.chapters.items()}

    def count_now(self, file: str) -> TextCounts:
        self._count(file)
        return self.chapters.get(file, TextCounts(0, 0))

    def forget(self, file: str) -> None:
        self.chapters.pop(file, None)

    def stop(self) -> None:
        self._timer.stop()
        self._debounce.stop()

    @property
    def complete(self) -> bool:
        return not self._pending

    def total(self) -> TextCounts:
        files = {c.file for c in self.project.chapters}
        counts = [c for f, c in self.chapters.items() if f in files]
        return TextCounts(sum(c.prose_words for c in counts), sum(c.lyrics_words for c in counts))

    def refresh_chapters(self) -> None:
        """After chapters were added or removed: count the new ones."""
        self._by_file = None
        for chapter in self.project.chapters:
            if chapter.file not in self.chapters and chapter.file not in self._pending:
                self._pending.append(chapter.file)
        self._timer.start()
        self.changed.emit()

    def _step(self) -> None:
        if not self._pending:
            self._timer.stop()
            self.changed.emit()
            return
        self._count(self._pending.pop(0))
        if not self._pending:
            self._timer.stop()
            self.changed.emit()

    def _recount_dirty(self) -> None:
        for file in self._dirty:
            self._count(file)
        self._dirty.clear()
        self.changed.emit()

    def _count(self, file: str) -> None:
        text = self._open_text(file)
        if text is None:
            chapter = self._chapter(file)
            if chapter is None:
                return
            try:
                text = self.project.read_chapter(chapter)
            except StudioError:
                return
        self.chapters[file] = chapter_counts(text)

    def _chapter(self, file: str) -> Chapter | None:
        """The chapter whose file is `file`, by a map made once per change of the
        chapters: looking through the list for each chapter counted read 20,000
        story.toml fields while a 200-chapter story was counted after opening."""
        chapters = self.project.chapters
        if self._by_file is None or self._by_file[0] != len(chapters):
            self._by_file = (len(chapters), {c.file: c for c in chapters})
        chapter = self._by_file[1].get(file)
        if chapter is not None and chapter.file == file:
            return chapter
        self._by_file = None  # renamed or moved meanwhile: look it up the long way
        return next((c for c in chapters if c.file == file), None)
