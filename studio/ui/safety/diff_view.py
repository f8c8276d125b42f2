"""The side-by-side compare view: two versions of a chapter, changed words marked."""

from __future__ import annotations

import html
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from studio.safety.diff import Fold, Row, Span, count_changes, side_by_side
from studio.ui.safety.tones import DiffColors, diff_colors


class DiffView(QWidget):
    """Two texts side by side in one scrolling table, so wrapped paragraphs stay aligned."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.summary = QLabel()
        self.summary.setObjectName("diffSummary")
        self.browser = QTextBrowser()
        self.browser.setObjectName("diffBrowser")
        self.browser.setOpenLinks(False)
        layout.addWidget(self.summary)
        layout.addWidget(self.browser, 1)
        self.rows: list[Row | Fold] = []

    def set_texts(self, left: str, right: str, left_title: str, right_title: str) -> None:
        self.rows = side_by_side(left, right, context=1)
        changes = count_changes(self.rows)
        if changes == 0:
            self.summary.setText("The two versions are the same.")
        else:
            noun = "line differs" if changes == 1 else "lines differ"
            self.summary.setText(f"{changes} {noun}. Unchanged paragraphs are folded away.")
        self.browser.setHtml(render_html(self.rows, left_title, right_title, diff_colors(self)))


def render_html(rows: list[Row | Fold], left_title: str, right_title: str, c: DiffColors) -> str:
    out = [
        "<table width='100%' cellspacing='0' cellpadding='6' style='border-collapse: collapse'>",
        f"<tr><th width='4%'></th><th width='46%' align='left'>{html.escape(left_title)}</th>"
        f"<th width='4%'></th><th width='46%' align='left'>{html.escape(right_title)}</th></tr>",
    ]
    for row in rows:
        if isinstance(row, Fold):
            noun = "line" if row.lines == 1 else "lines"
            out.append(
                f"<tr><td colspan='4' align='center' style='color:{c.fold}'>"
                f"⋯ {row.lines} unchanged {noun} ⋯</td></tr>"
            )
            continue
        left_bg = c.removed_line if row.tag in ("replace", "delete") else ""
        right_bg = c.added_line if row.tag in ("replace", "insert") else ""
        out.append(
            "<tr>"
            + _number(row.left_no, c)
            + _cell(row.left, row.left_spans, left_bg, c.removed_word)
            + _number(row.right_no, c)
            + _cell(row.right, row.right_spans, right_bg, c.added_word)
            + "</tr>"
        )
    out.append("</table>")
    return "".join(out)


def _number(number: int | None, c: DiffColors) -> str:
    text = "" if number is None else str(number)
    return f"<td align='right' valign='top' style='color:{c.number}'><small>{text}</small></td>"


def _cell(text: str | None, spans: tuple[Span, ...], background: str, word: str) -> str:
    style = f" bgcolor='{background}'" if background else ""
    if text is None:
        return f"<td{style}></td>"
    parts, at = [], 0
    for span in spans:
        parts.append(html.escape(text[at : span.start]))
        changed = html.escape(text[span.start : span.end])
        parts.append(f"<span style='background-color:{word}'>{changed}</span>")
        at = span.end
    parts.append(html.escape(text[at:]))
    return f"<td valign='top'{style}>{''.join(parts)}</td>"


class Choice(Enum):
    KEEP_MINE = "keep-mine"
    TAKE_FILE = "take-file"
    CLOSED = "closed"


class CompareDialog(QDialog):
    """Yours on the left, the file on disk on the right; decide from here or just look."""

    def __init__(self, title: str, mine: str, on_disk: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Compare “{title}”")
        self.resize(1100, 680)
        self.choice = Choice.CLOSED
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 14, 14, 12)
        self.view = DiffView()
        self.view.set_texts(mine, on_disk, "Yours (unsaved)", "The file on disk")
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox()
        self.keep_button = QPushButton("Keep mine")
        self.take_button = QPushButton("Take the file’s")
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setIcon(QIcon())
        buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button.setDefault(True)
        self.keep_button.clicked.connect(lambda: self._choose(Choice.KEEP_MINE))
        self.take_button.clicked.connect(lambda: self._choose(Choice.TAKE_FILE))
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()
