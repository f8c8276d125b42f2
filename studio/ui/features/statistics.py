"""Tools ▸ Statistics: the writer's progress in a window of its own.

Words per day with the daily goal, the streak, the story's total over time and each
chapter against its target (`studio.ui.progress.statistics`, fed by
`studio.story.progress`), and below them the targets themselves: the story's, each
chapter's and the daily goal, saved to story.toml through the session (off while
read-only). Not modal: the window stays usable, and it follows each save.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from studio.errors import StudioError
from studio.story import Project, story_stats
from studio.story.progress import progress_report
from studio.ui.features.progress import ProgressFeature
from studio.ui.progress.statistics import StatisticsWidget
from studio.ui.session import StorySession
from studio.ui.shell import ActionSpec, Shell

MAX_TARGET = 10_000_000


def _spin(object_name: str, step: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(object_name)
    spin.setRange(0, MAX_TARGET)
    spin.setSingleStep(step)
    spin.setGroupSeparatorShown(True)
    spin.setSpecialValueText("none")  # 0 means no target
    spin.setKeyboardTracking(False)  # one change when the author stops typing
    return spin


class TargetsBox(QGroupBox):
    """The story's target, the daily goal and a target per chapter, editable."""

    def __init__(self, window: StatisticsWindow) -> None:
        super().__init__("Targets")
        self.owner = window
        self.story_target = _spin("storyTarget", 1000)
        self.daily_goal = _spin("dailyGoal", 100)
        form = QFormLayout()
        form.addRow("Story target (words)", self.story_target)
        form.addRow("Daily goal (words)", self.daily_goal)
        self.chapters = QTableWidget(0, 2)
        self.chapters.setObjectName("chapterTargets")
        self.chapters.setHorizontalHeaderLabels(["Chapter", "Target (words)"])
        self.chapters.verticalHeader().hide()
        self.chapters.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.chapters.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout = QHBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.chapters, 1)
        self.story_target.valueChanged.connect(lambda v: self.owner.set_target("story", v))
        self.daily_goal.valueChanged.connect(lambda v: self.owner.set_target("daily", v))

    def chapter_spins(self) -> list[QSpinBox]:
        spins = []
        for row in range(self.chapters.rowCount()):
            widget = self.chapters.cellWidget(row, 1)
            if isinstance(widget, QSpinBox):
                spins.append(widget)
        return spins

    def show_project(self, project: Project) -> None:
        for spin in (self.story_target, self.daily_goal, *self.chapter_spins()):
            spin.blockSignals(True)
        self.story_target.setValue(project.progress.word_target)
        self.daily_goal.setValue(project.progress.daily_goal)
        chapters = project.chapters
        self.chapters.setRowCount(len(chapters))
        for row, chapter in enumerate(chapters):
            name = QTableWidgetItem(f"{row + 1}. {chapter.title.strip() or chapter.file}")
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.chapters.setItem(row, 0, name)
            cell = self.chapters.cellWidget(row, 1)
            if isinstance(cell, QSpinBox):
                spin = cell
            else:
                spin = _spin(f"chapterTarget{row + 1}", 500)
                spin.setFrame(False)
                spin.valueChanged.connect(lambda v, r=row: self.owner.set_target(f"chapter:{r}", v))
                self.chapters.setCellWidget(row, 1, spin)
            spin.blockSignals(True)
            spin.setValue(chapter.word_target)
        for spin in (self.story_target, self.daily_goal, *self.chapter_spins()):
            spin.blockSignals(False)
        self.chapters.setFixedHeight(
            min(220, self.chapters.horizontalHeader().height() + 4 + 30 * max(1, len(chapters)))
        )


class StatisticsWindow(QDialog):
    """The Statistics window: the charts (scrolling on a small screen) and the targets."""

    def __init__(self, shell: Shell, session: StorySession) -> None:
        super().__init__(shell.dialog_parent())
        self.setObjectName("statisticsWindow")
        self.setWindowTitle("Statistics")
        self.shell, self.session = shell, session
        self.report = StatisticsWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.report)
        self.targets = TargetsBox(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.targets)
        layout.addWidget(buttons)
        screen = shell.dialog_parent().screen().availableGeometry()
        self.resize(min(780, screen.width() - 40), min(900, screen.height() - 60))
        for signal in (session.story_saved, session.chapters_changed):
            signal.connect(self.refresh)
        session.document_saved.connect(lambda _doc: self.refresh())
        progress = shell.findChild(ProgressFeature)
        if progress is not None:  # the day's words land in history.toml after the save
            progress.recorded.connect(lambda _day: self.refresh())
        session.read_only_changed.connect(lambda _on: self.refresh())
        session.closed.connect(self.close)

    def refresh(self) -> None:
        """Show the story's progress now (from the saved chapters and history.toml)."""
        project = self.session.project
        if project is None or not self.isVisible():
            return
        try:
            report = progress_report(project, story_stats(project))
        except StudioError as exc:
            self.shell.say(f"Statistics: {exc}")
            return
        self.report.set_report(report)
        self.targets.show_project(project)
        self.targets.setEnabled(self.session.can_edit())
        self.targets.setToolTip("" if self.session.can_edit() else "The story is open read-only")

    def set_target(self, which: str, words: int) -> bool:
        """Set the story's target ("story"), the daily goal ("daily") or chapter n's
        ("chapter:n", 0-based), and save story.toml (refused while read-only)."""
        project = self.session.project
        if project is None:
            return False
        try:
            self.session.refuse_if_read_only("the story is open read-only: targets unchanged")
        except StudioError as exc:
            self.shell.say(str(exc))
            return False
        if which == "story":
            project.progress.word_target = words
        elif which == "daily":
            project.progress.daily_goal = words
        else:
            project.chapters[int(which.split(":", 1)[1])].word_target = words
        try:
            self.session.save_story()
        except StudioError as exc:
            self.shell.say(f"story.toml not saved: {exc}", 15000)
            return False
        return True


def show_statistics(shell: Shell, session: StorySession) -> StatisticsWindow | None:
    if session.project is None:
        return None
    shell.save_all()
    window = shell.dialog_parent().findChild(StatisticsWindow, "statisticsWindow")
    if window is None:
        window = StatisticsWindow(shell, session)
    window.show()
    window.raise_()
    window.refresh()
    return window


def install(shell: Shell, session: StorySession) -> None:
    shell.add_action(
        ActionSpec(
            "tools.statistics",
            "&Statistics…",
            "tools/story",
            lambda: show_statistics(shell, session),
            needs_story=True,
            tip="Words per day, the streak, the story over time and the targets",
        )
    )


__all__ = ["StatisticsWindow", "TargetsBox", "install", "show_statistics"]
