"""The Review panel: every comment and suggestion of the story, by chapter.

A tree: one row per chapter that has any, under it its comments (with their reply
count) and suggestions in text order; resolved comments and decided suggestions are
greyed, detached ones say so and keep their quoted words. A click, or Enter, shows the
words in the editor; below the list the selected item's thread, a reply box and the
buttons that act on it (Reply, Resolve / Reopen, Accept / Reject, Delete).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.review import Comment, Kind, Status, Suggestion
from studio.ui.review.colors import review_colors
from studio.ui.review.state import ReviewState

ROLE = Qt.ItemDataRole.UserRole


def quote(text: str, limit: int = 48) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def item_label(item: Comment | Suggestion) -> str:
    if isinstance(item, Comment):
        replies = f"  ({len(item.replies)} repl{'y' if len(item.replies) == 1 else 'ies'})"
        words = f"  — on “{quote(item.anchor.exact, 30)}”" if item.anchor.exact else ""
        label = f"❝ {item.author}: {quote(item.text)}{words}{replies if item.replies else ''}"
        if item.resolved:
            label += "  ✓ resolved"
    else:
        label = f"✎ {item.author}: {change_text(item)}"
        if not item.pending:
            label += f"  ({item.status})"
    if item.anchor.detached:
        label = f"⚠ detached — {label}"
    return label


def change_text(item: Suggestion) -> str:
    """A suggestion in a few words: insert “x”, delete “y”, “y” → “x”."""
    kind = item.kind
    if item.status is Status.ACCEPTED:  # its words are the new ones now
        return f"“{quote(item.text, 30)}”" if item.text else "a deletion"
    if kind is Kind.INSERT:
        return f"insert “{quote(item.text, 30)}”"
    if kind is Kind.DELETE:
        return f"delete “{quote(item.anchor.exact, 30)}”"
    return f"“{quote(item.anchor.exact, 24)}” → “{quote(item.text, 24)}”"


def when(stamp: str) -> str:
    """A stored UTC time as the reader's local time: 2 Dec 2026, 06:59."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return stamp
    return f"{moment.day} {moment:%b %Y, %H:%M}"


def thread_html(item: Comment | Suggestion) -> str:
    """The item as the panel and the tooltip show it."""
    esc = html.escape
    lines = []
    if item.anchor.detached:
        lines.append(
            f"<p><b>Detached</b>: its words are no longer in the chapter. They were "
            f"<i>“{esc(item.anchor.exact)}”</i>.</p>"
        )
    if isinstance(item, Comment):
        lines.append(f"<p><b>{esc(item.author)}</b> <small>{esc(when(item.created))}</small><br>")
        lines.append(f"{esc(item.text)}</p>")
        for reply in item.replies:
            lines.append(
                f"<p style='margin-left:12px'><b>{esc(reply.author)}</b> "
                f"<small>{esc(when(reply.created))}</small><br>{esc(reply.text)}</p>"
            )
        if item.resolved:
            lines.append("<p><i>Resolved</i></p>")
    else:
        old, new = esc(item.anchor.exact), esc(item.text)
        colors = review_colors()
        added, removed = colors.insert_ink.name(), colors.deleted_ink.name()
        change = {
            Kind.INSERT: f"Insert <span style='color:{added}'><u>{new}</u></span>",
            Kind.DELETE: f"Delete <span style='color:{removed}'><s>{old}</s></span>",
            Kind.REPLACE: f"<span style='color:{removed}'><s>{old}</s></span> → "
            f"<span style='color:{added}'><u>{new}</u></span>",
        }[item.kind]
        lines.append(f"<p><b>{esc(item.author)}</b> <small>{esc(when(item.created))}</small><br>")
        lines.append(f"{change}</p>")
        if not item.pending:
            lines.append(f"<p><i>{esc(str(item.status).capitalize())}</i></p>")
    return "".join(lines)


class _Tree(QTreeWidget):
    entered = Signal(QTreeWidgetItem)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.entered.emit(self.currentItem())
            return
        super().keyPressEvent(event)


