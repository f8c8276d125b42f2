"""Word counts for the status bar: the selection, the chapter, the whole work.

Counting runs after a short pause in typing, never on every key, and the work's total
is gathered one chapter per timer tick after the window opens, so opening a big story
and typing in it never wait on counting.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from studio.errors import StudioError
from studio.story import Project, text_counts

COUNT_DELAY_MS = 400


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
        self.words: dict[str, int] = {}
        self._pending = [c.file for c in project.chapters]
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

    def count_now(self, file: str) -> int:
        self._count(file)
        return self.words.get(file, 0)

    def stop(self) -> None:
        self._timer.stop()
        self._debounce.stop()

    @property
    def complete(self) -> bool:
        return not self._pending

    def total(self) -> int:
        files = {c.file for c in self.project.chapters}
        return sum(n for f, n in self.words.items() if f in files)

    def refresh_chapters(self) -> None:
        """After chapters were added or removed: count the new ones."""
        for chapter in self.project.chapters:
            if chapter.file not in self.words and chapter.file not in self._pending:
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
            chapter = next((c for c in self.project.chapters if c.file == file), None)
            if chapter is None:
                return
            try:
                text = self.project.read_chapter(chapter)
            except StudioError:
                return
        self.words[file] = text_counts(text).words  # as `studio stats` counts
