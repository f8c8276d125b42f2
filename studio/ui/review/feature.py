"""The review feature: actions, the editor's context menu and tooltips, Suggest mode.

Suggest mode: while Edit ▸ Suggest Changes is on, a key that would change the text
(a character, Enter, Backspace, Delete, cut, paste) becomes a suggestion instead, and
the chapter text stays the author's. Consecutive typing at one place grows one
suggestion, as consecutive Backspaces grow one deletion; Ctrl+Z takes back the last
proposal. The keys come through the shell's key hook (`Shell.add_key_handler`), a
proofreading fix through its apply filter (`Shell.add_apply_filter`). Dragging the
chapter's own words to move them is refused in Suggest mode (see `_suggest_drop`).
"""

from __future__ import annotations

import copy
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import (
    QDropEvent,
    QHelpEvent,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolTip,
    QWidget,
)

from studio.errors import StudioError
from studio.findings import Finding
from studio.review import (
    Comment,
    Suggestion,
    author_name,
    reviewer_name,
    set_reviewer_name,
    sidecar_file,
)
from studio.review.from_finding import suggest_fix
from studio.ui.document import ChapterDocument
from studio.ui.editor.chapter_editor import ChapterEditor
from studio.ui.editor.smart_typing import smart_replacement
from studio.ui.message_box import warn
from studio.ui.review.colors import review_colors
from studio.ui.review.comment_dialog import ask_comment
from studio.ui.review.inline import InsertionOverlay
from studio.ui.review.layer import ReviewLayer
from studio.ui.review.margin import CommentMargin
from studio.ui.review.panel import ReviewPanel, change_text, thread_html
from studio.ui.review.popup import ThreadPopup
from studio.ui.review.sidecar_watch import SidecarWatcher
from studio.ui.review.state import ReviewState
from studio.ui.session import StorySession
from studio.ui.shell import ActionSpec, Shell

UNDO_DEPTH = 200
REVIEW_SECTIONS = ("comment", "suggest", "decide", "panel")


