"""The Statistics window's contents: words per day, the streak, the total over time,
and each chapter against its target.

Self-contained: `StatisticsWidget.set_report` takes a `ProgressReport` (plain data
from `studio.story.progress`), so the window only has to build the report and show
the widget. The charts are painted with QPainter in the palette's colours, so they
follow the light and dark themes.
"""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from studio.story.progress import ChapterTarget, ProgressReport, daily_series, total_series

DAYS_SHOWN = 30
ACCENT = QColor("#3d7fb8")
MET = QColor("#2e8b57")
TARGET = QColor("#c0392b")


def today_text(words: int, goal: int) -> str:
    """ "+312 words today", "+312 of 500 words today", "0 words today"; a day that
    removed more than it added (editing) reads "40 words cut today", never "−40 words
    today" (the count is net, as the history keeps it, but a writer reads a minus as
    a fault)."""
    if words < 0:
        cut = f"{-words:,} word{'s' if words != -1 else ''} cut today"
        return f"{cut} (goal {goal:,})" if goal else cut
    amount = f"+{words:,}" if words else "0"
    noun = "word" if words == 1 else "words"
    return f"{amount} of {goal:,} words today" if goal else f"{amount} {noun} today"


def _ink(widget: QWidget) -> QColor:
    return widget.palette().color(QPalette.ColorRole.WindowText)


def _faint(widget: QWidget) -> QColor:
    colour = _ink(widget)
    colour.setAlpha(60)
    return colour


class DailyChart(QWidget):
    """Bars of words written per day for the last `DAYS_SHOWN` days, the goal a line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dailyChart")
        self.series: list[tuple[dt.date, int]] = []
        self.goal = 0
        self.setMinimumHeight(150)

    def set_series(self, series: list[tuple[dt.date, int]], goal: int) -> None:
        self.series, self.goal = series, goal
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(560, 170)

    def bar_rects(self) -> list[QRectF]:
        """Where each day's bar is drawn (for the paint and for tests)."""
        area = self._area()
        if not self.series:
            return []
        top = max([self.goal, *(max(0, w) for _, w in self.series)]) or 1
        width = area.width() / len(self.series)
        rects = []
        for index, (_day, words) in enumerate(self.series):
            height = area.height() * max(0, words) / top
            left = area.left() + index * width + width * 0.15
            rects.append(QRectF(left, area.bottom() - height, width * 0.7, height))
        return rects

    def goal_y(self) -> float | None:
        if not self.goal or not self.series:
            return None
        area = self._area()
        top = max([self.goal, *(max(0, w) for _, w in self.series)])
        return area.bottom() - area.height() * self.goal / top

    def _area(self) -> QRectF:
        return QRectF(8, 8, max(1, self.width() - 16), max(1, self.height() - 28))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self._area()
        painter.setPen(QPen(_faint(self), 1))
        painter.drawLine(QPointF(area.left(), area.bottom()), QPointF(area.right(), area.bottom()))
        for (_day, words), rect in zip(self.series, self.bar_rects(), strict=True):
            met = self.goal and words >= self.goal
            painter.fillRect(rect, MET if met else ACCENT)
        goal = self.goal_y()
        if goal is not None:
            pen = QPen(TARGET, 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(area.left(), goal), QPointF(area.right(), goal))
            label = f"goal {self.goal:,}"
            width = painter.fontMetrics().horizontalAdvance(label)
            painter.drawText(QPointF(area.right() - width, goal - 4), label)
        if self.series:
            painter.setPen(_ink(self))
            first, last = self.series[0][0], self.series[-1][0]
            baseline = area.bottom() + 16
            painter.drawText(QPointF(area.left(), baseline), first.strftime("%d %b"))
            label = last.strftime("%d %b")
            width = painter.fontMetrics().horizontalAdvance(label)
            painter.drawText(QPointF(area.right() - width, baseline), label)
        painter.end()


class TotalChart(QWidget):
    """The story's length at the end of each counted day, as a line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totalChart")
        self.series: list[tuple[dt.date, int]] = []
        self.target = 0
        self.setMinimumHeight(120)

    def set_series(self, series: list[tuple[dt.date, int]], target: int) -> None:
        self.series, self.target = series, target
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(560, 140)

    def _area(self) -> QRectF:
        return QRectF(8, 20, max(1, self.width() - 16), max(1, self.height() - 28))

    def points(self) -> list[QPointF]:
        """One point a counted day; the height runs from the lowest total to the
        highest total or the target, so a month's growth is visible on a long story."""
        if not self.series:
            return []
        area = self._area()
        first, last = self.series[0][0], self.series[-1][0]
        span = max(1, (last - first).days)
        low = min(t for _, t in self.series)
        high = max([self.target, *(t for _, t in self.series)])
        rise = max(1, high - low)
        return [
            QPointF(
                area.left() + area.width() * (day - first).days / span,
                area.bottom() - area.height() * (total - low) / rise,
            )
            for day, total in self.series
        ]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        points = self.points()
        area = self._area()
        if self.target and self.series:
            high = max([self.target, *(t for _, t in self.series)])
            if high == self.target:
                painter.setPen(QPen(TARGET, 1.5, Qt.PenStyle.DashLine))
                painter.drawLine(
                    QPointF(area.left(), area.top()), QPointF(area.right(), area.top())
                )
        painter.setPen(QPen(ACCENT, 2))
        for start, end in itertools.pairwise(points):
            painter.drawLine(start, end)
        for point in points:
            painter.drawEllipse(point, 2.5, 2.5)
        if self.series:
            painter.setPen(_ink(self))
            low = min(t for _, t in self.series)
            now = f"{self.series[-1][1]:,} words"
            if self.target:
                now += f" (target {self.target:,}, dashed)"
            painter.drawText(QPointF(area.left(), area.top() - 6), now)
            label = f"from {low:,}"
            width = painter.fontMetrics().horizontalAdvance(label)
            painter.drawText(QPointF(area.right() - width, area.bottom() + 6), label)
        painter.end()


