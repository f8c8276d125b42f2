"""“+N words today” in the status bar and in focus mode, counted on every save.

After each save the story's words are counted off the GUI thread (only chapters whose
file changed are read again) and `record_words` adds them to the story's
history.toml, so typing never waits on counting. Read-only: nothing is recorded (it
would write history.toml); the label shows what the history already says.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget

from studio.errors import StudioError
from studio.story.paths import chapter_file_path
from studio.story.progress import Day, load_history, record_words, words_today
from studio.ui.progress.statistics import today_text
from studio.ui.session import StorySession
from studio.ui.shell import Shell
from studio.ui.word_counts import chapter_counts

COUNT_DELAY_MS = 300


class WordCache:
    """Words per chapter file, kept while the file's size and time are unchanged
    (used from the one background thread only)."""

    def __init__(self) -> None:
        self._known: dict[Path, tuple[int, int, int]] = {}

    def total(self, paths: list[Path]) -> int:
        words = 0
        for path in paths:
            try:
                stat = path.stat()
            except OSError:
                continue
            known = self._known.get(path)
            if known is None or known[:2] != (stat.st_mtime_ns, stat.st_size):
                text = path.read_bytes().decode("utf-8", errors="replace")
                known = (stat.st_mtime_ns, stat.st_size, chapter_counts(text).words)
                self._known[path] = known
            words += known[2]
        return words


class ProgressFeature(QObject):
    """The status bar's words today, its focus-mode twin, and the count on save."""

    recorded = Signal(object)  # the Day just written to history.toml

    def __init__(self, shell: Shell, session: StorySession) -> None:
        super().__init__(shell)
        self.setObjectName("progressFeature")
        self.shell, self.session = shell, session
        self.cache = WordCache()
        self.today: Day | None = None
        self.baseline: int | None = None  # a new history's starting words
        self.label = QLabel()
        self.label.setObjectName("wordsTodayStatus")
        self.label.setToolTip("Words written today (Tools ▸ Statistics for the history)")
        shell.add_status_widget(self.label)
        window = shell.dialog_parent()
        self.overlay = QLabel(window)
        self.overlay.setObjectName("wordsTodayFocus")
        self.overlay.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.overlay.hide()
        window.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(COUNT_DELAY_MS)
        self.timer.timeout.connect(self.count)
        session.on_open(lambda _project: self._opened())
        session.document_saved.connect(lambda _doc: self.timer.start())
        session.story_saved.connect(self.timer.start)
        session.chapters_changed.connect(self.timer.start)
        session.closed.connect(self._closed)
        try:
            focus = shell.action("view.focus_mode")
        except KeyError:
            pass
        else:
            focus.toggled.connect(lambda _on: QTimer.singleShot(0, self._place_overlay))

    def _focus_mode(self) -> bool:
        try:
            return self.shell.action("view.focus_mode").isChecked()
        except KeyError:
            return False

    def _opened(self) -> None:
        project = self.session.project
        assert project is not None
        try:
            history = load_history(project.root)
        except StudioError as exc:
            self.shell.say(str(exc))
            history = []
        words = words_today(history)
        self.today = Day(dt.date.today(), 0, words)
        self._show(words)
        self.baseline = None
        if not history:  # the story's words before any writing here (counted, not written)
            # Counted on the worker once the chapter is on screen, paths found there too
            # (one file-system call each): a million words hold Python's lock for a
            # quarter of a second, which the opening would wait out.
            cache, root, story_file = self.cache, project.root, project.story_file
            files = [c.file for c in project.chapters]
            self.shell.when_shown(
                lambda: self.shell.run_latest(
                    "progress.baseline",
                    lambda: cache.total(
                        [chapter_file_path(root, file, story_file=story_file) for file in files]
                    ),
                    lambda total: self._baseline(root, total),  # a bad path: no baseline
                )
            )

    def _baseline(self, root: Path, total: object) -> None:
        project = self.session.project
        if project is not None and project.root == root and isinstance(total, int):
            self.baseline = total

    def _closed(self) -> None:
        self.timer.stop()
        self.today = None
        self.label.clear()
        self.overlay.hide()

    def count(self) -> None:
        """Count the story's words in the background and record them for today."""
        project = self.session.project
        if project is None or self.session.read_only:
            return
        root = project.root
        try:
            paths = [project.chapter_path(c) for c in project.chapters]
        except StudioError as exc:
            self.shell.say(str(exc))
            return
        cache, baseline = self.cache, self.baseline
        self.baseline = None

        def job() -> Day:
            total = cache.total(paths)
            if baseline is not None and not load_history(root):
                record_words(root, baseline)  # the first history starts before this save
            return record_words(root, total)

        self.shell.run_latest("progress.words", job, lambda day: self._counted(root, day))

    def _counted(self, root: Path, result: object) -> None:
        project = self.session.project
        if project is None or project.root != root:
            return
        if isinstance(result, StudioError | OSError):
            self.shell.say(f"Words today not recorded: {result}")
            return
        if isinstance(result, Day):
            self.today = result
            self._show(result.words)
            self.recorded.emit(result)

    def _show(self, words: int) -> None:
        project = self.session.project
        goal = project.progress.daily_goal if project is not None else 0
        text = today_text(words, goal)
        self.label.setText(text)
        self.overlay.setText(text)
        self.overlay.adjustSize()
        self._place_overlay()

    def _place_overlay(self) -> None:
        window = self.shell.dialog_parent()
        on = self._focus_mode() and self.session.is_open and bool(self.overlay.text())
        self.overlay.setVisible(on)
        if on:
            ink = window.palette().color(QPalette.ColorRole.WindowText)
            style = (
                f"QLabel {{ color: rgba({ink.red()}, {ink.green()}, {ink.blue()}, 150);"
                " padding: 6px 14px; }"
            )
            if style != self.overlay.styleSheet():  # only when the theme changed
                self.overlay.setStyleSheet(style)
                self.overlay.adjustSize()
            self.overlay.move(
                window.width() - self.overlay.width() - 28,  # clear of the scroll bar
                window.height() - self.overlay.height() - 6,
            )
            self.overlay.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if isinstance(watched, QWidget) and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.WindowStateChange,
            QEvent.Type.LayoutRequest,
        ):
            self._place_overlay()
        return False


def install(shell: Shell, session: StorySession) -> ProgressFeature:
    return ProgressFeature(shell, session)
