"""The review feature: actions, the editor's context menu and tooltips, Suggest mode.

Suggest mode: while Edit ▸ Suggest Changes is on, a key that would change the text
(a character, Enter, Backspace, Delete, cut, paste) becomes a suggestion instead, and
the chapter text stays the author's. Consecutive typing at one place grows one
suggestion, as consecutive Backspaces grow one deletion. The keys are caught by an
event filter on the application, limited to this window's chapter editors: the shell
has no key hook (the one shell gap this feature works around, in this module only).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QHelpEvent, QInputMethodEvent, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
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
from studio.review.importing import import_review
from studio.ui.document import ChapterDocument
from studio.ui.editor.chapter_editor import ChapterEditor
from studio.ui.editor.smart_typing import smart_replacement
from studio.ui.message_box import warn
from studio.ui.review.comment_dialog import ask_comment
from studio.ui.review.layer import ReviewLayer
from studio.ui.review.panel import ReviewPanel, change_text, thread_html
from studio.ui.review.popup import ThreadPopup
from studio.ui.review.state import ReviewState
from studio.ui.session import StorySession
from studio.ui.shell import ActionSpec, Shell


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
        self.dock.hide()
        self._declare()
        shell.add_highlight_layer(self._layer)
        shell.add_context_section(self._context_section)
        shell.add_paste_handler(self._paste)
        session.read_only_changed.connect(self._read_only_changed)
        session.opened.connect(lambda _p: self._read_only_changed(session.read_only))
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        # Proofreading plugs in after the window's own features: join it once it has.
        QTimer.singleShot(0, self._join_proofreading)

    # -- declaring -------------------------------------------------------------------

    def _declare(self) -> None:
        add = self.shell.add_action
        add(
            ActionSpec(
                "review.comment",
                "Add &Comment…",
                "edit/text",
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
                "edit/typing",
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
                "Accept All Suggestions in Chapter",
                "tools/check",
                lambda: self.decide_all(True),
                changes_story=True,
            )
        )
        add(
            ActionSpec(
                "review.reject_all",
                "Reject All Suggestions in Chapter",
                "tools/check",
                lambda: self.decide_all(False),
                changes_story=True,
            )
        )
        add(
            ActionSpec(
                "review.panel",
                "&Review Panel",
                "view/docks",
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
        self._done(file)
        self.panel.select(file, item_id)

    def _panel_act(self, what: str, file: str, item_id: str, text: str) -> None:
        self.act(what, file, item_id, text)

    def _done(self, file: str) -> None:
        """An explicit review action: saved and listed at once (typing waits instead)."""
        self.state.touch(file, save=False)
        self.state.flush()
        self.panel.refresh()

    def decide_all(self, accept: bool) -> None:
        where = self._where()
        if where is None:
            return
        file = where[0]
        try:
            self.session.refuse_if_read_only()
            review = self.state.review(file)
            if accept:
                self.state.apply_text(file, review.accept_all(self.state.text_of(file)))
            else:
                review.reject_all()
        except StudioError as error:
            self.shell.say(str(error))
            return
        self._done(file)

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

    def open_thread(self, file: str, comment_id: str, cursor: QTextCursor) -> ThreadPopup | None:
        """The thread in a popup just under its words."""
        editor = self.shell.focused_editor()
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
        return popup

    def _reply_dialog(self, file: str, item_id: str) -> None:
        body = ask_comment(self.shell.dialog_parent(), "Reply", "Reply:")
        if body is not None:
            self.act("reply", file, item_id, body)

    def _mine(self, watched: QObject) -> ChapterEditor | None:
        """The chapter editor of this window that `watched` is (or is the viewport of)."""
        editor = watched if isinstance(watched, ChapterEditor) else None
        if editor is None and isinstance(watched, QWidget):
            parent = watched.parentWidget()
            editor = parent if isinstance(parent, ChapterEditor) else None
        if editor is None or editor.window() is not self.shell.dialog_parent():
            return None
        return editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.KeyPress and self.suggesting:
            editor = self._mine(watched)
            if editor is not None and watched is editor and isinstance(event, QKeyEvent):
                return self._suggest_key(editor, event)
        elif kind == QEvent.Type.InputMethod and self.suggesting:
            editor = self._mine(watched)
            if editor is not None and isinstance(event, QInputMethodEvent):
                committed = event.commitString()
                if committed and not editor.isReadOnly():
                    self._suggest_text(editor, committed)
                return bool(committed) or bool(event.preeditString())
        elif kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            editor = self._mine(watched)
            if editor is not None and watched is editor.viewport():
                cursor = editor.cursorForPosition(event.pos())
                _file, items = self._items_under(editor, cursor.position())
                if items:
                    QToolTip.showText(
                        event.globalPos(), "<hr>".join(thread_html(i) for i in items), editor
                    )
                    return True
        elif kind == QEvent.Type.MouseButtonRelease:
            editor = self._mine(watched)
            if editor is not None and watched is editor.viewport():
                self._follow_cursor(editor)
        return False

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
        if event.matches(QKeySequence.StandardKey.Undo) or event.matches(
            QKeySequence.StandardKey.Redo
        ):
            return True  # nothing was typed into the text: nothing of the author's to undo
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
        made = review.add_suggestion(text, py_start, py_end, "", author)
        caret = start if back else end
        cursor.setPosition(caret)
        editor.setTextCursor(cursor)
        self._typing = (file, made.id, caret)
        self.state.touch(file)
        return True

    # -- proofreading fixes in Suggest mode -------------------------------------------

    def _join_proofreading(self) -> None:
        """Give the proofreading feature a hook so that Apply, in Suggest mode, makes a
        suggestion. It is found by its hook list (not imported: it takes the window)."""
        for child in self.shell.dialog_parent().findChildren(QObject):
            hooks = getattr(child, "apply_hooks", None)
            if isinstance(hooks, list) and self._apply_finding not in hooks:
                hooks.append(self._apply_finding)

    def _apply_finding(self, finding: Finding, replacement: str) -> bool:
        if not self.suggesting:
            return False
        author = self.author()
        if author is None:
            return True
        review = self.state.review(finding.file)
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
