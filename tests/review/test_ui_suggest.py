"""Suggest mode in the real window: typing, deleting and replacing become suggestions
(the chapter stays the author's); accept one and reject another."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from studio.review import Kind, Status, load_review, set_reviewer_name
from studio.story import Project
from studio.ui.main_window import MainWindow
from tests.review.ui_review_support import (  # noqa: F401 (app_window: a fixture)
    CH1,
    app_window,
    feature_of,
    review_of,
    select_words,
)
from tests.ui_helpers import open_window


def _suggesting(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.focused_pane().editor
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    editor.setFocus()
    qtbot.keyClick(
        editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert window.shell.action("review.suggest").isChecked()


def _disk(story: Path) -> str:
    return (story / CH1).read_text(encoding="utf-8")


def test_typing_in_suggest_mode_proposes_and_accept_or_reject_decides(
    qtbot: QtBot, sample_copy: Path
) -> None:
    set_reviewer_name("Ada Beta")
    before = _disk(sample_copy)
    window = open_window(qtbot, sample_copy)
    editor = window.focused_pane().editor
    shown = editor.toPlainText()
    _suggesting(qtbot, window)
    # replace: select words and type over them
    select_words(editor, "her self")
    qtbot.keyClicks(editor, "herself")
    # delete: three Backspaces after "Still,"… grows one deletion
    cursor = select_words(editor, "Still, ")
    cursor.setPosition(cursor.selectionEnd())
    editor.setTextCursor(cursor)
    for _ in range(len("Still, ")):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    # insert: type at a point
    cursor = select_words(editor, "the radio")
    cursor.setPosition(cursor.selectionStart() + len("the "))
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "old ")
    assert editor.toPlainText() == shown  # the text is the author's
    review = review_of(window)
    by_kind = {s.kind: s for s in review.pending_suggestions()}
    assert set(by_kind) == {Kind.REPLACE, Kind.DELETE, Kind.INSERT}
    assert (by_kind[Kind.REPLACE].anchor.exact, by_kind[Kind.REPLACE].text) == (
        "her self",
        "herself",
    )
    assert by_kind[Kind.DELETE].anchor.exact == "Still, "
    assert by_kind[Kind.INSERT].text == "old "
    assert all(s.author == "Ada Beta" for s in review.suggestions)
    # saved beside the chapter; the chapter file unchanged
    project = Project.load(sample_copy)
    qtbot.waitUntil(lambda: len(load_review(project, CH1).suggestions) == 3)
    assert _disk(sample_copy) == before
    # the marks: struck through for the replaced and deleted words
    layer = next(la for la in editor.highlighter().layers if hasattr(la, "runs"))  # type: ignore[union-attr]
    struck = [run for runs in layer.runs.values() for run in runs if run[2].fontStrikeOut()]
    assert sorted(r[1] for r in struck) == sorted([len("her self"), len("Still, ")])
    # accept the replacement (context menu at its words), reject the deletion (panel)
    window.shell.action("review.suggest").setChecked(False)
    feature = feature_of(window)
    cursor = select_words(editor, "her self")
    cursor.setPosition(cursor.selectionStart() + 2)
    menu = editor.build_context_menu(editor.cursorRect(cursor).center())
    labels = [a.text() for a in menu.actions()]
    assert "Ada Beta: “her self” → “herself”" in labels
    accept = next(a for a in menu.actions() if a.text() == "Accept Change")
    accept.trigger()
    assert "She told herself it was duty." in editor.toPlainText()
    assert by_kind[Kind.REPLACE].status is Status.ACCEPTED
    feature.panel.select(CH1, by_kind[Kind.DELETE].id)
    qtbot.mouseClick(feature.panel.buttons["reject"], Qt.MouseButton.LeftButton)
    assert by_kind[Kind.DELETE].status is Status.REJECTED
    assert "Still, the rules" in editor.toPlainText()
    # the insertion is still pending, still on its place after the accepted change
    insert = by_kind[Kind.INSERT]
    text = editor.toPlainText()
    assert insert.pending and text[insert.anchor.start - 4 : insert.anchor.start] == "the "
    assert text[insert.anchor.start :].startswith("radio")
    qtbot.waitUntil(lambda: "She told herself" in _disk(sample_copy))
    saved = load_review(Project.load(sample_copy), CH1)
    assert {s.status for s in saved.suggestions} == {
        Status.ACCEPTED,
        Status.REJECTED,
        Status.PENDING,
    }
    # accept all in the chapter takes the last one
    editor.setFocus()
    window.shell.action("review.accept_all").trigger()
    assert "the old radio" in editor.toPlainText()
    assert not review.pending_suggestions()


def test_typing_then_backspace_takes_back_the_typed_characters(
    qtbot: QtBot, sample_copy: Path
) -> None:
    set_reviewer_name("Ada Beta")
    window = open_window(qtbot, sample_copy)
    editor = window.focused_pane().editor
    _suggesting(qtbot, window)
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(editor, "Onxe")
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, "ce, ")
    (only,) = review_of(window).pending_suggestions()
    assert (only.kind, only.text, only.anchor.start) == (Kind.INSERT, "Once, ", 0)


def test_applying_a_proofreading_fix_in_suggest_mode_makes_a_suggestion(
    app_window: MainWindow,  # noqa: F811 (the fixture)
    qtbot: QtBot,
    sample_copy: Path,
) -> None:
    set_reviewer_name("Ada Beta")
    window = app_window
    before = _disk(sample_copy)
    proofread = next(
        child
        for child in window.findChildren(QObject)
        if type(child).__name__ == "ProofreadFeature"
    )
    proofread.show()  # type: ignore[attr-defined]
    qtbot.waitUntil(
        lambda: any(f.rule == "split-self" for f in proofread.panel.findings),  # type: ignore[attr-defined]
        timeout=60000,
    )
    finding = next(f for f in proofread.panel.findings if f.rule == "split-self")  # type: ignore[attr-defined]
    _suggesting(qtbot, window)
    proofread.apply(finding, "herself")  # type: ignore[attr-defined]
    editor = window.focused_pane().editor
    assert "She told her self it was duty." in editor.toPlainText()
    (made,) = review_of(window).pending_suggestions()
    assert (made.anchor.exact, made.text, made.author) == ("her self", "herself", "Ada Beta")
    qtbot.waitUntil(lambda: len(load_review(Project.load(sample_copy), CH1).suggestions) == 1)
    assert _disk(sample_copy) == before
