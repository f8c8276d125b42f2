"""Screenshots of review in the window: a comment's thread, Suggest mode with an
accepted and a pending change, and the Review panel, light and dark.

Run under Xvfb with a window manager (the tooltip and the menu are their own windows,
so the screen is grabbed, not the window) from the repository root:

    xvfb-run -a -s "-screen 0 1440x900x24" sh -c \
        'openbox & sleep 1; .venv/bin/python docs/make_review_screenshots.py'

It works on a copy of the sample story with its own settings; the suggestions are typed
in Suggest mode with real key events, the comments added as the window adds them.
"""

# ruff: noqa: PLC0415 (imports after the settings folders are pointed at a scratch folder)
from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path
from typing import Any

from shots import ROOT, sample_copy, scratch_home

CH1 = "chapters/01-the-signal.md"


def main() -> int:
    scratch = scratch_home("studio-review-shots-")
    from studio.review import set_reviewer_name
    from studio.ui.app import application

    set_reviewer_name("Ada Beta")
    app = application()
    for theme in sys.argv[1:] or ["light", "dark"]:
        shoot(app, scratch, theme)
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


def settle(app: Any, seconds: float = 0.4) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def save_screen(app: Any, window: Any, name: str) -> None:
    """The window's area of the screen (with any tooltip or menu over it)."""
    screen = app.primaryScreen()
    frame = window.frameGeometry()
    shot = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    target = ROOT / "docs" / "screenshots" / f"{name}.png"
    shot.save(str(target))
    print(target)


def shoot(app: Any, scratch: Path, theme: str) -> None:  # noqa: PLR0915 (a tour, in order)
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QCursor, QTextCursor
    from PySide6.QtTest import QTest

    from studio.ui.app import create_window
    from studio.ui.review.feature import ReviewFeature
    from studio.ui.theme import ThemeChoice

    story = sample_copy(scratch, f"salt-and-static-{theme}")
    window = create_window()
    window.prefs.theme = ThemeChoice(theme)
    window.shell.set_preferences(window.prefs)
    window.resize(1280, 800)
    window.move(0, 0)
    window.open_project(story)
    window.show()
    window.activateWindow()
    QCursor.setPos(window.frameGeometry().center())
    settle(app, 1.0)
    feature = window.findChild(ReviewFeature)
    assert feature is not None
    editor = window.focused_pane().editor
    text = feature.state.text_of(CH1)

    def span(words: str) -> tuple[int, int]:
        start = text.index(words)
        return start, start + len(words)

    first = feature.add_comment(
        CH1, *span("ninety years"), "Too long? Could be “a century”.", "Ada Beta"
    )
    feature.state.review(CH1).reply(
        first.id, "It's a lighthouse, they last. Keeping it.", "quillfeather"
    )
    feature.act("resolve", CH1, first.id)
    feature.act("reopen", CH1, first.id)  # saved with the author's reply
    feature.add_comment(CH1, *span("small grey boxes"), "Love this image.", "Ada Beta")

    # Suggest mode, typed with real keys: a replacement, a deletion, an insertion.
    editor.setFocus()
    feature.shell.action("review.suggest").setChecked(True)

    def select(words: str) -> QTextCursor:
        found = editor.document().find(words)
        editor.setTextCursor(found)
        return found

    select("her self")
    QTest.keyClicks(editor, "herself")
    cursor = select("Still, ")
    cursor.setPosition(cursor.selectionEnd())
    editor.setTextCursor(cursor)
    for _ in range(len("Still, ")):
        QTest.keyClick(editor, Qt.Key.Key_Backspace)
    cursor = select("the radio")
    cursor.setPosition(cursor.selectionStart() + len("the "))
    editor.setTextCursor(cursor)
    QTest.keyClicks(editor, "old ")
    select("fell asleep")
    QTest.keyClicks(editor, "slept")
    review = feature.state.review(CH1)
    accepted = next(s for s in review.pending_suggestions() if s.text == "herself")
    feature.act("accept", CH1, accepted.id)
    settle(app)

    # 1. the thread, opened at the commented words
    feature.dock.hide()
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    cursor = select("ninety years")
    cursor.setPosition(cursor.selectionStart() + 4)
    editor.setTextCursor(cursor)
    window.activateWindow()
    settle(app, 0.6)
    popup = feature.open_thread(CH1, first.id, cursor)
    settle(app, 0.6)
    save_screen(app, window, f"review-thread-{theme}")
    if popup is not None:
        popup.close()

    # 2. Suggest mode: the marks, and the menu on a pending change
    cursor = select("fell asleep")
    cursor.setPosition(cursor.selectionStart() + 3)
    editor.setTextCursor(cursor)
    settle(app)
    rect = editor.cursorRect(cursor)
    menu = editor.build_context_menu(rect.center())
    menu.popup(editor.viewport().mapToGlobal(rect.bottomRight() + QPoint(4, 4)))
    settle(app, 0.8)
    save_screen(app, window, f"review-suggest-{theme}")
    menu.close()

    # 3. the Review panel, a comment selected (its thread under the list)
    feature.show_panel()
    feature.panel.select(CH1, first.id)
    feature.go_to_item(CH1, first.id)
    settle(app, 0.6)
    save_screen(app, window, f"review-panel-{theme}")
    window.close()
    settle(app, 0.3)


if __name__ == "__main__":
    raise SystemExit(main())
