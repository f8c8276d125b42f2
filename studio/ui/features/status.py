"""The status bar's word counts and save state.

Words: the selection, the focused chapter and the whole work, counted as `studio stats`
counts them (studio.ui.word_counts, in the background after the story opens, so
opening and typing never wait on counting); the chapter list shows each chapter's.
Save state: "✓ Saved", "● Unsaved" (a pane or story.toml waits for the pause) or
"⚠ Not saved" (a save failed), and the title bar's unsaved mark.

The counts are the shell's `word_counts` while a story is open, so the chapter list
and the older features (safety) find them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel

from studio.story import Project, count_words
from studio.ui.document import ChapterDocument
from studio.ui.session import StorySession
from studio.ui.shell import Shell
from studio.ui.word_counts import WorkCounts, describe

SELECTION_PAUSE_MS = 150


class StatusFeature(QObject):
    """The two labels at the right of the status bar (`feature(window, StatusFeature)`)."""

    def __init__(self, shell: Shell, session: StorySession) -> None:
        super().__init__(shell)
        self.shell = shell
        self.session = session
        self.words_label = QLabel()
        self.words_label.setObjectName("wordCounts")
        self.save_label = QLabel()
        self.save_label.setObjectName("saveState")
        self.save_label.setMinimumWidth(110)
        self.save_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        shell.add_status_widget(self.words_label)
        shell.add_status_widget(self.save_label)
        self._selection_timer = QTimer(self)
        self._selection_timer.setSingleShot(True)
        self._selection_timer.setInterval(SELECTION_PAUSE_MS)
        self._selection_timer.timeout.connect(self.update_counts)
        shell.pane_state_changed.connect(self._pane_state_changed)
        shell.view_changed.connect(self._view_changed)
        shell.save_state_changed.connect(self.update_save_state)
        session.opened.connect(self._opened)
        session.document_opened.connect(self._document_opened)
        session.closing.connect(self._stop)
        session.closed.connect(self._clear)
        shell.window_closing.connect(self._stop)

    @property
    def counts(self) -> WorkCounts | None:
        return self.shell.word_counts

    def _opened(self, project: Project) -> None:
        counts = WorkCounts(project, self.session.open_text, self)
        counts.changed.connect(self._counts_changed)
        self.shell.word_counts = counts
        self.shell.later(0, counts.start)

    def _document_opened(self, document: ChapterDocument) -> None:
        document.document.contentsChanged.connect(lambda f=document.file: self._text_changed(f))

    def _text_changed(self, file: str) -> None:
        if self.counts is not None:
            self.counts.text_changed(file)

    def _stop(self) -> None:
        if self.counts is not None:
            self.counts.stop()

    def _clear(self) -> None:
        if self.counts is not None:
            self.counts.stop()
            self.counts.deleteLater()
        self.shell.word_counts = None
        self.words_label.clear()
        self.save_label.clear()

    def _pane_state_changed(self) -> None:
        self.update_save_state()
        self._selection_timer.start()

    def _view_changed(self) -> None:
        self.update_save_state()
        self.update_counts()

    def _counts_changed(self) -> None:
        self.update_counts()
        if self.counts is not None:
            for file, words in self.counts.words.items():
                self.shell.set_chapter_words(file, words)

    def update_save_state(self, error: bool = False) -> None:
        if not self.session.is_open:
            return
        dirty, failed = self.shell.unsaved()
        failed = failed or error
        if failed:
            text, tip = "⚠ Not saved", "Saving failed: see the message above the text"
        elif dirty:
            text, tip = "● Unsaved", "Changes are saved after a moment's pause"
        else:
            text, tip = "✓ Saved", "Everything is on disk"
        label = self.save_label
        label.setText(text)
        label.setToolTip(tip)
        label.setProperty("state", "failed" if failed else "dirty" if dirty else "saved")
        label.style().unpolish(label)
        label.style().polish(label)
        self.shell.set_window_modified(dirty or failed)

    def update_counts(self) -> None:
        counts = self.counts
        if not self.session.is_open or counts is None:
            return
        parts: list[str] = []
        selected = self.shell.selected_text()
        if selected:
            parts.append(f"Selection: {count_words(selected):,}")
        file = self.shell.focused_file()
        if file is not None:
            chapter = counts.chapters.get(file)
            if chapter is None:
                chapter = counts.count_now(file)
            parts.append(describe("Chapter", chapter))
        if counts.complete:
            parts.append(describe("Work", counts.total(), " words"))
        else:
            parts.append("Work: counting…")
        self.words_label.setText("    ".join(parts))


def install(shell: Shell, session: StorySession) -> StatusFeature:
    return StatusFeature(shell, session)
