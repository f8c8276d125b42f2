"""The chapter list on the left: pick, add, rename, reorder (drag and drop), delete.

The list only shows and asks: its requests reach the chapters feature
(features/chapters.py) through the shell, which changes the project; the window then
calls `set_chapters` again, so story.toml stays the one source of truth.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDropEvent, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from studio.ui.shell import ChapterMark

FILE_ROLE = Qt.ItemDataRole.UserRole
TITLE_ROLE = Qt.ItemDataRole.UserRole + 1
WORDS_ROLE = Qt.ItemDataRole.UserRole + 2
MARK_ROLE = Qt.ItemDataRole.UserRole + 3
CHANGED = QColor("#c77d1a")  # a mark asking for attention (posted, then edited)
CHANGED_SELECTED = QColor("#ffd08a")  # the same on the selection's colour

_Index = QModelIndex | QPersistentModelIndex
_ITEM_MIME = "application/x-qabstractitemmodeldatalist"


@dataclass(frozen=True)
class ChapterEntry:
    file: str
    title: str
    words: int | None = None


class _ChapterDelegate(QStyledItemDelegate):
    """Paints "3  Harbour Lights ……… 1,204" and edits only the title."""

    def __init__(self, owner: ChapterList) -> None:
        super().__init__(owner)
        self.owner = owner

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        return QSize(200, max(34, option.fontMetrics.height() + 16))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        text_color = opt.palette.color(
            group,
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text,
        )
        dim = QColor(text_color)
        dim.setAlphaF(0.55)
        rect: QRect = opt.rect.adjusted(12, 0, -12, 0)
        painter.save()
        font = QFont(opt.font)
        painter.setFont(font)
        painter.setPen(dim)
        number_width = opt.fontMetrics.horizontalAdvance("00") + 10
        align = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(
            rect.adjusted(0, 0, -(rect.width() - number_width), 0),
            int(align | Qt.AlignmentFlag.AlignRight),
            f"{index.row() + 1}",
        )
        words = index.data(WORDS_ROLE)
        words_text = f"{words:,}" if isinstance(words, int) else ""
        words_width = opt.fontMetrics.horizontalAdvance(words_text) + 8 if words_text else 0
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.88)
        painter.setFont(small)
        painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignRight), words_text)
        painter.setFont(font)
        mark = index.data(MARK_ROLE)
        mark_width = 0
        if isinstance(mark, ChapterMark) and mark.mark:
            mark_width = opt.fontMetrics.horizontalAdvance("●") + 8
            alert = CHANGED_SELECTED if selected else CHANGED
            painter.setPen(alert if mark.alert else dim)
            painter.drawText(
                rect.adjusted(number_width + 8, 0, 0, 0),
                int(align | Qt.AlignmentFlag.AlignLeft),
                mark.mark,
            )
        painter.setPen(text_color)
        title_rect = rect.adjusted(number_width + 10 + mark_width, 0, -words_width, 0)
        title = opt.fontMetrics.elidedText(
            str(index.data(TITLE_ROLE) or ""), Qt.TextElideMode.ElideRight, title_rect.width()
        )
        painter.drawText(title_rect, int(align | Qt.AlignmentFlag.AlignLeft), title)
        painter.restore()

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setMaxLength(255)
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:  # noqa: N802
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(TITLE_ROLE) or ""))

    def setModelData(self, editor: QWidget, model: object, index: _Index) -> None:  # noqa: N802
        if isinstance(editor, QLineEdit):
            title = editor.text().strip()
            file = str(index.data(FILE_ROLE))
            if title and title != index.data(TITLE_ROLE):
                self.owner.rename_requested.emit(file, title)


class ChapterList(QListWidget):
    """Chapters in story order. Drag to reorder; double-click or F2 to rename."""

    chapter_activated = Signal(str)  # file
    order_changed = Signal(list)  # the files in their new order
    rename_requested = Signal(str, str)  # file, new title

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chapterList")
        self.setItemDelegate(_ChapterDelegate(self))
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setFrameShape(QListWidget.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemClicked.connect(self._activated)
        self.itemActivated.connect(self._activated)
        self.currentItemChanged.connect(self._moved_to)  # arrow keys show the chapter too
        self._marks: dict[str, ChapterMark] = {}

    def set_chapters(self, entries: list[ChapterEntry], current: str | None = None) -> None:
        """Show `entries` in order, selecting the chapter whose file is `current`."""
        self.blockSignals(True)
        self.clear()
        for entry in entries:
            item = QListWidgetItem()
            item.setData(FILE_ROLE, entry.file)
            item.setData(TITLE_ROLE, entry.title or entry.file)
            item.setData(WORDS_ROLE, entry.words)
            self._decorate(item, entry.file)
            item.setFlags(
                Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsEditable
                | Qt.ItemFlag.ItemIsDragEnabled
            )
            self.addItem(item)
        self.blockSignals(False)
        if current is not None:
            self.select_file(current)

    def set_words(self, file: str, words: int) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(FILE_ROLE) == file:
                item.setData(WORDS_ROLE, words)

    def set_marks(self, marks: dict[str, ChapterMark]) -> None:
        """Show `marks` (by chapter file) beside the titles; kept across set_chapters."""
        self._marks = dict(marks)
        for row in range(self.count()):
            item = self.item(row)
            self._decorate(item, str(item.data(FILE_ROLE)))

    def mark(self, file: str) -> ChapterMark | None:
        return self._marks.get(file)

    def _decorate(self, item: QListWidgetItem, file: str) -> None:
        mark = self._marks.get(file)
        if item.data(MARK_ROLE) == mark and item.toolTip():
            return  # unchanged: no dataChanged, which would reset a title being edited
        if self.state() == QAbstractItemView.State.EditingState and item is self.currentItem():
            return  # shown when the rename ends (closeEditor)
        item.setData(MARK_ROLE, mark)
        item.setToolTip(f"{mark.tooltip}\n{file}" if mark is not None else file)

    def closeEditor(  # noqa: N802 (Qt's name)
        self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint
    ) -> None:
        super().closeEditor(editor, hint)
        self.set_marks(self._marks)  # a mark that changed during the rename

    def file_at(self, position: QPoint) -> str | None:
        """The chapter under `position` (viewport coordinates), if any."""
        item = self.itemAt(position)
        return str(item.data(FILE_ROLE)) if item is not None else None

    def files(self) -> list[str]:
        return [str(self.item(row).data(FILE_ROLE)) for row in range(self.count())]

    def current_file(self) -> str | None:
        item = self.currentItem()
        return str(item.data(FILE_ROLE)) if item is not None else None

    def select_file(self, file: str) -> None:
        self.blockSignals(True)
        for row in range(self.count()):
            if self.item(row).data(FILE_ROLE) == file:
                self.setCurrentRow(row)
                break
        self.blockSignals(False)

    def rename_current(self) -> None:
        item = self.currentItem()
        if item is not None:
            self.editItem(item)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """Move the dragged chapter to where it was dropped and emit `order_changed`.

        The list does not move its own items: the window reorders story.toml and
        then shows the new order, so what is shown is always what is on disk.
        """
        source = self.currentRow()
        own_drag = event.source() in (self, None) and event.mimeData().hasFormat(_ITEM_MIME)
        if not own_drag or source < 0:
            event.ignore()
            return
        target = self.drop_row(event.position().toPoint())
        event.setDropAction(Qt.DropAction.IgnoreAction)  # keep Qt from moving items too
        event.accept()
        if target > source:
            target -= 1
        files = self.files()
        if target != source:
            files.insert(target, files.pop(source))
            self.order_changed.emit(files)

    def drop_row(self, position: QPoint) -> int:
        """The row a chapter dropped at `position` (viewport coordinates) goes before."""
        index = self.indexAt(position)
        if not index.isValid():
            return self.count()
        rect = self.visualRect(index)
        return index.row() + (1 if position.y() >= rect.center().y() else 0)

    def _moved_to(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is not None and self.state() != QAbstractItemView.State.EditingState:
            self._activated(item)

    def _activated(self, item: QListWidgetItem) -> None:
        self.chapter_activated.emit(str(item.data(FILE_ROLE)))