class ReviewPanel(QWidget):
    """The dock's content (see module docstring)."""

    go = Signal(str, str)  # chapter file, item id
    act = Signal(str, str, str, str)  # what, chapter file, item id, reply text

    def __init__(self, state: ReviewState, titles: Callable[[], list[tuple[str, str]]]) -> None:
        super().__init__()
        self.setObjectName("reviewPanel")
        self.state = state
        self.titles = titles
        self.tree = _Tree()
        self.tree.setObjectName("reviewTree")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.only_open = QCheckBox("Only open ones")
        self.only_open.setObjectName("reviewOnlyOpen")
        self.summary = QLabel()
        self.thread_view = QTextBrowser()
        self.thread_view.setObjectName("reviewThread")
        self.thread_view.setOpenLinks(False)
        self.reply = QLineEdit()
        self.reply.setObjectName("reviewReply")
        self.reply.setPlaceholderText("Reply…")
        self.buttons: dict[str, QPushButton] = {}
        # Two short rows, not one long one: six buttons side by side made the dock (and
        # so the window) wider than a 1280-pixel screen, and the last ones were cut off.
        row = self._button_row(
            (("reply", "Reply", ""), ("resolve", "Resolve", ""), ("reopen", "Reopen", "")),
            self._act,
        )
        change_row = self._button_row(
            (("accept", "Accept", ""), ("reject", "Reject", ""), ("delete", "Delete", "")),
            self._act,
        )
        # The chapter of the selected row (its heading or one of its items), all at once.
        chapter_row = self._button_row(
            (
                ("accept_all", "Accept All", "Accept"),
                ("reject_all", "Reject All", "Reject"),
            ),
            self._act_chapter,
            "All in chapter:",
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.only_open)
        layout.addWidget(self.tree, 3)
        layout.addWidget(self.thread_view, 2)
        layout.addWidget(self.reply)
        layout.addLayout(row)
        layout.addLayout(change_row)
        layout.addLayout(chapter_row)
        self.tree.currentItemChanged.connect(lambda _a, _b: self._show_selected())
        self.tree.itemClicked.connect(lambda item, _col: self._go(item))
        self.tree.entered.connect(self._go)
        self.reply.returnPressed.connect(lambda: self._act("reply"))
        self.only_open.toggled.connect(lambda _on: self.refresh())
        # Typing moves anchors on every key: the list is rebuilt once typing pauses.
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(250)
        self._soon.timeout.connect(self.refresh)
        state.changed.connect(lambda _f: self._soon.start())
        state.reset.connect(self.refresh)
        self.editable = True
        self.refresh()

    def _button_row(
        self,
        buttons: tuple[tuple[str, str, str], ...],
        slot: Callable[[str], None],
        label: str = "",
    ) -> QHBoxLayout:
        """A row of buttons (key, label, verb of the tooltip), each calling `slot(key)`."""
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        if label:
            row.addWidget(QLabel(label))
        for key, text, verb in buttons:
            button = QPushButton(text)
            button.setObjectName(f"review-{key}")
            if verb:
                button.setToolTip(f"{verb} every pending suggestion of the selected row's chapter")
            button.clicked.connect(lambda _c=False, k=key: slot(k))
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        return row

    def selected(self) -> tuple[str, str] | None:
        current = self.tree.currentItem()
        data = current.data(0, ROLE) if current is not None else None
        return data if isinstance(data, tuple) else None

    def refresh(self) -> None:
        keep = self.selected()
        self.tree.clear()
        open_count = 0
        everything = not self.only_open.isChecked()
        reviewed = any(not review.is_empty for review in self.state.reviews.values())
        for file, title in self.titles() if reviewed else []:  # no titles to read for none
            review = self.state.reviews.get(file)
            if review is None or review.is_empty:
                continue
            items: list[Comment | Suggestion] = [*review.comments, *review.suggestions]
            items.sort(key=lambda i: (i.anchor.detached, i.anchor.start))
            shown = [i for i in items if everything or _is_open(i)]
            open_here = sum(1 for i in items if _is_open(i))
            open_count += open_here
            if not shown:
                continue
            top = QTreeWidgetItem([f"{title} — {open_here} open"])
            top.setData(0, ROLE, (file, ""))
            self.tree.addTopLevelItem(top)
            for item in shown:
                child = QTreeWidgetItem([item_label(item)])
                child.setData(0, ROLE, (file, item.id))
                child.setToolTip(0, thread_html(item))
                if not _is_open(item):
                    child.setForeground(0, self.palette().placeholderText())
                top.addChild(child)
                if keep == (file, item.id):
                    self.tree.setCurrentItem(child)
            top.setExpanded(True)
        self.summary.setText(
            f"{open_count} open" if open_count else "Nothing open: no comments or suggestions"
        )
        self._show_selected()

    def select(self, file: str, item_id: str) -> None:
        """Make the row of `item_id` current (the editor's cursor went onto its words)."""
        for n in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(n)
            if top is None:
                continue
            for c in range(top.childCount()):
                child = top.child(c)
                if child is not None and child.data(0, ROLE) == (file, item_id):
                    self.tree.setCurrentItem(child)
                    return

    def _item(self) -> Comment | Suggestion | None:
        chosen = self.selected()
        if chosen is None or not chosen[1]:
            return None
        review = self.state.reviews.get(chosen[0])
        if review is None:
            return None
        items: list[Comment | Suggestion] = [*review.comments, *review.suggestions]
        for item in items:
            if item.id == chosen[1]:
                return item
        return None

    def _show_selected(self) -> None:
        item = self._item()
        self.thread_view.setHtml(thread_html(item) if item is not None else "")
        comment = isinstance(item, Comment)
        pending = isinstance(item, Suggestion) and item.pending
        edit = self.editable
        self.reply.setEnabled(edit and comment)
        states = {
            "reply": comment,
            "resolve": comment and not item.resolved,  # type: ignore[union-attr]
            "reopen": comment and item.resolved,  # type: ignore[union-attr]
            "accept": pending and not item.anchor.detached,  # type: ignore[union-attr]
            "reject": pending,
            "delete": item is not None,
            "accept_all": self._chapter_pending(),
            "reject_all": self._chapter_pending(),
        }
        for key, button in self.buttons.items():
            button.setEnabled(edit and bool(states[key]))

    def _chapter_pending(self) -> bool:
        """Whether the selected row's chapter has any pending suggestion."""
        chosen = self.selected()
        review = self.state.reviews.get(chosen[0]) if chosen is not None else None
        return review is not None and bool(review.pending_suggestions())

    def _act_chapter(self, what: str) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.act.emit(what, chosen[0], "", "")

    def set_editable(self, on: bool) -> None:
        self.editable = on
        self._show_selected()

    def _go(self, row: QTreeWidgetItem) -> None:
        data = row.data(0, ROLE)
        if isinstance(data, tuple) and data[1]:
            self.go.emit(data[0], data[1])

    def _act(self, what: str) -> None:
        chosen = self.selected()
        if chosen is None or not chosen[1]:
            return
        text = self.reply.text().strip()
        if what == "reply" and not text:
            return
        self.act.emit(what, chosen[0], chosen[1], text)
        if what == "reply":
            self.reply.clear()


def _is_open(item: Comment | Suggestion) -> bool:
    return not item.resolved if isinstance(item, Comment) else item.pending