class ReviewFeature(QObject):
    """Everything review adds to one window."""

    def __init__(self, shell: Shell, session: StorySession) -> None:
        super().__init__(shell)
        self.shell = shell
        self.session = session
        self.state = ReviewState(session, self)
        self.suggesting = False
        # The suggestion being typed: (file, id, caret position in the document).
        self._typing: tuple[str, str, int] | None = None
        self.panel = ReviewPanel(self.state, self._titles)
        self.panel.go.connect(self.go_to_item)
        self.panel.act.connect(self._panel_act)
        self.dock = shell.add_dock(self.panel, "Review")
        self.dock.setObjectName("reviewDock")
        self._declare()
        shell.add_highlight_layer(self._layer)
        shell.add_context_section(self._context_section)
        shell.add_paste_handler(self._paste)
        session.read_only_changed.connect(self._read_only_changed)
        session.opened.connect(lambda _p: self._read_only_changed(session.read_only))
        shell.add_key_handler(self._on_key)
        shell.add_viewport_handler(self._on_viewport)
        shell.add_apply_filter(self._apply_finding)
        # Suggest mode's own undo: the suggestions of a chapter before each proposal.
        self._undo: list[tuple[str, list[Suggestion]]] = []
        self.overlays = [InsertionOverlay(editor, self.state) for editor in shell.editors()]
        self.margins = [
            CommentMargin(editor, self.state, self._open_from_margin) for editor in shell.editors()
        ]
        self.popup: ThreadPopup | None = None  # the last thread opened at its words
        self.sidecars = SidecarWatcher(session, self.state)
        # While typing makes suggestions the status bar says so, all the time: an author
        # who forgot the mode would otherwise wonder why her typing changes nothing.
        self.mode_label = QLabel("✎ Suggesting")
        self.mode_label.setObjectName("reviewSuggesting")
        self.mode_label.setToolTip(
            "Suggest mode is on: typing, deleting and replacing become suggestions"
            " (Review ▸ Suggest Changes, Ctrl+Alt+E, turns it off)"
        )
        self.mode_label.hide()
        shell.add_status_widget(self.mode_label)
        self.state.replaced.connect(self._replaced)

    # -- declaring -------------------------------------------------------------------

    def _declare(self) -> None:
        self.shell.add_top_menu("review", "&Review", REVIEW_SECTIONS)
        add = self.shell.add_action
        add(
            ActionSpec(
                "review.comment",
                "Add &Comment…",
                "review/comment",
                self.add_comment_here,
                "Ctrl+Alt+M",
                changes_story=True,
                tip="Comment on the selected words (or the place of the cursor)",
            )
        )
        add(
            ActionSpec(
                "review.suggest",
                "&Suggest Changes",
                "review/suggest",
                self.set_suggesting,
                "Ctrl+Alt+E",
                changes_story=True,
                checkable=True,
                tip="Typing, deleting and replacing become suggestions; the text stays as it is",
            )
        )
        add(
            ActionSpec(
                "review.accept_all",
                "&Accept All Suggestions in Chapter",
                "review/decide",
                lambda: self.decide_all(True),
                changes_story=True,
                tip="Accept every pending suggestion of the chapter being edited",
            )
        )
        add(
            ActionSpec(
                "review.reject_all",
                "Re&ject All Suggestions in Chapter",
                "review/decide",
                lambda: self.decide_all(False),
                changes_story=True,
                tip="Reject every pending suggestion of the chapter being edited",
            )
        )
        add(
            ActionSpec(
                "review.panel",
                "Review &Panel",
                "review/panel",
                self.show_panel,
                "Ctrl+Alt+R",
                needs_story=True,
            )
        )
        add(
            ActionSpec(
                "review.import",
                "Import &Review…",
                "file/exchange",
                self.import_review_dialog,
                changes_story=True,
                tip="Read the comments and changes of a DOCX or ODT an editor sent back",
            )
        )
        add(
            ActionSpec(
                "review.name",
                "Reviewer &Name…",
                "edit/preferences",
                self.ask_name,
                tip="The name written on your comments and suggestions",
            )
        )

    def _titles(self) -> list[tuple[str, str]]:
        project = self.session.project
        if project is None:
            return []
        return [(c.file, f"{n}. {c.title or c.file}") for n, c in enumerate(project.chapters, 1)]

    def _layer(self, document: ChapterDocument) -> ReviewLayer:
        return ReviewLayer(document.file, document.document, document.highlighter, self.state)

    def _read_only_changed(self, on: bool) -> None:
        if on and self.suggesting:
            self.shell.action("review.suggest").setChecked(False)
        self.panel.set_editable(not on)

    def say(self, message: str) -> None:
        """The review state's messages (a sidecar that cannot be read or saved)."""
        self.shell.say(message, 12000)

    # -- who ---------------------------------------------------------------------------

    def ask_name(self) -> str | None:
        name, ok = QInputDialog.getText(
            self.shell.dialog_parent(),
            "Reviewer name",
            "Your name on comments and suggestions:",
            QLineEdit.EchoMode.Normal,
            reviewer_name() or author_name(),
        )
        if not ok or not name.strip():
            return None
        set_reviewer_name(name)
        return reviewer_name()

    def author(self) -> str | None:
        """The reviewer's name, asked once when first needed."""
        return reviewer_name() or self.ask_name()

    # -- comments ----------------------------------------------------------------------

    def _where(self, editor: QPlainTextEdit | None = None) -> tuple[str, int, int] | None:
        """(file, start, end) of the selection in the focused editor, as text indices."""
        editor = editor or self.shell.focused_editor()
        if editor is None:
            return None
        file = self.state.file_of(editor.document())
        positions = self.state.positions(file) if file else None
        if file is None or positions is None:
            return None
        cursor = editor.textCursor()
        return (
            file,
            positions.to_py(cursor.selectionStart()),
            positions.to_py(cursor.selectionEnd()),
        )

    def add_comment_here(self) -> Comment | None:
        where = self._where()
        if where is None or not self.session.can_edit():
            return None
        author = self.author()
        if author is None:
            return None
        quoted = self.state.text_of(where[0])[where[1] : where[2]]
        body = ask_comment(self.shell.dialog_parent(), "Add comment", "Comment:", quoted)
        if body is None:
            return None
        return self.add_comment(where[0], where[1], where[2], body, author)

    def add_comment(self, file: str, start: int, end: int, body: str, author: str) -> Comment:
        self.session.refuse_if_read_only()
        review = self.state.review(file)
        comment = review.add_comment(self.state.text_of(file), start, end, body, author)
        self._done(file)
        self.dock.show()
        self.panel.select(file, comment.id)
        return comment

    def act(self, what: str, file: str, item_id: str, text: str = "") -> None:
        """Reply / resolve / reopen / delete / accept / reject one item (saved at once)."""
        try:
            self.session.refuse_if_read_only()
            review = self.state.review(file)
            if what == "reply":
                author = self.author()
                if author is None:
                    return
                review.reply(item_id, text, author)
            elif what == "resolve":
                review.resolve(item_id)
            elif what == "reopen":
                review.reopen(item_id)
            elif what == "delete":
                if item_id.startswith("c-"):
                    review.remove_comment(item_id)
                else:
                    review.suggestions.remove(review.suggestion(item_id))
            elif what == "accept":
                new_text = review.accept(item_id, self.state.text_of(file))
                self.state.apply_text(file, new_text)
            elif what == "reject":
                review.reject(item_id)
        except StudioError as error:
            self.shell.say(str(error))
            return
        if what in ("accept", "reject", "delete"):
            self._forget_undo(file)
        self._done(file)
        self.panel.select(file, item_id)

    def _panel_act(self, what: str, file: str, item_id: str, text: str) -> None:
        if what in ("accept_all", "reject_all"):
            self.decide_all(what == "accept_all", file)
            return
        self.act(what, file, item_id, text)

    def _done(self, file: str) -> None:
        """An explicit review action: saved and listed at once (typing waits instead)."""
        self.state.touch(file, save=False)
        self.state.flush()
        self.panel.refresh()

    def decide_all(self, accept: bool, file: str | None = None) -> int:
        """Accept (or reject) every pending suggestion of `file`, by default the chapter
        being edited; the accepted text goes in as one undo step. Returns how many were
        decided; suggestions whose words are gone stay pending (the status bar says so)."""
        if file is None:
            where = self._where()
            file = where[0] if where is not None else self.shell.selected_chapter()
        if file is None:
            return 0
        try:
            self.session.refuse_if_read_only()
            review = self.state.review(file)
            pending = len(review.pending_suggestions())
            if accept:
                self.state.apply_text(file, review.accept_all(self.state.text_of(file)))
            else:
                review.reject_all()
        except StudioError as error:
            self.shell.say(str(error))
            return 0
        left = len(review.pending_suggestions())
        self._forget_undo(file)
        self._done(file)
        decided = pending - left
        verb = "Accepted" if accept else "Rejected"
        message = f"{verb} {decided} suggestion{'' if decided == 1 else 's'} in {self._title(file)}"
        if left:
            message += f"; {left} left pending (their words are no longer in the chapter)"
        self.shell.say(message)
        return decided

    def _title(self, file: str) -> str:
        return dict(self._titles()).get(file, file)

    def _replaced(self, file: str) -> None:
        """The chapter's sidecar was read again (changed outside Studio)."""
        self._forget_undo(file)
        if self._typing is not None and self._typing[0] == file:
            self._typing = None

    def _forget_undo(self, file: str) -> None:
        """A decision was made in `file`: Suggest mode's Ctrl+Z must not bring back as
        pending what the author has accepted or rejected since."""
        self._undo = [(f, before) for f, before in self._undo if f != file]

    # -- going there -----------------------------------------------------------------

    def show_panel(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.panel.tree.setFocus()

    def go_to_item(self, file: str, item_id: str) -> None:
        review = self.state.reviews.get(file)
        if review is None:
            return
        items: list[Comment | Suggestion] = [*review.comments, *review.suggestions]
        found = [i for i in items if i.id == item_id]
        if not found:
            return
        anchor = found[0].anchor
        text = self.state.text_of(file)
        line = text.count("\n", 0, anchor.start)
        column = anchor.start - (text.rfind("\n", 0, anchor.start) + 1)
        if not self.shell.go_to(file, line, column):
            return
        editor = self.shell.focused_editor()
        positions = self.state.positions(file)
        if editor is not None and positions is not None and not anchor.detached:
            editor.select_range(positions.to_qt(anchor.start), positions.to_qt(anchor.end))

    # -- the editor: context menu, tooltips ------------------------------------------

    def _items_under(
        self, editor: QPlainTextEdit, position: int
    ) -> tuple[str, list[Comment | Suggestion]]:
        return self._items_at(editor.document(), position)

    def _items_at(self, qdocument: object, position: int) -> tuple[str, list[Comment | Suggestion]]:
        file = self.state.file_of(qdocument)
        positions = self.state.positions(file) if file else None
        if file is None or positions is None:
            return "", []
        return file, self.state.items_at(file, positions.to_py(position))

    def _context_section(self, menu: QMenu, cursor: QTextCursor) -> None:
        file, items = self._items_at(cursor.document(), cursor.position())
        if not file:
            return
        menu.addSeparator()
        edit = self.session.can_edit()
        comment = menu.addAction("Add Comment…", self.add_comment_here)
        comment.setEnabled(edit)
        for item in items:
            if isinstance(item, Comment):
                head = f"Comment by {item.author}"
                menu.addAction(
                    f"Open Thread ({head})…", partial(self.open_thread, file, item.id, cursor)
                )
                sub = menu.addMenu(head)
                sub.setEnabled(edit)
                sub.addAction("Reply…", partial(self._reply_dialog, file, item.id))
                if item.resolved:
                    sub.addAction("Reopen", partial(self.act, "reopen", file, item.id))
                else:
                    sub.addAction("Resolve", partial(self.act, "resolve", file, item.id))
                sub.addAction("Delete", partial(self.act, "delete", file, item.id))
            else:
                menu.addSection(f"{item.author}: {change_text(item)}")
                accept = menu.addAction(
                    "Accept Change",
                    partial(self.act, "accept", file, item.id),
                )
                reject = menu.addAction(
                    "Reject Change",
                    partial(self.act, "reject", file, item.id),
                )
                accept.setEnabled(edit)
                reject.setEnabled(edit)

    def open_thread(
        self,
        file: str,
        comment_id: str,
        cursor: QTextCursor,
        editor: QPlainTextEdit | None = None,
    ) -> ThreadPopup | None:
        """The thread in a popup just under its words (in `editor`, by default the
        focused one); the Review panel shows it too."""
        editor = editor or self.shell.focused_editor()
        review = self.state.reviews.get(file)
        if editor is None or review is None:
            return None
        comment = review.comment(comment_id)
        popup = ThreadPopup(
            comment,
            lambda what, text: self.act(what, file, comment_id, text),
            self.session.can_edit(),
            editor,
        )
        rect = editor.cursorRect(cursor)
        popup.show_at(editor.viewport().mapToGlobal(rect.bottomLeft() + QPoint(0, 4)))
        self.panel.select(file, comment_id)
        self.popup = popup
        return popup

    def _open_from_margin(
        self, editor: QPlainTextEdit, file: str, comment_id: str, cursor: QTextCursor
    ) -> ThreadPopup | None:
        """A click on a comment's margin marker: its thread, at its words."""
        return self.open_thread(file, comment_id, cursor, editor)

    def _reply_dialog(self, file: str, item_id: str) -> None:
        body = ask_comment(self.shell.dialog_parent(), "Reply", "Reply:")
        if body is not None:
            self.act("reply", file, item_id, body)

    def _on_key(self, editor: ChapterEditor, event: QEvent) -> bool:
        """The shell's key hook: in Suggest mode a change of the text becomes a
        suggestion (True: the editor never sees the key)."""
        if not self.suggesting or editor.isReadOnly():
            return False
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._suggest_key(editor, event)
        if isinstance(event, QInputMethodEvent):
            committed = event.commitString()
            if committed:
                self._suggest_text(editor, committed)
            return bool(committed) or bool(event.preeditString())
        return False

    def _on_viewport(self, editor: ChapterEditor, event: QEvent) -> bool:
        """The shell's viewport hook: tooltips on marked words, a click shows the
        item in the panel, drops in Suggest mode."""
        kind = event.type()
        if kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cursor = editor.cursorForPosition(event.pos())
            _file, items = self._items_under(editor, cursor.position())
            if items:
                QToolTip.showText(
                    event.globalPos(), "<hr>".join(thread_html(i) for i in items), editor
                )
                return True
        elif kind == QEvent.Type.MouseButtonRelease:
            self._follow_cursor(editor)
        elif kind == QEvent.Type.Drop and self.suggesting and isinstance(event, QDropEvent):
            return self._suggest_drop(editor, event)
        return False

    def _suggest_drop(self, editor: ChapterEditor, event: QDropEvent) -> bool:
        """A drop in Suggest mode. Moving the chapter's own words by dragging is refused:
        Qt would delete them at the source itself, behind the suggestion's back, and a
        move shown as one deletion plus one insertion is clearer made by Cut and Paste,
        which both become suggestions. Text dragged in from elsewhere is an insertion."""
        source: object = event.source()
        if isinstance(source, QWidget) and isinstance(source.parentWidget(), ChapterEditor):
            source = source.parentWidget()
        if isinstance(source, ChapterEditor):
            event.setDropAction(Qt.DropAction.IgnoreAction)
            event.accept()
            self.shell.say(
                "Suggest mode: text is not moved by dragging; cut it and paste it where it"
                " goes (both become suggestions)"
            )
            return True
        text = event.mimeData().text() if event.mimeData() is not None else ""
        if text and not editor.isReadOnly():
            editor.setTextCursor(editor.cursorForPosition(event.position().toPoint()))
            self._suggest_text(editor, text)
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        return True

    def _follow_cursor(self, editor: ChapterEditor) -> None:
        """A click on commented words shows their thread in the Review panel."""
        file, items = self._items_under(editor, editor.textCursor().position())
        if items:
            self.dock.show()
            self.panel.select(file, items[0].id)

    # -- Suggest mode ----------------------------------------------------------------

    def set_suggesting(self, on: bool) -> None:
        self.suggesting = on and self.session.can_edit()
        self._typing = None
        ink = review_colors().insert_ink.name()
        self.mode_label.setStyleSheet(f"QLabel {{ color: {ink}; font-weight: 600; }}")
        self.mode_label.setVisible(self.suggesting)
        self.shell.say("Suggest mode: your changes become suggestions" if self.suggesting else "")

    def _paste(self, source: object) -> bool:
        if not self.suggesting:
            return False
        text = source.text() if hasattr(source, "text") else ""
        editor = self.shell.focused_editor()
        if not text or editor is None:
            return False
        self._suggest_text(editor, text)
        return True

    def _suggest_key(self, editor: ChapterEditor, event: QKeyEvent) -> bool:
        """True when the key became (part of) a suggestion."""
        if editor.isReadOnly():
            return False
        if event.matches(QKeySequence.StandardKey.Cut):
            editor.copy()
            return self._suggest_delete(editor, back=True)
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_suggestion()
            return True  # nothing was typed into the text: nothing of the author's to undo
        if event.matches(QKeySequence.StandardKey.Redo):
            return True
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Backspace and plain:
            return self._suggest_delete(editor, back=True)
        if key == Qt.Key.Key_Delete and plain:
            return self._suggest_delete(editor, back=False)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            return self._suggest_text(editor, "\n")
        typed = event.text()
        if plain and typed and typed.isprintable():
            cursor = editor.textCursor()
            line = cursor.block().text()
            smart = smart_replacement(typed, line[: cursor.positionInBlock()], line)
            if editor.smart_typing and smart is not None and smart[0] == 0:
                typed = smart[1]
            return self._suggest_text(editor, typed)
        return False

    def _remember(self, file: str) -> None:
        """Before a new proposal: the chapter's suggestions as they were, for Ctrl+Z."""
        review = self.state.review(file)
        self._undo.append((file, copy.deepcopy(review.suggestions)))
        del self._undo[:-UNDO_DEPTH]

    def undo_suggestion(self) -> bool:
        """Ctrl+Z in Suggest mode: take back the last proposal (a run of typing, of
        Backspaces, a paste, an applied fix) as a whole. False: nothing to undo."""
        self._typing = None
        if not self._undo:
            self.shell.say("Suggest mode: no suggestion of yours to undo")
            return False
        file, before = self._undo.pop()
        try:
            self.session.refuse_if_read_only()
        except StudioError as error:
            self.shell.say(str(error))
            return False
        self.state.review(file).suggestions[:] = before
        self.state.touch(file)
        self.panel.refresh()
        return True

    def _context(self, editor: QPlainTextEdit) -> tuple[str, str] | None:
        where = self._where(editor)
        author = self.author() if where is not None else None
        if where is None or author is None:
            return None
        return where[0], author

    def _suggest_text(self, editor: QPlainTextEdit, typed: str) -> bool:
        found = self._context(editor)
        if found is None:
            return True
        file, author = found
        cursor = editor.textCursor()
        review = self.state.review(file)
        positions = self.state.positions(file)
        assert positions is not None
        typing = self._current(file, cursor)
        if typing is not None and not cursor.hasSelection():
            typing.text += typed
        else:
            start = positions.to_py(cursor.selectionStart())
            end = positions.to_py(cursor.selectionEnd())
            self._remember(file)
            try:
                made = review.add_suggestion(self.state.text_of(file), start, end, typed, author)
            except StudioError as error:
                self.shell.say(str(error))
                return True
            caret = cursor.selectionEnd()
            cursor.setPosition(caret)
            editor.setTextCursor(cursor)
            self._typing = (file, made.id, caret)
        self.state.touch(file)
        return True

    def _current(self, file: str, cursor: QTextCursor) -> Suggestion | None:
        """The suggestion being typed, when the caret is still where typing left it."""
        if self._typing is None:
            return None
        typed_file, item_id, caret = self._typing
        if typed_file != file or caret != cursor.position():
            return None
        review = self.state.reviews.get(file)
        if review is None:
            return None
        for suggestion in review.pending_suggestions():
            if suggestion.id == item_id:
                return suggestion
        return None

    def _suggest_delete(self, editor: QPlainTextEdit, *, back: bool) -> bool:
        found = self._context(editor)
        if found is None:
            return True
        file, author = found
        cursor = editor.textCursor()
        review = self.state.review(file)
        positions = self.state.positions(file)
        assert positions is not None
        typing = self._current(file, cursor)
        if typing is not None and not cursor.hasSelection() and back and typing.text:
            typing.text = typing.text[:-1]  # take back a typed character
            if not typing.text and not typing.anchor.exact:
                review.suggestions.remove(typing)
                self._typing = None
            self.state.touch(file)
            return True
        if cursor.hasSelection():
            start, end = cursor.selectionStart(), cursor.selectionEnd()
        elif back:
            start, end = max(cursor.position() - 1, 0), cursor.position()
        else:
            last = editor.document().characterCount() - 1
            start, end = cursor.position(), min(cursor.position() + 1, last)
        if start == end:
            return True
        text = self.state.text_of(file)
        py_start, py_end = positions.to_py(start), positions.to_py(end)
        if typing is not None and not typing.text and not cursor.hasSelection():
            # grow the deletion being made instead of adding another one
            py_start = min(py_start, typing.anchor.start)
            py_end = max(py_end, typing.anchor.end)
            review.suggestions.remove(typing)
        else:
            self._remember(file)
        made = review.add_suggestion(text, py_start, py_end, "", author)
        caret = start if back else end
        cursor.setPosition(caret)
        editor.setTextCursor(cursor)
        self._typing = (file, made.id, caret)
        self.state.touch(file)
        return True

    # -- proofreading fixes in Suggest mode -------------------------------------------

    def _apply_finding(self, finding: Finding, replacement: str) -> bool:
        if not self.suggesting:
            return False
        author = self.author()
        if author is None:
            return True
        review = self.state.review(finding.file)
        self._remember(finding.file)
        try:
            suggest_fix(review, self.state.text_of(finding.file), finding, replacement, author)
        except StudioError as error:
            self.shell.say(str(error))
            return True
        self._done(finding.file)
        return True

    # -- importing a review ----------------------------------------------------------

    def import_review_dialog(self) -> None:
        project = self.session.project
        if project is None:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self.shell.dialog_parent(),
            "Import review",
            str(Path.home()),
            "Reviewed documents (*.docx *.odt);;All files (*)",
        )
        if path:
            self.import_review(Path(path))

    def import_review(self, path: Path) -> str:
        """Bring an editor's DOCX/ODT review in (as `studio import-review` does)."""
        # Loaded on first use: it brings python-docx and the exporters (0.3 s at start-up).
        from studio.review.importing import import_review  # noqa: PLC0415

        project = self.session.project
        if project is None:
            return ""
        self.shell.save_all()
        self.state.flush()
        try:
            sidecars = [sidecar_file(c.file) for c in project.chapters]
            with self.session.changing(*sidecars):
                report = import_review(project, path, author=None)
        except StudioError as error:
            warn(self.shell.dialog_parent(), "Import review", str(error))
            return str(error)
        self.state.reload_sidecars()
        message = (
            f"Imported {report.comments} comments, {report.replies} replies, "
            f"{report.tracked} tracked and {report.untracked} untracked changes"
        )
        if report.detached:
            message += f"; {report.detached} detached (their words were rewritten)"
        if report.already:
            message += f"; {report.already} already here"
        self.shell.say(message)
        self.show_panel()
        return message