class ChapterBars(QWidget):
    """One bar a chapter: its words, against its target when it has one."""

    ROW = 22

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chapterBars")
        self.chapters: list[ChapterTarget] = []

    def set_chapters(self, chapters: list[ChapterTarget]) -> None:
        self.chapters = chapters
        self.setMinimumHeight(self.ROW * max(1, len(chapters)) + 8)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(560, self.ROW * max(1, len(self.chapters)) + 8)

    def label(self, chapter: ChapterTarget) -> str:
        name = chapter.title or f"Chapter {chapter.number}"
        target = f" of {chapter.target:,}" if chapter.target else ""
        return f"{chapter.number}. {name}: {chapter.words:,}{target}"

    def bar_rects(self) -> list[tuple[QRectF, QRectF | None]]:
        """Each chapter's (words bar, target outline or None)."""
        left = self.width() * 0.45
        width = max(1.0, self.width() - left - 8)
        top = max([1, *(max(c.words, c.target) for c in self.chapters)])
        rects: list[tuple[QRectF, QRectF | None]] = []
        for index, chapter in enumerate(self.chapters):
            y = 4 + index * self.ROW + 4
            bar = QRectF(left, y, width * chapter.words / top, self.ROW - 8)
            target = QRectF(left, y, width * chapter.target / top, self.ROW - 8)
            rects.append((bar, target if chapter.target else None))
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        for index, (chapter, (bar, target)) in enumerate(
            zip(self.chapters, self.bar_rects(), strict=True)
        ):
            met = chapter.target and chapter.words >= chapter.target
            painter.fillRect(bar, MET if met else ACCENT)
            if target is not None:
                painter.setPen(QPen(TARGET, 1.5))
                painter.drawRect(target)
            painter.setPen(_ink(self))
            text_rect = QRectF(4, 4 + index * self.ROW, bar.left() - 10, self.ROW)
            painter.drawText(
                text_rect,
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                painter.fontMetrics().elidedText(
                    self.label(chapter), Qt.TextElideMode.ElideRight, int(text_rect.width())
                ),
            )
        painter.end()


class StatisticsWidget(QWidget):
    """The whole Statistics window body, from one `ProgressReport`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statistics")
        self.today = QLabel()
        self.today.setObjectName("wordsToday")
        self.streak = QLabel()
        self.streak.setObjectName("streak")
        self.total = QLabel()
        self.total.setObjectName("storyTotal")
        for label in (self.today, self.streak, self.total):
            label.setTextFormat(Qt.TextFormat.PlainText)
            font = label.font()
            font.setPointSizeF(font.pointSizeF() * 1.15)
            label.setFont(font)
        self.daily = DailyChart()
        self.totals = TotalChart()
        self.chapters = ChapterBars()
        numbers = QGridLayout()
        numbers.addWidget(self.today, 0, 0)
        numbers.addWidget(self.streak, 0, 1)
        numbers.addWidget(self.total, 0, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(numbers)
        layout.addWidget(_box(f"Words per day (last {DAYS_SHOWN} days)", self.daily))
        layout.addWidget(_box("The story over time", self.totals))
        layout.addWidget(_box("Chapters against their targets", self.chapters))
        layout.addStretch(1)

    def set_report(self, report: ProgressReport) -> None:
        self.today.setText(today_text(report.words_today, report.daily_goal))
        days = "day" if report.streak == 1 else "days"
        self.streak.setText(f"Streak: {report.streak} {days}")
        target = f" of {report.word_target:,}" if report.word_target else ""
        self.total.setText(f"{report.words:,} words{target}")
        first = report.today - dt.timedelta(days=DAYS_SHOWN - 1)
        self.daily.set_series(daily_series(report.days, first, report.today), report.daily_goal)
        self.totals.set_series(total_series(report.days), report.word_target)
        self.chapters.set_chapters(report.chapters)


def _box(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    QVBoxLayout(box).addWidget(widget)
    return box
